//! The seed format (`goalline-seed/1`): one tournament, its teams, venues, stages, squads and
//! matches. Players in match events are named by team code and either shirt number (unique in
//! a squad) or name as the squad lists it. The importers build the same structure in memory,
//! so every source is written by one writer.

use serde::Deserialize;

pub const FORMAT: &str = "goalline-seed/1";

/// Unknown keys are refused everywhere but at the top, where `source` describes where the
/// facts come from for readers of the file.
#[derive(Debug, Deserialize)]
pub struct SeedFile {
    pub format: String,
    pub tournament: TournamentSeed,
    pub teams: Vec<TeamSeed>,
    pub venues: Vec<VenueSeed>,
    pub stages: Vec<StageSeed>,
    pub squads: Vec<SquadSeed>,
    pub matches: Vec<MatchSeed>,
}

/// `host_code` and other extra keys are informational.
#[derive(Debug, Deserialize)]
pub struct TournamentSeed {
    pub slug: String,
    pub name: String,
    pub competition: String,
    pub year: i32,
    pub host: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSeed {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueSeed {
    pub key: String,
    pub name: String,
    pub city: String,
    pub country: String,
    pub capacity: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageSeed {
    pub key: String,
    pub name: String,
    pub kind: crate::tournament::StageKind,
    #[serde(default)]
    pub groups: Vec<GroupSeed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSeed {
    pub name: String,
    pub teams: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SquadSeed {
    pub team: String,
    pub coach: Option<PersonSeed>,
    pub players: Vec<PlayerSeed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSeed {
    pub name: String,
    pub birth_date: Option<chrono::NaiveDate>,
    pub nationality: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayerSeed {
    /// Shirt numbers were not worn (or not recorded) at the earliest tournaments.
    pub shirt: Option<i32>,
    pub name: String,
    pub known_as: Option<String>,
    pub position: Option<String>,
    pub birth_date: Option<chrono::NaiveDate>,
    pub status: String,
    pub status_note: Option<String>,
}

/// A player of a team's squad: by shirt number, or by name as written in the squad list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(untagged)]
pub enum PlayerRef {
    Shirt(i32),
    Name(String),
}

impl std::fmt::Display for PlayerRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Shirt(n) => write!(f, "#{n}"),
            Self::Name(name) => f.write_str(name),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchSeed {
    pub number: i32,
    pub stage: String,
    pub group: Option<String>,
    pub kickoff: Option<chrono::DateTime<chrono::FixedOffset>>,
    pub venue: Option<String>,
    pub attendance: Option<i32>,
    pub home: String,
    pub away: String,
    pub extra_time: bool,
    pub score: ScoreSeed,
    pub officials: Vec<OfficialSeed>,
    pub lineups: LineupsSeed,
    pub goals: Vec<GoalSeed>,
    pub cards: Vec<CardSeed>,
    pub substitutions: Vec<SubstitutionSeed>,
    pub shootout: Option<Vec<KickSeed>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSeed {
    pub ht: Option<[i32; 2]>,
    /// After 90 minutes; none for a match not played yet.
    pub ft: Option<[i32; 2]>,
    pub et: Option<[i32; 2]>,
    pub pen: Option<[i32; 2]>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialSeed {
    pub role: String,
    pub name: String,
    pub nationality: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineupsSeed {
    pub home: Vec<LineupSeed>,
    pub away: Vec<LineupSeed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineupSeed {
    #[serde(rename = "shirt")]
    pub player: PlayerRef,
    pub starter: bool,
    pub captain: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSeed {
    /// The team credited; for an own goal the scorer plays for the other team.
    pub team: String,
    pub scorer: PlayerRef,
    pub minute: i32,
    pub offset: i32,
    pub penalty: bool,
    pub own_goal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSeed {
    pub team: String,
    pub player: PlayerRef,
    pub minute: i32,
    pub offset: i32,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubstitutionSeed {
    pub team: String,
    pub minute: i32,
    pub offset: i32,
    pub on: PlayerRef,
    pub off: PlayerRef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KickSeed {
    pub team: String,
    pub taker: PlayerRef,
    pub outcome: String,
}
