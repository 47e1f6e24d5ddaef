-- Contacts stored in the clear before migration 0007 are encrypted by the first load that holds the key.
UPDATE core.tip SET reporter_contact = pgp_sym_encrypt(reporter_contact_plain, :key), reporter_contact_plain = NULL
WHERE reporter_contact_plain IS NOT NULL
