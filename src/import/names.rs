//! Names as the openfootball files write them ("Kylian MBAPPE", "Bob MILLAR (USA)") turned
//! into names for people to read ("Kylian Mbappe").

/// Lower-cases the capitals after the first in every run of capitals: "DI MARIA" becomes
/// "Di Maria", "McKENNIE" becomes "McKennie", "ATTIAT-ALLAH" becomes "Attiat-Allah".
pub fn display_name(raw: &str) -> String {
    let chars: Vec<char> = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_uppercase() {
            let start = i;
            while i < chars.len() && chars[i].is_uppercase() {
                i += 1;
            }
            out.push(chars[start]);
            if i - start >= 2 {
                out.extend(chars[start + 1..i].iter().flat_map(|c| c.to_lowercase()));
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Splits "Bob MILLAR (USA)" into the name and the country code in brackets.
pub fn split_country(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    if let Some(open) = text.rfind(" (") {
        if let Some(code) = text[open + 2..].strip_suffix(')') {
            if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
                return (text[..open].trim(), Some(code));
            }
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_become_readable() {
        assert_eq!(display_name("Kylian MBAPPE"), "Kylian Mbappe");
        assert_eq!(display_name("Angel DI MARIA"), "Angel Di Maria");
        assert_eq!(display_name("Weston McKENNIE"), "Weston McKennie");
        assert_eq!(display_name("Yahya ATTIAT-ALLAH"), "Yahya Attiat-Allah");
        assert_eq!(display_name("NEYMAR"), "Neymar");
        assert_eq!(display_name("Cesar  AZPILICUETA"), "Cesar Azpilicueta");
        assert_eq!(display_name("Aliou Cissé"), "Aliou Cissé");
    }

    #[test]
    fn country_codes_come_off_names() {
        assert_eq!(
            split_country("Bob MILLAR (USA)"),
            ("Bob MILLAR", Some("USA"))
        );
        assert_eq!(split_country("TITE (BRA)"), ("TITE", Some("BRA")));
        assert_eq!(split_country("Jimmy DOUGLAS"), ("Jimmy DOUGLAS", None));
    }
}
