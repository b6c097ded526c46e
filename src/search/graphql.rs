use async_graphql::{Context, Object, Result, Union};
use diesel::prelude::*;

use std::sync::Arc;

use super::index::{Index, Kind, SearchIndex};
use crate::error::AppError;
use crate::graphql::loader::{self, load_required};
use crate::person::{search_key, Person, PersonId};
use crate::schema::{people, person_aliases, teams, tournaments, venues};
use crate::team::{Team, TeamId};
use crate::tournament::{Tournament, TournamentId};
use crate::venue::{Venue, VenueId};

/// Most results one search returns.
const MAX_RESULTS: i32 = 50;

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Finds people, teams, tournaments and venues by name, ignoring case and accents and
    /// forgiving typos ("mbape" finds Kylian Mbappé), best match first.
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to look for, e.g. \"benzma\" or \"lusail\" (2-100 characters).")]
        query: String,
        #[graphql(desc = "How many results (1-50).", default = 10)] first: i32,
    ) -> Result<Vec<SearchHit>> {
        let wanted = search_key(&query);
        if !(2..=100).contains(&wanted.chars().count()) {
            return Err(AppError::bad_input("query", "give 2 to 100 characters").into());
        }
        if !(1..=MAX_RESULTS).contains(&first) {
            return Err(AppError::bad_input("first", "must be from 1 to 50").into());
        }
        let index = index(ctx).await?;
        let mut hits = index.find(&wanted);
        // Best score first; on a tie teams, then tournaments, venues and people.
        hits.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then((a.1 as u8).cmp(&(b.1 as u8)))
                .then(a.2.cmp(&b.2))
        });
        let mut seen = std::collections::HashSet::new();
        hits.retain(|(_, kind, id)| seen.insert((*kind as u8, *id)));
        hits.truncate(first as usize);
        Ok(hits
            .into_iter()
            .map(|(score, kind, id)| SearchHit { score, kind, id })
            .collect())
    }
}

/// The index of names, read from the database when there is none current.
async fn index(ctx: &Context<'_>) -> Result<Arc<Index>> {
    let shared = ctx.data::<Arc<SearchIndex>>()?;
    // Answered from the index, a search depends on no match (the response cache records
    // nothing); names change only by edits and imports.
    if let Some(index) = shared.current() {
        return Ok(index);
    }
    let index = Arc::new(loader::query(ctx, |c| Ok(Index::build(candidates(c)?))).await?);
    shared.keep(Arc::clone(&index));
    Ok(index)
}

/// Every name that can be searched: (kind, id, folded name).
fn candidates(conn: &mut crate::db::DbConnection) -> QueryResult<Vec<(Kind, i32, String)>> {
    let mut all = Vec::new();
    let teams: Vec<(i32, String)> = teams::table
        .select((teams::id, teams::search_name))
        .load(conn)?;
    all.extend(teams.into_iter().map(|(id, n)| (Kind::Team, id, n)));
    let tournaments: Vec<(i32, String)> = tournaments::table
        .select((tournaments::id, tournaments::name))
        .load(conn)?;
    all.extend(
        tournaments
            .into_iter()
            .map(|(id, n)| (Kind::Tournament, id, search_key(&n))),
    );
    let venues: Vec<(i32, String, String)> = venues::table
        .select((venues::id, venues::name, venues::city))
        .load(conn)?;
    all.extend(
        venues
            .into_iter()
            .map(|(id, n, city)| (Kind::Venue, id, search_key(&format!("{n} {city}")))),
    );
    let people: Vec<(i32, String)> = people::table
        .select((people::id, people::search_name))
        .load(conn)?;
    all.extend(people.into_iter().map(|(id, n)| (Kind::Person, id, n)));
    let aliases: Vec<(i32, String)> = person_aliases::table
        .select((person_aliases::person_id, person_aliases::search_name))
        .load(conn)?;
    all.extend(aliases.into_iter().map(|(id, n)| (Kind::Person, id, n)));
    Ok(all)
}

pub struct SearchHit {
    score: f64,
    kind: Kind,
    id: i32,
}

/// Something a search found.
#[derive(Union)]
pub enum SearchResult {
    Person(Person),
    Team(Team),
    Tournament(Tournament),
    Venue(Venue),
}

/// One search result and how well it matched.
#[Object]
impl SearchHit {
    /// How well the name matched, from 0 to 1 (1: exactly).
    async fn score(&self) -> f64 {
        (self.score * 1000.0).round() / 1000.0
    }

    /// What was found.
    async fn node(&self, ctx: &Context<'_>) -> Result<SearchResult> {
        Ok(match self.kind {
            Kind::Person => SearchResult::Person(load_required(ctx, PersonId(self.id)).await?),
            Kind::Team => SearchResult::Team(load_required(ctx, TeamId(self.id)).await?),
            Kind::Tournament => {
                SearchResult::Tournament(load_required(ctx, TournamentId(self.id)).await?)
            }
            Kind::Venue => SearchResult::Venue(load_required(ctx, VenueId(self.id)).await?),
        })
    }
}
