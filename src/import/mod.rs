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

mod assemble;
pub mod corrections;
pub mod curated;
mod discover;
mod euro_txt;
mod fetch;
mod football_json;
mod football_txt;
pub mod format;
mod identity;
pub mod international;
mod merge;
mod names;
pub mod progress;
mod reconcile;
mod squads_txt;
mod stadiums_csv;
mod summary;
mod teams;
mod venue_merge;
mod write;

use std::path::{Path, PathBuf};

pub use format::SeedFile;
pub use names::display_name;
pub use summary::{describe, totals, Changes, Tally};
pub use write::{write_tournament, Origin, WriteCounts, WriteOutcome};

pub use assemble::slugify;
use assemble::{assemble, json_seed, with_match_line};
use discover::{discover, file_name, json_kind, kind_by_name, Discovery, Kind};

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

/// The local files an import of `paths` reads (with the squad lists, goal and shootout files
/// read beside them) and the licence and source notes of their folders: what a bundle of
/// them must hold to import the same.
pub fn files_read(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let Discovery {
        found, companions, ..
    } = discover(paths)?;
    let mut files: Vec<PathBuf> = found
        .into_iter()
        .map(|(_, p)| p)
        .chain(companions)
        .collect();
    for path in paths.iter().filter(|p| p.is_dir()) {
        notes(path, &mut files)?;
    }
    files.sort();
    Ok(files)
}

/// The source notes and licences (`SOURCE.md`, `LICENSE*`) in a folder tree.
fn notes(dir: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = file_name(&path);
        if path.is_dir() {
            notes(&path, into)?;
        } else if name == "SOURCE.md" || name.starts_with("LICENSE") {
            into.push(path);
        }
    }
    Ok(())
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

