CREATE TABLE "base_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"audiences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity" integer,
	"booking_info" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "base_events_period" CHECK ("base_events"."ends_at" >= "base_events"."starts_at"),
	CONSTRAINT "base_events_capacity" CHECK ("base_events"."capacity" is null or "base_events"."capacity" > 0)
);
--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "base_events_base_idx" ON "base_events" USING btree ("base_id","starts_at");--> statement-breakpoint
CREATE INDEX "base_events_public_idx" ON "base_events" USING btree ("ends_at","starts_at") WHERE status <> 'draft';