//! Reading the international results files (`results.csv`, `goalscorers.csv`,
//! `shootouts.csv`, `former_names.csv`) into typed rows. A row whose structure cannot be read
//! (a missing column, a date or score that is not one) refuses the file with its line; what
//! the rows mean together is the writer's business.

use chrono::NaiveDate;

use crate::import::ParseError;

/// A match: `date,home_team,away_team,home_score,away_score,tournament,city,country,neutral`.
/// The score is after extra time, without the shootout; none for a fixture not played yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub line: usize,
    pub date: NaiveDate,
    pub home: String,
    pub away: String,
    pub score: Option<(i32, i32)>,
    pub tournament: String,
    pub city: String,
    pub country: String,
    pub neutral: bool,
}

/// A goal: `date,home_team,away_team,team,scorer,minute,own_goal,penalty`; the team is the
/// one credited (an own goal's scorer plays for the other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorerRow {
    pub line: usize,
    pub date: NaiveDate,
    pub home: String,
    pub away: String,
    pub team: String,
    pub scorer: Option<String>,
    pub minute: Option<i32>,
    pub own_goal: bool,
    pub penalty: bool,
}

/// A shootout: `date,home_team,away_team,winner,first_shooter` (the tally is not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShootoutRow {
    pub line: usize,
    pub date: NaiveDate,
    pub home: String,
    pub away: String,
    pub winner: String,
    pub first_shooter: Option<String>,
}

/// A former name: `current,former,start_date,end_date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormerNameRow {
    pub line: usize,
    pub current: String,
    pub former: String,
    pub from: NaiveDate,
    pub until: NaiveDate,
}

pub fn results(text: &str) -> Result<Vec<ResultRow>, ParseError> {
    rows(text, RESULTS_HEADER, |line, f| {
        Ok(ResultRow {
            line,
            date: date(&f[0])?,
            home: name(&f[1])?,
            away: name(&f[2])?,
            score: score(&f[3], &f[4])?,
            tournament: name(&f[5])?,
            city: f[6].clone(),
            country: f[7].clone(),
            neutral: flag(&f[8])?,
        })
    })
}

pub fn scorers(text: &str) -> Result<Vec<ScorerRow>, ParseError> {
    rows(text, SCORERS_HEADER, |line, f| {
        Ok(ScorerRow {
            line,
            date: date(&f[0])?,
            home: name(&f[1])?,
            away: name(&f[2])?,
            team: name(&f[3])?,
            scorer: optional(&f[4]).map(str::to_owned),
            minute: optional(&f[5])
                .map(|m| minute(m).ok_or_else(|| format!("a minute such as 44, not `{m}`")))
                .transpose()?,
            own_goal: flag(&f[6])?,
            penalty: flag(&f[7])?,
        })
    })
}

pub fn shootouts(text: &str) -> Result<Vec<ShootoutRow>, ParseError> {
    rows(text, SHOOTOUTS_HEADER, |line, f| {
        Ok(ShootoutRow {
            line,
            date: date(&f[0])?,
            home: name(&f[1])?,
            away: name(&f[2])?,
            winner: name(&f[3])?,
            first_shooter: optional(&f[4]).map(str::to_owned),
        })
    })
}

pub fn former_names(text: &str) -> Result<Vec<FormerNameRow>, ParseError> {
    rows(text, FORMER_HEADER, |line, f| {
        Ok(FormerNameRow {
            line,
            current: name(&f[0])?,
            former: name(&f[1])?,
            from: date(&f[2])?,
            until: date(&f[3])?,
        })
    })
}

pub const RESULTS_HEADER: &str =
    "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral";
pub const SCORERS_HEADER: &str = "date,home_team,away_team,team,scorer,minute,own_goal,penalty";
pub const SHOOTOUTS_HEADER: &str = "date,home_team,away_team,winner,first_shooter";
pub const FORMER_HEADER: &str = "current,former,start_date,end_date";

/// Reads every row after the header, which must be `header`; blank lines are passed over.
fn rows<T>(
    text: &str,
    header: &str,
    read: impl Fn(usize, &[String]) -> Result<T, String>,
) -> Result<Vec<T>, ParseError> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_start_matches('\u{feff}').trim() == header => {}
        _ => return Err(ParseError::new(1, format!("the header `{header}`"))),
    }
    let columns = header.split(',').count();
    let mut out = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields = crate::csv_line::split(line).map_err(|e| ParseError::new(n, e))?;
        if fields.len() != columns {
            return Err(ParseError::new(
                n,
                format!("{columns} columns ({header}), not {}", fields.len()),
            ));
        }
        out.push(read(n, &fields).map_err(|e| ParseError::new(n, e))?);
    }
    Ok(out)
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("a date such as 1872-11-30, not `{text}`"))
}

