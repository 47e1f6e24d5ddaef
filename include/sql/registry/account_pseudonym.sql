-- Keyed pseudonyms computed by the loader (netra.pseudonym); the key itself never reaches here.
UPDATE registry.account a SET pseudonym = p.pseudonym
FROM pg_temp.reg_account_pseudonym p
WHERE a.account_id = p.id AND a.pseudonym IS DISTINCT FROM p.pseudonym
