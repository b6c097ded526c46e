//! Loading football data from files into the database.
//!
//! Every source is turned into one in-memory form (`format::SeedFile`, the same format the
//! built-in 2022 data is stored in) and written by one writer (`write`), one tournament per
//! transaction: a file that fails leaves nothing behind, and the other files still load.
//!
//! Sources read today: openfootball's Football.TXT full match reports (`YYYY_full.txt`)
//! with their squad lists (`YYYY_squads.txt`).

pub mod curated;
mod football_txt;
pub mod format;
mod identity;
mod names;
mod squads_txt;
mod teams;
mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use format::SeedFile;
pub use names::display_name;
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
    Created(WriteCounts),
    /// Its tournament was already in the database; nothing was written.
    Unchanged,
    /// Refused, with the reason (`file:line: expected ...` for a parse error).
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub path: PathBuf,
    pub outcome: FileOutcome,
}

/// Everything an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub files: Vec<FileReport>,
    /// Files found but of a format not read yet, e.g. football.json.
    pub skipped: Vec<PathBuf>,
}

impl ImportSummary {
    pub fn created(&self) -> impl Iterator<Item = &WriteCounts> {
        self.files.iter().filter_map(|f| match &f.outcome {
            FileOutcome::Created(c) => Some(c),
            _ => None,
        })
    }

    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, FileOutcome::Failed(_)))
            .count()
    }

    pub fn unchanged(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.outcome == FileOutcome::Unchanged)
            .count()
    }
}

/// Finds the importable files under each path (a file or a directory tree), in name order.
pub fn discover(paths: &[PathBuf]) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut found = BTreeSet::new();
    for path in paths {
        walk(path, &mut found)?;
    }
    let (reports, others): (Vec<PathBuf>, Vec<PathBuf>) =
        found.into_iter().partition(|p| is_full_report(p));
    // Squad lists are read with their report; only other formats are skipped.
    let skipped = others
        .into_iter()
        .filter(|p| !is_squad_list(p) && is_data_file(p))
        .collect();
    Ok((reports, skipped))
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

fn is_full_report(path: &Path) -> bool {
    file_name(path).ends_with("_full.txt")
}

fn is_squad_list(path: &Path) -> bool {
    file_name(path).ends_with("_squads.txt")
}

