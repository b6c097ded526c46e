DROP TABLE team_coaches;
DROP TABLE squad_members;
