DROP TABLE shootout_kicks;
DROP TABLE substitutions;
DROP TABLE cards;
DROP TABLE goals;
DROP TABLE lineups;
