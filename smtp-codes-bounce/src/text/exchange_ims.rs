//! The non-delivery reports of Exchange 5.5 to 2003 (its Internet Mail Service, `MSEXCH:IMS`
//! in the reports), as real ones among flufl.bounce's test messages show them
//! (`microsoft_01.txt`, `microsoft_02.txt`, `groupwise_01.txt`; scripts/flufl/check reads
//! them): `Your message`, the original's `To:`, `Subject:` and `Sent:` indented, then `did not
//! reach the following recipient(s):` and per recipient a line at the margin, `bob@example.com
//! on <date>` (or an X.400 address with the Internet one in it, `c=US;a= ;p=Org;o=Site;
//! dda:SMTP=bob@example.com; on <date>`), with the explanation indented under it (`The
//! recipient name is not recognized`, then Exchange's own `MSEXCH:IMS:... Unknown
//! Recipient`). Newer Exchange writes `Delivery has failed to these recipients or groups`,
//! which `exchange.rs` reads.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const HEADING: &str = "did not reach the following recipient(s):";

/// The failed recipients, when `text` is such a report.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let at = text.find(HEADING)?;
    // A message that lacks its MIME header fields keeps the MIME preamble in its text.
    if !text[..at].lines().any(|line| line.trim() == "Your message") {
        return None;
    }
    // Per recipient: its address and the lines indented under it.
    let mut blocks: Vec<(String, Vec<&str>)> = Vec::new();
    for line in text[at + HEADING.len()..].lines() {
        if line.starts_with("--") {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, explanation)) = blocks.last_mut() {
                explanation.push(line.trim());
            }
        } else if let Some(address) = address_of(line) {
            // A line at the margin: a recipient, or the end of the one before wrapped there.
            blocks.push((address, Vec::new()));
        }
    }
    let recipients = blocks
        .into_iter()
        .map(|(address, explanation)| {
            explained(Action::Failed, address, explanation.join(" "), text, rules)
        })
        .collect();
    any(recipients)
}

/// The Internet address a recipient line names: before ` on ` (its date), and inside an
/// X.400 address, after `SMTP=`.
pub(super) fn address_of(line: &str) -> Option<String> {
    let (head, _) = line.split_once(" on ").unwrap_or((line, ""));
    let head = match head.split_once("SMTP=") {
        Some((_, inside)) => inside.split(';').next().unwrap_or(inside),
        None => head,
    };
    let head = head.trim().trim_matches(['<', '>']);
    is_address(head).then(|| head.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn a_line_per_recipient_with_its_explanation_under_it() {
        let text = "Your message\n\n  To:      list@example.org\n  Subject: Plans\n  \
            Sent:    Fri, 4 Oct 2002 17:10:56 -0400\n\n\
            did not reach the following recipient(s):\n\n\
            bob@example.COM on Fri, 4 Oct 2002 17:12:28 -0400\n    \
            The recipient name is not recognized\n\tThe MTS-ID of the original message is: c=us;a=\n\
            ;p=example;l=MX0210042112TX06SNVK\n    \
            MSEXCH:IMS:Example:Site:MX01 0 (000C05A6) Unknown Recipient\n\
            c=US;a= ;p=Example;o=Site;dda:SMTP=carol@example.org; on Fri, 4 Oct 2002\n\
            17:12:29 -0400\n    The recipient name is not recognized\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.COM", Reason::UserUnknown),
                ("carol@example.org", Reason::UserUnknown)
            ]
        );
        // Neither a status nor a reply gives the failure's class, but Exchange gave the
        // address up for a name it does not know: hard, as Sisimai also says.
        assert!(recipients[0].is_hard_bounce());
        assert!(
            read(
                "did not reach the following recipient(s):\nbob@example.com on Friday\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
        let preamble = format!("This message is in MIME format.\n\n------_=_NextPart_000\n{text}");
        assert_eq!(read(&preamble, RuleSet::BuiltIn).map(|r| r.len()), Some(2));
    }
}
