//! qmail's bounces, in the qmail-send Bounce Message Format (QSBMF, D. J. Bernstein,
//! <https://cr.yp.to/proto/qsbmf.txt>): an opening paragraph that starts `Hi. This is the`,
//! a paragraph per failed recipient that starts `<address>:`, then a paragraph that starts
//! with `-` before the returned message.

use super::{any, diagnostic, failed, qsbmf, qsbmf_status, remote_host_said};
use crate::bounce::{Facts, Recipient};
use crate::judge::{RuleSet, judge};

/// The failed recipients, when `text` is a QSBMF bounce. qmail sends no delay warnings, so
/// each recipient failed; the reply is the one after `Remote host said:`, and the status the
/// `(#5.1.1)` that qmail and its patches append to their own explanations.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    if !text.trim_start().starts_with("Hi. This is the") {
        return None;
    }
    recipients(qsbmf(text).0, rules)
}

/// The failed recipients of a QSBMF bounce whose opening paragraph was reworded, as hosting
/// providers and qmail-based servers do (`Unfortunately, your mail was not delivered to the
/// following address:`, `This is the mail delivery agent at ...`): known by its structure,
/// recipient paragraphs (`<address>:`) after the first and the break paragraph (`--- Below
/// this line is a copy of the message.`) after them.
pub(crate) fn read_reworded(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    match qsbmf(text) {
        (found, true) => recipients(found, rules),
        (_, false) => None,
    }
}

fn recipients(found: Vec<(String, String)>, rules: RuleSet) -> Option<Vec<Recipient>> {
    let recipients: Vec<Recipient> = found
        .into_iter()
        .map(|(address, explanation)| {
            let status = qsbmf_status(&explanation);
            let said = diagnostic(remote_host_said(&explanation), &explanation);
            judge(
                Facts {
                    status,
                    ..failed(address, said)
                },
                rules,
            )
        })
        .collect();
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn recipient_paragraphs() {
        let text = "Hi. This is the qmail-send program at mx.example.org.\n\
            I'm afraid I wasn't able to deliver your message to the following addresses.\n\
            This is a permanent error; I've given up. Sorry it didn't work out.\n\
            \n\
            <bob@example.com>:\n\
            192.0.2.1 does not like recipient.\n\
            Remote host said: 550 5.1.1 <bob@example.com>: no such user\n\
            Giving up on 192.0.2.1.\n\
            \n\
            <carol@example.org>:\n\
            Sorry, no mailbox here by that name. (#5.1.1)\n\
            \n\
            --- Below this line is a copy of the message.\n\
            \n\
            <dave@example.net>:\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.com", "carol@example.org"]);
        assert_eq!(
            recipients[0].reply().map(|r| r.to_string()).as_deref(),
            Some("550 5.1.1 <bob@example.com>: no such user\r\n")
        );
        assert_eq!(
            recipients[1].status().map(|s| s.to_string()).as_deref(),
            Some("5.1.1")
        );
        assert!(
            recipients
                .iter()
                .all(|r| r.reason() == Reason::UserUnknown && r.is_hard_bounce())
        );
        assert!(read("Hello.\n\n<bob@example.com>:\nno\n", RuleSet::BuiltIn).is_none());
    }

    #[test]
    fn a_reworded_opening() {
        let text = "Unfortunately, your mail was not delivered to the following address:\n\n\
            <bob@example.com>:\n192.0.2.1 does not like recipient.\n\
            Remote host said: 550 <bob@example.com>: Recipient address rejected: User unknown\n\
            Giving up on 192.0.2.1.\n\n\
            <carol@example.org>:\nThe e-mail message could not be delivered because the \
            user's mailfolder is full.\n\n\
            --- Below this line is a copy of the message.\n";
        // Not qmail's own opening: only the structure tells.
        assert!(read(text, RuleSet::BuiltIn).is_none());
        let recipients = read_reworded(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.com", "carol@example.org"]);
        assert_eq!(recipients[0].reason(), Reason::UserUnknown);
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        // Without the break paragraph, paragraphs that start with an address are not enough.
        let unbroken = text.replace("--- Below", "Below");
        assert!(read_reworded(&unbroken, RuleSet::BuiltIn).is_none());
    }
}
