//! The notice of phquery, the program that looked recipients up in a campus's CSO (ph)
//! directory for Sendmail, as flufl.bounce's simple_37.txt (real, phquery V3.0, from
//! `MAILER-DAEMON@` a university; scripts/flufl/check reads it) shows it: `--------Message
//! not delivered to the following addresses:`, one address a line, then `--------Error
//! Detail (phquery V3.0):`, where a `---- bob@example.edu` line starts what the directory
//! said of each, up to a blank line. Yale's variant (yale_01.txt) names the user without a
//! domain, which is no address to report: it is left unread.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const HEADING: &str = "--------Message not delivered to the following";
const DETAIL: &str = "--------Error Detail (phquery";
const END: &str = "--------";

/// The failed recipients, when `text` is phquery's notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let after = &text[text.find(HEADING)?..];
    let detail = &after[after.find(DETAIL)?..];
    let listed = after[..after.len() - detail.len()].lines().skip(1);
    let mut recipients = Vec::new();
    for line in listed.map(str::trim).filter(|line| !line.is_empty()) {
        let address = line.split_whitespace().next().unwrap_or_default();
        if is_address(address) {
            recipients.push(explained(
                Action::Failed,
                address.to_owned(),
                said_of(detail, address),
                text,
                rules,
            ));
        }
    }
    any(recipients)
}

/// The lines under `---- address` in the error detail, up to a blank line, joined; empty
/// when the detail does not name the address.
fn said_of(detail: &str, address: &str) -> String {
    let mut lines = detail.lines().map(str::trim);
    let named = lines
        .by_ref()
        .take_while(|line| !line.starts_with(END) || line.starts_with(DETAIL));
    let mut found = false;
    let mut said = Vec::new();
    for line in named {
        if let Some(who) = line.strip_prefix("---- ") {
            if found {
                break;
            }
            found = who.trim().eq_ignore_ascii_case(address);
        } else if found {
            if line.is_empty() {
                break;
            }
            said.push(line);
        }
    }
    said.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use smtp_codes::Reason;

    const NOTICE: &str = " --------Message not delivered to the following addresses:\n\n\
        \x20           bob@example.edu \n\n\
        \x20--------Error Detail (phquery V3.0):\n\n\
        ---- bob@example.edu \n\
        \x20    Does not have a final email delivery point,\n\
        \x20    please contact this person by alternate means.\n \n\
        \x20      name: Bob Example\n\n\
        Please contact Postmaster@example.edu if you have any questions.\n\n\
        \x20--------Unsent Message below:\n";

    #[test]
    fn the_directory_says_why() {
        let [bob] = &read(NOTICE, RuleSet::BuiltIn).unwrap()[..] else {
            panic!("one recipient")
        };
        assert_eq!(bob.address(), "bob@example.edu");
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(
            bob.explanation(),
            Some(
                "Does not have a final email delivery point, please contact this person by alternate means."
            )
        );
        assert_eq!(bob.reason(), Reason::UserUnknown);
    }

    #[test]
    fn a_user_without_a_domain_is_no_recipient() {
        let yale = " --------Message not delivered to the following:\n\n\
            \x20bob    No matches to nameserver query\n\n\
            \x20--------Error Detail (phquery V4.1):\n\n The message ...\n";
        assert!(read(yale, RuleSet::BuiltIn).is_none());
        let no_detail =
            " --------Message not delivered to the following addresses:\n\n bob@example.edu\n";
        assert!(read(no_detail, RuleSet::BuiltIn).is_none());
    }
}
