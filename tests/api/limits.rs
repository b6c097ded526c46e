//! Hostile and broken requests, sent to the real server: each must get exactly the refusal it
//! deserves (HTTP status and `extensions.code`), quickly, without a stack trace, and leave the
//! data as it was. And everything we show people (GraphiQL's example and its documentation
//! query, README's examples) must still pass under the default limits.

use std::time::{Duration, Instant};

use actix_web::web::Bytes;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use goalline::config::DatabaseUrl;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, Backend, TestApp};
use crate::on_both_backends;

const WC: &str = "world-cup-2022";

/// How a request is sent.
enum Send {
    /// POST a JSON body built from a value.
    Json(Value),
    /// POST these bytes with this `Content-Type`.
    Raw(&'static str, Vec<u8>),
    /// POST these bytes in chunks, without a `Content-Length`.
    Chunked(Vec<u8>),
    /// GET with this query string.
    Get(String),
    /// Another method.
    Method(&'static str),
}

/// What must come back.
enum Expect {
    /// This status, and this code on the first error, with `data` absent or null. When
    /// `limit` is given, `extensions.limit` must be it and the message must name it.
    Refused {
        status: u16,
        code: &'static str,
        limit: Option<u64>,
    },
    /// 200 with these errors' code, as a resolver answers (`data` holds a null field).
    Answered { code: &'static str },
    /// 200 without errors; the field at this dotted path is an empty list.
    Empty(&'static str),
}

struct Case {
    what: String,
    send: Send,
    expect: Expect,
}

fn query(q: impl Into<String>) -> Send {
    Send::Json(json!({ "query": q.into() }))
}

fn refused(status: u16, code: &'static str) -> Expect {
    Expect::Refused {
        status,
        code,
        limit: None,
    }
}

fn over(code: &'static str, limit: u64) -> Expect {
    Expect::Refused {
        status: 200,
        code,
        limit: Some(limit),
    }
}

fn case(what: impl Into<String>, send: Send, expect: Expect) -> Case {
    Case {
        what: what.into(),
        send,
        expect,
    }
}

/// `tournament { final { tournament { final ... } } }`, `levels` fields deep in all.
fn chain(levels: usize) -> String {
    let mut q = String::new();
    let mut closing = String::new();
    for i in 0..levels - 1 {
        q.push_str(match i {
            0 => "{ tournament(slug: \"world-cup-2022\") { ",
            i if i % 2 == 1 => "final { ",
            _ => "tournament { ",
        });
        closing.push_str("} ");
    }
    q + "number " + &closing + "}"
}

/// The query GraphiQL sends for its documentation pane: graphql-js's `getIntrospectionQuery`,
/// with `typeDepth` levels of `ofType` (7 in graphql-js 16, which GraphiQL 3 uses; 9 in 17).
fn introspection_query(type_depth: usize) -> String {
    let mut type_ref = String::from("kind name");
    for _ in 0..type_depth {
        type_ref = format!("kind name ofType {{ {type_ref} }}");
    }
    format!(
        "query IntrospectionQuery {{
          __schema {{
            description
            queryType {{ name kind }} mutationType {{ name kind }} subscriptionType {{ name kind }}
            types {{ ...FullType }}
            directives {{ name description isRepeatable locations
              args(includeDeprecated: true) {{ ...InputValue }} }}
          }}
        }}
        fragment FullType on __Type {{
          kind name description specifiedByURL isOneOf
          fields(includeDeprecated: true) {{
            name description args(includeDeprecated: true) {{ ...InputValue }}
            type {{ ...TypeRef }} isDeprecated deprecationReason
          }}
          inputFields(includeDeprecated: true) {{ ...InputValue }}
          interfaces {{ ...TypeRef }}
          enumValues(includeDeprecated: true) {{ name description isDeprecated deprecationReason }}
          possibleTypes {{ ...TypeRef }}
        }}
        fragment InputValue on __InputValue {{
          name description type {{ ...TypeRef }} defaultValue isDeprecated deprecationReason
        }}
        fragment TypeRef on __Type {{ {type_ref} }}"
    )
}

const INJECTIONS: [&str; 6] = [
    "'; DROP TABLE matches; --",
    "\" OR 1=1 --",
    "world-cup-2022' OR '1'='1",
    "ARG'); DELETE FROM teams; --",
    "%%",
    "_%_",
];

fn corpus() -> Vec<Case> {
    let mut cases = vec![
        // Depth.
        case("11 fields deep", query(chain(11)), over("QUERY_TOO_DEEP", 10)),
        case(
            "11 fields deep through a chain of fragments",
            query(
                "{ tournament(slug: \"world-cup-2022\") { ...T1 } }
                 fragment T1 on Tournament { final { ...M1 } }
                 fragment M1 on Match { tournament { ...T2 } }
                 fragment T2 on Tournament { final { ...M2 } }
                 fragment M2 on Match { tournament { ...T3 } }
                 fragment T3 on Tournament { final { ...M3 } }
                 fragment M3 on Match { tournament { ...T4 } }
                 fragment T4 on Tournament { final { ...M4 } }
                 fragment M4 on Match { tournament { ...T5 } }
                 fragment T5 on Tournament { final { number } }",
            ),
            over("QUERY_TOO_DEEP", 10),
        ),
        case(
            "40 nested inline fragments",
            query("{ ".to_owned() + &"... on Query { ".repeat(40) + "__typename" + &" }".repeat(41)),
            over("QUERY_TOO_DEEP", 32),
        ),
        case(
            "200 nested selection sets (past the parser's own limit of 64)",
            query("{ ".to_owned() + &"a { ".repeat(200) + "b" + &" }".repeat(201)),
            over("QUERY_TOO_DEEP", 32),
        ),
        case(
            "a chain of 40 fragments, each spreading the next",
            query({
                let mut q = String::from("{ ...F0 }");
                for i in 0..40 {
                    q.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
                }
                q + " fragment F40 on Query { __typename }"
            }),
            over("QUERY_TOO_DEEP", 32),
        ),
        case(
            "a list argument nested 100 deep",
            query(format!(
                "{{ tournament(slug: {}\"x\"{}) {{ name }} }}",
                "[".repeat(100),
                "]".repeat(100)
            )),
            over("QUERY_TOO_DEEP", 32),
        ),
        case(
            "introspection that walks from type to type three times",
            query("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"),
            over("QUERY_TOO_DEEP", 2),
        ),
        case(
            "the same through __type and ofType",
            query(
                "{ __type(name: \"Match\") { fields { type { ofType { fields { type { ofType {
                   fields { name } } } } } } } } }",
            ),
            over("QUERY_TOO_DEEP", 2),
        ),
        // Aliases.
        case(
            "16 aliases",
            query(format!(
                "{{ {} }}",
                (1..=16)
                    .map(|i| format!("t{i}: tournament(slug: \"{WC}\") {{ name }}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            over("TOO_MANY_ALIASES", 15),
        ),
        case(
            "16 aliases, half of them in a fragment",
            query(format!(
                "{{ ...F {} }} fragment F on Query {{ {} }}",
                (1..=8)
                    .map(|i| format!("a{i}: __typename"))
                    .collect::<Vec<_>>()
                    .join(" "),
                (1..=8)
                    .map(|i| format!("b{i}: __typename"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            over("TOO_MANY_ALIASES", 15),
        ),
        // Directives.
        case(
            "51 directives on one field",
            query(format!("{{ __typename {} }}", "@include(if: true) ".repeat(51))),
            over("TOO_MANY_DIRECTIVES", 50),
        ),
        case(
            "51 directives over many fields",
            query(format!(
                "{{ tournaments {{ {} }} }}",
                "name @skip(if: false) ".repeat(51)
            )),
            over("TOO_MANY_DIRECTIVES", 50),
        ),
        // Size and tokens.
        case(
            "a 20 KiB string argument",
            query(format!(
                "{{ player(name: \"{}\") {{ name }} }}",
                "x".repeat(20 * 1024)
            )),
            over("DOCUMENT_TOO_LARGE", 16 * 1024),
        ),
        case(
            "17 KiB of comment",
            query(format!("# {}\n{{ __typename }}", "z".repeat(17 * 1024))),
            over("DOCUMENT_TOO_LARGE", 16 * 1024),
        ),
        case(
            "1200 fields",
            query(format!("{{ {} }}", "__typename ".repeat(1200))),
            over("TOO_MANY_TOKENS", 1000),
        ),
        case(
            "a list of 1000 numbers",
            query(format!(
                "{{ tournament(slug: [{}]) {{ name }} }}",
                "1 ".repeat(1000)
            )),
            over("TOO_MANY_TOKENS", 1000),
        ),
        // Cost.
        case(
            "lists within lists within lists",
            query(
                "{ tournaments { matches { goals { scorer { goals { match { goals { minute } } } } } } } }",
            ),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        case(
            "15 aliases (allowed) of an expensive field",
            query(format!(
                "{{ {} }}",
                (1..=15)
                    .map(|i| format!("t{i}: tournaments {{ matches {{ goals {{ scorer {{ goals {{ minute }} }} }} }} }}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        case(
            "people(first: 100) with lists below",
            query("{ people(filter: { name: \"ma\" }, first: 100) { nodes { goals { match { goals { scorer { goals { minute } } } } } } } }"),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        case(
            "the same with the page size in a variable",
            Send::Json(json!({
                "query": "query($n: Int!) { people(filter: { name: \"ma\" }, first: $n) { nodes { goals { match { goals { scorer { goals { minute } } } } } } } }",
                "variables": { "n": 100 },
            })),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        case(
            "the last 100 matches, through edges, with lists below",
            query("{ matches(last: 100) { edges { node { goals { scorer { goals { match { goals { minute } } } } } } } } }"),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        case(
            "40 fragments each spreading the next twice (2^40 copies)",
            query({
                let mut q = String::from("{ ...F0 }");
                for i in 0..40 {
                    q.push_str(&format!(" fragment F{i} on Query {{ ...F{} ...F{} }}", i + 1, i + 1));
                }
                q + " fragment F40 on Query { tournaments { name } }"
            }),
            over("QUERY_TOO_COMPLEX", 50_000),
        ),
        // Broken documents.
        case(
            "two fragments spreading each other",
            query("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        case(
            "a fragment spreading itself below a field",
            query(
                "{ tournament(slug: \"world-cup-2022\") { ...T } }
                 fragment T on Tournament { final { tournament { ...T } } }",
            ),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        case(
            "an unknown operation name",
            Send::Json(json!({ "query": "query A { __typename }", "operationName": "B" })),
            refused(200, "OPERATION_RESOLUTION_FAILURE"),
        ),
        case(
            "two operations and no name",
            query("query A { __typename } query B { __typename }"),
            refused(200, "OPERATION_RESOLUTION_FAILURE"),
        ),
        case(
            "a variable of the wrong type",
            Send::Json(json!({
                "query": "query($slug: String!) { tournament(slug: $slug) { name } }",
                "variables": { "slug": 2022 },
            })),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        case(
            "a required variable missing",
            query("query($slug: String!) { tournament(slug: $slug) { name } }"),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        case(
            "an undeclared variable",
            query("{ tournament(slug: $slug) { name } }"),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        case("an empty document", query(""), refused(200, "GRAPHQL_PARSE_FAILED")),
        case(
            "an unterminated string",
            query("{ tournament(slug: \"world-cup-2022) { name } }"),
            refused(200, "GRAPHQL_PARSE_FAILED"),
        ),
        case(
            "a mutation (there are none)",
            query("mutation { dropEverything }"),
            refused(200, "GRAPHQL_VALIDATION_FAILED"),
        ),
        // Broken HTTP.
        case(
            "a body that is not JSON",
            Send::Raw("application/json", b"{\"query\": \"{ __typename }\"".to_vec()),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "an empty body",
            Send::Raw("application/json", Vec::new()),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "a batch (JSON array)",
            Send::Raw(
                "application/json",
                br#"[{"query":"{ __typename }"},{"query":"{ __typename }"}]"#.to_vec(),
            ),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "a JSON string instead of an object",
            Send::Raw("application/json", br#""{ __typename }""#.to_vec()),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "a query that is a number",
            Send::Json(json!({ "query": 42 })),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "variables that are a list",
            Send::Json(json!({ "query": "{ __typename }", "variables": [1, 2] })),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "no query at all",
            Send::Json(json!({ "operationName": "A" })),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "variables nested 1000 deep",
            Send::Raw(
                "application/json",
                format!(
                    "{{\"query\":\"{{ __typename }}\",\"variables\":{{\"v\":{}1{}}}}}",
                    "[".repeat(1000),
                    "]".repeat(1000)
                )
                .into_bytes(),
            ),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "a multipart upload",
            Send::Raw(
                "multipart/form-data; boundary=X",
                b"--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--X--\r\n"
                    .to_vec(),
            ),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "a 100 KiB body",
            Send::Json(json!({
                "query": "query($s: String!) { tournament(slug: $s) { name } }",
                "variables": { "s": "x".repeat(100 * 1024) },
            })),
            refused(413, "PAYLOAD_TOO_LARGE"),
        ),
        case(
            "a 100 KiB body in chunks, without Content-Length",
            Send::Chunked(
                serde_json::to_vec(&json!({
                    "query": "query($s: String!) { tournament(slug: $s) { name } }",
                    "variables": { "s": "x".repeat(100 * 1024) },
                }))
                .unwrap(),
            ),
            refused(413, "PAYLOAD_TOO_LARGE"),
        ),
        case("GET without a query", Send::Get(String::new()), refused(400, "BAD_REQUEST")),
        case(
            "GET with variables that are not JSON",
            Send::Get("query=%7B__typename%7D&variables=%7Bnope".into()),
            refused(400, "BAD_REQUEST"),
        ),
        case(
            "GET with a depth bomb",
            Send::Get(format!(
                "query={}",
                chain(11).replace(' ', "%20").replace('"', "%22").replace('{', "%7B").replace('}', "%7D")
            )),
            over("QUERY_TOO_DEEP", 10),
        ),
        case("PUT", Send::Method("PUT"), refused(405, "METHOD_NOT_ALLOWED")),
        // Data that is not what it claims, in every string argument.
        case(
            "a huge variable string as a name",
            Send::Json(json!({
                "query": "query($n: String!) { player(name: $n) { name } }",
                "variables": { "n": "x".repeat(50 * 1024) },
            })),
            Expect::Answered { code: "NOT_FOUND" },
        ),
    ];
    for text in INJECTIONS {
        let s = serde_json::to_string(text).unwrap();
        cases.push(case(
            format!("tournament(slug: {s})"),
            query(format!("{{ tournament(slug: {s}) {{ name }} }}")),
            Expect::Answered { code: "NOT_FOUND" },
        ));
        cases.push(case(
            format!("team(code: {s})"),
            query(format!("{{ team(code: {s}) {{ name }} }}")),
            Expect::Answered { code: "NOT_FOUND" },
        ));
        cases.push(case(
            format!("player(name: {s})"),
            query(format!("{{ player(name: {s}) {{ name }} }}")),
            Expect::Answered { code: "NOT_FOUND" },
        ));
        cases.push(case(
            format!("people(filter: {{ name: {s} }})"),
            query(format!(
                "{{ people(filter: {{ name: {s} }}) {{ nodes {{ name }} }} }}"
            )),
            Expect::Empty("people.nodes"),
        ));
        cases.push(case(
            format!("team(code:) {s} in a variable"),
            Send::Json(json!({
                "query": "query($c: String) { team(code: $c) { squad(tournament: $c) { person { name } } } }",
                "variables": { "c": text },
            })),
            Expect::Answered { code: "NOT_FOUND" },
        ));
    }
    cases
}

/// Sends a request and returns its status and its body, which must be JSON.
async fn send(app: &TestApp, how: &Send) -> (u16, Value) {
    let url = format!("{}/graphql", app.address);
    let sent = match how {
        Send::Json(body) => app.client.post(&url).send_json(body).await,
        Send::Raw(content_type, body) => {
            app.client
                .post(&url)
                .insert_header(("content-type", *content_type))
                .send_body(body.clone())
                .await
        }
        Send::Chunked(body) => {
            let chunks: Vec<Result<Bytes, std::io::Error>> = body
                .chunks(8 * 1024)
                .map(|c| Ok(Bytes::copy_from_slice(c)))
                .collect();
            app.client
                .post(&url)
                .insert_header(("content-type", "application/json"))
                .send_stream(async_graphql::futures_util::stream::iter(chunks))
                .await
        }
        Send::Get(params) => app.client.get(format!("{url}?{params}")).send().await,
        Send::Method(method) => {
            let method = awc::http::Method::from_bytes(method.as_bytes()).unwrap();
            app.client.request(method, &url).send().await
        }
    };
    let mut response = sent.expect("the server answers");
    let status = response.status().as_u16();
    let body = response.body().limit(16 << 20).await.expect("body");
    let json = serde_json::from_slice(&body).unwrap_or_else(|_| {
        panic!(
            "status {status}: not JSON: {}",
            String::from_utf8_lossy(&body)
        )
    });
    (status, json)
}

fn check(case: &Case, status: u16, body: &Value) {
    let what = &case.what;
    let error = &body["errors"][0];
    let message = error["message"].as_str().unwrap_or_default();
    for leak in ["panicked", "stack backtrace", "RUST_BACKTRACE", "src/"] {
        assert!(!message.contains(leak), "{what}: {message}");
    }
    match case.expect {
        Expect::Refused {
            status: want,
            code,
            limit,
        } => {
            assert_eq!(status, want, "{what}: {body}");
            assert_eq!(error["extensions"]["code"], code, "{what}: {body}");
            assert!(!message.is_empty(), "{what}: {body}");
            assert!(body["data"].is_null(), "{what}: {body}");
            if let Some(limit) = limit {
                assert_eq!(error["extensions"]["limit"], limit, "{what}: {body}");
                assert!(
                    message.contains(&format!("limit of {limit}")),
                    "{what}: {message}"
                );
            }
        }
        Expect::Answered { code } => {
            assert_eq!(status, 200, "{what}: {body}");
            assert_eq!(error["extensions"]["code"], code, "{what}: {body}");
            assert!(body.get("data").is_some(), "{what}: {body}");
        }
        Expect::Empty(field) => {
            assert_eq!(status, 200, "{what}: {body}");
            assert!(body.get("errors").is_none(), "{what}: {body}");
            let found = field.split('.').fold(&body["data"], |v, key| &v[key]);
            assert_eq!(found, &json!([]), "{what}: {body}");
        }
    }
}

/// Counts that must not change, whatever was sent.
async fn census(app: &TestApp) -> Value {
    app.data(
        r#"{ tournament(slug: "world-cup-2022") { matches { number goals { minute } } teams { code } }
             teams { code } people(filter: { name: "ma" }, first: 100) { totalCount nodes { name } } }"#,
    )
    .await
}

#[actix_web::test]
async fn hostile_and_broken_requests_get_exactly_their_refusal() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    let before = census(&app).await;
    assert_eq!(
        before["tournament"]["matches"].as_array().unwrap().len(),
        64
    );

    let cases = corpus();
    assert!(
        cases.len() >= 25,
        "the corpus holds {} requests",
        cases.len()
    );
    for case in &cases {
        let started = Instant::now();
        let (status, body) = send(&app, &case.send).await;
        check(case, status, &body);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{}: took {:?}",
            case.what,
            started.elapsed()
        );
    }

    // Nothing was dropped, deleted or changed, and the server still answers.
    assert_eq!(census(&app).await, before);
    assert_eq!(app.get("/health/ready").await.status, 200);
}

#[actix_web::test]
async fn what_we_show_people_passes_the_default_limits() {
    let app = spawn_app(Backend::Sqlite).await.unwrap();

    // GraphiQL's example.
    let data = app.data(goalline::http::EXAMPLE_QUERY).await;
    assert_eq!(data["tournament"]["winner"]["name"], "Argentina");

    // GraphiQL's documentation query, as graphql-js 16 and 17 write it.
    for type_depth in [7, 9] {
        let data = app.data(&introspection_query(type_depth)).await;
        let types = data["__schema"]["types"].as_array().unwrap();
        assert!(types.iter().any(|t| t["name"] == "Match"));
    }

    // Every GraphQL example in the README and docs/.
    let examples = crate::helpers::documented_examples();
    assert!(
        examples.len() >= 6,
        "the documentation's examples were not found"
    );
    for example in examples.iter().map(String::as_str) {
        let body = app.post(example, json!({})).await;
        let kind = example.trim_start();
        if kind.starts_with("subscription") {
            // Subscriptions run over WebSocket (tests/api/live.rs); here: it is valid GraphQL.
            async_graphql::parser::parse_query(example).expect(example);
        } else if kind.starts_with("mutation") {
            // Past parsing, validation and limits, a write without a key is refused for it.
            assert_eq!(
                body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
                "{example}\n{body:#}"
            );
        } else {
            assert!(body.get("errors").is_none(), "{example}\n{body:#}");
        }
    }
}

/// Each answer that ran says what it was estimated to cost and the limit it was held to: a
/// field costs 1, a list its items' cost times `first`, or times its largest size in the data.
async fn answers_report_their_estimated_cost(app: TestApp) {
    let cost = |body: &Value| body["extensions"]["cost"].clone();
    let one = app
        .post(
            r#"{ tournament(slug: "world-cup-2022") { name } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        cost(&one),
        json!({ "estimated": 2, "limit": 50000 }),
        "{one:#}"
    );
    let listed = app
        .post(
            r#"query Scorers($n: Int!) {
                 tournament(slug: "world-cup-2022") { topScorers(first: $n) { goals person { name } } }
               }"#,
            json!({ "n": 3 }),
        )
        .await;
    // tournament 1 + topScorers 3 x (1 + goals 1 + person (1 + name 1)).
    assert_eq!(cost(&listed)["estimated"], 1 + 3 * 4, "{listed:#}");
    // A list without `first` counts as long as it is in the data: every team.
    let unstated = app.post("{ teams { code } }", json!({})).await;
    let teams = unstated["data"]["teams"].as_array().unwrap().len();
    assert!(teams > 10, "{unstated:#}");
    assert_eq!(cost(&unstated)["estimated"], teams * 2, "{unstated:#}");
    // A request refused before running reports no cost.
    let refused = app.post("{ nope }", json!({})).await;
    assert!(refused["extensions"].get("cost").is_none(), "{refused:#}");
}

on_both_backends!(answers_report_their_estimated_cost);

#[actix_web::test]
async fn limits_follow_the_settings_and_name_their_value() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.limits.max_depth = 5;
        s.limits.max_aliases = 1;
        s.limits.max_directives = 1;
        s.limits.max_tokens = 60;
        s.limits.max_cost = 100;
        s.limits.max_document_bytes = 300;
        s.max_body_bytes = 2048;
    })
    .await
    .unwrap();
    let refusal = |q: String| {
        let app = &app;
        async move { app.first_error(&q).await }
    };

    // The GraphiQL example is 6 fields deep: too deep for 5, and the message says both.
    let q = r#"{ tournament(slug: "world-cup-2022") { final { penaltyShootout { kicks { taker { name } } } } } }"#;
    let err = refusal(q.to_owned()).await;
    assert_eq!(err["extensions"]["code"], "QUERY_TOO_DEEP");
    assert_eq!(err["extensions"]["limit"], 5);
    assert!(
        err["message"].as_str().unwrap().contains("6 fields deep"),
        "{err}"
    );

    let err = refusal("{ a: __typename b: __typename }".into()).await;
    assert_eq!(err["extensions"]["code"], "TOO_MANY_ALIASES");
    assert_eq!(
        err["message"],
        "the query uses 2 aliases, more than the limit of 1"
    );

    let err = refusal("{ __typename @skip(if: false) @include(if: true) }".into()).await;
    assert_eq!(err["extensions"]["code"], "TOO_MANY_DIRECTIVES");
    assert_eq!(err["extensions"]["limit"], 1);

    // Lists count as long as they are in the data (the 2022 World Cup alone here): one
    // tournament x (1 + its 64 matches x (1 + number)) = 1 x (1 + 64 x 2) = 129.
    let err = refusal("{ tournaments { matches { number } } }".into()).await;
    assert_eq!(err["extensions"]["code"], "QUERY_TOO_COMPLEX");
    assert!(
        err["message"].as_str().unwrap().contains("cost is 129"),
        "{err}"
    );
    // A connection counts as a list of its page, its `nodes` being that page:
    // 40 x (1 + nodes (1 + name)) = 120; with the default page of 20, 60 passes.
    let err = refusal("{ people(first: 40) { nodes { name } } }".into()).await;
    assert!(
        err["message"].as_str().unwrap().contains("cost is 120"),
        "{err}"
    );
    let data = app.data("{ people { nodes { name } } }").await;
    assert_eq!(data["people"]["nodes"].as_array().unwrap().len(), 20);

    // 30 fields: 334 bytes, 32 tokens.
    let err = refusal(format!("{{ {}}}", "__typename ".repeat(30))).await;
    assert_eq!(err["extensions"]["code"], "DOCUMENT_TOO_LARGE");
    // 62 one-letter fields: 64 tokens, 128 bytes.
    let names: String = ('a'..='z')
        .chain('a'..='z')
        .chain('a'..='j')
        .map(|c| format!("{c} "))
        .collect();
    let err = refusal(format!("{{ {names}}}")).await;
    assert_eq!(err["extensions"]["code"], "TOO_MANY_TOKENS");
    assert_eq!(err["extensions"]["limit"], 60);

    // Under every limit, a query still runs.
    let data = app
        .data(r#"{ tournament(slug: "world-cup-2022") { winner { name } } }"#)
        .await;
    assert_eq!(data["tournament"]["winner"]["name"], "Argentina");

    // And the body limit is the configured one.
    let (status, body) = send(
        &app,
        &Send::Json(json!({ "query": "{ __typename }", "variables": { "s": "x".repeat(3000) } })),
    )
    .await;
    assert_eq!(status, 413);
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2048 bytes"),
        "{body}"
    );
}

#[actix_web::test]
async fn introspection_and_graphiql_can_be_turned_off() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.introspection = false;
        s.graphiql = false;
    })
    .await
    .unwrap();
    for q in [
        "{ __schema { types { name } } }",
        r#"{ __type(name: "Match") { name } }"#,
        "{ ...I } fragment I on Query { __schema { queryType { name } } }",
    ] {
        let err = app.first_error(q).await;
        assert_eq!(err["extensions"]["code"], "INTROSPECTION_DISABLED", "{q}");
    }
    // `__typename` is not introspection of the schema; clients add it everywhere.
    let data = app
        .data(r#"{ __typename tournament(slug: "world-cup-2022") { __typename name } }"#)
        .await;
    assert_eq!(data["tournament"]["__typename"], "Tournament");

    assert_eq!(app.get("/").await.status, 404);
    assert_eq!(app.get("/graphiql").await.status, 404);
    // The API itself is still served.
    assert_eq!(app.get("/health/live").await.status, 200);

    // By default both are on.
    let app = spawn_app(Backend::Sqlite).await.unwrap();
    assert_eq!(app.get("/").await.status, 200);
    let data = app.data("{ __schema { queryType { name } } }").await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
}

/// Runs SQL on the test's database, beside the server.
fn execute(app: &TestApp, sql: &str) {
    match app._db.url() {
        DatabaseUrl::Sqlite(path) => diesel::SqliteConnection::establish(&path.to_string_lossy())
            .unwrap()
            .batch_execute(sql)
            .unwrap(),
        DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(&url)
            .unwrap()
            .batch_execute(sql)
            .unwrap(),
    }
}

async fn readiness_needs_an_answering_database_with_every_migration(app: TestApp) {
    // The read model is built in the background at start; a query waits for it.
    app.data("{ teams { code } }").await;
    for path in ["/health", "/health/live", "/health/ready"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.json()["status"], "ok", "{path}");
    }

    // Forget the last migration, as a database an older release migrated would.
    execute(
        &app,
        "DELETE FROM __diesel_schema_migrations
         WHERE version = (SELECT max(version) FROM __diesel_schema_migrations)",
    );
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status, 503);
    let body = ready.json();
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["code"], "MIGRATIONS_PENDING");
    assert_eq!(body["pending"].as_array().unwrap().len(), 1, "{body}");
    assert!(body["reason"].as_str().unwrap().contains("migration"));
    // Alive, and the database answers: only readiness says no.
    assert_eq!(app.get("/health/live").await.status, 200);
    assert_eq!(app.get("/health").await.status, 200);

    // With no migration table at all, every migration is pending.
    execute(&app, "DROP TABLE __diesel_schema_migrations");
    let body = app.get("/health/ready").await.json();
    assert!(body["pending"].as_array().unwrap().len() > 1, "{body}");
}

on_both_backends!(readiness_needs_an_answering_database_with_every_migration);
