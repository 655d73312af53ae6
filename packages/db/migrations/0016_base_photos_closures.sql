ALTER TABLE "bases" ADD COLUMN "closures" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "bases" ADD COLUMN "photos" jsonb DEFAULT '[]'::jsonb NOT NULL;