//! Who may write: API keys with a role, sent as `Authorization: Bearer <token>` (or in a
//! WebSocket's `connection_init` payload). Reads stay open unless configured otherwise.
//!
//! The HTTP layer only passes the token along (`Credentials`); it is checked against the
//! database when something needs it (`require`), so that reads pay nothing for auth.

mod keys;

use async_graphql::Context;

pub use keys::{create_key, hash_token, list_keys, revoke_key, ApiKey, NewKeyToken};

use crate::db::{self, Pool};
use crate::error::AppError;

crate::text_enum! {
    /// What an API key may do; each role may do what the ones before it may.
    Role {
        /// Read, where reads need a key (`GOALLINE_READS_REQUIRE_KEY`).
        Reader => "READER",
        /// Record live matches and edit teams, people, tournaments and squads.
        Editor => "EDITOR",
        /// Everything, including what may come to need more trust.
        Admin => "ADMIN",
    }
}

impl Role {
    fn rank(self) -> u8 {
        match self {
            Self::Reader => 0,
            Self::Editor => 1,
            Self::Admin => 2,
        }
    }

    /// Whether this role may do what `needed` may.
    pub fn allows(self, needed: Role) -> bool {
        self.rank() >= needed.rank()
    }
}

/// The bearer token a request or WebSocket connection came with, if any.
#[derive(Debug, Clone, Default)]
pub struct Credentials(pub Option<String>);

/// The token of an `Authorization: Bearer <token>` value (the scheme case-insensitive, as RFC
/// 9110 has it); anything else is no token.
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl Credentials {
    /// The bearer token of an `Authorization` header value, if any.
    pub fn from_authorization(value: Option<&str>) -> Self {
        Self(value.and_then(bearer_token).map(str::to_owned))
    }

    /// The bearer token of a request's `Authorization` header, if any.
    pub fn from_headers(headers: &actix_web::http::header::HeaderMap) -> Self {
        Self::from_authorization(
            headers
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok()),
        )
    }
}

/// The key behind the credentials, if it exists, is not revoked and has at least `role`.
pub fn check(
    conn: &mut db::DbConnection,
    credentials: &Credentials,
    role: Role,
) -> Result<ApiKey, AppError> {
    let Some(token) = credentials.0.as_deref() else {
        return Err(AppError::Unauthenticated(
            "this needs an API key: send `Authorization: Bearer <token>`".into(),
        ));
    };
    let key = ApiKey::by_token(conn, token)?
        .ok_or_else(|| AppError::Unauthenticated("the API key is unknown or revoked".into()))?;
    let has = key.role;
    if !has.allows(role) {
        return Err(AppError::Forbidden(format!(
            "an API key with role {} may not do this; it needs {}",
            has.as_str(),
            role.as_str()
        )));
    }
    Ok(key)
}

/// For a resolver: the caller's key, which must have at least `role`.
pub async fn require(ctx: &Context<'_>, role: Role) -> Result<ApiKey, AppError> {
    let credentials = ctx.data_opt::<Credentials>().cloned().unwrap_or_default();
    let pool = ctx
        .data::<Pool>()
        .map_err(|e| AppError::Internal(e.message))?;
    db::run(pool, move |conn| check(conn, &credentials, role)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_from_the_authorization_header() {
        let read = |v: Option<&str>| Credentials::from_authorization(v).0;
        assert_eq!(read(Some("Bearer gl_abc")), Some("gl_abc".to_owned()));
        assert_eq!(read(Some("bearer   gl_abc ")), Some("gl_abc".to_owned()));
        assert_eq!(read(Some("Basic dXNlcjpwYXNz")), None);
        assert_eq!(read(Some("Bearer ")), None);
        assert_eq!(read(Some("gl_abc")), None);
        assert_eq!(read(None), None);
    }

    #[test]
    fn roles_include_the_ones_below() {
        assert!(Role::Admin.allows(Role::Editor));
        assert!(Role::Editor.allows(Role::Editor));
        assert!(Role::Editor.allows(Role::Reader));
        assert!(!Role::Reader.allows(Role::Editor));
        assert!(!Role::Editor.allows(Role::Admin));
    }
}
