//! Bounces written as free text: one module per mail system's format, and the check of a
//! DSN's human-readable part against its machine-readable one.

mod qmail;

use smtp_codes::EnhancedCode;

use crate::bounce::{MailSystem, Recipient};
use crate::problem::Problem;

/// The recipients of a free-text bounce, from the first format module that recognises it.
pub(crate) fn recognise(text: &str) -> Option<(MailSystem, Vec<Recipient>)> {
    qmail::read(text).map(|recipients| (MailSystem::Qmail, recipients))
}

/// Notes every recipient whose status the text gives differently: the first enhanced code
/// in the paragraph (up to a blank line) where the text first names the address. A text
/// that does not name the address, or names no code there, says nothing against it.
pub(crate) fn check_agreement(text: &str, recipients: &[Recipient], problems: &mut Vec<Problem>) {
    for recipient in recipients {
        let Some(machine) = recipient.status() else {
            continue;
        };
        let address = recipient.address();
        if address.is_empty() {
            continue;
        }
        let Some(at) = find_ignoring_case(text, address) else {
            continue;
        };
        let paragraph = text[at..].split("\n\n").next().unwrap_or_default();
        let paragraph = paragraph.split("\r\n\r\n").next().unwrap_or(paragraph);
        let said = paragraph
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '#' | ';' | ','))
            .find_map(|word| {
                word.trim_end_matches(['.', ':'])
                    .parse::<EnhancedCode>()
                    .ok()
            });
        if let Some(said) = said.filter(|&said| said != machine) {
            problems.push(Problem::Disagreement {
                recipient: address.to_owned(),
                machine: machine.to_string(),
                text: said.to_string(),
            });
        }
    }
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.to_ascii_lowercase();
    haystack.to_ascii_lowercase().find(&needle)
}
