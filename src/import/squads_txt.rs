//! Football.TXT squad lists (`YYYY_squads.txt`): per team, each player's shirt number, name,
//! position and birth date, and the coach (`MG`) with their country.
//!
//! ```text
//! == France     # 26 Players
//!       19, Karim BENZEMA,                 FW,  b. 1987/12/19
//!        -, Didier Deschamps (FRA),        MG,  b. 1968/10/15
//! ```

use chrono::NaiveDate;

use super::format::{PersonSeed, PlayerSeed};
use super::names::{display_name, split_country};
use super::teams;
use super::ParseError;

/// One team's list, with the team named by FIFA code.
#[derive(Debug)]
pub struct SquadList {
    pub team: String,
    pub coach: Option<PersonSeed>,
    pub players: Vec<PlayerSeed>,
}

pub fn parse(text: &str) -> Result<Vec<SquadList>, ParseError> {
    let mut squads: Vec<SquadList> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let content = line.split(" #").next().unwrap_or("").trim();
        if content.is_empty() || line.starts_with("= ") || line.starts_with('#') {
            continue;
        }
        if let Some(team) = content.strip_prefix("== ") {
            let team = team.trim();
            if team.is_empty() {
                return Err(ParseError::new(n, "a team name after `==`"));
            }
            squads.push(SquadList {
                team: teams::team_key(team),
                coach: None,
                players: Vec::new(),
            });
            continue;
        }
        let squad = squads
            .last_mut()
            .ok_or_else(|| ParseError::new(n, "a team heading (`== France`) before its players"))?;
        parse_member(n, content, squad)?;
    }
    Ok(squads)
}

/// `19, Karim BENZEMA, FW, b. 1987/12/19`; the number and the birth date may be missing.
fn parse_member(n: usize, line: &str, squad: &mut SquadList) -> Result<(), ParseError> {
    let mut fields: Vec<&str> = line.split(',').map(str::trim).collect();
    while fields.last() == Some(&"") {
        fields.pop();
    }
    let birth_date = match fields.last() {
        Some(last) if last.starts_with("b.") => {
            let text = last.trim_start_matches("b.").trim();
            fields.pop();
            NaiveDate::parse_from_str(text, "%Y/%m/%d").ok()
        }
        _ => None,
    };
    let expected = "`NUMBER, NAME, POSITION, b. YYYY/MM/DD`";
    let position = fields.pop().ok_or_else(|| ParseError::new(n, expected))?;
    let name = fields.pop().ok_or_else(|| ParseError::new(n, expected))?;
    let number = fields.pop();
    if !fields.is_empty() || name.is_empty() {
        return Err(ParseError::new(n, expected));
    }
    if position == "MG" {
        let (name, country) = split_country(name);
        squad.coach = Some(PersonSeed {
            name: display_name(name),
            birth_date,
            nationality: country.map(str::to_owned),
        });
        return Ok(());
    }
    let position = match position {
        "GK" | "DF" | "MF" | "FW" => Some(position.to_owned()),
        "?" | "" => None,
        other => {
            return Err(ParseError::new(
                n,
                format!("a position GK, DF, MF or FW, not `{other}`"),
            ))
        }
    };
    let shirt = match number {
        None | Some("") | Some("-") => None,
        Some(text) => Some(
            text.parse::<i32>()
                .ok()
                .filter(|s| (1..=99).contains(s))
                .ok_or_else(|| {
                    ParseError::new(n, format!("a shirt number from 1 to 99, not `{text}`"))
                })?,
        ),
    };
    squad.players.push(PlayerSeed {
        shirt,
        name: name.to_owned(),
        known_as: None,
        position,
        birth_date,
        status: "SELECTED".to_owned(),
        status_note: None,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_names_positions_births_and_the_coach() {
        let text = "= World Cup 2022\n\n== France     # 26 Players\n\n      19, Karim BENZEMA,      FW,  b. 1987/12/19\n       -, Didier Deschamps (FRA),  MG,  b. 1968/10/15\n\n== USA  # 16 Players\n   Jimmy DOUGLAS,   GK,  b. 1898/01/12\n   Jose FLORES,     ?,             \n";
        let squads = parse(text).unwrap();
        assert_eq!(squads.len(), 2);
        let france = &squads[0];
        assert_eq!(france.team, "FRA");
        assert_eq!(france.players[0].shirt, Some(19));
        assert_eq!(france.players[0].name, "Karim BENZEMA");
        assert_eq!(
            france.players[0].birth_date,
            NaiveDate::from_ymd_opt(1987, 12, 19)
        );
        let coach = france.coach.as_ref().unwrap();
        assert_eq!(
            (coach.name.as_str(), coach.nationality.as_deref()),
            ("Didier Deschamps", Some("FRA"))
        );
        let usa = &squads[1];
        assert_eq!(usa.players[0].shirt, None);
        assert_eq!(usa.players[1].position, None);
        assert_eq!(usa.players[1].birth_date, None);
    }

    /// Pseudo-random edits of a real list (xorshift, deterministic): a value or an error,
    /// never a panic.
    #[test]
    fn mangled_lists_never_panic() {
        let source = "== France     # 26 Players\n\n      19, Karim BENZEMA,   FW,  b. 1987/12/19\n       -, Didier Deschamps (FRA),  MG,  b. 1968/10/15\n   Jose FLORES,     ?,   \n";
        let pieces = [
            ",", "-", "(", ")", "==", "b.", "/", "99", "é", " ", "\n", "#",
        ];
        for text in crate::import::mutations(source, &pieces, 0x2545_F491_4F6C_DD1D, 3000) {
            let _ = parse(&text);
        }
    }

    #[test]
    fn bad_lines_are_named() {
        let e = parse("== France\n  1, Hugo LLORIS, GOALIE, b. 1986/12/26\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("  1, Hugo LLORIS, GK\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert_eq!(parse("== Atlantis\n").unwrap()[0].team, "Atlantis");
        assert_eq!(parse("== France\n").unwrap()[0].team, "FRA");
    }
}
