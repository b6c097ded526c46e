DROP TABLE squad_omissions;
