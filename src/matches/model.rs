use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::matches;

crate::text_enum! {
    /// Where a match stands.
    MatchStatus {
        /// Not started yet.
        Scheduled => "SCHEDULED",
        /// Being played now.
        Live => "LIVE",
        /// Over; the score is final.
        Finished => "FINISHED",
    }
}

crate::text_enum! {
    /// Where a match being played stands.
    MatchPhase {
        /// Minutes 1-45 (and stoppage time) are being played.
        FirstHalf => "FIRST_HALF",
        /// The break after the first half.
        HalfTime => "HALF_TIME",
        /// Minutes 46-90 (and stoppage time) are being played.
        SecondHalf => "SECOND_HALF",
        /// Level after 90 minutes of a knockout match: extra time is about to start.
        BeforeExtraTime => "BEFORE_EXTRA_TIME",
        /// Minutes 91-105 are being played.
        ExtraTimeFirstHalf => "EXTRA_TIME_FIRST_HALF",
        /// The break between the halves of extra time.
        ExtraTimeHalfTime => "EXTRA_TIME_HALF_TIME",
        /// Minutes 106-120 are being played.
        ExtraTimeSecondHalf => "EXTRA_TIME_SECOND_HALF",
        /// Level after extra time: the penalty shootout.
        PenaltyShootout => "PENALTY_SHOOTOUT",
        /// Over.
        FullTime => "FULL_TIME",
    }
}

crate::text_enum! {
    /// How the result of a finished match was reached.
    DecidedBy {
        /// Within 90 minutes (plus stoppage time); a draw is also decided this way.
        RegularTime => "REGULAR_TIME",
        /// In extra time (after 120 minutes).
        ExtraTime => "EXTRA_TIME",
        /// By a penalty shootout after a draw in extra time.
        PenaltyShootout => "PENALTY_SHOOTOUT",
    }
}

crate::text_enum! {
    /// The part of a match in which something happened.
    Period {
        /// Minutes 1-45 and first-half stoppage time.
        FirstHalf => "FIRST_HALF",
        /// Minutes 46-90 and second-half stoppage time.
        SecondHalf => "SECOND_HALF",
        /// Minutes 91-105 of extra time.
        ExtraTimeFirstHalf => "EXTRA_TIME_FIRST_HALF",
        /// Minutes 106-120 of extra time.
        ExtraTimeSecondHalf => "EXTRA_TIME_SECOND_HALF",
        /// After 120 minutes: during or around the penalty shootout.
        PenaltyShootout => "PENALTY_SHOOTOUT",
    }
}

impl Period {
    /// The period of an event at `minute` (+`offset` stoppage time): `45+2` is still the first
    /// half, `46` the second.
    pub fn of_minute(minute: i32) -> Self {
        match minute {
            ..=45 => Self::FirstHalf,
            46..=90 => Self::SecondHalf,
            91..=105 => Self::ExtraTimeFirstHalf,
            106..=120 => Self::ExtraTimeSecondHalf,
            _ => Self::PenaltyShootout,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = matches)]
pub struct Match {
    pub id: i32,
    pub competition_id: i32,
    /// The edition it belongs to; none for friendlies and most qualifiers.
    pub tournament_id: Option<i32>,
    /// Its stage within the edition, where the sources say.
    pub stage_id: Option<i32>,
    pub group_id: Option<i32>,
    /// Its number within the edition (FIFA's match number), where it has an edition.
    pub number: Option<i32>,
    pub home_team_id: i32,
    pub away_team_id: i32,
    pub kickoff_utc: Option<NaiveDateTime>,
    pub utc_offset_minutes: Option<i32>,
    pub venue_id: Option<i32>,
    pub attendance: Option<i32>,
    pub status: MatchStatus,
    pub ht_home: Option<i32>,
    pub ht_away: Option<i32>,
    pub ft_home: Option<i32>,
    pub ft_away: Option<i32>,
    pub et_home: Option<i32>,
    pub et_away: Option<i32>,
    pub pen_home: Option<i32>,
    pub pen_away: Option<i32>,
    pub source_id: Option<i32>,
    /// While played live: the phase (the rules of which are in `live::rules`).
    pub phase: Option<MatchPhase>,
    /// How many changes have been made to the match live; numbers its update log.
    pub version: i32,
    /// The local date it was played on.
    pub played_on: Option<NaiveDate>,
    /// Where it was played, when no venue is known (the international results name a city).
    pub city: Option<String>,
    pub country: Option<String>,
    /// Played on neutral ground, where a source says.
    pub neutral: Option<bool>,
    /// The source gave only the result (in `ft_*`, after extra time if any was played).
    pub final_only: bool,
    /// The shootout's winner, where the source gives no tally.
    pub shootout_winner_id: Option<i32>,
    /// The recorded match this one plays back (`goalline replay`): not part of the record.
    pub playback_of: Option<i32>,
}

/// A new match, its id taken beforehand (`IdPool`): `COPY`, which writes many at once, has no
/// way to ask for a column's default.
#[derive(Debug, Insertable)]
#[diesel(table_name = matches, treat_none_as_default_value = false)]
pub struct NewMatch<'a> {
    pub id: i32,
    pub competition_id: i32,
    pub tournament_id: Option<i32>,
    pub stage_id: Option<i32>,
    pub group_id: Option<i32>,
    pub number: Option<i32>,
    pub home_team_id: i32,
    pub away_team_id: i32,
    pub kickoff_utc: Option<NaiveDateTime>,
    pub utc_offset_minutes: Option<i32>,
    pub venue_id: Option<i32>,
    pub attendance: Option<i32>,
    pub status: MatchStatus,
    pub ht_home: Option<i32>,
    pub ht_away: Option<i32>,
    pub ft_home: Option<i32>,
    pub ft_away: Option<i32>,
    pub et_home: Option<i32>,
    pub et_away: Option<i32>,
    pub pen_home: Option<i32>,
    pub pen_away: Option<i32>,
    pub source_id: Option<i32>,
    pub played_on: Option<NaiveDate>,
    pub city: Option<&'a str>,
    pub country: Option<&'a str>,
    pub neutral: Option<bool>,
    pub final_only: bool,
    pub shootout_winner_id: Option<i32>,
    pub playback_of: Option<i32>,
}

