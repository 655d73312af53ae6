ALTER TABLE "funding_report_files" ALTER COLUMN "report_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_calls" ADD COLUMN "tranche_percents" jsonb DEFAULT '[70,30]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD COLUMN "application_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD COLUMN "purpose" text DEFAULT 'evidence' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD COLUMN "label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD CONSTRAINT "funding_report_files_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_report_files_app_idx" ON "funding_report_files" USING btree ("application_id","purpose");