-- loyalty-jdbc schema, version 8: privacy. Each program record says whether it may still hold
-- personal data (a purchase's copy of the member's profile, an event's attributes), so that the
-- retention run (JdbcProgramStore.dropPersonalData) reads only those, and records are found by
-- member, for the erasure and the export of a member. Records stored before are marked as holding
-- some if they are purchases or events; the first retention run clears the mark where they hold none.
ALTER TABLE loyalty_program_record ADD COLUMN personal BOOLEAN;
UPDATE loyalty_program_record SET personal = (kind = 'PURCHASE' OR kind = 'EVENT');
ALTER TABLE loyalty_program_record ALTER COLUMN personal SET NOT NULL;
CREATE INDEX loyalty_program_record_personal ON loyalty_program_record (personal, business_at);
CREATE INDEX loyalty_program_record_member ON loyalty_program_record (member_id);
