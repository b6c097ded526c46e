//! What an import changed, per kind of record: created, updated, unchanged, and warnings.

use std::fmt;

use super::WriteCounts;

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
