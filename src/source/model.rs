use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::schema::sources;

crate::text_enum! {
    /// What kind of source a fact came from.
    SourceKind {
        /// The dataset built into goalline (the 2022 World Cup).
        BuiltIn => "BUILT_IN",
        /// A file given to `goalline import`.
        File => "FILE",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sources)]
pub struct Source {
    pub id: i32,
    pub name: String,
    pub kind: SourceKind,
    pub version: String,
    pub imported_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sources)]
pub struct NewSource<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub version: &'a str,
    pub imported_at: NaiveDateTime,
}

/// A version for content: the first 16 hex digits of its SHA-256.
pub fn content_version(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Source {
    pub fn by_ids(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<Source>> {
        sources::table
            .filter(sources::id.eq_any(ids))
            .select(Source::as_select())
            .load(conn)
    }

    /// The id of this source at this version, recorded now if it is new.
    /// Records the sources named `names` (files of goalline's built-in bundle, imported as
    /// files) as built in.
    pub fn mark_built_in(conn: &mut DbConnection, names: &[String]) -> QueryResult<usize> {
        diesel::update(sources::table.filter(sources::name.eq_any(names)))
            .set(sources::kind.eq(SourceKind::BuiltIn.as_str()))
            .execute(conn)
    }

    pub fn record(conn: &mut DbConnection, new: &NewSource<'_>) -> QueryResult<i32> {
        let existing = sources::table
            .filter(sources::name.eq(new.name))
            .filter(sources::version.eq(new.version))
            .select(sources::id)
            .first(conn)
            .optional()?;
        match existing {
            Some(id) => Ok(id),
            None => diesel::insert_into(sources::table)
                .values(new)
                .returning(sources::id)
                .get_result(conn),
        }
    }
}

/// Key: a source by row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceId(pub i32);

crate::row_relation!(SourceId => Source, Source::by_ids, sources);
crate::read_scope!(Fixed: SourceId);
