//! The rules of the game a live write must respect, as pure functions of the match so far:
//! who is on the pitch, which phase may follow which, whose turn it is in a shootout.

use crate::error::AppError;
use crate::matches::{
    Card, CardKind, Goal, KickOutcome, LineupEntry, MatchStatus, ScoreLine, ShootoutKick,
    Substitution,
};

pub use crate::matches::MatchPhase;

/// Substitutions each team may make in 90 minutes, and the one more allowed in extra time
/// (the IFAB Laws since 2022).
pub const SUBSTITUTIONS: usize = 5;
pub const EXTRA_TIME_SUBSTITUTIONS: usize = 1;
/// Additional permanent concussion substitutes a team may make (IFAB protocol), outside the
/// limit above.
pub const CONCUSSION_SUBSTITUTIONS: usize = 2;

impl MatchPhase {
    /// Whether the match is being played (kicked off, not over).
    pub fn in_play(self) -> bool {
        self != Self::FullTime
    }

    /// The minutes played in this phase; none in breaks.
    pub fn minutes(self) -> Option<(i32, i32)> {
        match self {
            Self::FirstHalf => Some((1, 45)),
            Self::SecondHalf => Some((46, 90)),
            Self::ExtraTimeFirstHalf => Some((91, 105)),
            Self::ExtraTimeSecondHalf => Some((106, 120)),
            _ => None,
        }
    }

    /// The last minute of play before or during this phase: where a card shown in a break is
    /// timed.
    fn last_minute(self) -> i32 {
        match self {
            Self::FirstHalf | Self::HalfTime => 45,
            Self::SecondHalf | Self::BeforeExtraTime => 90,
            Self::ExtraTimeFirstHalf | Self::ExtraTimeHalfTime => 105,
            _ => 120,
        }
    }

    fn reached_extra_time(self) -> bool {
        matches!(
            self,
            Self::ExtraTimeFirstHalf
                | Self::ExtraTimeHalfTime
                | Self::ExtraTimeSecondHalf
                | Self::PenaltyShootout
        )
    }
}

/// A match as the rules see it: its teams, state and everything recorded so far.
#[derive(Debug, Clone)]
pub struct MatchState {
    pub status: MatchStatus,
    pub phase: Option<MatchPhase>,
    /// Whether extra time and a shootout may follow a draw (not in group matches).
    pub knockout: bool,
    pub home: i32,
    pub away: i32,
    pub lineups: Vec<LineupEntry>,
    pub goals: Vec<Goal>,
    pub cards: Vec<Card>,
    pub substitutions: Vec<Substitution>,
    pub kicks: Vec<ShootoutKick>,
}

impl MatchState {
    /// The team must be one of the two playing.
    pub fn check_team(&self, team: i32, argument: &str) -> Result<(), AppError> {
        if team == self.home || team == self.away {
            Ok(())
        } else {
            Err(AppError::bad_input(
                argument,
                "that team is not playing in this match",
            ))
        }
    }

    pub fn opponent(&self, team: i32) -> i32 {
        if team == self.home {
            self.away
        } else {
            self.home
        }
    }

    fn tally(&self, goals: impl Iterator<Item = i32>) -> ScoreLine {
        let mut score = ScoreLine { home: 0, away: 0 };
        for team in goals {
            if team == self.home {
                score.home += 1;
            } else if team == self.away {
                score.away += 1;
            }
        }
        score
    }

    /// Goals so far.
    pub fn score(&self) -> ScoreLine {
        self.tally(self.goals.iter().map(|g| g.team_id))
    }

    /// Goals up to and including `minute` (and its stoppage time).
    pub fn score_until(&self, minute: i32) -> ScoreLine {
        self.tally(
            self.goals
                .iter()
                .filter(|g| g.minute.is_some_and(|m| m <= minute))
                .map(|g| g.team_id),
        )
    }

    /// Shootout kicks scored so far.
    pub fn kicks_scored(&self) -> ScoreLine {
        self.tally(
            self.kicks
                .iter()
                .filter(|k| k.outcome == KickOutcome::Scored)
                .map(|k| k.team_id),
        )
    }

