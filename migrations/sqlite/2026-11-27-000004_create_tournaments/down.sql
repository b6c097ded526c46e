DROP TABLE group_teams;
DROP TABLE tournament_groups;
DROP TABLE stages;
DROP TABLE tournaments;
