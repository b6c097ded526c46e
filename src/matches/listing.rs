//! `matches(filter:, orderBy:)`: every match, filtered and ordered in SQL, one page at a time.

use async_graphql::{Enum, InputObject, ID};
use diesel::prelude::*;

use super::model::{DecidedBy, Match, MatchStatus};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::scalars::Date;
use crate::schema::{matches, stages, teams, tournament_groups, tournaments};
use crate::tournament::StageKind;

/// Which matches to list; every condition given must hold.
#[derive(InputObject, Default, Clone)]
pub struct MatchFilter {
    /// Only this competition's matches (its slug, e.g. "world-cup", "friendly").
    pub competition: Option<String>,
    /// Only this tournament's matches (its slug, e.g. "world-cup-2022").
    pub tournament: Option<String>,
    /// Only matches this team played: its FIFA code ("ARG"), or its name where it has no
    /// code ("Jersey").
    pub team: Option<String>,
    /// With `team`: only those against this opponent (code or name); alone: matches it played.
    pub opponent: Option<String>,
    /// Only matches of stages of this kind.
    pub stage: Option<StageKind>,
    /// Only matches of groups with this name, e.g. "Group C".
    pub group: Option<String>,
    /// Only matches played on or after this day (local date).
    pub from: Option<Date>,
    /// Only matches played on or before this day (local date).
    pub to: Option<Date>,
    /// Only matches at this venue (its ID).
    pub venue: Option<ID>,
    /// Only finished matches decided this way.
    pub decided_by: Option<DecidedBy>,
}

/// The order of a list of matches.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Default)]
pub enum MatchOrder {
    /// Oldest kick-off first.
    #[default]
    KickoffAsc,
    /// Latest kick-off first.
    KickoffDesc,
    /// Highest attendance first (unknown attendances last).
    AttendanceDesc,
}

type Backend = <DbConnection as diesel::Connection>::Backend;

fn team_id(conn: &mut DbConnection, code: &str, argument: &str) -> Result<i32, AppError> {
    let by_code = teams::table
        .filter(teams::fifa_code.eq(code.to_ascii_uppercase()))
        .select(teams::id)
        .first(conn)
        .optional()?;
    match by_code {
        Some(id) => Ok(id),
        None => crate::team::Team::national_by_name(conn, code)?.ok_or_else(|| {
            AppError::bad_input(argument, format!("no team with the code or name `{code}`"))
        }),
    }
}

fn filtered(
    conn: &mut DbConnection,
    filter: &MatchFilter,
) -> Result<matches::BoxedQuery<'static, Backend>, AppError> {
    let mut q = matches::table
        .filter(matches::deleted_at.is_null())
        .into_boxed::<Backend>();
    // Playbacks are listed only where a filter names their competition or edition.
    if filter.competition.is_none() && filter.tournament.is_none() {
        q = q.filter(matches::playback_of.is_null());
    }
    if let Some(slug) = &filter.competition {
        let id = crate::competition::Competition::by_slug(conn, slug)?
            .ok_or_else(|| {
                AppError::bad_input("filter.competition", format!("no competition `{slug}`"))
            })?
            .id;
        q = q.filter(matches::competition_id.eq(id));
    }
    if let Some(slug) = &filter.tournament {
        let id: i32 = tournaments::table
            .filter(tournaments::slug.eq(slug))
            .select(tournaments::id)
            .first(conn)
            .optional()?
            .ok_or_else(|| {
                AppError::bad_input("filter.tournament", format!("no tournament `{slug}`"))
            })?;
        q = q.filter(matches::tournament_id.eq(id));
    }
    let team = filter
        .team
        .as_deref()
        .map(|c| team_id(conn, c, "filter.team"))
        .transpose()?;
    let opponent = filter
        .opponent
        .as_deref()
        .map(|c| team_id(conn, c, "filter.opponent"))
        .transpose()?;
    for t in [team, opponent].into_iter().flatten() {
        q = q.filter(matches::home_team_id.eq(t).or(matches::away_team_id.eq(t)));
    }
    if let Some(kind) = filter.stage {
        let ids = stages::table
            .filter(stages::kind.eq(kind.as_str()))
            .select(stages::id.nullable());
        q = q.filter(matches::stage_id.eq_any(ids));
    }
    if let Some(group) = &filter.group {
        let ids: Vec<Option<i32>> = tournament_groups::table
            .filter(tournament_groups::name.eq(group))
            .select(tournament_groups::id)
            .load::<i32>(conn)?
            .into_iter()
            .map(Some)
            .collect();
        q = q.filter(matches::group_id.eq_any(ids));
    }
    if let Some(Date(from)) = filter.from {
        q = q.filter(matches::played_on.ge(from));
    }
    if let Some(Date(to)) = filter.to {
        q = q.filter(matches::played_on.le(to));
    }
    if let Some(venue) = &filter.venue {
        q = q.filter(matches::venue_id.eq(id::decode(venue, "Venue", "filter.venue")?));
    }
    if let Some(decided) = filter.decided_by {
        q = q.filter(matches::status.eq(MatchStatus::Finished));
        q = match decided {
            DecidedBy::PenaltyShootout => q.filter(
                matches::pen_home
                    .is_not_null()
                    .or(matches::shootout_winner_id.is_not_null()),
            ),
            DecidedBy::ExtraTime => q.filter(
                matches::et_home
                    .is_not_null()
                    .and(matches::pen_home.is_null()),
            ),
            // A result alone does not say whether extra time was played.
            DecidedBy::RegularTime => q.filter(
                matches::et_home
                    .is_null()
                    .and(matches::final_only.eq(false))
                    .and(matches::pen_home.is_null()),
            ),
        };
    }
    Ok(q)
}

/// The number of matches the filter selects, and the page at `offset`.
pub fn list(
    conn: &mut DbConnection,
    filter: &MatchFilter,
    order: MatchOrder,
    offset: impl FnOnce(usize) -> Result<(usize, usize), AppError>,
) -> Result<(usize, usize, Vec<Match>), AppError> {
    let total: i64 = filtered(conn, filter)?.count().get_result(conn)?;
    let (start, count) = offset(total as usize)?;
    let q = filtered(conn, filter)?.select(Match::as_select());
    let q = match order {
        MatchOrder::KickoffAsc => q.order((
            matches::played_on.asc(),
            matches::kickoff_utc.asc(),
            matches::id.asc(),
        )),
        MatchOrder::KickoffDesc => q.order((
            matches::played_on.desc(),
            matches::kickoff_utc.desc(),
            matches::id.desc(),
        )),
        MatchOrder::AttendanceDesc => q.order((
            matches::attendance.is_null(),
            matches::attendance.desc(),
            matches::id.asc(),
        )),
    };
    let rows = q.offset(start as i64).limit(count as i64).load(conn)?;
    Ok((total as usize, start, rows))
}
