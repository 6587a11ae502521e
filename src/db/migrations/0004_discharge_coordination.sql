CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_organization_id" uuid,
	"kind" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "case_hospitals" (
	"case_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"until" timestamp with time zone,
	CONSTRAINT "case_hospitals_case_id_organization_id_pk" PRIMARY KEY("case_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "case_message_reads" (
	"message_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_message_reads_message_id_user_id_pk" PRIMARY KEY("message_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"case_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_organization_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hospital_organization_id" uuid NOT NULL,
	"patient_name" text NOT NULL,
	"patient_name_kana" text NOT NULL,
	"birth_date" text NOT NULL,
	"sex" text NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"lat" double precision,
	"lng" double precision,
	"area_code" text,
	"key_person" jsonb,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"procedures" text[] DEFAULT '{}'::text[] NOT NULL,
	"care_level" text NOT NULL,
	"living_situation" text,
	"welfare_issues" text[] DEFAULT '{}'::text[] NOT NULL,
	"acp" jsonb,
	"consent" jsonb NOT NULL,
	"needed_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"admission_date" text,
	"planned_discharge_date" text NOT NULL,
	"route" text,
	"difficulty" text[] DEFAULT '{}'::text[] NOT NULL,
	"difficulty_note" text,
	"status" text NOT NULL,
	"discharged_on" text,
	"outcome" text,
	"outcome_on" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_participants" (
	"conference_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"response" text,
	CONSTRAINT "conference_participants_conference_id_organization_id_pk" PRIMARY KEY("conference_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "conferences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text,
	"online_url" text,
	"status" text NOT NULL,
	"minutes" text,
	"minutes_recorded_at" timestamp with time zone,
	"minutes_recorded_by_user_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"consultation_id" uuid NOT NULL,
	"author_user_id" uuid,
	"author_organization_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"requester_organization_id" uuid,
	"requester_user_id" uuid,
	"subject" text NOT NULL,
	"reason" text NOT NULL,
	"difficulty" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"assigned_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "referral_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_user_id" uuid,
	"author_organization_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"role" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"sender_organization_id" uuid NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"decline_reason_code" text,
	"decline_reason" text,
	"viewed_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"responded_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"role" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"referral_id" uuid,
	"since" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "welfare_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"response" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_hospitals" ADD CONSTRAINT "case_hospitals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_hospitals" ADD CONSTRAINT "case_hospitals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_message_reads" ADD CONSTRAINT "case_message_reads_message_id_case_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."case_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_message_reads" ADD CONSTRAINT "case_message_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_hospital_organization_id_organizations_id_fk" FOREIGN KEY ("hospital_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_conference_id_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conferences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_participants" ADD CONSTRAINT "conference_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_requester_organization_id_organizations_id_fk" FOREIGN KEY ("requester_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_messages" ADD CONSTRAINT "referral_messages_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welfare_links" ADD CONSTRAINT "welfare_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welfare_links" ADD CONSTRAINT "welfare_links_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_hospitals_organization_idx" ON "case_hospitals" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_hospital_idx" ON "cases" USING btree ("hospital_organization_id","status");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","planned_discharge_date");--> statement-breakpoint
CREATE INDEX "conference_participants_organization_idx" ON "conference_participants" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "conferences_case_idx" ON "conferences" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "consultation_messages_idx" ON "consultation_messages" USING btree ("consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "consultations_case_idx" ON "consultations" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referral_messages_idx" ON "referral_messages" USING btree ("referral_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id","role");--> statement-breakpoint
CREATE INDEX "referrals_organization_idx" ON "referrals" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "referrals_sender_idx" ON "referrals" USING btree ("sender_organization_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "team_members_active_role_idx" ON "team_members" USING btree ("case_id","role") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "team_members_organization_idx" ON "team_members" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "welfare_links_case_idx" ON "welfare_links" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "welfare_links_organization_idx" ON "welfare_links" USING btree ("organization_id");