//! Fan-out benchmark: how many live events per second one goalline instance delivers to many
//! WebSocket subscribers at once.
//!
//!     cargo run --release --example fanout -- [--subscribers 1000] [--replays 4] [--postgres URL]
//!         [--with-match]
//!
//! Starts goalline in this process (its own worker threads) on a fresh database (a temporary
//! SQLite file, or a new database on the PostgreSQL server given), opens N WebSocket
//! connections (graphql-transport-ws) each subscribed to `liveScores`, then writes: the 2022
//! final replayed R times at full speed through the checked live writes, each change published
//! as a mutation on this instance would. It prints the events written, the time until every
//! subscriber had every event, events/s and deliveries/s, per-subscriber completion p50/p99, and
//! the process's peak RSS (server and clients together). The baseline in the same run is one
//! subscriber: the ratio says what fan-out to N costs against delivering to one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_graphql::futures_util::{SinkExt, StreamExt};
use awc::ws::{Frame, Message};
use goalline::config::{DatabaseUrl, Settings};
use goalline::db;
use goalline::live::{replay, LiveHub};
use goalline::startup::Application;
use serde_json::json;

struct Run {
    subscribers: usize,
    events: usize,
    write: Duration,
    deliver: Duration,
    completions: Vec<Duration>,
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A fresh database: a temporary SQLite file, or a new database on the PostgreSQL server.
fn database(postgres: Option<&str>, tag: &str) -> DatabaseUrl {
    let name = format!("goalline_fanout_{}_{tag}", std::process::id());
    match postgres {
        None => DatabaseUrl::Sqlite(std::env::temp_dir().join(format!("{name}.db"))),
        Some(url) => {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            let mut admin = diesel::PgConnection::establish(url).expect("PostgreSQL");
            admin
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create database");
            let root = &url[..url.rfind('/').expect("a postgres:// URL with a database")];
            DatabaseUrl::Postgres(format!("{root}/{name}"))
        }
    }
}

/// Starts goalline on its own thread; its port, pool and hub.
fn start(url: DatabaseUrl) -> (u16, db::Pool, LiveHub) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let mut settings = Settings::from_lookup(|_| None).expect("defaults");
            settings.database_url = url;
            settings.port = 0;
            settings.rate_limit = None;
            let app = Application::build(&settings).await.expect("start goalline");
            tx.send((app.port(), app.pool().clone(), app.hub().clone()))
                .unwrap();
            app.into_server().await
        })
    });
    rx.recv().expect("goalline started")
}

/// What each subscriber selects: scalars only, or also the match (one DataLoader look-up per
/// subscriber and event: `--with-match`).
fn query() -> &'static str {
    if std::env::args().any(|a| a == "--with-match") {
        "subscription { liveScores { sequence kind score { home away } match { id } } }"
    } else {
        "subscription { liveScores { sequence kind score { home away } } }"
    }
}

async fn subscriber(port: u16, expected: Arc<AtomicUsize>, ready: Arc<AtomicUsize>) -> Instant {
    let query = query();
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(60))
        .max_http_version(awc::http::Version::HTTP_11)
        .finish();
    let (_, mut ws) = client
        .ws(format!("ws://127.0.0.1:{port}/graphql"))
        .protocols(["graphql-transport-ws"])
        .connect()
        .await
        .expect("WebSocket");
    let send = |v: serde_json::Value| Message::Text(v.to_string().into());
    ws.send(send(json!({"type": "connection_init"})))
        .await
        .unwrap();
    ws.send(send(json!({"id": "1", "type": "subscribe", "payload": {
        "query": query
    }})))
    .await
    .unwrap();
    ready.fetch_add(1, Ordering::SeqCst);
    let mut seen = 0;
    let mut last = Instant::now();
    loop {
        let want = expected.load(Ordering::SeqCst);
        if want > 0 && seen >= want {
            return last;
        }
        // The number expected is known only once the writer is done: look again now and then.
        let Ok(frame) = actix_web::rt::time::timeout(Duration::from_millis(20), ws.next()).await
        else {
            continue;
        };
        match frame {
            Some(Ok(Frame::Text(text))) => {
                if text.windows(6).any(|w| w == b"\"next\"") {
                    seen += 1;
                    last = Instant::now();
                }
            }
            Some(Ok(Frame::Ping(p))) => ws.send(Message::Pong(p)).await.unwrap(),
            Some(Ok(_)) => {}
            _ => panic!("the connection closed after {seen} events"),
        }
    }
}

