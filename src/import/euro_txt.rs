//! openfootball's plain Football.TXT files of the UEFA European Championship
//! (`euro/YYYY--host/euro.txt`, 1960 to 2024) and the squad lists beside the 2021 and 2024
//! ones (`squads/*.txt`).
//!
//! Why a reader of its own: the files were written over many years and in several styles. A
//! match may be `France v Yugoslavia 4-5 @ Parc des Princes, Paris` (score after the teams,
//! venue as stadium then city), `June 14 20:00 @ Antwerpen, Bosuil` with the teams on the next
//! line (a venue before the teams is city then stadium), `June 10 @ Düsseldorf   West Germany
//! 1-1 Italy`, or `15:00 (17:00 UTC+4)  Wales  1-1 (0-0)  Switzerland  @ Baku`. Results come as
//! `2-1 a.e.t.`, `2-2 a.e.t., 5-3 pen.`, `4-5 pen. 1-1 a.e.t. (0-0)` (score after 90 minutes,
//! and after 45), `1-1 (aet, 4-2 pen)` or `(aet/gg)`; scorers as `(Heutte 43', 62'; Galić 11')`
//! or `(G.Müller 24, 71; Kü 53pen, Ondrus 77og)`, over one or more lines. Own goals are listed
//! with the team they counted for. Line-ups and shootouts (`Germany: ...`, `Penalties: ...`)
//! are passed over; dates without a time, and matches without a date (1984, 1992 group
//! stages), are kept as they are.
//!
//! A line whose structure cannot be read is an error naming it. A fact that contradicts
//! another (scorers that do not add up to the score) is not: the match keeps its score, loses
//! its scorers, and a warning says why. Fixtures not played yet (2028) are skipped.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Offset, TimeZone, Utc};

use super::football_json::JsonTournament;
use super::format::{
    GoalSeed, GroupSeed, LineupsSeed, MatchSeed, PersonSeed, PlayerRef, PlayerSeed, ScoreSeed,
    StageSeed, TeamSeed, VenueSeed,
};
use super::teams::team_key;
use super::ParseError;
use crate::tournament::StageKind;

/// A score, home first.
type Pair = [i32; 2];

const GROUP_STAGE: &str = "Group stage";
const RESULT: &str =
    "a result such as `2-1`, `2-1 (1-0)`, `1-1 a.e.t. (1-1, 0-0)` or `4-2 pen. 1-1 a.e.t.`";

/// One team's squad list (`squads/england.txt`), the team named by its key.
#[derive(Debug)]
pub struct SquadList {
    pub team: String,
    /// A line with position `MG`; the EURO lists have none.
    pub coach: Option<PersonSeed>,
    pub players: Vec<PlayerSeed>,
}

/// Reads one `euro.txt`: the tournament in the seed form, and warnings (`line N: match A v B:
/// what`) about facts that contradict each other and were dropped or left unknown.
pub fn parse(text: &str) -> Result<(JsonTournament, Vec<String>), ParseError> {
    let mut parser = Parser::default();
    for (i, raw) in text.lines().enumerate() {
        parser.line(i + 1, &raw.replace('\t', "    "))?;
    }
    parser.finish(text.lines().count().max(1))
}

/// Reads one squad list: `= England - Euro 2021`, then `1, Jordan Pickford, GK, 31/0, b.
/// 1994, Everton F.C. (ENG)` per player. Birth years alone give no birth date; caps, goals
/// and clubs are not kept.
pub fn parse_squad(text: &str) -> Result<SquadList, ParseError> {
    let mut team = None;
    let mut coach = None;
    let mut players = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = split_comment(raw).0.trim();
        if line.is_empty() || line.chars().all(|c| c == '=') {
            continue;
        }
        if let Some(heading) = line.strip_prefix('=') {
            if team.is_some() {
                return Err(ParseError::new(n, "one team per squad file"));
            }
            team = Some(squad_heading(n, heading)?);
            continue;
        }
        if team.is_none() {
            return Err(ParseError::new(
                n,
                "a heading such as `= England - Euro 2024` first",
            ));
        }
        squad_member(n, line, &mut coach, &mut players)?;
    }
    let team =
        team.ok_or_else(|| ParseError::new(1, "a heading such as `= England - Euro 2024`"))?;
    Ok(SquadList {
        team,
        coach,
        players,
    })
}

/// `England - Euro 2021`: the team's key.
fn squad_heading(n: usize, heading: &str) -> Result<String, ParseError> {
    let name = heading.split(" - ").next().unwrap_or("").trim();
    match team_name_ok(name) {
        true => Ok(team_key(name)),
        false => Err(ParseError::new(
            n,
            format!("a heading such as `= England - Euro 2024`, not `={heading}`"),
        )),
    }
}

/// `13, Aaron Ramsdale, GK, 0/0, b. 1998, Sheffield United F.C. (ENG)`, or a coach (`-, Name
/// (ENG), MG, ...`).
fn squad_member(
    n: usize,
    line: &str,
    coach: &mut Option<PersonSeed>,
    players: &mut Vec<PlayerSeed>,
) -> Result<(), ParseError> {
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let expected = || ParseError::new(n, format!("`NUMBER, NAME, POSITION, ...`, not `{line}`"));
    let [number, name, position, ..] = fields.as_slice() else {
        return Err(expected());
    };
    if name.is_empty() || name.chars().any(|c| c.is_ascii_digit()) {
        return Err(expected());
    }
    let birth_date = fields.iter().find_map(|f| f.strip_prefix("b.")).map(birth);
    let birth_date = birth_date
        .transpose()
        .map_err(|f| ParseError::new(n, format!("a birth year such as `b. 1994`, not `b.{f}`")))?
        .flatten();
    if *position == "MG" {
        *coach = Some(coach_person(name, birth_date));
        return Ok(());
    }
    if !["GK", "DF", "MF", "FW"].contains(position) {
        return Err(ParseError::new(
            n,
            format!("a position GK, DF, MF or FW, not `{position}`"),
        ));
    }
    players.push(PlayerSeed {
        shirt: shirt(n, number)?,
        name: (*name).to_owned(),
        known_as: None,
        position: Some((*position).to_owned()),
        birth_date,
        status: "SELECTED".to_owned(),
        status_note: None,
    });
    Ok(())
}

/// `1994` (no date) or `1994/06/30`; the text back if it is neither.
fn birth(text: &str) -> Result<Option<NaiveDate>, &str> {
    let t = text.trim();
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y/%m/%d")
        .map(Some)
        .map_err(|_| text)
}

fn shirt(n: usize, number: &str) -> Result<Option<i32>, ParseError> {
    if number.is_empty() || number == "-" {
        return Ok(None);
    }
    number
        .parse::<i32>()
        .ok()
        .filter(|s| (1..=99).contains(s))
        .map(Some)
        .ok_or_else(|| ParseError::new(n, format!("a shirt number from 1 to 99, not `{number}`")))
}

/// `Gareth Southgate (ENG)`: the name and the country code in brackets.
fn coach_person(name: &str, birth_date: Option<NaiveDate>) -> PersonSeed {
    let (name, nationality) = match name.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        Some((name, code)) => (name.trim(), Some(code.trim().to_owned())),
        None => (name, None),
    };
    PersonSeed {
        name: name.to_owned(),
        birth_date,
        nationality,
    }
}

/// The round being read: its stage key and kind, and the group for a group round.
struct Round {
    key: String,
    kind: StageKind,
    group: Option<String>,
}

/// A kick-off time, with the local time and offset when the file gives them in brackets.
#[derive(Clone, Copy)]
struct Clock {
    time: NaiveTime,
    local: Option<(NaiveTime, FixedOffset)>,
}

/// A match read but not yet checked against its scorers.
struct OpenMatch {
    seed: MatchSeed,
    line: usize,
    names: (String, String),
    /// Scorers may follow only right after the match line.
    accepts_goals: bool,
}

