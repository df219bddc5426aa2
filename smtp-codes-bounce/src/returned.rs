//! The returned message's header, where a bounce quotes the message in its text rather than
//! attaching it: after a line that introduces the copy, as qmail (`--- Below this line is a
//! copy of the message.`), Exim (`------ This is a copy of the message, including all the
//! headers. ------`, and `... of your message ...` in its local-scan notice), Sendmail
//! without MIME (`----- Unsent message follows -----`) and many others write it.

/// What the lines that introduce a returned copy say, in lower case, once their rule of
/// dashes, spaces and a closing `.` or `:` are taken off. Outlook's `-----Original
/// Message-----` is not one: it opens a quoted reply, and the fields under it are an older
/// message's.
const INTRODUCTIONS: &[&str] = &[
    "below this line is a copy of the message",
    "this is a copy of the message, including all the headers",
    "this is a copy of your message, including all the headers",
    "original message follows",
    "the original message follows",
    "unsent message follows",
    "unsent message below",
    "returned mail follows",
    "message headers follow",
];

/// The header of the copy after the first line that introduces one: its lines from the first
/// that is not blank up to the next blank one, with the first line's indent taken off each.
/// `None` when no line introduces a copy or what follows does not start with a header field.
pub(crate) fn header(text: &str) -> Option<String> {
    let mut lines = text.lines();
    lines.find(|line| introduces(line))?;
    let mut lines = lines.skip_while(|line| line.trim().is_empty()).peekable();
    let first = *lines.peek()?;
    let indent = blanks(first);
    if !is_field(&first[indent..]) {
        return None;
    }
    let mut header = String::new();
    for line in lines.take_while(|line| !line.trim().is_empty()) {
        // A continuation keeps at least one blank of its own.
        let cut = indent.min(blanks(line));
        header.push_str(&line[cut..]);
        header.push('\n');
    }
    Some(header)
}

/// How many ASCII spaces and tabs `line` starts with: bytes, each a character, so that
/// cutting there never splits one (other Unicode blanks are text to keep).
fn blanks(line: &str) -> usize {
    line.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count()
}

/// Whether `line` introduces a returned copy.
fn introduces(line: &str) -> bool {
    let said = line
        .trim()
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .trim_end_matches(['.', ':']);
    // Most lines are far longer or shorter than any introduction: only those near one are
    // lowered and compared.
    (20..=60).contains(&said.len())
        && INTRODUCTIONS
            .iter()
            .any(|intro| said.eq_ignore_ascii_case(intro))
}

/// Whether `line` starts with a header field's name and its colon (RFC 5322 section 2.2).
fn is_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_after_each_introduction() {
        for intro in [
            "--- Below this line is a copy of the message.",
            "------ This is a copy of the message, including all the headers. ------",
            "------ This is a copy of your message, including all the headers. ------",
            "   ----- Unsent message follows -----",
            "--- Original message follows.",
            "The Original Message follows:",
            "--------Unsent Message below:",
            "--------RETURNED MAIL FOLLOWS--------",
            "Message headers follow:",
        ] {
            let text = format!(
                "Sorry.\n\n{intro}\n\nReturn-Path: <alice@example.com>\n\
                 Subject: a long\n  subject\nMessage-ID: <1@example.com>\n\nThe body.\nTo: x\n"
            );
            assert_eq!(
                header(&text).as_deref(),
                Some(
                    "Return-Path: <alice@example.com>\nSubject: a long\n  subject\n\
                     Message-ID: <1@example.com>\n"
                ),
                "{intro}"
            );
        }
    }

    #[test]
    fn an_indented_copy_loses_its_indent_and_keeps_its_folding() {
        let text = "Original message follows.\n\n    From: Alice <alice@example.com>\n    \
                    Subject: one\n       two\n\n    Body.\n";
        assert_eq!(
            header(text).as_deref(),
            Some("From: Alice <alice@example.com>\nSubject: one\n   two\n")
        );
    }

    #[test]
    fn other_unicode_blanks_are_kept_not_cut() {
        // An ideographic space (3 bytes) where the first line has two ASCII spaces.
        let text =
            "--- Below this line is a copy of the message.\n\n  From: a@example.com\n\u{3000}x\n";
        assert_eq!(
            header(text).as_deref(),
            Some("From: a@example.com\n\u{3000}x\n")
        );
    }

    #[test]
    fn no_copy_no_header() {
        // No introduction; a reply's quote; an introduction followed by no header.
        assert_eq!(header("Subject: hello\n\nbody\n"), None);
        assert_eq!(
            header("-----Original Message-----\nFrom: Bob\nSubject: hi\n"),
            None
        );
        assert_eq!(
            header("--- Below this line is a copy of the message.\n\nMessage removed\n"),
            None
        );
        assert_eq!(
            header("--- Below this line is a copy of the message.\n"),
            None
        );
    }
}
