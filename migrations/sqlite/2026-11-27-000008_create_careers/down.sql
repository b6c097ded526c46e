DROP TABLE team_lineage;
DROP TABLE squad_status_changes;
DROP TABLE international_careers;
DROP TABLE awards;
DROP TABLE club_spells;
