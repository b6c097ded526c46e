//! How long each list of the schema is at most in the data, for the cost measure (`limits`):
//! a list the query does not bound with `first`, `last` or `limit` is counted at its real
//! largest size (a match's goals: the most any match has), not at a fixed guess. Worked out
//! from the read model, once per snapshot, so the figures follow the data as it changes.
//! A list field not named here is counted at `limits::ASSUMED_LIST_SIZE`.

use std::collections::{HashMap, HashSet};

use crate::career::{PersonAwards, PersonCareers, PersonClubSpells};
use crate::competition::CompetitionId;
use crate::error::AppError;
use crate::matches::claims::GoalClaims;
use crate::matches::{
    GroupMatches, MatchCards, MatchCorrections, MatchGoals, MatchId, MatchKicks, MatchLineups,
    MatchOfficials, MatchSubstitutions, PersonAppearances, PersonCards, PersonGoals, PersonKicks,
    StageMatches, TournamentMatches, VenueMatches,
};
use crate::person::PersonAliases;
use crate::read_model::{Derived, Relation, Snapshot};
use crate::squad::{MemberStatusChanges, PersonCoaching, PersonLeftOut, PersonSquads, TeamSquad};
use crate::team::{TeamId, TeamNames, TeamPredecessors, TeamSuccessors};
use crate::tournament::{
    CompetitionEditions, GroupTeams, StageGroups, TournamentId, TournamentStages,
};
use crate::venue::VenueId;

/// (GraphQL type, field) to the most items that list holds anywhere in the data.
#[derive(Debug, Default)]
pub struct ListSizes(HashMap<(&'static str, &'static str), u64>);

impl ListSizes {
    /// The largest size of `ty.field` in the data, when it is known.
    pub fn of(&self, ty: &str, field: &str) -> Option<u64> {
        self.0.get(&(ty, field)).copied()
    }
}

impl Derived for ListSizes {
    fn derive(s: &Snapshot) -> Result<Self, AppError> {
        let mut sizes = HashMap::new();
        let mut put = |ty: &'static str, field: &'static str, n: usize| {
            sizes.insert((ty, field), n as u64);
        };
        put("Query", "tournaments", count::<TournamentId>(s)?);
        put("Query", "teams", count::<TeamId>(s)?);
        put("Query", "venues", count::<VenueId>(s)?);
        put("Query", "competitions", count::<CompetitionId>(s)?);
        put(
            "Competition",
            "editions",
            longest::<CompetitionEditions, _>(s)?,
        );
        put("Tournament", "stages", longest::<TournamentStages, _>(s)?);
        put("Tournament", "matches", longest::<TournamentMatches, _>(s)?);
        put("Tournament", "groups", groups_per_tournament(s)?);
        let teams = teams_per_tournament(s)?;
        put("Tournament", "teams", teams);
        put("Tournament", "squads", teams);
        put("Stage", "groups", longest::<StageGroups, _>(s)?);
        put("Stage", "matches", longest::<StageMatches, _>(s)?);
        let group_teams = longest::<GroupTeams, _>(s)?;
        put("Group", "teams", group_teams);
        put("Group", "standings", group_teams);
        put("Stage", "standings", group_teams);
        let group_matches = longest::<GroupMatches, _>(s)?;
        put("Group", "matches", group_matches);
        put("Group", "playOffs", group_matches);
        put("Venue", "matches", longest::<VenueMatches, _>(s)?);
        put("Squad", "players", longest::<TeamSquad, _>(s)?);
        put(
            "SquadMember",
            "statusChanges",
            longest::<MemberStatusChanges, _>(s)?,
        );
        let (goals, cards, substitutions) = (
            longest::<MatchGoals, _>(s)?,
            longest::<MatchCards, _>(s)?,
            longest::<MatchSubstitutions, _>(s)?,
        );
        put("Match", "goals", goals);
        put("Match", "cards", cards);
        put("Match", "substitutions", substitutions);
        put("Match", "timeline", goals + cards + substitutions);
        put("Match", "officials", longest::<MatchOfficials, _>(s)?);
        put("Match", "corrections", longest::<MatchCorrections, _>(s)?);
        let lineup = longest::<MatchLineups, _>(s)?;
        put("MatchLineupPair", "home", lineup);
        put("MatchLineupPair", "away", lineup);
        put("PenaltyShootout", "kicks", longest::<MatchKicks, _>(s)?);
        put("Goal", "claims", longest::<GoalClaims, _>(s)?);
        put("Person", "aliases", longest::<PersonAliases, _>(s)?);
        put("Person", "squads", longest::<PersonSquads, _>(s)?);
        put("Person", "leftOutOf", longest::<PersonLeftOut, _>(s)?);
        put("Person", "appearances", longest::<PersonAppearances, _>(s)?);
        put("Person", "goals", longest::<PersonGoals, _>(s)?);
        put("Person", "cards", longest::<PersonCards, _>(s)?);
        put("Person", "shootoutKicks", longest::<PersonKicks, _>(s)?);
        put("Person", "coaching", longest::<PersonCoaching, _>(s)?);
        put("Person", "clubSpells", longest::<PersonClubSpells, _>(s)?);
        put("Person", "awards", longest::<PersonAwards, _>(s)?);
        put(
            "Person",
            "internationalCareers",
            longest::<PersonCareers, _>(s)?,
        );
        put("Team", "names", longest::<TeamNames, _>(s)?);
        put("Team", "predecessors", longest::<TeamPredecessors, _>(s)?);
        put("Team", "successors", longest::<TeamSuccessors, _>(s)?);
        Ok(Self(sizes))
    }
}

/// How many entries a relation keyed by row id holds: the length of a root list of them.
fn count<K: Relation>(s: &Snapshot) -> Result<usize, AppError> {
    Ok(s.every::<K>()?.iter().count())
}

/// The longest list a relation holds for any key.
fn longest<K, T>(s: &Snapshot) -> Result<usize, AppError>
where
    K: Relation<Value = Vec<T>>,
{
    Ok(s.every::<K>()?.values().map(Vec::len).max().unwrap_or(0))
}

/// The most groups a tournament has over all its stages.
fn groups_per_tournament(s: &Snapshot) -> Result<usize, AppError> {
    let groups = s.every::<StageGroups>()?;
    let most = s.every::<TournamentStages>()?.values().map(|stages| {
        stages
            .iter()
            .filter_map(|stage| groups.get(&StageGroups(stage.id)))
            .map(Vec::len)
            .sum::<usize>()
    });
    Ok(most.max().unwrap_or(0))
}

/// The most teams that played in one tournament.
fn teams_per_tournament(s: &Snapshot) -> Result<usize, AppError> {
    let matches = s.every::<MatchId>()?;
    let most = s.every::<TournamentMatches>()?.values().map(|ids| {
        ids.iter()
            .filter_map(|id| matches.get(id))
            .flat_map(|m| [m.home_team_id, m.away_team_id])
            .collect::<HashSet<i32>>()
            .len()
    });
    Ok(most.max().unwrap_or(0))
}