async fn run(port: u16, pool: &db::Pool, hub: &LiveHub, subscribers: usize, replays: usize) -> Run {
    let expected = Arc::new(AtomicUsize::new(0));
    let ready = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..subscribers)
        .map(|_| actix_web::rt::spawn(subscriber(port, expected.clone(), ready.clone())))
        .collect();
    while ready.load(Ordering::SeqCst) < subscribers || hub.subscribers() < subscribers {
        actix_web::rt::time::sleep(Duration::from_millis(20)).await;
    }
    let started = Instant::now();
    let (hub_w, pool_w) = (hub.clone(), pool.clone());
    let events = db::run(&pool_w, move |conn| {
        let mut events = 0;
        for _ in 0..replays {
            let source = replay::find_match(conn, "2022-final")?;
            replay::replay(
                conn,
                source,
                replay::Pace { speed: 0.0 },
                |_| {},
                |update| {
                    if update.update_kind().changes_score() {
                        events += 1;
                    }
                    hub_w.publish(update.clone());
                },
            )?;
        }
        Ok(events)
    })
    .await
    .unwrap_or_else(|e| panic!("replay: {}", e.message()));
    let write = started.elapsed();
    expected.store(events, Ordering::SeqCst);
    let mut completions = Vec::with_capacity(subscribers);
    for task in tasks {
        let done = task.await.expect("subscriber");
        completions.push(done.saturating_duration_since(started));
    }
    completions.sort();
    Run {
        subscribers,
        events,
        write,
        deliver: *completions.last().unwrap(),
        completions,
    }
}

fn report(run: &Run) -> f64 {
    let secs = run.deliver.as_secs_f64();
    let pct = |p: f64| run.completions[((run.completions.len() - 1) as f64 * p) as usize];
    let events_per_s = run.events as f64 / secs;
    println!(
        "{:>6} subscribers  {:>4} events  written in {:>7.1} ms  all delivered in {:>7.1} ms  \
         {:>8.0} events/s  {:>10.0} deliveries/s  completion p50 {:>7.1} ms p99 {:>7.1} ms",
        run.subscribers,
        run.events,
        run.write.as_secs_f64() * 1e3,
        secs * 1e3,
        events_per_s,
        events_per_s * run.subscribers as f64,
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
    );
    events_per_s
}

/// Waits until the server says it is ready (its read model built), so that neither run counts
/// the first build.
async fn ready(port: u16) {
    let client = awc::Client::new();
    for _ in 0..600 {
        let answer = client
            .get(format!("http://127.0.0.1:{port}/health/ready"))
            .send()
            .await;
        if answer.is_ok_and(|r| r.status().is_success()) {
            return;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server was not ready within a minute");
}

fn main() {
    let subscribers: usize = arg("--subscribers")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let replays: usize = arg("--replays").and_then(|v| v.parse().ok()).unwrap_or(4);
    let postgres = arg("--postgres");
    let url = database(postgres.as_deref(), "run");
    let (port, pool, hub) = start(url.clone());
    actix_web::rt::System::new().block_on(async move {
        ready(port).await;
        let baseline = run(port, &pool, &hub, 1, replays).await;
        let base = report(&baseline);
        let many = run(port, &pool, &hub, subscribers, replays).await;
        let fanned = report(&many);
        println!(
            "ratio (events/s to {subscribers} vs to 1): {:.2}   peak RSS {:.1} MiB",
            fanned / base,
            peak_rss_mib()
        );
    });
    if let DatabaseUrl::Sqlite(path) = url {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
