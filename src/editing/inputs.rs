//! What the editing mutations take, and how each input becomes the plain fields its write
//! checks (global IDs decoded, the argument named when one is not of its type).

use async_graphql::{InputObject, MaybeUndefined, ID};

use super::person::{PersonChanges, PersonFields};
use super::squad::{MemberFields, SquadPlace, StatusFields};
use super::team::{TeamChanges, TeamFields};
use super::tournament::{GroupFields, StageFields, TournamentFields};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::scalars::Date;
use crate::squad::{Position, SquadStatus};
use crate::team::TeamKind;
use crate::tournament::StageKind;

/// A new team.
#[derive(InputObject)]
pub struct CreateTeamInput {
    /// The name in common English use, e.g. "Argentina"; unique among teams of its kind.
    name: String,
    /// FIFA's three-letter code, e.g. "ARG" (stored in capitals); unique. Required for a
    /// national team.
    code: Option<String>,
    /// National team or club; NATIONAL when omitted.
    kind: Option<TeamKind>,
}

impl CreateTeamInput {
    pub fn into_fields(self) -> TeamFields {
        TeamFields {
            name: self.name,
            code: self.code,
            kind: self.kind.unwrap_or(TeamKind::National),
        }
    }
}

/// Changes to a team; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateTeamInput {
    /// The team (`Team.id`).
    team_id: ID,
    /// The new name.
    name: Option<String>,
    /// The new FIFA code; unique.
    code: Option<String>,
}

impl UpdateTeamInput {
    pub fn into_fields(self) -> Result<(i32, TeamChanges), AppError> {
        let id = id::decode(&self.team_id, "Team", "teamId")?;
        Ok((
            id,
            TeamChanges {
                name: self.name,
                code: self.code,
            },
        ))
    }
}

/// A new person: a player, coach or referee.
#[derive(InputObject)]
pub struct CreatePersonInput {
    /// Full name, e.g. "Lionel Messi".
    full_name: String,
    /// A shorter or single name in common use, e.g. "Neymar"; people are found by it too.
    known_as: Option<String>,
    /// Date of birth; not in the future.
    birth_date: Option<Date>,
    /// FIFA code of the country the person represents, e.g. "ARG".
    nationality: Option<String>,
}

impl CreatePersonInput {
    pub fn into_fields(self) -> PersonFields {
        PersonFields {
            full_name: self.full_name,
            known_as: self.known_as,
            birth_date: self.birth_date.map(|d| d.0),
            nationality: self.nationality,
        }
    }
}

/// Corrections to a person; fields left out stay as they are, fields given as null are
/// cleared.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// The person (`Person.id`).
    person_id: ID,
    /// The full name (cannot be cleared).
    full_name: Option<String>,
    /// The known-as name; null clears it.
    known_as: MaybeUndefined<String>,
    /// Date of birth; null clears it.
    birth_date: MaybeUndefined<Date>,
    /// FIFA code of the country the person represents; null clears it.
    nationality: MaybeUndefined<String>,
}

impl UpdatePersonInput {
    pub fn into_fields(self) -> Result<(i32, PersonChanges), AppError> {
        let id = id::decode(&self.person_id, "Person", "personId")?;
        Ok((
            id,
            PersonChanges {
                full_name: self.full_name,
                known_as: self.known_as.into(),
                birth_date: self.birth_date.map_value(|d| d.0).into(),
                nationality: self.nationality.into(),
            },
        ))
    }
}

/// A new tournament edition; add its stages with `addStage`.
#[derive(InputObject)]
pub struct CreateTournamentInput {
    /// Official name, e.g. "FIFA World Cup 2026".
    name: String,
    /// Key for URLs and queries, unique: lower-case letters and digits in words joined by
    /// single hyphens, e.g. "world-cup-2026".
    slug: String,
    /// The competition it is an edition of, e.g. "FIFA World Cup"; editions of one
    /// competition are compared with each other (e.g. by `backToBackChampions`).
    competition: String,
    /// The year it starts (1850-2100).
    year: i32,
    /// Host country or countries, e.g. "Canada, Mexico, United States".
    host: String,
    /// Date of the first match; in `year`.
    start_date: Option<Date>,
    /// Date of the last match; not before the first.
    end_date: Option<Date>,
}

