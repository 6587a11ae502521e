-- Directory revisions: every insert or update of an organisation takes the directory lock
-- (one row, held to commit) and the next revision number, so revisions commit in order and a
-- server instance catches up with "revision > the last one it saw".
CREATE SEQUENCE IF NOT EXISTS directory_revision_seq;
--> statement-breakpoint
INSERT INTO directory_state (id) VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION renkei_directory_revision() RETURNS trigger AS $$
BEGIN
  PERFORM 1 FROM directory_state WHERE id = 1 FOR UPDATE;
  NEW.revision := nextval('directory_revision_seq');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organizations_directory_revision
  BEFORE INSERT OR UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION renkei_directory_revision();
--> statement-breakpoint
-- Give the rows that exist already their revision (the trigger assigns it).
UPDATE organizations SET revision = 0 WHERE revision = 0;
