//! A notice that says the message `could not be delivered to the following recipients:`,
//! lists the addresses one a line, and says in a later sentence whether delivery goes on, as
//! Symantec AntiVirus for SMTP Gateways wrote it in flufl.bounce's simple_22.txt (real, a
//! delay of 2006: `Delivery attempts will continue to be made for 5 day(s).`;
//! scripts/flufl/check reads it). The notice gives no reason; a notice without the sentence
//! that delivery goes on is read as a failure.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const HEADING: &str = "could not be delivered to the following recipients:";
const GOES_ON: &str = "Delivery attempts will continue to be made";

/// The recipients, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let after = &text[text.find(HEADING)? + HEADING.len()..];
    let mut lines = after
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty());
    let addresses: Vec<&str> = lines.by_ref().take_while(|line| is_address(line)).collect();
    // What the notice says after the list, up to the returned message, is why; the sentence
    // that says delivery goes on is most of it.
    let goes_on = lines.find(|line| line.starts_with(GOES_ON));
    let (action, explanation) = match goes_on {
        Some(sentence) => (Action::Delayed, sentence),
        None => (Action::Failed, ""),
    };
    any(addresses
        .into_iter()
        .map(|address| {
            explained(
                action,
                address.to_owned(),
                explanation.to_owned(),
                text,
                rules,
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delay_when_delivery_goes_on() {
        let text = "Your message with Subject: Hello \ncould not be delivered to the following recipients:\n\n\
            Bob@example.org\ncarol@example.org\n\n\
            Please do not resend your original message.\n\n\
            Delivery attempts will continue to be made for 5  day(s).\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<_> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["Bob@example.org", "carol@example.org"]);
        assert!(
            recipients
                .iter()
                .all(|r| r.action() == Some(Action::Delayed))
        );
        assert!(recipients.iter().all(|r| !r.is_hard_bounce()));

        let failed =
            "could not be delivered to the following recipients:\n\nbob@example.org\n\nSorry.\n";
        let [bob] = &read(failed, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.action(), Some(Action::Failed));
    }

    #[test]
    fn the_heading_then_no_address_is_not_this_format() {
        let text = "could not be delivered to the following recipients:\n\nsee below\n";
        assert!(read(text, RuleSet::BuiltIn).is_none());
    }
}
