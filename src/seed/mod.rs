//! The built-in dataset: the whole 2022 World Cup, loaded into an empty database at first
//! start. The data is in goalline's own format (`format.rs`), compiled into the binary.
//!
//! `world-cup-2022.json` is produced by `tools/seed_2022.py` from the public-domain
//! openfootball files and checked in, so a start needs neither the network nor those files.

mod format;
mod load;

pub use load::{seed_builtin, SeedOutcome};

/// The 2022 World Cup in the seed format.
pub const WORLD_CUP_2022: &str = include_str!("world-cup-2022.json");
