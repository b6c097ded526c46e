use async_graphql::{Context, Object, Result, ID};

use super::listing::{PersonFilter, PersonOrder};
use super::model::PersonName;
use super::{search_key, transliteration_key, Person, PersonId};
use crate::career::{
    Award, ClubSpell, InternationalCareer, PersonAwards, PersonCareers, PersonClubSpells,
};
use crate::error::AppError;
use crate::graphql::id;
use crate::graphql::loader::{load_list, load_one};
use crate::graphql::pagination::{load_page, window, Page, PageArgs};
use crate::graphql::partial::null_on_error;
use crate::graphql::scalars::Date;
use crate::matches::{Card, Goal, LineupEntry, ShootoutKick};
use crate::matches::{PersonAppearances, PersonCards, PersonGoals, PersonKicks};
use crate::squad::{PersonCoaching, PersonSquads, SquadMember, TeamCoach};

#[derive(Default)]
pub struct PersonQuery;

#[Object]
impl PersonQuery {
    /// A player (or coach, or referee) by ID, or by exact name ignoring case and accents
    /// ("kylian mbappe"); give exactly one. A name shared by several people is an error that
    /// asks for the ID.
    async fn player(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's ID (`Person.id`).")] id: Option<ID>,
        #[graphql(desc = "The full or known-as name, ignoring case and accents.")] name: Option<
            String,
        >,
    ) -> Option<Person> {
        let found: Result<Option<Person>> = async {
            match (id, name) {
                (Some(id), None) => {
                    let row = id::decode(&id, "Person", "id")?;
                    match load_one(ctx, PersonId(row)).await? {
                        Some(p) => Ok(Some(p)),
                        None => Err(AppError::NotFound(format!("no person with id `{}`", id.0)).into()),
                    }
                }
                (None, Some(name)) => {
                    let shown = name.clone();
                    let mut found = named(ctx, &name).await?;
                    match found.len() {
                        0 => Err(AppError::NotFound(format!("nobody is named `{shown}`")).into()),
                        1 => Ok(found.pop()),
                        n => Err(AppError::bad_input(
                            "name",
                            format!(
                                "{n} people are named `{shown}`; ask by `id` (see `people(filter: {{ name: }})`)"
                            ),
                        )
                        .into()),
                    }
                }
                _ => Err(AppError::bad_input("id", "give exactly one of `id` and `name`").into()),
            }
        }
        .await;
        null_on_error(ctx, found)
    }

    /// People (players, coaches, referees), filtered and ordered, as a Relay connection
    /// (pages of 1-100, 20 by default).
    #[allow(clippy::too_many_arguments)]
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which people (every condition must hold).")] filter: Option<PersonFilter>,
        #[graphql(desc = "Their order (by name when not given).")] order_by: Option<PersonOrder>,
        #[graphql(desc = "Items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Items before this cursor.")] before: Option<String>,
        #[graphql(desc = "The first n items (1-100).")] first: Option<i32>,
        #[graphql(desc = "The last n items (1-100).")] last: Option<i32>,
    ) -> Result<Page<Person>> {
        let args = PageArgs {
            after,
            before,
            first,
            last,
        };
        let filter = filter.unwrap_or_default();
        let order = order_by.unwrap_or_default();
        load_page(ctx, args, move |c, args| {
            super::listing::list(c, &filter, order, |total| window(args, total))
        })
        .await
    }
}

/// A person in football: a player, a coach or a referee (or several of these over a career).
#[Object]
impl Person {
    /// Opaque global ID.
    pub async fn id(&self) -> ID {
        id::encode("Person", self.id)
    }

    /// The name the person is known by: `knownAs` where there is one, else `fullName`.
    async fn name(&self) -> &str {
        self.display_name()
    }

    /// Full name, e.g. "Lionel Messi".
    async fn full_name(&self) -> &str {
        &self.full_name
    }

    /// A shorter or single name in common use, e.g. "Neymar"; null when the full name is used.
    async fn known_as(&self) -> Option<&str> {
        self.known_as.as_deref()
    }

    /// Every spelling of the name the sources used, e.g. "Kylian MBAPPE" and "Kylian Mbappé".
    async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let aliases: Vec<super::model::PersonAlias> =
            load_list(ctx, super::model::PersonAliases(self.id)).await?;
        Ok(aliases.into_iter().map(|a| a.alias).collect())
    }

    /// Date of birth.
    async fn birth_date(&self) -> Option<Date> {
        self.birth_date.map(Date)
    }

    /// FIFA code of the country the person represents (referees, coaches), e.g. "POL".
    async fn nationality(&self) -> Option<&str> {
        self.nationality.as_deref()
    }

    /// Every tournament squad the person was registered in, with shirt number and status.
    async fn squads(&self, ctx: &Context<'_>) -> Result<Vec<SquadMember>> {
        load_list(ctx, PersonSquads(self.id)).await
    }

    /// Squads the person was left out of, with the reason as reported (curated).
    async fn left_out_of(&self, ctx: &Context<'_>) -> Result<Vec<crate::squad::SquadOmission>> {
        load_list(ctx, crate::squad::PersonLeftOut(self.id)).await
    }

    /// Matches the person played in (started or came on), in order.
    async fn appearances(&self, ctx: &Context<'_>) -> Result<Vec<LineupEntry>> {
        load_list(ctx, PersonAppearances(self.id)).await
    }

    /// Goals the person scored (own goals included, marked as such).
    async fn goals(&self, ctx: &Context<'_>) -> Result<Vec<Goal>> {
        load_list(ctx, PersonGoals(self.id)).await
    }

    /// Cards the person was shown.
    async fn cards(&self, ctx: &Context<'_>) -> Result<Vec<Card>> {
        load_list(ctx, PersonCards(self.id)).await
    }

    /// Penalty shootout kicks the person took.
    async fn shootout_kicks(&self, ctx: &Context<'_>) -> Result<Vec<ShootoutKick>> {
        load_list(ctx, PersonKicks(self.id)).await
    }

    /// Teams the person coached at tournaments.
    async fn coaching(&self, ctx: &Context<'_>) -> Result<Vec<TeamCoach>> {
        load_list(ctx, PersonCoaching(self.id)).await
    }

    /// Clubs the person played for, oldest first (curated, with sources).
    async fn club_spells(&self, ctx: &Context<'_>) -> Result<Vec<ClubSpell>> {
        load_list(ctx, PersonClubSpells(self.id)).await
    }

    /// Individual awards (curated, with sources).
    async fn awards(&self, ctx: &Context<'_>) -> Result<Vec<Award>> {
        load_list(ctx, PersonAwards(self.id)).await
    }

    /// Careers with national teams: curated totals, debut and retirement, next to totals
    /// computed from goalline's match data.
    async fn international_careers(&self, ctx: &Context<'_>) -> Result<Vec<InternationalCareer>> {
        load_list(ctx, PersonCareers(self.id)).await
    }

    /// Where this record came from, and when it was loaded.
    async fn provenance(&self, ctx: &Context<'_>) -> Result<Option<crate::source::Source>> {
        crate::source::provenance(ctx, self.source_id).await
    }
}

/// The people named `name` (their name or an alias), ignoring case and accents; a name written
/// as German and Nordic ASCII spellings write it ("Gerd Mueller") also finds "Gerd Müller".
async fn named(ctx: &Context<'_>, name: &str) -> Result<Vec<Person>> {
    let found = load_list(ctx, PersonName(search_key(name))).await?;
    let spelled = transliteration_key(name);
    if !found.is_empty() || spelled == search_key(name) {
        return Ok(found);
    }
    load_list(ctx, PersonName(spelled)).await
}