    fn entry(&self, team: i32, person: i32) -> Option<&LineupEntry> {
        self.lineups
            .iter()
            .find(|l| l.team_id == team && l.person_id == person)
    }

    fn sent_off(&self, person: i32) -> bool {
        self.cards.iter().any(|c| {
            c.person_id == person && (c.kind == CardKind::Red || c.kind == CardKind::SecondYellow)
        })
    }

    fn came_on(&self, person: i32) -> bool {
        self.substitutions.iter().any(|s| s.player_on_id == person)
    }

    fn went_off(&self, person: i32) -> bool {
        self.substitutions.iter().any(|s| s.player_off_id == person)
    }

    /// Playing for `team` now: started or came on, and has neither gone off nor been sent off.
    pub fn on_pitch(&self, team: i32, person: i32) -> bool {
        self.entry(team, person)
            .is_some_and(|e| e.starter || self.came_on(person))
            && !self.went_off(person)
            && !self.sent_off(person)
    }

    /// On `team`'s bench and still able to come on.
    pub fn on_bench(&self, team: i32, person: i32) -> bool {
        self.entry(team, person).is_some_and(|e| !e.starter)
            && !self.came_on(person)
            && !self.sent_off(person)
    }

    fn starters(&self, team: i32) -> usize {
        self.lineups
            .iter()
            .filter(|l| l.team_id == team && l.starter)
            .count()
    }

    /// A write to a match needs it live, or finished and the write marked as a correction.
    pub fn check_open(&self, correction: bool) -> Result<(), AppError> {
        match self.status {
            MatchStatus::Live => Ok(()),
            MatchStatus::Scheduled => Err(AppError::rule(
                "MATCH_NOT_STARTED",
                "the match has not kicked off; start it first (`changePhase` to FIRST_HALF)",
            )),
            MatchStatus::Finished if correction => Ok(()),
            MatchStatus::Finished => Err(AppError::rule(
                "MATCH_FINISHED",
                "the match is over; a change now must be marked as a correction",
            )),
        }
    }

    /// The minute of an event must be in the period being played (or, for a correction, in
    /// the match); stoppage time only at the end of a half.
    pub fn check_minute(&self, minute: i32, offset: i32, in_breaks: bool) -> Result<(), AppError> {
        if !(0..=30).contains(&offset) {
            return Err(AppError::bad_input(
                "offset",
                "stoppage time is 0 to 30 minutes",
            ));
        }
        if offset > 0 && ![45, 90, 105, 120].contains(&minute) {
            return Err(AppError::bad_input(
                "offset",
                "stoppage time is only added to minutes 45, 90, 105 and 120",
            ));
        }
        let (first, last) = match self.phase {
            _ if self.status == MatchStatus::Finished => (1, 120),
            Some(phase) => match phase.minutes() {
                Some(range) => range,
                None if in_breaks => (phase.last_minute(), phase.last_minute()),
                None => {
                    return Err(AppError::rule(
                        "NOT_IN_PLAY",
                        format!("nothing of this kind happens during {}", phase.as_str()),
                    ))
                }
            },
            None => (1, 120),
        };
        if (first..=last).contains(&minute) {
            Ok(())
        } else {
            Err(AppError::rule(
                "MINUTE_OUTSIDE_PERIOD",
                format!("minute {minute} is not in the period being played ({first}-{last})"),
            ))
        }
    }

    /// A goal for `team`; an own goal's scorer plays for the other side.
    pub fn check_goal(&self, team: i32, scorer: i32, own_goal: bool) -> Result<(), AppError> {
        self.check_team(team, "teamId")?;
        let scorer_team = if own_goal { self.opponent(team) } else { team };
        if !self.on_pitch(scorer_team, scorer) {
            return Err(AppError::rule(
                "NOT_ON_PITCH",
                if own_goal {
                    "the scorer of an own goal must be on the pitch for the other team"
                } else {
                    "the scorer must be on the pitch for the team credited with the goal"
                },
            ));
        }
        Ok(())
    }

