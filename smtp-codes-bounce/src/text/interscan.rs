//! Trend Micro InterScan Messaging Security Suite's notice, as flufl.bounce's simple_15.txt
//! (real; scripts/flufl/check reads it) shows it: a banner line `****** Message from InterScan
//! Messaging Security Suite ******`, the exchange that failed as `Sent <<< RCPT
//! TO:<bob@example.com>` and `Received >>> 550 5.1.1 unknown user.`, then `Unable to deliver
//! message to <bob@example.com> (and other recipients in the same domain).`

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

/// The banner's words, which [`crate::system`] also knows the system by.
pub(crate) const BANNER: &str = "Message from InterScan Messaging Security Suite";
const SENT: &str = "Sent <<< ";
const RECEIVED: &str = "Received >>> ";
const UNABLE: &str = "Unable to deliver message to <";

/// The recipients, when `text` is InterScan's notice: each `Unable to deliver` line's
/// address, explained by the command and reply shown last before it.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    if !text.contains(BANNER) {
        return None;
    }
    let mut exchange: Vec<&str> = Vec::new();
    let mut recipients = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(command) = line.strip_prefix(SENT) {
            exchange.clear();
            exchange.push(command.trim());
        } else if let Some(reply) = line.strip_prefix(RECEIVED) {
            exchange.push(reply.trim());
        } else if let Some(rest) = line.strip_prefix(UNABLE) {
            let Some((address, _)) = rest.split_once('>') else {
                continue;
            };
            if !is_address(address) {
                continue;
            }
            // The command and the reply to it, as a transcript shows them; the sentence
            // alone when the notice shows no exchange.
            let explanation = if exchange.is_empty() {
                line.to_owned()
            } else {
                exchange.join("\n")
            };
            recipients.push(explained(
                Action::Failed,
                address.to_owned(),
                explanation,
                text,
                rules,
            ));
        }
    }
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::{Command, Reason};

    const NOTICE: &str = "****** Message from InterScan Messaging Security Suite ******\n\n\n\
        Sent <<< RCPT TO:<bob@example.be>\n\
        Received >>> 550 5.1.1 unknown user.\n\n\
        Unable to deliver message to <bob@example.be> (and other recipients in the same domain).\n\n\
        ************************     End of message     **********************\n";

    #[test]
    fn the_reply_to_the_command_shown_explains_the_address() {
        let [bob] = &read(NOTICE, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.be");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(bob.reply().map(|r| r.code()), Some(550));
        assert_eq!(bob.command(), Some(Command::Rcpt));
        assert_eq!(bob.reason(), Reason::UserUnknown);
        assert!(bob.is_hard_bounce());
    }

    #[test]
    fn without_an_exchange_the_sentence_explains_it() {
        let text = "****** Message from InterScan Messaging Security Suite ******\n\n\
            Unable to deliver message to <carol@example.be>.\n";
        let [carol] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(carol.address(), "carol@example.be");
        assert!(carol.reply().is_none());
        assert_eq!(
            carol.explanation(),
            Some("Unable to deliver message to <carol@example.be>.")
        );
    }

    #[test]
    fn other_texts_are_not_this_format() {
        assert!(
            read(
                "Unable to deliver message to <bob@example.be>.\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
        let banner_only = "****** Message from InterScan Messaging Security Suite ******\n";
        assert!(read(banner_only, RuleSet::BuiltIn).is_none());
    }
}