/// What the lines being read belong to.
#[derive(Default)]
enum Block {
    #[default]
    None,
    /// Scorers in brackets not closed yet: the line they start on and the text so far.
    Goals(usize, String),
    /// A line-up or shootout whose last line ended with `,` or `-`: the next line goes on.
    Listing,
}

#[derive(Default)]
struct Parser {
    title: Option<(String, i32)>,
    /// The year the matches were played (2021 for Euro 2020).
    played_year: i32,
    offset: Option<FixedOffset>,
    teams: Vec<TeamSeed>,
    venues: Vec<VenueSeed>,
    stages: Vec<StageSeed>,
    matches: Vec<MatchSeed>,
    lines: Vec<usize>,
    warnings: Vec<String>,
    round: Option<Round>,
    date: Option<NaiveDate>,
    clock: Option<Clock>,
    /// Groups listed at the top (`Group A | ...`), whose matches must be between their teams.
    listed_groups: Vec<String>,
    /// A venue written before its match's teams (`June 14 20:00 @ Antwerpen, Bosuil`).
    pending_venue: Option<(usize, String)>,
    open: Option<OpenMatch>,
    block: Block,
}

impl Parser {
    fn line(&mut self, n: usize, raw: &str) -> Result<(), ParseError> {
        let (content, comment) = split_comment(raw);
        let before_matches = self.open.is_none() && self.matches.is_empty();
        if let (Some(c), None, true) = (comment, self.offset, before_matches) {
            self.offset = header_offset(c);
        }
        match std::mem::take(&mut self.block) {
            Block::Goals(start, text) => return self.goals_text(start, text + " " + content),
            Block::Listing if !content.trim().is_empty() => {
                self.block = listing_goes_on(content);
                return Ok(());
            }
            _ => {}
        }
        let t = content.trim();
        if t.is_empty() {
            Ok(())
        } else if t.starts_with('=') {
            self.title_line(n, t)
        } else if let Some(name) = t.strip_prefix('▪') {
            self.round_line(n, name.trim())
        } else if t.starts_with("Group") && t.contains('|') {
            self.group_line(n, t)
        } else if t.starts_with('(') && match_number(t).is_none() {
            self.goals_start(n, t)
        } else if is_label(t) {
            self.listing_start(n, t)
        } else {
            self.schedule_line(n, t)
        }
    }

    fn finish(mut self, last: usize) -> Result<(JsonTournament, Vec<String>), ParseError> {
        if let Block::Goals(start, _) = self.block {
            return Err(ParseError::new(start, "a `)` closing these scorers"));
        }
        if let Some((line, _)) = self.pending_venue {
            return Err(ParseError::new(line, "a match after this venue"));
        }
        self.flush();
        let (title, year) = self
            .title
            .ok_or_else(|| ParseError::new(last, "a title such as `= Euro 2024`"))?;
        if self.offset.is_none() && self.matches.iter().any(|m| m.kickoff.is_some()) {
            self.warnings
                .push("no `UTC+N` in the header: kick-offs recorded at UTC+0".to_owned());
        }
        let tournament = JsonTournament {
            title,
            year,
            teams: self.teams,
            venues: self.venues,
            stages: self.stages,
            matches: self.matches,
            lines: self.lines,
        };
        Ok((tournament, self.warnings))
    }

    /// `= Euro 1960`. The edition played in 2021 is named and counted as Euro 2020.
    fn title_line(&mut self, n: usize, t: &str) -> Result<(), ParseError> {
        if self.title.is_some() {
            return Err(ParseError::new(
                n,
                "one tournament per file, not a second title",
            ));
        }
        let text = t.trim_start_matches('=').trim();
        let (name, year) = text
            .rsplit_once(' ')
            .and_then(|(name, y)| Some((name.trim(), y.parse::<i32>().ok()?)))
            .filter(|(name, y)| !name.is_empty() && (1950..=2100).contains(y))
            .ok_or_else(|| {
                ParseError::new(n, format!("a title such as `= Euro 2024`, not `{t}`"))
            })?;
        let (official, played) = match year {
            2020 | 2021 => (2020, 2021),
            y => (y, y),
        };
        self.title = Some((format!("{name} {official}"), official));
        self.played_year = played;
        Ok(())
    }

    /// `▪ Group A`, `▪ Semi-finals`, `▪ Final, Replay`; `▪ Matchday 1 | ...` is a note of
    /// dates, not a round.
    fn round_line(&mut self, n: usize, name: &str) -> Result<(), ParseError> {
        if name.contains('|') || name.starts_with("Matchday") {
            return Ok(());
        }
        self.round = Some(if name.starts_with("Group ") {
            Round {
                key: GROUP_STAGE.to_owned(),
                kind: StageKind::Group,
                group: Some(name.to_owned()),
            }
        } else {
            let kind = round_kind(name).ok_or_else(|| {
                ParseError::new(
                    n,
                    format!("a round such as `▪ Final` or `▪ Group A`, not `▪ {name}`"),
                )
            })?;
            Round {
                key: name.to_owned(),
                kind,
                group: None,
            }
        });
        Ok(())
    }

    /// `Group A | France  Romania  Albania  Switzerland` (names apart by two spaces or more).
    fn group_line(&mut self, n: usize, t: &str) -> Result<(), ParseError> {
        let (name, list) = t.split_once('|').unwrap_or((t, ""));
        let name = name.trim();
        let names = columns(list);
        if names.is_empty() || names.iter().any(|t| !team_name_ok(t)) {
            return Err(ParseError::new(
                n,
                format!("`{name} | Team  Team  Team  Team`, team names apart by two spaces"),
            ));
        }
        let teams: Vec<String> = names.iter().map(|t| self.team(t)).collect();
        let stage = self.stage(GROUP_STAGE, StageKind::Group);
        if self.stages[stage].groups.iter().any(|g| g.name == name) {
            return Err(ParseError::new(n, format!("`{name}` defined once")));
        }
        self.stages[stage].groups.push(GroupSeed {
            name: name.to_owned(),
            teams,
        });
        self.listed_groups.push(name.to_owned());
        Ok(())
    }

    fn goals_start(&mut self, n: usize, t: &str) -> Result<(), ParseError> {
        if !self.open.as_ref().is_some_and(|m| m.accepts_goals) {
            return Err(ParseError::new(
                n,
                "scorers `(Name 12'; Name 34')` right after their match",
            ));
        }
        self.goals_text(n, t.to_owned())
    }

    /// Scorers so far; read once their brackets close.
    fn goals_text(&mut self, start: usize, text: String) -> Result<(), ParseError> {
        let err = |e: String| ParseError::new(start, e);
        let Some(close) = closing_bracket(&text).map_err(err)? else {
            self.block = Block::Goals(start, text);
            return Ok(());
        };
        if !text[close + 1..].trim().is_empty() {
            return Err(err("nothing after the scorers' closing `)`".to_owned()));
        }
        let Some(open) = self.open.as_mut() else {
            return Err(err("a match before its scorers".to_owned()));
        };
        let inner = text.find('(').and_then(|at| text.get(at + 1..close));
        open.seed.goals = goals(inner.unwrap_or(""), &open.seed).map_err(err)?;
        open.accepts_goals = false;
        Ok(())
    }

    /// `Germany: Neuer - Kimmich, ...` or `Penalties: 1-0 Masny, ...`: passed over.
    fn listing_start(&mut self, n: usize, t: &str) -> Result<(), ParseError> {
        let Some(open) = self.open.as_mut() else {
            return Err(ParseError::new(
                n,
                "a match before its line-ups or shootout",
            ));
        };
        open.accepts_goals = false;
        self.block = listing_goes_on(t);
        Ok(())
    }

