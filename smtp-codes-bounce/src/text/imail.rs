//! Ipswitch IMail Server's notices (its SMTP32 service), as real ones among flufl.bounce's
//! test messages show them (`smtp32_01.txt` to `smtp32_07.txt`, `simple_12.txt`;
//! scripts/flufl/check reads them): subject `Undeliverable Mail`, a line per recipient that
//! says why and names it (`Unknown user: bob@example.com`, `Delivery failed 20 attempts:
//! bob@example.com`, `undeliverable to bob@example.com`, `Invalid final delivery userid:
//! bob@example.com`, `User mailbox exceeds allowed size: bob@example.com`), sometimes `RCPT TO generated following response:` and the reply on
//! the next line, and `Original message follows.` before the returned message.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const END: &str = "Original message follows.";

/// The starts of the recipient lines, each followed by the address.
const LEADS: &[&str] = &[
    "Unknown user:",
    "Invalid final delivery userid:",
    "undeliverable to",
    "Delivery failed",
    // IMail 10 (SMTP32 v10.0), for a recipient over its mailbox limit (quota.msg of
    // Mail::DeliveryStatus::BounceParser's corpus, 1.543; scripts/corpora/check reads it).
    "User mailbox exceeds allowed size:",
];

/// The failed recipients, when `text` is an IMail notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let end = text.find(END)?;
    // Its lines with their spaces collapsed: `undeliverable  to` is written with two.
    let lines: Vec<String> = text[..end]
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut recipients = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !LEADS.iter().any(|lead| line.starts_with(lead)) {
            continue;
        }
        let Some(address) = line.split_whitespace().last().filter(|a| is_address(a)) else {
            continue;
        };
        // What the line says, and the reply the next lines quote for it.
        let mut explanation = line.clone();
        let mut next = lines[i + 1..].iter().filter(|l| !l.is_empty());
        if next.next().map(String::as_str) == Some("RCPT TO generated following response:")
            && let Some(reply) = next.next()
        {
            explanation.push(' ');
            explanation.push_str(reply);
        }
        recipients.push(explained(
            Action::Failed,
            address.to_owned(),
            explanation,
            text,
            rules,
        ));
    }
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn a_line_per_recipient_before_the_returned_message() {
        let text = "Unknown user: bob@example.net\n\n\
            RCPT TO generated following response:\n\
            553 5.3.0 <bob@example.net>... Addressee unknown\n\n\
            Delivery failed 20 attempts: carol@example.com\n\n\
            undeliverable  to erin@example.com\n\
            Original message follows.\n\nUnknown user: dave@example.org\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(
            addresses,
            ["bob@example.net", "carol@example.com", "erin@example.com"]
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(553));
        // The reply decides bob's reason; carol's line says that IMail gave up, which says
        // nothing against the address.
        assert_eq!(reasons(&recipients)[1].1, Reason::Expired);
        assert!(!recipients[1].is_hard_bounce());
        let full =
            "User mailbox exceeds allowed size: bob@example.com\n\n\nOriginal message follows.\n";
        let recipients = read(full, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.com", Reason::MailboxFull)]
        );
        let userid = "Invalid final delivery userid: bob@example.com\nOriginal message follows.\n";
        let recipients = read(userid, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.com", Reason::UserUnknown)]
        );
        // No status and no reply, but IMail gave the address up on its own words: hard.
        assert!(recipients[0].is_hard_bounce());
        assert!(read("Unknown user: bob@example.net\n", RuleSet::BuiltIn).is_none());
    }
}
