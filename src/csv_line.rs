//! Splitting one line of a comma-separated file, as the open data files write them: a field
//! in double quotes may hold commas, and `""` inside one is a quote. Shared by the readers of
//! the international results and the competition catalogue.

/// Splits a CSV line: fields in double quotes may hold commas, and `""` is a quote.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', false) if field.is_empty() => quoted = true,
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => match chars.peek() {
                None | Some(',') => quoted = false,
                Some(_) => return Err("a comma after a closing quote".into()),
            },
            (',', false) => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err("a closing quote".into());
    }
    fields.push(field);
    Ok(fields.into_iter().map(|f| f.trim().to_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn quoted_fields_keep_their_commas_and_quotes() {
        assert_eq!(split("a,\"b, c\",d").unwrap(), ["a", "b, c", "d"]);
        assert_eq!(split("\"say \"\"hi\"\"\",x").unwrap(), ["say \"hi\"", "x"]);
        assert_eq!(split("a,,b").unwrap(), ["a", "", "b"]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error() {
        assert!(split("a,\"b").is_err());
        assert!(split("\"a\"b,c").is_err());
    }
}
