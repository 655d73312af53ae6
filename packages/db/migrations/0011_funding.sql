CREATE TABLE "funding_agreements" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"budget_revision" integer NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_agreements_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "funding_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"base_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"alliance_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"aims" text DEFAULT '' NOT NULL,
	"audiences" text DEFAULT '' NOT NULL,
	"start_date" date,
	"end_date" date,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"targets" jsonb DEFAULT '{"events":0,"people":0,"youth":0,"newMedia":0}'::jsonb NOT NULL,
	"co_funding_fen" bigint DEFAULT 0 NOT NULL,
	"co_funding_source" text DEFAULT '' NOT NULL,
	"requested_fen" bigint DEFAULT 0 NOT NULL,
	"award_fen" bigint,
	"budget_revision" integer DEFAULT 0 NOT NULL,
	"report_due_on" date,
	"report_return_deadline" date,
	"created_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"closed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_applications_award_ck" CHECK ("funding_applications"."award_fen" is null or ("funding_applications"."award_fen" > 0 and "funding_applications"."award_fen" <= "funding_applications"."requested_fen"))
);
--> statement-breakpoint
CREATE TABLE "funding_budget_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"from_revision" integer NOT NULL,
	"to_revision" integer,
	"lines_before" jsonb NOT NULL,
	"lines_after" jsonb NOT NULL,
	"end_date_before" date,
	"end_date_after" date,
	"scope" text DEFAULT '' NOT NULL,
	"reason" text NOT NULL,
	"cross_category_fen" bigint DEFAULT 0 NOT NULL,
	"requested_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_budget_lines" (
	"application_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"item" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	CONSTRAINT "funding_budget_lines_application_id_revision_key_pk" PRIMARY KEY("application_id","revision","key"),
	CONSTRAINT "funding_budget_lines_amount_ck" CHECK ("funding_budget_lines"."amount_fen" >= 0 and "funding_budget_lines"."amount_fen" = "funding_budget_lines"."quantity" * "funding_budget_lines"."unit_price_fen")
);
--> statement-breakpoint
CREATE TABLE "funding_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"pool_fen" bigint NOT NULL,
	"max_per_project_fen" bigint NOT NULL,
	"kinds" jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"allow_alliances" boolean DEFAULT true NOT NULL,
	"categories" jsonb NOT NULL,
	"required_attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"change_threshold_percent" integer DEFAULT 10 NOT NULL,
	"report_due_days" integer DEFAULT 30 NOT NULL,
	"notified_at" timestamp with time zone,
	"created_by" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_calls_pool_ck" CHECK ("funding_calls"."pool_fen" > 0 and "funding_calls"."max_per_project_fen" > 0 and "funding_calls"."max_per_project_fen" <= "funding_calls"."pool_fen")
);
--> statement-breakpoint
CREATE TABLE "funding_co_applicants" (
	"application_id" uuid NOT NULL,
	"base_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "funding_co_applicants_application_id_base_id_pk" PRIMARY KEY("application_id","base_id")
);
--> statement-breakpoint
CREATE TABLE "funding_conflicts" (
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_conflicts_application_id_user_id_pk" PRIMARY KEY("application_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "funding_group_members" (
	"call_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_group_members_call_id_user_id_pk" PRIMARY KEY("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "funding_ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"occurred_on" date NOT NULL,
	"voucher_no" text,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_ledger_amount_ck" CHECK ("funding_ledger_entries"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funding_reminders" (
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_reminders_application_id_kind_due_on_pk" PRIMARY KEY("application_id","kind","due_on")
);
--> statement-breakpoint
CREATE TABLE "funding_report_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"summary" text NOT NULL,
	"budget_revision" integer NOT NULL,
	"spent" jsonb NOT NULL,
	"spent_fen" bigint NOT NULL,
	"targets_actual" jsonb NOT NULL,
	"event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"return_deadline" date,
	"refund_fen" bigint
);
--> statement-breakpoint
CREATE TABLE "funding_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" double precision,
	"proposed_fen" bigint,
	"line_cuts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opinion" text DEFAULT '' NOT NULL,
	"assigned_by" uuid,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "funding_agreements" ADD CONSTRAINT "funding_agreements_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_agreements" ADD CONSTRAINT "funding_agreements_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_applications" ADD CONSTRAINT "funding_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budget_changes" ADD CONSTRAINT "funding_budget_changes_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budget_changes" ADD CONSTRAINT "funding_budget_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budget_changes" ADD CONSTRAINT "funding_budget_changes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_budget_lines" ADD CONSTRAINT "funding_budget_lines_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_calls" ADD CONSTRAINT "funding_calls_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_co_applicants" ADD CONSTRAINT "funding_co_applicants_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_co_applicants" ADD CONSTRAINT "funding_co_applicants_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_co_applicants" ADD CONSTRAINT "funding_co_applicants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_conflicts" ADD CONSTRAINT "funding_conflicts_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_conflicts" ADD CONSTRAINT "funding_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_group_members" ADD CONSTRAINT "funding_group_members_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_group_members" ADD CONSTRAINT "funding_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_call_id_funding_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."funding_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_ledger_entries" ADD CONSTRAINT "funding_ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reminders" ADD CONSTRAINT "funding_reminders_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD CONSTRAINT "funding_report_files_report_id_funding_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."funding_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_report_files" ADD CONSTRAINT "funding_report_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reports" ADD CONSTRAINT "funding_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reviews" ADD CONSTRAINT "funding_reviews_application_id_funding_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."funding_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reviews" ADD CONSTRAINT "funding_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_reviews" ADD CONSTRAINT "funding_reviews_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funding_applications_call_idx" ON "funding_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "funding_applications_org_idx" ON "funding_applications" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "funding_budget_changes_app_idx" ON "funding_budget_changes" USING btree ("application_id","created_at");--> statement-breakpoint
CREATE INDEX "funding_calls_year_idx" ON "funding_calls" USING btree ("year");--> statement-breakpoint
CREATE INDEX "funding_co_applicants_org_idx" ON "funding_co_applicants" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "funding_group_members_user_idx" ON "funding_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "funding_ledger_call_idx" ON "funding_ledger_entries" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "funding_ledger_app_idx" ON "funding_ledger_entries" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "funding_report_files_report_idx" ON "funding_report_files" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "funding_reports_app_idx" ON "funding_reports" USING btree ("application_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "funding_reviews_one_uq" ON "funding_reviews" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "funding_reviews_reviewer_idx" ON "funding_reviews" USING btree ("reviewer_id","status");