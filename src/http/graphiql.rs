//! The GraphiQL page and the files it loads. `tools/graphiql` builds those files from npm
//! packages at pinned versions into `tools/graphiql/dist` (committed), and `build.rs` embeds
//! them: the page needs nothing but goalline, from the first `cargo run`, and runs
//! subscriptions over WebSocket too. It loads nothing from another host.

use actix_web::{http::header, web, HttpResponse};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/graphiql_assets.rs"));
}

/// Where the embedded files are served; their names carry a hash of their content.
const ASSETS_PATH: &str = "/graphiql/assets";

/// The query GraphiQL opens with: the 2022 World Cup final, told in full.
pub const EXAMPLE_QUERY: &str = r#"# The 2022 World Cup final: Argentina 3-3 France, 4-2 on penalties.
# Press the run button (or Ctrl-Enter). The docs panel lists every type and field.
# Then try, one request each:
#   { search(query: "benzma") { node { ... on Person { name awards { name season } } } } }
#   { tournament(slug: "world-cup-2022") { groups { name standings { team { name } points } } } }
#   { headToHead(teamA: "ARG", teamB: "FRA") { played winsA winsB shootoutWinsA } }
#   { people(filter: { team: "FRA", tournament: "world-cup-2022" }, first: 30) { totalCount nodes { name } } }
#   { tournament(slug: "world-cup-2022") { topScorers(first: 3) { person { name } goals penalties } } }
{
  tournament(slug: "world-cup-2022") {
    name
    winner { name }
    final {
      kickoff
      venue { name city }
      attendance
      homeTeam { name }
      awayTeam { name }
      decidedBy
      winner { name }
      score {
        halfTime { home away }
        fullTime { home away }
        extraTime { home away }
        penalties { home away }
      }
      goals { minute offset penalty ownGoal scorer { name } team { name } }
      penaltyShootout {
        kicks { order team { name } taker { name } outcome homeScore awayScore }
      }
    }
  }
}
"#;

/// The embedded script and stylesheet (`build.rs` refuses to build without them).
fn page_files() -> (&'static str, &'static str) {
    let named = |extension: &str| {
        embedded::ASSETS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| name.ends_with(extension))
            .expect("build.rs embeds the page's script and stylesheet")
    };
    (named(".js"), named(".css"))
}

pub async fn page() -> HttpResponse {
    let (script, stylesheet) = page_files();
    let html = self_contained_page(script, stylesheet);
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// The page around GraphiQL: `head` loads it, `body` (after its element) starts it.
fn html(head: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>goalline GraphiQL</title>
  <style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
{head}
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
{body}
</body>
</html>
"#
    )
}

fn self_contained_page(script: &str, stylesheet: &str) -> String {
    let config = serde_json::json!({ "endpoint": "/graphql", "defaultQuery": EXAMPLE_QUERY });
    // Inside <script>, `</script>` would end the element: JSON may spell `<` as \u003c.
    let config = config.to_string().replace('<', "\\u003c");
    html(
        &format!(
            r#"  <link rel="stylesheet" href="{ASSETS_PATH}/{stylesheet}">
  <script type="application/json" id="graphiql-config">{config}</script>
  <script defer src="{ASSETS_PATH}/{script}"></script>"#
        ),
        "",
    )
}

/// One embedded file. Its name changes with its content, so browsers may keep it for a year.
pub async fn asset(name: web::Path<String>) -> HttpResponse {
    let Some((name, content)) = embedded::ASSETS.iter().find(|(n, _)| *n == name.as_str()) else {
        return HttpResponse::NotFound().finish();
    };
    let content_type = match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(*content)
}

/// `/graphiql` leads to the page at `/`.
pub async fn redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/"))
        .finish()
}
