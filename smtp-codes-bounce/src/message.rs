//! Reading one message: which of its MIME parts carry a report, the original message and
//! the human-readable text, and from those, what kind of message it is.

use std::sync::OnceLock;

use mail_parser::{
    HeaderForm, HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType,
};
use smtp_codes::Reason;

use crate::bounce::Facts;
use crate::bounce::{Bounce, Kind, MailSystem, Original};
use crate::judge::{RuleSet, judge_as};
use crate::problem::Problem;
use crate::quote::Human;
use crate::{dsn, fields, mdn, returned, scan, system, text};

/// The parts of a message that matter to a bounce reader.
#[derive(Debug, Default)]
struct Parts<'m> {
    delivery_status: Option<&'m [u8]>,
    feedback: Option<&'m [u8]>,
    disposition: Option<&'m [u8]>,
    original: Option<Original>,
    texts: Vec<&'m str>,
    /// The delivery-status part's content type, where it is not one RFC 3464 or 6533 names.
    nonstandard_type: Option<&'static str>,
    /// The first HTML part outside a returned message: read, as text, where there is no
    /// plain text at all (Exchange 5.5 can send its report as HTML only, groupwise_02.txt).
    html: Option<&'m str>,
}

/// A parser that reads only the header fields that tell a message's structure (Content-Type,
/// Content-Disposition, Content-Transfer-Encoding) and skips the others, keeping where each
/// one stands: parsing every `Received` line and date took a fifth of the time of reading an
/// mbox of bounces, and every From, To, Subject and Message-ID of every part and returned
/// message another tenth (callgrind), where only the message's own and the returned
/// message's are read, on demand, by [`header`]. Made once.
fn parser() -> &'static MessageParser {
    static PARSER: OnceLock<MessageParser> = OnceLock::new();
    PARSER.get_or_init(|| {
        MessageParser::new()
            .header_content_type(HeaderName::ContentType)
            .header_content_type(HeaderName::ContentDisposition)
            .header_text(HeaderName::ContentTransferEncoding)
            .default_header_ignore()
    })
}

/// The first `name` field of `message`'s own header, parsed as `form`.
fn header<'m>(
    message: &'m Message<'_>,
    name: HeaderName<'m>,
    form: HeaderForm,
) -> Option<HeaderValue<'m>> {
    message.header_as(name, form).into_iter().next()
}

fn subject(message: &Message<'_>) -> Option<String> {
    header(message, HeaderName::Subject, HeaderForm::Text)?
        .as_text()
        .map(str::to_owned)
}

fn from(message: &Message<'_>) -> Option<String> {
    first_address(header(message, HeaderName::From, HeaderForm::Addresses)?.as_address())
}

