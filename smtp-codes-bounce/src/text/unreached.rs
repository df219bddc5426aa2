//! The notices headed `The following recipient(s) could not be reached:`, as Exchange 2000
//! and 2003 wrote them (`Your message did not reach some or all of the intended recipients.`,
//! then per recipient `bob@example.com on <date>` indented, its explanation deeper, ending in
//! `<mx.example.com #5.1.1>`), and as two servers that copied the layout write them, which
//! real ones among flufl.bounce's test messages show (scripts/flufl/check reads them):
//! hMailServer (`simple_34.txt`: the address at the margin, then `Remote server replied: 550
//! 5.1.1 ...` under it) and MailEnable (`simple_41.txt`: `Recipient: [SMTP:bob@example.com]`
//! and `Reason: Remote SMTP Server Returned: 550 ...` on lines of their own).

use super::exchange_ims::address_of;
use super::{any, explained, is_address};
use crate::bounce::{Action, MailSystem, Recipient};
use crate::judge::RuleSet;

const HEADING: &str = "The following recipient(s) could not be reached:";

/// Who wrote the notice, and its failed recipients, when `text` is one.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<(MailSystem, Vec<Recipient>)> {
    let at = text.find(HEADING)?;
    let system = if text.contains("hMailServer") {
        MailSystem::HMailServer
    } else if text.contains("MailEnable") {
        MailSystem::MailEnable
    } else {
        MailSystem::Exchange
    };
    // Per recipient: its address, what is said of it, and the indent of its line.
    let mut blocks: Vec<(String, Vec<&str>, usize)> = Vec::new();
    for line in text[at + HEADING.len()..].lines() {
        let said = line.trim();
        if said.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let address = match said.strip_prefix("Recipient:") {
            Some(rest) => {
                let inside = rest
                    .trim()
                    .trim_start_matches("[SMTP:")
                    .trim_end_matches(']')
                    .trim_matches(['<', '>']);
                is_address(inside).then(|| inside.to_owned())
            }
            None => address_of(said),
        };
        match (blocks.last_mut(), address) {
            (Some((_, explanation, deeper)), _) if indent > *deeper => {
                explanation.push(said.trim_start_matches("Reason:").trim());
            }
            (Some((_, explanation, deeper)), None) if indent == *deeper && indent > 0 => {
                // MailEnable's `Reason:` line, level with its `Recipient:` line.
                explanation.push(said.trim_start_matches("Reason:").trim());
            }
            (_, Some(address)) => blocks.push((address, Vec::new(), indent)),
            (_, None) => break,
        }
    }
    let recipients = blocks
        .into_iter()
        .map(|(address, explanation, _)| {
            explained(Action::Failed, address, explanation.join(" "), text, rules)
        })
        .collect();
    any(recipients).map(|recipients| (system, recipients))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn exchange_2003s_layout() {
        let text = "Your message did not reach some or all of the intended recipients.\n\n\
            \x20     Subject:\tPlans\n      Sent:\t1/1/2005 10:00 AM\n\n\
            The following recipient(s) could not be reached:\n\n\
            \x20     bob@example.com on 1/1/2005 10:00 AM\n\
            \x20           The e-mail account does not exist at the organization this message was sent to.\n\
            \x20           <mx.example.com #5.1.1>\n\n\
            \x20     carol@example.org on 1/1/2005 10:00 AM\n\
            \x20           552 5.2.2 mailbox full\n";
        let (system, recipients) = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(system, MailSystem::Exchange);
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.com", "carol@example.org"]);
        assert_eq!(recipients[1].reason(), Reason::MailboxFull);
    }

    #[test]
    fn hmailservers_and_mailenables() {
        let hmail = "Your message did not reach some or all of the intended recipients.\n\n\
            The following recipient(s) could not be reached:\n\n\
            bob@example.com\n   Error Type: SMTP\n   Remote server (192.0.2.1) issued an error.\n\
            \x20  hMailServer sent: RCPT TO:<bob@example.com>\n\
            \x20  Remote server replied: 550 5.1.1 <bob@example.com>... User unknown\n\n\
            Original message follows.\n";
        let (system, recipients) = read(hmail, RuleSet::BuiltIn).unwrap();
        assert_eq!(system, MailSystem::HMailServer);
        assert_eq!(
            reasons(&recipients),
            [("bob@example.com", Reason::UserUnknown)]
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));

        let mailenable = "MailEnable: Message could not be delivered to some recipients.\n\
            The following recipient(s) could not be reached:\n\n\
            \tRecipient: [SMTP:carol@example.org]\n\
            \tReason: Remote SMTP Server Returned: 550 Requested action not taken: mailbox unavailable\n\n\n\
            Message headers follow:\n";
        let (system, recipients) = read(mailenable, RuleSet::BuiltIn).unwrap();
        assert_eq!(system, MailSystem::MailEnable);
        assert_eq!(recipients[0].address(), "carol@example.org");
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        assert!(read("Nothing to see.\n", RuleSet::BuiltIn).is_none());
    }
}
