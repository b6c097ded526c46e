//! Random documents thrown at the server: real queries cut, repeated and salted with hostile
//! fragments. Whatever arrives, the answer is a GraphQL response with stable codes, never a
//! server error, and the server goes on answering.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, Backend, Dice};

/// Pieces a hostile or careless client might put anywhere in a document.
const SALT: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "...",
    "... on Match { id }",
    "@include(if: true)",
    "@skip(if: $x)",
    "fragment F on Query { ...F }",
    "...F",
    "$x",
    "query Q($x: Int!)",
    "\"\\u0000\"",
    "\"' OR 1=1 --\"",
    "999999999999999999999",
    "-1",
    "first: 0",
    "last: 101",
    "after: \"bm90LWEtY3Vyc29y\"",
    "__typename",
    "__schema { types { name } }",
    "é",
    "🏆",
    "mutation { changePhase(input: {}) { sequence } }",
    "subscription { liveScores { sequence } }",
    "#",
    "\n",
    ",",
    ":",
    "=",
    "null",
    "true",
    "\"\"\"block\"\"\"",
];

fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/queries");
    let mut docs: Vec<String> = std::fs::read_dir(dir)
        .expect("bench/queries")
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    docs.sort();
    docs.push(goalline::http::EXAMPLE_QUERY.to_owned());
    docs
}

/// One random edit of `doc`: a span cut, a span repeated, or a piece of salt put in.
fn mutate(doc: &str, dice: &mut Dice) -> String {
    let chars: Vec<char> = doc.chars().collect();
    let at = dice.below(chars.len() + 1);
    let len = dice.below(12);
    let end = (at + len).min(chars.len());
    let (before, rest) = chars.split_at(at);
    let (span, after) = rest.split_at(end - at);
    let piece: String = match dice.below(3) {
        0 => String::new(),
        1 => span.iter().chain(span).collect(),
        _ => format!(
            "{}{}",
            SALT[dice.below(SALT.len())],
            span.iter().collect::<String>()
        ),
    };
    before.iter().collect::<String>() + &piece + &after.iter().collect::<String>()
}

#[actix_web::test]
async fn random_documents_get_graphql_answers_never_server_errors() {
    let app = spawn_app(Backend::Sqlite).await.expect("SQLite");
    let corpus = corpus();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    let mut answered = 0;
    for round in 0..300 {
        let mut doc = corpus[dice.below(corpus.len())].clone();
        for _ in 0..1 + dice.below(2) {
            doc = mutate(&doc, &mut dice);
        }
        let mut response = app
            .client
            .post(format!("{}/graphql", app.address))
            .send_json(&json!({ "query": doc, "variables": { "x": 1 } }))
            .await
            .expect("an answer");
        let status = response.status().as_u16();
        let body: Value = response.json().limit(16 << 20).await.expect("a JSON body");
        assert!(
            status == 200 || status == 400,
            "round {round}: status {status}\n{doc}\n{body:#}"
        );
        assert!(
            body.get("data").is_some() || body.get("errors").is_some(),
            "round {round}: {body:#}"
        );
        if !body["data"].is_null() && body.get("data").is_some() {
            answered += 1;
        }
        for error in body["errors"].as_array().into_iter().flatten() {
            let code = error["extensions"]["code"]
                .as_str()
                .unwrap_or("(none)")
                .to_owned();
            assert!(
                code != "INTERNAL_SERVER_ERROR" && code != "(none)",
                "round {round}: {code}\n{doc}\n{body:#}"
            );
            *codes.entry(code).or_default() += 1;
        }
    }
    // The edits reach past the parser: some documents still ran (against the database), and
    // refusals came from more than one stage.
    assert!(answered >= 30, "only {answered} ran; {codes:?}");
    assert!(codes.len() >= 2, "{codes:?}");
    assert_eq!(app.get("/health").await.status, 200);
}
