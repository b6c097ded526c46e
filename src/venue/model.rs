use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::venues;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = venues)]
pub struct Venue {
    pub id: i32,
    pub name: String,
    pub city: String,
    pub country: String,
    pub capacity: Option<i32>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = venues, treat_none_as_default_value = false)]
pub struct NewVenue<'a> {
    pub name: &'a str,
    pub city: &'a str,
    pub country: &'a str,
    pub capacity: Option<i32>,
}

impl Venue {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Venue>> {
        venues::table
            .filter(venues::id.eq_any(ids))
            .select(Venue::as_select())
            .load(conn)
    }

    /// The venue of that name in that city, recorded if new: (id, whether it was new).
    /// Stadiums are shared by tournaments (the Azteca in 1970 and 1986).
    pub fn find_or_insert(conn: &mut DbConnection, new: &NewVenue<'_>) -> QueryResult<(i32, bool)> {
        let existing: Option<i32> = venues::table
            .filter(venues::name.eq(new.name).and(venues::city.eq(new.city)))
            .select(venues::id)
            .first(conn)
            .optional()?;
        match existing {
            Some(id) => Ok((id, false)),
            None => Ok((Self::insert(conn, new)?, true)),
        }
    }

    pub fn insert(conn: &mut DbConnection, new: &NewVenue<'_>) -> QueryResult<i32> {
        diesel::insert_into(venues::table)
            .values(new)
            .returning(venues::id)
            .get_result(conn)
    }
}

/// Key for loading a venue by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VenueId(pub i32);

crate::row_relation!(VenueId => Venue, Venue::by_ids, venues);

/// `venues` lists them by name.
impl crate::read_model::Listed for Venue {
    fn listing_order(&self, other: &Self) -> std::cmp::Ordering {
        (&self.name, self.id).cmp(&(&other.name, other.id))
    }
}
crate::read_scope!(Fixed: VenueId);
