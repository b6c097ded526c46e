//! Names of people compared across sources: whether two folded spellings may be one name,
//! and which of two spellings of one name to show (the one with its diacritics).

use super::model::search_key;

/// Whether two folded names may be spellings of one name: one's words all appear in the other
/// ("neymar" and "neymar jr"), or they are nearly the same letters ("matthaus", "matthaeus").
pub fn names_close<'a>(a: &'a str, b: &'a str) -> bool {
    if a == b {
        return true;
    }
    // "en-nesyri" is "en nesyri": hyphens come and go between sources.
    let words = |s: &'a str| {
        s.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    let (words_a, words_b) = (words(a), words(b));
    let subset = |x: &[&str], y: &[&str]| x.iter().all(|w| y.contains(w));
    if subset(&words_a, &words_b) || subset(&words_b, &words_a) {
        return true;
    }
    initials_agree(&words_a, &words_b) || dice(a, b) >= 0.8
}

/// "e. hazard" and "eden hazard": word for word equal, or an initial and a word it begins.
fn initials_agree(a: &[&str], b: &[&str]) -> bool {
    fn initial(w: &str) -> Option<&str> {
        w.strip_suffix('.').filter(|i| i.chars().count() == 1)
    }
    let agree = |x: &str, y: &str| {
        x == y
            || initial(x).is_some_and(|i| y.starts_with(i) && initial(y).is_none())
            || initial(y).is_some_and(|i| x.starts_with(i) && initial(x).is_none())
    };
    a.len() == b.len()
        && a.iter().any(|w| initial(w).is_some()) != b.iter().any(|w| initial(w).is_some())
        && a.iter().zip(b).all(|(x, y)| agree(x, y))
}

