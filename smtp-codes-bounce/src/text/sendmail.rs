//! Sendmail's notices without a delivery-status part, as Sendmail before 8.8 sent them and
//! as it still does where DSNs are turned off: `The original message was received at ...`,
//! then a section headed `----- The following addresses had permanent fatal errors -----`
//! (in a delay warning, `... had transient non-fatal errors -----`) with one address per line
//! at the margin and, indented under it, `(reason: 550 5.1.1 ...)` and `(expanded from:
//! ...)`, then `----- Transcript of session follows -----` with the replies, each as
//! `<<< 550 5.1.1 <bob@example.com>... User unknown`, or written out again without the arrows.
//! The headings are Sendmail's own (`sendmail/savemail.c` in its source,
//! <https://ftp.sendmail.org/>); GNU Mailman's and Sisimai's readers look for the same ones.

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const FATAL: &str = "----- The following addresses had permanent fatal errors -----";
const TRANSIENT: &str = "----- The following addresses had transient non-fatal errors -----";
const TRANSCRIPT: &str = "----- Transcript of session follows -----";

/// The recipients, when `text` is a Sendmail notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let (at, heading, action) = [(FATAL, Action::Failed), (TRANSIENT, Action::Delayed)]
        .into_iter()
        .find_map(|(heading, action)| text.find(heading).map(|at| (at, heading, action)))?;
    let transcript: Vec<&str> = text
        .find(TRANSCRIPT)
        .map(|t| &text[t + TRANSCRIPT.len()..])
        .map(|rest| {
            rest.lines()
                .map(str::trim)
                .take_while(|line| !line.starts_with("-----"))
                .filter(|line| !line.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut recipients = Vec::new();
    let mut lines = text[at + heading.len()..]
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() || line.starts_with([' ', '\t']) {
            break;
        }
        let address = line.trim().trim_matches(['<', '>']);
        let mut reason = None;
        while let Some(more) = lines.next_if(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
        {
            if let Some(said) = more.trim().strip_prefix("(reason: ") {
                reason = Some(said.trim_end_matches(')').to_owned());
            }
        }
        if !is_address(address) {
            continue;
        }
        let explanation = reason.unwrap_or_else(|| said_in(&transcript, address));
        recipients.push(explained(
            action,
            address.to_owned(),
            explanation,
            text,
            rules,
        ));
    }
    any(recipients)
}

/// What the transcript says of `address`: its lines that name it, or when none does, all of
/// it (a transcript of one recipient's session often names only the host).
fn said_in(transcript: &[&str], address: &str) -> String {
    let lower = address.to_ascii_lowercase();
    let naming: Vec<&str> = transcript
        .iter()
        .copied()
        .filter(|line| !line.starts_with(">>>") && line.to_ascii_lowercase().contains(&lower))
        .map(|line| line.trim_start_matches("<<< "))
        .collect();
    if naming.is_empty() {
        transcript
            .iter()
            .map(|line| line.trim_start_matches("<<< "))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        naming.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::{Command, Reason};

    #[test]
    fn addresses_and_the_transcript() {
        let text = "The original message was received at Tue, 1 Dec 2026 10:00:00 +0100\n\
            from localhost [127.0.0.1]\n\n\
            \x20  ----- The following addresses had permanent fatal errors -----\n\
            <bob@example.com>\n\
            \x20   (expanded from: <team@example.org>)\n\
            carol@example.net\n\
            \x20   (reason: 552 5.2.2 Mailbox full)\n\n\
            \x20  ----- Transcript of session follows -----\n\
            ... while talking to mx.example.com.:\n\
            >>> RCPT To:<bob@example.com>\n\
            <<< 550 5.1.1 <bob@example.com>... User unknown\n\
            550 5.1.1 <bob@example.com>... User unknown\n\n\
            \x20  ----- Original message follows -----\n\
            dave@example.com\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::UserUnknown),
                ("carol@example.net", Reason::MailboxFull)
            ]
        );
        assert!(
            recipients
                .iter()
                .all(|r| r.action() == Some(Action::Failed))
        );
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(550));
        assert_eq!(recipients[0].command(), Some(Command::Rcpt));
    }

    #[test]
    fn a_transcript_that_names_no_address() {
        let text = "   ----- The following addresses had transient non-fatal errors -----\n\
            bob@example.com\n\n\
            \x20  ----- Transcript of session follows -----\n\
            451 4.4.1 reply: read error from mx.example.com.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        assert_eq!(recipients[0].action(), Some(Action::Delayed));
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(451));
        assert!(
            read(
                "The original message was received at noon.\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
    }
}
