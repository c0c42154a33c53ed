//! Settings, declared once: each is a flag and an environment variable of the same name (a
//! `.env` file is read too), and `rendezvous --help` lists them with their defaults.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;
use std::time::Duration;

use clap::{ArgAction, Args, Command, ValueEnum};

use crate::domain::account::Locale;
use crate::domain::duration::{parse_duration, parse_duration_list};
use crate::domain::group::GroupCreation;
use crate::domain::password::Argon2Cost;

/// The largest JSON body accepted; a larger one is refused (413) before any handler runs.
pub const JSON_LIMIT: usize = 64 * 1024;
/// The largest URL-encoded form body accepted (and the Pelican file `POST
/// /api/v1/groups/{slug}/reports/import` takes).
pub const FORM_LIMIT: usize = 256 * 1024;
/// One upload of report files holds at most this many files of at most this size each.
pub const UPLOAD_MAX_FILES: usize = 20;
pub const UPLOAD_MAX_FILE_BYTES: usize = 1024 * 1024;
/// The largest upload of report files as a whole: its files, plus at most a form's limit for
/// its other fields together (each part's few header lines fit in that too). A larger body, or
/// fields over [`FORM_LIMIT`], is refused (413) before any handler runs.
pub const UPLOAD_LIMIT: usize = UPLOAD_MAX_FILES * UPLOAD_MAX_FILE_BYTES + FORM_LIMIT;

/// What the application runs with: built from [`SettingsArgs`], or written out by tests.
#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    pub base_url: String,
    /// At least 32 bytes; signs session cookies and unsubscribe links.
    pub secret_key: SecretKey,
    pub pool_size: u32,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: String,
    pub reminder_offsets: Vec<Duration>,
    pub mail_retry_max: Duration,
    /// How long after a meetup ends its follow-up mail goes to those who came.
    pub follow_up_after: Duration,
    /// How long after a meetup ends the answers to its RSVP questions are kept.
    pub rsvp_answers_retention: Duration,
    pub default_locale: String,
    /// Trust `X-Forwarded-For` / `Forwarded` for the client address (only behind a proxy).
    pub trust_forwarded: bool,
    pub argon2: Argon2Cost,
    pub workers: usize,
    pub run_mail_worker: bool,
    /// Organisers' messages a group may send in 24 hours.
    pub messages_per_day: u32,
    /// Invitations a group may send in 24 hours.
    pub invitations_per_day: u32,
    /// Local hour (0–23, in each group's time zone) at which daily digests go out.
    pub digest_hour: u32,
    /// Who may create groups.
    pub group_creation: GroupCreation,
    /// Accounts that may always create groups, lowercased.
    pub admin_emails: Vec<String>,
    /// Webhooks may go to private and loopback addresses, over plain http too (tests only).
    pub webhook_allow_private: bool,
    /// Names answered before DNS when a webhook's host is resolved, as curl's `--resolve`
    /// (tests give a name a private address this way); the address checks still apply.
    pub webhook_hosts: Vec<(String, std::net::IpAddr)>,
}

/// The key that signs cookies and links. It reads as a `&str` where one is signed or checked,
/// but its `Debug` never shows it, so logging the settings cannot leak it.
#[derive(Clone)]
pub struct SecretKey(String);

impl Deref for SecretKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for SecretKey {
    fn from(key: String) -> Self {
        SecretKey(key)
    }
}

