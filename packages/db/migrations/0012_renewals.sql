CREATE TABLE "base_term_reminders" (
	"base_id" uuid NOT NULL,
	"valid_until" date NOT NULL,
	"milestone" integer NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "base_term_reminders_base_id_valid_until_milestone_pk" PRIMARY KEY("base_id","valid_until","milestone")
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "renews_base_id" uuid;--> statement-breakpoint
ALTER TABLE "base_term_reminders" ADD CONSTRAINT "base_term_reminders_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_renews_base_idx" ON "applications" USING btree ("renews_base_id");