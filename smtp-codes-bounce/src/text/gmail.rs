//! Gmail's bounces and delay notices. Google says they come from `Mail Delivery Subsystem
//! <mailer-daemon@googlemail.com>` with the subject `Delivery Status Notification (Failure)`
//! (<https://support.google.com/a/answer/6596>), or `(Delay)` while Gmail keeps trying.
//! Today's are DSNs whose text opens `** Address not found **`, says `Your message wasn't
//! delivered to <address> because ...` and quotes the reply under `The response from the
//! remote server was:` (as in the one of 23 July 2025 in xen-devel's archive, to
//! amd-xen-safety@groups.io); a delay notice opens `** Delivery incomplete **`, says `There
//! was a temporary problem delivering your message to <address>. Gmail will retry for 47 more
//! hours.` and quotes the reply under `The response was:` (as public ones show, such as
//! <https://pastebin.com/kAAtD00k> and <https://pastebin.com/HCmcvY7u>; a forwarded copy
//! carries it as text only). Older ones were free text only: `Delivery to the following
//! recipient failed permanently:` (or `has been delayed:`), the address indented,
//! `Technical details of permanent failure:` (or `temporary`), and the reply after `The
//! error that the other server returned was:` (as public ones show, such as
//! <https://pastebin.com/EyAnDHCQ>, <https://pastebin.com/fQ60ipr4> and, delayed,
//! <https://pastebin.com/P2j70UgM> and <https://pastebin.com/mEv7BE5d>).

use super::{diagnostic, is_address, reported};
use crate::bounce::{Action, Facts, Recipient};
use crate::judge::{RuleSet, judge};

const OLD: &str = "Delivery to the following recipient";
/// How the old text's opening line goes on, and what it says of the recipients.
const OLD_OUTCOMES: &[(&str, Action)] = &[
    ("failed permanently", Action::Failed),
    ("has been delayed", Action::Delayed),
];
const DETAILS: &str = "Technical details of";
const NEW: &str = "Your message wasn't delivered to ";
const NEW_DELAYED: &str = "There was a temporary problem delivering your message to ";
/// Where the quoted reply starts, in the old text and in the new.
const REPLY: &[&str] = &[
    "The error that the other server returned was:",
    "The response from the remote server was:",
    "The response was:",
];

/// The recipients, when `text` is one of Gmail's bounces that failed permanently (each
/// recipient `failed`) or one of its delay notices (each `delayed`).
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let text = text.replace("\r\n", "\n");
    let old = text.find(OLD).and_then(|at| {
        let rest = &text[at..];
        let opening = rest.lines().next()?;
        let (_, action) = OLD_OUTCOMES
            .iter()
            .find(|(says, _)| opening.contains(says))?;
        Some((*action, rest))
    });
    let (action, addresses): (Action, Vec<&str>) = match old {
        Some((action, rest)) => (
            action,
            rest.lines()
                .skip(1)
                .take_while(|line| !line.trim_start().starts_with(DETAILS))
                .map(str::trim)
                .filter(|line| is_address(line))
                .collect(),
        ),
        None => match addresses_after(&text, NEW_DELAYED) {
            delayed if !delayed.is_empty() => (Action::Delayed, delayed),
            _ => (Action::Failed, addresses_after(&text, NEW)),
        },
    };
    if addresses.is_empty() {
        return None;
    }
    let reply = REPLY
        .iter()
        .find_map(|marker| {
            let after = text.split_once(marker)?.1;
            let quoted = after
                .trim_start_matches([' ', '\n'])
                .split("\n\n")
                .next()
                .unwrap_or_default();
            let quoted = quoted.split("-----").next().unwrap_or(quoted);
            Some(quoted.trim_end_matches([' ', '.', '\n']).to_owned())
        })
        .or_else(|| details(&text));
    let remote_mta = remote_mta(&text);
    let recipients = addresses
        .into_iter()
        .map(|address| {
            judge(
                Facts {
                    remote_mta: remote_mta.map(str::to_owned),
                    ..reported(action, address.to_owned(), diagnostic(reply.as_deref(), ""))
                },
                rules,
            )
        })
        .collect();
    Some(recipients)
}

