use async_graphql::{Context, Object, Result};

use super::{Source, SourceId, SourceKind};
use crate::graphql::loader::load_one;
use crate::graphql::scalars::DateTime;

/// Where a record came from, and when it was loaded.
#[Object(name = "Provenance")]
impl Source {
    /// The file or dataset, e.g. "worldcup/more/2014_full.txt".
    async fn source(&self) -> &str {
        &self.name
    }

    /// Built-in data or an imported file.
    async fn kind(&self) -> Result<SourceKind> {
        Ok(self.kind)
    }

    /// The version of its content: the start of its SHA-256 hash.
    async fn version(&self) -> &str {
        &self.version
    }

    /// When it was loaded (UTC).
    async fn imported_at(&self) -> DateTime {
        DateTime(self.imported_at.and_utc().fixed_offset())
    }
}

/// The provenance of a row that records its source.
pub async fn provenance(ctx: &Context<'_>, source_id: Option<i32>) -> Result<Option<Source>> {
    match source_id {
        Some(id) => load_one(ctx, SourceId(id)).await,
        None => Ok(None),
    }
}
