//! `/metrics`: Prometheus' text exposition format (0.0.4), written by hand; the handful of
//! series below do not need a metrics library.
//!
//! | series | type | what |
//! | --- | --- | --- |
//! | `goalline_graphql_requests_total{operation,outcome}` | counter | `/graphql` requests; `outcome` is `ok` or the first error's code |
//! | `goalline_graphql_request_duration_seconds{operation}` | histogram | time from the request to its answer |
//! | `goalline_http_responses_total{route,status}` | counter | every answer, by route pattern |
//! | `goalline_db_statements_total` | counter | SQL statements run by the pool (not the SQLite update-log poll) |
//! | `goalline_db_pool_connections{state}` | gauge | open connections, `idle` or `in_use` |
//! | `goalline_db_pool_max_connections` | gauge | the pool's size |
//! | `goalline_persisted_queries_total{result}` | counter | `hit`, `miss`, `registered` |
//! | `goalline_persisted_queries_cached` | gauge | documents in the APQ cache |
//! | `goalline_response_cache_total{result}` | counter | response cache `hit`, `miss`, `stored` |
//! | `goalline_response_cache_bytes` | gauge | bytes of answers in the response cache |
//! | `goalline_rate_limited_total{client}` | counter | `/graphql` requests refused with 429, by how the client was told apart (`key` or `ip`) |
//!
//! `operation` is the operation's name as the document gives it (`(anonymous)` when it has
//! none). Clients choose names, so only the first [`MAX_OPERATIONS`] distinct ones get series of
//! their own; later ones are counted as `(other)`.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::http::header;
use actix_web::{web, HttpResponse};

use super::persisted::PersistedQueries;
use crate::db::Pool;
use crate::response_cache::ResponseCache;

/// Distinct operation names that get series of their own.
pub const MAX_OPERATIONS: usize = 100;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct Histogram {
    /// Observations at or below each bound (not yet cumulative).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = BUCKETS.iter().position(|&bound| seconds <= bound) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Default)]
struct Series {
    operations: HashSet<String>,
    requests: BTreeMap<(String, String), u64>,
    durations: BTreeMap<String, Histogram>,
    responses: BTreeMap<(String, u16), u64>,
    rate_limited: BTreeMap<&'static str, u64>,
}

/// The counters of one server.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<Series>,
}

/// Whether `name` is a GraphQL name (`[_A-Za-z][_0-9A-Za-z]*`), and not too long for a label.
fn is_graphql_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b) if b == b'_' || b.is_ascii_alphabetic())
        && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric())
        && name.len() <= 128
}

impl Metrics {
    fn series(&self) -> std::sync::MutexGuard<'_, Series> {
        self.series.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts a `/graphql` request: its operation's name (when known), its outcome (`ok` or an
    /// error code) and how long it took.
    pub fn record_graphql(&self, operation: Option<&str>, outcome: &str, elapsed: Duration) {
        let mut series = self.series();
        let operation = match operation {
            None => "(anonymous)",
            Some(name) if !is_graphql_name(name) => "(invalid)",
            Some(name) if series.operations.contains(name) => name,
            Some(name) if series.operations.len() < MAX_OPERATIONS => {
                series.operations.insert(name.to_owned());
                name
            }
            Some(_) => "(other)",
        }
        .to_owned();
        *series
            .requests
            .entry((operation.clone(), outcome.to_owned()))
            .or_default() += 1;
        series
            .durations
            .entry(operation)
            .or_default()
            .observe(elapsed.as_secs_f64());
    }

    /// Counts an answer by the route pattern that served it (`(unmatched)` for none).
    pub fn record_response(&self, route: Option<&str>, status: u16) {
        let route = route.unwrap_or("(unmatched)").to_owned();
        *self.series().responses.entry((route, status)).or_default() += 1;
    }

    /// Counts a request refused by the rate limit; `client` is `key` or `ip`.
    pub fn record_rate_limited(&self, client: &'static str) {
        *self.series().rate_limited.entry(client).or_default() += 1;
    }