/// The oldest text's own words, where no reply is quoted after a marker (2005 to 2008, as in
/// the real bounces of the `bounced` package on PyPI, 0.3.0, `tests/bounce_email/bounces/`):
/// the paragraph under `Technical details of permanent failure:`, its lines joined, without
/// Gmail's tags for the outcome and the session's state. `PERM_FAILURE: SMTP Error (state 9):
/// 550 5.7.1 ...` (tt_bounce_06.eml) gives the reply; `TEMP_FAILURE: Could not initiate SMTP
/// conversation with any hosts: [example.net (1): Connection timed out]` (tt_bounce_08.eml)
/// and `Connection was dropped by remote host (SENT_HELO)` (tt_bounce_20.eml) are what Gmail
/// says of a connection that failed.
fn details(text: &str) -> Option<String> {
    let after = text.split_once(DETAILS)?.1;
    let paragraph = after.split_once('\n')?.1;
    let paragraph = paragraph.split("\n\n").next().unwrap_or_default();
    let paragraph = paragraph.split("-----").next().unwrap_or(paragraph);
    let mut said = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    for tag in ["PERM_FAILURE: ", "TEMP_FAILURE: "] {
        if let Some(rest) = said.strip_prefix(tag) {
            said = rest.to_owned();
        }
    }
    // `SMTP Error (state 9): ` before the reply.
    if let Some(rest) = said.strip_prefix("SMTP Error (state ")
        && let Some((state, reply)) = rest.split_once("): ")
        && state.bytes().all(|b| b.is_ascii_digit())
    {
        said = reply.to_owned();
    }
    (!said.is_empty()).then_some(said)
}

/// The address after each `marker` in the new text (`... delivered to bob@example.com
/// because`, `... your message to bob@example.com.`), without the sentence's full stop.
fn addresses_after<'t>(text: &'t str, marker: &str) -> Vec<&'t str> {
    text.split(marker)
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next())
        .map(|word| word.trim_end_matches(['.', ',']))
        .filter(|address| address.contains('@'))
        .collect()
}

