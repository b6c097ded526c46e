-- A correction may also say how a failed shootout kick failed (KICK_OUTCOME): the reports
-- write "missed" for a saved kick too.
ALTER TABLE match_corrections DROP CONSTRAINT match_corrections_fact_check;
ALTER TABLE match_corrections ADD CONSTRAINT match_corrections_fact_check
    CHECK (fact IN ('REFEREE', 'DISMISSAL', 'GOAL_TIME', 'ATTENDANCE', 'KICK_OUTCOME'));
