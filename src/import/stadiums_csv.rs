//! openfootball stadium lists (`worldcup/YYYY--host/cup_stadiums.csv`): `#` comment lines,
//! a header naming the columns (`city, timezone, name, capacity, ...`), one stadium a row.
//! Fields hold no commas in these files, so a row is split on commas; quoting is not read.

use super::ParseError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stadium {
    pub line: usize,
    pub name: String,
    /// Without the "(1)" the files add to tell apart stadiums of one city.
    pub city: String,
    pub capacity: Option<i32>,
}

pub fn parse(text: &str) -> Result<Vec<Stadium>, ParseError> {
    let mut columns: Option<(usize, usize, usize, usize)> = None;
    let mut stadiums = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let Some((name, city, capacity, width)) = columns else {
            let find = |c: &str| fields.iter().position(|f| f.eq_ignore_ascii_case(c));
            columns = match (find("name"), find("city"), find("capacity")) {
                (Some(a), Some(b), Some(c)) => Some((a, b, c, fields.len())),
                _ => {
                    return Err(ParseError::new(
                        n,
                        "a header line naming the columns `name`, `city` and `capacity`",
                    ))
                }
            };
            continue;
        };
        // The last columns (coordinates) may be left empty or out.
        let needed = name.max(city).max(capacity) + 1;
        if fields.len() < needed || fields.len() > width {
            return Err(ParseError::new(
                n,
                format!(
                    "{width} comma-separated fields as the header names, not {}",
                    fields.len()
                ),
            ));
        }
        if fields[name].is_empty() {
            return Err(ParseError::new(n, "a stadium name"));
        }
        let capacity = match fields[capacity] {
            "" => None,
            c => Some(
                c.replace(['_', '.'], "")
                    .parse::<i32>()
                    .ok()
                    .filter(|c| *c > 0)
                    .ok_or_else(|| {
                        ParseError::new(n, format!("a capacity as a whole number, not `{c}`"))
                    })?,
            ),
        };
        stadiums.push(Stadium {
            line: n,
            name: fields[name].to_owned(),
            city: strip_number(fields[city]).to_owned(),
            capacity,
        });
    }
    if columns.is_none() {
        return Err(ParseError::new(1, "a header line naming the columns"));
    }
    Ok(stadiums)
}

/// "Al Rayyan (2)" -> "Al Rayyan".
fn strip_number(city: &str) -> &str {
    match city.rsplit_once(" (") {
        Some((c, n)) if n.trim_end_matches(')').chars().all(|d| d.is_ascii_digit()) => c.trim(),
        _ => city,
    }
}

/// The year of a `YYYY--host` folder the list sits in.
pub fn year_of(path: &std::path::Path) -> Option<i32> {
    let folder = path.parent()?.file_name()?.to_str()?;
    folder.split("--").next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const QATAR: &str = "# worldcup 2022 stadiums\n\ncity,  timezone, name,  capacity,  wikipedia,  coords\nAl Khor,  UTC+3, Al Bayt Stadium, 68895, Al_Bayt_Stadium, 25°39'08\"N 51°29'16\"E\nAl Rayyan (2), UTC+3, Education City Stadium, 44667, Education_City_Stadium,\n";

    #[test]
    fn reads_stadiums_with_city_and_capacity() {
        let rows = parse(QATAR).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            Stadium {
                line: 5,
                name: "Education City Stadium".into(),
                city: "Al Rayyan".into(),
                capacity: Some(44667)
            }
        );
    }

    #[test]
    fn a_malformed_row_is_refused_with_its_line() {
        let e = parse(&QATAR.replace("68895", "huge")).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("`huge`"), "{}", e.message);
        let e = parse(&format!("{QATAR}Doha, UTC+3, A, 1, B, C, D, E\n")).unwrap_err();
        assert_eq!(e.line, 6);
        assert_eq!(parse("Lusail, 80000\n").unwrap_err().line, 1);
    }

    #[test]
    fn mangled_lists_never_panic() {
        let pieces = [",", "\n", "#", "(", ")", " (1)", "-5", "é", "99999999999"];
        for text in crate::import::mutations(QATAR, &pieces, 0x5851_F42D_4C95_7F2D, 2000) {
            let _ = parse(&text);
        }
    }
}