    /// `[Weekday] Month Day [HH:MM [(HH:MM ZONE)]] [@ venue] [match]` or a match alone.
    fn schedule_line(&mut self, n: usize, t: &str) -> Result<(), ParseError> {
        let mut rest = t;
        let err = |e: String| ParseError::new(n, e);
        if let Some(date) = take_date(&mut rest, self.played_year).map_err(err)? {
            self.date = Some(date);
            self.clock = None;
        }
        if let Some(clock) = take_clock(&mut rest).map_err(err)? {
            self.clock = Some(clock);
        }
        if let Some(number) = match_number(rest) {
            rest = rest[number..].trim_start();
        }
        let venue = take_venue_before(&mut rest).map_err(err)?;
        if !rest.is_empty() {
            return self.match_line(n, rest, venue);
        }
        if let Some(venue) = venue {
            if let Some((line, _)) = self.pending_venue {
                return Err(ParseError::new(line, "a match after this venue"));
            }
            self.pending_venue = Some((n, venue));
        }
        Ok(())
    }

    /// `home [v] result [v] away [(annotation)] [@ venue]`; a fixture without a result is
    /// skipped.
    fn match_line(
        &mut self,
        n: usize,
        text: &str,
        before: Option<String>,
    ) -> Result<(), ParseError> {
        let (body, after) = match text.split_once('@') {
            Some((body, venue)) => (
                body.trim(),
                Some(venue_text(venue).map_err(|e| ParseError::new(n, e))?),
            ),
            None => (text.trim(), None),
        };
        let Some((home, away, score)) = fixture(body).map_err(|e| ParseError::new(n, e))? else {
            self.flush();
            self.pending_venue = None;
            return Ok(());
        };
        let venue = self.match_venue(n, before, after)?;
        let round = self.round.as_ref().ok_or_else(|| {
            ParseError::new(n, "a round (`▪ Final`, `▪ Group A`) before the first match")
        })?;
        let (key, kind, group) = (round.key.clone(), round.kind, round.group.clone());
        self.flush();
        let kickoff = self.kickoff(n, &home, &away)?;
        let seed = MatchSeed {
            number: 0,
            stage: key.clone(),
            group: group.clone(),
            kickoff,
            venue,
            attendance: None,
            home: self.team(&home),
            away: self.team(&away),
            extra_time: score.et.is_some(),
            score,
            officials: Vec::new(),
            lineups: LineupsSeed {
                home: Vec::new(),
                away: Vec::new(),
            },
            goals: Vec::new(),
            cards: Vec::new(),
            substitutions: Vec::new(),
            shootout: None,
        };
        let stage = self.stage(&key, kind);
        if let Some(group) = group {
            self.group_member(stage, &group, &seed, n, (&home, &away));
        }
        self.open = Some(OpenMatch {
            seed,
            line: n,
            names: (home, away),
            accepts_goals: true,
        });
        Ok(())
    }

    /// The venue written after the teams (`stadium, city`) or before them (`city, stadium`).
    fn match_venue(
        &mut self,
        n: usize,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<Option<String>, ParseError> {
        let before = match (before, self.pending_venue.take()) {
            (Some(_), Some((line, _))) => {
                return Err(ParseError::new(line, "a match after this venue"))
            }
            (Some(v), None) | (None, Some((_, v))) => Some(v),
            (None, None) => None,
        };
        Ok(match (before, after) {
            (Some(_), Some(_)) => return Err(ParseError::new(n, "one venue (`@ ...`) per match")),
            (Some(v), None) => Some(self.venue(&v, true)),
            (None, Some(v)) => Some(self.venue(&v, false)),
            (None, None) => None,
        })
    }

    /// The kick-off at the file's offset, or at the local one given in brackets; a date
    /// without a time is midnight, a match without a date has none.
    fn kickoff(
        &mut self,
        n: usize,
        home: &str,
        away: &str,
    ) -> Result<Option<DateTime<FixedOffset>>, ParseError> {
        let Some(date) = self.date else {
            return match self.clock {
                Some(_) => Err(ParseError::new(n, "a date before the first kick-off time")),
                None => Ok(None),
            };
        };
        let offset = self.offset.unwrap_or_else(|| Utc.fix());
        let time = self.clock.map_or(NaiveTime::MIN, |c| c.time);
        let at = offset
            .from_local_datetime(&date.and_time(time))
            .single()
            .ok_or_else(|| ParseError::new(n, "a real date and time"))?;
        let Some((local, local_offset)) = self.clock.and_then(|c| c.local) else {
            return Ok(Some(at));
        };
        let there = at.with_timezone(&local_offset);
        if there.time() != local {
            self.warn(
                n,
                home,
                away,
                &format!("local time {local} is not {time} at the file's offset"),
            );
        }
        Ok(Some(there))
    }

    /// Checks the open match against its scorers, and keeps it.
    fn flush(&mut self) {
        let Some(mut m) = self.open.take() else {
            return;
        };
        let (home, away) = (m.names.0.as_str(), m.names.1.as_str());
        for problem in score_problems(&m.seed.score) {
            self.warn(m.line, home, away, &problem);
        }
        if let Some(problem) = goals_problem(&m.seed) {
            self.warn(m.line, home, away, &format!("{problem}; scorers dropped"));
            m.seed.goals.clear();
        }
        if let (None, Some(et)) = (m.seed.score.ft, m.seed.score.et) {
            m.seed.score.ft = match (m.seed.goals.is_empty(), et) {
                (false, _) => Some(count(&m.seed, 90)),
                (true, [0, 0]) => Some([0, 0]),
                (true, _) => None,
            };
            if m.seed.score.ft.is_none() {
                let what = "only the score after extra time is given and no scorers: \
                            the score after 90 minutes is unknown";
                self.warn(m.line, home, away, what);
            }
        }
        m.seed.goals.sort_by_key(|g| (g.minute, g.offset));
        self.matches.push(m.seed);
        self.lines.push(m.line);
    }

    fn warn(&mut self, line: usize, home: &str, away: &str, what: &str) {
        self.warnings
            .push(format!("line {line}: match {home} v {away}: {what}"));
    }

    /// The team's key, adding the team on first sight.
    fn team(&mut self, name: &str) -> String {
        let key = team_key(name);
        if !self.teams.iter().any(|t| t.code == key) {
            self.teams.push(TeamSeed {
                code: key.clone(),
                name: name.to_owned(),
            });
        }
        key
    }

    /// The stage's index, adding it on first sight.
    fn stage(&mut self, key: &str, kind: StageKind) -> usize {
        if let Some(i) = self.stages.iter().position(|s| s.key == key) {
            return i;
        }
        self.stages.push(StageSeed {
            key: key.to_owned(),
            name: key.to_owned(),
            kind,
            groups: Vec::new(),
        });
        self.stages.len() - 1
    }

    /// A group listed at the top must hold its matches' teams; one not listed is made of them.
    fn group_member(
        &mut self,
        stage: usize,
        group: &str,
        m: &MatchSeed,
        n: usize,
        names: (&str, &str),
    ) {
        let listed = self.listed_groups.iter().any(|g| g == group);
        let groups = &mut self.stages[stage].groups;
        let index = groups
            .iter()
            .position(|g| g.name == group)
            .unwrap_or_else(|| {
                groups.push(GroupSeed {
                    name: group.to_owned(),
                    teams: Vec::new(),
                });
                groups.len() - 1
            });
        let teams = &mut groups[index].teams;
        let missing: Vec<String> = [&m.home, &m.away]
            .into_iter()
            .filter(|t| !teams.contains(t))
            .cloned()
            .collect();
        if !listed {
            teams.extend(missing);
            return;
        }
        for team in missing {
            self.warn(
                n,
                names.0,
                names.1,
                &format!("{team} is not listed in {group}"),
            );
        }
    }

    /// The venue's key (its text), adding it on first sight.
    fn venue(&mut self, text: &str, city_first: bool) -> String {
        if !self.venues.iter().any(|v| v.key == text) {
            let (name, city) = venue_parts(text, city_first);
            let country = host(self.title.as_ref().map_or(0, |t| t.1));
            self.venues.push(VenueSeed {
                key: text.to_owned(),
                name,
                city,
                country: country.to_owned(),
                capacity: None,
            });
        }
        text.to_owned()
    }
}

/// The country of every venue of an edition with one host; "" for several.
fn host(year: i32) -> &'static str {
    match year {
        1960 | 1984 | 2016 => "France",
        1964 => "Spain",
        1968 | 1980 => "Italy",
        1972 => "Belgium",
        1976 => "Yugoslavia",
        1988 => "West Germany",
        1992 => "Sweden",
        1996 => "England",
        2004 => "Portugal",
        2024 => "Germany",
        _ => "",
    }
}

