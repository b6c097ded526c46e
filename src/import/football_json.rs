//! football.json (`worldcup.json`, `euro.json`, ...): a tournament's matches with round,
//! group, date and time, ground, score (ht, ft, et, p) and goals (minute, stoppage offset,
//! penalty, own goal). No line-ups or squads: scorers are named as written.
//!
//! Read into the seed form like every other source. A file that is not valid JSON, or whose
//! values have the wrong shape, is refused with serde_json's line and column; a value that
//! has the right shape but cannot be true (an unknown team, a minute of "x") with the line of
//! its match.

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::Deserialize;

use super::format::{
    GoalSeed, GroupSeed, LineupsSeed, MatchSeed, PlayerRef, ScoreSeed, StageSeed, TeamSeed,
    VenueSeed,
};
use super::{teams, ParseError};
use crate::tournament::StageKind;

/// A tournament as football.json tells it, in the seed form, with where each match is written.
pub struct JsonTournament {
    /// As the file names it, e.g. "World Cup 2014".
    pub title: String,
    pub year: i32,
    pub teams: Vec<TeamSeed>,
    pub venues: Vec<VenueSeed>,
    pub stages: Vec<StageSeed>,
    /// In the order of the file.
    pub matches: Vec<MatchSeed>,
    /// The line each match starts on, by index into `matches`.
    pub lines: Vec<usize>,
}

/// Whether a JSON document is football.json: an object with a name and matches or rounds.
pub fn recognise(value: &serde_json::Value) -> bool {
    value.get("name").is_some_and(|n| n.is_string())
        && (value.get("matches").is_some() || value.get("rounds").is_some())
}

#[derive(Deserialize)]
struct File {
    name: String,
    #[serde(default)]
    matches: Vec<Match>,
    /// Older files put matches inside named rounds.
    #[serde(default)]
    rounds: Vec<Round>,
}

#[derive(Deserialize)]
struct Round {
    name: String,
    matches: Vec<Match>,
}

#[derive(Deserialize)]
struct Match {
    round: Option<String>,
    date: NaiveDate,
    time: Option<String>,
    team1: TeamName,
    team2: TeamName,
    score: Option<Score>,
    #[serde(default)]
    goals1: Vec<Goal>,
    #[serde(default)]
    goals2: Vec<Goal>,
    group: Option<String>,
    ground: Option<String>,
    /// e.g. "canceled": a match not played (Austria withdrew in 1938).
    status: Option<String>,
}

/// A team by name, or (older files) an object with its name and code.
#[derive(Deserialize)]
#[serde(untagged)]
enum TeamName {
    Name(String),
    Object { name: String, code: Option<String> },
}

impl TeamName {
    fn name(&self) -> &str {
        match self {
            Self::Name(n) | Self::Object { name: n, .. } => n,
        }
    }

    /// The file's own FIFA code for the team, where it gives a well-formed one.
    fn code(&self) -> Option<String> {
        match self {
            Self::Object { code: Some(c), .. } if teams::is_code(c.trim()) => {
                Some(c.trim().to_owned())
            }
            _ => None,
        }
    }
}

/// `{"ft": [3, 1], "ht": [1, 1]}`, or just the final score `[2, 0]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Score {
    Parts {
        ht: Option<[i32; 2]>,
        ft: Option<[i32; 2]>,
        et: Option<[i32; 2]>,
        p: Option<[i32; 2]>,
    },
    Final([i32; 2]),
}

#[derive(Deserialize)]
struct Goal {
    name: String,
    minute: Minute,
    offset: Option<i32>,
    #[serde(default)]
    penalty: bool,
    #[serde(default)]
    owngoal: bool,
}

/// `113`, `"9"` or `"90+4"` (newer files write the stoppage offset into the minute).
#[derive(Deserialize)]
#[serde(untagged)]
enum Minute {
    Number(i32),
    Text(String),
}

impl Minute {
    fn read(&self) -> Option<(i32, i32)> {
        match self {
            Self::Number(n) => Some((*n, 0)),
            Self::Text(t) => {
                let (m, o) = t.trim().split_once('+').unwrap_or((t.trim(), "0"));
                Some((m.trim().parse().ok()?, o.trim().parse().ok()?))
            }
        }
    }
}

fn json_error(e: &serde_json::Error) -> ParseError {
    ParseError::new(
        e.line(),
        format!(
            "football.json (an object with `name` and `matches`) at column {}: {}",
            e.column(),
            // serde_json appends " at line L column C"; the location is given already.
            e.to_string()
                .rsplit_once(" at line ")
                .map_or(e.to_string(), |(m, _)| m.to_owned())
        ),
    )
}

