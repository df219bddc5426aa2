//! Microsoft Exchange Server's and Microsoft 365's non-delivery reports and delay notices, as
//! their text reads (Microsoft documents what an NDR holds at
//! <https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online>,
//! and its delay status, `4.4.7 Message delayed`, at
//! <https://learn.microsoft.com/en-us/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages>):
//! `Delivery has failed to these recipients or groups:` (or, while Exchange keeps trying,
//! `Delivery is delayed to these recipients or groups:`) and a paragraph per recipient for
//! the user, then `Diagnostic information for administrators:`, `Generating server: <host>`
//! (and in a delay notice `Receiving server: <host> (<ip>)`), and per recipient its address on
//! a line and under it Exchange's verdict, the reply written one of four ways (as public NDRs
//! show them, such as <https://pastebin.com/e6yfDi5v>, <https://pastebin.com/W8X94bCW>,
//! <https://pastebin.com/bGW4Kdrz> and <https://pastebin.com/EimgND2Y>):
//! `Remote Server returned '550 5.1.1 ...'`, `Remote Server at mx.example.com (192.0.2.1)
//! returned '...'`, `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`, or
//! `mx.example.com #<mx.example.com #5.1.1 smtp; 550 ...> #SMTP#`. A delay notice's verdict is
//! `400 4.4.7 Message delayed`, and an NDR for a message that expired says `550 4.4.7
//! QUEUE.Expired`; under it, a line per last attempt gives the reply that kept the message
//! back, `<date> - Remote Server at <host> (<ip>) returned '<reply>'` (as public notices show,
//! such as <https://pastebin.com/bAWb37W3> and <https://pastebin.com/EimgND2Y>). Then
//! `Original message headers:`.

use std::iter;

use smtp_codes::EnhancedCode;

use super::{any, diagnostic, is_address, reported};
use crate::bounce::{Action, Facts, Recipient};
use crate::judge::{RuleSet, judge};

const FAILED: &str = "Delivery has failed to these recipients or groups";
const DELAYED: &str = "Delivery is delayed to these recipients or groups";
const DIAGNOSTIC: &str = "Diagnostic information for administrators:";
const GENERATING: &str = "Generating server:";
const RECEIVING: &str = "Receiving server:";
const HEADERS: &str = "Original message headers:";

/// The recipients of the administrators' section, when `text` is an NDR that says delivery
/// failed (each recipient `failed`) or a notice that says it is delayed (each `delayed`).
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let action = if text.contains(FAILED) {
        Action::Failed
    } else if text.contains(DELAYED) {
        Action::Delayed
    } else {
        return None;
    };
    let section = text.split_once(DIAGNOSTIC)?.1;
    let section = section.split(HEADERS).next().unwrap_or(section);
    let mut lines = section
        .lines()
        .map(str::trim)
        .filter(|line| {
            !line.is_empty() && !line.starts_with(GENERATING) && !line.starts_with(RECEIVING)
        })
        .peekable();
    let mut recipients = Vec::new();
    while let Some(line) = lines.next() {
        if !is_address(line) {
            continue;
        }
        let under: Vec<Said<'_>> = iter::from_fn(|| lines.next_if(|next| !is_address(next)))
            .map(Said::of)
            .collect();
        let said = Said::together(&under);
        let reply = diagnostic(said.reply, said.reply.unwrap_or_default());
        recipients.push(judge(
            Facts {
                status: said.status,
                remote_mta: said.host.map(str::to_owned),
                ..reported(action, line.to_owned(), reply)
            },
            rules,
        ));
    }
    any(recipients)
}

/// What the line under an address says.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Said<'t> {
    reply: Option<&'t str>,
    status: Option<EnhancedCode>,
    host: Option<&'t str>,
}

