//! The international results: every men's full international since 1872 (`results.csv`),
//! with goals (`goalscorers.csv`), shootouts (`shootouts.csv`) and former team names
//! (`former_names.csv`), from the public-domain international results dataset.
//!
//! Read whole, written in one transaction. A match already known (the same two teams on the
//! same day, give or take a day for time zones) is not written again: its competition, city
//! and neutral ground are added where missing, and a result that disagrees is reported. A new
//! match belongs to its competition (`competition::catalogue`) and, for final tournaments and
//! leagues, to the edition of its official year. The source gives only the result (after
//! extra time where it was played) and a shootout's winner, so that is what is stored. Goals
//! are this source's claims, reconciled with what other sources say of the same match
//! (`import::reconcile`); a goal list that exceeds the result is left out with a warning
//! naming its line.

mod read;
mod scorers;
mod teams;
mod write;

pub use read::{FormerNameRow, ResultRow, ScorerRow, ShootoutRow};
pub use write::{write, Shown};

use crate::import::ParseError;

/// The four files, read.
#[derive(Debug, Default)]
pub struct Dataset {
    pub results: Vec<ResultRow>,
    pub scorers: Vec<ScorerRow>,
    pub shootouts: Vec<ShootoutRow>,
    pub former_names: Vec<FormerNameRow>,
}

/// The texts of the four files (those beside `results.csv` may be missing: empty).
pub struct Texts<'a> {
    pub results: &'a str,
    pub scorers: Option<&'a str>,
    pub shootouts: Option<&'a str>,
    pub former_names: Option<&'a str>,
}

/// The file names beside `results.csv`, in the order of `Texts`.
pub const COMPANIONS: [&str; 3] = ["goalscorers.csv", "shootouts.csv", "former_names.csv"];

/// Reads the files; an error names the file (by its name above) and the line.
pub fn parse(texts: &Texts<'_>) -> Result<Dataset, (&'static str, ParseError)> {
    let or_empty =
        |t: Option<&str>, header: &str| t.map_or_else(|| header.to_owned(), str::to_owned);
    Ok(Dataset {
        results: read::results(texts.results).map_err(|e| ("results.csv", e))?,
        scorers: read::scorers(&or_empty(texts.scorers, read::SCORERS_HEADER))
            .map_err(|e| (COMPANIONS[0], e))?,
        shootouts: read::shootouts(&or_empty(texts.shootouts, read::SHOOTOUTS_HEADER))
            .map_err(|e| (COMPANIONS[1], e))?,
        former_names: read::former_names(&or_empty(texts.former_names, read::FORMER_HEADER))
            .map_err(|e| (COMPANIONS[2], e))?,
    })
}
