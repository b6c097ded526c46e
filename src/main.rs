//! The `goalline` command: serves by default; also migrates, seeds and prints the schema.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use goalline::config::Settings;
use goalline::startup::{self, Application};
use goalline::{db, graphql, import, telemetry};

/// mimalloc, not the system's allocator: answering a query allocates and frees thousands of
/// small values (see Cargo.toml and BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Import football data files, directories or http(s) URLs (openfootball Football.TXT
    /// match reports with their squad lists, football.json, cup_stadiums.csv), each file in
    /// its own transaction.
    Import {
        /// Files, directories or http(s) URLs of files to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Manage the API keys that may write (shown once when made; stored hashed).
    Keys {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Play a finished match back as a new match recorded live, event by event, so that
    /// subscribers see it as it "happens" (e.g. `goalline replay 2022-final --speed 65`).
    Replay {
        /// The match: its ID (`Match.id`), its row number, or `2022-final`.
        #[arg(name = "match")]
        match_ref: String,
        /// Match minutes per real minute: 60 plays 90 minutes in 90 seconds; 0 does not wait.
        #[arg(long, default_value_t = 60.0)]
        speed: f64,
    },
    /// Pack the data files an import of the folders reads (and their source notes and
    /// licences) into one bundle, as `src/seed/history.bundle` is made:
    /// `goalline bundle -o src/seed/history.bundle ../shared/data/openfootball ...`.
    Bundle {
        /// Where to write the bundle.
        #[arg(long, short)]
        output: PathBuf,
        /// Data folders; each is stored under its own name.
        #[arg(required = true)]
        folders: Vec<PathBuf>,
    },
    /// Print the GraphQL schema (SDL), or write it to a file.
    Schema {
        /// Write here instead of standard output (e.g. schema.graphql).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum KeyAction {
    /// Make a key and print its token (the only time it is shown).
    Create {
        /// What the key is for, e.g. "match-centre editors".
        #[arg(long)]
        name: String,
        /// reader, editor or admin.
        #[arg(long, default_value = "editor")]
        role: String,
    },
    /// List the keys (never their tokens).
    List,
    /// Revoke a key by its number.
    Revoke { id: i32 },
}

/// Packs what an import of `folders` reads into one bundle; paths are kept below each
/// folder's parent, so `../shared/data/openfootball/x` is stored as `openfootball/x`.
fn write_bundle(output: &std::path::Path, folders: &[PathBuf]) -> ExitCode {
    let packed = import::files_read(folders).and_then(|files| {
        let mut contents = Vec::with_capacity(files.len());
        for file in files {
            let folder = folders
                .iter()
                .find(|f| file.starts_with(f))
                .and_then(|f| f.parent())
                .unwrap_or(std::path::Path::new(""));
            let name = file.strip_prefix(folder).unwrap_or(&file);
            let name = name
                .to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/");
            contents.push((name, std::fs::read(&file)?));
        }
        let count = contents.len();
        let bundle = goalline::seed::bundle::pack(contents)?;
        std::fs::write(output, &bundle)?;
        Ok((count, bundle.len()))
    });
    match packed {
        Ok((count, bytes)) => {
            eprintln!("{}: {count} files, {bytes} bytes", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("goalline: bundle: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    // `--help` ends with every environment variable, its default and meaning.
    let command = Cli::command().after_help(goalline::config::variables_help());
    let cli = Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit());
    match cli.command {
        Some(Command::Schema { output }) => return write_schema(output),
        Some(Command::Bundle { output, folders }) => return write_bundle(&output, &folders),
        _ => {}
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("goalline: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(message) = db::check_writable(&settings.database_url) {
        eprintln!("goalline: {message}");
        return ExitCode::from(2);
    }
    telemetry::init(settings.log_format);
    let result = actix_web::rt::System::new().block_on(async move {
        match cli.command {
            Some(Command::Migrate) => {
                let pool = db::pool(&settings.database_url, 1);
                startup::prepare_database(&pool, settings.seed)
                    .await
                    .map_err(|e| e.message())
            }
            Some(Command::Keys { action }) => {
                let pool = db::pool(&settings.database_url, 1);
                startup::prepare_database(&pool, settings.seed)
                    .await
                    .map_err(|e| e.message())?;
                keys(&pool, action).await
            }
            Some(Command::Replay { match_ref, speed }) => {
                let pool = db::pool(&settings.database_url, 1);
                startup::prepare_database(&pool, settings.seed)
                    .await
                    .map_err(|e| e.message())?;
                replay(&pool, match_ref, speed).await
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
        let mut progress = import::progress::Progress::on_stderr();
        let summary = import::import(conn, &paths, |event| progress.show(event))?;
        progress.finish();
        // Curated facts about teams and people that have just arrived (e.g. West Germany).
        let curated = goalline::seed::apply_curated(conn)?;
        eprintln!("curated facts recorded: {}", curated.recorded);
        // Servers on this PostgreSQL database drop the answers they keep.
        goalline::live::notify_everything_changed(conn, "")?;
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

async fn keys(pool: &db::Pool, action: KeyAction) -> Result<(), String> {
    use goalline::auth::{self, Role};
    let done = db::run(pool, move |conn| match action {
        KeyAction::Create { name, role } => {
            let role = Role::from_db(&role.to_ascii_uppercase()).map_err(|_| {
                goalline::error::AppError::bad_input("role", "reader, editor or admin")
            })?;
            let made = auth::create_key(conn, &name, role)?;
            Ok(format!(
                "key {} ({}, {}) created; its token, shown this once:\n{}",
                made.key.id, made.key.name, made.key.role, made.token
            ))
        }
        KeyAction::List => {
            let keys = auth::list_keys(conn)?;
            Ok(keys
                .iter()
                .map(|k| {
                    let state = match k.revoked_at {
                        Some(at) => format!("revoked {at}"),
                        None => "active".to_owned(),
                    };
                    format!(
                        "{}\t{}\t{}\tcreated {}\t{state}",
                        k.id, k.role, k.name, k.created_at
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        KeyAction::Revoke { id } => {
            let key = auth::revoke_key(conn, id)?;
            Ok(format!("key {} ({}) revoked", key.id, key.name))
        }
    })
    .await
    .map_err(|e| e.message())?;
    println!("{done}");
    Ok(())
}

async fn replay(pool: &db::Pool, match_ref: String, speed: f64) -> Result<(), String> {
    use goalline::live::replay::{self, Pace};
    let summary = db::run(pool, move |conn| {
        let source = replay::find_match(conn, &match_ref)?;
        let mut announced = false;
        replay::replay(conn, source, Pace { speed }, std::thread::sleep, |update| {
            // The match to follow, before its first event (subscribers need it from the start).
            if !std::mem::replace(&mut announced, true) {
                eprintln!(
                    "replaying as match {} ({}): follow it with `subscription {{ matchEvents(matchId: \"{}\") {{ sequence kind }} }}`",
                    update.match_id,
                    goalline::graphql::id::encode("Match", update.match_id).0,
                    goalline::graphql::id::encode("Match", update.match_id).0,
                );
            }
            eprintln!(
                "#{} {} {}-{}{}",
                update.sequence,
                update.kind,
                update.home_score,
                update.away_score,
                update
                    .phase
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            )
        })
    })
    .await
    .map_err(|e| e.message())?;
    for note in &summary.notes {
        eprintln!("note: {note}");
    }
    eprintln!(
        "replayed as match {} ({}): {} changes",
        summary.match_id,
        goalline::graphql::id::encode("Match", summary.match_id).0,
        summary.updates
    );
    if summary.refused.is_empty() {
        Ok(())
    } else {
        Err(format!("the rules refused: {}", summary.refused.join("; ")))
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
