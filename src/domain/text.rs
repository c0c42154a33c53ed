//! Which characters outside text may carry: PostgreSQL refuses NUL outright, and other control
//! characters only hide text or break the pages, feeds and mails it is copied into.

/// The first character no input may contain: any control character except tab, line feed and
/// the carriage return of a CRLF line break (browsers send textarea lines that way).
pub fn forbidden_control(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !allowed {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tabs_and_line_breaks_pass() {
        assert_eq!(forbidden_control("Salle 2\tétage 3\r\nà gauche\n"), None);
        assert_eq!(forbidden_control("« Café » ✓"), None);
        for bad in [
            "a\0b",
            "\r",
            "a\rb",
            "\u{7}",
            "\u{1b}[31m",
            "\u{7f}",
            "\u{85}",
            "\u{9f}",
        ] {
            assert!(forbidden_control(bad).is_some(), "{bad:?}");
        }
    }
}
