//! What was wrong with a message, or did not add up, while reading it as a bounce.

use core::fmt;

/// One thing [`parse`](crate::parse) noticed. Reading goes on after each: a problem never
/// hides what could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The bytes hold no message header at all.
    NotAMessage,
    /// A report part's bytes are not UTF-8; what is not was replaced with U+FFFD to read on.
    NotUtf8 {
        /// The part's content type, such as `message/delivery-status`.
        part: &'static str,
    },
    /// A line of the delivery-status part is neither a field, a continuation nor blank.
    StrayLine {
        /// The line's number within the part, from 1.
        line: usize,
        /// The line, as written.
        text: String,
    },
    /// The delivery-status part has no per-message group: its first group already names a
    /// recipient.
    NoPerMessageFields,
    /// The delivery-status part's first group opens with per-message fields and goes on
    /// with a recipient's, without the blank line that separates them (RFC 3464 section
    /// 2.1): both were read.
    NoBlankLineBeforeRecipient {
        /// The line of the first recipient's field within the part, from 1.
        line: usize,
    },
    /// The delivery-status part names no recipient.
    NoRecipients,
    /// The MIME parser stopped on the message's structure (in a debug build only: see
    /// `message.rs`); nothing was read.
    MimeParserFailed,
    /// An `Action` that is not one of RFC 3464's five but says the delivery failed
    /// (`failure`, `error`, as some servers write): read as `failed`.
    NonstandardAction {
        /// The value as written.
        value: String,
        /// Its line in the delivery-status part.
        line: usize,
    },
    /// A field RFC 3464 requires is missing from a group.
    MissingField {
        /// The field, such as `Final-Recipient`.
        field: &'static str,
        /// The line the group starts on, within the part, from 1.
        line: usize,
    },
    /// A field's value could not be read.
    BadField {
        /// The field's name, as written.
        field: String,
        /// Its value, as written.
        value: String,
        /// Its line within the part, from 1.
        line: usize,
    },
    /// The message carries no report of its own, but a message attached to it does (a bounce
    /// forwarded as an attachment, as Trend Micro InterScan and people forwarding to a help
    /// desk do): that report was read, and the original is the one it returned.
    ReportInAttachedMessage,
    /// The report's part has a content type that is not RFC 3464's but names a delivery
    /// status (XWall writes `message/xdelivery-status`): its fields were read as a DSN's.
    NonstandardReportType {
        /// The content type as written, in lower case.
        content_type: String,
    },
    /// The human-readable part gives a recipient another status than the machine-readable
    /// part; the machine-readable one is used.
    Disagreement {
        /// The recipient.
        recipient: String,
        /// The status in the delivery-status part.
        machine: String,
        /// The status the text gives.
        text: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotAMessage => f.write_str("no message header found: this is not an email"),
            Problem::NotUtf8 { part } => write!(
                f,
                "the {part} part is not UTF-8; the bytes that are not were replaced"
            ),
            Problem::StrayLine { line, text } => write!(
                f,
                "delivery-status line {line}: not a field, a continuation or a blank line: {text:?}"
            ),
            Problem::NoPerMessageFields => f.write_str(
                "the delivery-status part has no per-message fields (Reporting-MTA) before its recipients",
            ),
            Problem::NoBlankLineBeforeRecipient { line } => write!(
                f,
                "delivery-status line {line}: the first recipient's fields follow the per-message fields without a blank line; read as two groups"
            ),
            Problem::NoRecipients => f.write_str("the delivery-status part names no recipient"),
            Problem::ReportInAttachedMessage => f.write_str(
                "the report was read from a message attached to this one (a forwarded bounce)",
            ),
            Problem::NonstandardReportType { content_type } => write!(
                f,
                "the report's part is {content_type}, not message/delivery-status (RFC 3464); read as one"
            ),
            Problem::MimeParserFailed => {
                f.write_str("the MIME parser could not read the message's structure")
            }
            Problem::NonstandardAction { value, line } => write!(
                f,
                "delivery-status line {line}: Action {value:?} is not one of RFC 3464's; read as failed"
            ),
            Problem::MissingField { field, line } => {
                write!(f, "delivery-status line {line}: the group has no {field} field")
            }
            Problem::BadField { field, value, line } => {
                write!(f, "delivery-status line {line}: cannot read {field}: {value:?}")
            }
            Problem::Disagreement {
                recipient,
                machine,
                text,
            } => write!(
                f,
                "the text says {text} for {recipient}, the delivery-status part {machine}; using {machine}"
            ),
        }
    }
}