impl From<&str> for SecretKey {
    fn from(key: &str) -> Self {
        SecretKey(key.to_string())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("configuration error in {name}: {message}")]
pub struct ConfigError {
    pub name: &'static str,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    /// One JSON object a line, with the time of each use case and query.
    Json,
}

/// Every setting, as `--help` shows it. Each field is named after its variable.
#[derive(Args)]
pub struct SettingsArgs {
    /// `sqlite://FILE` or `postgres://USER@HOST:PORT/DB` (on a loopback host without `sslmode`,
    /// PostgreSQL is reached without TLS)
    #[arg(
        long,
        env,
        global = true,
        hide_env_values = true,
        default_value = "sqlite://rendezvous.db"
    )]
    database_url: String,
    /// Address and port to listen on
    #[arg(long, env, global = true, default_value = "127.0.0.1:8080")]
    bind: String,
    /// Public URL, used in links, feeds and e-mails; `https://` also marks cookies `Secure`
    /// [default: http://BIND]
    #[arg(long, env, global = true)]
    base_url: Option<String>,
    /// At least 32 characters; signs session cookies and unsubscribe links. Unset, a random key
    /// serves this run only: every restart signs everyone out
    #[arg(long, env, global = true, hide_env_values = true)]
    secret_key: Option<String>,
    /// Connections in the pool [default: 4 on SQLite, 10 on PostgreSQL]
    #[arg(long, env, global = true, value_parser = trimmed::<u32>)]
    database_pool_size: Option<u32>,
    /// Language of pages when neither `?lang=`, `Accept-Language` nor the member's choice decides
    #[arg(long, env, global = true, default_value = "en", value_parser = locale)]
    default_locale: String,
    /// `smtp://host:port`, `smtp://user:pass@host:587` (STARTTLS), `smtps://user:pass@host`;
    /// unset, mail is written to OUTBOX_DIR
    #[arg(long, env, global = true, hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of every e-mail
    #[arg(
        long,
        env,
        global = true,
        default_value = "Rendezvous <noreply@localhost>"
    )]
    mail_from: String,
    /// Where `.eml` files go without SMTP_URL
    #[arg(long, env, global = true, default_value = "./outbox")]
    outbox_dir: String,
    /// Reminders before each meetup, comma-separated (`m`, `h`, `d`)
    #[arg(long, env, global = true, default_value = "24h,2h", value_parser = parse_duration_list)]
    reminder_offsets: ::std::vec::Vec<Duration>,
    /// Longest wait between two delivery attempts
    #[arg(long, env, global = true, default_value = "15m", value_parser = parse_duration)]
    mail_retry_max: Duration,
    /// How long after a meetup ends its follow-up mail goes to those who came
    #[arg(long, env, global = true, default_value = "12h", value_parser = parse_duration)]
    follow_up_after: Duration,
    /// How long after a meetup ends the answers to its RSVP questions are kept
    #[arg(long, env, global = true, default_value = "30d", value_parser = parse_duration)]
    rsvp_answers_retention: Duration,
    /// Messages a group's organisers may send to members in 24 hours
    #[arg(long, env, global = true, default_value_t = 10, value_parser = trimmed::<u32>)]
    messages_per_day: u32,
    /// Invitations a group's organisers may send in 24 hours
    #[arg(long, env, global = true, default_value_t = 200, value_parser = trimmed::<u32>)]
    invitations_per_day: u32,
    /// Local hour (in each group's time zone) at which organisers' daily digests go out
    #[arg(long, env, global = true, default_value_t = 8, value_parser = hour)]
    digest_hour: u32,
    /// `anyone`: every signed-in account may create groups; `admins`: only ADMIN_EMAILS
    #[arg(long, env, global = true, default_value = "anyone", value_parser = group_creation)]
    allow_group_creation: GroupCreation,
    /// Comma-separated e-mail addresses of the administrators, who may always create groups
    #[arg(long, env, global = true, value_delimiter = ',', value_parser = email)]
    admin_emails: Vec<String>,
    /// Run the mail worker (and webhook deliveries) inside `serve`
    #[arg(long, env, global = true, default_value_t = true, action = ArgAction::Set, value_parser = trimmed::<bool>)]
    mail_worker: bool,
    /// Trust `X-Forwarded-For`/`Forwarded` for client addresses (only behind your own proxy)
    #[arg(long, env, global = true, default_value_t = false, action = ArgAction::Set, value_parser = trimmed::<bool>)]
    trust_forwarded: bool,
    /// Let webhooks reach private, loopback and link-local addresses and plain `http://` (for
    /// tests; never on a server others use)
    #[arg(long, env, global = true, default_value_t = false, action = ArgAction::Set, value_parser = trimmed::<bool>)]
    webhook_allow_private: bool,
    /// HTTP worker threads; 0: one per core
    #[arg(long, env, global = true, default_value_t = 0, value_parser = trimmed::<usize>)]
    workers: usize,
    /// Password hashing memory (argon2id; the default is OWASP's setting)
    #[arg(long, env, global = true, default_value_t = 19_456, value_parser = trimmed::<u32>)]
    argon2_memory_kib: u32,
    /// Password hashing passes (argon2id)
    #[arg(long, env, global = true, default_value_t = 2, value_parser = trimmed::<u32>)]
    argon2_iterations: u32,
    /// Log filter, e.g. `info,rendezvous=debug` (which adds each query)
    #[arg(long, env, global = true, default_value = "info")]
    pub rust_log: String,
    /// `json` ends each use case and query with a line giving its time
    #[arg(long, env, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// SQLite has one writer and reads from the page cache: a few connections serve two cores, and
