//! Microsoft Exchange Server's and Microsoft 365's non-delivery reports, as their text reads
//! (Microsoft documents what an NDR holds at
//! <https://learn.microsoft.com/en-us/exchange/troubleshoot/email-delivery/ndr/non-delivery-reports-in-exchange-online>):
//! `Delivery has failed to these recipients or groups:` and a paragraph per recipient for
//! the user, then `Diagnostic information for administrators:`, `Generating server: <host>`,
//! and per recipient its address on a line and under it the reply, written one of three ways
//! (as public NDRs show them, such as <https://pastebin.com/e6yfDi5v>,
//! <https://pastebin.com/W8X94bCW> and <https://pastebin.com/bGW4Kdrz>):
//! `Remote Server returned '550 5.1.1 ...'`, `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`,
//! or `mx.example.com #<mx.example.com #5.1.1 smtp; 550 ...> #SMTP#`; then
//! `Original message headers:`.

use smtp_codes::EnhancedCode;

use super::{any, diagnostic, failed, is_address};
use crate::bounce::{Facts, Recipient};
use crate::judge::{RuleSet, judge};

const FAILED: &str = "Delivery has failed to these recipients or groups";
const DIAGNOSTIC: &str = "Diagnostic information for administrators:";
const GENERATING: &str = "Generating server:";
const HEADERS: &str = "Original message headers:";

/// The recipients of the administrators' section, when `text` is an NDR that says delivery
/// failed.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    if !text.contains(FAILED) {
        return None;
    }
    let section = text.split_once(DIAGNOSTIC)?.1;
    let section = section.split(HEADERS).next().unwrap_or(section);
    let mut lines = section
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with(GENERATING))
        .peekable();
    let mut recipients = Vec::new();
    while let Some(line) = lines.next() {
        if !is_address(line) {
            continue;
        }
        let said = lines.next_if(|next| !is_address(next)).map(Said::of);
        let said = said.unwrap_or_default();
        let reply = diagnostic(said.reply, said.reply.unwrap_or_default());
        recipients.push(judge(
            Facts {
                status: said.status,
                remote_mta: said.host.map(str::to_owned),
                ..failed(line.to_owned(), reply)
            },
            rules,
        ));
    }
    any(recipients)
}

/// What the line under an address says.
#[derive(Debug, Default, PartialEq, Eq)]
struct Said<'t> {
    reply: Option<&'t str>,
    status: Option<EnhancedCode>,
    host: Option<&'t str>,
}

impl<'t> Said<'t> {
    fn of(line: &'t str) -> Said<'t> {
        if let Some(quoted) = line.strip_prefix("Remote Server returned '") {
            let quoted = quoted.strip_suffix('\'').unwrap_or(quoted);
            return match quoted.strip_prefix('<') {
                Some(angled) => Said::angled(angled),
                None => Said {
                    reply: Some(quoted),
                    ..Said::default()
                },
            };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::Reason;

    #[test]
    fn the_three_ways_of_writing_the_reply() {
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
