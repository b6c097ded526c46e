DROP TABLE idempotency_keys;
DROP TABLE api_keys;
DROP TABLE match_updates;
ALTER TABLE substitutions DROP COLUMN concussion;
ALTER TABLE matches DROP COLUMN version;
ALTER TABLE matches DROP COLUMN phase;
