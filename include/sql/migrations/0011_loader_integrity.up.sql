-- The references of core's per-post fact tables are kept by their one writer, not by a foreign
-- key's trigger on every row (issue 14). A province's first load writes about a million rows into
-- each of them, and PostgreSQL checks a foreign key one row at a time: these six cost 17 of the
-- upsert's 65 s of statements on 909,083 posts (measured on the kept `make bench-scale` warehouse).
--
-- What keeps them instead:
-- * versions, sightings and the window's posts take their post_pk from a join with core.post_key
--   in the upsert's own transaction, under the lock every writer of core takes (netra.core);
--   retention, the only deleter of post keys, holds it too and deletes their rows itself
--   (retention/delete_posts.sql) where the cascade did;
-- * their payload_id comes from raw.payload_key, whose rows nothing deletes (retention empties a
--   page's body and keeps its key);
-- * a post's account_id comes from registry.account in the same transaction, and nothing deletes
--   an account (the registry load ends assignments; it keeps accounts).
-- The smaller tables keep theirs: tips, quarantine, cross-post links, findings, reviews, cases.
ALTER TABLE core.post_version DROP CONSTRAINT post_version_post_pk_fkey,
                              DROP CONSTRAINT post_version_payload_id_fkey;
ALTER TABLE core.sighting DROP CONSTRAINT sighting_post_pk_fkey,
                          DROP CONSTRAINT sighting_payload_id_fkey;
ALTER TABLE core.window_post DROP CONSTRAINT window_post_post_pk_fkey;
ALTER TABLE core.post DROP CONSTRAINT post_account_id_fkey;
