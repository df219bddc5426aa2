//! The SMTP reply that a `Diagnostic-Code` of type `smtp` quotes, rebuilt as the server's
//! lines: reporting MTAs join a multi-line reply into one field, folded wherever it fits
//! (`550-5.1.1 The email account ... Please try 550-5.1.1 double-checking ...`).

use smtp_codes::{EnhancedCode, ReplyBuf};

/// The reply in `text`, when it starts with a reply code from 200 to 599 followed by a space,
/// a hyphen or nothing. Its lines are where the code and separator begin again after a
/// space (`550-` for a line another follows, `550 ` after one of those for the last line),
/// and where the first line has an enhanced code, only where the same enhanced code follows,
/// so that a number inside the text does not start a line. `None` when the text is not a
/// reply or holds a control character that no reply can carry.
pub(crate) fn reply_of(text: &str) -> Option<ReplyBuf> {
    let text = text.trim();
    let code = leading_code(text)?;
    let digits = &text[..3];
    let first_rest = text[3..].strip_prefix(['-', ' ']).unwrap_or(&text[3..]);
    let enhanced = first_rest
        .split(' ')
        .next()
        .and_then(|word| word.parse::<EnhancedCode>().ok())
        .filter(|e| e.agrees_with(code));
    let marker_tail = enhanced.map(|e| e.to_string());

    let mut lines = Vec::new();
    let mut rest = &text[3..];
    loop {
        let continues = rest.starts_with('-');
        let body = rest.get(1..).unwrap_or_default();
        // The next line starts at ` NNN-`, or at ` NNN ` when this line said another follows.
        let next = continues
            .then(|| next_marker(body, digits, marker_tail.as_deref()))
            .flatten();
        let (line, tail) = match next {
            Some(at) => (&body[..at], &body[at + 1 + 3..]),
            None => (body, ""),
        };
        lines.push(strip_enhanced(line.trim_end(), marker_tail.as_deref()).to_owned());
        if next.is_none() {
            break;
        }
        rest = tail;
    }
    ReplyBuf::from_parts(code, enhanced, lines).ok()
}

/// The code at the start of `text`, from 200 to 599, when a space, a hyphen or the end
/// follows its three digits.
pub(crate) fn leading_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let digits = bytes.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || !matches!(bytes.get(3), None | Some(b' ' | b'-')) {
        return None;
    }
    let code = digits
        .iter()
        .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    (200..=599).contains(&code).then_some(code)
}

/// Where, in `body`, the space before the next `NNN-` or `NNN ` is, followed by the
/// enhanced code when the reply has one.
fn next_marker(body: &str, digits: &str, enhanced: Option<&str>) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = body[from..].find(digits) {
        let at = from + found;
        from = at + 3;
        if at == 0 || body.as_bytes()[at - 1] != b' ' {
            continue;
        }
        let after = &body[at + 3..];
        if !after.starts_with(['-', ' ']) {
            continue;
        }
        let matches = match enhanced {
            Some(e) => after[1..]
                .strip_prefix(e)
                .is_some_and(|t| t.is_empty() || t.starts_with(' ')),
            None => true,
        };
        if matches {
            return Some(at - 1);
        }
    }
    None
}

/// A line's text without the enhanced code the reply repeats on it.
fn strip_enhanced<'a>(line: &'a str, enhanced: Option<&str>) -> &'a str {
    let line = line.trim_start();
    match enhanced.and_then(|e| line.strip_prefix(e)) {
        Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start(),
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire(text: &str) -> Option<String> {
        reply_of(text).map(|r| r.to_string())
    }

    #[test]
    fn one_line_replies() {
        assert_eq!(
            wire("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"),
            Some(
                "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\r\n".into()
            )
        );
        assert_eq!(
            wire("  451 try again later "),
            Some("451 try again later\r\n".into())
        );
        // An enhanced code of another class stays in the text, as it was written.
        assert_eq!(
            wire("550 4.4.7 QUEUE.Expired; message expired"),
            Some("550 4.4.7 QUEUE.Expired; message expired\r\n".into())
        );
        assert_eq!(wire("550"), Some("550\r\n".into()));
    }

    #[test]
    fn joined_multi_line_replies_are_split_again() {
        let text = "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the address 550 5.1.1 https://support.example/ x - gsmtp";
        assert_eq!(
            wire(text).unwrap(),
            "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n\
             550-5.1.1 double-checking the address\r\n\
             550 5.1.1 https://support.example/ x - gsmtp\r\n"
        );
        // Without an enhanced code, `NNN-` starts a line, and `NNN ` only after one of those.
        assert_eq!(
            wire("554-mx.example.net 554 no SMTP service here").unwrap(),
            "554-mx.example.net\r\n554 no SMTP service here\r\n"
        );
        assert_eq!(
            wire("550 bad 550 text stays").unwrap(),
            "550 bad 550 text stays\r\n"
        );
    }

    #[test]
    fn what_is_not_a_reply() {
        for text in [
            "",
            "55",
            "5500 x",
            "650 x",
            "199 x",
            "abc",
            "connect to host: refused",
            "550 a\u{1}b",
        ] {
            assert_eq!(wire(text), None, "{text:?}");
        }
    }
}