pub fn parse(text: &str) -> Result<JsonTournament, ParseError> {
    let file: File = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    let lines = match_lines(text);
    let year = file
        .name
        .split_whitespace()
        .filter_map(|w| w.parse::<i32>().ok())
        .next_back();
    let mut all: Vec<(Option<String>, Match)> =
        file.matches.into_iter().map(|m| (None, m)).collect();
    for round in file.rounds {
        all.extend(
            round
                .matches
                .into_iter()
                .map(|m| (Some(round.name.clone()), m)),
        );
    }
    let year = year
        .or_else(|| all.first().map(|(_, m)| chrono::Datelike::year(&m.date)))
        .ok_or_else(|| ParseError::new(1, "a `name` with the year, or at least one match"))?;
    let mut out = JsonTournament {
        title: file.name,
        year,
        teams: Vec::new(),
        venues: Vec::new(),
        stages: Vec::new(),
        matches: Vec::new(),
        lines: Vec::new(),
    };
    for (i, (round_name, m)) in all.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        // A match that was never played (a withdrawal) is not a match of the tournament.
        if m.status.as_deref().is_some_and(|s| s != "played") {
            continue;
        }
        let seed = out
            .read_match(m, round_name)
            .map_err(|e| ParseError::new(line, e))?;
        out.matches.push(seed);
        out.lines.push(line);
    }
    Ok(out)
}

impl JsonTournament {
    fn read_match(&mut self, m: Match, round_name: Option<String>) -> Result<MatchSeed, String> {
        let home = self.team(&m.team1)?;
        let away = self.team(&m.team2)?;
        let round = m.round.or(round_name).unwrap_or_default();
        let (stage, group) = self.stage(&round, m.group.as_deref())?;
        let kickoff = kickoff(m.date, m.time.as_deref())?;
        let venue = m.ground.as_deref().map(|g| self.venue(g));
        let (ht, ft, et, pen) = match m.score {
            Some(Score::Parts { ht, ft, et, p }) => (ht, ft, et, p),
            Some(Score::Final(ft)) => (None, Some(ft), None, None),
            None => (None, None, None, None),
        };
        // A file may give only the score after extra time: the 90-minute score is then
        // unknown, and the writer must not mistake it for one.
        if ft.is_none() && et.is_some() {
            return Err("a full-time score `ft` beside `et`".into());
        }
        let mut goals = Vec::with_capacity(m.goals1.len() + m.goals2.len());
        for (team, list) in [(&home, m.goals1), (&away, m.goals2)] {
            for g in list {
                let (minute, stoppage) = g
                    .minute
                    .read()
                    .filter(|(m, o)| (1..=130).contains(m) && (0..=30).contains(o))
                    .ok_or_else(|| {
                        format!("a minute such as 90 or \"90+4\" for {}'s goal", g.name)
                    })?;
                // Some files count stoppage on ("121" for 120+1): past the end of play, a
                // minute is stoppage time of the last period.
                let last = if et.is_some() { 120 } else { 90 };
                let (minute, stoppage) = match minute > last {
                    true if stoppage == 0 => (last, minute - last),
                    _ => (minute, stoppage),
                };
                goals.push(GoalSeed {
                    team: team.clone(),
                    scorer: PlayerRef::Name(g.name.trim().to_owned()),
                    minute,
                    offset: g.offset.unwrap_or(stoppage),
                    penalty: g.penalty,
                    own_goal: g.owngoal,
                });
            }
        }
        // Files list each team's goals in turn; the writer wants them in the order scored.
        goals.sort_by_key(|g| (g.minute, g.offset));
        Ok(MatchSeed {
            number: 0,
            stage,
            group,
            kickoff: Some(kickoff),
            venue,
            attendance: None,
            home,
            away,
            extra_time: et.is_some(),
            score: ScoreSeed { ht, ft, et, pen },
            officials: Vec::new(),
            lineups: LineupsSeed {
                home: Vec::new(),
                away: Vec::new(),
            },
            goals,
            cards: Vec::new(),
            substitutions: Vec::new(),
            shootout: None,
        })
    }

    /// The team's key: the file's own code where it gives one, else the code goalline knows
    /// for the name, else the name.
    fn team(&mut self, team: &TeamName) -> Result<String, String> {
        let name = team.name().trim();
        if name.is_empty() {
            return Err("a team name".into());
        }
        let key = match team.code() {
            Some(code) => code,
            None => teams::team_key(name),
        };
        if !self.teams.iter().any(|t| t.code == key) {
            self.teams.push(TeamSeed {
                code: key.clone(),
                name: name.to_owned(),
            });
        }
        Ok(key)
    }

