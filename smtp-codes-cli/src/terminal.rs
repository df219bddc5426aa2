//! Text from the wire, a log or the command line, made safe to show on a terminal.
//!
//! Mail logs and bounce texts are written by strangers. A control character among them (an
//! escape sequence that retitles the window, moves the cursor or recolours what follows) must
//! never reach the terminal as it came: every human-readable line the tool prints passes the
//! stranger's text through [`escape`] first. JSON output keeps the text exact; its encoder
//! escapes control characters itself.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character written as an escape: `\t`, `\r` and `\n` by name,
/// others as `\xNN` (or `\u{NNNN}` past U+00FF), and a backslash as `\\` so that an escape
/// in the output always means the input held a control character. Text without either comes
/// back borrowed.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// The first `max` characters of `text`, escaped, with `…` and the total length in bytes
/// when there was more: an error quotes the start of a long argument, not all of it.
pub fn quote_start(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let mut out = String::new();
    for c in chars.by_ref().take(max) {
        push_escaped(&mut out, c);
    }
    if chars.next().is_some() {
        let _ = write!(out, "… ({} bytes in all)", text.len());
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || c == '\\' || is_invisible_format(c)
}

/// Characters that are not controls to Unicode but can still reorder or hide what a terminal
/// shows: the bidirectional overrides and isolates, and the line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2028}' | '\u{2029}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c if needs_escape(c) && (c as u32) <= 0xFF => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:04x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape_byte() {
        let hostile = "550 5.7.1 \u{1b}]0;owned\u{7}\u{1b}[31mred";
        let shown = escape(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert_eq!(shown, "550 5.7.1 \\x1b]0;owned\\x07\\x1b[31mred");
    }

    #[test]
    fn plain_text_is_borrowed_and_unchanged() {
        let text = "550 5.1.1 <bob@example.com>: user unknown — ünïcödé";
        assert!(matches!(escape(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn backslashes_and_c1_controls_and_bidi_overrides_are_escaped() {
        assert_eq!(escape("a\\b"), "a\\\\b");
        assert_eq!(escape("\u{9b}31m"), "\\x9b31m");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("a\r\nb\tc\0"), "a\\r\\nb\\tc\\x00");
    }

    #[test]
    fn quote_start_cuts_long_text_and_says_how_long_it_was() {
        let long = "x".repeat(100_000);
        let quoted = quote_start(&long, 40);
        assert!(quoted.starts_with(&"x".repeat(40)));
        assert!(quoted.ends_with("… (100000 bytes in all)"), "{quoted}");
        assert!(quoted.chars().count() < 80);
        assert_eq!(quote_start("short\u{1b}", 40), "short\\x1b");
    }
}