/// The line before `#`, and the comment.
fn split_comment(raw: &str) -> (&str, Option<&str>) {
    match raw.split_once('#') {
        Some((content, comment)) => (content, Some(comment)),
        None => (raw, None),
    }
}

/// `All times are local, CEST (UTC+2).`: the offset of the times in the file.
fn header_offset(comment: &str) -> Option<FixedOffset> {
    let at = comment.find("UTC")?;
    let tail = &comment[at..];
    let end = tail[3..]
        .find(|c: char| !(c.is_ascii_digit() || "+-:".contains(c)))
        .map_or(tail.len(), |e| e + 3);
    zone_offset(&tail[..end])
}

/// `UTC+4`, `UTC-3`, `UTC+5:30`, or a European zone (`CEST`, `EEST`, `BST`, ...).
fn zone_offset(text: &str) -> Option<FixedOffset> {
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    match text {
        "UTC" | "GMT" | "WET" => return hours(0),
        "CET" | "BST" | "IST" | "WEST" => return hours(1),
        "CEST" | "EET" => return hours(2),
        "EEST" | "MSK" => return hours(3),
        _ => {}
    }
    let rest = text.strip_prefix("UTC")?;
    let sign = match rest.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    let (h, m) = rest[1..].split_once(':').unwrap_or((&rest[1..], "0"));
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 14 || !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn round_kind(name: &str) -> Option<StageKind> {
    let lower = name.to_lowercase();
    if lower.contains("replay") {
        return Some(StageKind::Replay);
    }
    Some(match lower.as_str() {
        "round of 16" | "eighth-finals" => StageKind::RoundOf16,
        "quarter-finals" | "quarter-final" | "quarterfinals" => StageKind::QuarterFinal,
        "semi-finals" | "semi-final" | "semifinals" => StageKind::SemiFinal,
        "third place play-off"
        | "third-place play-off"
        | "third place match"
        | "third-place match"
        | "match for third place" => StageKind::ThirdPlace,
        "final" => StageKind::Final,
        _ => return None,
    })
}

/// Text apart by two spaces or more.
fn columns(text: &str) -> Vec<&str> {
    text.split("  ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn team_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.chars().any(char::is_alphabetic)
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || "()[]@:;".contains(c))
}

/// A word of a scorer's name: `Van`, `B.`, `K.H.Rummenigge`, `O'Shea`.
fn name_word_ok(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && !word
            .chars()
            .any(|c| c.is_ascii_digit() || "()[]@:;".contains(c))
}

/// `Germany:` or `Penalties:` opening a line: a line-up or shootout.
fn is_label(t: &str) -> bool {
    let Some((label, _)) = t.split_once(':') else {
        return false;
    };
    label.chars().next().is_some_and(char::is_alphabetic)
        && label
            .chars()
            .all(|c| c.is_alphabetic() || " .'-".contains(c))
}

/// A listing goes on past a line that ends with `,` or `-`.
fn listing_goes_on(content: &str) -> Block {
    match content.trim_end().ends_with([',', '-']) {
        true => Block::Listing,
        false => Block::None,
    }
}

/// `(37)` opening a fixture: the length to skip.
fn match_number(t: &str) -> Option<usize> {
    let inner = t.strip_prefix('(')?;
    let close = inner.find(')')?;
    inner[..close]
        .chars()
        .all(|c| c.is_ascii_digit())
        .then_some(close + 2)
        .filter(|_| close > 0)
}

/// Where the first `(` of the text is closed, if it is yet.
fn closing_bracket(text: &str) -> Result<Option<usize>, String> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Err("a `(` before this `)`".to_owned()),
            ')' if depth == 1 => return Ok(Some(i)),
            ')' => depth -= 1,
            _ => {}
        }
    }
    Ok(None)
}

/// The first word, and the rest after it.
fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// `July 6`, `Jun 7`, `Th Jun 19`, `Fri Jun 14`.
fn take_date(rest: &mut &str, year: i32) -> Result<Option<NaiveDate>, String> {
    let (first, after) = split_word(rest);
    let weekday = is_weekday(first);
    let (month_word, after) = if weekday {
        split_word(after)
    } else {
        (first, after)
    };
    let Some(month) = month_number(month_word) else {
        return match weekday {
            true => Err(format!("a month after `{first}`")),
            false => Ok(None),
        };
    };
    let (day_word, after) = split_word(after);
    let day = day_word
        .trim_end_matches(',')
        .parse::<u32>()
        .map_err(|_| format!("a day after `{month_word}`, not `{day_word}`"))?;
    if year == 0 {
        return Err("a title such as `= Euro 2024` before the first date".to_owned());
    }
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("a real date, not `{month_word} {day_word}`"))?;
    *rest = after.trim_start();
    Ok(Some(date))
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']);
    [
        "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]
    .contains(&w)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let w = word.trim_end_matches('.');
    let at = MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))?;
    u32::try_from(at + 1).ok()
}

/// `20:45`, then maybe the local time `(21:45 EEST)` or `(17:00 UTC+4)`.
fn take_clock(rest: &mut &str) -> Result<Option<Clock>, String> {
    let (word, after) = split_word(rest);
    let Some(time) = clock_time(word) else {
        return Ok(None);
    };
    let mut clock = Clock { time, local: None };
    *rest = after.trim_start();
    let Some(inner) = rest.strip_prefix('(') else {
        return Ok(Some(clock));
    };
    let (inner, after) = inner.split_once(')').unwrap_or((inner, ""));
    let (local, zone) = split_word(inner);
    let Some(local) = clock_time(local) else {
        return Ok(Some(clock));
    };
    let zone = zone_offset(zone.trim())
        .ok_or_else(|| format!("a local time such as `(17:00 UTC+4)`, not `({inner})`"))?;
    clock.local = Some((local, zone));
    *rest = after.trim_start();
    Ok(Some(clock))
}

