//! A notice whose mail system does not name itself, as four real ones among flufl.bounce's
//! test messages show it (`simple_30.txt` to `simple_33.txt`, from a French hosting
//! provider's relays in 2006-2008; scripts/flufl/check reads them; Sisimai files the layout
//! under its unnamed `X3`): `This is an automatically generated Delivery Status
//! Notification.`, then a heading (`Delivery to the following recipients failed
//! permanently:`, or `... was aborted after 5.0 hour(s):`, sometimes spelt `Delevery`), a
//! `* bob@example.com` line per recipient, and under `Technical details:` what went wrong
//! (`SMTP:RCPT host 192.0.2.1: 553 5.3.0 <bob@example.com>... No such user here`, `Routing:
//! Could not find a gateway for bob@example.com`).

use super::{GENERATED_NOTIFICATION as OPENING, any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const DETAILS: &str = "Technical details:";

/// The failed recipients, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let (_, after) = text.split_once(OPENING)?;
    let mut lines = after.lines().map(str::trim);
    // The heading: delivery failed, or was given up, for the addresses under it.
    lines.by_ref().find(|line| {
        let heading = line
            .strip_prefix("Delivery")
            .or_else(|| line.strip_prefix("Delevery"));
        heading.is_some_and(|rest| {
            rest.starts_with(" to the following recipient") && rest.ends_with(':')
        })
    })?;
    let mut addresses = Vec::new();
    for line in lines.by_ref() {
        match line.strip_prefix("* ").map(str::trim) {
            Some(address) if is_address(address) => addresses.push(address),
            _ if line.is_empty() && addresses.is_empty() => {}
            _ => break,
        }
    }
    // What went wrong: the lines under `Technical details:` up to the next rule of `=`,
    // said of the only recipient, or of the one each line names.
    let details: Vec<&str> = after
        .split_once(DETAILS)
        .map(|(_, rest)| {
            rest.lines()
                .map(str::trim)
                .skip_while(|line| line.is_empty())
                .take_while(|line| !line.is_empty() && !line.starts_with("===="))
                .collect()
        })
        .unwrap_or_default();
    let one = addresses.len() == 1;
    let recipients = addresses
        .into_iter()
        .map(|address| {
            let lower = address.to_ascii_lowercase();
            let said: Vec<&str> = details
                .iter()
                .copied()
                .filter(|line| one || line.to_ascii_lowercase().contains(&lower))
                .collect();
            explained(
                Action::Failed,
                address.to_owned(),
                said.join(" "),
                text,
                rules,
            )
        })
        .collect();
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    fn notice(heading: &str, addresses: &[&str], details: &str) -> String {
        let list: String = addresses.iter().map(|a| format!("   * {a}\n")).collect();
        format!(
            "==========\n      {OPENING}      \n\n{heading}\n\n{list}\n\n==========\n      \
             {DETAILS}      \n\n{details}\n\n\n==========\n"
        )
    }

    #[test]
    fn the_recipients_and_what_the_details_say() {
        let text = notice(
            "Delivery to the following recipients failed permanently:",
            &["bob@example.com"],
            "SMTP:RCPT host 192.0.2.1: 553 5.3.0 <bob@example.com>... No such user here",
        );
        let recipients = read(&text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.com", Reason::UserUnknown)]
        );
        assert_eq!(recipients[0].action(), Some(Action::Failed));
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(553));
        assert!(recipients[0].is_hard_bounce());

        // Given up after hours, on a passing condition: expired.
        let text = notice(
            "Delevery to the following recipients was aborted after 5.0 hour(s):",
            &["bob@example.com"],
            "Routing: Could not find a gateway for bob@example.com",
        );
        let recipients = read(&text, RuleSet::BuiltIn).unwrap();
        assert_eq!(reasons(&recipients), [("bob@example.com", Reason::Expired)]);
        assert_eq!(
            recipients[0].explanation(),
            Some("Routing: Could not find a gateway for bob@example.com")
        );
    }

    #[test]
    fn several_recipients_take_the_details_that_name_them() {
        let text = notice(
            "Delivery to the following recipients failed permanently:",
            &["bob@example.com", "carol@example.org"],
            "SMTP:RCPT host 192.0.2.1: 550 5.1.1 <carol@example.org>... No such user here",
        );
        let recipients = read(&text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::Undefined),
                ("carol@example.org", Reason::UserUnknown)
            ]
        );
        assert_eq!(recipients[0].explanation(), None);
    }

    #[test]
    fn not_this_notice() {
        let no_heading = format!("{OPENING}\n\nSomething else:\n\n   * bob@example.com\n");
        assert!(read(&no_heading, RuleSet::BuiltIn).is_none());
        let no_list = notice(
            "Delivery to the following recipients failed permanently:",
            &[],
            "",
        );
        assert!(read(&no_list, RuleSet::BuiltIn).is_none());
        assert!(
            read(
                "Delivery to the following recipients failed permanently:\n\n * bob@example.com\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