/// Reads one message, diagnosing its replies with `rules`.
pub(crate) fn read(bytes: &[u8], rules: RuleSet) -> Bounce {
    let mut bounce = Bounce::empty();
    // mail-parser 0.11.9 has a `debug_assert!` that some nested messages reach: in a debug
    // build of a program that uses this crate, that would be a panic out of `parse`, which
    // never panics. This workspace builds mail-parser without debug assertions (Cargo.toml).
    let parsed = std::panic::catch_unwind(|| parser().parse(bytes));
    let message = match parsed {
        Ok(Some(message)) => message,
        Ok(None) => {
            bounce.problems.push(Problem::NotAMessage);
            return bounce;
        }
        Err(_) => {
            bounce.problems.push(Problem::MimeParserFailed);
            return bounce;
        }
    };
    let mut parts = parts(&message);
    if parts.delivery_status.is_none()
        && parts.feedback.is_none()
        && let Some(inner) = attached_report(&message)
    {
        bounce.problems.push(Problem::ReportInAttachedMessage);
        parts = inner;
    }
    let joined = match (parts.texts.is_empty(), parts.html) {
        (true, Some(html)) => html_text(html),
        _ => parts.texts.join("\n"),
    };
    let human = Human::new(&joined);
    if let Some(original) = parts.original.clone() {
        bounce.original = original;
    }
    bounce.mail_system = system::recognise(&joined);

    if let Some(body) = parts.delivery_status {
        bounce.kind = Kind::Dsn;
        if let Some(content_type) = parts.nonstandard_type {
            bounce.problems.push(Problem::NonstandardReportType {
                content_type: content_type.to_owned(),
            });
        }
        let body = decode(body, "message/delivery-status", &mut bounce.problems);
        let report = dsn::read(&body, &human, rules, &mut bounce.problems);
        bounce.reporting_mta = report.reporting_mta;
        bounce.arrival_date = report.arrival_date;
        bounce.envelope_id = report.envelope_id;
        bounce.extensions = report.extensions;
        bounce.recipients = report.recipients;
        text::check_agreement(&human, &bounce.recipients, &mut bounce.problems);
        // A machine part that names no recipient (Netscape's and MIMEsweeper's have only
        // per-message fields) says nothing against the human-readable one: where a format
        // module reads that, its recipients are the report's (the problem stays).
        if bounce.recipients.is_empty()
            && let Some((system, recipients)) = text::recognise(&joined, rules, true)
        {
            bounce.mail_system = system.or(bounce.mail_system);
            bounce.recipients = recipients;
        }
    } else if let Some(body) = parts.feedback {
        bounce.kind = Kind::Feedback;
        let body = decode(body, "message/feedback-report", &mut bounce.problems);
        feedback(&body, &mut bounce);
    } else if let Some(refusal) = parts
        .disposition
        .and_then(|body| refusal(body, &mut bounce.problems))
    {
        // Before the automatic replies: Dovecot marks its refusals `auto-replied (rejected)`.
        bounce.kind = Kind::Text;
        if let Some(ua) = refusal.reporting_ua.as_deref() {
            if ua.to_ascii_lowercase().contains("dovecot") {
                bounce.mail_system = Some(MailSystem::Dovecot);
            }
            bounce
                .extensions
                .push(("Reporting-UA".to_owned(), ua.to_owned()));
        }
        bounce.recipients.push(mdn::judge(refusal, &human, rules));
    } else {
        // Asked once, and only here: a DSN or a feedback report says what it is.
        let bounce_like = looks_like_a_bounce(&message);
        if is_auto_reply(&message) && !bounce_like {
            bounce.kind = Kind::Vacation;
            // The message it answers, as RFC 3834 section 3.1.5 asks an automatic reply to
            // name it.
            bounce.original.message_id =
                header(&message, HeaderName::InReplyTo, HeaderForm::MessageIds)
                    .as_ref()
                    .and_then(first_id);
            if let Some(from) = from(&message) {
                let facts = Facts {
                    address: from,
                    ..Facts::default()
                };
                bounce.recipients.push(judge_as(facts, Reason::Vacation));
            }
        } else if let Some((system, recipients)) = text::recognise(&joined, rules, bounce_like) {
            bounce.kind = Kind::Text;
            bounce.mail_system = system.or(bounce.mail_system);
            bounce.recipients = recipients;
        } else {
            bounce.kind = if bounce_like {
                Kind::Text
            } else {
                Kind::NotABounce
            };
            bounce.codes = scan::replies(&joined);
        }
    }
    // A bounce that quotes the message in its text, rather than attaching it or its header.
    if matches!(bounce.kind, Kind::Dsn | Kind::Text)
        && bounce.original == Original::default()
        && let Some(header) = returned::header(&joined)
        && let Some(copy) = parser().parse_headers(header.as_bytes())
    {
        bounce.original = original_of(&copy);
    }
    bounce
}

/// Walks every part once. The first text part outside a returned message is the
/// human-readable one; a DSN's third part, the returned message or its headers, gives the
/// original.
fn parts<'m>(message: &'m Message<'m>) -> Parts<'m> {
    let mut parts = Parts::default();
    for part in &message.parts {
        let Some(content_type) = part.content_type() else {
            if let PartType::Text(text) = &part.body {
                parts.texts.push(text.as_ref());
            }
            continue;
        };
        // Types are case-insensitive (RFC 2045); most are written in lower case already.
        let main = lower(content_type.ctype());
        let sub = lower(content_type.subtype().unwrap_or_default());
        match (main.as_ref(), sub.as_ref()) {
            ("message", "delivery-status" | "global-delivery-status") => {
                parts.delivery_status.get_or_insert(part.contents());
            }
            // Dataenter XWall's name for it (spam-rejection42.msg of Mail::DeliveryStatus::
            // BounceParser's corpus, 1.543): RFC 3464's fields under another type.
            ("message", "xdelivery-status") if parts.delivery_status.is_none() => {
                parts.delivery_status = Some(part.contents());
                parts.nonstandard_type = Some("message/xdelivery-status");
            }
            ("message", "feedback-report") => {
                parts.feedback.get_or_insert(part.contents());
            }
            ("message", "disposition-notification" | "global-disposition-notification") => {
                parts.disposition.get_or_insert(part.contents());
            }
            ("message", "rfc822" | "global") => {
                if let (None, Some(returned)) = (&parts.original, part.message()) {
                    parts.original = Some(original_of(returned));
                }
            }
            ("text", "rfc822-headers" | "rfc822-header" | "global-headers")
                if parts.original.is_none() =>
            {
                if let Some(headers) = parser().parse_headers(part.contents()) {
                    parts.original = Some(original_of(&headers));
                }
            }
            ("text", "plain") => {
                if let Some(text) = part.text_contents() {
                    parts.texts.push(text);
                }
            }
            ("text", "html") if parts.html.is_none() => {
                parts.html = part.text_contents();
            }
            _ => {}
        }
    }
    parts
}

/// The parts of the first message attached to `message` that holds a delivery-status or
/// feedback report of its own (flufl.bounce's dsn_15.txt: InterScan sends the DSN it got as
/// `originalmail.eml`). Only one level down: a report's own returned message is no report.
fn attached_report<'m>(message: &'m Message<'m>) -> Option<Parts<'m>> {
    message.parts.iter().find_map(|part| {
        let PartType::Message(inner) = &part.body else {
            return None;
        };
        let found = parts(inner);
        (found.delivery_status.is_some() || found.feedback.is_some()).then_some(found)
    })
}

