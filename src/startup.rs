//! Builds the application: pool, migrations, built-in data, schema, HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Instant;

use actix_web::dev::Server;
use actix_web::{middleware, web, App, HttpServer};

use crate::config::Settings;
use crate::db::{self, DbConnection, Pool};
use crate::error::AppError;
use crate::graphql::build_schema;
use crate::http;
use crate::response_cache::ResponseCache;
use crate::seed::{self, BuiltIn};

/// A bound, ready-to-run server. Binding happens in `build`, so `port()` is known before
/// `run` (tests bind port 0 and read the real port back).
pub struct Application {
    port: u16,
    server: Server,
    pool: Pool,
    hub: crate::live::LiveHub,
    stopper: Stopper,
}

/// Stops a running server in order (see `http::shutdown`).
#[derive(Clone)]
pub struct Stopper {
    shutdown: http::Shutdown,
    server: actix_web::dev::ServerHandle,
}

impl Stopper {
    /// Closes WebSockets with 1001, then stops accepting and finishes requests in flight.
    pub async fn stop(&self) {
        self.shutdown.begin();
        self.server.stop(true).await;
    }
}

/// Why the application could not start.
#[derive(Debug)]
pub enum StartError {
    /// The address and why it cannot be listened on.
    Bind(std::net::SocketAddr, std::io::Error),
    /// The SQLite file cannot be created or written (the message names it).
    Storage(String),
    Database(AppError),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bind(address, e) if e.kind() == std::io::ErrorKind::AddrInUse => write!(
                f,
                "cannot listen on {address}: it is in use (another goalline?); set PORT or HOST to another address"
            ),
            Self::Bind(address, e) => write!(f, "cannot listen on {address}: {e}"),
            Self::Storage(message) => write!(f, "{message}"),
            Self::Database(e) => write!(f, "{}", e.message()),
        }
    }
}

