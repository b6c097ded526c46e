//! Settings from the environment, with `.env` read first (dotenvy).
//! A bad value stops the start with an error naming the variable.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

use crate::graphql::{QueryLimits, SchemaOptions};
use crate::http::{RateLimit, TrustedDocuments};

mod variables;
pub use variables::{
    env_example, help as variables_help, markdown_table as variables_table, Variable, VARIABLES,
};

/// Where the data lives: a SQLite file (the default) or a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(value: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err("must not be empty".into());
        }
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            return Ok(Self::Postgres(value.to_owned()));
        }
        if let Some(scheme_end) = value.find("://") {
            return Err(format!(
                "unsupported scheme `{}`: use a SQLite file path or a postgres:// URL",
                &value[..scheme_end]
            ));
        }
        let path = value.strip_prefix("sqlite:").unwrap_or(value);
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

// Never print a password: URLs are shown in logs and errors.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &url[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Which origins browsers may read answers from (CORS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    /// Any: `Access-Control-Allow-Origin: *`.
    Any,
    /// These origins (`https://example.com`, `http://localhost:3000`), exactly.
    List(Vec<String>),
}

impl CorsOrigins {
    /// `*`, or origins separated by commas or spaces.
    pub fn parse(value: &str) -> Result<Self, String> {
        let origins: Vec<&str> = value
            .split([',', ' '])
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .collect();
        match origins.as_slice() {
            [] => Err("expected `*` or a list of origins such as https://example.com".into()),
            ["*"] => Ok(Self::Any),
            _ => origins
                .iter()
                .map(|origin| {
                    let rest = origin
                        .strip_prefix("https://")
                        .or_else(|| origin.strip_prefix("http://"));
                    let valid = rest.is_some_and(|host| {
                        !host.is_empty()
                            && host
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
                    });
                    if valid {
                        Ok(origin.to_ascii_lowercase())
                    } else {
                        Err(format!(
                            "{origin:?} is not an origin: expected a scheme and a host, such as \
                             https://example.com or http://localhost:3000, without a path \
                             (or `*` alone)"
                        ))
                    }
                })
                .collect::<Result<_, _>>()
                .map(Self::List),
        }
    }
}

impl fmt::Display for CorsOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Any => f.write_str("*"),
            Self::List(origins) => f.write_str(&origins.join(",")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub host: IpAddr,
    pub port: u16,
    /// Connections in the pool; also the number of queries run at once.
    pub pool_size: u32,
    /// What built-in data a database that lacks it gets at start.
    pub seed: crate::seed::BuiltIn,
    pub log_format: LogFormat,
    /// What one GraphQL request may ask (depth, aliases, directives, tokens, cost, size).
    pub limits: QueryLimits,
    /// Largest request body accepted at `POST /graphql`, in bytes (larger ones get 413).
    pub max_body_bytes: usize,
    /// Answer introspection (`__schema`, `__type`).
    pub introspection: bool,
    /// Serve GraphiQL at `/`.
    pub graphiql: bool,
    /// Reads need an API key too (any role); writes always do.
    pub reads_require_key: bool,
    /// Documents learned by automatic persisted queries, at most (0: APQ off).
    pub apq_cache_size: usize,
    /// Documents known from the start (`GOALLINE_TRUSTED_DOCUMENTS`); empty when none.
    pub trusted_documents: TrustedDocuments,
    /// Run only the trusted documents.
    pub trusted_documents_only: bool,
    /// `max-age` of successful GET answers, in seconds.
    pub cache_max_age: u32,
    /// `max-age` at most of answers showing a match being played now, in seconds.
    pub live_cache_max_age: u32,
    /// Bytes of answers the response cache keeps (0: no response cache).
    pub response_cache_bytes: usize,
    /// Longest an answer stays in the response cache without a change to invalidate it.
    pub response_cache_ttl: std::time::Duration,
    /// Longest a query (not a mutation) may run, in milliseconds; 0: no limit.
    pub query_timeout_ms: u64,
    /// Origins browsers may read answers from.
    pub cors_origins: CorsOrigins,
    /// Serve `/metrics`.
    pub metrics: bool,
    /// Requests per client at `/graphql`: a sustained rate and a burst; `None`: no limit.
    pub rate_limit: Option<RateLimit>,
    /// Reverse proxies in front of the server, whose `Forwarded`/`X-Forwarded-For` entries are
    /// believed (0: the TCP peer is the client).
    pub proxy_hops: u8,
}

/// A variable that is set to something unusable.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {variable}={value:?}: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub reason: String,
}

