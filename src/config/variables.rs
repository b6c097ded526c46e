//! Every environment variable goalline reads, once: its name, its default and what it does.
//! `Settings::from_lookup` takes its defaults from here; `goalline --help`, `.env.example` and
//! the README's table are written from here (a test checks the two files).

/// One environment variable.
#[derive(Debug, Clone, Copy)]
pub struct Variable {
    pub name: &'static str,
    /// The value used when the variable is not set ("" for none).
    pub default: &'static str,
    /// What it does and which values it takes (Markdown, one line).
    pub doc: &'static str,
}

const fn var(name: &'static str, default: &'static str, doc: &'static str) -> Variable {
    Variable { name, default, doc }
}

/// In the order `--help`, `.env.example` and the README list them.
pub const VARIABLES: &[Variable] = &[
    var("DATABASE_URL", "goalline.db", "a SQLite file path (created if missing), or a `postgres://` URL"),
    var("HOST", "127.0.0.1", "address to listen on: `localhost`, `127.0.0.1`, or `0.0.0.0` for all"),
    var("PORT", "8080", "port to listen on"),
    var("DATABASE_POOL_SIZE", "8", "database connections (1-256)"),
    var("GOALLINE_SEED", "true", "built-in data for a database that lacks it: `true` everything (the 2022 World Cup, then the whole history), `2022` the 2022 World Cup only, `false` nothing"),
    var("LOG_FORMAT", "pretty", "`pretty` or `json` (one object per line)"),
    var("RUST_LOG", "info", "log level and filters, e.g. `goalline=debug,info`"),
    var("GOALLINE_MAX_DEPTH", "10", "deepest field nesting of a query (1-30); see Limits"),
    var("GOALLINE_MAX_ALIASES", "15", "aliases in one query document"),
    var("GOALLINE_MAX_DIRECTIVES", "50", "directives in one query document"),
    var("GOALLINE_MAX_TOKENS", "1000", "lexical tokens in one query document"),
    var("GOALLINE_MAX_COST", "50000", "estimated cost of one operation"),
    var("GOALLINE_MAX_DOCUMENT_SIZE", "16KiB", "bytes of the query text (sizes: `16384`, `16KiB`, `1MiB`)"),
    var("GOALLINE_MAX_BODY_SIZE", "64KiB", "bytes of a `POST /graphql` body; a larger one answers 413"),
    var("GOALLINE_INTROSPECTION", "true", "answer introspection (`__schema`, `__type`; GraphiQL's docs use it)"),
    var("GOALLINE_GRAPHIQL", "true", "serve GraphiQL at `/`; `false`: `/` answers 404"),
    var("GOALLINE_RATE_LIMIT", "10/s", "sustained requests per client at `/graphql` (`10/s`, `600/min`, `1000/h`); `0` turns rate limiting off"),
    var("GOALLINE_RATE_LIMIT_BURST", "50", "requests a client may make at once (1-100000)"),
    var("GOALLINE_PROXY_HOPS", "0", "reverse proxies in front of goalline whose `Forwarded`/`X-Forwarded-For` entries are believed (0-10)"),
    var("GOALLINE_READS_REQUIRE_KEY", "false", "reads (queries over HTTP, subscriptions at `connection_init`) need an API key of any role too; without one: 401 `UNAUTHENTICATED`, or the WebSocket is closed"),
    var("GOALLINE_RESPONSE_CACHE_SIZE", "32MiB", "bytes of answers kept, least recently used out first (`0`: no response cache)"),
    var("GOALLINE_RESPONSE_CACHE_TTL", "300", "seconds an answer is kept at most when nothing invalidates it"),
    var("GOALLINE_LIVE_CACHE_MAX_AGE", "5", "the most `max-age` of an answer showing a match in play (0-3600)"),
    var("GOALLINE_APQ_CACHE_SIZE", "1000", "documents learned by APQ, at most (0: APQ off)"),
    var("GOALLINE_TRUSTED_DOCUMENTS", "", "a JSON file of trusted documents, by SHA-256"),
    var("GOALLINE_TRUSTED_DOCUMENTS_ONLY", "false", "run only the trusted documents"),
    var("GOALLINE_CACHE_MAX_AGE", "300", "seconds a successful GET answer may be cached (0-31536000)"),
    var("GOALLINE_QUERY_TIMEOUT_MS", "10000", "a query running longer is stopped: 503 `QUERY_TIMEOUT` (0: no limit); mutations are never cut short"),
    var("GOALLINE_CORS_ORIGINS", "*", "origins whose pages may read answers: `*` or a comma-separated list"),
    var("GOALLINE_METRICS", "true", "serve `/metrics`"),
];

/// The variable named `name`; every name `Settings` reads is in the table.
pub fn variable(name: &str) -> &'static Variable {
    VARIABLES
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("{name} is read but not in config::variables::VARIABLES"))
}

/// For `goalline --help`.
pub fn help() -> String {
    let mut out =
        String::from("Environment variables (also read from a .env file; the environment wins):\n");
    for v in VARIABLES {
        let default = if v.default.is_empty() {
            "(none)"
        } else {
            v.default
        };
        out.push_str(&format!(
            "  {:<32} default {default}\n      {}\n",
            v.name,
            v.doc.replace('`', "")
        ));
    }
    out
}

/// The text of `.env.example`.
pub fn env_example() -> String {
    let mut out = String::from(
        "# Copy to .env (read at start by dotenvy); the process environment wins over this file.\n\
         # Written from src/config/variables.rs (a test checks it): every variable at its default.\n",
    );
    for v in VARIABLES {
        out.push_str(&format!(
            "\n# {}\n{}={}\n",
            v.doc.replace('`', ""),
            v.name,
            v.default
        ));
    }
    out
}

/// The README's table of variables.
pub fn markdown_table() -> String {
    let mut out = String::from("| variable | default | meaning |\n| --- | --- | --- |\n");
    for v in VARIABLES {
        let default = if v.default.is_empty() {
            "(none)".to_owned()
        } else {
            format!("`{}`", v.default)
        };
        out.push_str(&format!("| `{}` | {default} | {} |\n", v.name, v.doc));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const README_START: &str = "<!-- variables: written from src/config/variables.rs -->\n";
    const README_END: &str = "<!-- end of variables -->";

    /// `GOALLINE_BLESS=1 cargo test config::variables` rewrites the files from the table.
    fn check(path: &str, current: &str, expected: &str) {
        if std::env::var_os("GOALLINE_BLESS").is_some() {
            std::fs::write(path, expected).unwrap();
            return;
        }
        assert!(
            current == expected,
            "{path} is not what src/config/variables.rs writes; run GOALLINE_BLESS=1 cargo test config::variables"
        );
    }

    #[test]
    fn env_example_lists_every_variable_at_its_default() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/.env.example");
        let current = std::fs::read_to_string(path).unwrap();
        check(path, &current, &env_example());
    }

    #[test]
    fn the_readme_table_lists_every_variable() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let current = std::fs::read_to_string(path).unwrap();
        let start = current
            .find(README_START)
            .expect("the README marks its table")
            + README_START.len();
        let end = current[start..]
            .find(README_END)
            .expect("the README ends its table")
            + start;
        let expected = format!(
            "{}{}{}",
            &current[..start],
            markdown_table(),
            &current[end..]
        );
        check(path, &current, &expected);
    }

    #[test]
    fn help_names_every_variable_with_its_default() {
        let text = help();
        for v in VARIABLES {
            assert!(text.contains(v.name), "{}", v.name);
        }
        assert!(text.contains("DATABASE_URL") && text.contains("default goalline.db"));
    }
}
