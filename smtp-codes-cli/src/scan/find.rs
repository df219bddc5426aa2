//! Finding the reply in a line of a mail log or transcript, and what the MTA did with it.
//!
//! A line holds a reply when it starts with one (`550 5.1.1 ...`, also after a transcript's
//! `S:` or `<-` marker), or when a code follows `: ` or `(`, which is how Postfix (`said: 550
//! ...`, `NOQUEUE: reject: RCPT from ...: 554 ...`, `status=sent (250 ...`) and Exim (`SMTP
//! error from remote mail server after RCPT TO:<...>: 550 ...`, `C="250 ..."`) quote them. The
//! enhanced code is the word after the basic code; a Postfix line without a quoted reply still
//! has its `dsn=X.Y.Z`.
//!
//! The reply says what a client should do; the MTA's own word (Postfix's `status=`, Exim's
//! `=>`, `==` or `**`) says what it did, and the two can differ: Postfix defers a 5xx reply
//! under `soft_bounce`, for one.

use std::sync::LazyLock;

use memchr::memmem;
use smtp_codes::{Command, EnhancedCode};

use super::marks::Marks;

/// A reply found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Found {
    /// The basic code; `None` for a Postfix `dsn=` without a quoted reply.
    pub code: Option<u16>,
    /// The enhanced code after the basic code, or the `dsn=` field.
    pub enhanced: Option<EnhancedCode>,
    /// What the MTA logged that it did, when the line says.
    pub action: Option<Action>,
    /// Where the basic code starts in the line (0 without one).
    pub at: usize,
}

/// What an MTA logged that it did with a message, beside the reply it quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Delivered or relayed: Postfix `status=sent`, Exim `=>` or `->`.
    Sent,
    /// Kept in the queue to try again: Postfix `status=deferred`, Exim `==`.
    Deferred,
    /// Given up on, with a bounce to the sender: Postfix `status=bounced`, Exim `**`.
    Bounced,
    /// Given up on after too long in the queue: Postfix `status=expired`.
    Expired,
    /// Refused while the client was still sending it: Postfix `reject:` (smtpd, cleanup).
    Rejected,
}

impl Action {
    /// Every action, in the order counts of them are kept and shown.
    pub const ALL: [Action; 5] = [
        Action::Sent,
        Action::Deferred,
        Action::Bounced,
        Action::Expired,
        Action::Rejected,
    ];

    /// The word shown in text and JSON: `sent`, `deferred`, `bounced`, `expired`, `rejected`.
    pub fn key(self) -> &'static str {
        match self {
            Action::Sent => "sent",
            Action::Deferred => "deferred",
            Action::Bounced => "bounced",
            Action::Expired => "expired",
            Action::Rejected => "rejected",
        }
    }
}

/// The reply in `line`, if it has one, and the MTA's action when the line names one.
pub fn find(line: &[u8]) -> Option<Found> {
    let mut found = reply(line)?;
    found.action = action(line);
    Some(found)
}

/// What the MTA says it did in `line`: Postfix's `status=` word, its `reject:`, or the Exim
/// delivery marker after the date and message id.
pub fn action(line: &[u8]) -> Option<Action> {
    // Built once: making a searcher costs more than one search of a log line.
    static STATUS: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b" status="));
    static REJECT: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b" reject: "));
    if let Some(at) = STATUS.find(line) {
        let word = &line[at + 8..];
        let word = &word[..word
            .iter()
            .position(|b| !b.is_ascii_lowercase())
            .unwrap_or(word.len())];
        return match word {
            b"sent" => Some(Action::Sent),
            b"deferred" => Some(Action::Deferred),
            b"bounced" => Some(Action::Bounced),
            b"expired" => Some(Action::Expired),
            _ => None,
        };
    }
    if REJECT.find(line).is_some() {
        return Some(Action::Rejected);
    }
    exim_marker(line)
}

/// Exim's marker: `2026-11-29 07:48:01 1xXZdh-0001vl-2t ** bob@...`. Optional fields (a time
/// zone, a `[pid]`) can come before the message id, so the first few words are looked at.
fn exim_marker(line: &[u8]) -> Option<Action> {
    // Exim starts every line with the date, 2026-11-29.
    let Some([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b' ']) = line.first_chunk::<11>() else {
        return None;
    };
    if ![y1, y2, y3, y4, m1, m2, d1, d2]
        .iter()
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    line.split(|&b| b == b' ')
        .skip(2)
        .take(4)
        .find_map(|word| match word {
            b"=>" | b"->" => Some(Action::Sent),
            b"==" => Some(Action::Deferred),
            b"**" => Some(Action::Bounced),
            _ => None,
        })
}

