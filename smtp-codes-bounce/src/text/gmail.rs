//! Gmail's bounces. Google says they come from `Mail Delivery Subsystem
//! <mailer-daemon@googlemail.com>` with the subject `Delivery Status Notification (Failure)`
//! (<https://support.google.com/a/answer/6596>). Today's are DSNs whose text opens
//! `** Address not found **`, says `Your message wasn't delivered to <address> because ...`
//! and quotes the reply under `The response from the remote server was:` (as in the one of
//! 23 July 2025 in xen-devel's archive, to amd-xen-safety@groups.io); older ones were free
//! text only: `Delivery to the following recipient failed permanently:`, the address
//! indented, `Technical details of permanent failure:`, and the reply after `The error that
//! the other server returned was:` (as public ones show, such as
//! <https://pastebin.com/EyAnDHCQ> and <https://pastebin.com/fQ60ipr4>).

use super::{diagnostic, failed, is_address};
use crate::bounce::{Facts, Recipient};
use crate::judge::{RuleSet, judge};

const OLD: &str = "Delivery to the following recipient";
const DETAILS: &str = "Technical details of";
const NEW: &str = "Your message wasn't delivered to ";
/// Where the quoted reply starts, in the old text and in the new.
const REPLY: &[&str] = &[
    "The error that the other server returned was:",
    "The response from the remote server was:",
    "The response was:",
];

/// The recipients, when `text` is one of Gmail's bounces that failed permanently.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let text = text.replace("\r\n", "\n");
    let addresses: Vec<&str> = match text.find(OLD) {
        Some(at)
            if text[at..]
                .lines()
                .next()
                .is_some_and(|l| l.contains("failed permanently")) =>
        {
            text[at..]
                .lines()
                .skip(1)
                .take_while(|line| !line.trim_start().starts_with(DETAILS))
                .map(str::trim)
                .filter(|line| is_address(line))
                .collect()
        }
        _ => text
            .split(NEW)
            .skip(1)
            .filter_map(|rest| rest.split_whitespace().next())
            .filter(|address| address.contains('@'))
            .collect(),
    };
    if addresses.is_empty() {
        return None;
    }
    let reply = REPLY.iter().find_map(|marker| {
        let after = text.split_once(marker)?.1;
        let quoted = after
            .trim_start_matches([' ', '\n'])
            .split("\n\n")
            .next()
            .unwrap_or_default();
        let quoted = quoted.split("-----").next().unwrap_or(quoted);
        Some(quoted.trim_end_matches([' ', '.', '\n']).to_owned())
    });
    let remote_mta = remote_mta(&text);
    let recipients = addresses
        .into_iter()
        .map(|address| {
            judge(
                Facts {
                    remote_mta: remote_mta.map(str::to_owned),
                    ..failed(address.to_owned(), diagnostic(reply.as_deref(), ""))
                },
                rules,
            )
        })
        .collect();
    Some(recipients)
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
}
