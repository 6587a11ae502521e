ALTER TABLE "referrals" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
-- Referrals withdrawn before this migration: the reason their receivers were told (the notice's variant).
UPDATE "referrals" AS r SET "withdrawn_reason" = n."params"->>'variant'
FROM "notifications" AS n
WHERE r."status" = 'withdrawn' AND n."kind" = 'referral_withdrawn' AND n."entity" = 'referral'
  AND n."entity_id" = r."id"::text AND n."params"->>'variant' IN
  ('by_sender', 'other_accepted', 'case_discharged', 'case_died', 'case_cancelled', 'case_closed');
