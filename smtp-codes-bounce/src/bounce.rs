//! What a bounce message says: its kind, the original message, and one record per recipient.

use core::fmt;

use smtp_codes::{Command, Diagnosis, Disposition, EnhancedCode, Reason, ReplyBuf};

use crate::problem::Problem;

/// What kind of message was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A delivery status notification (RFC 3464, or RFC 6533's UTF-8 form): a
    /// `message/delivery-status` part, whatever the message around it.
    Dsn,
    /// A bounce in free text, as some mail systems still send; [`Bounce::mail_system`] says
    /// which one wrote it when a format module recognised it. Also a delivery agent's refusal
    /// sent as a disposition notification (RFC 8098, `Disposition: automatic-action/...;
    /// deleted`), as Dovecot sends for a Sieve `reject`: no delivery status notification,
    /// though it names its recipient in fields.
    Text,
    /// A complaint (RFC 5965 feedback report), not a bounce: a recipient marked the message
    /// as spam or abuse.
    Feedback,
    /// An automatic reply (RFC 3834), such as an out-of-office message: the message was
    /// delivered.
    Vacation,
    /// Not a bounce, a complaint or an automatic reply.
    NotABounce,
}

impl Kind {
    /// The token, as the command-line tool's JSON writes it: `dsn`, `text`, `feedback`,
    /// `vacation` or `not_a_bounce`.
    #[must_use]
    pub const fn token(self) -> &'static str {
        match self {
            Kind::Dsn => "dsn",
            Kind::Text => "text",
            Kind::Feedback => "feedback",
            Kind::Vacation => "vacation",
            Kind::NotABounce => "not_a_bounce",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.token())
    }
}

/// The mail system that wrote a bounce, as far as the message shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MailSystem {
    /// Postfix.
    Postfix,
    /// Exim.
    Exim,
    /// OpenSMTPD.
    OpenSmtpd,
    /// qmail and its descendants (netqmail, notqmail).
    Qmail,
    /// Sendmail.
    Sendmail,
    /// The Courier mail server.
    Courier,
    /// Microsoft Exchange Server and Microsoft 365 (Exchange Online), whose non-delivery
    /// reports say `Delivery has failed to these recipients or groups` and whose delay
    /// notices say `Delivery is delayed to these recipients or groups`.
    Exchange,
    /// Gmail and Google Workspace.
    Gmail,
    /// Yahoo Mail.
    Yahoo,
    /// Amazon Simple Email Service (SES).
    AmazonSes,
    /// HCL (formerly IBM Lotus) Domino.
    Domino,
    /// Ipswitch (now Progress) IMail Server.
    Imail,
    /// hMailServer.
    HMailServer,
    /// MailEnable.
    MailEnable,
    /// MDaemon Email Server.
    MDaemon,
    /// Trend Micro InterScan Messaging Security Suite, a filtering gateway.
    InterScan,
    /// Smail, an old Unix MTA.
    Smail,
    /// Novell GroupWise's Internet Agent, the gateway of GroupWise's own mail system.
    GroupWise,
    /// Dovecot's delivery agent (LDA and LMTP), which refuses a message for a Sieve `reject`
    /// or a full mailbox with a notice of its own.
    Dovecot,
}

impl MailSystem {
    /// A short lower-case name: `postfix`, `exim`, `opensmtpd`, `qmail`, `sendmail`,
    /// `courier`, `exchange`, `gmail`, `yahoo`, `amazonses`, `domino`, `imail`, `hmailserver`,
    /// `mailenable`, `mdaemon`, `interscan`, `smail`, `groupwise`, `dovecot`.
    #[must_use]
    pub const fn token(self) -> &'static str {
        match self {
            MailSystem::Postfix => "postfix",
            MailSystem::Exim => "exim",
            MailSystem::OpenSmtpd => "opensmtpd",
            MailSystem::Qmail => "qmail",
            MailSystem::Sendmail => "sendmail",
            MailSystem::Courier => "courier",
            MailSystem::Exchange => "exchange",
            MailSystem::Gmail => "gmail",
            MailSystem::Yahoo => "yahoo",
            MailSystem::AmazonSes => "amazonses",
            MailSystem::Domino => "domino",
            MailSystem::Imail => "imail",
            MailSystem::HMailServer => "hmailserver",
            MailSystem::MailEnable => "mailenable",
            MailSystem::MDaemon => "mdaemon",
            MailSystem::InterScan => "interscan",
            MailSystem::Smail => "smail",
            MailSystem::GroupWise => "groupwise",
            MailSystem::Dovecot => "dovecot",
        }
    }
}

impl fmt::Display for MailSystem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.token())
    }
}

