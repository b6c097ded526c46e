//! HTTP routes: `/graphql` (POST and GET), GraphiQL at `/`, and health checks.

mod graphiql;
mod health;

use actix_web::{guard, web};
use async_graphql_actix_web::{GraphQLRequest, GraphQLResponse};

use crate::graphql::GoallineSchema;

pub use graphiql::EXAMPLE_QUERY;

async fn graphql(schema: web::Data<GoallineSchema>, request: GraphQLRequest) -> GraphQLResponse {
    schema.execute(request.into_inner()).await.into()
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/graphql")
            .route(web::post().to(graphql))
            .route(web::get().to(graphql)),
    )
    .service(web::resource("/").guard(guard::Get()).to(graphiql::page))
    .service(web::resource("/graphiql").to(graphiql::redirect))
    .service(web::resource("/health").to(health::check));
}
