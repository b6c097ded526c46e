//! The reviewed corrections applied to a match (`import::corrections`): which fact goalline
//! set against its files, to what, and the reference that establishes it.

use async_graphql::SimpleObject;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::schema::match_corrections;

crate::text_enum! {
    /// The kind of fact a correction sets.
    CorrectionFact {
        /// Who refereed the match.
        Referee => "REFEREE",
        /// A sending-off the files do not show.
        Dismissal => "DISMISSAL",
        /// A goal's time in seconds.
        GoalTime => "GOAL_TIME",
        /// The official attendance.
        Attendance => "ATTENDANCE",
        /// How a failed shootout kick failed: saved, or missed the target.
        KickOutcome => "KICK_OUTCOME",
    }
}

/// A fact goalline corrected or added to what the open files say about a match.
#[derive(Debug, Clone, Queryable, Selectable, SimpleObject)]
#[diesel(table_name = match_corrections)]
#[graphql(name = "Correction", complex)]
pub struct MatchCorrection {
    #[graphql(skip)]
    pub match_id: i32,
    #[graphql(skip)]
    pub fact: CorrectionFact,
    /// The value set, in words ("Rudi Glöckner", "68346", "Hakan Şükür 11 s").
    pub value: String,
    /// The reference that establishes it.
    pub reference: String,
    /// What the files said, and other context.
    pub note: Option<String>,
}

#[async_graphql::ComplexObject]
impl MatchCorrection {
    /// The kind of fact.
    async fn fact(&self) -> async_graphql::Result<CorrectionFact> {
        Ok(self.fact)
    }
}

impl MatchCorrection {
    pub fn of_matches(conn: &mut DbConnection, ids: &[i32]) -> QueryResult<Vec<MatchCorrection>> {
        match_corrections::table
            .filter(match_corrections::match_id.eq_any(ids))
            .order((match_corrections::match_id, match_corrections::id))
            .select(MatchCorrection::as_select())
            .load(conn)
    }
}

/// Key: the corrections of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatchCorrections(pub i32);

crate::list_relation!(MatchCorrections => MatchCorrection, MatchCorrection::of_matches, |c| c.match_id, matches, match |c| c.match_id, MatchCorrection::of_matches);
crate::read_scope!(Match: MatchCorrections);