/// The host in `... rejected by the server for the recipient domain example.com by
/// mx.example.com. [192.0.2.1].`
fn remote_mta(text: &str) -> Option<&str> {
    let after = text.split_once("for the recipient domain ")?.1;
    let host = after.split_once(" by ")?.1.split_whitespace().next()?;
    Some(host.trim_end_matches('.')).filter(|host| !host.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn the_old_free_text() {
        let text = "Delivery to the following recipient failed permanently:\n\n     bob@example.com\n\n\
            Technical details of permanent failure:\n\
            Google tried to deliver your message, but it was rejected by the server for the \
            recipient domain example.com by mx.example.com. [192.0.2.1].\n\n\
            The error that the other server returned was:\n\
            550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown\n\n\
            ----- Original message -----\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        let bob = &recipients[0];
        assert_eq!(bob.address(), "bob@example.com");
        assert_eq!(bob.remote_mta(), Some("mx.example.com"));
        assert_eq!(bob.reply().map(|r| r.code()), Some(550));
        assert_eq!(bob.reason(), Reason::UserUnknown);
    }

    #[test]
    fn the_new_text_and_a_doubled_code() {
        let text = "** Address not found **\n\nYour message wasn't delivered to carol@example.org \
            because the address couldn't be found, or is unable to receive mail.\n\n\
            The response from the remote server was:\n550 550 5.1.1 no such user\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients[0].address(), "carol@example.org");
        assert_eq!(
            recipients[0].reply().map(|r| r.to_string()).as_deref(),
            Some("550 5.1.1 no such user\r\n")
        );
        assert!(
            read(
                "Delivery to the following recipient has news:\n bob@example.com\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }

    #[test]
    fn the_old_delay_notice() {
        let text = "Delivery to the following recipient has been delayed:\n\n     bob@example.com\n\n\
            Message will be retried for 2 more day(s)\n\n\
            Technical details of temporary failure:\n\
            Google tried to deliver your message, but it was rejected by the server for the \
            recipient domain example.com by mx.example.com. [192.0.2.1].\n\n\
            The error that the other server returned was:\n\
            450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n\
            450 4.2.1 prevents additional messages from being delivered.\n\n\
            ----- Original message -----\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        let bob = &recipients[0];
        assert_eq!(bob.address(), "bob@example.com");
        assert_eq!(bob.action(), Some(Action::Delayed));
        assert_eq!(bob.remote_mta(), Some("mx.example.com"));
        assert_eq!(bob.reply().map(|r| r.code()), Some(450));
        assert_eq!(
            bob.specific_status().map(|s| s.to_string()).as_deref(),
            Some("4.2.1")
        );
        assert!(!bob.is_hard_bounce());
    }

    #[test]
    fn the_oldest_text_says_it_under_the_details() {
        let text = "Delivery to the following recipient failed permanently:\n\n     bob@example.com\n\n\
            Technical details of permanent failure: \n\
            PERM_FAILURE: SMTP Error (state 9): 550 5.7.1 Your message was blocked by \
            EXAMPLE DNSBL.\n\n   ----- Original message -----\n";
        let bob = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(bob.reply().map(|r| r.code()), Some(550));
        assert_eq!(
            bob.specific_status().map(|s| s.to_string()).as_deref(),
            Some("5.7.1")
        );

        let text = "Delivery to the following recipient has been delayed:\n\n     carol@example.org\n\n\
            Message will be retried for 2 more day(s)\n\n\
            Technical details of temporary failure: \n\
            TEMP_FAILURE: Could not initiate SMTP conversation with any hosts:\n\
            [example.org. (50): Connection timed out]\n\n   ----- Message header follows -----\n";
        let carol = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(carol.action(), Some(Action::Delayed));
        assert!(carol.reply().is_none());
        assert_eq!(
            carol.diagnostic().map(|d| d.text()),
            Some(
                "Could not initiate SMTP conversation with any hosts: [example.org. (50): Connection timed out]"
            )
        );
        assert_eq!(carol.reason(), Reason::NetworkError);

        let text = "Delivery to the following recipient failed permanently:\n\n     dave@example.net\n\n\
            Technical details of permanent failure: \n\
            Connection was dropped by remote host (SENT_HELO)\n\n   ----- Original message -----\n";
        let dave = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(dave.reason(), Reason::Expired);
        assert!(!dave.is_hard_bounce());
    }

    #[test]
    fn the_new_delay_notice_as_a_forwarded_copy_carries_it() {
        let text = "** Delivery incomplete **\r\n\r\nThere was a temporary problem delivering \
            your message to carol@example.org. Gmail will retry for 47 more hours. You'll be \
            notified if the delivery fails permanently.\r\n\r\nThe response was:\r\n\r\n\
            452 4.2.2 <carol@example.org>: Recipient address rejected: Mailbox full\r\n";
        let carol = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(carol.address(), "carol@example.org");
        assert_eq!(carol.action(), Some(Action::Delayed));
        assert_eq!(carol.reply().map(|r| r.code()), Some(452));
        assert_eq!(carol.reason(), Reason::MailboxFull);
        assert!(!carol.is_hard_bounce());

        // No reply when Gmail could not connect: its own words say why.
        let text = "** Delivery incomplete **\n\nThere was a temporary problem delivering your \
            message to dave@example.net. Gmail will retry for 46 more hours.\n\n\
            The response was:\n\nThe recipient server did not accept our requests to connect. \
            [example.net 192.0.2.9: timed out]\n";
        let dave = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(dave.action(), Some(Action::Delayed));
        assert!(dave.reply().is_none());
        assert_eq!(dave.reason(), Reason::NetworkError);
    }
}
