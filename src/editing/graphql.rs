//! The editing mutations: each checks the caller's key before reading its input, then runs
//! its entity's write (one transaction) and answers the object as it now stands.

use async_graphql::{Context, Object, Result};

use super::inputs::{
    AddGroupInput, AddSquadMemberInput, AddStageInput, ChangeSquadStatusInput, CreatePersonInput,
    CreateTeamInput, CreateTournamentInput, UpdatePersonInput, UpdateTeamInput,
};
use super::{person, squad, team, tournament};
use crate::auth::{self, Role};
use crate::graphql::loader::{load_required, query};
use crate::person::{Person, PersonId};
use crate::squad::SquadMember;
use crate::team::{Team, TeamId};
use crate::tournament::{Group, GroupId, Stage, StageId, Tournament, TournamentId};

#[derive(Default)]
pub struct EditingMutation;

/// Runs an edit's write (one transaction), then tells the response cache of every instance
/// that anything may have changed.
async fn edit<T, F>(ctx: &Context<'_>, write: F) -> Result<T>
where
    F: FnOnce(&mut crate::db::DbConnection) -> Result<T, crate::error::AppError> + Send + 'static,
    T: Send + 'static,
{
    let written = query(ctx, write).await?;
    crate::live::announce_edit(ctx).await;
    Ok(written)
}

/// Editing teams, people, tournaments and squads needs an API key with the EDITOR role. Each
/// write runs in one transaction; an invalid input is refused with BAD_USER_INPUT naming the
/// field (`extensions.argument`), an unknown ID with NOT_FOUND, and nothing is written.
#[Object]
impl EditingMutation {
    /// Creates a team. Needs an EDITOR key.
    async fn create_team(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The team.")] input: CreateTeamInput,
    ) -> Result<Team> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields();
        let row = edit(ctx, move |c| team::create(c, &fields)).await?;
        load_required(ctx, TeamId(row)).await
    }

    /// Renames a team or changes its FIFA code. Needs an EDITOR key.
    async fn update_team(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The team and what changes.")] input: UpdateTeamInput,
    ) -> Result<Team> {
        auth::require(ctx, Role::Editor).await?;
        let (row, changes) = input.into_fields()?;
        edit(ctx, move |c| team::update(c, row, &changes)).await?;
        load_required(ctx, TeamId(row)).await
    }

    /// Creates a person, found from then on by name in `people` and `search`. Needs an
    /// EDITOR key.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person.")] input: CreatePersonInput,
    ) -> Result<Person> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields();
        let row = edit(ctx, move |c| person::create(c, &fields)).await?;
        load_required(ctx, PersonId(row)).await
    }

    /// Corrects a person's names, birth date or nationality. Needs an EDITOR key.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person and what changes.")] input: UpdatePersonInput,
    ) -> Result<Person> {
        auth::require(ctx, Role::Editor).await?;
        let (row, changes) = input.into_fields()?;
        edit(ctx, move |c| person::update(c, row, changes)).await?;
        load_required(ctx, PersonId(row)).await
    }

    /// Creates a tournament edition, without stages. Needs an EDITOR key.
    async fn create_tournament(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tournament.")] input: CreateTournamentInput,
    ) -> Result<Tournament> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields();
        let row = edit(ctx, move |c| tournament::create(c, &fields)).await?;
        load_required(ctx, TournamentId(row)).await
    }

    /// Adds a stage (the group stage or a knockout round) to a tournament; `createMatch`
    /// then schedules its matches. Needs an EDITOR key.
    async fn add_stage(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The stage.")] input: AddStageInput,
    ) -> Result<Stage> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields()?;
        let row = edit(ctx, move |c| tournament::add_stage(c, &fields)).await?;
        load_required(ctx, StageId(row)).await
    }

    /// Adds a group, with the teams drawn into it, to a group stage. Needs an EDITOR key.
    async fn add_group(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The group.")] input: AddGroupInput,
    ) -> Result<Group> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields()?;
        let row = edit(ctx, move |c| tournament::add_group(c, &fields)).await?;
        load_required(ctx, GroupId(row)).await
    }

    /// Registers a player in a team's squad for a tournament, SELECTED. Needs an EDITOR key.
    async fn add_squad_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The player and the squad.")] input: AddSquadMemberInput,
    ) -> Result<SquadMember> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields()?;
        edit(ctx, move |c| squad::add_member(c, &fields)).await
    }

    /// Records a change of a squad member's status (e.g. RULED_OUT_INJURED, WITHDRAWN), with
    /// its day, reason and source. Needs an EDITOR key.
    async fn change_squad_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The squad member and the change.")] input: ChangeSquadStatusInput,
    ) -> Result<SquadMember> {
        auth::require(ctx, Role::Editor).await?;
        let fields = input.into_fields()?;
        edit(ctx, move |c| squad::change_status(c, &fields)).await
    }
}
