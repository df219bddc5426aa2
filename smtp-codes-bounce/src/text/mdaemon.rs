//! MDaemon's notices, as the real ones among flufl.bounce's test messages show them
//! (scripts/flufl/check reads them), in two layouts:
//! - its delivery failure (`simple_01.txt`): `The following addresses did NOT receive a copy
//!   of your message:`, then one `> bob@example.com` line per recipient, then the SMTP
//!   session between `--- Session Transcript ---` and `--- End Transcript ---`, one command
//!   or reply a line, where the reply under `RCPT To:<bob@example.com>` is the one that
//!   refused him (read from its first line; the explanation keeps all of them);
//! - its answer for a local user it does not have (`simple_27.txt`, from `MDaemon@` with
//!   the subject `Warning: bob@example.com - User unknown!`): the first line `bob@example.com
//!   - no such user here.`, then `There is no user by that name at this server.`

use super::{any, explained, is_address};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;
use crate::reply::leading_code;

const HEADING: &str = "The following addresses did NOT receive a copy of your message:";
const TRANSCRIPT: &str = "--- Session Transcript ---";
const TRANSCRIPT_END: &str = "--- End Transcript ---";
const NO_SUCH_USER: &str = " - no such user here.";
const NO_SUCH_USER_MORE: &str = "There is no user by that name at this server.";

/// The failed recipients, when `text` is an MDaemon notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    match text.split_once(HEADING) {
        Some((_, after)) => failure(text, after, rules),
        None => unknown_user(text, rules),
    }
}

/// The delivery failure's recipients, the `> address` lines after the heading, each with
/// the transcript's reply to its `RCPT`.
fn failure(text: &str, after: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let transcript = after
        .split_once(TRANSCRIPT)
        .map(|(_, rest)| rest.split(TRANSCRIPT_END).next().unwrap_or(rest))
        .unwrap_or("");
    let mut recipients = Vec::new();
    for line in after.lines().map(str::trim) {
        if line.is_empty() {
            if recipients.is_empty() {
                continue;
            }
            break;
        }
        let Some(address) = line
            .strip_prefix('>')
            .map(str::trim)
            .filter(|a| is_address(a))
        else {
            break;
        };
        recipients.push(explained(
            Action::Failed,
            address.to_owned(),
            refusal(transcript, address),
            text,
            rules,
        ));
    }
    any(recipients)
}

/// The transcript's `RCPT To:<address>` line and the reply lines under it, one a line as
/// written; empty when the transcript has no such command.
fn refusal(transcript: &str, address: &str) -> String {
    let command = format!("rcpt to:<{}>", address.to_ascii_lowercase());
    let mut lines = transcript.lines().map(str::trim);
    let Some(rcpt) = lines
        .by_ref()
        .find(|line| line.to_ascii_lowercase().starts_with(&command))
    else {
        return String::new();
    };
    let mut said = vec![rcpt];
    // The reply: its lines start with the code, `552-` on all but the last.
    for line in lines {
        if leading_code(line).is_none() {
            break;
        }
        said.push(line);
        if line.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    }
    said.join("\n")
}

/// The one recipient of the answer for an unknown local user, which says so on its first
/// line and, in other words, on the next.
fn unknown_user(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let first = lines.next()?;
    let address = first.strip_suffix(NO_SUCH_USER).filter(|a| is_address(a))?;
    if lines.next() != Some(NO_SUCH_USER_MORE) {
        return None;
    }
    Some(vec![explained(
        Action::Failed,
        address.to_owned(),
        format!("{first} {NO_SUCH_USER_MORE}"),
        text,
        rules,
    )])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::{Command, Reason};

    const FAILURE: &str = "The attached message had PERMANENT fatal delivery errors!\n\n\
        YOUR MESSAGE WAS NOT DELIVERED!\n\n\
        The following addresses did NOT receive a copy of your message: \n\n\
        > bob@example.com\n\
        > carol@example.com\n\n\
        --- Session Transcript ---\n\
        \x20Attempting SMTP connection to [192.0.2.7 : 25]\n\
        \x20220 example.com ESMTP MDaemon 3.5.2 ready\n\
        \x20MAIL From:<list-admin@example.org> SIZE=1861\n\
        \x20250 <list-admin@example.org>, Sender ok\n\
        \x20RCPT To:<bob@example.com>\n\
        \x20552 Message for <bob@example.com> would exceed mailbox quota\n\
        \x20RCPT To:<carol@example.com>\n\
        \x20550-5.1.1 No such\n\
        \x20550 5.1.1 user here\n\
        \x20QUIT\n\
        --- End Transcript ---\n";

    #[test]
    fn a_failure_with_its_session_transcript() {
        let recipients = read(FAILURE, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::MailboxFull),
                ("carol@example.com", Reason::UserUnknown)
            ]
        );
        let [bob, carol] = &recipients[..] else {
            panic!("two recipients");
        };
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(bob.command(), Some(Command::Rcpt));
        assert_eq!(
            bob.reply().map(|r| r.to_string()).as_deref(),
            Some("552 Message for <bob@example.com> would exceed mailbox quota\r\n")
        );
        // A reply of several lines is read from its first; all of it is in the explanation.
        assert_eq!(carol.reply().map(|r| r.code()), Some(550));
        assert_eq!(
            carol.explanation(),
            Some("RCPT To:<carol@example.com>\n550-5.1.1 No such\n550 5.1.1 user here")
        );
        // An address the transcript does not name has no reply.
        let other = FAILURE.replace("RCPT To:<bob@example.com>", "RCPT To:<dave@example.com>");
        let recipients = read(&other, RuleSet::BuiltIn).unwrap();
        assert!(recipients[0].reply().is_none());
    }

    #[test]
    fn the_answer_for_an_unknown_local_user() {
        let text = "bob@example.net - no such user here.\n\n\
            There is no user by that name at this server.\n\n\
            : Message contains [1] file attachments\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [("bob@example.net", Reason::UserUnknown)]
        );
        // The first line alone, or further down, is not this notice.
        assert!(read("bob@example.net - no such user here.\n", RuleSet::BuiltIn).is_none());
        let later = format!("Hello,\n{text}");
        assert!(read(&later, RuleSet::BuiltIn).is_none());
    }

    #[test]
    fn not_mdaemon() {
        assert!(
            read(
                "The following addresses failed:\n\n> bob@example.com\n",
                RuleSet::BuiltIn
            )
            .is_none()
        );
        let no_list = format!("{HEADING}\n\nnothing here\n");
        assert!(read(&no_list, RuleSet::BuiltIn).is_none());
    }
}
