//! Which SMTP command a reply answered, from the words MTAs write beside it in a bounce's
//! text, as `tests/corpus/bounces/` records them: Postfix's `(in reply to RCPT TO command)`
//! and `(in reply to end of DATA command)`, Exim's `SMTP error from remote mail server after
//! RCPT TO:<bob@example.com>:` and `... after end of data:`, and the transcripts of Sendmail
//! (`... while talking to [192.0.2.1]:`, then `>>> RCPT To:<bob@example.com>`) and Courier
//! (` >>> RCPT TO:<bob@example.com>` under the address).

use std::sync::LazyLock;

use memchr::memmem::Finder;
use smtp_codes::Command;

use crate::quote::Human;

/// The words searched for in every recipient's text, each built into a searcher once:
/// `memmem::find` would build one per call, which cost more than the search in these short
/// texts.
static TRANSCRIPT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(">>> "));
static IN_REPLY_TO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("in reply to "));
static AFTER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("mail server after "));

/// The command that the reply for `address` answered, when the text says: first in what it
/// says under the address (Postfix, Exim, Courier), its [`explanation`], then in a transcript
/// line that names the address (Sendmail's `>>> RCPT To:<address>`), then in a transcript line
/// that names no address (Sendmail's `>>> DATA`, which answers for every recipient).
///
/// [`explanation`]: crate::quote::explanation
pub(crate) fn answered(human: &Human<'_>, address: &str, said: Option<&str>) -> Option<Command> {
    if let Some(command) = said.and_then(in_words) {
        return Some(command);
    }
    // Most texts quote no transcript: one search says so, before a walk over their lines.
    TRANSCRIPT.find(human.text().as_bytes())?;
    let mut transcript = human
        .text()
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix(">>> "));
    let lower = address.to_ascii_lowercase();
    let names = |line: &str| line.to_ascii_lowercase().contains(&lower);
    let mut anonymous = None;
    for line in transcript.by_ref() {
        if !address.is_empty() && names(line) {
            return sent(line);
        }
        if anonymous.is_none() && !line.contains('@') {
            anonymous = Some(line);
        }
    }
    anonymous.and_then(sent)
}

/// The command that `said` (what a text says of one recipient, its lines joined) names.
fn in_words(said: &str) -> Option<Command> {
    // Postfix ends its explanation with it; Exim's line before the reply holds it; Courier
    // quotes its transcript.
    let after = |marker: &Finder<'static>| {
        marker
            .find(said.as_bytes())
            .map(|at| &said[at + marker.needle().len()..])
    };
    after(&IN_REPLY_TO)
        .or_else(|| after(&AFTER))
        .and_then(verb)
        .or_else(|| after(&TRANSCRIPT).and_then(sent))
        // A transcript's command line itself, as MDaemon's module gives it: `RCPT
        // To:<bob@example.com>` and the reply under it.
        .or_else(|| {
            said.lines()
                .next()
                .filter(|line| is_transcript_command(line))
                .and_then(sent)
        })
}

/// Whether a line is an envelope command as a session transcript shows it.
fn is_transcript_command(line: &str) -> bool {
    ["RCPT TO:", "MAIL FROM:"].iter().any(|start| {
        line.get(..start.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(start))
    })
}

/// The command a transcript line (after its `>>> `) sent. A bare `DATA` there is the end of
/// the data: Sendmail and Courier write `>>> DATA` above the reply to the message's last line
/// (the capture's 552 for a message too big, which Postfix says came `in reply to end of DATA
/// command`).
fn sent(line: &str) -> Option<Command> {
    match verb(line)? {
        Command::Data => Some(Command::DataEnd),
        command => Some(command),
    }
}

/// The command a phrase starts with: `RCPT TO:<...>`, `MAIL FROM`, `DATA command`,
/// `end of DATA command`, `end of data:`.
fn verb(phrase: &str) -> Option<Command> {
    let word = phrase.split([' ', ':']).next()?;
    if word.eq_ignore_ascii_case("end") {
        return phrase
            .get(..11)
            .filter(|p| p.eq_ignore_ascii_case("end of data"))
            .map(|_| Command::DataEnd);
    }
    word.parse::<Command>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::explanation;

    fn read(text: &str, address: &str) -> Option<Command> {
        let human = Human::new(text);
        answered(&human, address, explanation(&human, address).as_deref())
    }

    #[test]
    fn each_mtas_words() {
        let postfix = "<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 no\n    such user (in reply to RCPT\n    TO command)\n";
        assert_eq!(read(postfix, "bob@example.com"), Some(Command::Rcpt));
        let postfix =
            "<big@example.com>: host mx said: 552 too big (in reply to end of DATA command)\n";
        assert_eq!(read(postfix, "big@example.com"), Some(Command::DataEnd));
        let postfix = "<a@example.com>: host mx said: 554 no (in reply to DATA command)\n";
        assert_eq!(read(postfix, "a@example.com"), Some(Command::Data));
        let exim = "  bob@example.com\n    host 192.0.2.1 [192.0.2.1]\n    SMTP error from remote mail server after MAIL FROM:<a@example.org> SIZE=1:\n    550 no\n";
        assert_eq!(read(exim, "bob@example.com"), Some(Command::Mail));
        let exim = "  big@example.com\n    SMTP error from remote mail server after end of data:\n    552 too big\n";
        assert_eq!(read(exim, "big@example.com"), Some(Command::DataEnd));
        let sendmail = "<a@example.com>... no\n\n... while talking to [192.0.2.1]:\n>>> RCPT To:<b@example.com>\n<<< 552 full\n>>> RCPT To:<a@example.com>\n<<< 550 no\n";
        assert_eq!(read(sendmail, "a@example.com"), Some(Command::Rcpt));
        let sendmail = "<big@example.com>\n\n... while talking to [192.0.2.1]:\n>>> DATA\n<<< 552 5.3.4 too big\n";
        assert_eq!(read(sendmail, "big@example.com"), Some(Command::DataEnd));
        assert_eq!(
            read("<bob@example.com>: no such user\n", "bob@example.com"),
            None
        );
        assert_eq!(
            read(">>> RCPT To:<other@example.com>\n", "bob@example.com"),
            None
        );
    }

    #[test]
    fn the_diagnosis_knows_the_command() {
        let message = |said: &str| {
            format!(
                "From: MAILER-DAEMON@mx.example.org\n\
                Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
                --b\nContent-Type: text/plain\n\n\
                <bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:\n    \
                Recipient address rejected: User unknown in local recipient table{said}\n\n\
                --b\nContent-Type: message/delivery-status\n\n\
                Reporting-MTA: dns; mx.example.org\n\n\
                Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.1.1\n\
                Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:\n    \
                User unknown in local recipient table\n--b--\n"
            )
        };
        let rule = |said: &str| {
            let bounce = crate::parse(message(said).as_bytes());
            let bob = &bounce.recipients()[0];
            (bob.command(), bob.diagnosis().and_then(|d| d.rule()))
        };
        assert_eq!(
            rule(" (in reply to RCPT TO\n    command)"),
            (
                Some(Command::Rcpt),
                Some("postfix-user-unknown-local-recipient-table")
            )
        );
        // Postfix's rule is for RCPT only: without the command it does not apply.
        let (command, without) = rule("");
        assert_eq!(command, None);
        assert_ne!(without, Some("postfix-user-unknown-local-recipient-table"));
    }
}