impl Settings {
    /// Reads `.env` (when present) and then the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is normal; a malformed one is not.
        if let Err(err) = dotenvy::dotenv() {
            if !err.not_found() {
                return Err(ConfigError {
                    variable: ".env",
                    value: String::new(),
                    reason: err.to_string(),
                });
            }
        }
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds settings from any source of variables; tests pass a map.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self {
            database_url: parse_var(&lookup, "DATABASE_URL", DatabaseUrl::parse)?,
            host: parse_var(&lookup, "HOST", |v| match v {
                // The name every machine gives its own loopback interface.
                "localhost" => Ok(IpAddr::from([127, 0, 0, 1])),
                _ => v.parse::<IpAddr>().map_err(|_| {
                    "expected `localhost` or an IP address such as 127.0.0.1 or 0.0.0.0".into()
                }),
            })?,
            port: parse_var(&lookup, "PORT", |v| {
                v.parse::<u16>()
                    .map_err(|_| "expected a port number from 0 to 65535".into())
            })?,
            pool_size: parse_var(&lookup, "DATABASE_POOL_SIZE", |v| match v.parse::<u32>() {
                Ok(n) if (1..=256).contains(&n) => Ok(n),
                _ => Err("expected a whole number from 1 to 256".into()),
            })?,
            seed: parse_var(&lookup, "GOALLINE_SEED", crate::seed::BuiltIn::parse)?,
            log_format: parse_var(&lookup, "LOG_FORMAT", |v| match v {
                "pretty" => Ok(LogFormat::Pretty),
                "json" => Ok(LogFormat::Json),
                _ => Err("expected `pretty` or `json`".into()),
            })?,
            limits: parse_limits(&lookup)?,
            max_body_bytes: parse_var(&lookup, "GOALLINE_MAX_BODY_SIZE", size_in(1024, 64 << 20))?,
            introspection: parse_var(&lookup, "GOALLINE_INTROSPECTION", parse_bool)?,
            graphiql: parse_var(&lookup, "GOALLINE_GRAPHIQL", parse_bool)?,
            reads_require_key: parse_var(&lookup, "GOALLINE_READS_REQUIRE_KEY", parse_bool)?,
            apq_cache_size: parse_var(&lookup, "GOALLINE_APQ_CACHE_SIZE", count_in(0, 1_000_000))?,
            trusted_documents: parse_var(&lookup, "GOALLINE_TRUSTED_DOCUMENTS", |path| {
                if path.is_empty() {
                    Ok(TrustedDocuments::default())
                } else {
                    TrustedDocuments::load(std::path::Path::new(path))
                }
            })?,
            trusted_documents_only: parse_var(
                &lookup,
                "GOALLINE_TRUSTED_DOCUMENTS_ONLY",
                parse_bool,
            )?,
            cache_max_age: parse_var(&lookup, "GOALLINE_CACHE_MAX_AGE", |v| {
                count_in(0, 31_536_000)(v).map(|n| n as u32)
            })?,
            live_cache_max_age: parse_var(&lookup, "GOALLINE_LIVE_CACHE_MAX_AGE", |v| {
                count_in(0, 3600)(v).map(|n| n as u32)
            })?,
            response_cache_bytes: parse_var(&lookup, "GOALLINE_RESPONSE_CACHE_SIZE", |v| {
                if v.trim() == "0" {
                    Ok(0)
                } else {
                    size_in(64 << 10, 16 << 30)(v)
                }
            })?,
            response_cache_ttl: parse_var(&lookup, "GOALLINE_RESPONSE_CACHE_TTL", |v| {
                count_in(1, 31_536_000)(v).map(|n| std::time::Duration::from_secs(n as u64))
            })?,
            query_timeout_ms: parse_var(&lookup, "GOALLINE_QUERY_TIMEOUT_MS", |v| {
                count_in(0, 3_600_000)(v).map(|n| n as u64)
            })?,
            cors_origins: parse_var(&lookup, "GOALLINE_CORS_ORIGINS", CorsOrigins::parse)?,
            metrics: parse_var(&lookup, "GOALLINE_METRICS", parse_bool)?,
            rate_limit: parse_rate_limit(&lookup)?,
            proxy_hops: parse_var(&lookup, "GOALLINE_PROXY_HOPS", |v| {
                count_in(0, 10)(v).map(|n| n as u8)
            })?,
        }
        .checked()
    }

    /// Refuses settings that are valid one by one but not together.
    fn checked(self) -> Result<Self, ConfigError> {
        if self.trusted_documents_only && self.trusted_documents.is_empty() {
            return Err(ConfigError {
                variable: "GOALLINE_TRUSTED_DOCUMENTS_ONLY",
                value: "true".into(),
                reason: "there are no trusted documents to run: set GOALLINE_TRUSTED_DOCUMENTS \
                         to a file that lists them"
                    .into(),
            });
        }
        Ok(self)
    }

    /// The settings the GraphQL schema is built with.
    pub fn schema_options(&self) -> SchemaOptions {
        SchemaOptions {
            limits: self.limits,
            introspection: self.introspection,
            read_lifetime: self.response_cache_ttl,
        }
    }
}