/// Goals (or shootout kicks) of the home and the away team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreLine {
    pub home: i32,
    pub away: i32,
}

fn pair(home: Option<i32>, away: Option<i32>) -> Option<ScoreLine> {
    Some(ScoreLine {
        home: home?,
        away: away?,
    })
}

impl Match {
    pub fn half_time(&self) -> Option<ScoreLine> {
        pair(self.ht_home, self.ht_away)
    }

    /// After 90 minutes; unknown when the source gave only the result.
    pub fn full_time(&self) -> Option<ScoreLine> {
        pair(self.ft_home, self.ft_away).filter(|_| !self.final_only)
    }

    /// The result: after extra time where it was played, else after 90 minutes.
    pub fn result(&self) -> Option<ScoreLine> {
        self.extra_time().or(pair(self.ft_home, self.ft_away))
    }

    pub fn extra_time(&self) -> Option<ScoreLine> {
        pair(self.et_home, self.et_away)
    }

    pub fn penalties(&self) -> Option<ScoreLine> {
        pair(self.pen_home, self.pen_away)
    }

    /// Kick-off in the local time of the venue.
    pub fn local_kickoff(&self) -> Option<DateTime<FixedOffset>> {
        let utc = self.kickoff_utc?;
        let offset = FixedOffset::east_opt(self.utc_offset_minutes.unwrap_or(0) * 60)
            .unwrap_or_else(|| Utc.fix());
        Some(offset.from_utc_datetime(&utc))
    }

    /// How a finished match was decided; none before it ends, and none when the source gave
    /// only a result that does not say whether extra time was played.
    pub fn decision(&self) -> Option<DecidedBy> {
        if self.status != MatchStatus::Finished {
            return None;
        }
        if self.penalties().is_some() || self.shootout_winner_id.is_some() {
            Some(DecidedBy::PenaltyShootout)
        } else if self.extra_time().is_some() {
            Some(DecidedBy::ExtraTime)
        } else if self.final_only {
            None
        } else {
            Some(DecidedBy::RegularTime)
        }
    }

