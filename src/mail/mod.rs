//! E-mail: messages are queued in the outbox with the change that causes them (mail to many as
//! one job, expanded by the worker: [`fanout`]), one file per
//! family ([`rsvps`], [`meetups`], [`proposals`], [`accounts`], [`group_mail`]; [`reminders`]
//! and [`follow_up`] when due), all built on [`letter`], and delivered by a worker ([`worker`])
//! over SMTP, or written as `.eml` files without SMTP.

pub mod accounts;
pub mod answer_links;
pub mod cohosts;
pub mod fanout;
pub mod follow_up;
pub mod group_mail;
pub mod guest_rsvps;
pub mod incident_reports;
pub mod invitations;
pub mod letter;
pub mod meetups;
pub mod message;
pub mod polls;
pub mod proposals;
pub mod reconfirm;
pub mod reminders;
pub mod rsvps;
mod sponsors;
pub mod templates;
pub mod unsubscribe;
pub mod welcome;
pub mod worker;

use std::path::PathBuf;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Dir(PathBuf),
}

impl Mailer {
    /// `SMTP_URL` (smtp://host:port, smtp://user:pass@host:587?tls=required, smtps://user:pass@host)
    /// or, without it, `.eml` files in `OUTBOX_DIR`.
    pub fn from_settings(settings: &Settings) -> Result<Mailer, String> {
        match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SMTP_URL is invalid: {e}"))?
                    .timeout(Some(Duration::from_secs(10)))
                    .build();
                Ok(Mailer::Smtp(transport))
            }
            None => Ok(Mailer::Dir(PathBuf::from(&settings.outbox_dir))),
        }
    }

    pub async fn send(&self, name: &str, message: &Message) -> Result<(), String> {
        match self {
            Mailer::Smtp(transport) => transport
                .send(message.clone())
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Dir(dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                // Written aside, then renamed: whoever watches the directory never reads half
                // a mail.
                let path = dir.join(format!("{name}.eml"));
                let partial = dir.join(format!(".{name}.eml.part"));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
                tokio::fs::rename(&partial, &path)
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            }
        }
    }
}
