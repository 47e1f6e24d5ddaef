-- Every account the registry holds, to be given a keyed pseudonym.
SELECT account_id, platform, handle_key FROM registry.account
