use async_graphql::{Context, Object, Result};

use super::model::{
    CoachRole, MemberStatusChanges, Position, SquadStatus, SquadStatusChange, TeamCoaches,
    TeamSquad,
};
use super::{SquadLeftOut, SquadMember, SquadOmission, TeamCoach};
use crate::graphql::loader::{load_list, load_one, load_required};
use crate::graphql::scalars::Date;
use crate::person::{Person, PersonId};
use crate::team::{Team, TeamId};
use crate::tournament::{Tournament, TournamentId};

pub struct Squad {
    pub tournament_id: i32,
    pub team: Team,
}

/// A team's squad at one tournament.
#[Object]
impl Squad {
    /// The team.
    async fn team(&self) -> &Team {
        &self.team
    }

    /// The head coach.
    async fn coach(&self, ctx: &Context<'_>) -> Result<Option<Person>> {
        let coaches: Vec<TeamCoach> = load_list(
            ctx,
            TeamCoaches {
                team_id: self.team.id,
                tournament_id: self.tournament_id,
            },
        )
        .await?;
        match coaches.first() {
            Some(c) => load_one(ctx, PersonId(c.person_id)).await,
            None => Ok(None),
        }
    }

    /// The registered players, by shirt number.
    async fn players(&self, ctx: &Context<'_>) -> Result<Vec<SquadMember>> {
        load_list(
            ctx,
            TeamSquad {
                team_id: self.team.id,
                tournament_id: self.tournament_id,
            },
        )
        .await
    }

    /// Players left out of this squad, as reported when it was announced (curated; empty
    /// when nothing is recorded).
    async fn left_out(&self, ctx: &Context<'_>) -> Result<Vec<SquadOmission>> {
        load_list(
            ctx,
            SquadLeftOut {
                team_id: self.team.id,
                tournament_id: self.tournament_id,
            },
        )
        .await
    }
}

/// A player registered in a team's squad for a tournament.
#[Object]
impl SquadMember {
    /// The player.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The team.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The tournament.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Tournament> {
        load_required(ctx, TournamentId(self.tournament_id)).await
    }

    /// Shirt number for the tournament.
    async fn shirt_number(&self) -> Option<i32> {
        self.shirt_number
    }

    /// Position as registered.
    async fn position(&self) -> Result<Option<Position>> {
        Ok(self.position)
    }

    /// Whether the player was available, ruled out or withdrawn.
    async fn status(&self) -> Result<SquadStatus> {
        Ok(self.status)
    }

    /// Why the status is what it is, where it is not plain selection.
    async fn status_note(&self) -> Option<&str> {
        self.status_note.as_deref()
    }

    /// How the status changed after the squad was named, oldest first, each with its reason
    /// and source.
    async fn status_changes(&self, ctx: &Context<'_>) -> Result<Vec<SquadStatusChange>> {
        load_list(ctx, MemberStatusChanges(self.id)).await
    }

    /// Where this record came from, and when it was loaded.
    async fn provenance(&self, ctx: &Context<'_>) -> Result<Option<crate::source::Source>> {
        crate::source::provenance(ctx, self.source_id).await
    }
}

/// A change of a squad member's status.
#[Object]
impl SquadStatusChange {
    /// The status from that day on.
    async fn status(&self) -> Result<SquadStatus> {
        Ok(self.status)
    }

    /// The day of the change.
    async fn on(&self) -> Date {
        Date(self.changed_on)
    }

    /// Why it changed.
    async fn reason(&self) -> &str {
        &self.reason
    }

    /// Where this fact comes from.
    async fn source(&self) -> &str {
        &self.source
    }
}

/// A coach of a team at a tournament.
#[Object]
impl TeamCoach {
    /// The coach.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        load_required(ctx, PersonId(self.person_id)).await
    }

    /// The team coached.
    async fn team(&self, ctx: &Context<'_>) -> Result<Team> {
        load_required(ctx, TeamId(self.team_id)).await
    }

    /// The tournament.
    async fn tournament(&self, ctx: &Context<'_>) -> Result<Tournament> {
        load_required(ctx, TournamentId(self.tournament_id)).await
    }

    /// Head coach or assistant.
    async fn role(&self) -> Result<CoachRole> {
        Ok(self.role)
    }
}
