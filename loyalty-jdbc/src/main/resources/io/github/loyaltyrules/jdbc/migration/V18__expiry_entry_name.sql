-- loyalty-jdbc schema, version 18: one name for expiry (issue 18). The entries of an expiry sweep were of
-- type EXPIRE while their postings were of type EXPIRY; EntryType.EXPIRE is now EntryType.EXPIRY, and the
-- entries written before are renamed with it. Running it again changes nothing.
UPDATE loyalty_entry SET type = 'EXPIRY' WHERE type = 'EXPIRE';
