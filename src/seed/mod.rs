//! The built-in dataset, compiled into the binary so a start needs neither the network nor
//! other files: `history.bundle` holds the public-domain files themselves (every World Cup,
//! every EURO, Copa América 2024 and every men's international since 1872), packed by
//! `goalline bundle` and imported at first start by the same importer as any folder. The 2022
//! World Cup alone (`GOALLINE_SEED=2022`, for tests and demos) is its files out of the same
//! bundle; curated knowledge and reviewed corrections are applied on top.

pub mod bundle;

use std::path::PathBuf;

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::error::AppError;
use crate::import;

/// Curated knowledge (careers, awards, team lineage) with its sources.
pub const CURATED: &str = include_str!("curated.json");

/// Reviewed corrections of facts the open files get wrong or lack, each with its reference.
pub const CORRECTIONS: &str = include_str!("corrections.json");

/// Applies the built-in curated knowledge and corrections to whatever data is loaded; run
/// again after an import, it adds the facts whose matches, people or teams have arrived.
pub fn apply_curated(conn: &mut DbConnection) -> Result<import::curated::CuratedCounts, AppError> {
    let file: import::curated::CuratedFile =
        serde_json::from_str(CURATED).map_err(|e| AppError::Data(format!("curated.json: {e}")))?;
    let mut counts = import::curated::apply(conn, &file)?;
    let corrected = import::corrections::apply(conn, CORRECTIONS)?;
    for warning in &corrected.warnings {
        tracing::warn!("{warning}");
    }
    counts.recorded += corrected.applied;
    counts.waiting += corrected.not_loaded;
    Ok(counts)
}

/// What built-in data a database that lacks it gets (`GOALLINE_SEED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltIn {
    /// Nothing (`false`).
    Nothing,
    /// The 2022 World Cup alone (`2022`): fast, for tests and demos.
    WorldCup2022,
    /// Everything (`true`, the default): the 2022 World Cup and the whole history.
    History,
}

impl BuiltIn {
    pub fn parse(value: &str) -> Result<Self, String> {
        match value.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" | "history" => Ok(Self::History),
            "2022" => Ok(Self::WorldCup2022),
            "0" | "false" | "no" | "off" => Ok(Self::Nothing),
            _ => Err("expected true (everything), 2022 or false".into()),
        }
    }
}

/// The whole history as shipped: the source files packed by `goalline bundle`.
pub const HISTORY: &[u8] = include_bytes!("history.bundle");

pub const HISTORY_SOURCE: &str =
    "goalline built-in history (openfootball and international results, CC0)";

pub const WORLD_CUP_2022_SOURCE: &str = "goalline built-in 2022 World Cup (openfootball, CC0)";

/// The files of the 2022 World Cup inside the bundle: the match report (with its squad list
/// beside it), football.json and the stadium list.
const WORLD_CUP_2022_FILES: &[&str] = &[
    "openfootball/worldcup/more/2022_full.txt",
    "openfootball/worldcup/more/2022_squads.txt",
    "openfootball/worldcup.json/2022/worldcup.json",
    "openfootball/worldcup/2022--qatar/cup_stadiums.csv",
];

/// Imports the built-in history unless this version of it is recorded as loaded; `None`
/// when it was. Provenance names each file by its path inside the bundle.
pub fn load_history(conn: &mut DbConnection) -> Result<Option<import::ImportSummary>, AppError> {
    load_once(conn, HISTORY_SOURCE, |_| true)
}

/// Imports the 2022 World Cup's files from the bundle unless this version of them is recorded
/// as loaded; `None` when it was.
pub fn load_world_cup_2022(
    conn: &mut DbConnection,
) -> Result<Option<import::ImportSummary>, AppError> {
    load_once(conn, WORLD_CUP_2022_SOURCE, |path| {
        WORLD_CUP_2022_FILES.contains(&path)
    })
}

/// Raised when the importer makes other rows of the same files, so that a database an older
/// goalline loaded loads them again at its next start (2: goals without a minute kept; 3: EURO
/// 1984 and 1992 group matches, undated in their file, paired with their results rows; a
/// scorer named alone is the namesake of an age to play on the match's day; EURO squad players
/// without a birth date are the people the World Cup squads hold; scorers of teams the
/// results bring in have their team's code as nationality).
const IMPORT_REVISION: u32 = 3;

/// Imports the bundle's files that `wanted` names, once per version of the bundle and of
/// the importer: a source named `name` records that they were.
fn load_once(
    conn: &mut DbConnection,
    name: &str,
    wanted: impl Fn(&str) -> bool,
) -> Result<Option<import::ImportSummary>, AppError> {
    use crate::schema::sources;
    let version: String = Sha256::new()
        .chain_update(HISTORY)
        .chain_update(IMPORT_REVISION.to_le_bytes())
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let loaded = |c: &mut DbConnection| -> QueryResult<bool> {
        let found: i64 = sources::table
            .filter(sources::name.eq(name))
            .filter(sources::version.eq(&version))
            .count()
            .get_result(c)?;
        Ok(found > 0)
    };
    if loaded(conn)? {
        return Ok(None);
    }
    // One transaction: the files and the record that they were loaded commit together. Asked
    // again inside it, once its locks are held: another instance starting at the same time
    // waits for this one, then finds the data loaded.
    crate::bulk_load::with_keys_checked_at_the_end(conn, |c| {
        if loaded(c)? {
            return Ok(None);
        }
        let summary = import_bundled(c, wanted)?;
        crate::source::Source::record(
            c,
            &crate::source::NewSource {
                name,
                kind: crate::source::SourceKind::BuiltIn.as_str(),
                version: &version,
                imported_at: chrono::Utc::now().naive_utc(),
            },
        )?;
        Ok(Some(summary))
    })
}

/// Unpacks the bundle's files that `wanted` names into a temporary folder (removed
/// afterwards) and imports them; a file that fails to import fails the whole.
fn import_bundled(
    conn: &mut DbConnection,
    wanted: impl Fn(&str) -> bool,
) -> Result<import::ImportSummary, AppError> {
    let failed = |e: std::io::Error| AppError::Data(format!("built-in data: {e}"));
    let dir = Unpacked::new()?;
    let names = bundle::unpack_into_where(HISTORY, &dir.0, wanted).map_err(failed)?;
    let roots: Vec<PathBuf> = std::fs::read_dir(&dir.0)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
        .map_err(failed)?;
    let summary = import::import_under(conn, &dir.0, &roots, |_| {})?;
    if let Some(failed) = summary
        .files
        .iter()
        .find(|f| matches!(f.outcome, import::FileOutcome::Failed(_)))
    {
        return Err(AppError::Data(format!("built-in data: {failed:?}")));
    }
    for chunk in names.chunks(500) {
        crate::source::Source::mark_built_in(conn, chunk)?;
    }
    Ok(summary)
}

/// A temporary folder, removed when dropped.
struct Unpacked(PathBuf);

impl Unpacked {
    fn new() -> Result<Self, AppError> {
        let dir = std::env::temp_dir().join(format!("goalline-history-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| AppError::Data(format!("{}: {e}", dir.display())))?;
        Ok(Self(dir))
    }
}

impl Drop for Unpacked {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
