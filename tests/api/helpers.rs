//! Spawns goalline on port 0 against a fresh database and talks to it over HTTP.
//!
//! SQLite tests always run. PostgreSQL tests run when `GOALLINE_TEST_POSTGRES_URL` names a
//! server (any database on it; each test creates its own and drops it afterwards); without it
//! they say they were skipped.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use goalline::config::{DatabaseUrl, LogFormat, Settings};
use goalline::startup::Application;
use serde_json::{json, Value};

pub const POSTGRES_ENV: &str = "GOALLINE_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed when it ends.
pub enum TestDb {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("goalline_test_{}_{n}_{nanos}", std::process::id())
}

/// Replaces the database name (the URL's path) of a PostgreSQL URL.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

impl TestDb {
    /// A fresh, empty database, or `None` when the backend is not configured.
    pub fn create(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => Some(TestDb::Sqlite(
                std::env::temp_dir().join(format!("{}.db", unique_name())),
            )),
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
                    announce_postgres_skipped();
                    return None;
                };
                let name = unique_name();
                let mut admin = diesel::PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("{POSTGRES_ENV} is set but unreachable: {e}"));
                admin
                    .batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                Some(TestDb::Postgres { admin_url, name })
            }
        }
    }

    pub fn url(&self) -> DatabaseUrl {
        match self {
            TestDb::Sqlite(path) => DatabaseUrl::Sqlite(path.clone()),
            TestDb::Postgres { admin_url, name } => {
                DatabaseUrl::Postgres(with_database(admin_url, name))
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self {
            TestDb::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            TestDb::Postgres { admin_url, name } => {
                if let Ok(mut admin) = diesel::PgConnection::establish(admin_url) {
                    let _ = admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

fn announce_postgres_skipped() {
    // Compiled to run them (`GOALLINE_TEST_POSTGRES_URL` was set for the build), they must.
    if cfg!(postgres_tests) {
        panic!("{POSTGRES_ENV} was set when the tests were built but is not set now");
    }
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Written to the real stderr, past the test harness's capture, so it is always seen.
        let _ = writeln!(
            std::io::stderr(),
            "note: PostgreSQL tests SKIPPED: set {POSTGRES_ENV} (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them"
        );
    });
}

pub fn settings_for(db: &TestDb) -> Settings {
    // The defaults of every setting (the process environment is not read), then the test's own.
    let mut settings = Settings::from_lookup(|_| None).expect("the defaults are valid");
    settings.database_url = db.url();
    settings.host = IpAddr::V4(Ipv4Addr::LOCALHOST);
    settings.port = 0;
    settings.pool_size = 4;
    // The 2022 World Cup only: every test starts fast; `seed.rs` loads the whole history.
    settings.seed = goalline::seed::BuiltIn::WorldCup2022;
    settings.log_format = LogFormat::Pretty;
    // Tests fire requests faster than any client should; `rate_limit.rs` sets its own limits.
    settings.rate_limit = None;
    settings
}

/// A plain HTTP reply.
pub struct Reply {
    pub status: u16,
    pub headers: awc::http::header::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("JSON body")
    }
}

/// A running goalline with its own database.
pub struct TestApp {
    pub address: String,
    pub client: awc::Client,
    /// Kept for its `Drop`, which removes the database when the test ends.
    pub _db: TestDb,
}

/// An HTTP client that shows redirects instead of following them.
pub fn client() -> awc::Client {
    awc::Client::builder()
        .disable_redirects()
        .timeout(std::time::Duration::from_secs(30))
        .finish()
}

/// Starts goalline on a fresh, seeded database; `None` when the backend is not configured.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// Like `spawn_app`, with settings changed by `change` first (limits, GraphiQL, ...).
pub async fn spawn_app_with(
    backend: Backend,
    change: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let db = TestDb::create(backend)?;
    let mut settings = settings_for(&db);
    change(&mut settings);
    let app = Application::build(&settings)
        .await
        .unwrap_or_else(|e| panic!("start on {backend:?}: {e}"));
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.into_server());
    Some(TestApp {
        address,
        client: client(),
        _db: db,
    })
}

impl TestApp {
    /// POSTs a query and returns the whole response body.
    pub async fn post(&self, query: &str, variables: Value) -> Value {
        self.post_as(None, query, variables).await
    }

    /// POSTs a query with `Authorization: Bearer <token>` when given; the whole response body.
    pub async fn post_as(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self.client.post(format!("{}/graphql", self.address));
        if let Some(token) = token {
            request = request.insert_header(("Authorization", format!("Bearer {token}")));
        }
        let mut response = request
            .send_json(&json!({ "query": query, "variables": variables }))
            .await
            .expect("request");
        let status = response.status();
        let body = response
            .json::<Value>()
            .limit(16 << 20)
            .await
            .expect("JSON body");
        assert!(status.is_success(), "status {status}: {body}");
        body
    }

    /// Runs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str) -> Value {
        let body = self.post(query, json!({})).await;
        assert!(body.get("errors").is_none(), "errors: {body:#}");
        body["data"].clone()
    }

    /// Runs a query that must fail and returns its first error.
    pub async fn first_error(&self, query: &str) -> Value {
        let body = self.post(query, json!({})).await;
        body["errors"][0].clone()
    }

    /// GETs a path (no redirects followed) and returns status, headers and body.
    pub async fn get(&self, path: &str) -> Reply {
        let mut response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request");
        let body = response.body().limit(16 << 20).await.expect("body");
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }
}

/// Declares a test on each backend from one async function taking a `TestApp`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[actix_web::test]
                async fn sqlite() {
                    let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite)
                        .await
                        .expect("SQLite is always available");
                    super::$name(app).await;
                }

                #[actix_web::test]
                #[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL")]
                async fn postgres() {
                    if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            }
        )+
    };
}

