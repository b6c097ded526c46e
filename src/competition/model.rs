use diesel::prelude::*;

use super::catalogue::Entry;
use crate::db::DbConnection;
use crate::schema::competitions;

crate::text_enum! {
    /// How a competition is played.
    CompetitionKind {
        /// A final tournament played in editions (the FIFA World Cup, the UEFA Euro).
        Tournament => "TOURNAMENT",
        /// Qualifying matches for a final tournament.
        Qualification => "QUALIFICATION",
        /// A league played in seasons (the UEFA Nations League).
        League => "LEAGUE",
        /// Friendlies, and friendly cups played without editions worth naming.
        Friendly => "FRIENDLY",
        /// Recorded matches played back live by `goalline replay`: demonstrations, never part
        /// of the record (records, tables, head-to-head and people's matches leave them out).
        Playback => "PLAYBACK",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = competitions)]
pub struct Competition {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub kind: CompetitionKind,
    pub confederation: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = competitions)]
pub struct NewCompetition<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub confederation: Option<&'a str>,
}

/// Key for loading a competition by its row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompetitionId(pub i32);

crate::row_relation!(CompetitionId => Competition, Competition::by_ids, competitions);

/// `competitions` lists them by name.
impl crate::read_model::Listed for Competition {
    fn listing_order(&self, other: &Self) -> std::cmp::Ordering {
        (&self.name, self.id).cmp(&(&other.name, other.id))
    }
}

impl Competition {
    /// Every competition, by name.
    pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Competition>> {
        competitions::table
            .filter(competitions::slug.eq(slug))
            .select(Competition::as_select())
            .first(conn)
            .optional()
    }

    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Competition>> {
        competitions::table
            .filter(competitions::id.eq_any(ids))
            .select(Competition::as_select())
            .load(conn)
    }

    /// The row of a catalogue entry, created the first time a source names it.
    pub fn ensure(conn: &mut DbConnection, entry: &Entry) -> QueryResult<i32> {
        if let Some(found) = Self::by_slug(conn, &entry.slug)? {
            return Ok(found.id);
        }
        diesel::insert_into(competitions::table)
            .values(&NewCompetition {
                slug: &entry.slug,
                name: &entry.name,
                kind: entry.kind.as_str(),
                confederation: entry.confederation.as_deref(),
            })
            .returning(competitions::id)
            .get_result(conn)
    }
}
crate::read_scope!(Fixed: CompetitionId);
