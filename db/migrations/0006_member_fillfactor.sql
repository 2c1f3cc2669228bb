-- A bulk "Send Welcome Email" stamps "Confirmation sent" on up to thousands of members at once (SPEC §7). That column
-- is in no index, so with room left on each page PostgreSQL updates the rows in place (HOT) instead of writing a new
-- entry in every one of the member table's indexes, three of them trigram indexes.
ALTER TABLE "member" SET (fillfactor = 80);
