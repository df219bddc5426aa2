//! Bounces written as free text: one module per mail system's format, and the check of a
//! DSN's human-readable part against its machine-readable one.

mod delivery_of_email;
mod domino;
mod exchange;
mod exchange_ims;
mod exchange_smtp;
mod exim;
mod exim_refusal;
mod failure_notification;
mod following_recipients;
mod generated_notice;
mod gmail;
mod groupwise;
mod imail;
mod interscan;
mod labelled;
mod mdaemon;
mod phquery;
mod postfix;
mod qmail;
mod sendmail;
mod ses;
mod smail;
mod undeliverable_reason;
mod unreached;
mod yahoo;

pub(crate) use groupwise::OPENING as GROUPWISE_OPENING;
pub(crate) use interscan::BANNER as INTERSCAN_BANNER;

use std::sync::LazyLock;

use memchr::memmem::Finder;
use smtp_codes::EnhancedCode;

use crate::bounce::{Action, Facts, MailSystem, Recipient, Typed, is_generic};
use crate::command::answered;
use crate::judge::{RuleSet, judge_explained};
use crate::problem::Problem;
use crate::quote::Human;

/// The opening sentence that Exchange 2000 and 2003's SMTP service (`exchange_smtp`) and an
/// unnamed relay (`generated_notice`) both write; what follows tells the two apart.
const GENERATED_NOTIFICATION: &str =
    "This is an automatically generated Delivery Status Notification.";

/// A format module's reader: the recipients, when the text is in its format.
type Reader = fn(&str, RuleSet) -> Option<Vec<Recipient>>;

/// The recipients of a free-text bounce, from the first format module that recognises it,
/// with the mail system it is the format of (`None` for a format whose system is unknown).
/// `from_a_daemon`: whether the message comes from a mailer daemon or has a bounce's subject;
/// only then is a text known by QSBMF's structure alone, whose opening may say anything, read
/// as a bounce (an ordinary message can have paragraphs that start `<address>:`).
pub(crate) fn recognise(
    text: &str,
    rules: RuleSet,
    from_a_daemon: bool,
) -> Option<(Option<MailSystem>, Vec<Recipient>)> {
    let readers: [(MailSystem, Reader); 17] = [
        (MailSystem::Postfix, postfix::read),
        (MailSystem::Exim, exim::read),
        (MailSystem::Exim, exim_refusal::read),
        (MailSystem::Sendmail, sendmail::read),
        (MailSystem::Qmail, qmail::read),
        (MailSystem::Yahoo, yahoo::read),
        (MailSystem::Exchange, exchange::read),
        (MailSystem::Exchange, exchange_ims::read),
        (MailSystem::Exchange, exchange_smtp::read),
        (MailSystem::Gmail, gmail::read),
        (MailSystem::AmazonSes, ses::read),
        (MailSystem::Domino, domino::read),
        (MailSystem::Imail, imail::read),
        (MailSystem::MDaemon, mdaemon::read),
        (MailSystem::InterScan, interscan::read),
        (MailSystem::Smail, smail::read),
        (MailSystem::GroupWise, groupwise::read),
    ];
    // Formats of no mail system we can name, in the order they are tried.
    let unnamed: [Reader; 6] = [
        generated_notice::read,
        delivery_of_email::read,
        failure_notification::read,
        phquery::read,
        following_recipients::read,
        undeliverable_reason::read,
    ];
    readers
        .iter()
        .find_map(|(system, read)| read(text, rules).map(|recipients| (*system, recipients)))
        .or_else(|| unreached::read(text, rules))
        .map(|(system, recipients)| (Some(system), recipients))
        .or_else(|| {
            unnamed
                .iter()
                .find_map(|read| read(text, rules))
                .map(|recipients| (None, recipients))
        })
        .or_else(|| {
            // Last: it knows the format by its structure alone, whatever the opening says.
            from_a_daemon
                .then(|| qmail::read_reworded(text, rules))
                .flatten()
                .map(|recipients| (Some(MailSystem::Qmail), recipients))
        })
        .or_else(|| {
            // A label such as `Failed Recipient:` is no mail system's, and could be anyone's.
            from_a_daemon
                .then(|| labelled::read(text, rules))
                .flatten()
                .map(|recipients| (None, recipients))
        })
}

