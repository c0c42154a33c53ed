use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use rendezvous::config::{LogFormat, Settings, SettingsArgs};
use rendezvous::db::Db;
use rendezvous::startup::Application;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "rendezvous",
    version,
    about = "Meetup organisation and RSVP platform",
    after_help = "Every setting is also read from its environment variable and from a .env file."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    settings: SettingsArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Run only the workers (mail outbox and reminders, webhook deliveries).
    Worker,
    /// Import Pelican Markdown reports (a file, or every .md in a folder) into a group.
    ImportPelican {
        #[arg(long)]
        group: String,
        path: std::path::PathBuf,
    },
    /// Write a group's published reports as Pelican Markdown and a static HTML site.
    ExportSite {
        #[arg(long)]
        group: String,
        dir: std::path::PathBuf,
    },
}

fn init_logging(filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if format == LogFormat::Json {
        // Each use case (info) and query (debug) ends with a line giving its time: one slow
        // request shows where its time went.
        builder
            .json()
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .init();
    } else {
        builder.init();
    }
}

/// glibc gives every thread that allocates its own arena (up to 8 per core); with a pool of
/// blocking threads that mostly costs resident memory, not speed. Two arenas are plenty here.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called once before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn main() -> ExitCode {
    limit_malloc_arenas();
    // Before the runtime's threads exist: this may change the environment.
    let _ = dotenvy::dotenv();
    rendezvous::config::unset_blank_variables(&Cli::command());
    let cli = Cli::parse();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the tokio runtime starts")
        .block_on(run(cli))
}

async fn run(cli: Cli) -> ExitCode {
    init_logging(&cli.settings.rust_log, cli.settings.log_format);
    rendezvous::i18n::load_all();
    let settings = match cli.settings.into_settings() {
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
        Command::ImportPelican { group, path } => import_pelican(settings, &group, &path).await,
        Command::ExportSite { group, dir } => export_site(settings, &group, &dir).await,
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
    tokio::spawn(rendezvous::app::series::keep_topped_up(
        db.clone(),
        settings.clone(),
    ));
    tokio::spawn(rendezvous::webhooks::delivery::run(
        db.clone(),
        settings.clone(),
    ));
    rendezvous::mail::worker::run(db, mailer, settings).await;
    Ok(())
}

fn open_db(settings: &Settings) -> Result<Db, String> {
    Db::connect_and_migrate(&settings.database_url, settings.pool_size).map_err(|e| e.to_string())
}

use rendezvous::i18n::{tf, Lang};

async fn import_pelican(
    settings: Settings,
    group: &str,
    path: &std::path::Path,
) -> Result<(), String> {
    let db = open_db(&settings)?;
    let (imported, failures) = rendezvous::cli::import_pelican(&db, group, path).await?;
    let lang = Lang::default();
    println!("{}", tf(lang, "cli-imported", &[("n", &imported)]));
    for failure in &failures {
        eprintln!("  {failure}");
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(tf(lang, "cli-import_failed", &[("n", &failures.len())]))
    }
}

async fn export_site(settings: Settings, group: &str, dir: &std::path::Path) -> Result<(), String> {
    let db = open_db(&settings)?;
    let n = rendezvous::cli::export_site(&db, &settings, group, dir).await?;
    let dir = dir.display().to_string();
    println!(
        "{}",
        tf(Lang::default(), "cli-exported", &[("n", &n), ("dir", &dir)])
    );
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
