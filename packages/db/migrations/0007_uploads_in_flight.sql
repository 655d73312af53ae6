CREATE TABLE "uploads_in_flight" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"target" text NOT NULL,
	"owner_key" text NOT NULL,
	"declared_bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "stripped_storage_key" text;--> statement-breakpoint
ALTER TABLE "uploads_in_flight" ADD CONSTRAINT "uploads_in_flight_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "uploads_in_flight_owner_idx" ON "uploads_in_flight" USING btree ("owner_key");--> statement-breakpoint
CREATE INDEX "uploads_in_flight_user_idx" ON "uploads_in_flight" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "uploads_in_flight_activity_idx" ON "uploads_in_flight" USING btree ("last_activity_at");--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_strippedStorageKey_unique" UNIQUE("stripped_storage_key");