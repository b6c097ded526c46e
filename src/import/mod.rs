//! Loading football data from files into the database.
//!
//! Every source is turned into one in-memory form (`format::SeedFile`, the same format the
//! built-in 2022 data is stored in) and written by one writer (`write`), one tournament per
//! transaction: a file that fails leaves nothing behind, and the other files still load.
//!
//! Sources read: openfootball's Football.TXT full match reports (`YYYY_full.txt`) with their
//! squad lists (`YYYY_squads.txt`), football.json (`worldcup.json`), which creates a
//! tournament or merges into one already there, and stadium lists (`cup_stadiums.csv`),
//! merged into the venues of their tournament. Local files, or http(s) URLs.

pub mod curated;
mod fetch;
mod football_json;
mod football_txt;
pub mod format;
mod identity;
mod merge;
mod names;
pub mod progress;
mod squads_txt;
mod stadiums_csv;
mod summary;
mod teams;
mod venue_merge;
mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use format::SeedFile;
pub use names::display_name;
pub use summary::{Changes, Tally};
pub use write::{write_tournament, Origin, WriteCounts, WriteOutcome};

use crate::db::DbConnection;
use crate::error::AppError;

/// A line of a file that could not be read, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl ParseError {
    pub fn new(line: usize, expected: impl Into<String>) -> Self {
        Self {
            line,
            message: expected.into(),
        }
    }
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileOutcome {
    /// Read and written (or found already there): what changed.
    Done(Changes),
    /// Refused, with the reason (`file:line: expected ...` for a parse error); nothing written.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file, or the URL it was fetched from.
    pub path: PathBuf,
    pub outcome: FileOutcome,
}

/// Everything an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub files: Vec<FileReport>,
    /// Files found but not read, and why (another format, a club competition, ...).
    pub skipped: Vec<(PathBuf, String)>,
}

impl ImportSummary {
    /// The changes of every file, added up.
    pub fn totals(&self) -> Changes {
        let mut all = Changes::default();
        for f in &self.files {
            if let FileOutcome::Done(c) = &f.outcome {
                all.add(c);
            }
        }
        all
    }

    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, FileOutcome::Failed(_)))
            .count()
    }
}

/// The formats read, in the order they are imported: the richest source of a tournament
/// first, so that the others merge into it rather than create it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    FullReport,
    FootballJson,
    Stadiums,
}

/// A step of an import, for progress display.
pub enum Event<'a> {
    /// File `index` (from 0) of `total` is being read.
    Started {
        index: usize,
        total: usize,
        path: &'a Path,
    },
    Finished {
        index: usize,
        total: usize,
        report: &'a FileReport,
    },
}

struct Discovery {
    found: Vec<(Kind, PathBuf)>,
    skipped: Vec<(PathBuf, String)>,
}