    /// The winning team's id; none for a draw or an unfinished match.
    pub fn winner_id(&self) -> Option<i32> {
        if self.status != MatchStatus::Finished {
            return None;
        }
        if let Some(winner) = self.shootout_winner_id {
            return Some(winner);
        }
        let deciding = self.penalties().or(self.result())?;
        match deciding.home.cmp(&deciding.away) {
            std::cmp::Ordering::Greater => Some(self.home_team_id),
            std::cmp::Ordering::Less => Some(self.away_team_id),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// The losing team's id; none for a draw or an unfinished match.
    pub fn loser_id(&self) -> Option<i32> {
        let winner = self.winner_id()?;
        Some(if winner == self.home_team_id {
            self.away_team_id
        } else {
            self.home_team_id
        })
    }

    /// Whether the match is part of the record (not a playback); deleted matches are never
    /// read at all.
    pub fn is_on_record(&self) -> bool {
        self.playback_of.is_none()
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Match>> {
        matches::table
            .filter(matches::id.eq_any(ids))
            .filter(matches::deleted_at.is_null())
            .select(Match::as_select())
            .load(conn)
    }

    /// An id for one match about to be written on its own (`IdPool` for many).
    pub fn new_id(conn: &mut DbConnection) -> QueryResult<i32> {
        crate::id_pool::IdPool::one(conn, "matches")
    }

    /// Writes one match; its id.
    pub fn insert(conn: &mut DbConnection, new: &NewMatch<'_>) -> QueryResult<i32> {
        diesel::insert_into(matches::table)
            .values(new)
            .execute(conn)?;
        Ok(new.id)
    }

    /// Writes matches whose ids were taken beforehand, many at once.
    pub fn insert_all(conn: &mut DbConnection, rows: &[NewMatch<'_>]) -> QueryResult<()> {
        crate::insert_batch!(conn, matches::table, rows).map(|_| ())
    }

    /// Records where matches were played: on PostgreSQL in one statement (the results file
    /// places about 1,500 World Cup and EURO matches, one round trip each before), on SQLite
    /// one statement a match (no round trips there).
    pub fn set_places(conn: &mut DbConnection, places: &[MatchPlace]) -> QueryResult<()> {
        use diesel::sql_types::{Array, Bool, Integer, Text};
        match conn {
            DbConnection::Postgres(pg) if !places.is_empty() => diesel::sql_query(
                "UPDATE matches SET city = p.city, country = p.country, neutral = p.neutral \
                 FROM unnest($1::int4[], $2::text[], $3::text[], $4::bool[]) \
                   AS p(id, city, country, neutral) \
                 WHERE matches.id = p.id",
            )
            .bind::<Array<Integer>, _>(places.iter().map(|p| p.id).collect::<Vec<_>>())
            .bind::<Array<Text>, _>(places.iter().map(|p| &p.city).collect::<Vec<_>>())
            .bind::<Array<Text>, _>(places.iter().map(|p| &p.country).collect::<Vec<_>>())
            .bind::<Array<Bool>, _>(places.iter().map(|p| p.neutral).collect::<Vec<_>>())
            .execute(pg)
            .map(drop),
            _ => places.iter().try_for_each(|p| {
                diesel::update(matches::table.find(p.id))
                    .set((
                        matches::city.eq(&p.city),
                        matches::country.eq(&p.country),
                        matches::neutral.eq(p.neutral),
                    ))
                    .execute(conn)
                    .map(drop)
            }),
        }
    }
}

/// Where a match was played, as `Match::set_places` records it.
#[derive(Debug, Clone)]
pub struct MatchPlace {
    pub id: i32,
    pub city: String,
    pub country: String,
    pub neutral: bool,
}

/// Whether a row of `matches` is part of the record: neither played back by `goalline replay`
/// nor deleted by an editor. What is counted over the record (people's goals, cards,
/// appearances and kicks; a team's and a venue's matches; records and tables) keeps only these;
/// a playback stays in its own competition's edition, a deleted match is nowhere.
#[diesel::dsl::auto_type]
pub fn on_record() -> _ {
    matches::playback_of
        .is_null()
        .and(matches::deleted_at.is_null())
}

/// Key: a match by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchId(pub i32);

impl From<&Match> for MatchId {
    fn from(m: &Match) -> Self {
        Self(m.id)
    }
}
crate::row_relation!(MatchId => Match, Match::by_ids, matches, match |m| m.id, Match::by_ids);
// Lists of matches show their scores, which live writes change.
crate::read_scope!(Match: MatchId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stoppage_time_belongs_to_the_half_it_ends() {
        assert_eq!(Period::of_minute(45), Period::FirstHalf);
        assert_eq!(Period::of_minute(46), Period::SecondHalf);
        assert_eq!(Period::of_minute(90), Period::SecondHalf);
        assert_eq!(Period::of_minute(105), Period::ExtraTimeFirstHalf);
        assert_eq!(Period::of_minute(118), Period::ExtraTimeSecondHalf);
        assert_eq!(Period::of_minute(125), Period::PenaltyShootout);
    }
}
