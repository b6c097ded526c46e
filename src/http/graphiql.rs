//! The GraphiQL page. Its scripts come from a CDN at pinned versions for now; serving them from
//! goalline itself (for offline use) is planned.

use actix_web::{http::header, HttpResponse};

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

const GRAPHIQL_VERSION: &str = "3.8.3";
const REACT_VERSION: &str = "18.3.1";

pub async fn page() -> HttpResponse {
    let query = serde_json::to_string(EXAMPLE_QUERY).unwrap_or_else(|_| "\"\"".into());
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>goalline GraphiQL</title>
  <style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
  <link rel="stylesheet" href="https://unpkg.com/graphiql@{GRAPHIQL_VERSION}/graphiql.min.css">
  <script crossorigin src="https://unpkg.com/react@{REACT_VERSION}/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@{REACT_VERSION}/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@{GRAPHIQL_VERSION}/graphiql.min.js"></script>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script>
    const fetcher = GraphiQL.createFetcher({{ url: new URL('/graphql', window.location.href).toString() }});
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {{ fetcher, defaultQuery: {query}, defaultEditorToolsVisibility: true }})
    );
  </script>
</body>
</html>
"#
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// `/graphiql` leads to the page at `/`.
pub async fn redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/"))
        .finish()
}
