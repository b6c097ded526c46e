//! Fetching a file to import from an http(s) URL, whole into memory, before anything is
//! written: a failed fetch writes nothing. Errors carry a stable code for scripts.

use std::fmt;
use std::path::Path;
use std::time::Duration;

/// Larger than any openfootball file by far (the biggest is under 1 MiB); a guard against
/// a wrong URL streaming something huge.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;

const TIMEOUT: Duration = Duration::from_secs(60);

pub fn is_url(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|p| p.starts_with("http://") || p.starts_with("https://"))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// FETCH_UNREACHABLE, FETCH_HTTP_STATUS, FETCH_TOO_LARGE, FETCH_NOT_TEXT or FETCH_FAILED.
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

fn error(code: &'static str, message: impl Into<String>) -> FetchError {
    FetchError {
        code,
        message: message.into(),
    }
}

fn too_large() -> FetchError {
    error(
        "FETCH_TOO_LARGE",
        format!("larger than {} MiB", MAX_BYTES / 1024 / 1024),
    )
}

/// The body of `url` as text: a 200 answer of at most `MAX_BYTES` bytes of UTF-8.
pub fn fetch(url: &str) -> Result<String, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| match e {
        ureq::Error::StatusCode(status) => {
            error("FETCH_HTTP_STATUS", format!("the server answered {status}"))
        }
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::Timeout(_)
        | ureq::Error::Io(_) => error("FETCH_UNREACHABLE", format!("cannot reach it: {e}")),
        other => error("FETCH_FAILED", other.to_string()),
    })?;
    // Refused before reading when the server says how much is coming.
    let announced = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BYTES) {
        return Err(too_large());
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            other => error(
                "FETCH_UNREACHABLE",
                format!("the answer broke off: {other}"),
            ),
        })?;
    String::from_utf8(bytes).map_err(|e| {
        error(
            "FETCH_NOT_TEXT",
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url(Path::new("https://example.org/worldcup.json")));
        assert!(is_url(Path::new("http://127.0.0.1:8080/a.csv")));
        assert!(!is_url(Path::new("../shared/data/openfootball")));
        assert!(!is_url(Path::new("httpdocs/worldcup.json")));
    }
}