impl<'t> Said<'t> {
    fn of(line: &'t str) -> Said<'t> {
        if let Some(said) = Said::returned(line) {
            return said;
        }
        if let Some((_, angled)) = line.split_once("#<") {
            return Said::angled(angled);
        }
        match line.strip_prefix('#') {
            Some(reply) => Said {
                reply: reply.split("##").next().map(str::trim),
                ..Said::default()
            },
            None => Said::default(),
        }
    }

    /// What the lines under an address say together. The first is Exchange's verdict; the
    /// first later line with a reply is the last attempt (Exchange lists them newest first),
    /// whose reply says why the message is still queued or expired, and the verdict's code
    /// is then Exchange's status for the recipient (the `Status` of its own DSN).
    fn together(under: &[Said<'t>]) -> Said<'t> {
        let Some((verdict, attempts)) = under.split_first() else {
            return Said::default();
        };
        match attempts.iter().find(|attempt| attempt.reply.is_some()) {
            Some(attempt) => Said {
                reply: attempt.reply,
                status: verdict
                    .status
                    .or_else(|| verdict.reply.and_then(enhanced_after_code)),
                host: attempt.host.or(verdict.host),
            },
            None => *verdict,
        }
    }

    /// `Remote Server returned '...'`, and `[<date> - ]Remote Server at <host> (<ip>) returned
    /// '...'`, in any case (Microsoft 365 writes `Remote server`): the quoted reply, and the
    /// host when the line names one.
    fn returned(line: &'t str) -> Option<Said<'t>> {
        let (head, quoted) = line.split_once(" returned '")?;
        let lower = head.to_ascii_lowercase();
        const AT: &str = "remote server at ";
        let host = match lower.find(AT) {
            // Lower-casing ASCII keeps every byte where it was, so the offset holds in `head`.
            Some(at) => head.get(at + AT.len()..)?.split_whitespace().next(),
            None if lower.ends_with("remote server") => None,
            None => return None,
        };
        let quoted = quoted.strip_suffix('\'').unwrap_or(quoted);
        let said = match quoted.strip_prefix('<') {
            Some(angled) => Said::angled(angled),
            None => Said {
                reply: Some(quoted),
                ..Said::default()
            },
        };
        Some(Said {
            host: said.host.or(host),
            ..said
        })
    }

    /// `mx.example.com #5.1.1 smtp; 550 5.1.1 no such user> #SMTP#`: the host that answered,
    /// the status Exchange gives, and the reply after `smtp;`.
    fn angled(angled: &'t str) -> Said<'t> {
        let inner = angled.rsplit_once('>').map_or(angled, |(inner, _)| inner);
        let (host, rest) = match inner.split_once('#') {
            Some((host, rest)) => (host.trim(), rest),
            None => ("", inner),
        };
        let status = rest
            .split_whitespace()
            .next()
            .and_then(|code| code.parse::<EnhancedCode>().ok());
        let reply = rest
            .split_once(';')
            .map(|(_, reply)| reply.trim())
            .filter(|reply| !reply.is_empty());
        Said {
            reply,
            status,
            host: (!host.is_empty()).then_some(host),
        }
    }
}

/// The enhanced code after a reply's basic code, as Exchange writes its verdicts (`400 4.4.7
/// Message delayed`, and `550 4.4.7 QUEUE.Expired`, whose classes differ).
fn enhanced_after_code(reply: &str) -> Option<EnhancedCode> {
    reply.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn the_ways_of_writing_the_reply() {
        assert_eq!(
            Said::of("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"),
            Said {
                reply: Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"),
                ..Said::default()
            }
        );
        assert_eq!(
            Said::of("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"),
            Said {
                reply: Some("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"),
                ..Said::default()
            }
        );
        let angled = Said::of("mx.example.com #<mx.example.com #5.2.2 smtp;552 5.2.2 full> #SMTP#");
        assert_eq!(angled.host, Some("mx.example.com"));
        assert_eq!(angled.reply, Some("552 5.2.2 full"));
        assert_eq!(
            angled.status.map(|s| s.to_string()).as_deref(),
            Some("5.2.2")
        );
        assert_eq!(
            Said::of("#< #5.0.0> #SMTP#").status.map(|s| s.class()),
            Some(5)
        );
        assert_eq!(Said::of("no reply here"), Said::default());
        assert_eq!(
            Said::of(
                "3/3/2026 9:14:07 AM - Remote Server at mx.example.com (192.0.2.1) returned \
                 '451 4.7.1 try later'"
            ),
            Said {
                reply: Some("451 4.7.1 try later"),
                host: Some("mx.example.com"),
                ..Said::default()
            }
        );
        assert_eq!(
            Said::of("Remote server returned '550 5.1.2 SMTP; domain not found'").reply,
            Some("550 5.1.2 SMTP; domain not found")
        );
        assert_eq!(Said::of("The server returned 'x'"), Said::default());
    }

    #[test]
    fn a_later_attempt_says_why_and_the_verdict_gives_the_status() {
        let verdict = Said::of(
            "Remote Server at mx.example.com (192.0.2.1) returned '400 4.4.7 Message delayed'",
        );
        let attempt = Said::of(
            "3/3/2026 9:14:07 AM - Remote Server at mx2.example.com (192.0.2.2) returned '451 4.7.1 try later'",
        );
        let older = Said::of(
            "3/3/2026 8:14:07 AM - Remote Server at mx.example.com (192.0.2.1) returned '421 4.4.2 timeout'",
        );
        let together = Said::together(&[verdict, Said::default(), attempt, older]);
        assert_eq!(together.reply, Some("451 4.7.1 try later"));
        assert_eq!(together.host, Some("mx2.example.com"));
        assert_eq!(
            together.status.map(|s| s.to_string()).as_deref(),
            Some("4.4.7")
        );
        assert_eq!(Said::together(&[verdict]), verdict);
        assert_eq!(Said::together(&[]), Said::default());
        let expired = Said::together(&[
            Said::of("#550 4.4.7 QUEUE.Expired; message expired ##"),
            attempt,
        ]);
        assert_eq!(expired.status.map(|s| s.class()), Some(4));
    }

    #[test]
    fn a_delay_notice_names_its_recipients_delayed() {
        let text = "Delivery is delayed to these recipients or groups:\r\n\r\n\
            bob@example.com (bob@example.com)\r\n\r\n\
            Subject: Quarterly figures\r\n\r\n\
            This message hasn't been delivered yet. Delivery will continue to be attempted.\r\n\r\n\
            Diagnostic information for administrators:\r\n\r\n\
            Generating server: mail.example.org\r\n\
            Receiving server: mx.example.com (192.0.2.1)\r\n\r\n\
            bob@example.com\r\n\
            Remote Server at mx.example.com (192.0.2.1) returned '400 4.4.7 Message delayed'\r\n\
            3/3/2026 9:14:07 AM - Remote Server at mx.example.com (192.0.2.1) returned \
            '452 4.2.2 <bob@example.com>: Recipient address rejected: Mailbox full'\r\n\r\n\
            carol@example.net\r\n\
            Remote Server returned '400 4.4.7 Message delayed'\r\n\r\n\
            Original message headers:\r\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        let bob = &recipients[0];
        assert_eq!(bob.action(), Some(Action::Delayed));
        assert_eq!(bob.reply().map(|r| r.code()), Some(452));
        assert_eq!(bob.remote_mta(), Some("mx.example.com"));
        assert_eq!(
            bob.status().map(|s| s.to_string()).as_deref(),
            Some("4.4.7")
        );
        assert_eq!(bob.reason(), Reason::MailboxFull);
        assert!(!bob.is_hard_bounce());
        let carol = &recipients[1];
        assert_eq!(carol.action(), Some(Action::Delayed));
        assert_eq!(carol.reply().map(|r| r.code()), Some(400));
        assert!(!carol.is_hard_bounce());
    }

    #[test]
    fn an_expired_message_is_given_up_on_with_the_last_reply() {
        let text = "Delivery has failed to these recipients or groups:\n\n\
            Diagnostic information for administrators:\n\n\
            bob@example.com\n\
            3/3/2026 9:14:07 AM - Remote Server at mx.example.com (192.0.2.1) returned \
            '550 4.4.7 QUEUE.Expired; message expired'\n\
            3/3/2026 9:04:07 AM - Remote Server at mx.example.com (192.0.2.1) returned \
            '451 4.7.1 Greylisted, see http://postgrey.schweikert.ch/help/example.com.html'\n";
        let bob = &read(text, RuleSet::BuiltIn).unwrap()[0];
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(bob.reply().map(|r| r.code()), Some(451));
        assert_eq!(bob.reason(), Reason::Expired);
        assert!(!bob.is_hard_bounce());
    }

    #[test]
    fn recipients_of_the_administrators_section() {
        let text = "Delivery has failed to these recipients or groups:\r\n\r\n\
            bob@example.com (bob@example.com)\r\n\
            The email address you entered couldn't be found.\r\n\r\n\
            Diagnostic information for administrators:\r\n\r\n\
            Generating server: mail.example.org\r\n\r\n\
            bob@example.com\r\n\
            Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\r\n\r\n\
            carol@example.net\r\n\
            #552 5.2.2 STOREDRV.Deliver; mailbox full ##\r\n\r\n\
            Original message headers:\r\n\r\n\
            To: dave@example.com\r\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::UserUnknown),
                ("carol@example.net", Reason::MailboxFull)
            ]
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        assert!(
            read(
                "Diagnostic information for administrators:\nbob@example.com\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
