//! Finding the files to import and telling their formats apart: by name for Football.TXT
//! reports and stadium lists, by content for football.json.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{fetch, football_json, names};

/// The formats read, in the order they are imported: the richest source of a tournament
/// first, so that the others merge into it rather than create it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    FullReport,
    /// A continental championship in plain Football.TXT (`euro.txt`), with `squads/` beside.
    PlainTxt,
    FootballJson,
    Stadiums,
    /// The international results (`results.csv`, with the goal, shootout and former-name
    /// files beside it): last, so that it adds to the tournaments the richer files hold.
    InternationalResults,
}

pub struct Discovery {
    pub found: Vec<(Kind, PathBuf)>,
    pub skipped: Vec<(PathBuf, String)>,
    /// Files read together with one found (squad lists, the goal and shootout files).
    pub companions: Vec<PathBuf>,
}

/// Finds the importable files under each path (a file or a directory tree): by kind, then
/// name. URLs are taken as they are; their format is known once fetched.
pub fn discover(paths: &[PathBuf]) -> std::io::Result<Discovery> {
    let mut files = BTreeSet::new();
    let mut urls = Vec::new();
    for path in paths {
        if fetch::is_url(path) {
            urls.push(path.clone());
        } else if !path.exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{}: no such file or directory", path.display()),
            ));
        } else {
            walk(path, &mut files)?;
        }
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut companions = Vec::new();
    for path in files {
        let name = file_name(&path);
        if name.ends_with("_squads.txt") || read_with_another(&path) {
            companions.push(path);
            continue;
        }
        match kind_of_file(&path) {
            Ok(kind) => found.push((kind, path)),
            Err(None) => {}
            Err(Some(reason)) => skipped.push((path, reason)),
        }
    }
    found.sort();
    // Fetched last: a URL usually adds to what the local files hold.
    found.extend(urls.into_iter().map(|u| (Kind::FootballJson, u)));
    Ok(Discovery {
        found,
        skipped,
        companions,
    })
}

fn walk(path: &Path, found: &mut BTreeSet<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            walk(&entry?.path(), found)?;
        }
    } else {
        found.insert(path.to_path_buf());
    }
    Ok(())
}

pub fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// The kind of a local file, or why it is not read (`None`: not data at all, such as notes).
fn kind_of_file(path: &Path) -> Result<Kind, Option<String>> {
    let name = file_name(path);
    if !name.ends_with(".json") {
        return kind_by_name(name).ok_or_else(|| {
            [".txt", ".csv"]
                .iter()
                .any(|ext| name.ends_with(ext))
                .then(|| "not a format goalline reads".to_owned())
        });
    }
    let text = std::fs::read_to_string(path).map_err(|e| Some(format!("cannot read: {e}")))?;
    json_kind(&text).map_err(Some)
}

/// Files read together with another one beside them: a championship's squad lists, and the
/// international results' goal, shootout and former-name files.
fn read_with_another(path: &Path) -> bool {
    let beside = |other: &str| path.parent().is_some_and(|d| d.join(other).is_file());
    let in_squads = path.parent().and_then(|d| d.file_name()) == Some("squads".as_ref());
    match file_name(path) {
        "goalscorers.csv" | "shootouts.csv" | "former_names.csv" => beside("results.csv"),
        name if in_squads && name.ends_with(".txt") => path
            .parent()
            .and_then(Path::parent)
            .is_some_and(|d| d.join("euro.txt").is_file()),
        _ => false,
    }
}

pub fn kind_by_name(name: &str) -> Option<Kind> {
    if name.ends_with("_full.txt") {
        Some(Kind::FullReport)
    } else if name == "euro.txt" {
        Some(Kind::PlainTxt)
    } else if name == "results.csv" {
        Some(Kind::InternationalResults)
    } else if name.ends_with("stadiums.csv") {
        Some(Kind::Stadiums)
    } else {
        None
    }
}

/// Whether a JSON document is football.json this importer reads. A document that is not
/// JSON at all is taken as a broken football.json, to be refused with its line.
pub fn json_kind(text: &str) -> Result<Kind, String> {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(Kind::FootballJson);
    };
    if !football_json::recognise(&value) {
        return Err("JSON, but not football.json matches".into());
    }
    let name = value["name"].as_str().unwrap_or("");
    // Qualifiers are not editions of the tournament, and club sides are not national teams:
    // both would need a model of their own.
    if name.contains("Qualif") {
        return Err("qualifying matches are not read yet".into());
    }
    let first_team = value["matches"][0]["team1"].as_str().unwrap_or("");
    if name.contains("Club") || names::split_country(first_team).1.is_some() {
        return Err("club competitions are not read yet".into());
    }
    Ok(Kind::FootballJson)
}