/// Finds the importable files under each path (a file or a directory tree): by kind, then
/// name. URLs are taken as they are; their format is known once fetched.
fn discover(paths: &[PathBuf]) -> std::io::Result<Discovery> {
    let mut files = BTreeSet::new();
    let mut urls = Vec::new();
    for path in paths {
        if fetch::is_url(path) {
            urls.push(path.clone());
        } else {
            walk(path, &mut files)?;
        }
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for path in files {
        match kind_of_file(&path) {
            Ok(kind) => found.push((kind, path)),
            // Squad lists are read with their report.
            Err(None) => {}
            Err(Some(reason)) => skipped.push((path, reason)),
        }
    }
    found.sort();
    // Fetched last: a URL usually adds to what the local files hold.
    found.extend(urls.into_iter().map(|u| (Kind::FootballJson, u)));
    Ok(Discovery { found, skipped })
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

fn file_name(path: &Path) -> &str {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("")
}

/// The kind of a local file, or why it is not read (`None`: read with another file).
fn kind_of_file(path: &Path) -> Result<Kind, Option<String>> {
    let name = file_name(path);
    if name.ends_with("_squads.txt") {
        return Err(None);
    }
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

fn kind_by_name(name: &str) -> Option<Kind> {
    if name.ends_with("_full.txt") {
        Some(Kind::FullReport)
    } else if name.ends_with("stadiums.csv") {
        Some(Kind::Stadiums)
    } else {
        None
    }
}

/// Whether a JSON document is football.json this importer reads. A document that is not
/// JSON at all is taken as a broken football.json, to be refused with its line.
fn json_kind(text: &str) -> Result<Kind, String> {
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

/// Imports every file found under `paths`, each in its own transaction.
pub fn import(
    conn: &mut DbConnection,
    paths: &[PathBuf],
    mut progress: impl FnMut(Event<'_>),
) -> Result<ImportSummary, AppError> {
    let Discovery { found, skipped } =
        discover(paths).map_err(|e| AppError::bad_input("path", format!("cannot read: {e}")))?;
    let mut summary = ImportSummary {
        skipped,
        ..ImportSummary::default()
    };
    let total = found.len();
    for (index, (kind, path)) in found.into_iter().enumerate() {
        progress(Event::Started {
            index,
            total,
            path: &path,
        });
        let outcome = match import_one(conn, kind, &path) {
            Ok(changes) => FileOutcome::Done(changes),
            Err(message) => FileOutcome::Failed(message),
        };
        let report = FileReport { path, outcome };
        progress(Event::Finished {
            index,
            total,
            report: &report,
        });
        summary.files.push(report);
    }
    Ok(summary)
}

fn import_one(conn: &mut DbConnection, kind: Kind, path: &Path) -> Result<Changes, String> {
    let shown = path.display().to_string();
    if fetch::is_url(path) {
        let text = fetch::fetch(&shown).map_err(|e| format!("{shown}: {e}"))?;
        let kind = match kind_by_name(file_name(path)) {
            Some(kind) => kind,
            None => json_kind(&text).map_err(|why| format!("{shown}: {why}"))?,
        };
        return import_text(conn, kind, path, &text, "");
    }
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let text = read(path)?;
    let squads = match kind {
        Kind::FullReport => {
            let squads_path =
                path.with_file_name(file_name(path).replace("_full.txt", "_squads.txt"));
            if squads_path.exists() {
                read(&squads_path)?
            } else {
                String::new()
            }
        }
        _ => String::new(),
    };
    import_text(conn, kind, path, &text, &squads)
}

fn import_text(
    conn: &mut DbConnection,
    kind: Kind,
    path: &Path,
    text: &str,
    squads: &str,
) -> Result<Changes, String> {
    match kind {
        Kind::FullReport => import_report(conn, path, text, squads),
        Kind::FootballJson => import_json(conn, path, text),
        Kind::Stadiums => import_stadiums(conn, path, text),
    }
}

fn origin(shown: &str, texts: &[&str]) -> Origin {
    Origin {
        name: shown.to_owned(),
        kind: crate::source::SourceKind::File,
        version: crate::source::content_version(texts),
    }
}

/// Reads a full report and its squad list and writes them.
fn import_report(
    conn: &mut DbConnection,
    path: &Path,
    text: &str,
    squads_text: &str,
) -> Result<Changes, String> {
    let shown = path.display().to_string();
    let report = football_txt::parse(text)
        .map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let squads = squads_txt::parse(squads_text).map_err(|e| {
        let squads_path = path.with_file_name(file_name(path).replace("_full.txt", "_squads.txt"));
        format!(
            "{}:{}: expected {}",
            squads_path.display(),
            e.line,
            e.message
        )
    })?;
    let warnings = report.warnings.clone();
    let file = assemble(report, squads).map_err(|e| format!("{shown}: {e}"))?;
    let outcome = write_tournament(conn, &file, &origin(&shown, &[text, squads_text]))
        .map_err(|e| e.message())?;
    Ok(match outcome {
        WriteOutcome::Created(mut counts) => {
            counts.warnings.splice(0..0, warnings);
            Changes::written(&counts, &shown)
        }
        WriteOutcome::AlreadyPresent => Changes::already_present(),
    })
}

/// Reads football.json: a new tournament is written whole; one already there is merged into.
fn import_json(conn: &mut DbConnection, path: &Path, text: &str) -> Result<Changes, String> {
    let shown = path.display().to_string();
    let mut parsed = football_json::parse(text)
        .map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let slug = slugify(&parsed.title);
    let existing =
        crate::tournament::Tournament::by_slug(conn, &slug).map_err(|e| format!("{shown}: {e}"))?;
    let origin = origin(&shown, &[text]);
    let Some(tournament) = existing else {
        parsed.fill_groups();
        let (file, lines) = json_seed(parsed).map_err(|e| format!("{shown}: {e}"))?;
        let written = write_tournament(conn, &file, &origin)
            .map_err(|e| with_match_line(&e.message(), &shown, &lines))?;
        return match written {
            WriteOutcome::Created(counts) => Ok(Changes::written(&counts, &shown)),
            WriteOutcome::AlreadyPresent => Ok(Changes::already_present()),
        };
    };
    in_transaction(conn, &origin, |conn, source_id| {
        merge::Merger::new(&parsed, &shown, tournament.id, source_id).merge(conn)
    })
}

/// Reads a stadium list into the venues of its tournament.
fn import_stadiums(conn: &mut DbConnection, path: &Path, text: &str) -> Result<Changes, String> {
    let shown = path.display().to_string();
    let stadiums = stadiums_csv::parse(text)
        .map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let Some(year) = stadiums_csv::year_of(path) else {
        return Err(format!("{shown}: expected to be in a `YYYY--host` folder"));
    };
    let slug = format!("world-cup-{year}");
    let tournament =
        crate::tournament::Tournament::by_slug(conn, &slug).map_err(|e| format!("{shown}: {e}"))?;
    let Some(tournament) = tournament else {
        return Ok(Changes {
            warnings: vec![format!(
                "{shown}: the {year} World Cup is not imported; its stadiums were not read"
            )],
            ..Changes::default()
        });
    };
    in_transaction(conn, &origin(&shown, &[text]), |conn, _| {
        venue_merge::merge(conn, tournament.id, &stadiums, &shown)
    })
}

/// Runs a merge in one transaction under a new source; a merge that changed nothing leaves
/// no source behind, so that re-running an import leaves the database as it was.
fn in_transaction(
    conn: &mut DbConnection,
    origin: &Origin,
    merge: impl FnOnce(&mut DbConnection, i32) -> Result<Changes, AppError>,
) -> Result<Changes, String> {
    use crate::schema::sources;
    use diesel::prelude::*;
    conn.transaction(|conn| {
        let known: Option<i32> = sources::table
            .filter(sources::name.eq(&origin.name))
            .filter(sources::version.eq(&origin.version))
            .select(sources::id)
            .first(conn)
            .optional()?;
        let source_id = crate::source::Source::record(
            conn,
            &crate::source::NewSource {
                name: &origin.name,
                kind: origin.kind.as_str(),
                version: &origin.version,
                imported_at: chrono::Utc::now().naive_utc(),
            },
        )?;
        let changes = merge(conn, source_id)?;
        if !changes.changed() && known.is_none() {
            diesel::delete(sources::table.find(source_id)).execute(conn)?;
        }
        Ok(changes)
    })
    .map_err(|e: AppError| format!("{}: {}", origin.name, e.message()))
}

/// A tournament from football.json alone, in the seed form, with the line of each match by
/// its number.
fn json_seed(t: football_json::JsonTournament) -> Result<(SeedFile, Vec<usize>), String> {
    let mut numbered: Vec<(format::MatchSeed, usize)> =
        t.matches.into_iter().zip(t.lines).collect();
    // In the order `tournament_seed` numbers them (a stable sort: it keeps this order).
    numbered.sort_by_key(|(m, _)| m.kickoff);
    let (mut matches, lines): (Vec<_>, Vec<_>) = numbered.into_iter().unzip();
    let tournament = tournament_seed(&t.title, t.year, &mut matches)?;
    let file = SeedFile {
        format: format::FORMAT.to_owned(),
        tournament,
        teams: t.teams,
        venues: t.venues,
        stages: t.stages,
        squads: Vec::new(),
        matches,
    };
    Ok((file, lines))
}

/// The writer names a match by number ("FILE: match 54: ..."); a reader of the file wants
/// its line.
fn with_match_line(message: &str, shown: &str, lines: &[usize]) -> String {
    let located = message
        .strip_prefix(&format!("{shown}: match "))
        .and_then(|rest| {
            let (number, detail) = rest.split_once(": ")?;
            let line = lines.get(number.parse::<usize>().ok()?.checked_sub(1)?)?;
            Some(format!("{shown}:{line}: match {number}: {detail}"))
        });
    located.unwrap_or_else(|| message.to_owned())
}

/// The tournament a title names ("World Cup 2014"), spanning its matches' dates; numbers the
/// matches in order of kick-off, as FIFA numbers them.
fn tournament_seed(
    title: &str,
    year: i32,
    matches: &mut [format::MatchSeed],
) -> Result<format::TournamentSeed, String> {
    let is_world_cup = title.contains("World Cup");
    let host = if is_world_cup {
        teams::world_cup_host(year).unwrap_or("").to_owned()
    } else {
        String::new()
    };
    let dates: Vec<chrono::NaiveDate> = matches
        .iter()
        .filter_map(|m| m.kickoff.map(|k| k.date_naive()))
        .collect();
    let (Some(start), Some(end)) = (dates.iter().min().copied(), dates.iter().max().copied())
    else {
        return Err("no matches with a date".into());
    };
    matches.sort_by_key(|m| m.kickoff);
    for (i, m) in matches.iter_mut().enumerate() {
        m.number = i as i32 + 1;
    }
    Ok(format::TournamentSeed {
        slug: slugify(title),
        name: if is_world_cup {
            format!("FIFA World Cup {host} {year}")
        } else {
            title.to_owned()
        },
        competition: if is_world_cup {
            "FIFA World Cup".to_owned()
        } else {
            title.trim_end_matches(char::is_numeric).trim().to_owned()
        },
        year,
        host,
        start_date: start,
        end_date: end,
    })
}

/// Puts a report and its squads together as one tournament.
fn assemble(
    mut report: football_txt::Report,
    squads: Vec<squads_txt::SquadList>,
) -> Result<SeedFile, String> {
    let tournament = tournament_seed(&report.title, report.year, &mut report.matches)?;
    let mut team_list = report.teams.clone();
    for squad in &squads {
        if !team_list.iter().any(|(code, _)| *code == squad.team) {
            team_list.push((squad.team.clone(), squad.team.clone()));
        }
    }
    Ok(SeedFile {
        format: format::FORMAT.to_owned(),
        tournament,
        teams: team_list
            .into_iter()
            .map(|(code, name)| format::TeamSeed { code, name })
            .collect(),
        venues: report.venues,
        stages: report.stages,
        squads: squads
            .into_iter()
            .map(|s| format::SquadSeed {
                team: s.team,
                coach: s.coach,
                players: s
                    .players
                    .into_iter()
                    .map(|p| format::PlayerSeed {
                        name: display_name(&p.name),
                        ..p
                    })
                    .collect(),
            })
            .collect(),
        matches: report.matches,
    })
}

/// "World Cup 2022" -> "world-cup-2022".
fn slugify(title: &str) -> String {
    let folded = crate::person::search_key(title);
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// One line about one file, for a log.
pub fn describe(file: &FileReport) -> String {
    let name = file.path.display();
    match &file.outcome {
        FileOutcome::Done(c) => {
            let parts: Vec<String> = c
                .kinds()
                .iter()
                .filter(|(_, t)| t.created + t.updated > 0)
                .map(|(kind, t)| format!("{kind} +{} ~{}", t.created, t.updated))
                .collect();
            let what = if parts.is_empty() {
                "unchanged".to_owned()
            } else {
                parts.join(", ")
            };
            match c.warnings.len() {
                0 => format!("imported {name}: {what}"),
                n => format!("imported {name}: {what}; {n} warnings"),
            }
        }
        FileOutcome::Failed(reason) => format!("FAILED   {reason}"),
    }
}

/// The closing summary: each kind created / updated / unchanged, then every warning.
pub fn totals(summary: &ImportSummary, took: std::time::Duration) -> String {
    let all = summary.totals();
    let mut out = format!(
        "imported {} files in {:.1}s ({} failed, {} not read):\n{all}",
        summary.files.len(),
        took.as_secs_f64(),
        summary.failed(),
        summary.skipped.len(),
    );
    for w in &all.warnings {
        out.push_str("\n  warning: ");
        out.push_str(w);
    }
    out
}

/// A deterministic pseudo-random source (xorshift) for the parsers' mutation tests: each call
/// gives a number below its bound.
#[cfg(test)]
pub(crate) fn test_random(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    }
}

/// `count` deterministic mangled copies of a real file for the parsers' mutation tests: each
/// has a few deletions, duplications or foreign pieces (from `pieces`) spliced in.
#[cfg(test)]
pub(crate) fn mutations<'p>(
    source: &str,
    pieces: &'p [&'p str],
    seed: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'p {
    let source: Vec<char> = source.chars().collect();
    let mut next = test_random(seed);
    (0..count).map(move |_| {
        let mut text = source.clone();
        for _ in 0..1 + next(4) {
            let at = next(text.len().max(1)).min(text.len());
            let end = (at + next(20)).min(text.len());
            match next(3) {
                0 => {
                    text.drain(at..end);
                }
                1 => {
                    let copy: Vec<char> = text[at..end].to_vec();
                    text.splice(at..at, copy);
                }
                _ => {
                    let piece: Vec<char> = pieces[next(pieces.len())].chars().collect();
                    text.splice(at..at, piece);
                }
            }
        }
        text.into_iter().collect()
    })
}
