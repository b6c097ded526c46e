//! goalline keeps serving when PostgreSQL restarts: while the database is down requests fail
//! fast with DATABASE_UNAVAILABLE, and they succeed again by themselves once it is back.
//! The test runs its own PostgreSQL instance (own data directory and port) so that nothing
//! else is disturbed; it needs the server binaries (`pg_config --bindir`) and runs with the
//! PostgreSQL suite.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use goalline::config::DatabaseUrl;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with, Backend, TestApp};

/// A private PostgreSQL instance, stopped and removed when dropped.
struct Instance {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

/// Runs a PostgreSQL tool as the `postgres` user when we are root (initdb refuses root).
fn pg(bin: &Path, tool: &str, args: &[&str]) -> bool {
    let program = bin.join(tool);
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut command = if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&program);
        c
    } else {
        Command::new(&program)
    };
    command
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl Instance {
    fn start() -> Option<Instance> {
        let bindir = Command::new("pg_config").arg("--bindir").output().ok()?;
        let bin = PathBuf::from(String::from_utf8(bindir.stdout).ok()?.trim());
        if !bin.join("initdb").exists() {
            return None;
        }
        let dir = std::env::temp_dir().join(format!("goalline_pg_{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let _ = Command::new("chown")
            .args(["-R", "postgres"])
            .arg(&dir)
            .status();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let data = dir.join("data");
        assert!(
            pg(
                &bin,
                "initdb",
                &[
                    "-D",
                    data.to_str()?,
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync"
                ]
            ),
            "initdb failed"
        );
        let instance = Instance { bin, dir, port };
        assert!(
            instance.ctl("start"),
            "the private PostgreSQL did not start"
        );
        Some(instance)
    }

    fn ctl(&self, action: &str) -> bool {
        let data = self.dir.join("data");
        let log = self.dir.join("log");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        let mut args = vec![
            "-D",
            data.to_str().unwrap(),
            "-w",
            "-l",
            log.to_str().unwrap(),
        ];
        if action == "start" {
            args.extend(["-o", &options]);
        } else {
            args.extend(["-m", "fast"]);
        }
        args.push(action);
        pg(&self.bin, "pg_ctl", &args)
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.ctl("stop");
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const QUERY: &str =
    r#"{ tournament(slug: "world-cup-2022") { final { score { penalties { home away } } } } }"#;

/// One query: its time and body.
async fn ask(app: &TestApp) -> (Duration, Value) {
    ask_as(app, QUERY.to_owned()).await
}

async fn ask_as(app: &TestApp, query: String) -> (Duration, Value) {
    let started = Instant::now();
    let body = app.post(&query, json!({})).await;
    (started.elapsed(), body)
}

#[actix_web::test]
#[cfg_attr(
    not(postgres_tests),
    ignore = "needs PostgreSQL: set GOALLINE_TEST_POSTGRES_URL"
)]
async fn postgres_restart_is_survived_without_restarting_goalline() {
    let db = Instance::start().expect(
        "PostgreSQL's server binaries (pg_config --bindir, initdb, pg_ctl) to run a private server",
    );
    let url = db.url();
    let app = spawn_app_with(Backend::Postgres, move |s| {
        s.database_url = DatabaseUrl::Postgres(url);
    })
    .await
    .expect("PostgreSQL is configured");
    let (_, body) = ask(&app).await;
    assert_eq!(
        body["data"]["tournament"]["final"]["score"]["penalties"],
        json!({ "home": 4, "away": 2 })
    );

    assert!(db.ctl("stop"), "stop");
    // Down: the answer already given is still given, from the response cache.
    let (_, kept) = ask(&app).await;
    assert_eq!(
        kept["data"]["tournament"]["final"]["score"]["penalties"]["home"],
        4
    );
    // New questions (named apart), several at once: what the read model holds is answered
    // from memory, at once.
    let answers = futures_join(&app, 8).await;
    for (took, body) in &answers {
        assert_eq!(
            body["data"]["tournament"]["final"]["score"]["penalties"]["home"], 4,
            "{body:#}"
        );
        assert!(*took < Duration::from_secs(1), "took {took:?}");
    }
    // A listing is read from the database: answered with a clear code within seconds.
    let (took, listing) = ask_as(&app, "{ people(first: 1) { nodes { name } } }".into()).await;
    assert_eq!(
        listing["errors"][0]["extensions"]["code"], "DATABASE_UNAVAILABLE",
        "{listing:#}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(app.get("/health/ready").await.status, 503);

    assert!(db.ctl("start"), "restart");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, body) = ask(&app).await;
        if body.get("errors").is_none() {
            assert_eq!(
                body["data"]["tournament"]["final"]["score"]["penalties"]["home"],
                4
            );
            break;
        }
        assert!(Instant::now() < deadline, "not recovered: {body:#}");
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.get("/health/ready").await.status, 200);
}

async fn futures_join(app: &TestApp, n: usize) -> Vec<(Duration, Value)> {
    let asked = (0..n).map(|i| ask_as(app, format!("query Down{i} {QUERY}")));
    async_graphql::futures_util::future::join_all(asked).await
}
