ALTER TABLE "cases" ADD COLUMN "diagnosis" text;
