//! The command line as a user runs it, output not to a terminal (as in CI or a log):
//! `goalline import` writes a plain line per file, then the summary per kind, and a second run
//! reports nothing created or updated; `goalline replay` names the match to follow first.

use std::process::Command;

use goalline::config::DatabaseUrl;

use crate::helpers::{Backend, TestDb};
use crate::import::openfootball_dir;

/// Runs `goalline import PATH` on the database; returns its stderr, having checked it ended
/// well.
fn run_import(db: &TestDb, path: &std::path::Path) -> String {
    let url = match db.url() {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url,
    };
    let out = Command::new(env!("CARGO_BIN_EXE_goalline"))
        .arg("import")
        .arg(path)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        // As the test app: the 2022 World Cup only (the whole history is `seed.rs`'s).
        .env("GOALLINE_SEED", "2022")
        .output()
        .expect("run goalline import");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The summary's line for a kind, e.g. "matches        0 created, 0 updated, 64 unchanged".
fn summary_line<'s>(stderr: &'s str, kind: &str) -> &'s str {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(kind) && l.contains(" created, "))
        .unwrap_or_else(|| panic!("no summary line for {kind}:\n{stderr}"))
}

async fn the_command_prints_a_line_per_file_and_the_summary(backend: Backend) {
    let data = openfootball_dir();
    let Some(db) = TestDb::create(backend) else {
        return;
    };
    // The 2022 folder: its football.json merges into the built-in 2022 data.
    let folder = data.join("worldcup.json/2022");
    let first = run_import(&db, &folder);
    let file = folder.join("worldcup.json");
    let per_file: Vec<&str> = first
        .lines()
        .filter(|l| l.starts_with("imported ") && l.contains(": "))
        .collect();
    assert_eq!(per_file.len(), 1, "{first}");
    assert!(per_file[0].starts_with(&format!("imported {}: ", file.display())));
    assert!(
        first.contains(&format!("  warning: {}:", file.display())),
        "{first}"
    );
    assert_eq!(
        summary_line(&first, "matches"),
        "matches        0 created, 0 updated, 64 unchanged"
    );

    let again = run_import(&db, &folder);
    for kind in [
        "tournaments",
        "matches",
        "people",
        "goals",
        "shootout kicks",
        "venues",
    ] {
        assert!(
            summary_line(&again, kind).contains(" 0 created, 0 updated, "),
            "{again}"
        );
    }
}

crate::per_backend!(the_command_prints_a_line_per_file_and_the_summary);

/// A path that is not there is an error naming it, with a non-zero exit, and nothing written;
/// a file found but not read is listed with its reason.
async fn a_missing_path_fails_and_files_not_read_are_listed(backend: Backend) {
    let Some(db) = TestDb::create(backend) else {
        return;
    };
    let url = match db.url() {
        DatabaseUrl::Sqlite(path) => path.display().to_string(),
        DatabaseUrl::Postgres(url) => url,
    };
    let run = |path: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_goalline"))
            .arg("import")
            .arg(path)
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "warn")
            // As the test app: the 2022 World Cup only (the whole history is `seed.rs`'s).
            .env("GOALLINE_SEED", "2022")
            .output()
            .expect("run goalline import")
    };
    let missing = std::env::temp_dir().join(format!("goalline-missing-{}", uuid::Uuid::new_v4()));
    let out = run(&missing);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    assert!(stderr.contains("no such file or directory"), "{stderr}");

    let folder = std::env::temp_dir().join(format!("goalline-notes-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("notes.txt"), "not football data\n").unwrap();
    let out = run(&folder);
    let stderr = String::from_utf8(out.stderr).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "not read: {}: not a format goalline reads",
            folder.join("notes.txt").display()
        )),
        "{stderr}"
    );
}

crate::per_backend!(a_missing_path_fails_and_files_not_read_are_listed);

/// `goalline replay` names the match to follow before its first event, so that a subscriber
/// started from that line sees the whole match.
#[test]
fn replay_names_the_match_before_its_first_event() {
    let db = TestDb::create(Backend::Sqlite).unwrap();
    let DatabaseUrl::Sqlite(path) = db.url() else {
        unreachable!("a SQLite test database")
    };
    let out = Command::new(env!("CARGO_BIN_EXE_goalline"))
        .args(["replay", "2022-final", "--speed", "0"])
        .env("DATABASE_URL", path)
        .env("RUST_LOG", "warn")
        .env("GOALLINE_SEED", "2022")
        .output()
        .expect("run goalline replay");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let named = lines
        .iter()
        .position(|l| l.starts_with("replaying as match"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let first_event = lines
        .iter()
        .position(|l| l.starts_with("#1 "))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(named < first_event, "{stderr}");
    assert!(lines[named].contains("matchEvents(matchId:"), "{stderr}");
}