/// What a free-text bounce says of a recipient it names as failed.
fn failed(address: String, diagnostic: Option<Typed>) -> Facts {
    reported(Action::Failed, address, diagnostic)
}

/// What a free-text bounce or delay notice says of a recipient: that delivery failed or is
/// still being tried, and why.
fn reported(action: Action, address: String, diagnostic: Option<Typed>) -> Facts {
    Facts {
        address,
        action: Some(action),
        diagnostic,
        ..Facts::default()
    }
}

/// A recipient of a free-text bounce whose text explains the failure in the MTA's words,
/// quoting the reply where there was one: the reply, the command it answered (from the
/// words beside it, or a transcript in `text`) and the reason, as for a DSN without a
/// diagnostic.
fn explained(
    action: Action,
    address: String,
    explanation: String,
    text: &str,
    rules: RuleSet,
) -> Recipient {
    let mut facts = reported(action, address, None);
    let said = (!explanation.is_empty()).then_some(explanation);
    facts.command = answered(&Human::new(text), &facts.address, said.as_deref());
    judge_explained(facts, said, rules)
}

/// The recipients a module read; `None` when it read none, the text not being its format.
fn any(recipients: Vec<Recipient>) -> Option<Vec<Recipient>> {
    (!recipients.is_empty()).then_some(recipients)
}

/// A recipient's diagnostic in a free-text bounce: the SMTP reply the text quotes for it,
/// typed `smtp`, or else the MTA's own explanation, untyped, its lines joined; `None` when
/// the text says nothing.
fn diagnostic(reply: Option<&str>, explanation: &str) -> Option<Typed> {
    match reply.map(reply_text) {
        Some(reply) if !reply.is_empty() => Some(Typed {
            kind: Some("smtp".to_owned()),
            text: reply,
        }),
        _ => {
            let text = joined(explanation);
            (!text.is_empty()).then_some(Typed { kind: None, text })
        }
    }
}

