//! Yahoo Mail's bounces: `Sorry, we were unable to deliver your message to the following
//! address.`, a paragraph per recipient that starts `<address>:` with the reply under it
//! (`554: delivery error: dd Not a valid recipient - ...`, the code followed by a colon, or
//! after `Remote host said:`), then `--- Below this line is a copy of the message.` GNU
//! Mailman's Yahoo bounce reader describes the same markers (`Mailman/Bouncers/Yahoo.py`,
//! repository terencehonles/mailman), and delta chat's Yahoo fixture shows the reply
//! (`test_parse_ndn_yahoo` in deltachat-core-rust); Yahoo's help shows its failure notices at
//! <https://help.yahoo.com/kb/mail-for-desktop/sln3275.html>. Yahoo's older notices open
//! `Message from yahoo.com.` and `Unable to deliver message to the following address(es).`,
//! with the same paragraphs, and qmail's `(#5.1.1)` status after the explanation (flufl.bounce,
//! GNU Mailman's bounce reader, keeps real ones among its test messages: `yahoo_01.txt` to
//! `yahoo_10.txt`).

use super::{angle_paragraphs, any, diagnostic, failed, qsbmf_status, remote_host_said};
use crate::bounce::{Facts, Recipient};
use crate::judge::{RuleSet, judge};

const OPENING: &str = "Sorry, we were unable to deliver your message to the following address";
const OLDER: &str = "Unable to deliver message to the following address(es).";

/// The failed recipients, when `text` is a Yahoo bounce.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let at = text.find(OPENING).or_else(|| older(text))?;
    let recipients: Vec<Recipient> = angle_paragraphs(&text[at..])
        .into_iter()
        .map(|(address, explanation)| {
            let reply = remote_host_said(&explanation).or_else(|| {
                explanation
                    .bytes()
                    .take(3)
                    .all(|b| b.is_ascii_digit())
                    .then_some(explanation.as_str())
            });
            let facts = Facts {
                status: qsbmf_status(&explanation),
                ..failed(address, diagnostic(reply, &explanation))
            };
            judge(facts, rules)
        })
        .collect();
    any(recipients)
}

/// Where the older notice's second sentence starts, when its first line is `Message from
/// yahoo.com.` (written with one space or two).
fn older(text: &str) -> Option<usize> {
    let at = text.find(OLDER)?;
    let words: Vec<&str> = text[..at].split_whitespace().collect();
    (words == ["Message", "from", "yahoo.com."]).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn a_paragraph_per_recipient() {
        let text = "Sorry, we were unable to deliver your message to the following address.\n\n\
            <bob@example.com>:\n554: delivery error: dd Not a valid recipient - mta1.example.net\n\n\
            <carol@example.org>:\nRemote host said: 552 5.2.2 mailbox full\n\n\
            --- Below this line is a copy of the message.\n\n<dave@example.net>:\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let found: Vec<(&str, Option<u16>)> = recipients
            .iter()
            .map(|r| (r.address(), r.reply().map(|reply| reply.code())))
            .collect();
        assert_eq!(
            found,
            [
                ("bob@example.com", Some(554)),
                ("carol@example.org", Some(552))
            ]
        );
        assert_eq!(recipients[0].reason(), Reason::UserUnknown);
        assert_eq!(recipients[1].reason(), Reason::MailboxFull);
        assert!(
            read(
                "Sorry, we were unable to deliver your message.\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }

    #[test]
    fn the_older_notice() {
        let text = "Message from  yahoo.com.\nUnable to deliver message to the following \
            address(es).\n\n<bob@example.com>:\nSorry, I wasn't able to establish an SMTP \
            connection. (#4.4.1)\nI'm not going to try again; this message has been in the \
            queue too long.\n\n<carol@example.org>:\nSorry your message to carol@example.org \
            cannot be delivered. This account has been disabled or discontinued.\n\n\
            --- Original message follows.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let found: Vec<(&str, Option<String>)> = recipients
            .iter()
            .map(|r| (r.address(), r.status().map(|s| s.to_string())))
            .collect();
        assert_eq!(
            found,
            [
                ("bob@example.com", Some("4.4.1".to_owned())),
                ("carol@example.org", None)
            ]
        );
        // Given up on after a temporary failure.
        assert_eq!(recipients[0].reason(), Reason::Expired);
        // The same sentence from anyone else is not Yahoo's.
        let other = text.replace("yahoo.com.", "example.net.");
        assert!(read(&other, RuleSet::BuiltIn).is_none());
    }

    #[test]
    fn aol_addresses_answer_in_yahoo_words() {
        // AOL's mail is Yahoo's: its missing mailboxes read like Yahoo's own.
        let text = "Sorry, we were unable to deliver your message to the following address.\n\n\
            <frank@example.net>:\n554: delivery error: dd This user doesn't have a aol.com \
            account (frank@example.net) [0] - mta4321.mail.example.net\n\n\
            --- Below this line is a copy of the message.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients[0].reason(), Reason::UserUnknown);
        assert!(recipients[0].is_hard_bounce());
    }
}
