//! Opaque global IDs (`Match:64` encoded), unique across types, as Relay clients expect.

use async_graphql::ID;

use crate::error::AppError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The global ID of row `id` of a type, e.g. `encode("Match", 64)`.
pub fn encode(type_name: &str, id: i32) -> ID {
    ID(base64url(format!("{type_name}:{id}").as_bytes()))
}

/// The row id inside a global ID, checked to be of the expected type; `argument` names the
/// GraphQL argument in the error.
pub fn decode(id: &ID, type_name: &str, argument: &str) -> Result<i32, AppError> {
    let invalid = || AppError::bad_input(argument, format!("`{}` is not a {type_name} ID", id.0));
    let text = unbase64url(&id.0).ok_or_else(invalid)?;
    let (kind, row) = text.split_once(':').ok_or_else(invalid)?;
    if kind != type_name {
        return Err(invalid());
    }
    row.parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(invalid)
}

/// The type name and row id inside any global ID.
pub fn decode_any(id: &ID, argument: &str) -> Result<(String, i32), AppError> {
    let invalid = || AppError::bad_input(argument, format!("`{}` is not an ID", id.0));
    let text = unbase64url(&id.0).ok_or_else(invalid)?;
    let (kind, row) = text.split_once(':').ok_or_else(invalid)?;
    let row = row
        .parse::<i32>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(invalid)?;
    Ok((kind.to_owned(), row))
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<String> {
    if text.is_empty() || text.len() > 64 || text.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            bytes.push((n >> (16 - 8 * i)) as u8);
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_the_type() {
        for n in [1, 9, 64, 1234, i32::MAX] {
            let id = encode("Match", n);
            assert_eq!(decode(&id, "Match", "id").unwrap(), n);
            assert!(decode(&id, "Team", "id").is_err());
        }
    }

    #[test]
    fn rejects_garbage_with_the_argument_named() {
        for bad in ["", "x", "Match:1", "TWF0Y2g6MA", "!!!!", "TWF0Y2g6LTE"] {
            let err = decode(&ID(bad.into()), "Match", "matchId").unwrap_err();
            assert_eq!(err.code(), "BAD_USER_INPUT");
            assert!(err.message().contains("matchId"));
        }
    }
}