/// The GraphQL limits; each default in the table is `QueryLimits::DEFAULT`'s (a test checks).
fn parse_limits(lookup: &impl Fn(&str) -> Option<String>) -> Result<QueryLimits, ConfigError> {
    Ok(QueryLimits {
        // At most 30: the nesting it implies (twice the depth) must stay below the parser's 64.
        max_depth: parse_var(lookup, "GOALLINE_MAX_DEPTH", count_in(1, 30))?,
        max_aliases: parse_var(lookup, "GOALLINE_MAX_ALIASES", count_in(0, 1000))?,
        max_directives: parse_var(lookup, "GOALLINE_MAX_DIRECTIVES", count_in(0, 1000))?,
        max_tokens: parse_var(lookup, "GOALLINE_MAX_TOKENS", count_in(1, 100_000))?,
        max_cost: parse_var(lookup, "GOALLINE_MAX_COST", count_in(1, 1_000_000_000))? as u64,
        max_document_bytes: parse_var(lookup, "GOALLINE_MAX_DOCUMENT_SIZE", size_in(1, 1 << 20))?,
    })
}

/// `GOALLINE_RATE_LIMIT` (`10/s`, `600/min`, `1/h`; 0 turns it off) and
/// `GOALLINE_RATE_LIMIT_BURST`: 10 a second, up to 50 at once, by default.
fn parse_rate_limit(
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<Option<RateLimit>, ConfigError> {
    let rate = parse_var(lookup, "GOALLINE_RATE_LIMIT", RateLimit::parse_rate)?;
    let burst = parse_var(lookup, "GOALLINE_RATE_LIMIT_BURST", count_in(1, 100_000))? as u32;
    Ok(rate.map(|(requests, per)| RateLimit {
        requests,
        per,
        burst,
    }))
}

/// A whole number from `min` to `max`.
fn count_in(min: usize, max: usize) -> impl Fn(&str) -> Result<usize, String> {
    move |value| match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("expected a whole number from {min} to {max}")),
    }
}

/// A number of bytes from `min` to `max`: `65536`, `64KiB` or `1MiB`.
fn size_in(min: usize, max: usize) -> impl Fn(&str) -> Result<usize, String> {
    move |value| {
        let lower = value.to_ascii_lowercase();
        let (digits, unit) = if let Some(n) = lower.strip_suffix("mib") {
            (n, 1 << 20)
        } else if let Some(n) = lower.strip_suffix("kib") {
            (n, 1 << 10)
        } else {
            (lower.as_str(), 1)
        };
        match digits
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_mul(unit))
        {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(format!(
                "expected a size in bytes such as 65536, 64KiB or 1MiB, from {min} to {max} bytes"
            )),
        }
    }
}

