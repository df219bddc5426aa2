//! Bounces written as free text: one module per mail system's format, and the check of a
//! DSN's human-readable part against its machine-readable one.

mod qmail;

use smtp_codes::EnhancedCode;

use crate::bounce::{MailSystem, Recipient, is_generic};
use crate::problem::Problem;
use crate::quote::Human;

/// The recipients of a free-text bounce, from the first format module that recognises it.
pub(crate) fn recognise(text: &str) -> Option<(MailSystem, Vec<Recipient>)> {
    qmail::read(text).map(|recipients| (MailSystem::Qmail, recipients))
}

/// Notes every recipient whose status the text gives differently: the first enhanced code
/// in the paragraph (up to a blank line) where the text first names the address, when it is
/// neither the `Status` nor the enhanced code of the quoted reply (Exim's reports say
/// `Status: 5.0.0` and quote the `550 5.1.1` in both parts). A text that does not name the
/// address, or names no code there, says nothing against it.
pub(crate) fn check_agreement(
    human: &Human<'_>,
    recipients: &[Recipient],
    problems: &mut Vec<Problem>,
) {
    let text = human.text();
    for recipient in recipients {
        let Some(machine) = recipient.status() else {
            continue;
        };
        let address = recipient.address();
        if address.is_empty() {
            continue;
        }
        let Some(at) = human.find(address) else {
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
        let quoted = recipient.reply().and_then(|r| r.enhanced_code());
        // A generic `5.0.0` does not contradict a code of its class that says more.
        let generic = is_generic(machine);
        let contradicts = |said: &EnhancedCode| {
            *said != machine
                && Some(*said) != quoted
                && !(generic && said.class() == machine.class())
        };
        if let Some(said) = said.filter(contradicts) {
            problems.push(Problem::Disagreement {
                recipient: address.to_owned(),
                machine: machine.to_string(),
                text: said.to_string(),
            });
        }
    }
}