/// The reply in `line`, without the action.
fn reply(line: &[u8]) -> Option<Found> {
    if let Some(found) = at_start(line) {
        return Some(found);
    }
    // The date a line starts with holds colons, each followed by a digit: none of them can
    // precede a reply, and skipping it spares two stops per line.
    let from = date_len(line);
    let mut dsn_at = None;
    for at in Marks::new(line, from) {
        // Tests in order of how often each mark stops the search (`=` is the commonest); a
        // `match` here became a jump table whose indirect jump the processor mispredicted.
        let mark = line[at];
        let code_at = if mark == b'=' {
            // Postfix's `dsn=X.Y.Z`, which counts only when the line quotes no reply.
            if dsn_at.is_none() && at >= from + 3 && &line[at - 3..at] == b"dsn" {
                dsn_at = Some(at + 1);
            }
            continue;
        } else if mark == b':' {
            if line.get(at + 1) != Some(&b' ') {
                continue;
            }
            at + 2
        } else if mark == b'(' {
            at + 1
        } else if at >= 2 && &line[at - 2..at] == b"C=" {
            // Exim's `C="250 ..."`, the reply that confirmed a delivery.
            at + 1
        } else {
            continue;
        };
        if let Some(found) = code_at_pos(line, code_at) {
            return Some(found);
        }
    }
    let enhanced = enhanced_at_start(&line[dsn_at?..])?;
    Some(Found {
        code: None,
        enhanced: Some(enhanced),
        action: None,
        at: 0,
    })
}

/// The length of the date at the start of `line`, 0 when it has none: syslog's `Nov 29
/// 07:10:01` (the day may be padded with a blank) or ISO 8601's `2026-11-29 07:10:01` (or with
/// `T`). Every byte of it is checked, so what is skipped holds only digits, letters, blanks and
/// the separators, never a reply or a `dsn=`.
fn date_len(line: &[u8]) -> usize {
    let digits = |bytes: &[u8]| bytes.iter().all(u8::is_ascii_digit);
    let time = |t: &[u8]| {
        digits(&t[0..2]) && t[2] == b':' && digits(&t[3..5]) && t[5] == b':' && digits(&t[6..8])
    };
    match line.first_chunk::<19>() {
        Some(d)
            if digits(&d[0..4])
                && d[4] == b'-'
                && digits(&d[5..7])
                && d[7] == b'-'
                && digits(&d[8..10])
                && matches!(d[10], b' ' | b'T')
                && time(&d[11..19]) =>
        {
            19
        }
        _ => match line.first_chunk::<15>() {
            Some(d)
                if d[0..3].iter().all(u8::is_ascii_alphabetic)
                    && d[3] == b' '
                    && matches!(d[4], b' ' | b'0'..=b'9')
                    && d[5].is_ascii_digit()
                    && d[6] == b' '
                    && time(&d[7..15]) =>
            {
                15
            }
            _ => 0,
        },
    }
}

/// Markers that start a server line in a transcript.
const SERVER_MARKERS: [&[u8]; 5] = [b"S:", b"<<<", b"<-", b"<", b"RECV:"];

/// A reply at the start of the line, after blanks and a transcript marker.
fn at_start(line: &[u8]) -> Option<Found> {
    let mut rest = trim_start(line);
    for marker in SERVER_MARKERS {
        if let Some(after) = rest.strip_prefix(marker) {
            rest = trim_start(after);
            break;
        }
    }
    let offset = line.len() - rest.len();
    code_at_pos(line, offset)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let blanks = bytes
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    &bytes[blanks..]
}

/// A code at `pos`: three digits from 200 to 599 followed by a space, `-`, `)`, `"` or the end, and
/// the enhanced code after it.
fn code_at_pos(line: &[u8], pos: usize) -> Option<Found> {
    let digits = line.get(pos..pos + 3)?;
    let [a @ b'2'..=b'5', b @ b'0'..=b'9', c @ b'0'..=b'9'] = *digits else {
        return None;
    };
    let code = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
    let enhanced = match line.get(pos + 3) {
        None | Some(b')' | b'"') => None,
        Some(b' ' | b'-') => enhanced_at_start(line.get(pos + 4..).unwrap_or_default()),
        Some(_) => return None,
    };
    Some(Found {
        code: Some(code),
        enhanced,
        action: None,
        at: pos,
    })
}