/// Imports every file found under `paths`, each in its own transaction.
pub fn import(
    conn: &mut DbConnection,
    paths: &[PathBuf],
    progress: impl FnMut(Event<'_>),
) -> Result<ImportSummary, AppError> {
    import_named(conn, None, paths, progress)
}

/// Like `import`, for files unpacked under `root` (the built-in history): provenance and
/// warnings name them by their path below it.
pub fn import_under(
    conn: &mut DbConnection,
    root: &Path,
    paths: &[PathBuf],
    progress: impl FnMut(Event<'_>),
) -> Result<ImportSummary, AppError> {
    import_named(conn, Some(root), paths, progress)
}

fn import_named(
    conn: &mut DbConnection,
    root: Option<&Path>,
    paths: &[PathBuf],
    mut progress: impl FnMut(Event<'_>),
) -> Result<ImportSummary, AppError> {
    let Discovery { found, skipped, .. } =
        discover(paths).map_err(|e| AppError::bad_input("path", format!("cannot read: {e}")))?;
    let mut summary = ImportSummary {
        skipped,
        ..ImportSummary::default()
    };
    let total = found.len();
    let mut growing = crate::db::GrowingTables::default();
    for (index, (kind, path)) in found.into_iter().enumerate() {
        progress(Event::Started {
            index,
            total,
            path: &path,
        });
        let below = root.and_then(|r| path.strip_prefix(r).ok());
        let shown = below.unwrap_or(&path).display().to_string();
        let outcome = match import_one(conn, kind, &path, &shown) {
            Ok(changes) => {
                growing.grew(conn, changes.rows_created())?;
                FileOutcome::Done(changes)
            }
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

fn import_one(
    conn: &mut DbConnection,
    kind: Kind,
    path: &Path,
    shown: &str,
) -> Result<Changes, String> {
    if fetch::is_url(path) {
        let text = fetch::fetch(shown).map_err(|e| format!("{shown}: {e}"))?;
        let kind = match kind_by_name(file_name(path)) {
            Some(kind) => kind,
            None => json_kind(&text).map_err(|why| format!("{shown}: {why}"))?,
        };
        return import_text(conn, kind, path, shown, &text, "");
    }
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
        Kind::PlainTxt => return import_plain(conn, path, shown, &text),
        Kind::InternationalResults => return import_international(conn, path, shown, &text),
        _ => String::new(),
    };
    import_text(conn, kind, path, shown, &text, &squads)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn import_text(
    conn: &mut DbConnection,
    kind: Kind,
    path: &Path,
    shown: &str,
    text: &str,
    squads: &str,
) -> Result<Changes, String> {
    match kind {
        Kind::FullReport => import_report(conn, path, shown, text, squads),
        Kind::FootballJson => import_json(conn, shown, text),
        Kind::Stadiums => import_stadiums(conn, path, shown, text),
        Kind::PlainTxt => import_plain(conn, path, shown, text),
        Kind::InternationalResults => import_international(conn, path, shown, text),
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
    shown: &str,
    text: &str,
    squads_text: &str,
) -> Result<Changes, String> {
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
    let outcome = write_tournament(conn, &file, &origin(shown, &[text, squads_text]))
        .map_err(|e| e.message())?;
    Ok(match outcome {
        WriteOutcome::Created(mut counts) => {
            counts.warnings.splice(0..0, warnings);
            Changes::written(&counts, shown)
        }
        WriteOutcome::AlreadyPresent => {
            let mut changes = Changes::already_present();
            // A report is not merged into a tournament already there: say what that leaves
            // out when the tournament came from a source without line-ups (football.json).
            let slug = &file.tournament.slug;
            if !has_lineups(conn, slug).map_err(|e| AppError::from(e).message())? {
                changes.warnings.push(format!(
                    "{shown}: {slug} is already in the database without line-ups (from \
                     football.json?); this report's line-ups, cards, substitutions and \
                     referees were not read. Import the reports first, into a fresh database, \
                     to have them"
                ));
            }
            changes
        }
    })
}

/// Whether any match of the tournament has a line-up recorded.
fn has_lineups(conn: &mut DbConnection, slug: &str) -> diesel::QueryResult<bool> {
    use crate::schema::{lineups, matches, tournaments};
    use diesel::prelude::*;
    let count: i64 = lineups::table
        .inner_join(matches::table.inner_join(tournaments::table))
        .filter(tournaments::slug.eq(slug))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Reads football.json: a new tournament is written whole; one already there is merged into.
fn import_json(conn: &mut DbConnection, shown: &str, text: &str) -> Result<Changes, String> {
    let mut parsed = football_json::parse(text)
        .map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let slug = slugify(&parsed.title);
    let existing =
        crate::tournament::Tournament::by_slug(conn, &slug).map_err(|e| format!("{shown}: {e}"))?;
    let origin = origin(shown, &[text]);
    let Some(tournament) = existing else {
        parsed.fill_groups();
        let (file, lines) = json_seed(parsed).map_err(|e| format!("{shown}: {e}"))?;
        let written = write_tournament(conn, &file, &origin)
            .map_err(|e| with_match_line(&e.message(), shown, &lines))?;
        return match written {
            WriteOutcome::Created(counts) => Ok(Changes::written(&counts, shown)),
            WriteOutcome::AlreadyPresent => Ok(Changes::already_present()),
        };
    };
    in_transaction(conn, &origin, |conn, source_id| {
        merge::Merger::new(&parsed, shown, tournament.id, source_id).merge(conn)
    })
}

/// Reads a championship in plain Football.TXT with the squad lists in `squads/` beside it: a
/// new tournament is written whole; one already there is merged into.
fn import_plain(
    conn: &mut DbConnection,
    path: &Path,
    shown: &str,
    text: &str,
) -> Result<Changes, String> {
    let (mut parsed, warnings) =
        euro_txt::parse(text).map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let warnings: Vec<String> = warnings
        .into_iter()
        .map(|w| format!("{shown}: {w}"))
        .collect();
    if parsed.matches.is_empty() {
        return Ok(Changes {
            warnings: vec![format!(
                "{shown}: no match has been played yet; nothing imported"
            )],
            ..Changes::default()
        });
    }
    let squads = plain_squads(path)?;
    let slug = slugify(&parsed.title);
    let existing =
        crate::tournament::Tournament::by_slug(conn, &slug).map_err(|e| format!("{shown}: {e}"))?;
    let mut changes = match existing {
        Some(tournament) => in_transaction(conn, &origin(shown, &[text]), |conn, source_id| {
            merge::Merger::new(&parsed, shown, tournament.id, source_id).merge(conn)
        })?,
        None => {
            parsed.fill_groups();
            let (mut file, lines) = json_seed(parsed).map_err(|e| format!("{shown}: {e}"))?;
            file.squads = squads;
            match write_tournament(conn, &file, &origin(shown, &[text]))
                .map_err(|e| with_match_line(&e.message(), shown, &lines))?
            {
                WriteOutcome::Created(counts) => Changes::written(&counts, shown),
                WriteOutcome::AlreadyPresent => Changes::already_present(),
            }
        }
    };
    changes.warnings.splice(0..0, warnings);
    Ok(changes)
}

/// The squad lists in the `squads/` folder beside a championship's file, by file name.
fn plain_squads(path: &Path) -> Result<Vec<format::SquadSeed>, String> {
    let Some(dir) = path
        .parent()
        .map(|d| d.join("squads"))
        .filter(|d| d.is_dir())
    else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let list = euro_txt::parse_squad(&read(p)?)
                .map_err(|e| format!("{}:{}: expected {}", p.display(), e.line, e.message))?;
            Ok(format::SquadSeed {
                team: list.team,
                coach: list.coach,
                players: list.players,
            })
        })
        .collect()
}

/// Reads the international results and the files beside `results.csv`, in one transaction.
fn import_international(
    conn: &mut DbConnection,
    path: &Path,
    shown: &str,
    text: &str,
) -> Result<Changes, String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let companion = |name: &str| -> Result<Option<String>, String> {
        let p = dir.join(name);
        match p.is_file() && !fetch::is_url(path) {
            true => read(&p).map(Some),
            false => Ok(None),
        }
    };
    let [scorers, shootouts, former] = international::COMPANIONS.map(companion);
    let (scorers, shootouts, former) = (scorers?, shootouts?, former?);
    let data = international::parse(&international::Texts {
        results: text,
        scorers: scorers.as_deref(),
        shootouts: shootouts.as_deref(),
        former_names: former.as_deref(),
    })
    .map_err(|(file, e)| {
        format!(
            "{}:{}: expected {}",
            dir.join(file).display(),
            e.line,
            e.message
        )
    })?;
    let texts = [
        text,
        scorers.as_deref().unwrap_or(""),
        shootouts.as_deref().unwrap_or(""),
        former.as_deref().unwrap_or(""),
    ];
    let dir_shown = Path::new(shown)
        .parent()
        .map_or_else(String::new, |d| d.display().to_string());
    in_transaction(conn, &origin(shown, &texts), |conn, source_id| {
        let shown = international::Shown { dir: &dir_shown };
        international::write(conn, &data, source_id, &shown)
    })
}

/// Reads a stadium list into the venues of its tournament.
fn import_stadiums(
    conn: &mut DbConnection,
    path: &Path,
    shown: &str,
    text: &str,
) -> Result<Changes, String> {
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
    in_transaction(conn, &origin(shown, &[text]), |conn, _| {
        venue_merge::merge(conn, tournament.id, &stadiums, shown)
    })
}

/// Runs a merge in one transaction under a new source; a merge that changed nothing and
/// whose source no claim cites leaves no source behind, so that re-running an import leaves
/// the database as it was. (The same file under another name changes nothing shown, but its
/// claims now cite it.)
fn in_transaction(
    conn: &mut DbConnection,
    origin: &Origin,
    merge: impl FnOnce(&mut DbConnection, i32) -> Result<Changes, AppError>,
) -> Result<Changes, String> {
    use crate::schema::{goal_claims, sources};
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
            let cited: i64 = goal_claims::table
                .filter(goal_claims::source_id.eq(source_id))
                .count()
                .get_result(conn)?;
            if cited == 0 {
                diesel::delete(sources::table.find(source_id)).execute(conn)?;
            }
        }
        Ok(changes)
    })
    .map_err(|e: AppError| format!("{}: {}", origin.name, e.message()))
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
