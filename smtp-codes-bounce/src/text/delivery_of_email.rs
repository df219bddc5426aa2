//! Notices that open with a phrase of their own, give the address on a line of its own, and
//! go on with a sentence that says what became of it, each paragraph apart. They name no mail
//! system. Real ones (scripts/flufl/check and scripts/corpora/check read them):
//! - `Delivery of email to this address`, the address in double quotes, `has failed due to
//!   ...` or, while the MTA keeps trying, `has been postponed due to ...`: flufl.bounce's
//!   simple_35.txt (a delay, `Mail Delivery Warning`) and the `bounced` package's
//!   unknown_code_bounce_01.eml (a failure of 2010, `Mail Delivery Failure`, from a server
//!   whose Received line says `RS ver 1.0.95vs`);
//! - `Your message to:`, the address indented, `has not yet been delivered because ...`:
//!   flufl.bounce's simple_21.txt, a warning from songbird.com's mail delivery software.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const OPENINGS: &[&str] = &["Delivery of email to this address", "Your message to:"];
/// How the sentence goes on after the address, and what it says of the recipient.
const OUTCOMES: &[(&str, Action)] = &[
    ("has failed due to ", Action::Failed),
    ("has been postponed due to ", Action::Delayed),
    ("has not yet been delivered because ", Action::Delayed),
];

/// The recipient, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    OPENINGS
        .iter()
        .find_map(|opening| after(text, opening, rules))
}

fn after(text: &str, opening: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let at = text.find(opening)?;
    let mut lines = text[at + opening.len()..]
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty());
    let line = lines.next()?;
    let address = line
        .strip_prefix('"')
        .and_then(|quoted| quoted.strip_suffix('"'))
        .unwrap_or(line);
    if !is_address(address) {
        return None;
    }
    let sentence = lines.next()?;
    let (_, action) = OUTCOMES
        .iter()
        .find(|(says, _)| sentence.starts_with(says))?;
    any(vec![explained(
        *action,
        address.to_owned(),
        sentence.to_owned(),
        text,
        rules,
    )])
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn failures_and_delays() {
        let text = "Delivery of email to this address\n\n\"bob@example.ch\"\n\n\
            has failed due to a full mailbox.  We have already made numerous\n\
            attempts to deliver this message over the last few days.\n\n\
            The first 50 lines of your original message follow:> Received: x\n";
        let [bob] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.ch");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(bob.reason(), Reason::MailboxFull);

        let text = "This is an advisory-only email.  Please do not reply to it.\n\t\t\t\n\
            Delivery of email to this address\n\t\t\t\n\"carol@example.com\"\n\t\t\t\n\
            has been postponed due to a full mailbox.\n\t\t\t\n\
            We will continue to try to deliver your message over the next few days.\n";
        let [carol] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(carol.action(), Some(Action::Delayed));
        assert_eq!(carol.reason(), Reason::MailboxFull);
        assert!(!carol.is_hard_bounce());

        let text = "This is an automated message created by mail delivery software.\n\n\
            Your message to:\n\tdave@example.com\n\n\
            has not yet been delivered because the recipient server did not respond.\n\n\
            This is just a warning, you do not need to take any action.\n";
        let [dave] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(dave.address(), "dave@example.com");
        assert_eq!(dave.action(), Some(Action::Delayed));
        assert_eq!(dave.reason(), Reason::NetworkError);

        // Another sentence after the address is not this format.
        let other = "Delivery of email to this address\n\n\"bob@example.ch\"\n\nwas fine.\n";
        assert!(read(other, RuleSet::BuiltIn).is_none());
    }
}
