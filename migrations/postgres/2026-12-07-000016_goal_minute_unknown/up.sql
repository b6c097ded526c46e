-- A goal whose minute no source gives (254 goals of the international results, 1960-1997,
-- written `NA`): kept, with the minute NULL, instead of left out. Its stoppage time is then
-- unknown too (offset 0); half-time scores and the fastest goals leave such a goal out.
ALTER TABLE goals ALTER COLUMN minute DROP NOT NULL;
ALTER TABLE goals ADD CONSTRAINT goals_offset_needs_a_minute CHECK (minute IS NOT NULL OR "offset" = 0);
ALTER TABLE goal_claims ALTER COLUMN minute DROP NOT NULL;