/// Declares a test on each backend from one async function taking the `Backend` (for tests
/// that prepare their own database).
#[macro_export]
macro_rules! per_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[actix_web::test]
                async fn sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }

                #[actix_web::test]
                #[cfg_attr(not(postgres_tests), ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL")]
                async fn postgres() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            }
        )+
    };
}

/// The string at `path` in each item of a JSON list: `strings_at(kicks, &["taker", "name"])`.
pub fn strings_at(list: &Value, path: &[&str]) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let mut v = item;
            for key in path {
                v = &v[*key];
            }
            v.as_str().unwrap().to_owned()
        })
        .collect()
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A second goalline process on the database of `app` (PostgreSQL), as another instance behind
/// a load balancer would be; stopped when dropped.
pub struct OtherInstance {
    pub address: String,
    process: std::process::Child,
}

impl OtherInstance {
    pub async fn start(app: &TestApp) -> Self {
        let DatabaseUrl::Postgres(url) = app._db.url() else {
            panic!("a second instance shares a PostgreSQL database")
        };
        let port = free_port();
        let process = std::process::Command::new(env!("CARGO_BIN_EXE_goalline"))
            .env("DATABASE_URL", &url)
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .env("RUST_LOG", "warn")
            // As the test app: the 2022 World Cup only (the whole history is `seed.rs`'s).
            .env("GOALLINE_SEED", "2022")
            .env("GOALLINE_RATE_LIMIT", "0")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start a second goalline");
        let other = Self {
            address: format!("http://127.0.0.1:{port}"),
            process,
        };
        for _ in 0..100 {
            let url = format!("{}/health/ready", other.address);
            if let Ok(r) = client().get(url).send().await {
                if r.status().is_success() {
                    return other;
                }
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the second goalline did not become ready");
    }

    /// A query's `data`; it must succeed.
    pub async fn data(&self, query: &str) -> Value {
        let mut response = client()
            .post(format!("{}/graphql", self.address))
            .send_json(&json!({ "query": query }))
            .await
            .expect("request");
        let body: Value = response.json().limit(1 << 20).await.expect("JSON");
        assert!(body.get("errors").is_none(), "{body:#}");
        body["data"].clone()
    }

    /// Asks until the answer satisfies `done` (5 s at most: a notification takes milliseconds).
    pub async fn eventually(&self, query: &str, done: impl Fn(&Value) -> bool) -> Value {
        let mut last = Value::Null;
        for _ in 0..100 {
            last = self.data(query).await;
            if done(&last) {
                return last;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the other instance still answers {last:#}");
    }
}

impl Drop for OtherInstance {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A throwaway folder, removed when dropped.
pub mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(prefix: &str) -> Self {
            let path = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Deterministic pseudo-random numbers below a bound (xorshift), so a failure can be replayed.
pub struct Dice(pub u64);

impl Dice {
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
}

/// Every GraphQL example the documentation shows (README.md, then docs/*.md by name), each
/// trimmed: what a reader would paste into GraphiQL.
pub fn documented_examples() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|e| e.expect("a docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut examples = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("a documentation page");
        examples.extend(
            text.split("```graphql")
                .skip(1)
                .map(|block| block.split("```").next().unwrap().trim().to_owned()),
        );
    }
    examples
}