impl Application {
    pub async fn build(settings: &Settings) -> Result<Self, StartError> {
        let started = Instant::now();
        // The address first: one in use is refused at once, before a first start's import.
        let address = std::net::SocketAddr::new(settings.host, settings.port);
        let listener = TcpListener::bind(address).map_err(|e| StartError::Bind(address, e))?;
        let port = listener
            .local_addr()
            .map_err(|e| StartError::Bind(address, e))?
            .port();
        db::check_writable(&settings.database_url).map_err(StartError::Storage)?;
        let pool = db::pool(&settings.database_url, settings.pool_size);
        prepare_database(&pool, settings.seed)
            .await
            .map_err(StartError::Database)?;

        // Live changes: written here or, relayed from the database, by any other instance.
        let hub = crate::live::LiveHub::default();
        // Answers kept until a change they depend on reaches the hub (see `response_cache`).
        let cache = ResponseCache::new(settings.response_cache_bytes, settings.response_cache_ttl);
        let observer = cache.clone();
        hub.observe(move |change| observer.observe(change));
        let in_play = db::run(&pool, |c| Ok(crate::live::in_play(c)?))
            .await
            .map_err(StartError::Database)?;
        cache.set_live(in_play);
        hub.start_relay(&settings.database_url, pool.clone());
        let options = settings.schema_options();
        // Built in the background: the server listens at once, and its first readers wait
        // for the model instead of the database.
        let model = crate::graphql::read_model(pool.clone(), &hub, options.read_lifetime);
        let warming = Arc::clone(&model);
        actix_web::rt::spawn(async move {
            if let Err(e) = warming.current().await {
                tracing::warn!(error = %e.message(), "the read model could not be built yet");
            }
        });
        // Another process writing to a SQLite file announces nothing; on PostgreSQL every
        // write, the command line's imports included, notifies the instances.
        if matches!(settings.database_url, crate::config::DatabaseUrl::Sqlite(_)) {
            actix_web::rt::spawn(Arc::clone(&model).renew_every_lifetime());
        }
        let schema = build_schema(pool.clone(), model, hub.clone(), options);
        let http_options = http::HttpOptions {
            max_body_bytes: settings.max_body_bytes,
            graphiql: settings.graphiql,
            reads_require_key: settings.reads_require_key,
            query_timeout_ms: settings.query_timeout_ms,
            cache_max_age: settings.cache_max_age,
            live_cache_max_age: settings.live_cache_max_age,
            metrics: settings.metrics,
        };
        // One per server, shared by its workers.
        let http_state = http::HttpState::new(
            http::PersistedQueries::new(
                settings.apq_cache_size,
                settings.trusted_documents.clone(),
                settings.trusted_documents_only,
            ),
            cache,
            http::Throttle::new(settings.rate_limit, settings.proxy_hops),
        );
        let shutdown = http_state.shutdown.get_ref().clone();
        let cors_origins = settings.cors_origins.clone();
        let app_pool = pool.clone();
        let app_hub = hub.clone();
        let server = HttpServer::new(move || {
            // The last wrapped runs first: `observe` sees every answer, CORS refusals included,
            // and compression (gzip, brotli or zstd, as the client accepts) applies to the body.
            App::new()
                .wrap(middleware::Compress::default())
                .wrap(http::cors(&cors_origins))
                .wrap(middleware::from_fn(http::observe::observe))
                .app_data(web::Data::new(schema.clone()))
                .app_data(web::Data::new(app_pool.clone()))
                .app_data(web::Data::new(app_hub.clone()))
                .configure(http::routes(http_options, http_state.clone()))
        })
        // Database work runs on each worker's blocking threads (512 by default), but no more
        // of it runs at once than the pool has connections: more threads would only wait,
        // each holding a stack and a malloc arena.
        .worker_max_blocking_threads(settings.pool_size as usize)
        .listen(listener)
        .map_err(|e| StartError::Bind(address, e))?
        .shutdown_timeout(10)
        // Signals are handled in `run_until_stopped`, which closes WebSockets first.
        .disable_signals()
        .run();
        let stopper = Stopper {
            shutdown,
            server: server.handle(),
        };

        tracing::info!(
            address = %format!("http://{}:{port}/", settings.host),
            database = %settings.database_url,
            ready_ms = started.elapsed().as_millis() as u64,
            "goalline is ready"
        );
        let limits = settings.limits;
        tracing::info!(
            max_depth = limits.max_depth,
            max_aliases = limits.max_aliases,
            max_directives = limits.max_directives,
            max_tokens = limits.max_tokens,
            max_cost = limits.max_cost,
            max_document_bytes = limits.max_document_bytes,
            max_body_bytes = settings.max_body_bytes,
            introspection = settings.introspection,
            graphiql = settings.graphiql,
            "request limits"
        );
        tracing::info!(
            apq_cache_size = settings.apq_cache_size,
            trusted_documents = settings.trusted_documents.len(),
            trusted_documents_only = settings.trusted_documents_only,
            cache_max_age = settings.cache_max_age,
            live_cache_max_age = settings.live_cache_max_age,
            response_cache_bytes = settings.response_cache_bytes,
            cors_origins = %settings.cors_origins,
            metrics = settings.metrics,
            rate_limit = %settings
                .rate_limit
                .map_or_else(|| "off".to_owned(), |limit| limit.to_string()),
            proxy_hops = settings.proxy_hops,
            "HTTP features"
        );
        Ok(Self {
            port,
            server,
            pool,
            hub,
            stopper,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The broadcast of live changes to this server's subscribers.
    pub fn hub(&self) -> &crate::live::LiveHub {
        &self.hub
    }

    /// What stops this server in order, for callers that manage it themselves (tests).
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }

    /// Serves until the process receives SIGINT or SIGTERM, then closes WebSockets (1001) and
    /// finishes in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stopper = self.stopper.clone();
        actix_web::rt::spawn(async move {
            http::shutdown::signal().await;
            stopper.stop().await;
        });
        self.server.await
    }

    /// The server future, for callers that manage it themselves (tests).
    pub fn into_server(self) -> Server {
        self.server
    }
}

/// Imports the built-in data asked for unless this version of it is recorded as loaded (a
/// first start); later starts find it recorded.
fn load_builtin(conn: &mut DbConnection, seed: BuiltIn) -> Result<(), AppError> {
    let started = Instant::now();
    let (what, summary) = match seed {
        BuiltIn::Nothing => return Ok(()),
        BuiltIn::WorldCup2022 => ("2022 World Cup", seed::load_world_cup_2022(conn)?),
        BuiltIn::History => ("history", seed::load_history(conn)?),
    };
    if let Some(summary) = summary {
        let totals = summary.totals();
        tracing::info!(
            matches = totals.matches.created,
            goals = totals.goals.created,
            warnings = totals.warnings.len(),
            seconds = started.elapsed().as_secs_f64(),
            "built-in {what} loaded"
        );
    }
    Ok(())
}

/// Migrates, then loads the built-in data asked for and applies the curated facts.
pub async fn prepare_database(pool: &Pool, seed: BuiltIn) -> Result<(), AppError> {
    db::run(pool, move |conn| {
        let applied = db::run_migrations(conn)?;
        if applied > 0 {
            tracing::info!(applied, "database migrated");
        }
        if seed != BuiltIn::Nothing {
            load_builtin(conn, seed)?;
            let curated = seed::apply_curated(conn)?;
            if curated.recorded > 0 {
                tracing::info!(facts = curated.recorded, "curated knowledge recorded");
            }
        }
        Ok(())
    })
    .await
}
