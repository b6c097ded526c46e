DROP TABLE person_aliases;
ALTER TABLE squad_members DROP COLUMN source_id;
ALTER TABLE people DROP COLUMN source_id;
ALTER TABLE matches DROP COLUMN source_id;
ALTER TABLE tournaments DROP COLUMN source_id;
DROP TABLE sources;
