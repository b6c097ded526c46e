//! The errors a request can meet, each with a stable code in GraphQL's `extensions.code`.
//!
//! `AppError` deliberately does not implement `Display`: async-graphql converts any `Display`
//! type into an error without a code, and without `Display` the `?` operator in a resolver goes
//! through our `From` impl below, which always attaches the code.

use async_graphql::ErrorExtensions;

#[derive(Debug)]
pub enum AppError {
    NotFound(String),
    /// An argument was invalid; `argument` names it.
    BadUserInput {
        argument: String,
        message: String,
    },
    /// No credentials, or credentials that are unknown or revoked.
    Unauthenticated(String),
    /// Valid credentials whose role may not do this.
    Forbidden(String),
    /// A write that the rules of the game or the match's state do not allow; `rule` names the
    /// rule (e.g. `NOT_ON_PITCH`), so that clients can tell rules apart without reading prose.
    RuleViolation {
        rule: &'static str,
        message: String,
    },
    DatabaseUnavailable(diesel::r2d2::PoolError),
    Database(diesel::result::Error),
    Migration(String),
    /// Data that cannot be written as it stands (a seed or import file).
    Data(String),
    Internal(String),
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(err: diesel::r2d2::PoolError) -> Self {
        Self::DatabaseUnavailable(err)
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        Self::Database(err)
    }
}

impl AppError {
    pub fn bad_input(argument: &str, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            argument: argument.to_owned(),
            message: message.into(),
        }
    }

    pub fn rule(rule: &'static str, message: impl Into<String>) -> Self {
        Self::RuleViolation {
            rule,
            message: message.into(),
        }
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "NOT_FOUND",
            Self::BadUserInput { .. } => "BAD_USER_INPUT",
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::RuleViolation { .. } => "RULE_VIOLATION",
            Self::DatabaseUnavailable(_) => "DATABASE_UNAVAILABLE",
            Self::Database(_) | Self::Migration(_) | Self::Data(_) | Self::Internal(_) => {
                "INTERNAL_SERVER_ERROR"
            }
        }
    }

    /// The full description, for logs and the command line.
    pub fn message(&self) -> String {
        match self {
            Self::NotFound(m)
            | Self::Internal(m)
            | Self::Unauthenticated(m)
            | Self::Forbidden(m)
            | Self::RuleViolation { message: m, .. } => m.clone(),
            Self::BadUserInput { argument, message } => {
                format!("invalid argument `{argument}`: {message}")
            }
            Self::DatabaseUnavailable(e) => format!("the database is unavailable: {e}"),
            Self::Database(e) => format!("database error: {e}"),
            Self::Migration(m) => format!("migration failed: {m}"),
            Self::Data(m) => m.clone(),
        }
    }

    /// What a client may be told: internal details stay in the log.
    fn public_message(&self) -> String {
        match self {
            Self::Database(_) | Self::Migration(_) | Self::Data(_) | Self::Internal(_) => {
                tracing::error!(error = %self.message(), "request failed");
                "internal server error".to_owned()
            }
            Self::DatabaseUnavailable(_) => {
                tracing::warn!(error = %self.message(), "database unavailable");
                "the database is unavailable; try again shortly".to_owned()
            }
            _ => self.message(),
        }
    }
}

impl ErrorExtensions for AppError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.public_message()).extend_with(|_, ext| {
            ext.set("code", self.code());
            match self {
                Self::BadUserInput { argument, .. } => ext.set("argument", argument.as_str()),
                Self::RuleViolation { rule, .. } => ext.set("rule", *rule),
                _ => {}
            }
        })
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        err.extend()
    }
}
