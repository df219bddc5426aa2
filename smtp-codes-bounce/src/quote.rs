//! What a report's human-readable part says for one address, where its machine part says
//! nothing: the explanation under the address, and the reply quoted in it.

use std::cell::{OnceCell, RefCell};

use memchr::memmem;

use smtp_codes::ReplyBuf;

use crate::reply::reply_of;
use crate::scan;

/// A report's human-readable text, searched for addresses in any case: its lower-cased copy
/// is made at most once, and only when an address is not found as written. The last address
/// looked up is remembered with where it stood: a DSN's reader asks for each recipient three
/// times (its explanation, its command, the codes its paragraph gives), and those searches
/// of the whole text cost about 5 % of reading an mbox of bounces (callgrind).
#[derive(Debug)]
pub(crate) struct Human<'t> {
    text: &'t str,
    lower: OnceCell<String>,
    last: RefCell<Option<(String, Option<usize>)>>,
}

impl<'t> Human<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Human {
            text,
            lower: OnceCell::new(),
            last: RefCell::new(None),
        }
    }

    /// The text.
    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// Where `address` first stands in the text, in any ASCII case (which keeps every byte
    /// where it was, so the offset holds in the text as written).
    pub(crate) fn find(&self, address: &str) -> Option<usize> {
        if let Some((last, at)) = self.last.borrow().as_ref()
            && last == address
        {
            return *at;
        }
        let at = memmem::find(self.text.as_bytes(), address.as_bytes()).or_else(|| {
            let lower = self.lower.get_or_init(|| self.text.to_ascii_lowercase());
            memmem::find(lower.as_bytes(), address.to_ascii_lowercase().as_bytes())
        });
        *self.last.borrow_mut() = Some((address.to_owned(), at));
        at
    }
}

/// What the text says for `address`, for a report whose machine part gives no diagnostic:
/// OpenSMTPD writes `bob@example.com: 550 5.1.1 ...` only in its text (CommuniGate Pro
/// `bob@example.com; Failed; ...`: the separator is left out), and Exim its
/// explanation on the lines under the address, indented deeper. The rest of the line that
/// first names the address and the deeper lines that follow, joined with spaces; where none
/// is deeper and the line ends in a colon, which introduces what follows (Dovecot's `Your
/// message to <bob@example.com> was automatically rejected:`) or in the parenthesis that
/// closes it (MailSite's `(Was addressed to bob@example.com)`), the lines up to the next
/// blank one. `None` when the text does not name the address or says nothing after it.
pub(crate) fn explanation(human: &Human<'_>, address: &str) -> Option<String> {
    if address.is_empty() {
        return None;
    }
    let text = human.text();
    let at = human.find(address)?;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let indent = line.len() - line.trim_start().len();
    let rest = text[at + address.len()..line_end].trim_start_matches([':', '>', ';']);
    // MailSite names the address last in a parenthesis, `(Was addressed to bob@...)`, and
    // says why on the lines after it: that line introduces them as a colon would.
    let closes_parenthesis = rest.trim() == ")";
    let mut joined = if closes_parenthesis {
        String::new()
    } else {
        rest.trim().to_owned()
    };
    // Whether the line introduces what follows, and whether that stands at its own level.
    let introduces = closes_parenthesis || joined.ends_with(':');
    let mut level = false;
    for (i, line) in text
        .get(line_end + 1..)
        .unwrap_or_default()
        .lines()
        .enumerate()
    {
        let deeper = line.len() - line.trim_start().len() > indent;
        level |= i == 0 && !deeper && introduces;
        if line.trim().is_empty() || !(deeper || level) {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line.trim());
    }
    (!joined.is_empty()).then_some(joined)
}

