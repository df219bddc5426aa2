//! A notice that says `Delivery of email to this address`, then the address in double quotes
//! on a line of its own, then `has failed due to ...` or, while the MTA keeps trying, `has
//! been postponed due to ...`, each paragraph apart, and `The first 50 lines of your original
//! message follow:`. It names no mail system; real ones are flufl.bounce's simple_35.txt (a
//! delay, `Mail Delivery Warning`) and the `bounced` package's unknown_code_bounce_01.eml (a
//! failure of 2010, `Mail Delivery Failure`, from a server whose Received line says `RS ver
//! 1.0.95vs`); scripts/flufl/check and scripts/corpora/check read them.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const OPENING: &str = "Delivery of email to this address";
/// How the sentence goes on after the address, and what it says of the recipient.
const OUTCOMES: &[(&str, Action)] = &[
    ("has failed due to ", Action::Failed),
    ("has been postponed due to ", Action::Delayed),
];

/// The recipient, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let at = text.find(OPENING)?;
    let mut lines = text[at + OPENING.len()..]
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty());
    let address = lines.next()?.strip_prefix('"')?.strip_suffix('"')?;
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
    fn a_failure_and_a_delay() {
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

        // Another sentence after the address is not this format.
        let other = "Delivery of email to this address\n\n\"bob@example.ch\"\n\nwas fine.\n";
        assert!(read(other, RuleSet::BuiltIn).is_none());
    }
}
