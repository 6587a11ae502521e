CREATE TABLE "acute_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"calls" jsonb NOT NULL,
	"admitted" boolean DEFAULT false NOT NULL,
	"admitted_hospital_id" uuid,
	"reached_119" boolean DEFAULT false NOT NULL,
	"note" text,
	"area_code" text,
	"recorded_by_user_id" uuid,
	"recorded_by_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doctor_pairs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"area_code" text NOT NULL,
	"primary_organization_id" uuid NOT NULL,
	"secondary_organization_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "duty_swaps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"roster_id" uuid NOT NULL,
	"duty_id" uuid NOT NULL,
	"requesting_organization_id" uuid NOT NULL,
	"counter_duty_id" uuid,
	"accepting_organization_id" uuid,
	"status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_settings" (
	"area_code" text PRIMARY KEY NOT NULL,
	"wait_minutes" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"case_ids" jsonb NOT NULL,
	"assignments" jsonb NOT NULL,
	"unassigned" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"baseline" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_by_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_duties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"roster_id" uuid NOT NULL,
	"date" text NOT NULL,
	"shift" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rosters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rotation_group_members" (
	"group_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"doctor_count" integer DEFAULT 1 NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_group_members_group_id_organization_id_pk" PRIMARY KEY("group_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "rotation_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"area_code" text NOT NULL,
	"settings" jsonb NOT NULL,
	"association_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"case_id" uuid NOT NULL,
	"role" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_offers_case_id_role_organization_id_pk" PRIMARY KEY("case_id","role","organization_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "declared_capacity" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "backup_area_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "backup_unavailable_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "backup_unavailable_note" text;--> statement-breakpoint
ALTER TABLE "acute_events" ADD CONSTRAINT "acute_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_pairs" ADD CONSTRAINT "doctor_pairs_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_pairs" ADD CONSTRAINT "doctor_pairs_primary_organization_id_organizations_id_fk" FOREIGN KEY ("primary_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doctor_pairs" ADD CONSTRAINT "doctor_pairs_secondary_organization_id_organizations_id_fk" FOREIGN KEY ("secondary_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_roster_id_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."rosters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_duty_id_roster_duties_id_fk" FOREIGN KEY ("duty_id") REFERENCES "public"."roster_duties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_settings" ADD CONSTRAINT "escalation_settings_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_duties" ADD CONSTRAINT "roster_duties_roster_id_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."rosters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_duties" ADD CONSTRAINT "roster_duties_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rosters" ADD CONSTRAINT "rosters_group_id_rotation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."rotation_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_group_members" ADD CONSTRAINT "rotation_group_members_group_id_rotation_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."rotation_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_group_members" ADD CONSTRAINT "rotation_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_groups" ADD CONSTRAINT "rotation_groups_area_code_areas_code_fk" FOREIGN KEY ("area_code") REFERENCES "public"."areas"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acute_events_case_idx" ON "acute_events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "acute_events_area_idx" ON "acute_events" USING btree ("area_code","occurred_at");--> statement-breakpoint
CREATE INDEX "doctor_pairs_area_idx" ON "doctor_pairs" USING btree ("area_code","status");--> statement-breakpoint
CREATE INDEX "doctor_pairs_primary_idx" ON "doctor_pairs" USING btree ("primary_organization_id");--> statement-breakpoint
CREATE INDEX "duty_swaps_roster_idx" ON "duty_swaps" USING btree ("roster_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_duties_slot_idx" ON "roster_duties" USING btree ("roster_id","date","shift");--> statement-breakpoint
CREATE INDEX "roster_duties_organization_idx" ON "roster_duties" USING btree ("organization_id","date");--> statement-breakpoint
CREATE INDEX "roster_duties_time_idx" ON "roster_duties" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "rosters_group_idx" ON "rosters" USING btree ("group_id","from_date");