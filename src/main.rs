//! The `goalline` command: serves by default; also migrates, seeds and prints the schema.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use goalline::config::Settings;
use goalline::startup::{self, Application};
use goalline::{db, graphql, import, telemetry};

#[derive(Parser)]
#[command(version, about = "goalline: a GraphQL API of football knowledge")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and GraphiQL (the default).
    Serve,
    /// Create the database if needed, apply migrations and load the built-in data, then exit.
    Migrate,
    /// Import football data files or directories (openfootball Football.TXT match reports
    /// with their squad lists), each file in its own transaction.
    Import {
        /// Files or directories to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the GraphQL schema (SDL), or write it to a file.
    Schema {
        /// Write here instead of standard output (e.g. schema.graphql).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Schema { output }) = cli.command {
        return write_schema(output);
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("goalline: {e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(settings.log_format);
    let result = actix_web::rt::System::new().block_on(async move {
        match cli.command {
            Some(Command::Migrate) => {
                let pool = db::pool(&settings.database_url, 1);
                startup::prepare_database(&pool, settings.seed)
                    .await
                    .map_err(|e| e.message())
            }
            Some(Command::Import { paths }) => {
                let pool = db::pool(&settings.database_url, 1);
                startup::prepare_database(&pool, settings.seed)
                    .await
                    .map_err(|e| e.message())?;
                import_files(&pool, paths).await
            }
            _ => {
                let app = Application::build(&settings)
                    .await
                    .map_err(|e| e.to_string())?;
                app.run_until_stopped().await.map_err(|e| e.to_string())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!(error = %message, "goalline stopped");
            eprintln!("goalline: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn import_files(pool: &db::Pool, paths: Vec<PathBuf>) -> Result<(), String> {
    let started = std::time::Instant::now();
    let summary = db::run(pool, move |conn| {
        let summary = import::import(conn, &paths, |file| {
            eprintln!("{}", import::describe(file));
        })?;
        // Curated facts about teams and people that have just arrived (e.g. West Germany).
        let curated = goalline::seed::apply_curated(conn)?;
        eprintln!("curated facts recorded: {}", curated.recorded);
        Ok(summary)
    })
    .await
    .map_err(|e| e.message())?;
    eprintln!("{}", import::totals(&summary, started.elapsed()));
    match summary.failed() {
        0 => Ok(()),
        n => Err(format!("{n} file(s) could not be imported; see above")),
    }
}

fn write_schema(output: Option<PathBuf>) -> ExitCode {
    let sdl = graphql::sdl();
    match output {
        None => {
            print!("{sdl}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(&path, sdl) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("goalline: cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
    }
}
