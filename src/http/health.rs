//! Health checks: `/health` (the database answers), `/health/live` (the process serves) and
//! `/health/ready` (the database answers, its schema is current and the read model is built).

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::db::{self, Pool};
use crate::error::AppError;
use crate::graphql::Gateway;

/// 200 when a database connection answers a query, 503 otherwise.
pub async fn check(pool: web::Data<Pool>) -> HttpResponse {
    match db::run(&pool, |conn| Ok(conn.batch_execute("SELECT 1")?)).await {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({ "status": "ok" })),
        Err(err) => HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "unavailable",
            "code": err.code(),
        })),
    }
}

/// 200 whenever the process serves requests: for a liveness probe, which should not restart a
/// server only because its database is away.
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// 200 when the database answers a query, no migration of this build is pending and the read
/// model is built, 503 with the reason otherwise: for a readiness probe (or a load balancer)
/// deciding where to send traffic. While the model is being built at start (about a second
/// with the whole history) queries would wait for it. Reads only; it never migrates.
pub async fn ready(pool: web::Data<Pool>, gateway: web::Data<Gateway>) -> HttpResponse {
    let checked = db::run(&pool, |conn| {
        conn.batch_execute("SELECT 1")?;
        Ok(db::pending_migrations(conn))
    })
    .await;
    match checked {
        Ok(pending) if pending.is_empty() && gateway.model_built() => {
            HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
        }
        Ok(pending) if pending.is_empty() => {
            HttpResponse::ServiceUnavailable().json(serde_json::json!({
                "status": "unavailable",
                "code": "MODEL_BUILDING",
                "reason": "the in-memory read model is being built from the database",
            }))
        }
        Ok(pending) => HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "unavailable",
            "code": "MIGRATIONS_PENDING",
            "reason": format!("{} database migration(s) not applied yet", pending.len()),
            "pending": pending,
        })),
        Err(err) => HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "unavailable",
            "code": err.code(),
            "reason": match err {
                AppError::DatabaseUnavailable(_) => "the database does not answer",
                _ => "the database failed a query",
            },
        })),
    }
}
