//! Finding reply codes in mail logs and transcripts (`scan`), and the summary of what was found.
//!
//! A line holds a reply when it starts with one (`550 5.1.1 ...`, also after a transcript's
//! `S:` or `<-` marker), or when a code follows `: ` or `(`, which is how Postfix (`said: 550
//! ...`, `NOQUEUE: reject: RCPT from ...: 554 ...`, `status=sent (250 ...`) and Exim (`SMTP
//! error from remote mail server after RCPT TO:<...>: 550 ...`, `C="250 ..."`) quote them. The
//! enhanced code
//! is the word after the basic code; a Postfix line without a quoted reply still has its
//! `dsn=X.Y.Z`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use memchr::memmem;

use serde::Serialize;
use smtp_codes::{Disposition, EnhancedCode, ReplyCode};

use crate::output::{Style, disposition_key};

/// A reply found in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Found {
    /// The basic code; `None` for a Postfix `dsn=` without a quoted reply.
    pub code: Option<u16>,
    pub enhanced: Option<EnhancedCode>,
}

/// Markers that start a server line in a transcript.
const SERVER_MARKERS: [&[u8]; 5] = [b"S:", b"<<<", b"<-", b"<", b"RECV:"];

/// The reply in `line`, if it has one.
pub fn find(line: &[u8]) -> Option<Found> {
    if let Some(found) = at_start(line) {
        return Some(found);
    }
    for at in memchr::memchr3_iter(b':', b'(', b'"', line) {
        let code_at = match line[at] {
            b'(' => Some(at + 1),
            b':' if line.get(at + 1) == Some(&b' ') => Some(at + 2),
            // Exim's `C="250 ..."`, the reply that confirmed a delivery.
            b'"' if at >= 2 && &line[at - 2..at] == b"C=" => Some(at + 1),
            _ => None,
        };
        if let Some(found) = code_at.and_then(|pos| code_at_pos(line, pos)) {
            return Some(found);
        }
    }
    dsn(line).map(|enhanced| Found {
        code: None,
        enhanced: Some(enhanced),
    })
}

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
        Some(b' ' | b'-') => word(line.get(pos + 4..).unwrap_or_default()),
        Some(_) => return None,
    };
    Some(Found {
        code: Some(code),
        enhanced,
    })
}

/// An enhanced code at the start of `bytes`, ending at a space, `,`, `)`, `;` or the end.
fn word(bytes: &[u8]) -> Option<EnhancedCode> {
    let len = bytes
        .iter()
        .take(12)
        .position(|b| matches!(b, b' ' | b',' | b')' | b';' | b'"' | b'\t'))
        .unwrap_or(bytes.len().min(12));
    let text = std::str::from_utf8(bytes.get(..len)?).ok()?;
    text.parse().ok()
}

/// Postfix's `dsn=X.Y.Z` field.
fn dsn(line: &[u8]) -> Option<EnhancedCode> {
    // Built once: making a searcher costs more than one search of a log line.
    static DSN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"dsn="));
    let at = DSN.find(line)?;
    word(&line[at + 4..])
}

impl Found {
    /// What a client does after this reply: from the basic code, or from the enhanced code's
    /// class when there is no basic code.
    pub fn disposition(&self) -> Option<Disposition> {
        match (self.code, self.enhanced) {
            (Some(code), enhanced) => Disposition::of(code, enhanced),
            (None, Some(e)) => Disposition::of(u16::from(e.class()) * 100, None),
            (None, None) => None,
        }
    }

    /// `550 5.1.1`, `550`, or `- 4.4.1` for an enhanced code alone.
    pub fn label(&self) -> String {
        let code = self.code.map_or("-".to_owned(), |c| c.to_string());
        match self.enhanced {
            Some(e) => format!("{code} {e}"),
            None => code,
        }
    }

    /// The names of the codes: `Mailbox Unavailable / Bad destination mailbox address`.
    pub fn meaning(&self) -> String {
        let basic = self.code.map(|c| {
            ReplyCode::from_u16(c).map_or("(not a code smtp-codes knows)", ReplyCode::name)
        });
        let enhanced = self
            .enhanced
            .map(|e| e.name().unwrap_or("(not in the IANA registry)"));
        match (basic, enhanced) {
            (Some(b), Some(e)) => format!("{b} / {e}"),
            (Some(one), None) | (None, Some(one)) => one.to_owned(),
            (None, None) => String::new(),
        }
    }
}

/// The most distinct replies a summary keeps; later new ones are counted together.
pub const MAX_DISTINCT: usize = 10_000;

/// A hasher for [`Found`] keys, which are a few small numbers: cheaper than SipHash, and the
/// keys come from the log, not from someone choosing collisions against a server.
#[derive(Debug, Default)]
struct FoundHasher(u64);

impl Hasher for FoundHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Counts of the replies found, in bounded memory.
#[derive(Debug, Default)]
pub struct Summary {
    pub lines: u64,
    pub matched: u64,
    counts: HashMap<Found, u64, BuildHasherDefault<FoundHasher>>,
    /// Lines whose reply was new after [`MAX_DISTINCT`] distinct ones.
    pub other: u64,
}

