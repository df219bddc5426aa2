//! Novell GroupWise Internet Agent's notice, as a real one among Mail::DeliveryStatus::
//! BounceParser's test messages shows it (novell-with-rhs.msg, GroupWise Internet Agent
//! 7.0.1, 2006; scripts/corpora/check reads it): `The message that you sent was
//! undeliverable to the following:`, a blank line, then one indented line per recipient,
//! the address and, in parentheses, why: `bob@example.com (user not found)`.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

/// How the notice opens; also its signature for `system.rs`.
pub(crate) const OPENING: &str = "The message that you sent was undeliverable to the following:";

/// The failed recipients, when `text` is GroupWise's notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let start = text.find(OPENING)? + OPENING.len();
    let mut recipients = Vec::new();
    let list = text[start..]
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty());
    for line in list {
        let (address, why) = match line.split_once(" (") {
            Some((address, why)) => (address, why.strip_suffix(')').unwrap_or(why)),
            None => (line, ""),
        };
        if is_address(address) {
            recipients.push(explained(
                Action::Failed,
                address.to_owned(),
                why.trim().to_owned(),
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
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn each_listed_address_with_its_reason() {
        let text = "The message that you sent was undeliverable to the following:\n\n\
            \tbob@example.net (user not found)\n\
            \tcarol@example.com\n\n\
            dave@example.org (user not found), after the list\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.net", "carol@example.com"]);
        assert_eq!(recipients[0].explanation(), Some("user not found"));
        assert_eq!(reasons(&recipients)[0].1, Reason::UserUnknown);
        assert!(recipients[0].is_hard_bounce());
        // No words, no reason to give the address up for.
        assert!(!recipients[1].is_hard_bounce());
    }

    #[test]
    fn without_the_opening_or_an_address_it_is_not_this_format() {
        assert!(read("\tbob@example.net (user not found)\n", RuleSet::BuiltIn).is_none());
        let nobody = "The message that you sent was undeliverable to the following:\n\n\
            \tsomeone (user not found)\n";
        assert!(read(nobody, RuleSet::BuiltIn).is_none());
    }
}