/// What the recipient's MTA did, from a DSN's `Action` field (RFC 3464 section 2.3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// The message could not be delivered and will not be tried again.
    Failed,
    /// Delivery has not succeeded yet and will be tried again.
    Delayed,
    /// The message was delivered.
    Delivered,
    /// The message was passed on to a system that sends no DSNs.
    Relayed,
    /// The message was delivered to the recipient and passed on to others (a list or alias).
    Expanded,
}

impl Action {
    /// The field's keyword, in lower case.
    #[must_use]
    pub const fn token(self) -> &'static str {
        match self {
            Action::Failed => "failed",
            Action::Delayed => "delayed",
            Action::Delivered => "delivered",
            Action::Relayed => "relayed",
            Action::Expanded => "expanded",
        }
    }

    /// Reads the keyword in any case, as RFC 3464's field values are case-insensitive.
    #[must_use]
    pub fn from_token(token: &str) -> Option<Action> {
        [
            Action::Failed,
            Action::Delayed,
            Action::Delivered,
            Action::Relayed,
            Action::Expanded,
        ]
        .into_iter()
        .find(|a| a.token().eq_ignore_ascii_case(token))
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.token())
    }
}

/// A typed field value such as `smtp; 550 5.1.1 no such user` or `dns; mx.example.net`: the
/// type before the `;` and the text after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Typed {
    pub(crate) kind: Option<String>,
    pub(crate) text: String,
}

impl Typed {
    /// The type, such as `smtp`, `X-Postfix`, `rfc822` or `dns`, as written; `None` when the
    /// value had none.
    #[must_use]
    pub fn kind(&self) -> Option<&str> {
        self.kind.as_deref()
    }

    /// The text after the type.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The message that bounced, from the copy or the headers a bounce returns: an attached
/// `message/rfc822` or `text/rfc822-headers` part, or else a copy quoted in the bounce's text
/// after a line that introduces it (qmail's `--- Below this line is a copy of the message.`,
/// Exim's `------ This is a copy of the message, including all the headers. ------`). For an
/// automatic reply, only the Message-ID, from its `In-Reply-To` (RFC 3834 section 3.1.5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Original {
    pub(crate) message_id: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Vec<String>,
    pub(crate) subject: Option<String>,
}

impl Original {
    /// Its `Message-ID`, without angle brackets.
    #[must_use]
    pub fn message_id(&self) -> Option<&str> {
        self.message_id.as_deref()
    }

    /// The address in its `From` field.
    #[must_use]
    pub fn from(&self) -> Option<&str> {
        self.from.as_deref()
    }

    /// The addresses in its `To` field.
    #[must_use]
    pub fn to(&self) -> &[String] {
        &self.to
    }

    /// Its subject, decoded.
    #[must_use]
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }
}

/// The fields a report gives for one recipient, read but not judged.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub(crate) address: String,
    pub(crate) original_address: Option<String>,
    pub(crate) action: Option<Action>,
    pub(crate) status: Option<EnhancedCode>,
    pub(crate) remote_mta: Option<String>,
    pub(crate) diagnostic: Option<Typed>,
    pub(crate) last_attempt: Option<String>,
    pub(crate) will_retry_until: Option<String>,
    pub(crate) final_log_id: Option<String>,
    pub(crate) extensions: Vec<(String, String)>,
    /// The command the reply answered, from the human-readable text.
    pub(crate) command: Option<Command>,
}

/// Whether a status says no more than its class: `5.0.0`, `4.0.0`, as Exim, OpenSMTPD and
/// Courier write beside a reply that says more.
pub(crate) fn is_generic(status: EnhancedCode) -> bool {
    status.subject() == 0 && status.detail() == 0
}

/// What happened to one recipient.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub(crate) facts: Facts,
    pub(crate) explanation: Option<String>,
    pub(crate) reply: Option<ReplyBuf>,
    pub(crate) diagnosis: Option<Diagnosis<'static>>,
    pub(crate) reason: Reason,
}

impl Recipient {
    /// The address the report is about (`Final-Recipient`), without its type and angle
    /// brackets. Where that field is not an Internet address (`x400; /S=bob/...`, from a
    /// gateway) and `Original-Recipient` is, it is the original one, and the final one is
    /// among the [`extensions`](Self::extensions).
    #[must_use]
    pub fn address(&self) -> &str {
        &self.facts.address
    }

    /// The address as the sender gave it (`Original-Recipient`), when the report has it.
    #[must_use]
    pub fn original_address(&self) -> Option<&str> {
        self.facts.original_address.as_deref()
    }

    /// What the MTA did: failed, delayed, delivered, relayed or expanded.
    #[must_use]
    pub fn action(&self) -> Option<Action> {
        self.facts.action
    }

