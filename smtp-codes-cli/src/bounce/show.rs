//! How `bounce` shows what it read: a table per message and a summary by reason, or one
//! JSON object per message and line.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use smtp_codes::{Disposition, Reason};
use smtp_codes_bounce::{Bounce, Recipient};

use crate::failure::{Failure, write_failure};
use crate::output::{Style, disposition_key, pad, plural, severity, truncate, wrap};
use crate::terminal::escape;

/// One message in `bounce --json`: one such object per line.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    /// `dsn`, `text`, `feedback`, `vacation` or `not_a_bounce`.
    kind: &'static str,
    /// `postfix`, `exim`, `opensmtpd`, `qmail`, or null when not recognised.
    mail_system: Option<&'static str>,
    reporting_mta: Option<&'a str>,
    message_id: Option<&'a str>,
    original_from: Option<&'a str>,
    subject: Option<&'a str>,
    recipients: Vec<RecipientRecord<'a>>,
    /// For a message no format module read: the replies its text quotes.
    codes: Vec<&'a str>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct RecipientRecord<'a> {
    recipient: &'a str,
    action: Option<&'static str>,
    status: Option<String>,
    reply_code: Option<u16>,
    /// The reply as the server wrote it, lines ending in CRLF.
    reply: Option<&'a str>,
    /// The diagnostic's text when it is not an SMTP reply (`connect to ...: Connection refused`).
    diagnostic: Option<&'a str>,
    /// What the message's text says for this recipient, in the mail system's own words
    /// (`Name service error for domain ...`, or the line that quotes the reply).
    explanation: Option<&'a str>,
    reason: &'static str,
    hard_bounce: bool,
    disposition: &'static str,
    remote_mta: Option<&'a str>,
    note: Option<&'static str>,
}

fn record<'a>(name: &'a str, bounce: &'a Bounce) -> Record<'a> {
    Record {
        file: name,
        kind: bounce.kind().token(),
        mail_system: bounce.mail_system().map(|s| s.token()),
        reporting_mta: bounce.reporting_mta(),
        message_id: bounce.original().message_id(),
        original_from: bounce.original().from(),
        subject: bounce.original().subject(),
        recipients: bounce
            .recipients()
            .iter()
            .map(|r| RecipientRecord {
                recipient: r.address(),
                action: r.action().map(|a| a.token()),
                status: r.status().map(|s| s.to_string()),
                reply_code: r.reply().map(|reply| reply.code()),
                reply: r.reply().map(|reply| reply.as_str()),
                diagnostic: r
                    .reply()
                    .is_none()
                    .then(|| r.diagnostic().map(|d| d.text()))
                    .flatten(),
                explanation: r.explanation(),
                reason: r.reason().token(),
                hard_bounce: r.is_hard_bounce(),
                disposition: disposition_key(r.disposition()),
                remote_mta: r.remote_mta(),
                note: r.diagnosis().and_then(|d| d.note()),
            })
            .collect(),
        codes: bounce.codes().iter().map(|c| c.as_str()).collect(),
        problems: bounce.problems().iter().map(ToString::to_string).collect(),
    }
}

/// Counts by reason for the summary.
#[derive(Default)]
struct Tally {
    recipients: u64,
    hard: u64,
}

/// Where the messages go as they are read.
pub struct Output<'s> {
    json: bool,
    style: &'s Style,
    // Buffered: a mailbox of thousands of messages would otherwise cost a write each line.
    out: io::BufWriter<io::StdoutLock<'static>>,
    reasons: BTreeMap<Reason, Tally>,
    messages: u64,
}

impl<'s> Output<'s> {
    pub fn new(json: bool, style: &'s Style) -> Self {
        Output {
            json,
            style,
            out: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            reasons: BTreeMap::new(),
            messages: 0,
        }
    }

    /// Shows one message, as soon as it is read.
    pub fn message(&mut self, shown: &Shown) -> Result<(), Failure> {
        self.messages += 1;
        for &(reason, hard) in &shown.recipients {
            let tally = self.reasons.entry(reason).or_default();
            tally.recipients += 1;
            tally.hard += u64::from(hard);
        }
        self.out
            .write_all(shown.text.as_bytes())
            .map_err(write_failure)
    }

    /// The summary, after the last message; nothing more with `--json`.
    pub fn finish(mut self) -> Result<(), Failure> {
        if self.json {
            return self.out.flush().map_err(write_failure);
        }
        let text = self.summary();
        self.out.write_all(text.as_bytes()).map_err(write_failure)?;
        self.out.flush().map_err(write_failure)
    }

    fn summary(&self) -> String {
        let style = self.style;
        let total: u64 = self.reasons.values().map(|t| t.recipients).sum();
        let mut text = style.bold(&format!(
            "{} message{}, {} recipient{}; by reason, worst first:",
            self.messages,
            plural(self.messages),
            total,
            plural(total)
        ));
        text.push('\n');
        let mut reasons: Vec<(&Reason, &Tally)> = self.reasons.iter().collect();
        reasons.sort_by_key(|(reason, tally)| {
            (
                severity(reason.disposition()),
                std::cmp::Reverse(tally.recipients),
            )
        });
        for (reason, tally) in reasons {
            text.push_str(&format!(
                "  {} {:>4} recipient{}, {} hard: {}\n",
                pad(reason.token(), 16),
                tally.recipients,
                plural(tally.recipients),
                tally.hard,
                reason.name()
            ));
            for part in wrap(reason.remediation(), style.width.saturating_sub(8).max(20)) {
                text.push_str(&format!("      {part}\n"));
            }
        }
        text
    }
}

