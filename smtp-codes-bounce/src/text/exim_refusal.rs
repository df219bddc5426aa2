//! Exim's notice for a message it refused while it was being submitted on Exim's command
//! line (a program's `sendmail -t`, PHP's `mail()`), by its `local_scan()` function or its
//! `acl_not_smtp` ACL: Exim's `moan.c` writes, for `ERRMESS_LOCAL_SCAN` and
//! `ERRMESS_LOCAL_ACL`, the subject `Mail failure - rejected by local scanning code` and
//! `A message that you sent was rejected by the local scanning code that checks incoming
//! messages on this system. The following error was given:`, then the error, indented by two
//! spaces. Exim 4.96 sent one to the capture harness
//! (`tests/corpus/bounces/exim/local_acl.eml`), and Mail.Ru's servers send it (flufl.bounce's
//! simple_39.txt, under a paragraph in Russian).
//!
//! The notice has no list of recipients: the whole message was refused, for all of them. The
//! recipients are the addresses the error names (an operator's message, Mail.Ru's `Local
//! mailbox bob@example.ru is unavailable`); where it names none, the one that Exim's own
//! `Received:` line in the returned copy names (`for bob@example.com;`, which Exim writes
//! for a message with one recipient). Without either, the message is a text bounce with no
//! recipient.

use memchr::memmem;

use smtp_codes::Reason;

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::fields::{groups, without_angles};
use crate::judge::RuleSet;
use crate::quote::paragraph;
use crate::returned;

const OPENING: &str = "rejected by the local scanning code that";
const GIVEN: &str = "The following error was given:";

/// The recipients the error names, when `text` is this notice. Words that no rule or MTA
/// phrase explains leave what the notice says: a local policy refused the message,
/// `policyviolation`.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let at = memmem::find(text.as_bytes(), OPENING.as_bytes())?;
    let after = &text[at..];
    let given = after.find(GIVEN)? + GIVEN.len();
    // The error: its lines up to the first blank one after it starts.
    let error = paragraph(&after[given..]);
    let mut addresses: Vec<&str> = Vec::new();
    for word in error.split_whitespace() {
        let word = word
            .trim_start_matches(['<', '(', '\'', '"'])
            .trim_end_matches(['>', ')', '\'', '"', '.', ',', ';', ':']);
        if is_address(word) && !addresses.contains(&word) {
            addresses.push(word);
        }
    }
    let received = addresses.is_empty().then(|| received_for(text)).flatten();
    addresses.extend(received.as_deref());
    let recipients = addresses
        .into_iter()
        .map(|address| {
            let mut recipient = explained(
                Action::Failed,
                address.to_owned(),
                error.clone(),
                text,
                rules,
            );
            if recipient.reason == Reason::Undefined {
                recipient.reason = Reason::PolicyViolation;
            }
            recipient
        })
        .collect();
    any(recipients)
}

/// The recipient in the first `Received:` field of the returned copy, Exim's own: the address
/// after its ` for `, up to the `;` before the date.
fn received_for(text: &str) -> Option<String> {
    let header = returned::header(text)?;
    let fields = groups(&header);
    let received = fields.groups.iter().flatten().find(|f| f.is("Received"))?;
    let (_, after) = received.value.split_once(" for ")?;
    let address = without_angles(after.split(';').next()?);
    is_address(address).then(|| address.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(error: &str) -> String {
        format!(
            "A message that you sent was rejected by the local scanning code that\n\
             checks incoming messages on this system. The following error was given:\n\n\
             {error}\n\n------ This is a copy of your message, including all the headers.\n\n\
             To: someone.else@example.org\n"
        )
    }

    #[test]
    fn the_addresses_the_error_names() {
        let text = notice(
            "  Message was not accepted -- invalid mailbox.\n \
             Local mailbox bob@example.ru is unavailable: user not found",
        );
        let [bob] = &read(&text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.ru");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(
            bob.explanation(),
            Some(
                "Message was not accepted -- invalid mailbox. Local mailbox bob@example.ru is \
                 unavailable: user not found"
            )
        );
        assert_eq!(bob.reason(), Reason::UserUnknown);
    }

    #[test]
    fn each_address_once_and_the_policy_when_the_words_name_no_cause() {
        let text = notice(
            "  <carol@example.com>, dave@example.net: no mail from this program; carol@example.com.",
        );
        let recipients = read(&text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["carol@example.com", "dave@example.net"]);
        assert!(
            recipients
                .iter()
                .all(|r| r.reason() == Reason::PolicyViolation)
        );
    }

    #[test]
    fn an_error_that_names_nobody_leaves_the_recipient_of_exims_received_line() {
        // The notice Exim 4.96 sent to the capture harness, its error rewritten to name
        // nobody: the copy's `Received: ... for bob@remote.test;` names him.
        let real = include_str!("../../../tests/corpus/bounces/exim/local_acl.eml");
        let text = real.replace(
            "  bob@remote.test: this host takes no mail from local programs",
            "  this host takes no mail from local programs",
        );
        assert_ne!(text, real);
        let [bob] = &read(&text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@remote.test");
        assert_eq!(
            bob.explanation(),
            Some("this host takes no mail from local programs")
        );
        assert_eq!(bob.reason(), Reason::PolicyViolation);
    }

    #[test]
    fn a_field_name_with_other_characters_is_read_without_a_panic() {
        let text = notice("  no address here").replace(
            "To: someone.else@example.org",
            // Byte 9 of the second line falls inside its `é`.
            "From: a@example.com\nReceivedé: x for bob@example.com;",
        );
        assert!(read(&text, RuleSet::BuiltIn).is_none());
    }

    #[test]
    fn an_error_that_names_nobody_gives_no_recipient() {
        // The returned copy's To: is not taken for a recipient.
        let text = notice("  Domain example.com has exceeded the max emails per hour.");
        assert!(read(&text, RuleSet::BuiltIn).is_none());
        assert!(
            read(
                "The following error was given:\n\n  bob@example.com\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
