//! SHA-256 in lowercase hex: the hash of a persisted query (APQ), of an API key's token, and
//! of a write's arguments for its idempotency key. Low in the tree so that every layer may use
//! it without depending on HTTP.

use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
