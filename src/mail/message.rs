//! Builds a MIME message: text and HTML alternatives, the event as an invitation, safe headers.
//!
//! Structure (what Gmail, Outlook and Thunderbird show as an invitation):
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain
//! │   ├── text/html
//! │   └── text/calendar; method=REQUEST      (the invitation itself)
//! └── application/ics; name=invite.ics      (the same event as a file, for other clients)
//! ```

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{header, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;

pub struct OutgoingMail {
    pub to_email: String,
    pub to_name: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub calendar: Option<CalendarPart>,
    pub unsubscribe_url: Option<String>,
    /// Where replies go (an organiser's address), when not to `from`.
    pub reply_to: Option<String>,
    pub message_id_domain: String,
}

pub struct CalendarPart {
    pub method: &'static str,
    pub ics: String,
}

#[derive(Debug)]
pub struct MailBuildError(pub String);

/// Text that ends up in a header: no CR/LF (header injection), no other control characters.
fn header_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl header::Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", header_text(&self.0)))
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl header::Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

pub fn build(mail: &OutgoingMail) -> Result<Message, MailBuildError> {
    let err = |e: &dyn std::fmt::Display| MailBuildError(e.to_string());
    let from: Mailbox = mail.from.parse().map_err(|e| err(&e))?;
    let to = Mailbox::new(
        Some(header_text(&mail.to_name)).filter(|n| !n.is_empty()),
        header_text(&mail.to_email).parse().map_err(|e| err(&e))?,
    );
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(header_text(&mail.subject))
        .date_now()
        .message_id(Some(format!(
            "<{}@{}>",
            uuid::Uuid::new_v4(),
            header_text(&mail.message_id_domain)
        )));
    // An address that does not parse loses the Reply-To, not the mail.
    if let Some(to) = mail
        .reply_to
        .as_deref()
        .and_then(|a| header_text(a).parse().ok())
    {
        builder = builder.reply_to(to);
    }
    if let Some(url) = &mail.unsubscribe_url {
        builder = builder
            .header(ListUnsubscribe(url.clone()))
            .header(ListUnsubscribePost);
    }
    let mut alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(mail.text.clone()))
        .singlepart(SinglePart::html(mail.html.clone()));
    let body = match &mail.calendar {
        None => alternative,
        Some(cal) => {
            let inline = ContentType::parse(&format!(
                "text/calendar; charset=utf-8; method={}",
                cal.method
            ))
            .map_err(|e| err(&e))?;
            alternative =
                alternative.singlepart(SinglePart::builder().header(inline).body(cal.ics.clone()));
            let file = ContentType::parse("application/ics").map_err(|e| err(&e))?;
            MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new("invite.ics".into()).body(cal.ics.clone(), file))
        }
    };
    builder.multipart(body).map_err(|e| err(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> OutgoingMail {
        OutgoingMail {
            to_email: "zoe@example.org".into(),
            to_name: "Zoë Ünïcode".into(),
            from: "Rendezvous <noreply@example.org>".into(),
            subject: "Rappel : réunion à 19h".into(),
            text: "Bonjour".into(),
            html: "<p>Bonjour</p>".into(),
            calendar: Some(CalendarPart {
                method: "REQUEST",
                ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            }),
            unsubscribe_url: Some("https://example.org/unsubscribe/x".into()),
            reply_to: Some("Organiser <orga@example.org>".into()),
            message_id_domain: "example.org".into(),
        }
    }

    fn raw(m: &OutgoingMail) -> String {
        String::from_utf8(build(m).unwrap().formatted()).unwrap()
    }

    #[test]
    fn headers_are_encoded_and_complete() {
        let text = raw(&mail());
        let headers = &text[..text.find("\r\n\r\n").unwrap()];
        assert!(headers.is_ascii(), "raw non-ASCII in headers: {headers}");
        let subject = headers.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.contains("=?utf-8?"), "{subject}");
        assert!(headers.contains("Message-ID: <"));
        assert!(headers.contains("Date: "));
        assert!(headers.contains("List-Unsubscribe: <https://example.org/unsubscribe/x>"));
        assert!(headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(
            headers.contains("Reply-To: Organiser <orga@example.org>"),
            "{headers}"
        );
        assert!(text.contains("text/calendar; charset=utf-8; method=REQUEST"));
        assert!(text.contains("invite.ics"));
        assert!(text.contains("multipart/alternative"));
    }

    #[test]
    fn user_text_cannot_inject_headers() {
        let mut m = mail();
        m.subject = "Hi\r\nBcc: victim@example.org".into();
        m.to_name = "Eve\r\nBcc: x@y.org".into();
        let text = raw(&m);
        let headers = &text[..text.find("\r\n\r\n").unwrap()];
        assert!(
            !headers
                .lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{headers}"
        );
    }
}
