//! A notice that names one recipient per message in marked lines: `This is a delivery failure
//! notification message indicating that an email ... addressed to email address :`, the
//! address on the next line after `-- `, then `The problem appears to be :` and `Additional
//! information follows :`, each with its `-- ` line, as flufl.bounce's simple_44.txt of 2020
//! shows it (real; scripts/flufl/check reads it). It names no mail system; the additional
//! line there quotes Exchange Online's `4.4.4 Temporary server error`, after `30 attempt(s)`.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const OPENING: &str = "This is a delivery failure notification message";
const ADDRESSED: &str = "addressed to email address :";
/// The headings whose `-- ` line says why, in the order the notice gives them.
const WHY: &[&str] = &[
    "The problem appears to be :",
    "Additional information follows :",
];

/// The recipient, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let text = &text[text.find(OPENING)?..];
    let address = marked_after(text, ADDRESSED).filter(|a| is_address(a))?;
    let explanation = WHY
        .iter()
        .filter_map(|heading| marked_after(text, heading))
        .collect::<Vec<_>>()
        .join(" ");
    any(vec![explained(
        Action::Failed,
        address.to_owned(),
        explanation,
        text,
        rules,
    )])
}

/// What the `-- ` line right after `heading` says.
fn marked_after<'t>(text: &'t str, heading: &str) -> Option<&'t str> {
    let after = &text[text.find(heading)? + heading.len()..];
    let line = after.trim_start_matches([' ', '\r', '\n']).lines().next()?;
    Some(line.strip_prefix("-- ")?.trim()).filter(|said| !said.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    #[test]
    fn the_marked_lines_give_the_address_and_why() {
        let text = "This is a delivery failure notification message indicating that\n\
            an email list@example.net addressed to email address :\n-- bob@example.com\n\n\
            With subject Hello sent on the Mon, 14 Dec 2020 11:30:37 +0100 (CET)\n\
            could not be delivered. The problem appears to be :\n\
            -- Recipient server unavailable or busy\n\n\
            Additional information follows :\n\
            -- 4.4.4 Temporary server error. Please try again later\n\n\
            This condition occurred after 30 attempt(s) to deliver over\n\
            a period of 92 hour(s) and 52 minute(s).\n";
        let [bob] = &read(text, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.com");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(
            bob.explanation(),
            Some(
                "Recipient server unavailable or busy 4.4.4 Temporary server error. Please try again later"
            )
        );
        // Given up after trying a server that did not answer.
        assert_eq!(bob.reason(), Reason::Expired);
        assert!(
            read(
                "This is a delivery failure notification message.\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
