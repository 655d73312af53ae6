ALTER TABLE "event_cohosts" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD COLUMN "report_attendance" integer;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD COLUMN "report_young_people" integer;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD COLUMN "report_summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD COLUMN "reported_by" uuid;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD COLUMN "reported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activity_campaigns" ADD COLUMN "description_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD CONSTRAINT "event_cohosts_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;