//! E-mail: messages are queued in the outbox with the change that causes them, one file per
//! family ([`rsvps`], [`meetups`], [`proposals`], [`accounts`], [`group_mail`]; [`reminders`]
//! and [`follow_up`] when due), all built on [`letter`], and delivered by a worker ([`worker`])
//! over SMTP, or written as `.eml` files without SMTP.

pub mod accounts;
pub mod answer_links;
pub mod follow_up;
pub mod group_mail;
pub mod letter;
pub mod meetups;
pub mod message;
pub mod proposals;
pub mod reminders;
pub mod rsvps;
pub mod templates;
pub mod unsubscribe;
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
                let path = dir.join(format!("{name}.eml"));
                tokio::fs::write(&path, message.formatted())
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            }
        }
    }
}

/// The mail files build on each other in one direction: a helper two families share goes to a
/// lower file (as `letter`), never into one of them.
#[cfg(test)]
mod layering {
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Each file of `mail/` and the files of `mail/` it names, comments left out.
    fn imports() -> BTreeMap<String, Vec<String>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mail");
        let files: BTreeMap<String, String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "rs"))
            .map(|path| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        files
            .iter()
            .map(|(name, text)| {
                let code: Vec<&str> = text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect();
                let named = files
                    .keys()
                    .filter(|other| *other != name && *other != "mod")
                    .filter(|other| {
                        code.iter().any(|l| {
                            l.contains(&format!("super::{other}"))
                                || l.contains(&format!("crate::mail::{other}"))
                                || (l.contains("super::{") && l.contains(other.as_str()))
                        })
                    })
                    .cloned()
                    .collect();
                (name.clone(), named)
            })
            .collect()
    }

    #[test]
    fn no_two_mail_files_import_each_other() {
        let imports = imports();
        assert!(
            imports["rsvps"].contains(&"letter".to_string()),
            "{imports:?}"
        );
        // Following imports from any file must never lead back to it.
        for start in imports.keys() {
            let mut path = vec![start.clone()];
            let mut todo = vec![(start.clone(), 0)];
            while let Some((file, depth)) = todo.pop() {
                path.truncate(depth);
                path.push(file.clone());
                for next in &imports[&file] {
                    assert!(next != start, "import cycle: {path:?} → {next}");
                    if !path.contains(next) {
                        todo.push((next.clone(), depth + 1));
                    }
                }
            }
        }
    }
}
