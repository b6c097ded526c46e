//! API keys: made and revoked with `goalline keys`, stored as the SHA-256 of the token.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::Role;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::schema::api_keys;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_keys)]
pub struct ApiKey {
    pub id: i32,
    pub name: String,
    pub role: Role,
    pub token_hash: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

/// A key just made: the only time its token is known.
#[derive(Debug)]
pub struct NewKeyToken {
    pub key: ApiKey,
    pub token: String,
}

/// SHA-256 of the token, as hex. Tokens carry 244 random bits, so a plain hash (no salt, no
/// stretching) cannot be reversed, and equal tokens are found with an index.
pub fn hash_token(token: &str) -> String {
    crate::digest::sha256_hex(token)
}

/// A new token: `gl_` and 64 hex digits from two random (version 4) UUIDs, drawn from the
/// operating system's generator.
fn new_token() -> String {
    let a = uuid::Uuid::new_v4().simple().to_string();
    let b = uuid::Uuid::new_v4().simple().to_string();
    format!("gl_{a}{b}")
}

impl ApiKey {
    /// The live key with this token.
    pub fn by_token(conn: &mut DbConnection, token: &str) -> Result<Option<ApiKey>, AppError> {
        Ok(api_keys::table
            .filter(api_keys::token_hash.eq(hash_token(token)))
            .filter(api_keys::revoked_at.is_null())
            .select(ApiKey::as_select())
            .first(conn)
            .optional()?)
    }
}

pub fn create_key(
    conn: &mut DbConnection,
    name: &str,
    role: Role,
) -> Result<NewKeyToken, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::bad_input("name", "give the key a name"));
    }
    let token = new_token();
    // `RETURNING` a whole row is not available across both backends: return the ID, then read.
    let id: i32 = diesel::insert_into(api_keys::table)
        .values((
            api_keys::name.eq(name),
            api_keys::role.eq(role.as_str()),
            api_keys::token_hash.eq(hash_token(&token)),
            api_keys::created_at.eq(Utc::now().naive_utc()),
        ))
        .returning(api_keys::id)
        .get_result(conn)?;
    let key = api_keys::table
        .find(id)
        .select(ApiKey::as_select())
        .first(conn)?;
    Ok(NewKeyToken { key, token })
}

pub fn list_keys(conn: &mut DbConnection) -> Result<Vec<ApiKey>, AppError> {
    Ok(api_keys::table
        .order(api_keys::id)
        .select(ApiKey::as_select())
        .load(conn)?)
}

/// Revokes the key; revoking twice is not an error. Its idempotency records go with it.
pub fn revoke_key(conn: &mut DbConnection, id: i32) -> Result<ApiKey, AppError> {
    let existing = api_keys::table
        .find(id)
        .select(ApiKey::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("no API key with id {id}")))?;
    if existing.revoked_at.is_some() {
        return Ok(existing);
    }
    diesel::update(api_keys::table.find(id))
        .set(api_keys::revoked_at.eq(Utc::now().naive_utc()))
        .execute(conn)?;
    Ok(api_keys::table
        .find(id)
        .select(ApiKey::as_select())
        .first(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed_to_hex() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert!(a.starts_with("gl_"));
        let hash = hash_token(&a);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, hash_token(&b));
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