    /// Everything, in the text exposition format.
    pub fn render(
        &self,
        pool: &Pool,
        persisted: &PersistedQueries,
        cache: &ResponseCache,
        subscriptions: usize,
    ) -> String {
        let mut out = String::with_capacity(4096);
        let series = self.series();

        family(
            &mut out,
            "goalline_graphql_requests_total",
            "counter",
            "GraphQL requests by operation name and outcome (ok, or the first error's code).",
        );
        for ((operation, outcome), n) in &series.requests {
            let _ = writeln!(
                out,
                "goalline_graphql_requests_total{{operation=\"{}\",outcome=\"{}\"}} {n}",
                escape(operation),
                escape(outcome)
            );
        }

        let name = "goalline_graphql_request_duration_seconds";
        family(
            &mut out,
            name,
            "histogram",
            "Time from a GraphQL request to its answer, in seconds.",
        );
        for (operation, histogram) in &series.durations {
            let operation = escape(operation);
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(histogram.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "{name}_bucket{{operation=\"{operation}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "{name}_bucket{{operation=\"{operation}\",le=\"+Inf\"}} {}\n\
                 {name}_sum{{operation=\"{operation}\"}} {}\n\
                 {name}_count{{operation=\"{operation}\"}} {}",
                histogram.count, histogram.sum, histogram.count
            );
        }

        family(
            &mut out,
            "goalline_http_responses_total",
            "counter",
            "HTTP answers by route pattern and status.",
        );
        for ((route, status), n) in &series.responses {
            let _ = writeln!(
                out,
                "goalline_http_responses_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        family(
            &mut out,
            "goalline_rate_limited_total",
            "counter",
            "GraphQL requests refused by the rate limit (429), by how the client was identified.",
        );
        for (client, n) in &series.rate_limited {
            let _ = writeln!(
                out,
                "goalline_rate_limited_total{{client=\"{client}\"}} {n}"
            );
        }
        drop(series);

        family(
            &mut out,
            "goalline_db_statements_total",
            "counter",
            "SQL statements executed through the connection pool.",
        );
        let _ = writeln!(
            out,
            "goalline_db_statements_total {}",
            pool.statements_executed()
        );
        let state = pool.state();
        family(
            &mut out,
            "goalline_db_pool_connections",
            "gauge",
            "Open database connections, idle or in use.",
        );
        let _ = writeln!(
            out,
            "goalline_db_pool_connections{{state=\"idle\"}} {}\n\
             goalline_db_pool_connections{{state=\"in_use\"}} {}",
            state.idle_connections,
            state.connections.saturating_sub(state.idle_connections)
        );
        family(
            &mut out,
            "goalline_db_pool_max_connections",
            "gauge",
            "The most database connections the pool opens.",
        );
        let _ = writeln!(out, "goalline_db_pool_max_connections {}", pool.max_size());

        let counts = persisted.counts();
        results(
            &mut out,
            "goalline_persisted_queries_total",
            "Persisted-query look-ups that found a document (hit) or not (miss), and documents learned (registered).",
            [
                ("hit", counts.hits),
                ("miss", counts.misses),
                ("registered", counts.registered),
            ],
        );
        family(
            &mut out,
            "goalline_persisted_queries_cached",
            "gauge",
            "Documents held in the automatic persisted query cache.",
        );
        let _ = writeln!(out, "goalline_persisted_queries_cached {}", counts.cached);
        let cached = cache.stats();
        results(
            &mut out,
            "goalline_response_cache_total",
            "Response cache look-ups that found a valid answer (hit) or not (miss), and answers kept (stored).",
            [
                ("hit", cached.hits),
                ("miss", cached.misses),
                ("stored", cached.stored),
            ],
        );
        family(
            &mut out,
            "goalline_response_cache_bytes",
            "gauge",
            "Bytes of answers held in the response cache.",
        );
        let _ = writeln!(out, "goalline_response_cache_bytes {}", cached.bytes);
        family(
            &mut out,
            "goalline_subscriptions_open",
            "gauge",
            "Subscriptions being served by this instance.",
        );
        let _ = writeln!(out, "goalline_subscriptions_open {subscriptions}");
        out
    }
}

fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A counter family labelled by `result`.
fn results<const N: usize>(out: &mut String, name: &str, help: &str, counts: [(&str, u64); N]) {
    family(out, name, "counter", help);
    for (result, n) in counts {
        let _ = writeln!(out, "{name}{{result=\"{result}\"}} {n}");
    }
}

/// A label value, escaped as the format requires.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `GET /metrics`.
pub async fn export(
    metrics: web::Data<Metrics>,
    pool: web::Data<Pool>,
    persisted: web::Data<PersistedQueries>,
    cache: web::Data<ResponseCache>,
    hub: web::Data<crate::live::LiveHub>,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(metrics.render(&pool, &persisted, &cache, hub.subscribers()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_bounded() {
        let metrics = Metrics::default();
        for i in 0..MAX_OPERATIONS + 5 {
            metrics.record_graphql(Some(&format!("Op{i}")), "ok", Duration::ZERO);
        }
        metrics.record_graphql(Some("Op1"), "NOT_FOUND", Duration::ZERO);
        metrics.record_graphql(Some("bad name\""), "ok", Duration::ZERO);
        metrics.record_graphql(None, "ok", Duration::from_millis(30));
        let series = metrics.series();
        assert_eq!(series.durations.len(), MAX_OPERATIONS + 3);
        assert_eq!(series.requests[&("(other)".into(), "ok".into())], 5);
        assert_eq!(series.requests[&("Op1".into(), "NOT_FOUND".into())], 1);
        assert!(series.durations.contains_key("(invalid)"));
        let anonymous = &series.durations["(anonymous)"];
        assert_eq!(anonymous.buckets[4], 0);
        assert_eq!(anonymous.buckets[5], 1);
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
