DROP TABLE match_corrections;
DROP TABLE goal_claims;
ALTER TABLE goals DROP COLUMN elapsed_seconds;
