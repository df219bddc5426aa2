//! The notice that opens `This Message was undeliverable due to the following reason:`, as
//! Netscape Messaging Server wrote it (flufl.bounce's netscape_01.txt, real, from
//! nsmail.corel.com in 2000, a DSN whose machine part names no recipient; GNU Mailman's
//! detector for it names Netscape Messaging Server 4.15) and as servers that copied its
//! wording write it. After the opening, either a paragraph that gives the reason and then
//! the recipients it applies to, one `<address>` a line (under `The following recipients did
//! not receive your message:` or not), or for each recipient a `Recipient: <address>` line and
//! a `Reason:` line with the reply. Its system is not named: the wording is not one product's.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::fields::without_angles;
use crate::judge::RuleSet;

const OPENING: &str = "This Message was undeliverable due to the following reason:";

/// The lines that end the notice: its closing request, and the returned message.
const ENDS: &[&str] = &["please reply to ", "-----"];

/// The failed recipients, when `text` is this notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let start = text.find(OPENING)? + OPENING.len();
    // The reason paragraph's words, the recipients it applies to so far, and the last
    // `Recipient:` line's address, which waits for its `Reason:`.
    let mut reason = String::new();
    let mut pending: Option<String> = None;
    let mut recipients = Vec::new();
    let push = |recipients: &mut Vec<Recipient>, address: String, why: &str| {
        recipients.push(explained(
            Action::Failed,
            address,
            why.to_owned(),
            text,
            rules,
        ));
    };
    for line in text[start..].lines().map(str::trim) {
        let lower = line.to_ascii_lowercase();
        if ENDS.iter().any(|end| lower.starts_with(end)) {
            break;
        }
        if let Some(address) = line.strip_prefix("Recipient:").map(without_angles) {
            if let Some(waiting) = pending.take() {
                push(&mut recipients, waiting, &reason);
            }
            pending = is_address(address).then(|| address.to_owned());
        } else if let Some(said) = line.strip_prefix("Reason:") {
            if let Some(address) = pending.take() {
                push(&mut recipients, address, said.trim());
            }
        } else if line.starts_with('<') && is_address(without_angles(line)) {
            push(&mut recipients, without_angles(line).to_owned(), &reason);
        } else if !line.is_empty() && !line.ends_with(':') {
            // A new reason after recipients starts afresh; a heading (`The following
            // recipients did not receive your message:`) is not a reason.
            if recipients.last().is_some() && pending.is_none() && ends_paragraph(&reason) {
                reason.clear();
            }
            if !reason.is_empty() {
                reason.push(' ');
            }
            reason.push_str(line);
        }
    }
    if let Some(address) = pending {
        push(&mut recipients, address, &reason);
    }
    any(recipients)
}

/// Whether the reason read so far is a whole sentence, so that text after recipients is a
/// new one.
fn ends_paragraph(reason: &str) -> bool {
    reason.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn a_reason_then_the_recipients_it_applies_to() {
        // The layout of netscape_01.txt, with the wording of its reason.
        let text = "This Message was undeliverable due to the following reason:\n\n\
            Your message was not delivered because the destination computer was\n\
            not reachable within the allowed queue period.\n\n\
            The following recipients did not receive your message:\n\n     <bob@example.com>\n\
            The following recipients did not receive your message:\n\n     <carol@example.com>\n\n\
            Please reply to Postmaster@mail.example.com\nif you feel this message to be in error.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::Expired),
                ("carol@example.com", Reason::Expired)
            ]
        );
        assert_eq!(
            recipients[1].explanation(),
            Some(
                "Your message was not delivered because the destination computer was not \
                 reachable within the allowed queue period."
            )
        );
    }

    #[test]
    fn each_recipient_with_its_reply() {
        let text = "This Message was undeliverable due to the following reason:\n\n\
            Each of the following recipients was rejected by a remote mail server.\n\n    \
            Recipient: <bob@example.com>\n    Reason:    <bob@example.com>... User unknown\n\n    \
            Recipient: <carol@example.com>\n    Reason:    552 5.2.2 Mailbox full\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            recipients
                .iter()
                .map(Recipient::address)
                .collect::<Vec<_>>(),
            ["bob@example.com", "carol@example.com"]
        );
        assert_eq!(
            recipients[0].explanation(),
            Some("<bob@example.com>... User unknown")
        );
        assert_eq!(recipients[1].reply().map(|r| r.code()), Some(552));
        assert_eq!(recipients[1].reason(), Reason::MailboxFull);
    }

    #[test]
    fn a_new_reason_for_the_next_recipients() {
        let text = "This Message was undeliverable due to the following reason:\n\n\
            The user(s) account is temporarily over quota.\n\n<bob@example.com>\n\n\
            Host example.net is not responding.\n\n<carol@example.net>\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            recipients[0].explanation(),
            Some("The user(s) account is temporarily over quota.")
        );
        assert_eq!(
            recipients[1].explanation(),
            Some("Host example.net is not responding.")
        );
    }

    #[test]
    fn without_the_opening_or_an_address_it_is_not_read() {
        assert!(
            read(
                "The following recipients did not receive your message:\n<bob@example.com>\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
        assert!(
            read(
                &format!("{OPENING}\n\nSomething went wrong.\n"),
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