/// An enhanced code at the start of `bytes`, ending at a space, a tab, `,`, `)`, `;`, `"` or
/// the end. Stricter than [`EnhancedCode::parse_prefix`], which any punctuation ends: in a log,
/// `5.1.1:` or `5.1.1/` is not taken for a code.
fn enhanced_at_start(bytes: &[u8]) -> Option<EnhancedCode> {
    let len = bytes
        .iter()
        .take(12)
        .position(|b| matches!(b, b' ' | b',' | b')' | b';' | b'"' | b'\t'))
        .unwrap_or(bytes.len().min(12));
    let text = std::str::from_utf8(bytes.get(..len)?).ok()?;
    text.parse().ok()
}

/// Searchers built once: making one costs more than one search of a log line.
macro_rules! finder {
    ($needle:literal) => {{
        static FINDER: LazyLock<memmem::Finder<'static>> =
            LazyLock::new(|| memmem::Finder::new($needle));
        &*FINDER
    }};
}

/// What a log line tells about the reply it quotes besides its text: the recipient's domain,
/// the host that sent the reply and the command it answered, where the line names them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Around<'l> {
    pub domain: Option<&'l [u8]>,
    pub host: Option<&'l [u8]>,
    pub command: Option<Command>,
}

/// The reply `found` in `line`, from its code to where the log's own words start again
/// (Postfix's ` (in reply to ...` and `; from=<...`, Exim's closing `"` after `C="`), and what
/// the line tells around it. Each marker is looked for once, and only where it can be: this
/// runs for every failure in a log.
#[cfg(test)]
pub fn quoted<'l>(line: &'l [u8], found: &Found) -> (&'l [u8], Around<'l>) {
    let (text, mut around) = quoted_text(line, found);
    whereabouts(line, found, &mut around);
    (text, around)
}

/// The first half of [`quoted`]: the reply's text and the command it answered, and the
/// recipient's domain when finding the text's end met it. The host and the rest of the domain
/// search are left for [`whereabouts`], which a caller that knows the text's diagnosis already
/// can skip.
pub fn quoted_text<'l>(line: &'l [u8], found: &Found) -> (&'l [u8], Around<'l>) {
    let (before, reply) = line.split_at(found.at);
    let mut around = Around::default();
    let mut end = reply.len();
    if let Some(cut) = finder!(b" (in reply to ").find(reply) {
        // Postfix's client: `said: 550 ... (in reply to RCPT TO command))`.
        around.command = command_word(&reply[cut + 14..]);
        end = cut;
    } else if let Some(cut) = finder!(b"; from=<").find(reply) {
        // Postfix's own refusals: `reject: RCPT from ...: 554 ...; from=<a> to=<b> ...`.
        around.domain = postfix_recipient(&reply[cut..]);
        end = cut;
    }
    if before.last() == Some(&b'"') {
        end = memchr::memchr(b'"', &reply[..end]).unwrap_or(end);
    }
    if around.command.is_none() {
        let marker = if found.action == Some(Action::Rejected) {
            finder!(b" reject: ").find(before).map(|at| at + 9)
        } else {
            // Exim: `SMTP error from remote mail server after RCPT TO:<...>: 550 ...`.
            finder!(b"mail server after ")
                .find(before)
                .map(|at| at + 18)
        };
        around.command = marker.and_then(|at| command_word(&before[at..]));
    }
    (&reply[..end], around)
}

/// The second half of [`quoted`]: the recipient's domain, where [`quoted_text`] did not find
/// it, and the host that sent the reply.
pub fn whereabouts<'l>(line: &'l [u8], found: &Found, around: &mut Around<'l>) {
    let before = &line[..found.at];
    if around.domain.is_none() {
        around.domain = postfix_recipient(before).or_else(|| exim_recipient(line));
    }
    around.host = host(before);
}

/// The domain of the recipient a line names: Postfix's `to=<bob@example.com>`, or the address
/// after Exim's `=>`, `->`, `==` or `**` (`alice <alice@example.com>` for a local delivery).
pub fn recipient_domain(line: &[u8]) -> Option<&[u8]> {
    postfix_recipient(line).or_else(|| exim_recipient(line))
}

/// The domain in Postfix's `to=<bob@example.com>`.
fn postfix_recipient(text: &[u8]) -> Option<&[u8]> {
    let at = finder!(b"to=<").find(text)?;
    let rest = &text[at + 4..];
    let end = memchr::memchr(b'>', rest)?;
    domain_of(&rest[..end])
}

