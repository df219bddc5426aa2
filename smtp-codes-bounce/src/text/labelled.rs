//! Notices that name the failed recipient after a label on a line of its own, and may say why
//! in a `Reason:` paragraph under it, as three real ones among flufl.bounce's test messages
//! do (scripts/flufl/check reads them): `Failed Recipient: bob@example.com` then `Reason:
//! Remote host said: 550 unknown user <bob@example.com>` (simple_36.txt, `Could not deliver
//! message to the following recipient(s):`), HotPOP's `Undeliverable Address:
//! bob@example.com` then `Reason: ... the recipient is over disk quota` (hotpop_01.txt), and
//! USA.NET's `Intended recipient: bob@example.net`, the paragraph under it saying why
//! (simple_02.txt); and two more labels below.
//! The labels name no mail system, and such a line could stand in ordinary mail, so this
//! module reads only a message from a mailer daemon or with a bounce's subject.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

/// The labels, each followed on its line by the address.
const LABELS: &[&str] = &[
    "Failed Recipient:",
    "Undeliverable Address:",
    "Intended recipient:",
    // An Exchange-like notice (simple_24.txt): `Did not reach the following recipient:
    // bob@example.com`, on one line.
    "Did not reach the following recipient:",
    // Prodigy's one-line notice (simple_07.txt), whose label is the reason.
    "User's mailbox is full:",
];
const REASON: &str = "Reason:";

/// The failed recipients, when `text` names them after one of the labels.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut recipients = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((label, address)) = LABELS.iter().find_map(|label| {
            let address = line.strip_prefix(label)?.trim();
            is_address(address).then_some((label.trim_end_matches(':'), address))
        }) else {
            continue;
        };
        // The paragraph right under the line (blank lines before it allowed), its lines
        // joined, without the `Reason:` that starts it in two of the three.
        let rest = lines[i + 1..].iter().skip_while(|l| l.is_empty());
        let paragraph: Vec<&str> = rest.take_while(|l| !l.is_empty()).copied().collect();
        let joined = paragraph.join(" ");
        let reason = joined
            .strip_prefix(REASON)
            .map_or(joined.as_str(), str::trim_start);
        // The label too: Prodigy's says why.
        let explanation = format!("{label}. {reason}").trim_end().to_owned();
        let address = address.trim_matches(['<', '>']).to_owned();
        recipients.push(explained(Action::Failed, address, explanation, text, rules));
    }
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn the_label_names_the_recipient_and_the_reason_follows() {
        let text = "Could not deliver message to the following recipient(s):\n\n\
            Failed Recipient: bob@example.com\n\
            Reason: Remote host said: 550 unknown user <bob@example.com>\n\n\
            -- The header and top 20 lines of the message follows --\n";
        let [bob] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.com");
        assert_eq!(bob.reply().map(|r| r.code()), Some(550));
        assert_eq!(bob.reason(), Reason::UserUnknown);

        let text = "Undeliverable Address: carol@example.com\n\n\
            Reason: The email you sent to the address specified\n\
            above has been returned because the recipient is over disk quota.  This\n\
            account will not be able to receive any email\n\n\
            System Contact: postmaster@example.com\n";
        let [carol] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(carol.address(), "carol@example.com");
        assert_eq!(carol.reason(), Reason::MailboxFull);

        let text = "Intended recipient: dave@example.net\n\n\
            The following mail has been returned because it encountered an error\n\
            while being processed.  Please try to resend this message.\n";
        let [dave] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(dave.address(), "dave@example.net");
        assert_eq!(dave.action(), Some(Action::Failed));
        assert_eq!(dave.reason(), Reason::SystemError);

        let text = "User's mailbox is full: <erin@example.net>\nUnable to deliver mail.\n";
        let [erin] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(erin.address(), "erin@example.net");
        assert_eq!(erin.reason(), Reason::MailboxFull);

        assert!(read("Failed Recipient: nobody\n", RuleSet::BuiltIn).is_none());
    }
}