/// each one more only costs memory. PostgreSQL does its work in its own processes.
fn default_pool_size(database_url: &str) -> u32 {
    if database_url.starts_with("sqlite:") {
        4
    } else {
        10
    }
}

fn trimmed<T: FromStr>(text: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("cannot parse {text:?}"))
}

fn hour(text: &str) -> Result<u32, String> {
    match trimmed(text)? {
        hour @ 0..=23 => Ok(hour),
        _ => Err("must be an hour from 0 to 23".into()),
    }
}

fn locale(text: &str) -> Result<String, String> {
    match Locale::parse(text) {
        Some(_) => Ok(text.to_string()),
        None => {
            let codes: Vec<&str> = Locale::ALL.iter().map(|l| l.code()).collect();
            Err(format!("must be one of {}", codes.join(", ")))
        }
    }
}

fn group_creation(text: &str) -> Result<GroupCreation, String> {
    GroupCreation::parse(text).ok_or_else(|| "must be anyone or admins".into())
}

fn email(text: &str) -> Result<String, String> {
    Ok(text.trim().to_lowercase())
}

/// A variable set to blanks counts as unset (`SMTP_URL=` in `.env` means no SMTP). Clap would
/// take the empty value, so they are removed first. Call it before any other thread exists.
pub fn unset_blank_variables(command: &Command) {
    for name in command.get_arguments().filter_map(|arg| arg.get_env()) {
        if std::env::var_os(name).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            std::env::remove_var(name);
        }
    }
}

impl SettingsArgs {
    pub fn into_settings(self) -> Result<Settings, ConfigError> {
        let secret_key = match self.secret_key {
            Some(key) if key.len() >= 32 => key,
            Some(_) => {
                return Err(ConfigError {
                    name: "SECRET_KEY",
                    message: "must be at least 32 characters".into(),
                })
            }
            None => {
                tracing::warn!(
                    "!!! SECRET_KEY is not set: generated a random one for this run. Sessions and \
                     unsubscribe links will not survive a restart. Set SECRET_KEY in production !!!"
                );
                eprintln!("WARNING: SECRET_KEY is not set; using a random key for this run only.");
                crate::domain::token::random_hex(32)
            }
        };
        let base_url = self
            .base_url
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_string();
        Ok(Settings {
            pool_size: self
                .database_pool_size
                .unwrap_or_else(|| default_pool_size(&self.database_url)),
            database_url: self.database_url,
            bind: self.bind,
            base_url,
            secret_key: secret_key.into(),
            smtp_url: self.smtp_url,
            mail_from: self.mail_from,
            outbox_dir: self.outbox_dir,
            reminder_offsets: self.reminder_offsets,
            mail_retry_max: self.mail_retry_max,
            follow_up_after: self.follow_up_after,
            rsvp_answers_retention: self.rsvp_answers_retention,
            default_locale: self.default_locale,
            trust_forwarded: self.trust_forwarded,
            argon2: Argon2Cost {
                memory_kib: self.argon2_memory_kib,
                iterations: self.argon2_iterations,
            },
            workers: self.workers,
            run_mail_worker: self.mail_worker,
            messages_per_day: self.messages_per_day,
            invitations_per_day: self.invitations_per_day,
            digest_hour: self.digest_hour,
            group_creation: self.allow_group_creation,
            admin_emails: self
                .admin_emails
                .into_iter()
                .filter(|e| !e.is_empty())
                .collect(),
            webhook_allow_private: self.webhook_allow_private,
            webhook_hosts: Vec::new(),
        })
    }
}