    /// The card to store: a second yellow is recorded as such, and sends the player off.
    pub fn card_kind(&self, team: i32, person: i32, asked: CardKind) -> Result<CardKind, AppError> {
        self.check_team(team, "teamId")?;
        if self.entry(team, person).is_none() {
            return Err(AppError::rule(
                "NOT_IN_LINEUP",
                "cards are shown to players of the team's line-up (starters or substitutes)",
            ));
        }
        if self.sent_off(person) {
            return Err(AppError::rule(
                "ALREADY_SENT_OFF",
                "that player has already been sent off",
            ));
        }
        let booked = self
            .cards
            .iter()
            .any(|c| c.person_id == person && c.kind == CardKind::Yellow);
        match (asked, booked) {
            (CardKind::Yellow, true) | (CardKind::SecondYellow, true) => Ok(CardKind::SecondYellow),
            (CardKind::SecondYellow, false) => Err(AppError::rule(
                "NO_FIRST_YELLOW",
                "a second yellow card needs a first one",
            )),
            (kind, _) => Ok(kind),
        }
    }

    pub fn check_substitution(
        &self,
        team: i32,
        on: i32,
        off: i32,
        concussion: bool,
    ) -> Result<(), AppError> {
        self.check_team(team, "teamId")?;
        if !self.on_pitch(team, off) {
            return Err(AppError::rule(
                "NOT_ON_PITCH",
                "the player going off must be on the pitch for that team",
            ));
        }
        if !self.on_bench(team, on) {
            return Err(AppError::rule(
                "NOT_ON_BENCH",
                "the player coming on must be an unused substitute of that team",
            ));
        }
        let made = self
            .substitutions
            .iter()
            .filter(|s| s.team_id == team && s.concussion == concussion)
            .count();
        let extra = self.phase.is_some_and(|p| p.reached_extra_time());
        let allowed = match concussion {
            true => CONCUSSION_SUBSTITUTIONS,
            false => SUBSTITUTIONS + if extra { EXTRA_TIME_SUBSTITUTIONS } else { 0 },
        };
        if made >= allowed {
            return Err(AppError::rule(
                "SUBSTITUTIONS_USED_UP",
                format!(
                    "that team has made its {allowed} {}substitutions",
                    if concussion { "concussion " } else { "" }
                ),
            ));
        }
        Ok(())
    }

    /// The team that wins the shootout as it stands, once it is decided: after five kicks each
    /// when one side cannot catch up, then at each pair of sudden-death kicks.
    pub fn shootout_winner(&self) -> Option<i32> {
        let first = self.kicks.first()?.team_id;
        let second = self.opponent(first);
        let taken = |team| self.kicks.iter().filter(|k| k.team_id == team).count() as i32;
        let scored = |team| {
            self.kicks
                .iter()
                .filter(|k| k.team_id == team && k.outcome == KickOutcome::Scored)
                .count() as i32
        };
        let (a_taken, b_taken) = (taken(first), taken(second));
        let (a, b) = (scored(first), scored(second));
        if a_taken <= 5 && b_taken <= 5 {
            let (a_left, b_left) = (5 - a_taken, 5 - b_taken);
            if a > b + b_left {
                return Some(first);
            }
            if b > a + a_left {
                return Some(second);
            }
            if a_taken < 5 || b_taken < 5 {
                return None;
            }
        }
        (a_taken == b_taken && a != b).then_some(if a > b { first } else { second })
    }

    /// Whose kick is next; either side may take the first.
    pub fn next_kicker(&self) -> Option<i32> {
        self.kicks.last().map(|k| self.opponent(k.team_id))
    }

    pub fn check_kick(&self, team: i32, taker: i32) -> Result<(), AppError> {
        self.check_team(team, "teamId")?;
        if self.status == MatchStatus::Live && self.phase != Some(MatchPhase::PenaltyShootout) {
            return Err(AppError::rule(
                "NOT_IN_SHOOTOUT",
                "shootout kicks are taken only in the PENALTY_SHOOTOUT phase",
            ));
        }
        if self.shootout_winner().is_some() {
            return Err(AppError::rule(
                "SHOOTOUT_DECIDED",
                "the shootout is already decided",
            ));
        }
        if self.next_kicker().is_some_and(|next| next != team) {
            return Err(AppError::rule(
                "OUT_OF_TURN",
                "the teams kick in turn; it is the other team's kick",
            ));
        }
        if !self.on_pitch(team, taker) {
            return Err(AppError::rule(
                "NOT_ON_PITCH",
                "only players on the pitch at the end of extra time take kicks",
            ));
        }
        Ok(())
    }

