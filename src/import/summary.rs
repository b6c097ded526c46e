//! What an import changed, per kind of record: created, updated, unchanged, and warnings.

use std::fmt;

use super::{FileOutcome, FileReport, ImportSummary, WriteCounts};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.created += other.created;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} unchanged",
            self.created, self.updated, self.unchanged
        )
    }
}

/// The changes of one file, or of a whole import.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub tournaments: Tally,
    pub matches: Tally,
    pub people: Tally,
    pub goals: Tally,
    pub kicks: Tally,
    pub venues: Tally,
    /// Each with its file and line.
    pub warnings: Vec<String>,
}

impl Changes {
    pub fn add(&mut self, other: &Changes) {
        for (mine, theirs) in self.kinds_mut().into_iter().zip(other.kinds()) {
            mine.1.add(theirs.1);
        }
        self.warnings.extend(other.warnings.iter().cloned());
    }

    /// Each kind by name, in the order the summary prints them.
    pub fn kinds(&self) -> [(&'static str, Tally); 6] {
        [
            ("tournaments", self.tournaments),
            ("matches", self.matches),
            ("people", self.people),
            ("goals", self.goals),
            ("shootout kicks", self.kicks),
            ("venues", self.venues),
        ]
    }

    fn kinds_mut(&mut self) -> [(&'static str, &mut Tally); 6] {
        [
            ("tournaments", &mut self.tournaments),
            ("matches", &mut self.matches),
            ("people", &mut self.people),
            ("goals", &mut self.goals),
            ("shootout kicks", &mut self.kicks),
            ("venues", &mut self.venues),
        ]
    }

    /// Records created: how much the tables grew.
    pub fn rows_created(&self) -> usize {
        self.kinds().iter().map(|(_, t)| t.created).sum()
    }

    /// Whether anything was created or updated.
    pub fn changed(&self) -> bool {
        self.kinds()
            .iter()
            .any(|(_, t)| t.created > 0 || t.updated > 0)
    }

    /// A tournament written whole by the writer.
    pub fn written(counts: &WriteCounts, shown: &str) -> Self {
        let created = |n| Tally {
            created: n,
            ..Tally::default()
        };
        Self {
            tournaments: created(1),
            matches: created(counts.matches),
            people: Tally {
                created: counts.people_created,
                unchanged: counts.people_matched,
                updated: 0,
            },
            goals: created(counts.goals),
            kicks: created(counts.kicks),
            venues: Tally {
                created: counts.venues_created,
                unchanged: counts.venues_reused,
                updated: 0,
            },
            warnings: counts.warnings.iter().map(|w| located(shown, w)).collect(),
        }
    }

    /// A tournament found already written, left as it was.
    pub fn already_present() -> Self {
        Self {
            tournaments: Tally {
                unchanged: 1,
                ..Tally::default()
            },
            ..Self::default()
        }
    }
}

/// Prefixes a warning with its file unless it names it already.
fn located(shown: &str, warning: &str) -> String {
    if warning.starts_with(shown) {
        warning.to_owned()
    } else {
        format!("{shown}: {warning}")
    }
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, tally) in self.kinds() {
            writeln!(f, "  {name:<15}{tally}")?;
        }
        write!(f, "  {:<15}{}", "warnings", self.warnings.len())
    }
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
    for (path, why) in &summary.skipped {
        out.push_str(&format!("\n  not read: {}: {why}", path.display()));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn the_summary_gives_each_kind_and_every_warning() {
        let changes = |created, unchanged, warning: Option<&str>| Changes {
            tournaments: Tally {
                created,
                updated: 0,
                unchanged,
            },
            warnings: warning.map(str::to_owned).into_iter().collect(),
            ..Changes::default()
        };
        let summary = ImportSummary {
            files: vec![
                FileReport {
                    path: PathBuf::from("a_full.txt"),
                    outcome: FileOutcome::Done(changes(1, 0, None)),
                },
                FileReport {
                    path: PathBuf::from("worldcup.json"),
                    outcome: FileOutcome::Done(changes(0, 1, Some("worldcup.json:7: kept 2-1"))),
                },
                FileReport {
                    path: PathBuf::from("b.csv"),
                    outcome: FileOutcome::Failed("b.csv:2: expected a capacity".into()),
                },
            ],
            skipped: vec![(
                PathBuf::from("cup.txt"),
                "not a format goalline reads".into(),
            )],
        };
        let text = totals(&summary, std::time::Duration::from_millis(1500));
        assert!(
            text.starts_with("imported 3 files in 1.5s (1 failed, 1 not read):"),
            "{text}"
        );
        assert!(text.contains("\n  tournaments    1 created, 0 updated, 1 unchanged\n"));
        assert!(text.contains("\n  venues         0 created, 0 updated, 0 unchanged\n"));
        assert!(text.ends_with(
            "warnings       1\n  warning: worldcup.json:7: kept 2-1\n  \
             not read: cup.txt: not a format goalline reads"
        ));
        assert_eq!(
            describe(&summary.files[0]),
            "imported a_full.txt: tournaments +1 ~0"
        );
        assert_eq!(
            describe(&summary.files[1]),
            "imported worldcup.json: unchanged; 1 warnings"
        );
    }
}
