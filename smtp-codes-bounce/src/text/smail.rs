//! Smail's notice, as flufl.bounce's simple_04.txt (real, from `MAILER-DAEMON@airmail.net`;
//! scripts/flufl/check reads it) shows it: sections between rule lines `|---- ... ----|`, of
//! which `Failed addresses follow:` lists one failed address a line, `bob@example.com ...
//! unknown host`, its reason after the ` ... `; `Message log follows:` holds the log and
//! `Message text follows:` the returned message.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const FAILED: &str = "Failed addresses follow:";
const BETWEEN: &str = " ... ";

/// The failed recipients, when `text` is Smail's notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let mut lines = text.lines().map(str::trim);
    lines.find(|line| is_rule(line) && line.contains(FAILED))?;
    let mut recipients = Vec::new();
    for line in lines.take_while(|line| !is_rule(line)) {
        let Some((address, why)) = line.split_once(BETWEEN) else {
            continue;
        };
        let address = address.trim();
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

/// A rule line: `|`, dashes and words, `|`.
fn is_rule(line: &str) -> bool {
    line.starts_with("|-") && line.ends_with("-|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn each_failed_address_with_its_reason() {
        let text = "|------------------------- Message log follows: -------------------------|\n \
            no valid recipients were found for this message\n\
            |------------------------- Failed addresses follow: ---------------------|\n \
            bob@example.com ... unknown host\n \
            carol@example.net ... unknown host\n\
            |------------------------- Message text follows: ------------------------|\n \
            dave@example.org ... returned text, not a failure\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::HostUnknown),
                ("carol@example.net", Reason::HostUnknown)
            ]
        );
        assert_eq!(recipients[0].explanation(), Some("unknown host"));
        assert!(
            recipients
                .iter()
                .all(|r| r.action() == Some(Action::Failed))
        );
    }

    #[test]
    fn without_the_section_it_is_not_this_format() {
        assert!(read("bob@example.com ... unknown host\n", RuleSet::BuiltIn).is_none());
        let empty = "|---- Failed addresses follow: ----|\n|---- Message text follows: ----|\n";
        assert!(read(empty, RuleSet::BuiltIn).is_none());
    }
}
