//! Exim's notices without a delivery-status part, as Exim before 4.83 (which added the DSN
//! part) sent them, and as its delay warnings still read: `This message was created
//! automatically by mail delivery software.`, then a sentence that ends with the list's
//! heading (`The following address(es) failed:`; in a delay warning `The address to which
//! the message has not yet been delivered is:` or `... are:`), then each address indented by
//! two spaces (older Exims put a colon after it) with its explanation under it, deeper. The
//! texts are Exim's default templates (the specification's chapter "Customizing bounce and
//! warning messages", <https://www.exim.org/exim-html-current/doc/html/spec_html/ch-customizing_bounce_and_warning_messages.html>).
//! An address Exim hides (`an undisclosed address`) is known by the `(generated from
//! bob@example.com)` under it.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const OPENING: &str = "This message was created automatically by mail delivery software";

/// The ends of the list headings, and what happened to the addresses under them. Exim's
/// templates changed over the years (`The following address(es) failed:`, `The following
/// addresses failed:`, `The following address failed:`), and a heading may be wrapped.
const HEADINGS: &[(&str, Action)] = &[
    ("failed:", Action::Failed),
    ("has not yet been delivered is:", Action::Delayed),
    ("have not yet been delivered are:", Action::Delayed),
    (
        "not yet been delivered to the following addresses:",
        Action::Delayed,
    ),
];

/// The recipients, when `text` is an Exim notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    if !text.contains(OPENING) {
        return None;
    }
    let mut lines = text.lines();
    let mut before = "";
    let action = lines.by_ref().find_map(|line| {
        let heading = HEADINGS
            .iter()
            .find(|(end, _)| line.trim_end().ends_with(end))
            // A bare `failed:` only ends a heading that names the addresses, on its line or
            // the one before it.
            .filter(|(end, _)| {
                *end != "failed:" || line.contains("address") || before.contains("address")
            })
            .map(|&(_, action)| action);
        before = line;
        heading
    })?;
    // Per address line: the line, what is said under it (deeper), and its indent.
    let mut blocks: Vec<(&str, Vec<&str>, usize)> = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        // Some Exims (1&1's) put the addresses at the margin; any other line there ends the
        // list, after the paragraph an older Exim writes there about the one address before
        // it (`SMTP error from remote server after RCPT command:`, simple_08.txt), up to the
        // next blank line.
        if indent == 0 && address_of(line, &[]).is_none() {
            if let [(_, explanation, _)] = blocks.as_mut_slice()
                && explanation.is_empty()
                && line.starts_with("SMTP error from remote")
            {
                let paragraph = lines.by_ref().take_while(|l| !l.trim().is_empty());
                explanation.extend(std::iter::once(line).chain(paragraph).map(str::trim));
            }
            break;
        }
        match blocks.last_mut() {
            Some((_, explanation, deeper)) if indent > *deeper => explanation.push(line.trim()),
            _ => {
                let first = line.trim().split_once(": ").map(|(_, said)| said);
                blocks.push((line.trim(), first.into_iter().collect(), indent));
            }
        }
    }
    let mut recipients: Vec<Recipient> = Vec::new();
    for (line, explanation, _) in blocks {
        let Some(address) = address_of(line, &explanation) else {
            continue;
        };
        // An address written again under the list (mxlogic's Exim) is the same recipient.
        if recipients
            .iter()
            .any(|r| r.address().eq_ignore_ascii_case(&address))
        {
            continue;
        }
        recipients.push(explained(
            action,
            address,
            explanation.join(" "),
            text,
            rules,
        ));
    }
    any(recipients)
}

