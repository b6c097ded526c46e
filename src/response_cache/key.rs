//! Documents that differ only in what GraphQL ignores (whitespace, commas, comments) are one
//! key: clients format the same query differently, and GraphiQL adds line breaks.

/// Writes the significant text of `document` to `out`, in pieces: a space only where one is
/// needed to keep two tokens apart (two names or numbers, two strings, dots); strings and
/// block strings untouched.
pub fn normalise_into(document: &str, mut out: impl FnMut(&str)) {
    let bytes = document.as_bytes();
    let mut i = 0;
    // Whether ignored text was skipped since the last token written.
    let mut gap = false;
    let mut last: Option<u8> = None;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                gap = true;
                i += 1;
            }
            // A byte-order mark is ignored too.
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBB, 0xBF]) => {
                gap = true;
                i += 3;
            }
            b'#' => {
                gap = true;
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            _ => {
                let start = i;
                i = token_end(bytes, i);
                if gap && last.is_some_and(|last| needs_space(last, bytes[start])) {
                    out(" ");
                }
                // Token boundaries fall on ASCII bytes, so the slice is valid UTF-8.
                out(&document[start..i]);
                gap = false;
                last = Some(bytes[i - 1]);
            }
        }
    }
}

/// Whether two tokens, the first ending in `a` and the next starting with `b`, would read
/// differently with nothing between them.
fn needs_space(a: u8, b: u8) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    (word(a) && word(b)) || (a == b'"' && b == b'"') || (a == b'.' && b == b'.')
}

/// The end of the token (or run of tokens with nothing ignored between them) starting at `i`.
fn token_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b',' | b'#' => return i,
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped delimiter inside a block string.
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i = (i + 3).min(bytes.len());
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
            }
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::normalise_into;

    fn normalised(document: &str) -> String {
        let mut out = String::new();
        normalise_into(document, |chunk| out.push_str(chunk));
        out
    }

    #[test]
    fn ignored_text_goes_and_strings_stay() {
        assert_eq!(
            normalised(
                "# who?\nquery  Q {\n  person(name: \"Lionel  Messi\", first: 1) {\r\n name } }"
            ),
            "query Q{person(name:\"Lionel  Messi\"first:1){name}}"
        );
        assert_eq!(normalised("{ a }"), normalised("{a}"));
        assert_eq!(normalised("[\"\" \"x\"] ... on T"), "[\"\" \"x\"]...on T");
        assert_eq!(
            normalised("{a(s:\"x # not a comment, \\\" still\"){b}}"),
            "{a(s:\"x # not a comment, \\\" still\"){b}}"
        );
        assert_eq!(
            normalised("{ a(s: \"\"\" block,\n  # kept \\\"\"\" \"\"\") }"),
            "{a(s:\"\"\" block,\n  # kept \\\"\"\" \"\"\")}"
        );
        assert_eq!(normalised("\u{feff} ,{a} "), "{a}");
        // Unterminated strings end the document rather than the loop.
        assert_eq!(normalised("{a(s:\"open"), "{a(s:\"open");
        assert_eq!(normalised("{a(s:\"\"\"open"), "{a(s:\"\"\"open");
        assert_eq!(normalised("é ü"), "é ü");
    }
}