    /// Whether the match may move to `to` now.
    pub fn check_phase(&self, to: MatchPhase) -> Result<(), AppError> {
        use MatchPhase::*;
        let level = {
            let s = self.score();
            s.home == s.away
        };
        let refuse = |rule: &'static str, message: String| Err(AppError::rule(rule, message));
        let from = match (self.status, self.phase) {
            (MatchStatus::Finished, _) => {
                return refuse("MATCH_FINISHED", "the match is over".into())
            }
            (MatchStatus::Scheduled, _) => None,
            (MatchStatus::Live, phase) => phase,
        };
        let allowed = match (from, to) {
            (None, FirstHalf) => {
                for team in [self.home, self.away] {
                    if self.starters(team) != 11 {
                        return refuse(
                            "LINEUP_INCOMPLETE",
                            "both teams need a line-up of 11 starters before kick-off".into(),
                        );
                    }
                }
                true
            }
            (Some(FirstHalf), HalfTime)
            | (Some(HalfTime), SecondHalf)
            | (Some(BeforeExtraTime), ExtraTimeFirstHalf)
            | (Some(ExtraTimeFirstHalf), ExtraTimeHalfTime)
            | (Some(ExtraTimeHalfTime), ExtraTimeSecondHalf) => true,
            (Some(SecondHalf), FullTime) if level && self.knockout => {
                return refuse(
                    "DRAW_NEEDS_EXTRA_TIME",
                    "a knockout match level after 90 minutes goes to extra time".into(),
                )
            }
            (Some(SecondHalf), FullTime) => true,
            (Some(SecondHalf), BeforeExtraTime) if !self.knockout => {
                return refuse(
                    "NO_EXTRA_TIME",
                    "extra time is played only in knockout matches".into(),
                )
            }
            (Some(SecondHalf), BeforeExtraTime) | (Some(ExtraTimeSecondHalf), PenaltyShootout)
                if !level =>
            {
                return refuse(
                    "NOT_LEVEL",
                    "only a match that is level goes to extra time or a shootout".into(),
                )
            }
            (Some(SecondHalf), BeforeExtraTime) | (Some(ExtraTimeSecondHalf), PenaltyShootout) => {
                true
            }
            (Some(ExtraTimeSecondHalf), FullTime) if level => {
                return refuse(
                    "DRAW_NEEDS_SHOOTOUT",
                    "a match level after extra time is decided by a penalty shootout".into(),
                )
            }
            (Some(ExtraTimeSecondHalf), FullTime) => true,
            (Some(PenaltyShootout), FullTime) if self.shootout_winner().is_none() => {
                return refuse(
                    "SHOOTOUT_UNDECIDED",
                    "the shootout is not decided yet".into(),
                )
            }
            (Some(PenaltyShootout), FullTime) => true,
            _ => false,
        };
        if allowed {
            Ok(())
        } else {
            let from = from.map_or("SCHEDULED", MatchPhase::as_str);
            refuse(
                "PHASE_ORDER",
                format!("a match does not go from {from} to {}", to.as_str()),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: i32 = 1;
    const AWAY: i32 = 2;

    fn lineup(team: i32, first: i32) -> Vec<LineupEntry> {
        (0..16)
            .map(|i| LineupEntry {
                id: first + i,
                match_id: 1,
                team_id: team,
                person_id: first + i,
                shirt_number: Some(i + 1),
                starter: i < 11,
                captain: i == 0,
                ordinal: i + 1,
            })
            .collect()
    }

    fn state() -> MatchState {
        let mut lineups = lineup(HOME, 100);
        lineups.extend(lineup(AWAY, 200));
        MatchState {
            status: MatchStatus::Live,
            phase: Some(MatchPhase::FirstHalf),
            knockout: true,
            home: HOME,
            away: AWAY,
            lineups,
            goals: vec![],
            cards: vec![],
            substitutions: vec![],
            kicks: vec![],
        }
    }

    fn rule(result: Result<impl std::fmt::Debug, AppError>) -> &'static str {
        match result {
            Err(AppError::RuleViolation { rule, .. }) => rule,
            other => panic!("expected a rule violation, got {other:?}"),
        }
    }

    fn goal(team: i32, minute: i32) -> Goal {
        Goal {
            id: minute,
            match_id: 1,
            team_id: team,
            scorer_id: None,
            minute: Some(minute),
            offset: 0,
            penalty: false,
            own_goal: false,
            elapsed_seconds: None,
        }
    }

    fn kick(s: &mut MatchState, team: i32, scored: bool) {
        s.kicks.push(ShootoutKick {
            id: s.kicks.len() as i32 + 1,
            match_id: 1,
            ordinal: s.kicks.len() as i32 + 1,
            team_id: team,
            taker_id: None,
            outcome: if scored {
                KickOutcome::Scored
            } else {
                KickOutcome::Saved
            },
            home_score: 0,
            away_score: 0,
        });
    }

    #[test]
    fn scorers_must_be_on_the_pitch_for_their_side() {
        let mut s = state();
        assert!(s.check_goal(HOME, 100, false).is_ok());
        assert_eq!(rule(s.check_goal(HOME, 111, false)), "NOT_ON_PITCH"); // on the bench
        assert_eq!(rule(s.check_goal(HOME, 200, false)), "NOT_ON_PITCH"); // the other side
        assert!(s.check_goal(HOME, 200, true).is_ok()); // own goal by an away player
        s.substitutions.push(Substitution {
            id: 1,
            match_id: 1,
            team_id: HOME,
            player_on_id: 111,
            player_off_id: 100,
            minute: 30,
            offset: 0,
            concussion: false,
        });
        assert!(s.check_goal(HOME, 111, false).is_ok());
        assert_eq!(rule(s.check_goal(HOME, 100, false)), "NOT_ON_PITCH");
    }

    #[test]
    fn a_second_yellow_sends_off() {
        let mut s = state();
        assert_eq!(
            s.card_kind(HOME, 101, CardKind::Yellow).ok(),
            Some(CardKind::Yellow)
        );
        assert_eq!(
            rule(s.card_kind(HOME, 101, CardKind::SecondYellow)),
            "NO_FIRST_YELLOW"
        );
        s.cards.push(Card {
            id: 1,
            match_id: 1,
            team_id: HOME,
            person_id: 101,
            minute: 10,
            offset: 0,
            kind: CardKind::Yellow,
        });
        assert_eq!(
            s.card_kind(HOME, 101, CardKind::Yellow).ok(),
            Some(CardKind::SecondYellow)
        );
        s.cards.push(Card {
            id: 2,
            match_id: 1,
            team_id: HOME,
            person_id: 101,
            minute: 20,
            offset: 0,
            kind: CardKind::SecondYellow,
        });
        assert!(!s.on_pitch(HOME, 101));
        assert_eq!(
            rule(s.card_kind(HOME, 101, CardKind::Red)),
            "ALREADY_SENT_OFF"
        );
        assert_eq!(rule(s.check_goal(HOME, 101, false)), "NOT_ON_PITCH");
    }

    #[test]
    fn minutes_belong_to_the_period_being_played() {
        let mut s = state();
        assert!(s.check_minute(45, 3, false).is_ok());
        assert_eq!(rule(s.check_minute(46, 0, false)), "MINUTE_OUTSIDE_PERIOD");
        assert!(s.check_minute(30, 2, false).is_err());
        s.phase = Some(MatchPhase::HalfTime);
        assert_eq!(rule(s.check_minute(45, 0, false)), "NOT_IN_PLAY");
        assert!(s.check_minute(45, 0, true).is_ok()); // a card in the break
    }

    #[test]
    fn phases_follow_the_laws() {
        let mut s = state();
        s.status = MatchStatus::Scheduled;
        s.phase = None;
        assert!(s.check_phase(MatchPhase::FirstHalf).is_ok());
        s.lineups.retain(|l| l.person_id != 100);
        assert_eq!(
            rule(s.check_phase(MatchPhase::FirstHalf)),
            "LINEUP_INCOMPLETE"
        );
        let mut s = state();
        assert_eq!(rule(s.check_phase(MatchPhase::SecondHalf)), "PHASE_ORDER");
        s.phase = Some(MatchPhase::SecondHalf);
        assert_eq!(
            rule(s.check_phase(MatchPhase::FullTime)),
            "DRAW_NEEDS_EXTRA_TIME"
        );
        s.knockout = false;
        assert!(s.check_phase(MatchPhase::FullTime).is_ok());
        assert_eq!(
            rule(s.check_phase(MatchPhase::BeforeExtraTime)),
            "NO_EXTRA_TIME"
        );
        s.knockout = true;
        s.goals.push(goal(HOME, 60));
        assert_eq!(
            rule(s.check_phase(MatchPhase::BeforeExtraTime)),
            "NOT_LEVEL"
        );
        assert!(s.check_phase(MatchPhase::FullTime).is_ok());
        s.goals.push(goal(AWAY, 70));
        s.phase = Some(MatchPhase::ExtraTimeSecondHalf);
        assert_eq!(
            rule(s.check_phase(MatchPhase::FullTime)),
            "DRAW_NEEDS_SHOOTOUT"
        );
        assert!(s.check_phase(MatchPhase::PenaltyShootout).is_ok());
    }

    #[test]
    fn the_2022_final_shootout_is_decided_after_seven_kicks() {
        // Argentina 4-2 France: Mbappé scored, Messi scored, Coman saved, Dybala scored,
        // Tchouaméni missed, Paredes scored, Kolo Muani scored, Montiel scored.
        let (arg, fra) = (HOME, AWAY);
        let mut s = state();
        s.phase = Some(MatchPhase::PenaltyShootout);
        let kicks = [
            (fra, true),
            (arg, true),
            (fra, false),
            (arg, true),
            (fra, false),
            (arg, true),
            (fra, true),
        ];
        for (team, scored) in kicks {
            assert_eq!(s.shootout_winner(), None);
            assert!(s
                .check_kick(team, if team == arg { 100 } else { 200 })
                .is_ok());
            kick(&mut s, team, scored);
        }
        assert_eq!(s.shootout_winner(), None); // 3-2 after seven kicks: Montiel still to come
        assert_eq!(rule(s.check_kick(fra, 200)), "OUT_OF_TURN");
        kick(&mut s, arg, true);
        assert_eq!(s.shootout_winner(), Some(arg));
        assert_eq!(s.kicks_scored(), ScoreLine { home: 4, away: 2 });
        assert_eq!(rule(s.check_kick(fra, 200)), "SHOOTOUT_DECIDED");
    }

    #[test]
    fn sudden_death_ends_on_a_pair_of_kicks() {
        let mut s = state();
        s.phase = Some(MatchPhase::PenaltyShootout);
        for _ in 0..5 {
            kick(&mut s, HOME, true);
            kick(&mut s, AWAY, true);
        }
        assert_eq!(s.shootout_winner(), None);
        kick(&mut s, HOME, false);
        assert_eq!(s.shootout_winner(), None);
        kick(&mut s, AWAY, true);
        assert_eq!(s.shootout_winner(), Some(AWAY));
    }

    #[test]
    fn substitutes_come_from_the_bench_within_the_limit() {
        let mut s = state();
        assert_eq!(
            rule(s.check_substitution(HOME, 101, 100, false)),
            "NOT_ON_BENCH"
        );
        assert_eq!(
            rule(s.check_substitution(HOME, 111, 112, false)),
            "NOT_ON_PITCH"
        );
        for i in 0..5 {
            assert!(s.check_substitution(HOME, 111 + i, 100 + i, false).is_ok());
            s.substitutions.push(Substitution {
                id: i,
                match_id: 1,
                team_id: HOME,
                player_on_id: 111 + i,
                player_off_id: 100 + i,
                minute: 60,
                offset: 0,
                concussion: false,
            });
        }
        s.lineups
            .extend(lineup(HOME, 300).into_iter().filter(|l| !l.starter));
        assert_eq!(
            rule(s.check_substitution(HOME, 311, 105, false)),
            "SUBSTITUTIONS_USED_UP"
        );
        assert!(s.check_substitution(HOME, 311, 105, true).is_ok());
        s.phase = Some(MatchPhase::ExtraTimeFirstHalf);
        assert!(s.check_substitution(HOME, 311, 105, false).is_ok());
    }
}