/// Sørensen-Dice similarity of two strings' letter pairs, from 0 to 1.
fn dice(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let letters: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        letters.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, mut pb) = (pairs(a), pairs(b));
    if pa.is_empty() || pb.is_empty() {
        return 0.0;
    }
    let total = pa.len() + pb.len();
    let mut shared = 0;
    for p in pa {
        if let Some(i) = pb.iter().position(|q| *q == p) {
            pb.swap_remove(i);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total as f64
}

/// Whether two folded names may name one player of a squad that lists one of them: the same
/// surname ("jock aird", "john aird"), or a surname spelt nearly alike ("trezeguet",
/// "treziguet").
pub fn surnames_close(a: &str, b: &str) -> bool {
    let last = |s: &str| s.rsplit([' ', '-']).next().unwrap_or("").to_owned();
    let (x, y) = (last(a), last(b));
    x.chars().count() >= 3 && (x == y || (x.chars().count() >= 5 && dice(&x, &y) >= 0.7))
}

/// Whether two folded names of people of one nationality born on one day are one person's.
/// Looser than `names_close`, so only for people whose birth date and nationality agree; twins
/// share both and a surname but never a first name, so besides close surnames the first names
/// must be one the other's beginning or spelt nearly alike ("tim weah", "timothy weah"; "ali
/// beiranvand", "alireza beiranvand"; "emmers fae", "emerse fae"). "jr." stands for "junior"
/// ("vinicius jr.", "vinicius junior"); the same letters in another order of words match
/// ("hong myungbo", "myung-bo hong"); a name of one word matches one spelt nearly alike
/// ("treziguet", "trezeguet").
pub fn names_of_one_born_together(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(|w| match w {
                "jr." | "jr" => "junior".to_owned(),
                other => other.to_owned(),
            })
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let letters = |w: &[String]| {
        let mut l: Vec<char> = w.concat().chars().collect();
        l.sort_unstable();
        l
    };
    if wa == wb || letters(&wa) == letters(&wb) {
        return true;
    }
    match (wa.as_slice(), wb.as_slice()) {
        ([x], [y]) => surnames_close(x, y),
        ([first_a, .., last_a], [first_b, .., last_b]) => {
            let surname = last_a == last_b || surnames_close(last_a, last_b);
            let shorter = first_a.len().min(first_b.len());
            let first = shorter >= 3
                && (first_a.starts_with(first_b.as_str()) || first_b.starts_with(first_a.as_str()))
                || dice(first_a, first_b) >= 0.75;
            surname && first
        }
        _ => false,
    }
}

/// A folded name with umlauts written out folded as well ("andreas moeller" and "andreas
/// moller" are both "andreas moller"): the key under which a name and its German ASCII
/// spelling meet. Used with other evidence (a nationality, an age to play), never alone.
pub fn umlaut_key(search_name: &str) -> String {
    search_name
        .replace("ue", "u")
        .replace("oe", "o")
        .replace("ae", "a")
}

/// Folds a name as German and Nordic ASCII spellings write it: "Müller" as "mueller",
/// "Schröder" as "schroeder", "Weiß" as "weiss", "Ørsted" as "oersted".
pub fn transliteration_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        match c {
            'ä' | 'Ä' | 'æ' | 'Æ' => out.push_str("ae"),
            'ö' | 'Ö' | 'ø' | 'Ø' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    search_key(&out)
}

/// Whether `written` is `shown` with (more of) its diacritics ("Gerd Müller" for "Gerd
/// Mueller", "Teófilo Gutiérrez" for "Teofilo Gutiérrez"): the name to show instead. Between
/// two spellings with as many, the first in code-point order, so that the name shown does
/// not depend on which source came first.
pub fn restores_diacritics(shown: &str, written: &str) -> bool {
    let marks = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let more =
        (marks(written), std::cmp::Reverse(written)) > (marks(shown), std::cmp::Reverse(shown));
    more && written.chars().filter(|c| c.is_alphabetic()).count() > 1
        && (search_key(written) == search_key(shown)
            || transliteration_key(written) == transliteration_key(shown)
            || transliteration_key(written) == search_key(shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_are_close() {
        assert!(names_close("lothar matthaus", "lothar matthaeus"));
        assert!(names_close("gerd muller", "gerd mueller"));
        assert!(names_close("neymar", "neymar jr"));
        assert!(!names_close("lionel messi", "lionel scaloni"));
        assert!(names_close("e. hazard", "eden hazard"));
        assert!(names_close("en-nesyri", "youssef en nesyri"));
        assert!(!names_close("t. hazard", "eden hazard"));
    }

    #[test]
    fn surnames_tell_a_squad_player_under_another_first_name() {
        assert!(surnames_close("jock aird", "john aird"));
        assert!(surnames_close("bill slater", "william slater"));
        assert!(surnames_close("trezeguet", "treziguet"));
        assert!(!surnames_close("oleg gusev", "andriy gusin"));
        assert!(!surnames_close("li", "li"));
    }

    #[test]
    fn one_born_on_the_day_under_two_spellings_but_twins_apart() {
        for (a, b) in [
            ("tim weah", "timothy weah"),
            ("ali beiranvand", "alireza beiranvand"),
            ("emmers fae", "emerse fae"),
            ("vinicius jr.", "vinicius junior"),
            ("hong myungbo", "myung-bo hong"),
            ("treziguet", "trezeguet"),
        ] {
            assert!(names_of_one_born_together(a, b), "{a} / {b}");
        }
        // Twins: born the same day for the same country, one surname.
        for (a, b) in [
            ("frank de boer", "ronald de boer"),
            ("zoran vujovic", "zlatko vujovic"),
            ("michal zewlakow", "marcin zewlakow"),
            ("alexey miranchuk", "anton miranchuk"),
            ("jurrien timber", "quinten timber"),
            ("philipp degen", "david degen"),
            ("ibrahim hassan", "hossam hassan"),
            ("rodri", "mikel merino"),
        ] {
            assert!(!names_of_one_born_together(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_spelling_with_diacritics_is_shown_instead_of_its_ascii_form() {
        assert!(restores_diacritics("Gerd Mueller", "Gerd Müller"));
        assert!(restores_diacritics("Kylian Mbappe", "Kylian Mbappé"));
        assert!(restores_diacritics("Hakan Sukur", "Hakan Şükür"));
        assert!(!restores_diacritics("Gerd Müller", "Gerd Mueller"));
        assert!(!restores_diacritics("Gerd Mueller", "Gerd Müllner"));
        assert!(restores_diacritics(
            "Teofilo Gutiérrez",
            "Teófilo Gutiérrez"
        ));
        assert!(!restores_diacritics(
            "Teófilo Gutiérrez",
            "Teofilo Gutiérrez"
        ));
        assert!(!restores_diacritics("Kylian Mbappé", "Kylian Mbappé"));
    }
}
