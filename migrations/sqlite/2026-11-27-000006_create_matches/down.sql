DROP TABLE match_officials;
DROP TABLE matches;
