//! Settings read from the environment (and `.env` through dotenvy).

use std::time::Duration;

use crate::domain::duration::parse_duration_list;
use crate::domain::group::GroupCreation;

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub bind: String,
    pub base_url: String,
    /// At least 32 bytes; signs session cookies and unsubscribe links.
    pub secret_key: String,
    pub pool_size: u32,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub outbox_dir: String,
    pub reminder_offsets: Vec<Duration>,
    pub mail_retry_max: Duration,
    /// How long after a meetup ends its follow-up mail goes to those who came.
    pub follow_up_after: Duration,
    pub default_locale: String,
    /// Trust `X-Forwarded-For` / `Forwarded` for the client address (only behind a proxy).
    pub trust_forwarded: bool,
    pub argon2: Argon2Cost,
    pub workers: usize,
    pub run_mail_worker: bool,
    /// Organisers' messages a group may send in 24 hours.
    pub messages_per_day: u32,
    /// Local hour (0–23, in each group's time zone) at which daily digests go out.
    pub digest_hour: u32,
    /// Who may create groups.
    pub group_creation: GroupCreation,
    /// Accounts that may always create groups, lowercased.
    pub admin_emails: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
pub struct Argon2Cost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for Argon2Cost {
    /// OWASP's recommended argon2id setting.
    fn default() -> Self {
        Argon2Cost {
            memory_kib: 19_456,
            iterations: 2,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("configuration error in {name}: {message}")]
pub struct ConfigError {
    pub name: &'static str,
    pub message: String,
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

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_var<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.trim().parse().map_err(|_| ConfigError {
            name,
            message: format!("cannot parse {v:?}"),
        }),
    }
}

impl Settings {
    /// Reads `.env` if present, then the process environment.
    pub fn from_env() -> Result<Settings, ConfigError> {
        let _ = dotenvy::dotenv();
        let bind = var("BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = var("BASE_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let secret_key = match var("SECRET_KEY") {
            Some(k) if k.len() >= 32 => k,
            Some(_) => {
                return Err(ConfigError {
                    name: "SECRET_KEY",
                    message: "must be at least 32 characters".into(),
                })
            }
            None => {
                let generated = crate::domain::token::random_hex(32);
                tracing::warn!(
                    "!!! SECRET_KEY is not set: generated a random one for this run. Sessions and \
                     unsubscribe links will not survive a restart. Set SECRET_KEY in production !!!"
                );
                eprintln!("WARNING: SECRET_KEY is not set; using a random key for this run only.");
                generated
            }
        };
        let offsets = var("REMINDER_OFFSETS").unwrap_or_else(|| "24h,2h".into());
        let reminder_offsets = parse_duration_list(&offsets).map_err(|message| ConfigError {
            name: "REMINDER_OFFSETS",
            message,
        })?;
        let retry = var("MAIL_RETRY_MAX").unwrap_or_else(|| "15m".into());
        let mail_retry_max =
            crate::domain::duration::parse_duration(&retry).map_err(|message| ConfigError {
                name: "MAIL_RETRY_MAX",
                message,
            })?;
        let follow_up = var("FOLLOW_UP_AFTER").unwrap_or_else(|| "12h".into());
        let follow_up_after =
            crate::domain::duration::parse_duration(&follow_up).map_err(|message| ConfigError {
                name: "FOLLOW_UP_AFTER",
                message,
            })?;
        let default_locale = var("DEFAULT_LOCALE").unwrap_or_else(|| "en".into());
        if crate::domain::account::Locale::parse(&default_locale).is_none() {
            let codes: Vec<&str> = crate::domain::account::Locale::ALL
                .iter()
                .map(|l| l.code())
                .collect();
            return Err(ConfigError {
                name: "DEFAULT_LOCALE",
                message: format!("must be one of {}", codes.join(", ")),
            });
        }
        let database_url = var("DATABASE_URL").unwrap_or_else(|| "sqlite://rendezvous.db".into());
        Ok(Settings {
            database_url: database_url.clone(),
            bind,
            base_url,
            secret_key,
            pool_size: parse_var("DATABASE_POOL_SIZE", default_pool_size(&database_url))?,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| "Rendezvous <noreply@localhost>".into()),
            outbox_dir: var("OUTBOX_DIR").unwrap_or_else(|| "./outbox".into()),
            reminder_offsets,
            mail_retry_max,
            follow_up_after,
            default_locale,
            trust_forwarded: parse_var("TRUST_FORWARDED", false)?,
            argon2: Argon2Cost {
                memory_kib: parse_var("ARGON2_MEMORY_KIB", Argon2Cost::default().memory_kib)?,
                iterations: parse_var("ARGON2_ITERATIONS", Argon2Cost::default().iterations)?,
            },
            workers: parse_var("WORKERS", 0)?,
            run_mail_worker: parse_var("MAIL_WORKER", true)?,
            messages_per_day: parse_var("MESSAGES_PER_DAY", 10)?,
            group_creation: match var("ALLOW_GROUP_CREATION") {
                None => GroupCreation::Anyone,
                Some(v) => GroupCreation::parse(&v).ok_or_else(|| ConfigError {
                    name: "ALLOW_GROUP_CREATION",
                    message: "must be anyone or admins".into(),
                })?,
            },
            admin_emails: var("ADMIN_EMAILS")
                .unwrap_or_default()
                .split(',')
                .map(|e| e.trim().to_lowercase())
                .filter(|e| !e.is_empty())
                .collect(),
            digest_hour: match parse_var("DIGEST_HOUR", 8)? {
                hour @ 0..=23 => hour,
                _ => {
                    return Err(ConfigError {
                        name: "DIGEST_HOUR",
                        message: "must be an hour from 0 to 23".into(),
                    })
                }
            },
        })
    }

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
