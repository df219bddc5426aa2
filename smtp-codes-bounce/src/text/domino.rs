//! HCL (formerly IBM Lotus) Domino's delivery failure reports, which its router returns to
//! the sender of a message it cannot deliver
//! (<https://help.hcltechsw.com/domino/12.0.0/admin/conf_managingundeliverablemailinmailbox_t.html>),
//! with the subject `DELIVERY FAILURE: ...`: `Your message`, its `Subject:` indented, then
//! per recipient `was not delivered to:`, the address indented, `because:`, and the reason
//! indented (`User bob (bob@example.com) not listed in Domino Directory`), as public bounce
//! readers quote it (Drupal's inmail module tests a Domino report of that subject).

use super::{any, failed, joined};
use crate::bounce::Recipient;
use crate::judge::{RuleSet, judge_explained};

const TO: &str = "was not delivered to:";
const BECAUSE: &str = "because:";

/// The failed recipients, when `text` is a Domino delivery failure report.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    if !text.trim_start().starts_with("Your message") {
        return None;
    }
    let text = text.replace("\r\n", "\n");
    let mut recipients = Vec::new();
    for block in text.split(TO).skip(1) {
        let (to, because) = block.split_once(BECAUSE).unwrap_or((block, ""));
        let Some(address) = to.split_whitespace().find(|word| word.contains('@')) else {
            continue;
        };
        let address = address.trim_matches(['<', '>', '(', ')', ',']);
        // The reason, up to the next blank line after it.
        let because = because.trim_start_matches([' ', '\n']);
        let because = because.split("\n\n").next().unwrap_or(because);
        let explanation = joined(because);
        recipients.push(judge_explained(
            failed(address.to_owned(), None),
            (!explanation.is_empty()).then_some(explanation),
            rules,
        ));
    }
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn a_block_per_recipient() {
        let text = "Your message\n\n  Subject: Plans\n\nwas not delivered to:\n\n  bob@example.com\n\n\
            because:\n\n  User bob (bob@example.com) not listed in Domino Directory\n\n\
            was not delivered to:\n\n  carol@example.org\n\nbecause:\n\n  552 5.2.2 mailbox full\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::UserUnknown),
                ("carol@example.org", Reason::MailboxFull)
            ]
        );
        assert_eq!(
            recipients[0].explanation(),
            Some("User bob (bob@example.com) not listed in Domino Directory")
        );
        assert!(read("Your message was fine.\n", RuleSet::BuiltIn).is_none());
    }
}