/// The first paragraph of `text` (its lines from the first that is not blank up to the next
/// blank one), its words joined by single spaces; empty when there is none.
pub(crate) fn paragraph(text: &str) -> String {
    text.lines()
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty())
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The reply in an [`explanation`]: the one after Postfix's `host mx.example.com[192.0.2.1]
/// said:`, MailEnable's `Remote SMTP Server Returned:` or Exim's `host mx.example.com
/// [192.0.2.1]:`, which may have no enhanced code (`said: 554 No Resent-From field given`),
/// or else the first 4yz or 5yz reply the text quotes.
pub(crate) fn quoted_reply(explanation: &str) -> Option<ReplyBuf> {
    [" said: ", " Returned: ", "]: "]
        .iter()
        .find_map(|marker| {
            explanation
                .split_once(marker)
                .and_then(|(_, said)| reply_of(said.trim_start()))
                .filter(|reply| matches!(reply.code() / 100, 4 | 5))
        })
        .or_else(|| scan::replies(explanation).into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, address: &str) -> Option<String> {
        explanation(&Human::new(text), address)
            .and_then(|e| quoted_reply(&e))
            .map(|r| r.to_string())
    }

    #[test]
    fn replies_quoted_in_the_text() {
        // OpenSMTPD: one line per recipient, at the margin.
        let text = "    An error has occurred:\n\nquota@example.com: 552 5.2.2 <quota@example.com>: over quota\nbob@example.com: 550 5.1.1 <bob@example.com>: User unknown\n";
        assert_eq!(
            quoted(text, "quota@example.com").as_deref(),
            Some("552 5.2.2 <quota@example.com>: over quota\r\n")
        );
        assert_eq!(
            quoted(text, "BOB@example.com").as_deref(),
            Some("550 5.1.1 <bob@example.com>: User unknown\r\n")
        );
        // Exim: the reply on deeper lines under the address.
        let text = "  grey@example.com\n    host 127.0.0.1 [127.0.0.1]\n    SMTP error from remote mail server after RCPT TO:<grey@example.com>:\n    450 4.7.1 <grey@example.com>: Recipient address rejected:\n    Greylisted, try again later\n  other@example.com\n    550 5.1.1 no\n";
        assert_eq!(
            quoted(text, "grey@example.com").as_deref(),
            Some(
                "450 4.7.1 <grey@example.com>: Recipient address rejected: Greylisted, try again later\r\n"
            )
        );
        assert_eq!(
            quoted(
                "  someone@example.com\n    retry timeout exceeded\n",
                "someone@example.com"
            ),
            None
        );
        assert_eq!(quoted("nothing here", "bob@example.com"), None);
        // Dovecot: the reason on the lines after the one that introduces it, at its level.
        let text = "Your message to <bob@example.com> was automatically rejected:\n\
                    552 5.2.2 Quota exceeded\n(mailbox for user is full)\n\nThe end.\n";
        assert_eq!(
            explanation(&Human::new(text), "bob@example.com").as_deref(),
            Some("was automatically rejected: 552 5.2.2 Quota exceeded (mailbox for user is full)")
        );
        // MailSite (mail_malformed_2 of the mail-parser 4.8.0 package on PyPI): the address
        // closes a parenthesis, and the lines after it say why; the closing bracket is no
        // explanation.
        let text = "to the following recipient(s):\n\nbob\n(Was addressed to bob@example.com)\n\
                    Delivery failed\nUser's mailbox quota exceeded\n\n\n";
        assert_eq!(
            explanation(&Human::new(text), "bob@example.com").as_deref(),
            Some("Delivery failed User's mailbox quota exceeded")
        );
        // CommuniGate Pro (long-smtp.msg of Mail::DeliveryStatus::BounceParser's corpus):
        // `address; action; status`, the separator no part of what it says.
        let text = " - These recipients of your message have been processed by the mail server:\n\
                    bob@example.com; Failed; 4.4.7 (delivery time expired)\n\n";
        assert_eq!(
            explanation(&Human::new(text), "bob@example.com").as_deref(),
            Some("Failed; 4.4.7 (delivery time expired)")
        );
        // A line that ends otherwise takes no line at its level.
        let text = "bob@example.com: no such user\ncarol@example.com: over quota\n";
        assert_eq!(
            explanation(&Human::new(text), "bob@example.com").as_deref(),
            Some("no such user")
        );
        // Postfix: the reply after `said:`, with or without an enhanced code.
        assert_eq!(
            quoted(
                "<bob@example.com>: host mx.example.com[192.0.2.1] said: 554 No Resent-From field given\n",
                "bob@example.com"
            )
            .as_deref(),
            Some("554 No Resent-From field given\r\n")
        );
        // Exim: the reply after the host, with or without an enhanced code.
        assert_eq!(
            quoted(
                "  bob@example.com\n    SMTP error from remote server after RCPT command:\n    host mx.example.com [192.0.2.1]: 550 user unknown\n",
                "bob@example.com"
            )
            .as_deref(),
            Some("550 user unknown\r\n")
        );
    }
}