fn parse_bool(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

fn parse_var<T>(
    lookup: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    let default = variables::variable(variable).default;
    let value = lookup(variable).unwrap_or_else(|| default.to_owned());
    parse(value.trim()).map_err(|reason| ConfigError {
        variable,
        // The URL may hold a password; the error shows it redacted.
        value: if variable == "DATABASE_URL" {
            redact_password(&value)
        } else {
            value
        },
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn localhost_is_the_loopback_address() {
        let s = settings(&[("HOST", "localhost")]).unwrap();
        assert_eq!(s.host.to_string(), "127.0.0.1");
        let err = settings(&[("HOST", "example.com")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("HOST") && err.contains("localhost"), "{err}");
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost_8080() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.database_url, DatabaseUrl::Sqlite("goalline.db".into()));
        assert_eq!(s.host.to_string(), "127.0.0.1");
        assert_eq!(s.port, 8080);
        assert_eq!(s.seed, crate::seed::BuiltIn::History);
        assert_eq!(s.limits, QueryLimits::DEFAULT);
        assert_eq!(s.max_body_bytes, 64 * 1024);
        assert!(s.introspection);
        assert!(s.graphiql);
        assert!(!s.reads_require_key);
        assert_eq!(s.apq_cache_size, 1000);
        assert!(s.trusted_documents.is_empty());
        assert!(!s.trusted_documents_only);
        assert_eq!(s.cache_max_age, 300);
        assert_eq!(s.query_timeout_ms, 10_000);
        assert_eq!(s.cors_origins, CorsOrigins::Any);
        assert!(s.metrics);
        assert_eq!(
            s.rate_limit,
            Some(RateLimit {
                requests: 10,
                per: std::time::Duration::from_secs(1),
                burst: 50
            })
        );
        assert_eq!(s.proxy_hops, 0);
    }

    #[test]
    fn the_rate_limit_takes_a_rate_and_a_burst_or_is_off() {
        let s = settings(&[
            ("GOALLINE_RATE_LIMIT", "600/min"),
            ("GOALLINE_RATE_LIMIT_BURST", "5"),
            ("GOALLINE_PROXY_HOPS", "1"),
        ])
        .unwrap();
        let limit = s.rate_limit.unwrap();
        assert_eq!(
            (limit.requests, limit.per.as_secs(), limit.burst),
            (600, 60, 5)
        );
        assert_eq!(s.proxy_hops, 1);
        assert_eq!(
            settings(&[("GOALLINE_RATE_LIMIT", "0")])
                .unwrap()
                .rate_limit,
            None
        );
        for (var, value, reason) in [
            ("GOALLINE_RATE_LIMIT", "10", "10/s"),
            ("GOALLINE_RATE_LIMIT", "10/week", "10/s"),
            ("GOALLINE_RATE_LIMIT_BURST", "0", "from 1 to 100000"),
            ("GOALLINE_PROXY_HOPS", "11", "from 0 to 10"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var);
            assert!(err.reason.contains(reason), "{var}={value}: {err}");
        }
    }

    #[test]
    fn cors_origins_are_star_or_a_list_of_origins() {
        let origins = |v: &str| settings(&[("GOALLINE_CORS_ORIGINS", v)]).map(|s| s.cors_origins);
        assert_eq!(origins(" * ").unwrap(), CorsOrigins::Any);
        assert_eq!(
            origins("https://Example.com, http://localhost:3000").unwrap(),
            CorsOrigins::List(vec![
                "https://example.com".into(),
                "http://localhost:3000".into()
            ])
        );
        for bad in [
            "",
            "example.com",
            "https://example.com/",
            "*,https://a.b",
            "ftp://a",
        ] {
            let err = origins(bad).unwrap_err();
            assert_eq!(err.variable, "GOALLINE_CORS_ORIGINS", "{bad:?}");
        }
    }

    #[test]
    fn trusted_documents_are_read_at_start_and_a_bad_file_is_named() {
        let dir = std::env::temp_dir();
        let path = |name: &str| dir.join(format!("goalline-{}-{name}", std::process::id()));
        let query = "{ __typename }";
        let hash = crate::digest::sha256_hex(query);
        let good = path("trusted.json");
        std::fs::write(&good, format!("{{\"{hash}\": \"{query}\"}}")).unwrap();
        let bad = path("bad.json");
        std::fs::write(&bad, format!("{{\"{hash}\": \"{{ other }}\"}}")).unwrap();
        let good_path = good.to_str().unwrap();

        let s = settings(&[
            ("GOALLINE_TRUSTED_DOCUMENTS", good_path),
            ("GOALLINE_TRUSTED_DOCUMENTS_ONLY", "true"),
        ])
        .unwrap();
        assert_eq!(s.trusted_documents.len(), 1);
        assert!(s.trusted_documents_only);

        for file in [bad.to_str().unwrap(), "/nonexistent/trusted.json"] {
            let err = settings(&[("GOALLINE_TRUSTED_DOCUMENTS", file)]).unwrap_err();
            assert_eq!(err.variable, "GOALLINE_TRUSTED_DOCUMENTS");
            assert!(err.to_string().contains(file), "{err}");
        }
        let err = settings(&[("GOALLINE_TRUSTED_DOCUMENTS_ONLY", "true")]).unwrap_err();
        assert_eq!(err.variable, "GOALLINE_TRUSTED_DOCUMENTS_ONLY");
        let _ = std::fs::remove_file(good);
        let _ = std::fs::remove_file(bad);
    }

    #[test]
    fn limits_are_read_from_their_variables() {
        let s = settings(&[
            ("GOALLINE_MAX_DEPTH", "12"),
            ("GOALLINE_MAX_ALIASES", "0"),
            ("GOALLINE_MAX_DIRECTIVES", " 20 "),
            ("GOALLINE_MAX_TOKENS", "2000"),
            ("GOALLINE_MAX_COST", "10000"),
            ("GOALLINE_MAX_DOCUMENT_SIZE", "8KiB"),
            ("GOALLINE_MAX_BODY_SIZE", "1MiB"),
            ("GOALLINE_INTROSPECTION", "false"),
            ("GOALLINE_GRAPHIQL", "off"),
        ])
        .unwrap();
        assert_eq!(
            s.limits,
            QueryLimits {
                max_depth: 12,
                max_aliases: 0,
                max_directives: 20,
                max_tokens: 2000,
                max_cost: 10_000,
                max_document_bytes: 8192,
            }
        );
        assert_eq!(s.max_body_bytes, 1 << 20);
        assert!(!s.introspection);
        assert!(!s.graphiql);
        assert_eq!(
            s.schema_options(),
            SchemaOptions {
                limits: s.limits,
                introspection: false,
                read_lifetime: std::time::Duration::from_secs(300),
            }
        );
    }

    #[test]
    fn sizes_take_bytes_kib_or_mib() {
        let size = |v: &str| settings(&[("GOALLINE_MAX_BODY_SIZE", v)]).map(|s| s.max_body_bytes);
        assert_eq!(size("65536").unwrap(), 65536);
        assert_eq!(size("64KiB").unwrap(), 65536);
        assert_eq!(size("64 kib").unwrap(), 65536);
        assert_eq!(size("2MiB").unwrap(), 2 << 20);
        for bad in [
            "",
            "64KB",
            "64k",
            "-1",
            "1.5MiB",
            "512",
            "65MiB",
            "99999999999999999999MiB",
        ] {
            let err = size(bad).unwrap_err();
            assert_eq!(err.variable, "GOALLINE_MAX_BODY_SIZE", "{bad:?}");
            assert!(err.reason.contains("64KiB"), "{err}");
        }
    }

    #[test]
    fn limits_out_of_range_name_their_variable_and_range() {
        for (var, value, range) in [
            ("GOALLINE_MAX_DEPTH", "0", "from 1 to 30"),
            ("GOALLINE_MAX_DEPTH", "31", "from 1 to 30"),
            ("GOALLINE_MAX_DEPTH", "ten", "from 1 to 30"),
            ("GOALLINE_MAX_ALIASES", "-1", "from 0 to 1000"),
            ("GOALLINE_MAX_DIRECTIVES", "1001", "from 0 to 1000"),
            ("GOALLINE_MAX_TOKENS", "0", "from 1 to 100000"),
            ("GOALLINE_MAX_COST", "5e3", "from 1 to 1000000000"),
            ("GOALLINE_MAX_DOCUMENT_SIZE", "0", "from 1 to 1048576 bytes"),
            (
                "GOALLINE_MAX_DOCUMENT_SIZE",
                "2MiB",
                "from 1 to 1048576 bytes",
            ),
            ("GOALLINE_INTROSPECTION", "sometimes", "true or false"),
            ("GOALLINE_GRAPHIQL", "2", "true or false"),
            ("GOALLINE_APQ_CACHE_SIZE", "-1", "from 0 to 1000000"),
            ("GOALLINE_CACHE_MAX_AGE", "1d", "from 0 to 31536000"),
            (
                "GOALLINE_TRUSTED_DOCUMENTS_ONLY",
                "yes please",
                "true or false",
            ),
            ("GOALLINE_METRICS", "2", "true or false"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var);
            assert_eq!(err.value, value);
            assert!(err.reason.contains(range), "{var}={value}: {err}");
        }
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (var, value) in [
            ("PORT", "eighty"),
            ("PORT", "70000"),
            ("HOST", "localhost:80"),
            ("DATABASE_URL", "mysql://root@localhost/db"),
            ("DATABASE_POOL_SIZE", "0"),
            ("GOALLINE_SEED", "maybe"),
            ("LOG_FORMAT", "xml"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.variable, var);
            assert!(err.to_string().contains(var), "{err}");
        }
    }

    #[test]
    fn postgres_urls_are_recognised_and_passwords_hidden() {
        let s = settings(&[("DATABASE_URL", "postgres://app:s3cret@db:5432/goalline")]).unwrap();
        assert_eq!(s.database_url.backend_name(), "postgres");
        let shown = s.database_url.to_string();
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(shown, "postgres://app:***@db:5432/goalline");
    }
}