    /// A match with a group belongs to its tournament's group stage (play-offs inside a group,
    /// 1958, included); every other round is a knockout stage of its own.
    fn stage(
        &mut self,
        round: &str,
        group: Option<&str>,
    ) -> Result<(String, Option<String>), String> {
        let play_off_group = round
            .strip_suffix(" Play-off")
            .filter(|g| g.starts_with("Group"));
        let group = group.or(play_off_group);
        let (name, kind) = match group {
            Some(_) => ("Group stage", StageKind::Group),
            None => (
                round,
                round_kind(round).ok_or_else(|| format!("a known round, not `{round}`"))?,
            ),
        };
        let index = match self.stages.iter().position(|s| s.key == name) {
            Some(i) => i,
            None => {
                self.stages.push(StageSeed {
                    key: name.to_owned(),
                    name: name.to_owned(),
                    kind,
                    groups: Vec::new(),
                });
                self.stages.len() - 1
            }
        };
        if let Some(g) = group {
            let groups = &mut self.stages[index].groups;
            if !groups.iter().any(|x| x.name == g) {
                groups.push(GroupSeed {
                    name: g.to_owned(),
                    teams: Vec::new(),
                });
            }
        }
        Ok((name.to_owned(), group.map(str::to_owned)))
    }

    /// `Estadio Centenario, Montevideo`: name and city; a ground without a comma is a city.
    fn venue(&mut self, ground: &str) -> String {
        let key = ground.trim().to_owned();
        if !self.venues.iter().any(|v| v.key == key) {
            let (name, city) = key.rsplit_once(", ").unwrap_or((&key, ""));
            self.venues.push(VenueSeed {
                key: key.clone(),
                name: name.trim().to_owned(),
                city: city.trim().to_owned(),
                country: teams::world_cup_host(self.year).unwrap_or("").to_owned(),
                capacity: None,
            });
        }
        key
    }

    /// Fills each group's teams from its matches (the file lists no groups of its own).
    pub fn fill_groups(&mut self) {
        for m in &self.matches {
            let Some(g) = &m.group else { continue };
            let Some(stage) = self.stages.iter_mut().find(|s| s.key == m.stage) else {
                continue;
            };
            if let Some(group) = stage.groups.iter_mut().find(|x| &x.name == g) {
                for team in [&m.home, &m.away] {
                    if !group.teams.contains(team) {
                        group.teams.push(team.clone());
                    }
                }
            }
        }
    }
}

/// Rounds as football.json names them, and what kind of round each is.
pub fn round_kind(round: &str) -> Option<StageKind> {
    let round = round.strip_suffix(", Replays").unwrap_or(round);
    Some(match round.to_ascii_lowercase().as_str() {
        "final round" => StageKind::FinalRound,
        "first round" | "preliminary round" | "round of 16" => StageKind::RoundOf16,
        "round of 32" => StageKind::RoundOf32,
        "quarter-final" | "quarter-finals" | "quarterfinals" => StageKind::QuarterFinal,
        "semi-final" | "semi-finals" | "semifinals" => StageKind::SemiFinal,
        "match for third place"
        | "third place match"
        | "third-place match"
        | "third place play-off"
        | "third-place play-off" => StageKind::ThirdPlace,
        "final" => StageKind::Final,
        _ => return None,
    })
}

/// `17:00 UTC-3` at the match's date. A time without a UTC offset is local time with the
/// offset unknown; it is recorded at UTC+0, as the full reports do.
fn kickoff(date: NaiveDate, time: Option<&str>) -> Result<chrono::DateTime<FixedOffset>, String> {
    let expected = || format!("a time such as \"17:00 UTC-3\", not {time:?}");
    let mut parts = time.unwrap_or("").split_whitespace();
    let clock = match parts.next() {
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| expected())?,
        None => NaiveTime::default(),
    };
    let offset_minutes = match parts.next() {
        None => 0,
        Some(utc) => utc_offset(utc).ok_or_else(expected)?,
    };
    FixedOffset::east_opt(offset_minutes * 60)
        .and_then(|o| o.from_local_datetime(&date.and_time(clock)).single())
        .ok_or_else(expected)
}

