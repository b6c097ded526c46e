//! Scores in a merge: those a stored match lacks, filled from the file.

use diesel::prelude::*;

use super::{pair, Pair, Stored};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::matches::MatchStatus;
use crate::schema::matches;

/// A stored match's scores (ht, ft, et, pen), with those missing filled from the file.
pub(super) struct ScoreUpdate {
    pub(super) scores: [Pair; 4],
    changed: bool,
}

impl ScoreUpdate {
    pub(super) fn new(s: &Stored) -> Self {
        Self {
            scores: [pair(s.ht), pair(s.ft), pair(s.et), pair(s.pen)],
            changed: false,
        }
    }

    pub(super) fn set(&mut self, slot: usize, value: [i32; 2]) {
        self.scores[slot] = Some(value);
        self.changed = true;
    }

    pub(super) fn any(&self) -> bool {
        self.changed
    }

    /// One statement: a match becomes finished together with its score (a constraint).
    pub(super) fn write(
        &self,
        conn: &mut DbConnection,
        id: i32,
        was_unplayed: bool,
    ) -> Result<(), AppError> {
        let [ht, ft, et, pen] = self.scores;
        let side = |p: Pair, i: usize| p.map(|x| x[i]);
        let status = if was_unplayed && ft.is_none() {
            MatchStatus::Scheduled
        } else {
            MatchStatus::Finished
        };
        diesel::update(matches::table.find(id))
            .set((
                matches::status.eq(status.as_str()),
                matches::ht_home.eq(side(ht, 0)),
                matches::ht_away.eq(side(ht, 1)),
                matches::ft_home.eq(side(ft, 0)),
                matches::ft_away.eq(side(ft, 1)),
                matches::et_home.eq(side(et, 0)),
                matches::et_away.eq(side(et, 1)),
                matches::pen_home.eq(side(pen, 0)),
                matches::pen_away.eq(side(pen, 1)),
            ))
            .execute(conn)?;
        Ok(())
    }
}

/// Readers (and caches) that compare match versions see the change.
pub(super) fn bump_version(conn: &mut DbConnection, id: i32) -> Result<(), AppError> {
    diesel::update(matches::table.find(id))
        .set(matches::version.eq(matches::version + 1))
        .execute(conn)?;
    Ok(())
}
