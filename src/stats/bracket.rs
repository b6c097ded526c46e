//! The knockout bracket as a tree: the final, and for each of its teams the match that sent
//! them there, back to the first knockout round.

use crate::matches::Match;
use crate::tournament::{Stage, StageKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BracketNode {
    pub match_id: i32,
    pub home_from: Option<Box<BracketNode>>,
    pub away_from: Option<Box<BracketNode>>,
}

/// Knockout rounds that lead to the final, in order.
const ROUNDS: [StageKind; 5] = [
    StageKind::RoundOf32,
    StageKind::RoundOf16,
    StageKind::QuarterFinal,
    StageKind::SemiFinal,
    StageKind::Final,
];

/// The bracket ending in the final; none for a tournament without a final match.
pub fn bracket(stages: &[Stage], matches: &[Match]) -> Option<BracketNode> {
    // Matches of each knockout round present, earliest round first.
    let rounds: Vec<Vec<&Match>> = ROUNDS
        .iter()
        .filter_map(|kind| {
            let stage = stages.iter().find(|s| s.kind == *kind)?;
            let mut ms: Vec<&Match> = matches
                .iter()
                .filter(|m| m.stage_id == Some(stage.id))
                .collect();
            ms.sort_by_key(|m| m.number);
            Some(ms)
        })
        .collect();
    let final_match = rounds.last()?.last()?;
    Some(node(final_match, &rounds, rounds.len() - 1))
}

fn node(m: &Match, rounds: &[Vec<&Match>], round: usize) -> BracketNode {
    let from = |team: i32| -> Option<Box<BracketNode>> {
        let previous = round.checked_sub(1)?;
        // The last match of the round before that this team won (a replay comes after the
        // drawn match it settled).
        let feeder = rounds[previous]
            .iter()
            .rev()
            .find(|f| f.winner_id() == Some(team))?;
        Some(Box::new(node(feeder, rounds, previous)))
    };
    BracketNode {
        match_id: m.id,
        home_from: from(m.home_team_id),
        away_from: from(m.away_team_id),
    }
}
