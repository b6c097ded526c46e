//! The built-in dataset: the whole 2022 World Cup, loaded into an empty database at first
//! start, compiled into the binary so a start needs neither the network nor other files.
//!
//! `world-cup-2022.json` is in goalline's own format (`import::format`) and is produced by
//! `tools/seed_2022.py` from the public-domain openfootball files.

use crate::db::DbConnection;
use crate::error::AppError;
use crate::import::{self, SeedFile, WriteOutcome};
use crate::source::{content_version, SourceKind};

/// The 2022 World Cup in the seed format.
pub const WORLD_CUP_2022: &str = include_str!("world-cup-2022.json");

/// Curated knowledge (careers, awards, team lineage) with its sources.
pub const CURATED: &str = include_str!("curated.json");

/// Applies the built-in curated knowledge to whatever data is loaded; run again after an
/// import, it adds the facts whose people or teams have arrived.
pub fn apply_curated(conn: &mut DbConnection) -> Result<import::curated::CuratedCounts, AppError> {
    let file: import::curated::CuratedFile =
        serde_json::from_str(CURATED).map_err(|e| AppError::Data(format!("curated.json: {e}")))?;
    import::curated::apply(conn, &file)
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
