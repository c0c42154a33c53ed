use std::process::ExitCode;

use clap::{Parser, Subcommand};
use rendezvous::config::Settings;
use rendezvous::db::Db;
use rendezvous::startup::Application;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "rendezvous",
    version,
    about = "Meetup organisation and RSVP platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Run only the mail worker (outbox delivery and reminders).
    Worker,
}

fn init_logging() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json = std::env::var("LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    init_logging();
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("rendezvous: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::Migrate => Db::connect_and_migrate(&settings.database_url, 1)
            .map(|_| tracing::info!("migrations applied"))
            .map_err(|e| e.to_string()),
        Command::Worker => worker(settings).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rendezvous: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn worker(settings: Settings) -> Result<(), String> {
    let db = Db::connect_and_migrate(&settings.database_url, settings.pool_size)
        .map_err(|e| e.to_string())?;
    let mailer = rendezvous::mail::Mailer::from_settings(&settings)?;
    tracing::info!("mail worker running");
    rendezvous::mail::worker::run(db, mailer, settings).await;
    Ok(())
}

async fn serve(settings: Settings) -> Result<(), String> {
    let bind = settings.bind.clone();
    let base = settings.base_url.clone();
    let app = Application::build(settings)
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!(%bind, %base, "rendezvous is listening");
    app.run_until_stopped().await.map_err(|e| e.to_string())
}
