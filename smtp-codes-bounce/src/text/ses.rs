//! Amazon SES's bounces, which it forwards to the sender by email ("email feedback
//! forwarding", <https://docs.aws.amazon.com/ses/latest/dg/monitor-sending-activity-using-notifications-email.html>)
//! from `MAILER-DAEMON@amazonses.com`: their text opens `An error occurred while trying to
//! deliver the mail to the following recipients:` with one address a line under it, as the
//! public bounce readers that look for it quote it (PHPMailer-BMH's rule 0013 "mailbox error
//! (Amazon SES)", for one). Most come with a delivery-status part, which is read instead;
//! without one, the text gives the recipients and whatever reply it quotes after them.

use super::{any, diagnostic, failed, is_address};
use crate::bounce::Recipient;
use crate::judge::{RuleSet, judge};
use crate::quote::quoted_reply;

const OPENING: &str =
    "An error occurred while trying to deliver the mail to the following recipients:";

/// The failed recipients, when `text` is an Amazon SES bounce.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let after = text.split_once(OPENING)?.1;
    let mut lines = after.lines().map(str::trim).skip_while(|l| l.is_empty());
    let addresses: Vec<&str> = lines.by_ref().take_while(|line| is_address(line)).collect();
    let rest: Vec<&str> = lines.collect();
    let rest = rest.join("\n");
    let reply = quoted_reply(&rest).map(|reply| reply.to_string());
    let recipients: Vec<Recipient> = addresses
        .into_iter()
        .map(|address| {
            judge(
                failed(address.to_owned(), diagnostic(reply.as_deref(), "")),
                rules,
            )
        })
        .collect();
    any(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_addresses_under_the_opening() {
        let text = "An error occurred while trying to deliver the mail to the following recipients:\r\n\
            bob@example.com\r\ncarol@example.org\r\n\r\nThe server said: 550 5.1.1 user unknown\r\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let addresses: Vec<&str> = recipients.iter().map(Recipient::address).collect();
        assert_eq!(addresses, ["bob@example.com", "carol@example.org"]);
        assert_eq!(recipients[1].reply().map(|r| r.code()), Some(550));
        assert!(read("An error occurred.\nbob@example.com\n", RuleSet::BuiltIn).is_none());
    }
}