fn clock_time(word: &str) -> Option<NaiveTime> {
    let (h, m) = word.split_once(':')?;
    let ok = |s: &str| (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if !ok(h) || m.len() != 2 || !ok(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// `@ Düsseldorf     West Germany 1-1 Italy`: the venue up to two spaces, the rest left.
fn take_venue_before(rest: &mut &str) -> Result<Option<String>, String> {
    let Some(after) = rest.strip_prefix('@') else {
        return Ok(None);
    };
    let after = after.trim_start();
    let (venue, tail) = after.split_once("  ").unwrap_or((after, ""));
    *rest = tail.trim();
    venue_text(venue).map(Some)
}

/// A venue as written, spaces tidied.
fn venue_text(text: &str) -> Result<String, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.is_empty() || text.contains('@') {
        true => Err(format!(
            "a venue such as `@ Stadium, City` or `@ City`, not `@{text}`"
        )),
        false => Ok(words.join(" ")),
    }
}

/// (name, city): `Stadium, City` after the teams, `City, Stadium` before them, `City
/// (Stadium)` either way, and a city alone names itself.
fn venue_parts(text: &str, city_first: bool) -> (String, String) {
    if let Some((city, name)) = text.strip_suffix(')').and_then(|t| t.split_once('(')) {
        return (name.trim().to_owned(), city.trim().to_owned());
    }
    let split = match city_first {
        true => text.split_once(',').map(|(c, s)| (s, c)),
        false => text.rsplit_once(','),
    };
    match split {
        Some((name, city)) => (name.trim().to_owned(), city.trim().to_owned()),
        None => (text.to_owned(), text.to_owned()),
    }
}

/// One piece of a result.
enum Item {
    Score(Pair),
    /// `a.e.t.` after a score.
    AetMark,
    /// `pen.` after a score.
    PenMark,
    /// `(1-1, 0-0)`: after 90 and 45 minutes, or `(0-1)`: half time.
    Paren(Vec<Pair>),
    /// `(aet, ...)`, `(aet/gg)`.
    Aet,
    /// `(..., 4-2 pen)`.
    Pen(Pair),
}

/// Home, away and score of a match, or none for a fixture not played (`A1 v A2`).
fn fixture(body: &str) -> Result<Option<(String, String, ScoreSeed)>, String> {
    let Some(at) = first_score(body) else {
        return match body.contains(" v ") {
            true => Ok(None),
            false => Err(format!("a match such as `Spain 2-1 Italy`, not `{body}`")),
        };
    };
    let before = body[..at].trim();
    let (mut items, after) = result_items(&body[at..]);
    let (home, away, tail) = match before.split_once(" v ") {
        Some((home, away)) => (home, away, after.trim()),
        None => {
            let (away, tail) = split_annotation(after.trim());
            (before.trim_end_matches(" v"), away, tail)
        }
    };
    if !tail.is_empty() {
        let inner = tail.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
        items.extend(
            inner
                .and_then(paren_items)
                .ok_or_else(|| RESULT.to_owned())?,
        );
    }
    for name in [home, away] {
        if !team_name_ok(name.trim()) {
            return Err(format!("a team name, not `{}`", name.trim()));
        }
    }
    let score = assemble(items)?;
    Ok(Some((
        home.trim().to_owned(),
        away.trim().to_owned(),
        score,
    )))
}

/// The byte position of the first word that is a score.
fn first_score(body: &str) -> Option<usize> {
    let mut at = 0;
    for word in body.split(' ') {
        if pair(word.trim_end_matches(',')).is_some() {
            return Some(at);
        }
        at += word.len() + 1;
    }
    None
}

/// `2-1`: two numbers of at most two digits.
fn pair(text: &str) -> Option<Pair> {
    let (a, b) = text.split_once('-')?;
    let number = |s: &str| {
        ((1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    Some([number(a)?, number(b)?])
}

/// The pieces of a result from its first score on, and the text after them.
fn result_items(text: &str) -> (Vec<Item>, &str) {
    let mut items = Vec::new();
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        if let Some(inner) = t.strip_prefix('(') {
            let Some((inner, after)) = inner.split_once(')') else {
                break;
            };
            let Some(more) = paren_items(inner) else {
                break;
            };
            items.extend(more);
            rest = after;
            continue;
        }
        let (word, after) = split_word(t);
        let w = word.trim_end_matches(',');
        let item = match w {
            "a.e.t." | "a.e.t" | "aet" => Item::AetMark,
            "pen." | "pen" | "p." => Item::PenMark,
            _ => match pair(w) {
                Some(p) => Item::Score(p),
                None => break,
            },
        };
        items.push(item);
        rest = after;
    }
    (items, rest)
}

/// `Italy    (9-8 pen)`: the team and the bracket after it.
fn split_annotation(text: &str) -> (&str, &str) {
    match text.ends_with(')').then(|| text.rfind('(')).flatten() {
        Some(i) => (text[..i].trim(), &text[i..]),
        None => (text, ""),
    }
}

/// `1-1, 0-0`, `aet, 4-2 pen`, `aet/gg`, `9-8 pen`; none if the bracket is not a result.
fn paren_items(inner: &str) -> Option<Vec<Item>> {
    let mut scores = Vec::new();
    let mut items = Vec::new();
    for part in inner.split(',').map(str::trim) {
        if let Some(p) = pair(part) {
            scores.push(p);
        } else if [
            "aet",
            "a.e.t.",
            "aet/gg",
            "aet/sg",
            "a.e.t./gg",
            "a.e.t./sg",
        ]
        .contains(&part)
        {
            items.push(Item::Aet);
        } else {
            let (score, word) = split_word(part);
            match ["pen", "pen.", "p"].contains(&word.trim()) {
                true => items.push(Item::Pen(pair(score)?)),
                false => return None,
            }
        }
    }
    if !scores.is_empty() {
        items.push(Item::Paren(scores));
    }
    Some(items)
}

/// The score from the pieces of a result: after 45 and 90 minutes, after extra time (when
/// played) and of the shootout.
fn assemble(items: Vec<Item>) -> Result<ScoreSeed, String> {
    let err = || RESULT.to_owned();
    let mut scores: Vec<(Pair, Option<bool>)> = Vec::new(); // Some(true): a.e.t., Some(false): pen.
    let (mut aet, mut pens, mut paren) = (false, Vec::new(), None);
    for item in items {
        match item {
            Item::Score(p) => scores.push((p, None)),
            Item::AetMark | Item::PenMark => {
                let is_aet = matches!(item, Item::AetMark);
                let last = scores
                    .last_mut()
                    .filter(|s| s.1.is_none())
                    .ok_or_else(err)?;
                last.1 = Some(is_aet);
                aet |= is_aet;
            }
            Item::Paren(ps) if paren.is_none() => paren = Some(ps),
            Item::Paren(_) => return Err(err()),
            Item::Aet => aet = true,
            Item::Pen(p) => pens.push(p),
        }
    }
    pens.extend(scores.iter().filter(|s| s.1 == Some(false)).map(|s| s.0));
    let main: Vec<Pair> = scores
        .iter()
        .filter(|s| s.1 != Some(false))
        .map(|s| s.0)
        .collect();
    let ([main], [] | [_]) = (main.as_slice(), pens.as_slice()) else {
        return Err(err());
    };
    let pen = pens.first().copied();
    let paren = paren.unwrap_or_default();
    Ok(match (aet, paren.as_slice()) {
        (true, [] | [_] | [_, _]) => ScoreSeed {
            ht: paren.get(1).copied(),
            ft: paren.first().copied(),
            et: Some(*main),
            pen,
        },
        (false, [] | [_]) => ScoreSeed {
            ht: paren.first().copied(),
            ft: Some(*main),
            et: None,
            pen,
        },
        _ => return Err(err()),
    })
}

/// Scorers in brackets: `Vincent 12' Heutte 43', 62'; Galić 11'`, home first. A single list
/// is the home team's, or the away team's when the home team did not score.
fn goals(inner: &str, m: &MatchSeed) -> Result<Vec<GoalSeed>, String> {
    let lists: Vec<&str> = inner.split(';').collect();
    let home_scored = m.score.et.or(m.score.ft).is_none_or(|s| s[0] > 0);
    let teams: Vec<&String> = match (lists.len(), home_scored) {
        (1, true) => vec![&m.home],
        (1, false) => vec![&m.away],
        (2, _) => vec![&m.home, &m.away],
        _ => return Err("scorers of two teams apart by one `;`".to_owned()),
    };
    let mut out = Vec::new();
    for (list, team) in lists.into_iter().zip(teams) {
        scorers(list, team, &mut out)?;
    }
    Ok(out)
}

/// One team's scorers: names, each followed by its minutes (`43', 62'`, `53pen`, `77og`,
/// `90+2'`, `87' (pen.)`, `20' (o.g.)`).
fn scorers(list: &str, team: &str, out: &mut Vec<GoalSeed>) -> Result<(), String> {
    let spaced = list.replace('(', " (").replace(')', ") ").replace(',', " ");
    let mut name: Vec<&str> = Vec::new();
    let mut last: Option<String> = None;
    let first = out.len();
    for token in spaced.split_whitespace() {
        if let Some((minute, offset, penalty, own_goal)) = minute(token) {
            let scorer = match name.is_empty() {
                true => last
                    .clone()
                    .ok_or_else(|| format!("a scorer's name before `{token}`"))?,
                false => name.join(" "),
            };
            name.clear();
            if !(1..=120).contains(&minute) || offset > 30 {
                return Err(format!("a minute such as 90 or 90+4, not `{token}`"));
            }
            out.push(GoalSeed {
                team: team.to_owned(),
                scorer: PlayerRef::Name(scorer.clone()),
                minute,
                offset,
                penalty,
                own_goal,
            });
            last = Some(scorer);
        } else if let Some(own_goal) = goal_marker(token) {
            let goal = out[first..]
                .last_mut()
                .filter(|_| name.is_empty())
                .ok_or_else(|| format!("a minute before `{token}`"))?;
            goal.penalty |= !own_goal;
            goal.own_goal |= own_goal;
        } else if name_word_ok(token) {
            name.push(token);
        } else {
            return Err(format!(
                "scorers such as `(Name 12', 34'; Name 56' (pen.))`, not `{token}`"
            ));
        }
    }
    match name.is_empty() {
        true => Ok(()),
        false => Err(format!("a minute after `{}`", name.join(" "))),
    }
}

/// `43'`, `90+2'`, `53pen`, `77og`, `24`: minute, stoppage, penalty, own goal.
fn minute(token: &str) -> Option<(i32, i32, bool, bool)> {
    let (minute, rest) = leading_number(token)?;
    let (offset, rest) = match rest.strip_prefix('+') {
        Some(r) => leading_number(r)?,
        None => (0, rest),
    };
    let rest = rest.strip_prefix('\'').unwrap_or(rest);
    let (penalty, own_goal) = match rest {
        "" => (false, false),
        "pen" | "pen." | "p" => (true, false),
        "og" | "o.g." => (false, true),
        _ => return None,
    };
    Some((minute, offset, penalty, own_goal))
}

fn leading_number(s: &str) -> Option<(i32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=3).contains(&end) {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// `(pen.)` or `(o.g.)` after a minute: whether it is an own goal.
fn goal_marker(token: &str) -> Option<bool> {
    match token {
        "(pen.)" | "(pen)" | "(p)" => Some(false),
        "(o.g.)" | "(og)" | "(o.g)" => Some(true),
        _ => None,
    }
}

/// The goals of each team up to a minute (stoppage time counts with its period).
fn count(m: &MatchSeed, until: i32) -> Pair {
    let mut score = [0, 0];
    for g in m.goals.iter().filter(|g| g.minute <= until) {
        score[usize::from(g.team != m.home)] += 1;
    }
    score
}

/// Why the scorers cannot be right, if they cannot: they must make the score at the end, after
/// 90 minutes and at half time, where those are given.
fn goals_problem(m: &MatchSeed) -> Option<String> {
    if m.goals.is_empty() {
        return None;
    }
    let s = &m.score;
    let end = s.et.or(s.ft)?;
    let checks = [
        (Some(end), i32::MAX, "in all"),
        (s.ft, 90, "after 90 minutes"),
        (s.ht, 45, "at half time"),
    ];
    checks.into_iter().find_map(|(given, until, when)| {
        let counted = count(m, until);
        (given.is_some_and(|g| g != counted)).then(|| {
            let g = given.unwrap_or_default();
            format!(
                "the scorers listed make {}-{} {when}, not {}-{}",
                counted[0], counted[1], g[0], g[1]
            )
        })
    })
}

/// Scores that cannot all be true: fewer goals later than earlier, a shootout after a winner.
fn score_problems(s: &ScoreSeed) -> Vec<String> {
    let mut out = Vec::new();
    let later = [
        (s.ht, s.ft, "half time", "90 minutes"),
        (s.ft, s.et, "90 minutes", "extra time"),
    ];
    for (early, late, a, b) in later {
        if let (Some(e), Some(l)) = (early, late) {
            if e[0] > l[0] || e[1] > l[1] {
                out.push(format!("the score at {a} is more than after {b}"));
            }
        }
    }
    if let (Some(p), Some(end)) = (s.pen, s.et.or(s.ft)) {
        if end[0] != end[1] || p[0] == p[1] {
            out.push(format!(
                "a shootout of {}-{} after {}-{}",
                p[0], p[1], end[0], end[1]
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/openfootball-continental/euro"
    );

    /// A file of openfootball-continental; a missing one fails the test, never skips it.
    fn read(path: &str) -> String {
        std::fs::read_to_string(format!("{DIR}/{path}")).unwrap_or_else(|e| {
            panic!("cannot read {DIR}/{path}: {e}; the tests need openfootball-continental in ../shared/data")
        })
    }

    fn edition(folder: &str) -> (JsonTournament, Vec<String>) {
        match parse(&read(&format!("{folder}/euro.txt"))) {
            Ok(parsed) => parsed,
            Err(e) => panic!("{folder}/euro.txt:{}: expected {}", e.line, e.message),
        }
    }

    fn find<'t>(t: &'t JsonTournament, stage: &str, home: &str) -> (&'t MatchSeed, usize) {
        let home = team_key(home);
        let i = t
            .matches
            .iter()
            .position(|m| m.stage == stage && m.home == home);
        let i = i.unwrap_or_else(|| panic!("no {stage} match of {home}"));
        (&t.matches[i], t.lines[i])
    }

    fn scorers(m: &MatchSeed) -> Vec<(String, String, i32, i32)> {
        m.goals
            .iter()
            .map(|g| (g.team.clone(), g.scorer.to_string(), g.minute, g.offset))
            .collect()
    }

    fn error_of(text: &str) -> ParseError {
        match parse(text) {
            Ok(_) => panic!("read without error:\n{text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn every_edition_reads_with_its_matches() {
        let editions = [
            ("1960--france", "Euro 1960", 1960, 4),
            ("1964--spain", "Euro 1964", 1964, 4),
            ("1968--italy", "Euro 1968", 1968, 5),
            ("1972--belgium", "Euro 1972", 1972, 4),
            ("1976--yugoslavia", "Euro 1976", 1976, 4),
            ("1980--italy", "Euro 1980", 1980, 14),
            ("1984--france", "Euro 1984", 1984, 15),
            ("1988--west-germany", "Euro 1988", 1988, 15),
            ("1992--sweden", "Euro 1992", 1992, 15),
            ("1996--england", "Euro 1996", 1996, 31),
            ("2000--belgium-netherlands", "Euro 2000", 2000, 31),
            ("2004--portugal", "Euro 2004", 2004, 31),
            ("2008--austria-switzerland", "Euro 2008", 2008, 31),
            ("2012--poland-ukraine", "Euro 2012", 2012, 31),
            ("2016--france", "Euro 2016", 2016, 51),
            ("2021--europe", "Euro 2020", 2020, 51),
            ("2024--germany", "Euro 2024", 2024, 51),
        ];
        for (folder, title, year, count) in editions {
            let (t, _) = edition(folder);
            assert_eq!((t.title.as_str(), t.year), (title, year), "{folder}");
            assert_eq!(t.matches.len(), count, "{folder}");
            assert_eq!(t.lines.len(), count, "{folder}");
            assert!(t
                .matches
                .iter()
                .all(|m| m.score.et.is_some() || m.score.ft.is_some()));
        }
        // 2028: fixtures only, none played yet.
        let (t, _) = edition("2028--united_kingdom-ireland");
        assert_eq!((t.title.as_str(), t.matches.len()), ("Euro 2028", 0));
    }

    #[test]
    fn groups_list_their_teams() {
        let (t, _) = edition("2016--france");
        let stage = &t.stages[0];
        assert_eq!(
            (stage.key.as_str(), stage.kind),
            ("Group stage", StageKind::Group)
        );
        assert_eq!(stage.groups.len(), 6);
        assert!(stage.groups.iter().all(|g| g.teams.len() == 4));
        let c = &stage.groups[2];
        assert_eq!(c.name, "Group C");
        assert!(c.teams.contains(&team_key("Northern Ireland")));
        let (m, _) = find(&t, "Group stage", "Poland");
        assert_eq!(m.group.as_deref(), Some("Group C"));
        let (t, _) = edition("1980--italy");
        assert_eq!(t.stages[0].groups[1].name, "Group 2");
        assert_eq!(
            t.matches
                .iter()
                .filter(|m| m.group.as_deref() == Some("Group 2"))
                .count(),
            6
        );
    }

    #[test]
    fn a_group_not_listed_is_made_of_its_teams_and_a_listed_one_checked() {
        let text = "= Euro 1984\n▪ Group 1\nFrance  1-0 Denmark\nBelgium  2-0 Yugoslavia\n\
                    France  5-0 Belgium\n";
        let (t, warnings) = parse(text).unwrap_or_else(|e| panic!("{}: {}", e.line, e.message));
        assert_eq!(t.stages[0].groups[0].teams.len(), 4);
        assert!(warnings.is_empty(), "{warnings:?}");
        let listed = text.replace(
            "▪ Group 1",
            "Group 1 | France  Denmark  Belgium  Spain\n▪ Group 1",
        );
        let (t, warnings) = parse(&listed).unwrap_or_else(|e| panic!("{}: {}", e.line, e.message));
        assert_eq!(t.stages[0].groups[0].teams.len(), 4);
        let yug = team_key("Yugoslavia");
        assert_eq!(
            warnings,
            [format!(
                "line 5: match Belgium v Yugoslavia: {yug} is not listed in Group 1"
            )]
        );
    }

    #[test]
    fn final_2016_portugal_beat_france_after_extra_time() {
        let (t, _) = edition("2016--france");
        let (m, line) = find(&t, "Final", "Portugal");
        assert_eq!(m.away, team_key("France"));
        assert!(m.extra_time);
        assert_eq!(
            (m.score.ft, m.score.et, m.score.pen),
            (Some([0, 0]), Some([1, 0]), None)
        );
        // The file gives no scorers for 2016 (Éder's 109th-minute goal is not in it).
        assert!(m.goals.is_empty());
        assert_eq!(line, 162);
        let kickoff = m.kickoff.map(|k| k.to_rfc3339());
        assert_eq!(kickoff.as_deref(), Some("2016-07-10T21:00:00+02:00"));
        let venue = t.venues.iter().find(|v| Some(&v.key) == m.venue.as_ref());
        let venue = venue.map(|v| (v.name.as_str(), v.city.as_str(), v.country.as_str()));
        assert_eq!(venue, Some(("Stade de France", "Paris", "France")));
    }

    #[test]
    fn final_2020_italy_beat_england_on_penalties() {
        let (t, _) = edition("2021--europe");
        let (m, line) = find(&t, "Final", "Italy");
        assert_eq!(line, 231);
        assert_eq!(m.score.ht, Some([0, 1]));
        assert_eq!(
            (m.score.ft, m.score.et, m.score.pen),
            (Some([1, 1]), Some([1, 1]), Some([3, 2]))
        );
        let (eng, ita) = (team_key("England"), team_key("Italy"));
        assert_eq!(
            scorers(m),
            [(eng, "Shaw".into(), 2, 0), (ita, "Bonucci".into(), 67, 0)]
        );
        // Played in London, local time given as "(20:00 UTC+1)".
        let kickoff = m.kickoff.map(|k| k.to_rfc3339());
        assert_eq!(kickoff.as_deref(), Some("2021-07-11T20:00:00+01:00"));
        let venue = t.venues.iter().find(|v| v.key == "London");
        assert_eq!(venue.map(|v| v.country.as_str()), Some(""));
    }

    #[test]
    fn final_1976_went_to_penalties_after_extra_time() {
        let (t, _) = edition("1976--yugoslavia");
        let (m, _) = find(&t, "Final", "Czechoslovakia");
        assert_eq!(m.away, team_key("West Germany"));
        // "2-2 a.e.t., 5-3 pen.": the score after 90 minutes is counted from the scorers.
        assert_eq!(
            (m.score.ft, m.score.et, m.score.pen),
            (Some([2, 2]), Some([2, 2]), Some([5, 3]))
        );
        assert_eq!(
            m.goals.last().map(|g| (g.minute, g.scorer.to_string())),
            Some((89, "Hölzenbein".into()))
        );
        let venue = t.venues.iter().find(|v| Some(&v.key) == m.venue.as_ref());
        // Written before the teams, a venue is city first: "@ Beograd, Crvena zvezda".
        assert_eq!(
            venue.map(|v| (v.name.as_str(), v.city.as_str())),
            Some(("Crvena zvezda", "Beograd"))
        );
    }

    #[test]
    fn the_1968_final_was_replayed() {
        let (t, _) = edition("1968--italy");
        let replay = t.stages.iter().find(|s| s.kind == StageKind::Replay);
        let replay = replay.unwrap_or_else(|| panic!("no REPLAY stage"));
        let (m, _) = find(&t, &replay.key, "Italy");
        assert_eq!((m.score.ft, m.score.et), (Some([2, 0]), None));
        let kickoff = m.kickoff.map(|k| k.to_rfc3339());
        assert_eq!(kickoff.as_deref(), Some("1968-06-10T21:15:00+02:00"));
        let (first, _) = find(&t, "Final", "Italy");
        assert_eq!(
            (first.score.ft, first.score.et),
            (Some([1, 1]), Some([1, 1]))
        );
        // The semi-final Italy won on a coin toss: 0-0 after extra time.
        let (semi, _) = find(&t, "Semi-finals", "Italy");
        assert_eq!((semi.score.ft, semi.score.et), (Some([0, 0]), Some([0, 0])));
    }

    #[test]
    fn own_goals_count_for_the_team_that_benefited() {
        let (t, _) = edition("2021--europe");
        // Turkey 0-3 Italy: "(Demiral 53' (o.g.) Immobile 66' Insigne 79')", one list only.
        let (m, _) = find(&t, "Group stage", "Turkey");
        let own = m.goals.iter().find(|g| g.own_goal);
        let own = own.map(|g| (g.team.clone(), g.scorer.to_string(), g.minute));
        assert_eq!(own, Some((team_key("Italy"), "Demiral".into(), 53)));
        assert_eq!(m.goals.len(), 3);
        // 1976: "Ondrus 77og" in the Netherlands' list; Ondrus played for Czechoslovakia.
        let (t, _) = edition("1976--yugoslavia");
        let (m, _) = find(&t, "Semi-finals", "Czechoslovakia");
        let own = m
            .goals
            .iter()
            .find(|g| g.own_goal)
            .map(|g| (g.team.clone(), g.minute));
        assert_eq!(own, Some((team_key("Netherlands"), 77)));
        assert_eq!((m.score.ft, m.score.et), (Some([1, 1]), Some([3, 1])));
    }

    #[test]
    fn penalties_stoppage_time_and_local_times() {
        let (t, _) = edition("2021--europe");
        // Hungary 0-3 Portugal: "(Guerreiro 84' Ronaldo 87' (pen.), 90+2')".
        let (m, _) = find(&t, "Group stage", "Hungary");
        let ronaldo: Vec<(i32, i32, bool)> = m
            .goals
            .iter()
            .filter(|g| g.scorer.to_string() == "Ronaldo")
            .map(|g| (g.minute, g.offset, g.penalty))
            .collect();
        assert_eq!(ronaldo, [(87, 0, true), (90, 2, false)]);
        let (wales, _) = find(&t, "Group stage", "Wales");
        let kickoff = wales.kickoff.map(|k| k.to_rfc3339());
        assert_eq!(kickoff.as_deref(), Some("2021-06-12T17:00:00+04:00"));
        // 1972's style: "Kü 53pen".
        let (t, _) = edition("1972--belgium");
        let (m, _) = find(&t, "Third place play-off", "Belgium");
        assert!(m.goals.iter().any(|g| g.penalty && g.minute == 53));
    }

    #[test]
    fn dates_without_times_and_matches_without_dates() {
        let (t, _) = edition("2004--portugal");
        let (m, _) = find(&t, "Group stage", "Spain");
        let kickoff = m.kickoff.map(|k| k.to_rfc3339());
        assert_eq!(kickoff.as_deref(), Some("2004-06-12T00:00:00+01:00"));
        assert_eq!(m.venue, None);
        let (t, _) = edition("1984--france");
        assert_eq!(t.matches.iter().filter(|m| m.kickoff.is_none()).count(), 12);
    }

    #[test]
    fn extra_time_without_a_score_after_90_minutes_is_left_unknown() {
        // "France 3-2 a.e.t. Portugal" without scorers: no 90-minute score to be had.
        let (t, warnings) = edition("1984--france");
        let (m, line) = find(&t, "Semi-finals", "France");
        assert_eq!((m.score.ft, m.score.et), (None, Some([3, 2])));
        assert!(m.extra_time);
        let start = format!("line {line}: match France v Portugal: ");
        assert!(
            warnings.iter().any(|w| w.starts_with(&start)),
            "{warnings:?}"
        );
        // Golden goal, 1996: the score after 90 minutes is counted from the scorers.
        let (t, _) = edition("1996--england");
        let (m, _) = find(&t, "Final", "Germany");
        assert_eq!((m.score.ft, m.score.et), (Some([1, 1]), Some([2, 1])));
    }

    #[test]
    fn scorers_that_do_not_add_up_are_dropped_with_a_warning() {
        let text = "= Euro 2024\n# all times are local, CEST (UTC+2)\n▪ Final\nSun Jul 14\n  \
                    21:00   Spain  2-1 (0-0)  England   @ Berlin\n          \
                    (Williams 47' Oyarzabal 86' Olmo 88'; Palmer 73')\n";
        let (t, warnings) = match parse(text) {
            Ok(parsed) => parsed,
            Err(e) => panic!("line {}: {}", e.line, e.message),
        };
        let m = &t.matches[0];
        assert_eq!((m.score.ht, m.score.ft), (Some([0, 0]), Some([2, 1])));
        assert!(m.goals.is_empty());
        assert_eq!(
            warnings,
            ["line 5: match Spain v England: the scorers listed make 3-1 in all, not 2-1; scorers dropped"]
        );
        // In the real 2024 file, two matches that went to extra time are written without it.
        let (t, warnings) = edition("2024--germany");
        let (m, _) = find(&t, "Round of 16", "England");
        assert_eq!((m.score.ft, m.goals.len()), (Some([2, 1]), 0));
        assert!(warnings
            .iter()
            .any(|w| w.starts_with("line 192: match England v Slovakia")));
    }

    #[test]
    fn a_line_that_cannot_be_read_is_refused_with_its_number() {
        let good =
            "= Euro 2024\n▪ Final\nSun Jul 14\n  21:00   Spain  2-1 (0-0)  England   @ Berlin\n";
        assert!(parse(good).is_ok());
        let e = error_of(&good.replace("2-1 (0-0)", "two-one"));
        assert_eq!(e.line, 4);
        assert!(e.message.contains("two-one"), "{}", e.message);
        assert_eq!(error_of(&good.replace("▪ Final", "▪ Finale")).line, 2);
        assert_eq!(error_of(&good.replace("Jul 14", "Jul 44")).line, 3);
        let scorers = format!("{good}    (Williams 47' Oyarzabal; Palmer 73')\n");
        assert_eq!(error_of(&scorers).line, 5);
        let unclosed = format!("{good}    (Williams 47' Oyarzabal 86';\n     Palmer 73'\n");
        assert_eq!(error_of(&unclosed).line, 5);
        // A real file with one result mangled.
        let text = read("2021--europe/euro.txt")
            .replace("Italy   3-2 pen. 1-1", "Italy   3-2 pen. 1-1 pen.");
        assert_eq!(error_of(&text).line, 231);
    }

    /// Deterministic mangled copies of a real file (xorshift): pieces deleted, duplicated, or
    /// foreign text spliced in. Every copy reads or is refused; none panics.
    #[test]
    fn mangled_files_never_panic() {
        let pieces = [
            "(",
            ")",
            "'",
            "+",
            "-",
            ",",
            ";",
            " v ",
            "  ",
            "\n",
            "▪ ",
            "@ ",
            "a.e.t.",
            "pen.",
            "(0-0)",
            "99",
            "é",
            ":",
            "# ",
            "Group A | ",
            "June 31 ",
            "(o.g.)",
            "90+",
            "=",
        ];
        for (folder, seed) in [
            ("2021--europe", 0x9E37_79B9_7F4A_7C15_u64),
            ("1976--yugoslavia", 7),
        ] {
            let source: Vec<char> = read(&format!("{folder}/euro.txt")).chars().collect();
            let mut state = seed;
            let mut next = |below: usize| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                usize::try_from(state % below.max(1) as u64).unwrap_or(0)
            };
            for _ in 0..150 {
                let mut text = source.clone();
                for _ in 0..1 + next(4) {
                    let at = next(text.len());
                    let end = (at + next(24)).min(text.len());
                    match next(3) {
                        0 => drop(text.drain(at..end)),
                        1 => {
                            let copy: Vec<char> = text[at..end].to_vec();
                            text.splice(at..at, copy);
                        }
                        _ => {
                            let piece = pieces[next(pieces.len())].chars();
                            text.splice(at..at, piece);
                        }
                    }
                }
                let _ = parse(&text.into_iter().collect::<String>());
            }
        }
    }

    #[test]
    fn every_prefix_of_a_file_reads_or_is_refused() {
        let text = read("1980--italy/euro.txt");
        for (end, _) in text.char_indices().step_by(7) {
            let _ = parse(&text[..end]);
        }
    }

    #[test]
    fn squads_name_each_player_with_shirt_and_position() {
        let list = match parse_squad(&read("2021--europe/squads/england.txt")) {
            Ok(list) => list,
            Err(e) => panic!("line {}: {}", e.line, e.message),
        };
        assert_eq!(list.team, team_key("England"));
        assert!(list.coach.is_none());
        // 26 and Dean Henderson's replacement, both with shirt 13.
        assert_eq!(list.players.len(), 27);
        let first = &list.players[0];
        assert_eq!(
            (first.shirt, first.name.as_str(), first.position.as_deref()),
            (Some(1), "Jordan Pickford", Some("GK"))
        );
        assert!(list
            .players
            .iter()
            .all(|p| p.status == "SELECTED" && p.birth_date.is_none()));
        for year in ["2021--europe", "2024--germany"] {
            let dir = format!("{DIR}/{year}/squads");
            let files =
                std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {dir}: {e}"));
            let mut count = 0;
            for file in files.flatten() {
                let path = file.path();
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                match parse_squad(&text) {
                    Ok(list) => assert!((23..=27).contains(&list.players.len()), "{path:?}"),
                    Err(e) => panic!("{path:?}:{}: expected {}", e.line, e.message),
                }
                count += 1;
            }
            assert_eq!(count, 24, "{dir}");
        }
    }

    #[test]
    fn a_squad_line_that_cannot_be_read_is_refused() {
        let text = "==========\n=  Wales - Euro 2021\n\n  1,  Wayne Hennessey,  GK,  98/0 , b. 1987,  Burnley F.C. (ENG)\n";
        assert!(parse_squad(text).is_ok());
        let wrong = text.replace("GK", "Keeper");
        assert_eq!(parse_squad(&wrong).err().map(|e| e.line), Some(4));
        let wrong = text.replace("b. 1987", "b. soon");
        assert_eq!(parse_squad(&wrong).err().map(|e| e.line), Some(4));
        assert_eq!(parse_squad("  1, A, GK\n").err().map(|e| e.line), Some(1));
        let coach = format!("{text}  -,  Rob Page (WAL),  MG,  b. 1974\n");
        let list = parse_squad(&coach).ok().and_then(|l| l.coach);
        assert_eq!(
            list.map(|c| (c.name, c.nationality)),
            Some(("Rob Page".into(), Some("WAL".into())))
        );
    }
}
