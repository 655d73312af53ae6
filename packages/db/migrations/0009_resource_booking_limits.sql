ALTER TABLE "resources" ADD COLUMN "max_booking_days" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "online_url" text;