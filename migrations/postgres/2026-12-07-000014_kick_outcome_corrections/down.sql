DELETE FROM match_corrections WHERE fact = 'KICK_OUTCOME';
ALTER TABLE match_corrections DROP CONSTRAINT match_corrections_fact_check;
ALTER TABLE match_corrections ADD CONSTRAINT match_corrections_fact_check
    CHECK (fact IN ('REFEREE', 'DISMISSAL', 'GOAL_TIME', 'ATTENDANCE'));