/// The address an address line names (`bob@example.com`, `<bob@example.com>`,
/// `bob@example.com:`, `<bob@example.com>: 550 unknown user`), or for one Exim hides, the
/// address it was generated from.
fn address_of(line: &str, explanation: &[&str]) -> Option<String> {
    let (head, _) = line.split_once(": ").unwrap_or((line, ""));
    let bare = head.trim_end_matches(':').trim_matches(['<', '>']);
    if is_address(bare) {
        return Some(bare.to_owned());
    }
    explanation.iter().find_map(|more| {
        let from = more.strip_prefix("(generated from ")?.strip_suffix(')')?;
        is_address(from).then(|| from.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::{Command, Reason};

    #[test]
    fn the_failed_addresses_and_what_is_said_under_them() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you sent could not be delivered to one or more of its\n\
            recipients. This is a permanent error. The following address(es) failed:\n\n\
            \x20 bob@example.com\n\
            \x20   host mx.example.com [192.0.2.1]\n\
            \x20   SMTP error from remote mail server after RCPT TO:<bob@example.com>:\n\
            \x20   550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n\n\
            \x20 carol@example.org:\n\
            \x20   552 5.2.2 mailbox full\n\
            \x20 an undisclosed address\n\
            \x20   (generated from dave@example.net)\n\n\
            ------ This is a copy of the message, including all the headers. ------\n\n\
            \x20 eve@example.com\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::UserUnknown),
                ("carol@example.org", Reason::MailboxFull),
                ("dave@example.net", Reason::Undefined)
            ]
        );
        assert!(
            recipients
                .iter()
                .all(|r| r.action() == Some(Action::Failed))
        );
        assert_eq!(recipients[0].command(), Some(Command::Rcpt));
    }

    #[test]
    fn a_delay_warning() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you sent has not yet been delivered to one or more of its\n\
            recipients after more than 24 hours on the queue on mx.example.org.\n\n\
            The address to which the message has not yet been delivered is:\n\n\
            \x20 <bob@example.com>\n\
            \x20   Delay reason: SMTP error from remote mail server after RCPT TO:<bob@example.com>:\n\
            \x20   451 4.7.1 Greylisted, try again later\n\n\
            No action is required on your part.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        assert_eq!(recipients[0].address(), "bob@example.com");
        assert_eq!(recipients[0].action(), Some(Action::Delayed));
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(451));
    }

    #[test]
    fn other_headings_and_a_reply_beside_the_address() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you have sent could not be delivered to one or more\n\
            recipients.  This is a permanent error.  The following addresses\n\
            failed:\n\n\
            \x20 <bob@example.com>: 550 unknown user\n<bob@example.com>\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.com", Reason::UserUnknown)]
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        // `failed:` ends no heading of addresses here.
        let other = "This message was created automatically by mail delivery software.\n\
            The attempt failed:\n\n  bob@example.com\n";
        assert!(read(other, RuleSet::BuiltIn).is_none());
    }

    #[test]
    fn addresses_at_the_margin() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you sent could not be delivered to one or more of\n\
            its recipients. This is a permanent error. The following addresses\n\
            failed:\n\nbob@example.de:\n  quota exceeded\n\n\
            --- The header of the original message is following. ---\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        assert_eq!(recipients[0].address(), "bob@example.de");
        assert_eq!(recipients[0].explanation(), Some("quota exceeded"));
        assert_eq!(recipients[0].reason(), Reason::MailboxFull);
    }

    #[test]
    fn an_older_exims_paragraph_at_the_margin() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you sent could not be delivered to one or more of\n\
            its recipients. The following addresses failed:\n\n\
            \x20 <bob@example.de>\n\n\
            SMTP error from remote server after RCPT command:\n\
            host mx.example.de[192.0.2.9]:\n\
            550 user unknown\n\n\
            --- The header of the original message is following. ---\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.de", Reason::UserUnknown)]
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        // Under two addresses, the paragraph could be about either: it is left alone.
        let two = text.replace(
            "<bob@example.de>\n",
            "<bob@example.de>\n  <carol@example.de>\n",
        );
        let recipients = read(&two, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 2);
        assert!(recipients.iter().all(|r| r.reply().is_none()));
    }

    #[test]
    fn not_exim() {
        let text = "The following address(es) failed:\n\n  bob@example.com\n";
        assert!(read(text, RuleSet::BuiltIn).is_none());
        let no_list = "This message was created automatically by mail delivery software.\n";
        assert!(read(no_list, RuleSet::BuiltIn).is_none());
    }
}