fn is_data_file(path: &Path) -> bool {
    let name = file_name(path);
    [".txt", ".json", ".csv"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Imports every full report under `paths`, each in its own transaction.
pub fn import(
    conn: &mut DbConnection,
    paths: &[PathBuf],
    mut progress: impl FnMut(&FileReport),
) -> Result<ImportSummary, AppError> {
    let (reports, skipped) =
        discover(paths).map_err(|e| AppError::bad_input("path", format!("cannot read: {e}")))?;
    let mut summary = ImportSummary {
        skipped,
        ..ImportSummary::default()
    };
    for path in reports {
        let outcome = match import_report(conn, &path) {
            Ok(WriteOutcome::Created(counts)) => FileOutcome::Created(counts),
            Ok(WriteOutcome::AlreadyPresent) => FileOutcome::Unchanged,
            Err(message) => FileOutcome::Failed(message),
        };
        let report = FileReport { path, outcome };
        progress(&report);
        summary.files.push(report);
    }
    Ok(summary)
}

/// Reads a full report and its squad list (`YYYY_squads.txt` beside it) and writes them.
fn import_report(conn: &mut DbConnection, path: &Path) -> Result<WriteOutcome, String> {
    let shown = path.display().to_string();
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let text = read(path)?;
    let report = football_txt::parse(&text)
        .map_err(|e| format!("{shown}:{}: expected {}", e.line, e.message))?;
    let squads_path = path.with_file_name(file_name(path).replace("_full.txt", "_squads.txt"));
    let squads_text = if squads_path.exists() {
        read(&squads_path)?
    } else {
        String::new()
    };
    let squads = squads_txt::parse(&squads_text).map_err(|e| {
        format!(
            "{}:{}: expected {}",
            squads_path.display(),
            e.line,
            e.message
        )
    })?;
    let warnings: Vec<String> = report
        .warnings
        .iter()
        .map(|w| format!("{shown}: {w}"))
        .collect();
    let file = assemble(report, squads).map_err(|e| format!("{shown}: {e}"))?;
    let origin = Origin {
        name: shown.clone(),
        kind: crate::source::SourceKind::File,
        version: crate::source::content_version(&[&text, &squads_text]),
    };
    let mut outcome = write_tournament(conn, &file, &origin).map_err(|e| e.message())?;
    if let WriteOutcome::Created(counts) = &mut outcome {
        counts.warnings.splice(0..0, warnings);
    }
    Ok(outcome)
}

/// Puts a report and its squads together as one tournament.
fn assemble(
    mut report: football_txt::Report,
    squads: Vec<squads_txt::SquadList>,
) -> Result<SeedFile, String> {
    let year = report.year;
    let is_world_cup = report.title.contains("World Cup");
    let host = if is_world_cup {
        teams::world_cup_host(year).unwrap_or("").to_owned()
    } else {
        String::new()
    };
    let dates: Vec<chrono::NaiveDate> = report
        .matches
        .iter()
        .filter_map(|m| m.kickoff.map(|k| k.date_naive()))
        .collect();
    let (Some(start), Some(end)) = (dates.iter().min().copied(), dates.iter().max().copied())
    else {
        return Err("no matches with a date".into());
    };
    // Numbered in order of kick-off, as FIFA numbers matches.
    report.matches.sort_by_key(|m| m.kickoff);
    for (i, m) in report.matches.iter_mut().enumerate() {
        m.number = i as i32 + 1;
    }
    let mut team_list = report.teams.clone();
    for squad in &squads {
        if !team_list.iter().any(|(code, _)| *code == squad.team) {
            team_list.push((squad.team.clone(), squad.team.clone()));
        }
    }
    Ok(SeedFile {
        format: format::FORMAT.to_owned(),
        tournament: format::TournamentSeed {
            slug: slugify(&report.title),
            name: if is_world_cup {
                format!("FIFA World Cup {host} {year}")
            } else {
                report.title.clone()
            },
            competition: if is_world_cup {
                "FIFA World Cup".to_owned()
            } else {
                report
                    .title
                    .trim_end_matches(char::is_numeric)
                    .trim()
                    .to_owned()
            },
            year,
            host,
            start_date: start,
            end_date: end,
        },
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

/// One line about one file, for the terminal.
pub fn describe(file: &FileReport) -> String {
    let name = file.path.display();
    match &file.outcome {
        FileOutcome::Created(c) => format!(
            "created   {name}: {} matches, {} goals, {} shootout kicks, {} people new, {} matched{}",
            c.matches,
            c.goals,
            c.kicks,
            c.people_created,
            c.people_matched,
            if c.warnings.is_empty() {
                String::new()
            } else {
                format!(", {} warnings:\n  {}", c.warnings.len(), c.warnings.join("\n  "))
            }
        ),
        FileOutcome::Unchanged => format!("unchanged {name}: already imported"),
        FileOutcome::Failed(reason) => format!("FAILED    {reason}"),
    }
}

/// The closing summary.
pub fn totals(summary: &ImportSummary, took: std::time::Duration) -> String {
    let created: Vec<&WriteCounts> = summary.created().collect();
    let sum = |f: fn(&WriteCounts) -> usize| created.iter().map(|c| f(c)).sum::<usize>();
    format!(
        "imported in {:.1}s: tournaments {} created, {} unchanged, {} failed; matches {} created; \
         goals {}; shootout kicks {}; people {} created, {} matched; warnings {}; \
         {} files of other formats skipped",
        took.as_secs_f64(),
        created.len(),
        summary.unchanged(),
        summary.failed(),
        sum(|c| c.matches),
        sum(|c| c.goals),
        sum(|c| c.kicks),
        sum(|c| c.people_created),
        sum(|c| c.people_matched),
        sum(|c| c.warnings.len()),
        summary.skipped.len(),
    )
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