/// The domain of the address after Exim's delivery marker.
fn exim_recipient(line: &[u8]) -> Option<&[u8]> {
    let after = exim_marker_at(line)?;
    let mut words = line[after..]
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    if first.contains(&b'@') {
        return domain_of(first);
    }
    // `=> alice <alice@mail.test>`: a local part, then the address in brackets.
    words
        .next()
        .filter(|w| w.starts_with(b"<"))
        .and_then(domain_of)
}

/// What follows the last `@` of an address, without the brackets and punctuation around it;
/// `None` when that is empty or longer than a domain can be.
fn domain_of(address: &[u8]) -> Option<&[u8]> {
    let at = memchr::memrchr(b'@', address)?;
    let domain = &address[at + 1..];
    let end = domain
        .iter()
        .position(|b| matches!(b, b'>' | b':' | b',' | b';' | b' ' | b'\t' | b'"' | b')'))
        .unwrap_or(domain.len());
    let domain = &domain[..end];
    (!domain.is_empty() && domain.len() <= 255).then_some(domain)
}

/// The host that sent the reply, from the part of the line before it: Postfix's `host
/// NAME[addr] said:` or `relay=NAME[addr]`, Exim's `H=NAME [addr]`. Postfix's `reject:` lines
/// are its own replies, and Exim's `H=(helo)` names a client: no remote host.
fn host(before: &[u8]) -> Option<&[u8]> {
    let name = |rest: &[u8]| -> Option<usize> {
        let end = rest
            .iter()
            .position(|b| matches!(b, b'[' | b' ' | b',' | b':'))
            .unwrap_or(rest.len());
        (end > 0 && !rest.starts_with(b"(") && end <= 255).then_some(end)
    };
    for (marker, skip) in [
        (finder!(b"(host "), 6),
        (finder!(b" relay="), 7),
        (finder!(b" H="), 3),
    ] {
        if let Some(at) = marker.find(before) {
            let rest = &before[at + skip..];
            return name(rest).map(|end| &rest[..end]);
        }
    }
    None
}

/// The command named at the start of `rest`: what follows Postfix's `in reply to ` and
/// `reject: `, or Exim's `after `.
fn command_word(rest: &[u8]) -> Option<Command> {
    let word = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    let commands = [
        (&b"end of data"[..], Command::DataEnd),
        (b"end-of-message", Command::DataEnd),
        (b"RCPT", Command::Rcpt),
        (b"MAIL", Command::Mail),
        (b"DATA", Command::Data),
        (b"EHLO", Command::Ehlo),
        (b"HELO", Command::Helo),
        (b"STARTTLS", Command::StartTls),
        (b"AUTH", Command::Auth),
        (b"CONNECT", Command::Greeting),
        (b"initial connection", Command::Greeting),
    ];
    commands
        .into_iter()
        .find_map(|(verb, command)| word(verb).then_some(command))
}

