//! Merges a stadium list into the venues of a tournament already imported: fills capacity and
//! city where they are missing, warns (keeping the recorded value) where they disagree.
//! Stadiums are matched by name, ignoring words such as "Estádio" or "Arena" that sources add
//! or drop ("Maracanã" is "Estádio do Maracanã"), and by city where names alone are ambiguous.

use diesel::prelude::*;

use super::stadiums_csv::Stadium;
use super::summary::Changes;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::person::names_close;
use crate::person::search_key;
use crate::schema::{matches, venues};

const GENERIC: &[&str] = &[
    "estadio", "stadium", "stadion", "stade", "stadio", "arena", "do", "da", "de", "del", "the",
    "park", "national", "nacional",
];

/// The distinctive words of a stadium's name, folded.
fn core_name(name: &str) -> String {
    search_key(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A venue as stored: id, name, city, capacity.
type Row = (i32, String, String, Option<i32>);

/// The one venue among `venues` in `city`.
fn only_in_city<'v>(venues: impl Iterator<Item = &'v Row>, city: &str) -> Option<&'v Row> {
    let mut same = venues.filter(|v| search_key(&v.2) == city);
    match (same.next(), same.next()) {
        (Some(v), None) => Some(v),
        _ => None,
    }
}

pub fn merge(
    conn: &mut DbConnection,
    tournament_id: i32,
    stadiums: &[Stadium],
    shown: &str,
) -> Result<Changes, AppError> {
    let mut changes = Changes::default();
    let known: Vec<Row> = venues::table
        .filter(
            venues::id.nullable().eq_any(
                matches::table
                    .filter(matches::tournament_id.eq(tournament_id))
                    .select(matches::venue_id),
            ),
        )
        .select((venues::id, venues::name, venues::city, venues::capacity))
        .load(conn)?;
    for s in stadiums {
        let core = core_name(&s.name);
        let close: Vec<_> = known
            .iter()
            .filter(|(_, name, _, _)| {
                let other = core_name(name);
                !core.is_empty() && !other.is_empty() && names_close(&other, &core)
            })
            .collect();
        let city = search_key(&s.city);
        // Stadiums are renamed ("Kazan Arena" was "Ak Bars Arena"): the one venue of the
        // tournament in that city is the same stadium.
        let chosen: Option<&Row> = match close.as_slice() {
            [one] => Some(*one),
            [] => only_in_city(known.iter(), &city),
            many => only_in_city(many.iter().copied(), &city),
        };
        let warn = |changes: &mut Changes, text: String| {
            changes.warnings.push(format!("{shown}:{}: {text}", s.line));
        };
        let Some((id, name, recorded_city, capacity)) = chosen else {
            warn(
                &mut changes,
                format!(
                    "no venue of this tournament's matches is {}; not added",
                    s.name
                ),
            );
            continue;
        };
        let mut updated = false;
        match (capacity, s.capacity) {
            (None, Some(c)) => {
                diesel::update(venues::table.find(*id))
                    .set(venues::capacity.eq(c))
                    .execute(conn)?;
                updated = true;
            }
            (Some(a), Some(b)) if *a != b => warn(
                &mut changes,
                format!("{name}: capacity {b} disagrees with the recorded {a}; kept {a}"),
            ),
            _ => {}
        }
        if recorded_city.is_empty() && !s.city.is_empty() {
            diesel::update(venues::table.find(*id))
                .set(venues::city.eq(&s.city))
                .execute(conn)?;
            updated = true;
        } else if !s.city.is_empty() && search_key(recorded_city) != city {
            warn(
                &mut changes,
                format!(
                    "{name}: city {} disagrees with the recorded {recorded_city}; kept",
                    s.city
                ),
            );
        }
        if updated {
            changes.venues.updated += 1;
        } else {
            changes.venues.unchanged += 1;
        }
    }
    if changes.venues.updated > 0 {
        changes.tournaments.updated = 1;
    } else {
        changes.tournaments.unchanged = 1;
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stadium_names_compare_by_their_distinctive_words() {
        assert_eq!(core_name("Estádio do Maracanã"), "maracana");
        assert_eq!(core_name("Maracanã"), "maracana");
        assert_eq!(core_name("Fonte Nova Arena"), core_name("Arena Fonte Nova"));
    }
}