/// A message's card: its kind, a row per recipient with the rule's note, and what else it says.
fn card(style: &Style, name: &str, bounce: &Bounce) -> String {
    let mut head = format!("{}: {}", escape(name), bounce.kind());
    if let Some(system) = bounce.mail_system() {
        head.push_str(&format!(" from {system}"));
    }
    if let Some(id) = bounce.original().message_id() {
        head.push_str(&format!(", message <{}>", escape(id)));
    }
    let mut text = style.bold(&head);
    text.push('\n');
    let rows: Vec<[String; 6]> = bounce.recipients().iter().map(row).collect();
    if !rows.is_empty() {
        let titles = [
            "recipient",
            "status",
            "reply",
            "reason",
            "bounce",
            "what to do",
        ];
        let mut widths = titles.map(|t| t.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
            }
        }
        let line = |cells: [&str; 6]| {
            let mut out = String::from(" ");
            for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
                out.push(' ');
                if i + 1 == cells.len() {
                    out.push_str(cell);
                } else {
                    out.push_str(&pad(cell, width));
                }
            }
            out.trim_end().to_owned() + "\n"
        };
        text.push_str(&style.dim(&line(titles)));
        for (row, recipient) in rows.iter().zip(bounce.recipients()) {
            // The last cell is not padded, so its colour cannot upset the columns.
            let what = style.in_colour_of(recipient.disposition(), &row[5]);
            let cells = [&row[0], &row[1], &row[2], &row[3], &row[4], &what];
            text.push_str(&line(cells.map(String::as_str)));
            if let Some(note) = recipient.diagnosis().and_then(|d| d.note()) {
                for part in wrap(note, style.width.saturating_sub(8).max(20)) {
                    text.push_str(&format!("      {}\n", style.dim(&part)));
                }
            }
        }
    }
    for reply in bounce.codes() {
        let first = reply.as_str().lines().next().unwrap_or_default();
        text.push_str(&format!("  found: {}\n", escape(&truncate(first, 90))));
    }
    for problem in bounce.problems() {
        text.push_str(&format!("  problem: {}\n", escape(&problem.to_string())));
    }
    text.push('\n');
    text
}

/// One message as it will be shown: its text (a card, or a line of JSON) and, for the
/// summary, each recipient's reason and whether it is a hard bounce. Made where the message
/// is parsed, so that the message is dropped there too (see `parallel`).
pub struct Shown {
    text: String,
    recipients: Vec<(Reason, bool)>,
}

/// `bounce` as `Output::message` will show it, named `name`.
pub fn render(json: bool, style: &Style, name: &str, bounce: &Bounce) -> Result<Shown, Failure> {
    let text = if json {
        // Sized for most lines at once: growing from serde_json's 128 bytes took several
        // copies a message.
        let mut line = Vec::with_capacity(1024);
        serde_json::to_writer(&mut line, &record(name, bounce))
            .map_err(|err| write_failure(err.into()))?;
        line.push(b'\n');
        String::from_utf8(line).map_err(|err| write_failure(io::Error::other(err)))?
    } else {
        card(style, name, bounce)
    };
    Ok(Shown {
        text,
        recipients: bounce
            .recipients()
            .iter()
            .map(|r| (r.reason(), r.is_hard_bounce()))
            .collect(),
    })
}

/// One recipient's cells: the hostile parts (address, reply) escaped, the reply cut to its
/// first line's start.
fn row(recipient: &Recipient) -> [String; 6] {
    let status = recipient
        .status()
        .map(|s| s.to_string())
        .unwrap_or_else(|| "-".into());
    let reply = match (
        recipient.reply(),
        recipient.diagnostic(),
        recipient.explanation(),
    ) {
        (Some(reply), ..) => reply.as_str().lines().next().unwrap_or_default().to_owned(),
        (None, Some(diagnostic), _) => diagnostic.text().to_owned(),
        // The mail system's own words, where it quotes no reply.
        (None, None, Some(explanation)) => explanation.to_owned(),
        (None, None, None) => "-".into(),
    };
    let bounce = if recipient.is_hard_bounce() {
        "hard"
    } else if recipient.disposition() == Disposition::Success {
        "-"
    } else {
        "soft"
    };
    let what = match recipient.disposition() {
        Disposition::GiveUp => "give up",
        Disposition::RetryLater => "retry later",
        Disposition::Intermediate => "go on",
        Disposition::Success => "nothing: delivered",
    };
    [
        escape(&truncate(recipient.address(), 40)).into_owned(),
        status,
        escape(&truncate(&reply, 48)).into_owned(),
        recipient.reason().token().to_owned(),
        bounce.to_owned(),
        what.to_owned(),
    ]
}
