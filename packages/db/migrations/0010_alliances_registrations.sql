CREATE TABLE "alliance_charters" (
	"alliance_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body_html" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_charters_alliance_id_version_pk" PRIMARY KEY("alliance_id","version")
);
--> statement-breakpoint
CREATE TABLE "alliance_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"base_id" uuid,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"mentor_base_id" uuid,
	"target_batch_year" integer,
	"reason" text,
	"invited_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"district_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"theme" text DEFAULT '' NOT NULL,
	"lead_base_id" uuid NOT NULL,
	"status" text DEFAULT 'founders_pending' NOT NULL,
	"return_reason" text,
	"proposed_by" uuid NOT NULL,
	"coordinator_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_cohosts" (
	"event_id" uuid NOT NULL,
	"base_id" uuid NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"seats" integer,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_cohosts_event_id_base_id_pk" PRIMARY KEY("event_id","base_id")
);
--> statement-breakpoint
CREATE TABLE "event_registration_moves" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"code" text NOT NULL,
	"cancel_token_hash" text NOT NULL,
	"name" text,
	"phone" text,
	"email" text,
	"school_name" text,
	"audience" text,
	"seats" integer NOT NULL,
	"status" text NOT NULL,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"reminder_sent_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_seats" CHECK ("event_registrations"."seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "event_reports" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"attendance" integer NOT NULL,
	"attendance_override_reason" text,
	"young_people" integer DEFAULT 0 NOT NULL,
	"audiences" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filed_by" uuid,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "alliance_id" uuid;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "activity_campaign_id" uuid;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "registration_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "registration_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "registration_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "max_seats_per_registration" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "offer_acceptance_hours" integer;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "held_seats" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "walk_ins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "personal_data_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "personal_data_purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "base_events" ADD COLUMN "moved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliance_charters" ADD CONSTRAINT "alliance_charters_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_charters" ADD CONSTRAINT "alliance_charters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_mentor_base_id_bases_id_fk" FOREIGN KEY ("mentor_base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_members" ADD CONSTRAINT "alliance_members_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_lead_base_id_bases_id_fk" FOREIGN KEY ("lead_base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_coordinator_user_id_users_id_fk" FOREIGN KEY ("coordinator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD CONSTRAINT "event_cohosts_event_id_base_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."base_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD CONSTRAINT "event_cohosts_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cohosts" ADD CONSTRAINT "event_cohosts_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_moves" ADD CONSTRAINT "event_registration_moves_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_moves" ADD CONSTRAINT "event_registration_moves_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_base_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."base_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reports" ADD CONSTRAINT "event_reports_event_id_base_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."base_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reports" ADD CONSTRAINT "event_reports_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_campaigns" ADD CONSTRAINT "activity_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_members_unit_uq" ON "alliance_members" USING btree ("alliance_id","organization_id");--> statement-breakpoint
CREATE INDEX "alliance_members_org_idx" ON "alliance_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "alliance_members_base_idx" ON "alliance_members" USING btree ("base_id") WHERE base_id is not null;--> statement-breakpoint
CREATE INDEX "alliances_status_idx" ON "alliances" USING btree ("status");--> statement-breakpoint
CREATE INDEX "alliances_coordinator_idx" ON "alliances" USING btree ("coordinator_user_id");--> statement-breakpoint
CREATE INDEX "event_cohosts_base_idx" ON "event_cohosts" USING btree ("base_id");--> statement-breakpoint
CREATE INDEX "event_registration_moves_event_idx" ON "event_registration_moves" USING btree ("event_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_code_uq" ON "event_registrations" USING btree ("event_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_phone_uq" ON "event_registrations" USING btree ("event_id","phone") WHERE status in ('confirmed', 'waitlisted', 'offered') and phone is not null;--> statement-breakpoint
CREATE INDEX "event_registrations_queue_idx" ON "event_registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_activity_campaign_id_activity_campaigns_id_fk" FOREIGN KEY ("activity_campaign_id") REFERENCES "public"."activity_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "base_events_alliance_idx" ON "base_events" USING btree ("alliance_id") WHERE alliance_id is not null;--> statement-breakpoint
CREATE INDEX "base_events_activity_campaign_idx" ON "base_events" USING btree ("activity_campaign_id") WHERE activity_campaign_id is not null;--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_held_seats" CHECK ("base_events"."held_seats" >= 0 and ("base_events"."capacity" is null or "base_events"."held_seats" <= "base_events"."capacity"));--> statement-breakpoint
ALTER TABLE "base_events" ADD CONSTRAINT "base_events_max_seats" CHECK ("base_events"."max_seats_per_registration" > 0);