    /// The `Status` field: the enhanced status code (RFC 3463) of the outcome.
    #[must_use]
    pub fn status(&self) -> Option<EnhancedCode> {
        self.facts.status
    }

    /// The status that says the most: the `Status` field, or where that gives no more than
    /// its class (`5.0.0`, as Exim and OpenSMTPD write), the enhanced code of the reply when
    /// it has one of the same class. Exim's `Status: 5.0.0` beside `550 5.1.1` is `5.1.1`.
    #[must_use]
    pub fn specific_status(&self) -> Option<EnhancedCode> {
        let quoted = self.reply.as_ref().and_then(ReplyBuf::enhanced_code);
        match (self.facts.status, quoted) {
            (Some(status), Some(quoted))
                if is_generic(status) && quoted.class() == status.class() =>
            {
                Some(quoted)
            }
            (None, quoted) => quoted,
            (status, _) => status,
        }
    }

    /// The host that answered (`Remote-MTA`), such as `mx.example.net`.
    #[must_use]
    pub fn remote_mta(&self) -> Option<&str> {
        self.facts.remote_mta.as_deref()
    }

    /// The `Diagnostic-Code` field as written: its type (`smtp`, `X-Postfix`) and text. A
    /// report without one whose `Status` holds an SMTP reply in place of an enhanced code
    /// (NTMail's `Status: 553 Exceeded maximum inbound message size`) gives that reply here,
    /// untyped, beside the problem that the `Status` could not be read.
    #[must_use]
    pub fn diagnostic(&self) -> Option<&Typed> {
        self.facts.diagnostic.as_ref()
    }

    /// What the message's text says for this address, in the mail system's own words: for
    /// a DSN whose machine part gives no `Diagnostic-Code`, the rest of the line of its
    /// human-readable part that names the address and the lines indented under it, joined
    /// (`retry timeout exceeded`, or OpenSMTPD's quoted reply); for a free-text bounce, what
    /// its format module read for the address (`Name service error for domain ...`).
    #[must_use]
    pub fn explanation(&self) -> Option<&str> {
        self.explanation.as_deref()
    }

    /// The SMTP reply the remote server gave, rebuilt with its lines: from the
    /// `Diagnostic-Code` when it is one, else, when the report has no `Diagnostic-Code`, the
    /// reply its human-readable part quotes for this address (OpenSMTPD and, for some
    /// failures, Exim write it only there).
    #[must_use]
    pub fn reply(&self) -> Option<&ReplyBuf> {
        self.reply.as_ref()
    }

    /// The SMTP command the remote server's reply answered, when the report's text says:
    /// Postfix's `(in reply to RCPT TO command)`, Exim's `SMTP error from remote mail server
    /// after RCPT TO:<...>:` or `after end of data:`, a Sendmail or Courier transcript's
    /// `>>> RCPT To:<...>` (a transcript's bare `>>> DATA` is [`Command::DataEnd`], the reply
    /// to the message's last line). The diagnosis knew it, so rules for one stage applied.
    #[must_use]
    pub fn command(&self) -> Option<Command> {
        self.facts.command
    }

    /// When delivery was last tried (`Last-Attempt-Date`), as written (RFC 5322 date).
    #[must_use]
    pub fn last_attempt(&self) -> Option<&str> {
        self.facts.last_attempt.as_deref()
    }

    /// Until when a delayed message will be tried (`Will-Retry-Until`), as written.
    #[must_use]
    pub fn will_retry_until(&self) -> Option<&str> {
        self.facts.will_retry_until.as_deref()
    }

    /// The reporting MTA's log identifier for the attempt (`Final-Log-ID`).
    #[must_use]
    pub fn final_log_id(&self) -> Option<&str> {
        self.facts.final_log_id.as_deref()
    }

    /// The other fields of the recipient's group, `X-` fields among them, by name and value
    /// in the order written.
    #[must_use]
    pub fn extensions(&self) -> &[(String, String)] {
        &self.facts.extensions
    }

