//! HTTP routes: `/graphql` (POST and GET), GraphiQL at `/`, and health checks.

mod graphiql;
mod graphql;
mod health;

use actix_web::{guard, web};

pub use graphiql::EXAMPLE_QUERY;

/// What the HTTP layer needs from the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Largest `POST /graphql` body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Serve GraphiQL at `/` (and `/graphiql`); without it both answer 404.
    pub graphiql: bool,
}

/// The routes, for `App::configure`.
pub fn routes(options: HttpOptions) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(web::Data::new(options))
            .service(
                web::resource("/graphql")
                    .route(web::post().to(graphql::post))
                    .route(web::get().to(graphql::get))
                    .default_service(web::to(graphql::method_not_allowed)),
            )
            .service(web::resource("/health").to(health::check))
            .service(web::resource("/health/live").to(health::live))
            .service(web::resource("/health/ready").to(health::ready));
        if options.graphiql {
            cfg.service(web::resource("/").guard(guard::Get()).to(graphiql::page))
                .service(web::resource("/graphiql").to(graphiql::redirect));
        }
    }
}