/// One line of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub code: Option<u16>,
    pub enhanced: Option<String>,
    pub count: u64,
    pub name: Option<&'static str>,
    pub enhanced_name: Option<&'static str>,
    pub disposition: Option<&'static str>,
}

/// How bad a disposition is, worst first.
fn rank(disposition: Option<Disposition>) -> u8 {
    match disposition {
        Some(Disposition::GiveUp) => 0,
        Some(Disposition::RetryLater) => 1,
        Some(Disposition::Intermediate) => 2,
        Some(Disposition::Success) => 3,
        None => 4,
    }
}

impl Summary {
    pub fn add(&mut self, found: Found) {
        self.matched += 1;
        self.count(found, 1);
    }

    fn count(&mut self, found: Found, times: u64) {
        if let Some(count) = self.counts.get_mut(&found) {
            *count += times;
        } else if self.counts.len() < MAX_DISTINCT {
            self.counts.insert(found, times);
        } else {
            self.other += times;
        }
    }

    /// Scans one line.
    pub fn line(&mut self, line: &[u8]) -> Option<Found> {
        self.lines += 1;
        let found = find(line)?;
        self.add(found);
        Some(found)
    }

    /// Adds the counts of a summary of other lines.
    pub fn merge(&mut self, other: Summary) {
        self.lines += other.lines;
        self.matched += other.matched;
        self.other += other.other;
        for (found, times) in other.counts {
            self.count(found, times);
        }
    }

    /// The replies found, worst first: by disposition, then most frequent, then by code.
    pub fn entries(&self) -> Vec<(Found, u64)> {
        let mut entries: Vec<(Found, u64)> = self.counts.iter().map(|(f, c)| (*f, *c)).collect();
        entries.sort_by_key(|(found, count)| {
            (
                rank(found.disposition()),
                std::cmp::Reverse(*count),
                found.code,
                found.enhanced.map(|e| (e.class(), e.subject(), e.detail())),
            )
        });
        entries
    }

    pub fn json_entries(&self) -> Vec<Entry> {
        self.entries()
            .into_iter()
            .map(|(found, count)| Entry {
                code: found.code,
                enhanced: found.enhanced.map(|e| e.to_string()),
                count,
                name: found
                    .code
                    .and_then(ReplyCode::from_u16)
                    .map(ReplyCode::name),
                enhanced_name: found.enhanced.and_then(EnhancedCode::name),
                disposition: found.disposition().map(disposition_key),
            })
            .collect()
    }

    pub fn render(&self, files: usize, style: &Style) -> String {
        let mut out = format!(
            "{} lines in {} input{}, {} with a reply code\n",
            self.lines,
            files,
            if files == 1 { "" } else { "s" },
            self.matched
        );
        let entries = self.entries();
        if entries.is_empty() {
            return out;
        }
        out.push('\n');
        let count_width = entries
            .iter()
            .map(|(_, c)| c.to_string().len())
            .max()
            .unwrap_or(5)
            .max(5);
        let client_of = |found: &Found| {
            found
                .disposition()
                .map_or("-".to_owned(), |d| d.to_string())
        };
        let client_width = entries
            .iter()
            .map(|(found, _)| client_of(found).chars().count())
            .max()
            .unwrap_or(6)
            .max(6);
        let head = format!(
            "{:>count_width$}  {:<9}  {:<client_width$}  MEANING",
            "COUNT", "CODE", "CLIENT"
        );
        out += &style.bold(&head);
        out.push('\n');
        for (found, count) in entries {
            let disposition = found.disposition();
            let client = client_of(&found);
            let painted = match disposition {
                Some(d) => style.disposition(d),
                None => client.clone(),
            };
            let pad = " ".repeat(client_width.saturating_sub(client.chars().count()));
            let prefix = format!("{count:>count_width$}  {:<9}  ", found.label());
            let room = style
                .width
                .saturating_sub(prefix.len() + client_width + 2)
                .max(10);
            out += &format!(
                "{prefix}{painted}{pad}  {}\n",
                crate::output::truncate(&found.meaning(), room)
            );
        }
        if self.other > 0 {
            out += &format!(
                "{} more lines had replies beyond the first {MAX_DISTINCT} distinct ones\n",
                self.other
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<String> {
        find(line.as_bytes()).map(|f| f.label())
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
    fn summary_puts_the_worst_first() {
        let mut summary = Summary::default();
        for line in [
            "250 ok",
            "250 ok",
            "250 ok",
            "451 4.7.1 later",
            "550 5.1.1 no",
        ] {
            summary.add(find(line.as_bytes()).unwrap());
        }
        let order: Vec<String> = summary.entries().iter().map(|(f, _)| f.label()).collect();
        assert_eq!(order, ["550 5.1.1", "451 4.7.1", "250"]);
        assert_eq!(summary.matched, 5);
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