impl CreateTournamentInput {
    pub fn into_fields(self) -> TournamentFields {
        TournamentFields {
            name: self.name,
            slug: self.slug,
            competition: self.competition,
            year: self.year,
            host: self.host,
            start_date: self.start_date.map(|d| d.0),
            end_date: self.end_date.map(|d| d.0),
        }
    }
}

/// A new stage of a tournament: its group stage or a knockout round.
#[derive(InputObject)]
pub struct AddStageInput {
    /// The tournament (`Tournament.id`).
    tournament_id: ID,
    /// What kind of round it is.
    kind: StageKind,
    /// Name as the tournament uses it, e.g. "Round of 16"; unique in the tournament.
    name: String,
    /// Its place in the tournament, from 1 (unique); after the last stage when omitted.
    order: Option<i32>,
}

impl AddStageInput {
    pub fn into_fields(self) -> Result<StageFields, AppError> {
        Ok(StageFields {
            tournament_id: id::decode(&self.tournament_id, "Tournament", "tournamentId")?,
            kind: self.kind,
            name: self.name,
            order: self.order,
        })
    }
}

/// A new group of a group stage, with the teams drawn into it.
#[derive(InputObject)]
pub struct AddGroupInput {
    /// The stage (`Stage.id`), of kind GROUP.
    stage_id: ID,
    /// Name, e.g. "Group A"; unique in the stage.
    name: String,
    /// The teams drawn into the group (`Team.id`), each in one group of the stage; none
    /// when omitted.
    team_ids: Option<Vec<ID>>,
}

impl AddGroupInput {
    pub fn into_fields(self) -> Result<GroupFields, AppError> {
        Ok(GroupFields {
            stage_id: id::decode(&self.stage_id, "Stage", "stageId")?,
            name: self.name,
            team_ids: self
                .team_ids
                .unwrap_or_default()
                .iter()
                .map(|t| id::decode(t, "Team", "teamIds"))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// A player's place in a team's squad for a tournament, from the three IDs naming it.
fn place(tournament: &ID, team: &ID, person: &ID) -> Result<SquadPlace, AppError> {
    Ok(SquadPlace {
        tournament_id: id::decode(tournament, "Tournament", "tournamentId")?,
        team_id: id::decode(team, "Team", "teamId")?,
        person_id: id::decode(person, "Person", "personId")?,
    })
}

/// A player registered in a team's squad for a tournament.
#[derive(InputObject)]
pub struct AddSquadMemberInput {
    /// The tournament (`Tournament.id`).
    tournament_id: ID,
    /// The team (`Team.id`).
    team_id: ID,
    /// The player (`Person.id`), in no other squad of the tournament.
    person_id: ID,
    /// Shirt number (1-99), unique in the squad.
    shirt_number: Option<i32>,
    /// Position as registered.
    position: Option<Position>,
}

impl AddSquadMemberInput {
    pub fn into_fields(self) -> Result<MemberFields, AppError> {
        Ok(MemberFields {
            place: place(&self.tournament_id, &self.team_id, &self.person_id)?,
            shirt_number: self.shirt_number,
            position: self.position,
        })
    }
}

/// A change of a squad member's status (ruled out injured, withdrawn, ...), with its reason
/// and source; it shows in `SquadMember.statusChanges`.
#[derive(InputObject)]
pub struct ChangeSquadStatusInput {
    /// The tournament (`Tournament.id`).
    tournament_id: ID,
    /// The team (`Team.id`).
    team_id: ID,
    /// The player (`Person.id`), in that team's squad.
    person_id: ID,
    /// The status from `on`; not the current one.
    status: SquadStatus,
    /// The day of the change; not in the future, nor before a change already recorded.
    on: Date,
    /// Why it changed, e.g. "Thigh injury in training".
    reason: String,
    /// Where this fact comes from, e.g. a federation's statement.
    source: String,
}

impl ChangeSquadStatusInput {
    pub fn into_fields(self) -> Result<StatusFields, AppError> {
        Ok(StatusFields {
            place: place(&self.tournament_id, &self.team_id, &self.person_id)?,
            status: self.status,
            on: self.on.0,
            reason: self.reason,
            source: self.source,
        })
    }
}
