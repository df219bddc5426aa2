//! The notice of Exchange 2000 and 2003's SMTP service without a delivery-status part, as a
//! real one among flufl.bounce's test messages shows it (`simple_10.txt`, subject `Delivery
//! Status Notification (Failure)`, from `postmaster@`, `X-MimeOLE: Produced By Microsoft
//! MimeOLE`; its DSNs `dsn_13.txt` and `dsn_15.txt` carry the same text): `This is an
//! automatically generated Delivery Status Notification.`, then `Delivery to the following
//! recipients failed.` and the addresses, indented, one a line. It says no more about why.

use super::{GENERATED_NOTIFICATION as OPENING, any, failed, is_address};
use crate::bounce::Recipient;
use crate::judge::{RuleSet, judge};

const HEADING: &str = "Delivery to the following recipients failed.";

/// The failed recipients, when `text` is such a notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let (_, after) = text.split_once(OPENING)?;
    let (between, list) = after.split_once(HEADING)?;
    // The heading is the next thing the notice says.
    if !between.trim().is_empty() {
        return None;
    }
    let mut recipients = Vec::new();
    for line in list.lines() {
        let address = line.trim();
        match address {
            "" if recipients.is_empty() => {}
            _ if line.starts_with([' ', '\t']) && is_address(address) => {
                recipients.push(judge(failed(address.to_owned(), None), rules));
            }
            _ => break,
        }
    }
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounce::Action;
    use smtp_codes::Reason;

    #[test]
    fn the_indented_addresses_under_the_heading() {
        let text = format!(
            "{OPENING}\n\n{HEADING}\n\n       bob@example.com\n       carol@example.org\n\n\n\
             \x20      dave@example.net\n"
        );
        let recipients = read(&text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.com", "carol@example.org"]);
        assert_eq!(recipients[0].action(), Some(Action::Failed));
        // It says nothing of why.
        assert_eq!(recipients[0].reason(), Reason::Undefined);
        assert!(!recipients[0].is_hard_bounce());
    }

    #[test]
    fn not_this_notice() {
        // The unnamed relay's layout, with its own heading and bullets.
        let bullets = format!(
            "{OPENING}\n\nDelivery to the following recipients failed permanently:\n\n   * bob@example.com\n"
        );
        assert!(read(&bullets, RuleSet::BuiltIn).is_none());
        // The heading far from the opening, or addresses at the margin.
        let far = format!("{OPENING}\n\nHello.\n\n{HEADING}\n\n   bob@example.com\n");
        assert!(read(&far, RuleSet::BuiltIn).is_none());
        let margin = format!("{OPENING}\n\n{HEADING}\n\nbob@example.com\n");
        assert!(read(&margin, RuleSet::BuiltIn).is_none());
    }
}
