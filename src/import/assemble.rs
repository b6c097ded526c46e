//! Putting what a source holds together as one tournament in the seed form: its name, slug
//! and dates, and its matches numbered in order of kick-off.

use super::{display_name, football_json, football_txt, format, squads_txt, teams, SeedFile};

/// A tournament from football.json alone, in the seed form, with the line of each match by
/// its number.
pub fn json_seed(t: football_json::JsonTournament) -> Result<(SeedFile, Vec<usize>), String> {
    let mut numbered: Vec<(format::MatchSeed, usize)> =
        t.matches.into_iter().zip(t.lines).collect();
    // In the order `tournament_seed` numbers them (a stable sort: it keeps this order).
    numbered.sort_by_key(|(m, _)| m.kickoff);
    let (mut matches, lines): (Vec<_>, Vec<_>) = numbered.into_iter().unzip();
    let tournament = tournament_seed(&t.title, t.year, &mut matches)?;
    let file = SeedFile {
        format: format::FORMAT.to_owned(),
        tournament,
        teams: t.teams,
        venues: t.venues,
        stages: t.stages,
        squads: Vec::new(),
        matches,
    };
    Ok((file, lines))
}

/// The writer names a match by number ("FILE: match 54: ..."); a reader of the file wants
/// its line.
pub fn with_match_line(message: &str, shown: &str, lines: &[usize]) -> String {
    let located = message
        .strip_prefix(&format!("{shown}: match "))
        .and_then(|rest| {
            let (number, detail) = rest.split_once(": ")?;
            let line = lines.get(number.parse::<usize>().ok()?.checked_sub(1)?)?;
            Some(format!("{shown}:{line}: match {number}: {detail}"))
        });
    located.unwrap_or_else(|| message.to_owned())
}

/// The tournament a title names ("World Cup 2014"), spanning its matches' dates; numbers the
/// matches in order of kick-off, as FIFA numbers them.
fn tournament_seed(
    title: &str,
    year: i32,
    matches: &mut [format::MatchSeed],
) -> Result<format::TournamentSeed, String> {
    let is_world_cup = title.contains("World Cup");
    let host = if is_world_cup {
        teams::world_cup_host(year).unwrap_or("").to_owned()
    } else {
        String::new()
    };
    let dates: Vec<chrono::NaiveDate> = matches
        .iter()
        .filter_map(|m| m.kickoff.map(|k| k.date_naive()))
        .collect();
    let (Some(start), Some(end)) = (dates.iter().min().copied(), dates.iter().max().copied())
    else {
        return Err("no matches with a date".into());
    };
    matches.sort_by_key(|m| m.kickoff);
    for (i, m) in matches.iter_mut().enumerate() {
        m.number = i as i32 + 1;
    }
    Ok(format::TournamentSeed {
        slug: slugify(title),
        name: if is_world_cup {
            format!("FIFA World Cup {host} {year}")
        } else {
            title.to_owned()
        },
        competition: if is_world_cup {
            "FIFA World Cup".to_owned()
        } else {
            title.trim_end_matches(char::is_numeric).trim().to_owned()
        },
        year,
        host,
        start_date: start,
        end_date: end,
    })
}

/// Puts a report and its squads together as one tournament.
pub fn assemble(
    mut report: football_txt::Report,
    squads: Vec<squads_txt::SquadList>,
) -> Result<SeedFile, String> {
    let tournament = tournament_seed(&report.title, report.year, &mut report.matches)?;
    let mut team_list = report.teams.clone();
    for squad in &squads {
        if !team_list.iter().any(|(code, _)| *code == squad.team) {
            team_list.push((squad.team.clone(), squad.team.clone()));
        }
    }
    Ok(SeedFile {
        format: format::FORMAT.to_owned(),
        tournament,
        teams: team_list
            .into_iter()
            .map(|(code, name)| format::TeamSeed { code, name })
            .collect(),
        venues: report.venues,
        stages: report.stages,
        squads: squads
            .into_iter()
            .map(|s| format::SquadSeed {
                team: s.team,
                coach: s.coach,
                players: s
                    .players
                    .into_iter()
                    .map(|p| format::PlayerSeed {
                        name: display_name(&p.name),
                        ..p
                    })
                    .collect(),
            })
            .collect(),
        matches: report.matches,
    })
}

/// "World Cup 2022" -> "world-cup-2022".
pub fn slugify(title: &str) -> String {
    let folded = crate::person::search_key(title);
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
