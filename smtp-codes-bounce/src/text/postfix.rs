//! Postfix's notices without a delivery-status part, as Postfix before 2.0 sent every bounce
//! and as some installations still write them: its bounce template (`bounce(5)`,
//! <https://www.postfix.org/bounce.5.html>) opens `This is the mail system at host ...`
//! (older versions: `This is the Postfix program at host ...`, which vendors rename), says
//! `I'm sorry to have to inform you that ...`, and lists each recipient at the margin as
//! `<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 ...`, or `<alias@...>
//! (expanded from <list@...>): ...`, its lines wrapped under it indented. The delay
//! template's banner says `# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR
//! MESSAGE. #`.

use super::{any, explained};
use crate::bounce::{Action, Recipient};
use crate::judge::RuleSet;

const SORRY: &str = "I'm sorry to have to inform you that";
const WARNING: &str = "# THIS IS A WARNING ONLY.";

/// The recipients, when `text` is a Postfix notice.
pub(crate) fn read(text: &str, rules: RuleSet) -> Option<Vec<Recipient>> {
    let delayed = text.contains(WARNING);
    let postfix = text.contains(SORRY) || (delayed && text.contains(" at host "));
    if !postfix {
        return None;
    }
    let action = if delayed {
        Action::Delayed
    } else {
        Action::Failed
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut recipients = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((address, said)) = recipient_line(line) else {
            continue;
        };
        let mut explanation = said.trim().to_owned();
        for more in lines[i + 1..]
            .iter()
            .take_while(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
        {
            explanation.push(' ');
            explanation.push_str(more.trim());
        }
        recipients.push(explained(action, address, explanation, text, rules));
    }
    any(recipients)
}

/// The address and what is said of it, when `line` is a recipient's first line:
/// `<address>: ...` or `<address> (expanded from <other>): ...`.
fn recipient_line(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix('<')?;
    let (address, rest) = rest.split_once('>')?;
    if address.is_empty() || address.contains(char::is_whitespace) {
        return None;
    }
    let rest = match rest.strip_prefix(" (expanded from <") {
        Some(expanded) => expanded.split_once(">)")?.1,
        None => rest,
    };
    let said = rest.strip_prefix(':')?;
    Some((address.to_owned(), said))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reasons;
    use smtp_codes::{Command, Reason};

    #[test]
    fn a_line_per_recipient_wrapped_under_it() {
        let text = "This is the Postfix program at host mail.example.org.\n\n\
            I'm sorry to have to inform you that the message returned\n\
            below could not be delivered to one or more destinations.\n\n\
            \t\t\tThe Postfix program\n\n\
            <bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n    \
            <bob@example.com>... User unknown (in reply to RCPT TO command)\n\n\
            <carol@example.net> (expanded from <team@example.org>): permission denied.\n    \
            Command output: Mail quota exceeded.\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(
            reasons(&recipients),
            [
                ("bob@example.com", Reason::UserUnknown),
                ("carol@example.net", Reason::MailboxFull)
            ]
        );
        let bob = &recipients[0];
        assert_eq!(bob.action(), Some(Action::Failed));
        assert_eq!(
            bob.reply().map(|r| r.to_string()).as_deref(),
            Some("550 5.1.1 <bob@example.com>... User unknown (in reply to RCPT TO command)\r\n")
        );
        assert_eq!(bob.command(), Some(Command::Rcpt));
        assert_eq!(
            recipients[1].explanation(),
            Some("permission denied. Command output: Mail quota exceeded.")
        );
    }

    #[test]
    fn the_delay_warning() {
        let text = "This is the mail system at host mail.example.org.\n\n\
            ####################################################################\n\
            # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n\
            ####################################################################\n\n\
            Your message could not be delivered for more than 4 hour(s).\n\n\
            <bob@example.com>: host mx.example.com[192.0.2.1] said: 450 4.2.0\n    \
            <bob@example.com>: Recipient address rejected: Greylisted\n";
        let recipients = read(text, RuleSet::BuiltIn).unwrap();
        assert_eq!(recipients.len(), 1);
        assert_eq!(recipients[0].action(), Some(Action::Delayed));
        assert_eq!(recipients[0].reply().map(|r| r.code()), Some(450));
    }

    #[test]
    fn not_postfix() {
        assert!(read("<bob@example.com>: 550 no\n", RuleSet::BuiltIn).is_none());
        let sorry = "I'm sorry to have to inform you that nothing is listed.\n<bob example>: x\n";
        assert!(read(sorry, RuleSet::BuiltIn).is_none());
    }
}