/// Where the words after Exim's delivery marker start, if `line` has one.
fn exim_marker_at(line: &[u8]) -> Option<usize> {
    exim_marker(line)?;
    let mut offset = 0;
    for word in line.split(|&b| b == b' ').take(6) {
        offset += word.len() + 1;
        if matches!(word, b"=>" | b"->" | b"==" | b"**") {
            return Some(offset.min(line.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<String> {
        find(line.as_bytes()).map(|f| crate::scan::Key::from(f).label())
    }

    #[test]
    fn the_date_skipped_is_only_a_date() {
        let cases: [(&[u8], usize); 7] = [
            (b"Nov 29 07:10:01 mail postfix", 15),
            (b"Nov  1 07:10:01 x", 15),
            (b"2026-11-29 07:10:01 1tQ", 19),
            (b"2026-11-29T07:10:01.123+01:00 x", 19),
            (b"Nov 29 07:10", 0),
            (b"550 5.1.1 (2026-11-29 07:10:01)", 0),
            (b"Nov 29 07:1x:01 said: 550", 0),
        ];
        for (line, want) in cases {
            assert_eq!(date_len(line), want, "{}", String::from_utf8_lossy(line));
        }
        // A reply right after the date is still found.
        assert_eq!(
            label("2026-11-29 07:10:01: 550 5.1.1 gone").as_deref(),
            Some("550 5.1.1")
        );
        assert_eq!(
            label("Nov 29 07:10:01 dsn=4.2.2 x").as_deref(),
            Some("- 4.2.2")
        );
    }

    #[test]
    fn finds_replies_where_logs_quote_them() {
        let cases = [
            ("550 5.1.1 User unknown", Some("550 5.1.1")),
            ("250-PIPELINING", Some("250")),
            ("  S: 221 2.0.0 Bye", Some("221 2.0.0")),
            ("<- 354 go ahead", Some("354")),
            (
                "Nov 29 07:10:01 mail postfix/smtp[811]: 3F2A1: to=<bob@remote.test>, \
                 relay=127.0.0.1[127.0.0.1]:2527, delay=0.1, delays=0/0/0/0.1, dsn=5.1.1, \
                 status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <bob@remote.test>: \
                 unknown (in reply to RCPT TO command))",
                Some("550 5.1.1"),
            ),
            (
                "Nov 29 07:10:01 mail postfix/smtp[811]: 3F2A1: to=<a@b.test>, dsn=2.0.0, \
                 status=sent (250 2.0.0 Ok: queued as 99)",
                Some("250 2.0.0"),
            ),
            (
                "Nov 29 07:10:01 mail postfix/smtpd[3]: NOQUEUE: reject: RCPT from \
                 localhost[127.0.0.1]: 554 5.7.1 <x@y.test>: Relay access denied; from=<>",
                Some("554 5.7.1"),
            ),
            (
                "2026-11-29 07:10:01 1tQ-000 ** bob@remote.test R=smarthost T=remote_smtp \
                 H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT \
                 TO:<bob@remote.test>: 550 5.1.1 mailbox unknown",
                Some("550 5.1.1"),
            ),
            (
                "Nov 29 07:10:01 mail postfix/smtp[811]: 3F2A1: to=<a@b.test>, dsn=4.4.1, \
                 status=deferred (connect to 127.0.0.1[127.0.0.1]:2527: Connection refused)",
                Some("- 4.4.1"),
            ),
            (
                "Nov 29 07:10:01 mail postfix/smtpd[123]: connect from localhost[127.0.0.1]",
                None,
            ),
            (
                "2026-11-29 07:10:01 1tQ-000 <= a@b.test H=(c.test) [127.0.0.1] P=esmtp S=512",
                None,
            ),
            ("port 2525: 6000 bytes", None),
            (
                "2026-11-29 07:48:01 1xXZdh-0001vl-2t => ok@remote.test R=remote T=remote_smtp \
                 H=127.0.0.1 [127.0.0.1] C=\"250 2.0.0 Ok: queued as 4F2B00\"",
                Some("250 2.0.0"),
            ),
            ("\u{0}\u{ff}: 421", Some("421")),
        ];
        for (line, want) in cases {
            assert_eq!(label(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn the_reply_text_ends_where_the_log_speaks_again() {
        let cases = [
            (
                "Nov 29 07:47:54 mail postfix/smtp[7101]: 5A: to=<bob@remote.test>, \
                 relay=mx.remote.test[127.0.0.1]:2529, dsn=5.1.1, status=bounced (host \
                 mx.remote.test[127.0.0.1] said: 550 5.1.1 <bob@remote.test>: User unknown (in \
                 reply to RCPT TO command))",
                "550 5.1.1 <bob@remote.test>: User unknown",
                Around {
                    domain: Some(&b"remote.test"[..]),
                    host: Some(&b"mx.remote.test"[..]),
                    command: Some(Command::Rcpt),
                },
            ),
            (
                "Nov 29 07:47:54 mail postfix/smtpd[7099]: NOQUEUE: reject: RCPT from \
                 localhost[127.0.0.1]: 554 5.7.1 <a@other.test>: Relay access denied; \
                 from=<alice@mail.test> to=<a@other.test> proto=ESMTP helo=<client.test>",
                "554 5.7.1 <a@other.test>: Relay access denied",
                Around {
                    domain: Some(&b"other.test"[..]),
                    host: None,
                    command: Some(Command::Rcpt),
                },
            ),
            (
                "2026-11-29 07:48:02 1xXZdi-0001wI-31 ** ok@Remote.test R=remote T=remote_smtp \
                 H=mx.remote.test [127.0.0.1]: SMTP error from remote mail server after end of \
                 data: 550 5.7.1 Message content rejected as spam",
                "550 5.7.1 Message content rejected as spam",
                Around {
                    domain: Some(&b"Remote.test"[..]),
                    host: Some(&b"mx.remote.test"[..]),
                    command: Some(Command::DataEnd),
                },
            ),
            (
                "2026-11-29 07:48:01 1xXZdh-0001vr-2I => alice <alice@mail.test> R=r T=t \
                 C=\"250 2.0.0 Ok: queued\" extra",
                "250 2.0.0 Ok: queued",
                Around {
                    domain: Some(&b"mail.test"[..]),
                    host: None,
                    command: None,
                },
            ),
            ("550 5.1.1 plain", "550 5.1.1 plain", Around::default()),
        ];
        for (line, text, want) in cases {
            let found = find(line.as_bytes()).expect(line);
            let (quoted_text, around) = quoted(line.as_bytes(), &found);
            assert_eq!(quoted_text, text.as_bytes(), "{line}");
            assert_eq!(around, want, "{line}");
        }
        // Not an address, or longer than a domain can be: no domain.
        assert_eq!(recipient_domain(b"x to=<nobody> y"), None);
        let long = format!("x to=<a@{}> y", "d".repeat(300));
        assert_eq!(recipient_domain(long.as_bytes()), None);
    }

    #[test]
    fn the_mta_action_comes_from_postfix_status_and_exim_markers() {
        let cases = [
            (
                "postfix/smtp[1]: 1A: to=<a@b>, dsn=5.7.1, status=deferred (said: 550 5.7.1 x)",
                Some(Action::Deferred),
            ),
            (
                "postfix/smtp[1]: 1A: to=<a@b>, dsn=5.1.1, status=bounced (said: 550 5.1.1 x)",
                Some(Action::Bounced),
            ),
            (
                "postfix/smtp[1]: 1A: to=<a@b>, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
                Some(Action::Sent),
            ),
            (
                "postfix/qmgr[1]: 1A: to=<a@b>, dsn=4.4.7, status=expired, returned to sender",
                Some(Action::Expired),
            ),
            (
                "postfix/smtp[1]: 1A: to=<a@b>, dsn=5.0.0, status=undeliverable (550 x)",
                None,
            ),
            (
                "postfix/smtpd[3]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 5.7.1 denied",
                Some(Action::Rejected),
            ),
            (
                "2026-11-29 07:48:01 1xXZdh-0001vl-2t => ok@r.test R=r T=t C=\"250 2.0.0 Ok\"",
                Some(Action::Sent),
            ),
            (
                "2026-11-29 07:48:01 1xXZdh-0001vl-2t -> other@r.test R=r T=t C=\"250 2.0.0 Ok\"",
                Some(Action::Sent),
            ),
            (
                "2026-11-29 07:48:01 1xXZdh-0001vu-2u == full@r.test defer (-44): 452 4.2.2 full",
                Some(Action::Deferred),
            ),
            (
                "2026-11-29 07:48:01 [811] 1xXZdh-0001vo-2F ** bob@r.test: 550 5.1.1 unknown",
                Some(Action::Bounced),
            ),
            (
                "2026-11-29 07:48:03 1xXZdj-0001wO-0T H=127.0.0.1: SMTP error: 451 4.3.0 try again",
                None,
            ),
            ("550 5.1.1 == not a marker here", None),
        ];
        for (line, want) in cases {
            let found = find(line.as_bytes()).expect(line);
            assert_eq!(found.action, want, "{line}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any bytes: no panic, and a reply found is a real code written in the line.
        #[test]
        fn find_reads_any_line(line in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Some(found) = find(&line) {
                if let Some(code) = found.code {
                    prop_assert!((200..600).contains(&code));
                    let digits = code.to_string();
                    prop_assert!(line.windows(3).any(|w| w == digits.as_bytes()));
                }
                if let Some(enhanced) = found.enhanced {
                    let text = enhanced.to_string();
                    prop_assert!(line.windows(text.len()).any(|w| w == text.as_bytes()));
                }
                prop_assert!(found.code.is_some() || found.enhanced.is_some());
            }
        }

        /// Log-like lines built around a code: the code is found where a log quotes it.
        #[test]
        fn find_sees_quoted_codes(
            prefix in "[a-z0-9 \\[\\]=<>@.]{0,40}",
            code in 200u16..600,
            opener in prop::sample::select(vec![": ", "(", "C=\""]),
            rest in "( [a-z ]{0,20})?",
        ) {
            // A prefix that itself quotes a code would be found first.
            prop_assume!(find(prefix.as_bytes()).is_none() && !prefix.ends_with(':') && !prefix.ends_with("C="));
            let line = format!("{prefix}{opener}{code}{rest}");
            prop_assert_eq!(find(line.as_bytes()).and_then(|f| f.code), Some(code), "{}", line);
        }
    }
}
