-- Emails are compared byte for byte on their normal form (NFC, lower-cased: see EmailAddress), not with
-- utf8mb4_unicode_ci, which treats jose@ and josé@, strasse@ and straße@, fullwidth letters and the Kelvin sign as
-- the same address. Changing to a binary collation can only split former matches, so the unique key stays valid.
ALTER TABLE users MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
