//! Provenance: where each fact came from (a file or the built-in dataset, its version, when it
//! was loaded).

mod graphql;
mod model;

pub use graphql::provenance;
pub use model::{content_version, NewSource, Source, SourceId, SourceKind};

/// The relations of this domain in the read model.
pub const RELATIONS: &[crate::read_model::Part] = &[crate::read_model::part::<model::SourceId>()];