    /// The diagnosis of the reply (rules on its text, the remote MTA and the recipient's
    /// domain) or, without a reply, of the status code alone. It carries the provider, the
    /// note and the fix when a rule matched.
    #[must_use]
    pub fn diagnosis(&self) -> Option<&Diagnosis<'static>> {
        self.diagnosis.as_ref()
    }

    /// Why delivery failed, in Sisimai's vocabulary. Mostly the diagnosis's reason; but a
    /// recipient given up on after temporary failures (action `failed` with a class 4 status
    /// or a class 4 reply) is [`Reason::Expired`]: what failed in the end was the queue's patience, and
    /// the diagnosis tells why the tries failed. A delivered recipient is
    /// [`Reason::Delivered`], and a delayed one keeps its diagnosis's reason. Where the
    /// reply has no enhanced code and no rule knows it, so that only its basic code spoke,
    /// a `Status` more specific than its class (`5.1.1`, not `5.0.0`) gives the reason.
    #[must_use]
    pub fn reason(&self) -> Reason {
        self.reason
    }

    /// Whether the address itself is bad, so that sending to it again is pointless: only for
    /// a failed recipient with a reason that is about the address, such as `userunknown`,
    /// whose outcome is permanent: class 5, or no class at all, where a free-text bounce
    /// gives neither status nor reply and its mail system's own words (`Invalid final
    /// delivery userid`) say why it gave the address up. A class 4 outcome never is.
    #[must_use]
    pub fn is_hard_bounce(&self) -> bool {
        self.facts.action == Some(Action::Failed)
            && self.class() != Some(4)
            && self.reason.is_hard_bounce()
    }

    /// What a sender does about this recipient: retry later for a delayed one, nothing for a
    /// delivered one, and for a failed one what the reason says.
    #[must_use]
    pub fn disposition(&self) -> Disposition {
        match self.facts.action {
            Some(Action::Delivered | Action::Relayed | Action::Expanded) => Disposition::Success,
            Some(Action::Delayed) => Disposition::RetryLater,
            _ => match (self.reason, self.class()) {
                (Reason::Delivered, _) => Disposition::Success,
                (_, Some(4)) if self.facts.action.is_none() => Disposition::RetryLater,
                (reason, _) => reason.disposition(),
            },
        }
    }

    /// The class of the outcome: the status's, else the reply's.
    fn class(&self) -> Option<u8> {
        self.facts.status.map(EnhancedCode::class).or_else(|| {
            self.reply
                .as_ref()
                .and_then(|r| u8::try_from(r.code() / 100).ok())
        })
    }
}

/// A bounce message, read: see [`parse`](crate::parse).
#[derive(Debug, Clone)]
pub struct Bounce {
    pub(crate) kind: Kind,
    pub(crate) mail_system: Option<MailSystem>,
    pub(crate) reporting_mta: Option<String>,
    pub(crate) arrival_date: Option<String>,
    pub(crate) envelope_id: Option<String>,
    pub(crate) extensions: Vec<(String, String)>,
    pub(crate) original: Original,
    pub(crate) recipients: Vec<Recipient>,
    pub(crate) codes: Vec<ReplyBuf>,
    pub(crate) problems: Vec<Problem>,
}

impl Bounce {
    /// A message with nothing read from it yet.
    pub(crate) fn empty() -> Bounce {
        Bounce {
            kind: Kind::NotABounce,
            mail_system: None,
            reporting_mta: None,
            arrival_date: None,
            envelope_id: None,
            extensions: Vec::new(),
            original: Original::default(),
            recipients: Vec::new(),
            codes: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// What kind of message it is.
    #[must_use]
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The mail system that wrote it, when the message shows it.
    #[must_use]
    pub fn mail_system(&self) -> Option<MailSystem> {
        self.mail_system
    }

    /// The MTA that wrote the report (`Reporting-MTA`), such as `mx.example.net`.
    #[must_use]
    pub fn reporting_mta(&self) -> Option<&str> {
        self.reporting_mta.as_deref()
    }

    /// When the reporting MTA received the message (`Arrival-Date`), as written.
    #[must_use]
    pub fn arrival_date(&self) -> Option<&str> {
        self.arrival_date.as_deref()
    }

    /// The sender's envelope identifier (`Original-Envelope-Id`, RFC 3461's `ENVID`).
    #[must_use]
    pub fn envelope_id(&self) -> Option<&str> {
        self.envelope_id.as_deref()
    }

    /// The report's other per-message fields, `X-` fields among them, in the order written.
    #[must_use]
    pub fn extensions(&self) -> &[(String, String)] {
        &self.extensions
    }

    /// The message that bounced.
    #[must_use]
    pub fn original(&self) -> &Original {
        &self.original
    }

    /// One record per recipient the report names.
    #[must_use]
    pub fn recipients(&self) -> &[Recipient] {
        &self.recipients
    }

    /// For a message no format module understood, the SMTP replies a plain scan of its text
    /// found, in order; empty otherwise.
    #[must_use]
    pub fn codes(&self) -> &[ReplyBuf] {
        &self.codes
    }

    /// What was wrong with the message or did not add up: fields that could not be read,
    /// required fields that are missing, a human-readable part that disagrees with the
    /// machine-readable one. Empty for a clean report.
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}
