//! The built-in dataset, compiled into the binary so a start needs neither the network nor
//! other files: the whole 2022 World Cup (`world-cup-2022.json`, in goalline's own format,
//! produced by `tools/seed_2022.py` from the openfootball files), then the whole history
//! (`history.bundle`: every World Cup, every EURO, Copa América 2024 and every men's
//! international since 1872, the public-domain files themselves, packed by `goalline bundle`
//! and imported at first start by the same importer as any folder).

pub mod bundle;

use std::path::PathBuf;

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::{self, SeedFile, WriteOutcome};
use crate::source::{content_version, SourceKind};

/// The 2022 World Cup in the seed format.
pub const WORLD_CUP_2022: &str = include_str!("world-cup-2022.json");

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

/// Loads the built-in 2022 World Cup unless it is already there.
pub fn seed_builtin(conn: &mut DbConnection) -> Result<WriteOutcome, AppError> {
    let file: SeedFile = serde_json::from_str(WORLD_CUP_2022)
        .map_err(|e| AppError::Data(format!("world-cup-2022.json: {e}")))?;
    let origin = import::Origin {
        name: "goalline built-in world-cup-2022.json (from openfootball, CC0)".to_owned(),
        kind: SourceKind::BuiltIn,
        version: content_version(&[WORLD_CUP_2022]),
    };
    import::write_tournament(conn, &file, &origin)
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

const HISTORY_SOURCE: &str =
    "goalline built-in history (openfootball and international results, CC0)";

/// Imports the built-in history unless this version of it is recorded as loaded; `None`
/// when it was. The files are unpacked into a temporary folder (removed afterwards) and
/// imported like any folder; provenance names them by their path inside the bundle.
pub fn load_history(conn: &mut DbConnection) -> Result<Option<import::ImportSummary>, AppError> {
    use crate::schema::sources;
    let version: String = Sha256::digest(HISTORY)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let loaded: i64 = sources::table
        .filter(sources::name.eq(HISTORY_SOURCE))
        .filter(sources::version.eq(&version))
        .count()
        .get_result(conn)?;
    if loaded > 0 {
        return Ok(None);
    }
    let dir = Unpacked::new()?;
    bundle::unpack_into(HISTORY, &dir.0)
        .map_err(|e| AppError::Data(format!("built-in history: {e}")))?;
    let roots: Vec<PathBuf> = std::fs::read_dir(&dir.0)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
        .map_err(|e| AppError::Data(format!("built-in history: {e}")))?;
    let summary = import::import_under(conn, &dir.0, &roots, |_| {})?;
    if let Some(failed) = summary
        .files
        .iter()
        .find(|f| matches!(f.outcome, import::FileOutcome::Failed(_)))
    {
        return Err(AppError::Data(format!("built-in history: {failed:?}")));
    }
    crate::source::Source::record(
        conn,
        &crate::source::NewSource {
            name: HISTORY_SOURCE,
            kind: SourceKind::BuiltIn.as_str(),
            version: &version,
            imported_at: chrono::Utc::now().naive_utc(),
        },
    )?;
    Ok(Some(summary))
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