/// The lines of `text`, trimmed, the empty ones left out, joined with spaces.
fn joined(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A quoted reply as the reply parser reads it: its lines joined, the colon Yahoo writes
/// after the code (`554: delivery error`) made a space, and a code written twice (Gmail's
/// `550 550 5.1.1 ...`) written once.
fn reply_text(quoted: &str) -> String {
    let text = joined(quoted);
    // On bytes: the first four of a text need not end a character (`a€`).
    let code_then = |text: &str, after: u8| {
        text.as_bytes()
            .get(..4)
            .is_some_and(|head| head[..3].iter().all(u8::is_ascii_digit) && head[3] == after)
    };
    let text = if code_then(&text, b':') {
        format!("{} {}", &text[..3], text[4..].trim_start())
    } else {
        text
    };
    match text.get(4..7) {
        Some(again)
            if code_then(&text, b' ') && again == &text[..3] && code_then(&text[4..], b' ') =>
        {
            text[4..].to_owned()
        }
        _ => text,
    }
}

/// The paragraphs, after the opening one, that start with an address in angle brackets and
/// a colon (`<bob@example.com>:`), up to the first paragraph that starts with `-` (the line
/// before the returned message): qmail's format and Yahoo's. Each address with the rest of
/// its paragraph.
fn angle_paragraphs(text: &str) -> Vec<(String, String)> {
    qsbmf(text).0
}

/// [`angle_paragraphs`], and whether a paragraph that starts with `-` ended them, as QSBMF's
/// break paragraph (`--- Below this line is a copy of the message.`) does.
fn qsbmf(text: &str) -> (Vec<(String, String)>, bool) {
    let text = text.trim_start().replace("\r\n", "\n");
    let mut found = Vec::new();
    for paragraph in text.split("\n\n").skip(1) {
        let paragraph = paragraph.trim_matches('\n');
        if paragraph.starts_with('-') {
            return (found, true);
        }
        let (first, explanation) = paragraph.split_once('\n').unwrap_or((paragraph, ""));
        if let Some(address) = first
            .trim()
            .strip_prefix('<')
            .and_then(|rest| rest.strip_suffix(">:"))
        {
            found.push((address.to_owned(), explanation.trim().to_owned()));
        }
    }
    (found, false)
}

/// The status that qmail and the servers that write its format append to their own
/// explanations, as `(#5.1.1)`.
fn qsbmf_status(explanation: &str) -> Option<EnhancedCode> {
    explanation
        .split("(#")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .and_then(|code| code.parse::<EnhancedCode>().ok())
}

/// The reply after `Remote host said:` in an explanation, as qmail and Yahoo write it.
fn remote_host_said(explanation: &str) -> Option<&str> {
    explanation
        .lines()
        .find_map(|line| line.trim().strip_prefix("Remote host said:"))
        .map(str::trim)
}

/// Whether a line is one address and nothing else, as the recipient lists of Exchange, Gmail
/// and Amazon SES write them.
fn is_address(line: &str) -> bool {
    let line = line.trim();
    line.contains('@') && !line.contains(char::is_whitespace)
}

/// Notes every recipient whose status the text gives differently: the first enhanced code
/// in the paragraph (up to a blank line) where the text first names the address, when it is
/// neither the `Status` nor the enhanced code of the quoted reply (Exim's reports say
/// `Status: 5.0.0` and quote the `550 5.1.1` in both parts). A text that does not name the
/// address, or names no code there, says nothing against it.
/// A blank line, LF or CRLF, each searcher built once.
static BLANK_LF: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\n\n"));
static BLANK_CRLF: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\r\n\r\n"));

pub(crate) fn check_agreement(
    human: &Human<'_>,
    recipients: &[Recipient],
    problems: &mut Vec<Problem>,
) {
    let text = human.text();
    for recipient in recipients {
        let Some(machine) = recipient.status() else {
            continue;
        };
        let address = recipient.address();
        if address.is_empty() {
            continue;
        }
        let Some(at) = human.find(address) else {
            continue;
        };
        // The paragraph ends at the first blank line, LF or CRLF.
        let rest = &text[at..];
        let end = [&*BLANK_LF, &*BLANK_CRLF]
            .iter()
            .filter_map(|blank| blank.find(rest.as_bytes()))
            .min()
            .unwrap_or(rest.len());
        let paragraph = &rest[..end];
        let said = paragraph
            .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '#' | ';' | ','))
            // An enhanced code starts with its class's digit; most words are not one.
            .filter(|word| word.starts_with(['2', '4', '5']))
            .find_map(|word| {
                word.trim_end_matches(['.', ':'])
                    .parse::<EnhancedCode>()
                    .ok()
            });
        let quoted = recipient.reply().and_then(|r| r.enhanced_code());
        // A generic `5.0.0` does not contradict a code of its class that says more.
        let generic = is_generic(machine);
        let contradicts = |said: &EnhancedCode| {
            *said != machine
                && Some(*said) != quoted
                && !(generic && said.class() == machine.class())
        };
        if let Some(said) = said.filter(contradicts) {
            problems.push(Problem::Disagreement {
                recipient: address.to_owned(),
                machine: machine.to_string(),
                text: said.to_string(),
            });
        }
    }
}

/// Each recipient's address and reason, for the modules' tests.
#[cfg(test)]
fn reasons(recipients: &[Recipient]) -> Vec<(&str, smtp_codes::Reason)> {
    recipients
        .iter()
        .map(|r| (r.address(), r.reason()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_replies_as_the_parser_reads_them() {
        assert_eq!(
            reply_text("554: delivery error: dd x"),
            "554 delivery error: dd x"
        );
        assert_eq!(
            reply_text("550 550 5.1.1 no such user"),
            "550 5.1.1 no such user"
        );
        assert_eq!(
            reply_text(" 550 5.1.1\n   no such\n user "),
            "550 5.1.1 no such user"
        );
        assert_eq!(reply_text("550 5500 x"), "550 5500 x");
        assert_eq!(reply_text("55"), "55");
        // Found by fuzzing: four bytes that do not end a character.
        assert_eq!(reply_text("a€ b"), "a€ b");
        assert_eq!(reply_text("554€x"), "554€x");
        assert!(is_address(" bob@example.com ") && !is_address("bob at example.com"));
    }
}
