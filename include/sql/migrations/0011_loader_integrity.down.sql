ALTER TABLE core.post ADD CONSTRAINT post_account_id_fkey FOREIGN KEY (account_id) REFERENCES registry.account;
ALTER TABLE core.window_post
    ADD CONSTRAINT window_post_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key ON DELETE CASCADE;
ALTER TABLE core.sighting
    ADD CONSTRAINT sighting_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key ON DELETE CASCADE,
    ADD CONSTRAINT sighting_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload_key;
ALTER TABLE core.post_version
    ADD CONSTRAINT post_version_post_pk_fkey FOREIGN KEY (post_pk) REFERENCES core.post_key ON DELETE CASCADE,
    ADD CONSTRAINT post_version_payload_id_fkey FOREIGN KEY (payload_id) REFERENCES raw.payload_key;