fn name(text: &str) -> Result<String, String> {
    match text {
        "" => Err("a name, not an empty field".into()),
        t => Ok(t.to_owned()),
    }
}

fn optional(text: &str) -> Option<&str> {
    Some(text).filter(|t| !t.is_empty() && *t != "NA")
}

fn score(home: &str, away: &str) -> Result<Option<(i32, i32)>, String> {
    let goals = |t: &str| {
        t.parse::<i32>()
            .ok()
            .filter(|g| (0..=99).contains(g))
            .ok_or_else(|| format!("a number of goals, not `{t}`"))
    };
    match (optional(home), optional(away)) {
        (None, None) => Ok(None),
        (Some(h), Some(a)) => Ok(Some((goals(h)?, goals(a)?))),
        _ => Err("both scores, or NA for both".into()),
    }
}

fn minute(text: &str) -> Option<i32> {
    text.parse::<i32>().ok().filter(|m| (1..=130).contains(m))
}

fn flag(text: &str) -> Result<bool, String> {
    match text {
        "TRUE" => Ok(true),
        "FALSE" => Ok(false),
        other => Err(format!("TRUE or FALSE, not `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &str =
        "date,home_team,away_team,home_score,away_score,tournament,city,country,neutral\n\
        1872-11-30,Scotland,England,0,0,Friendly,Glasgow,Scotland,FALSE\n\
        1977-10-06,United States,China,1,1,Friendly,\"Washington, D.C.\",United States,FALSE\n\
        2026-12-01,Spain,Italy,NA,NA,Friendly,Madrid,Spain,FALSE\n";

    #[test]
    fn reads_results_with_quoted_places_and_fixtures_not_played() {
        let rows = results(RESULTS).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].home, "Scotland");
        assert_eq!(rows[0].score, Some((0, 0)));
        assert_eq!(rows[1].city, "Washington, D.C.");
        assert_eq!(rows[1].country, "United States");
        assert_eq!(rows[2].score, None);
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn a_bad_row_is_refused_with_its_line() {
        let bad = RESULTS.replace("Scotland,England,0,0", "Scotland,England,x,0");
        let e = results(&bad).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("number of goals"), "{}", e.message);
        let short = format!("{RESULTS_HEADER}\n1872-11-30,Scotland,England\n");
        assert_eq!(results(&short).unwrap_err().line, 2);
        assert_eq!(results("nonsense\n").unwrap_err().line, 1);
    }

    #[test]
    fn reads_scorers_with_unknown_minutes_and_flags() {
        let text = format!(
            "{SCORERS_HEADER}\n2022-12-18,Argentina,France,Argentina,Lionel Messi,23,FALSE,TRUE\n\
             1930-07-13,France,Mexico,France,Lucien Laurent,NA,FALSE,FALSE\n"
        );
        let rows = scorers(&text).unwrap();
        assert_eq!(rows[0].minute, Some(23));
        assert!(rows[0].penalty && !rows[0].own_goal);
        assert_eq!(rows[1].minute, None);
        let bad = text.replace("TRUE\n", "maybe\n");
        assert_eq!(scorers(&bad).unwrap_err().line, 2);
    }

    #[test]
    fn reads_shootouts_and_former_names() {
        let s = format!("{SHOOTOUTS_HEADER}\n2022-12-18,Argentina,France,Argentina,France\n");
        let rows = shootouts(&s).unwrap();
        assert_eq!(rows[0].winner, "Argentina");
        assert_eq!(rows[0].first_shooter.as_deref(), Some("France"));
        let f = format!("{FORMER_HEADER}\nNorthern Ireland,Ireland,1882-02-18,1956-04-11\n");
        let rows = former_names(&f).unwrap();
        assert_eq!(rows[0].former, "Ireland");
        assert_eq!(rows[0].until, NaiveDate::from_ymd_opt(1956, 4, 11).unwrap());
    }

    #[test]
    fn mangled_files_never_panic() {
        let real = format!(
            "{RESULTS}{}",
            "1873-03-08,England,Scotland,4,2,Friendly,London,England,FALSE\n"
        );
        let pieces = ["\"", ",", "NA", "\n", "TRUE", "-", "1999-13-40"];
        for text in crate::import::mutations(&real, &pieces, 7, 300) {
            let _ = results(&text);
            let _ = scorers(&text);
            let _ = shootouts(&text);
            let _ = former_names(&text);
        }
    }
}
