ALTER TABLE "organizations" ADD COLUMN "is_demo_availability" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- The demo's invented availability stays marked until the provider answers it (a real answer has its user).
UPDATE "organizations" SET "is_demo_availability" = true
  WHERE "is_demo_profile" AND "availability_status" IS NOT NULL AND "availability_updated_by" IS NULL;