/// An HTML part as text, by mail-parser's own converter, with its no-break spaces made
/// plain spaces (`&nbsp;` indents Exchange's lines), or nothing if the converter fails.
fn html_text(html: &str) -> String {
    std::panic::catch_unwind(|| mail_parser::decoders::html::html_to_text(html))
        .map(|text| text.replace('\u{a0}', " "))
        .unwrap_or_default()
}

/// `text` in lower case, copied only when it has an upper-case letter.
fn lower(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The first message id of a `Message-ID`, `In-Reply-To` or `References` field.
fn first_id(value: &HeaderValue<'_>) -> Option<String> {
    match value {
        HeaderValue::TextList(ids) => ids.first().map(|id| id.to_string()),
        other => other.as_text().map(str::to_owned),
    }
}

fn original_of(message: &Message<'_>) -> Original {
    let to = header(message, HeaderName::To, HeaderForm::Addresses);
    Original {
        message_id: header(message, HeaderName::MessageId, HeaderForm::MessageIds)
            .as_ref()
            .and_then(first_id),
        from: from(message),
        to: to
            .as_ref()
            .and_then(HeaderValue::as_address)
            .map(|to| {
                to.iter()
                    .filter_map(|a| a.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        subject: subject(message),
    }
}

fn first_address(address: Option<&mail_parser::Address<'_>>) -> Option<String> {
    address
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(str::to_owned)
}

/// What a disposition-notification part reports, when it reports a refusal; a problem of its
/// bytes counts only then (a read receipt is no bounce to report on).
fn refusal(body: &[u8], problems: &mut Vec<Problem>) -> Option<mdn::Refusal> {
    let mut found = Vec::new();
    let body = decode(body, "message/disposition-notification", &mut found);
    let refusal = mdn::refusal(&body, &mut found)?;
    problems.append(&mut found);
    Some(refusal)
}

/// A report part's text. RFC 3464 reports are ASCII and RFC 6533's are UTF-8; bytes that
/// are neither are replaced, and that is a problem worth reporting.
fn decode(body: &[u8], part: &'static str, problems: &mut Vec<Problem>) -> String {
    match core::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            problems.push(Problem::NotUtf8 { part });
            String::from_utf8_lossy(body).into_owned()
        }
    }
}

/// A feedback report (RFC 5965 section 3.5): the complaint's recipient from
/// `Original-Rcpt-To`, the rest as fields.
fn feedback(body: &str, bounce: &mut Bounce) {
    let read = fields::groups(body);
    for field in read.groups.into_iter().flatten() {
        if field.is("Original-Rcpt-To") {
            let address = dsn::address(&field.value);
            bounce.recipients.push(judge_as(
                Facts {
                    address,
                    ..Facts::default()
                },
                Reason::Feedback,
            ));
        } else if field.is("Reporting-MTA") {
            bounce.reporting_mta = Some(fields::typed(&field.value).1.to_owned());
        } else if field.is("Arrival-Date") || field.is("Received-Date") {
            bounce.arrival_date = Some(field.value.into_owned());
        } else {
            bounce
                .extensions
                .push((field.name.to_owned(), field.value.into_owned()));
        }
    }
}

/// An automatic reply: `Auto-Submitted: auto-replied` (RFC 3834 section 5), or the older
/// headers that vacation programs and Exchange write. A mailer daemon's failure notice that
/// says `auto-replied` (Mail.Ru's and MailEnable's do, where RFC 3834 asks for
/// `auto-generated`) is read as the bounce it is: `read` asks [`looks_like_a_bounce`] too.
fn is_auto_reply(message: &Message<'_>) -> bool {
    let header = |name: &'static str| message.header_raw(name).map(str::trim);
    // The keyword before any parameter (`; owner-email=...`) or comment (`(vacation)`).
    let auto_submitted = header("Auto-Submitted").is_some_and(|v| {
        v.split([';', '('])
            .next()
            .unwrap_or(v)
            .trim()
            .eq_ignore_ascii_case("auto-replied")
    });
    let legacy = header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("Precedence").is_some_and(|v| v.eq_ignore_ascii_case("auto_reply"));
    let subject = subject(message).unwrap_or_default().to_ascii_lowercase();
    let by_subject = ["out of office", "automatic reply", "auto:"]
        .iter()
        .any(|s| subject.starts_with(s));
    auto_submitted || legacy || by_subject
}

/// A message from a mailer daemon, or with a subject bounces use, that no module read.
fn looks_like_a_bounce(message: &Message<'_>) -> bool {
    let from = from(message).unwrap_or_default().to_ascii_lowercase();
    let local = from.split('@').next().unwrap_or_default();
    let subject = subject(message).unwrap_or_default().to_ascii_lowercase();
    matches!(local, "mailer-daemon" | "postmaster" | "mail-daemon")
        || message.header_raw("X-Failed-Recipients").is_some()
        || [
            "undeliver",
            "returned mail",
            "delivery status notification",
            "failure notice",
            "mail delivery failed",
            "delivery failure",
        ]
        .iter()
        .any(|s| subject.contains(s))
}