impl Settings {
    /// Host part of `BASE_URL`, used in iCal UIDs and Message-IDs.
    pub fn host(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base_url);
        let host_port = rest.split('/').next().unwrap_or(rest);
        host_port.split(':').next().unwrap_or(host_port)
    }

    pub fn cookie_secure(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches, Parser};

    #[derive(Parser)]
    #[command(args_override_self = true)]
    struct Cli {
        #[command(flatten)]
        settings: SettingsArgs,
    }

    const KEY: &str = "a-secret-key-of-forty-characters-0123456";

    /// Parsed from flags alone: the test's own environment plays no part.
    fn parse(args: &[&str]) -> Result<Settings, String> {
        let argv = ["rendezvous", "--secret-key", KEY].iter().chain(args);
        let matches = Cli::command()
            .mut_args(|arg| arg.env(None))
            .try_get_matches_from(argv)
            .map_err(|e| e.to_string())?;
        let cli = Cli::from_arg_matches(&matches).map_err(|e| e.to_string())?;
        cli.settings.into_settings().map_err(|e| e.to_string())
    }

    #[test]
    fn help_lists_every_variable_with_its_default() {
        let help = Cli::command().render_long_help().to_string();
        for name in [
            "DATABASE_URL",
            "BIND",
            "BASE_URL",
            "SECRET_KEY",
            "DATABASE_POOL_SIZE",
            "DEFAULT_LOCALE",
            "SMTP_URL",
            "MAIL_FROM",
            "OUTBOX_DIR",
            "REMINDER_OFFSETS",
            "MAIL_RETRY_MAX",
            "FOLLOW_UP_AFTER",
            "RSVP_ANSWERS_RETENTION",
            "MESSAGES_PER_DAY",
            "INVITATIONS_PER_DAY",
            "DIGEST_HOUR",
            "ALLOW_GROUP_CREATION",
            "ADMIN_EMAILS",
            "MAIL_WORKER",
            "TRUST_FORWARDED",
            "WORKERS",
            "ARGON2_MEMORY_KIB",
            "ARGON2_ITERATIONS",
            "RUST_LOG",
            "LOG_FORMAT",
        ] {
            assert!(help.contains(&format!("[env: {name}")), "{name} missing");
        }
        assert!(help.contains("[default: 24h,2h]"));
        assert!(help.contains("[default: 19456]"));
    }

    #[test]
    fn defaults_follow_the_readme() {
        let s = parse(&[]).unwrap();
        assert_eq!(s.database_url, "sqlite://rendezvous.db");
        assert_eq!(
            (s.pool_size, s.base_url.as_str()),
            (4, "http://127.0.0.1:8080")
        );
        assert_eq!(
            s.reminder_offsets,
            [Duration::from_secs(86_400), Duration::from_secs(7_200)]
        );
        assert_eq!(s.mail_retry_max, Duration::from_secs(900));
        assert_eq!(s.follow_up_after, Duration::from_secs(12 * 3600));
        assert_eq!(s.rsvp_answers_retention, Duration::from_secs(30 * 86_400));
        assert_eq!((s.argon2.memory_kib, s.argon2.iterations), (19_456, 2));
        assert!(s.run_mail_worker && !s.trust_forwarded);
        assert_eq!((s.messages_per_day, s.digest_hour, s.workers), (10, 8, 0));
        assert_eq!(s.group_creation, GroupCreation::Anyone);
        assert!(s.smtp_url.is_none() && s.admin_emails.is_empty());
        let s = parse(&["--database-url", "postgres://db/x", "--bind", "0.0.0.0:80"]).unwrap();
        assert_eq!(
            (s.pool_size, s.base_url.as_str()),
            (10, "http://0.0.0.0:80")
        );
    }

    #[test]
    fn values_are_checked_and_tidied() {
        let s = parse(&[
            "--base-url=https://meet.example/",
            "--admin-emails= Ann@Example.org,,bob@example.org",
            "--digest-hour= 23",
            "--mail-worker=false",
        ])
        .unwrap();
        assert_eq!(s.base_url, "https://meet.example");
        assert_eq!(s.admin_emails, ["ann@example.org", "bob@example.org"]);
        assert_eq!(s.digest_hour, 23);
        assert!(!s.run_mail_worker);
        for (flag, message) in [
            ("--digest-hour=24", "must be an hour from 0 to 23"),
            ("--default-locale=de", "must be one of "),
            ("--allow-group-creation=some", "must be anyone or admins"),
            ("--workers=many", "cannot parse \"many\""),
            (
                "--secret-key=short",
                "SECRET_KEY: must be at least 32 characters",
            ),
        ] {
            let error = parse(&[flag]).err().unwrap();
            assert!(error.contains(message), "{flag}: {error}");
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let settings = parse(&[]).unwrap();
        let debug = format!("{settings:?}");
        assert!(!debug.contains(KEY));
        assert!(debug.contains("[redacted]"));
        assert_eq!(&*settings.secret_key, KEY);
    }
}
