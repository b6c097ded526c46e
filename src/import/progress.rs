//! Progress of an import on stderr: on a terminal one line redrawn per file (a bar, files done
//! of the total, the file being read); otherwise, for logs, one plain line per file.

use std::io::{IsTerminal, Write};

use super::{describe, Event, FileOutcome};

const BAR: usize = 24;

pub struct Progress {
    terminal: bool,
    /// Whether the bar is on screen and must be cleared before other output.
    drawn: bool,
}

impl Progress {
    pub fn on_stderr() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    pub fn show(&mut self, event: Event<'_>) {
        let mut err = std::io::stderr().lock();
        match event {
            Event::Started { index, total, path } if self.terminal => {
                let _ = write!(
                    err,
                    "\r\x1b[2K{}",
                    bar(index, total, &path.display().to_string())
                );
                self.drawn = true;
            }
            Event::Started { .. } => {}
            Event::Finished { report, .. } if self.terminal => {
                // Failures stay on screen above the bar; the rest is in the closing summary.
                if let FileOutcome::Failed(_) = report.outcome {
                    let _ = writeln!(err, "\r\x1b[2K{}", describe(report));
                    self.drawn = false;
                }
            }
            Event::Finished { report, .. } => {
                let _ = writeln!(err, "{}", describe(report));
            }
        }
    }

    /// Clears the bar, so that the summary starts on a clean line.
    pub fn finish(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.drawn = false;
        }
    }
}

/// `[#########---------------]  12/45  worldcup/more/1998_full.txt`
fn bar(done: usize, total: usize, current: &str) -> String {
    let filled = (done * BAR).checked_div(total).unwrap_or(0);
    // Long paths keep their end, which names the file.
    let shown: String = match current.chars().count() {
        n if n > 60 => format!("…{}", current.chars().skip(n - 59).collect::<String>()),
        _ => current.to_owned(),
    };
    format!(
        "[{}{}] {done:>3}/{total}  {shown}",
        "#".repeat(filled),
        "-".repeat(BAR - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn the_bar_fills_with_the_files_done() {
        assert_eq!(
            bar(0, 4, "a.txt"),
            format!("[{}]   0/4  a.txt", "-".repeat(24))
        );
        assert_eq!(
            bar(2, 4, "b.json"),
            format!("[{}{}]   2/4  b.json", "#".repeat(12), "-".repeat(12))
        );
        assert_eq!(bar(0, 0, ""), format!("[{}]   0/0  ", "-".repeat(24)));
        assert!(bar(1, 2, &"x".repeat(100)).ends_with(&format!("…{}", "x".repeat(59))));
    }
}