/// `UTC-3`, `UTC+5:30`, `UTC±0`, `CET` (UTC+1) as minutes east of UTC.
fn utc_offset(text: &str) -> Option<i32> {
    match text {
        "CET" => return Some(60),
        "CEST" => return Some(120),
        _ => {}
    }
    let rest = text.strip_prefix("UTC")?;
    if rest.is_empty() || rest == "±0" {
        return Some(0);
    }
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let (h, m) = rest[1..].split_once(':').unwrap_or((&rest[1..], "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// The line of each match's `"team1"`, in file order: where to point a reader at a match.
fn match_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for _ in line.matches("\"team1\"") {
            lines.push(n + 1);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/openfootball");

    fn real(year: u32) -> Option<String> {
        std::fs::read_to_string(format!("{DIR}/worldcup.json/{year}/worldcup.json")).ok()
    }

    #[test]
    fn reads_the_2014_final() {
        let Some(text) = real(2014) else { return };
        let t = parse(&text).unwrap();
        assert_eq!((t.title.as_str(), t.year), ("World Cup 2014", 2014));
        assert_eq!(t.matches.len(), 64);
        let i = t.matches.iter().position(|m| m.stage == "Final").unwrap();
        let fin = &t.matches[i];
        assert_eq!((fin.home.as_str(), fin.away.as_str()), ("GER", "ARG"));
        assert_eq!((fin.score.ft, fin.score.et), (Some([0, 0]), Some([1, 0])));
        assert_eq!(fin.goals.len(), 1);
        assert_eq!(fin.goals[0].scorer, PlayerRef::Name("Mario Götze".into()));
        assert_eq!(fin.goals[0].minute, 113);
        assert_eq!(
            fin.kickoff.unwrap().to_rfc3339(),
            "2014-07-13T16:00:00-03:00"
        );
        assert_eq!(
            text.lines()
                .nth(t.lines[i] - 1)
                .map(|l| l.contains("Germany")),
            Some(true)
        );
        // Algeria's goal in the last minute of extra time against Germany, written "121".
        let alg = t
            .matches
            .iter()
            .find(|m| m.away == "ALG" && m.score.et.is_some())
            .unwrap();
        let late = alg.goals.iter().find(|g| g.team == "ALG").unwrap();
        assert_eq!((late.minute, late.offset), (120, 1));
        // Brazil v Croatia: Marcelo's own goal is credited to Croatia.
        let own = t.matches[0].goals.iter().find(|g| g.own_goal).unwrap();
        assert_eq!((own.team.as_str(), own.minute), ("CRO", 11));
    }

    #[test]
    fn stoppage_time_written_into_the_minute() {
        assert_eq!(Minute::Text("90+4".into()).read(), Some((90, 4)));
        assert_eq!(Minute::Text("9".into()).read(), Some((9, 0)));
        assert_eq!(Minute::Number(113).read(), Some((113, 0)));
        assert_eq!(Minute::Text("x".into()).read(), None);
        assert_eq!(utc_offset("UTC±0"), Some(0));
        assert_eq!(utc_offset("UTC+5:30"), Some(330));
        assert_eq!(utc_offset("CET"), Some(60));
    }

    #[test]
    fn malformed_files_are_refused_with_their_line() {
        let e = parse("{\"name\": \"World Cup 2030\",\n \"matches\": [\n  {\"date\": 7}]}")
            .err()
            .unwrap();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("column"), "{}", e.message);
        let text = "{\"name\": \"World Cup 2030\", \"matches\": [\n{\"round\": \"Final\", \"date\": \"2030-07-21\",\n \"team1\": \"\", \"team2\": \"Spain\"}]}";
        let e = parse(text).err().unwrap();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("team name"), "{}", e.message);
    }

    #[test]
    fn teams_come_from_the_file_with_its_own_codes() {
        let text = r#"{"name": "Copa 2030", "matches": [
            {"round": "Final", "date": "2030-07-21",
             "team1": {"name": "Atlantis", "code": "ATL"}, "team2": "Sweden", "score": {"ft": [1, 0]}},
            {"round": "Final", "date": "2030-07-22", "team1": "Lemuria", "team2": "Spain"}]}"#;
        let t = parse(text).unwrap();
        let keys: Vec<(&str, &str)> = t
            .teams
            .iter()
            .map(|t| (t.code.as_str(), t.name.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("ATL", "Atlantis"),
                ("SWE", "Sweden"),
                ("Lemuria", "Lemuria"),
                ("ESP", "Spain")
            ]
        );
    }

    /// Deterministic pseudo-random edits of a real file, as for the Football.TXT parser:
    /// every result is a value or an error, never a panic.
    #[test]
    fn mangled_files_never_panic() {
        let Some(text) = real(2014) else { return };
        let pieces = [
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "-1",
            "\"90+\"",
            "null",
            "1e99",
            "\"+\"",
            "é",
            "\"et\": [1]",
            "\"minute\": \"\"",
            "\"time\": \"25:99 UTC+99\"",
        ];
        for mangled in crate::import::mutations(&text, &pieces, 0x2545_F491_4F6C_DD1D, 400) {
            let _ = parse(&mangled);
        }
    }
}
