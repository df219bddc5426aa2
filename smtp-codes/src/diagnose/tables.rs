//! The matcher's kernel: runs the tables that `smtp_codes_data::rules::plan` lays out (built
//! into statics by the derive, or at run time for a user's rules) over one reply.
//!
//! The reply's text is copied, ASCII letters lowered, into a buffer on the stack with its lines
//! joined by single spaces and each line's leading enhanced code left out. Every `stride`-th
//! 4-byte piece of it is looked up in the hash table; a hit is checked against its whole pattern
//! and marks the pattern found. Then only the rules keyed by found patterns, and the rules
//! without text, are tried, each on all its conditions; the first in file order wins. A text
//! longer than the buffer is scanned in pieces that overlap by the longest pattern.

use crate::{EnhancedCode, Lines};

/// The buffer the text is lowered into; the longest pattern (128 bytes at most) is kept from
/// one piece of a long text to the next.
const BUFFER: usize = 384;

/// The matcher's tables: see the module docs. All indexes are `u16`; `u16::MAX` in an enhanced
/// pattern stands for `*`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tables<'a> {
    pub stride: usize,
    pub bits: u32,
    /// One bit per 16-bit hash of a piece: set when some pattern's piece has it.
    pub occupied: &'a [u64; 1024],
    pub longest: usize,
    pub starts: &'a [u16],
    pub pieces: &'a [u32],
    pub piece_patterns: &'a [u16],
    pub piece_offsets: &'a [u8],
    /// The patterns one after another, in lower case; pattern `p` ends at `pattern_ends[p]`.
    pub patterns: &'a str,
    pub pattern_ends: &'a [u32],
    pub conditions: &'a [Condition],
    pub rule_patterns: &'a [u16],
    /// The rules' host suffixes one after another, in lower case.
    pub hosts: &'a str,
    pub host_ends: &'a [u32],
    pub keyed_starts: &'a [u16],
    pub keyed: &'a [u16],
    pub textless: &'a [u16],
}

/// What one rule matches besides its text: 0 or `None` where it does not care. It mirrors
/// `smtp_codes_data::rules::Condition`, which this `no_std` kernel cannot depend on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Condition {
    pub code: u16,
    pub class: u8,
    pub enhanced: Option<[u16; 3]>,
    pub stage: Option<u16>,
    /// Its host suffixes, a range of the host table.
    pub hosts: (u16, u16),
    /// Its patterns, a range of `rule_patterns`.
    pub patterns: (u16, u16),
}

/// What the rules look at besides the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Subject<'s> {
    pub code: u16,
    pub enhanced: Option<EnhancedCode>,
    /// The length of the enhanced code that starts the first line (0 without one).
    pub prefix: usize,
    /// The index of the command answered, in `Command::ALL`.
    pub stage: Option<u16>,
    pub hosts: [Option<&'s str>; 2],
}

/// What of the context could change a diagnosis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Matters {
    pub command: bool,
    pub host: bool,
}

impl Matters {
    pub(crate) fn or(self, other: Matters) -> Matters {
        Matters {
            command: self.command | other.command,
            host: self.host | other.host,
        }
    }
}

/// The bitset of found patterns: room for 64 times this many, 1,024 patterns (the built-in
/// rules have about 490; a user's file may have at most this many).
pub(crate) const MAX_WORDS: usize = 16;

impl Tables<'_> {
    /// The index of the first rule that matches, if any. Only failures (class 4 and 5) are
    /// looked at.
    ///
    /// `matters` records what of the context a rule needed that matched everything else: with
    /// another command or host the answer could differ.
    pub(crate) fn first_match(
        &self,
        lines: Lines<'_>,
        subject: &Subject<'_>,
        matters: &mut Matters,
    ) -> Option<usize> {
        if !matches!(subject.code / 100, 4 | 5) {
            return None;
        }
        let mut found = [0u64; MAX_WORDS];
        let words = self.pattern_ends.len().div_ceil(64).min(MAX_WORDS);
        let found = &mut found[..words];
        self.scan(lines, subject.prefix, found);
        let mut best: Option<usize> = None;
        for (word, &bits) in found.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let pattern = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let from = self.keyed_starts.get(pattern).copied().unwrap_or(0);
                let to = self.keyed_starts.get(pattern + 1).copied().unwrap_or(0);
                let keyed = self
                    .keyed
                    .get(usize::from(from)..usize::from(to))
                    .unwrap_or(&[]);
                // Each list is in file order: its first match is its best.
                for &rule in keyed {
                    let rule = usize::from(rule);
                    if best.is_some_and(|b| b < rule) {
                        break;
                    }
                    if self.holds(rule, subject, found, matters) {
                        best = Some(rule);
                        break;
                    }
                }
            }
        }
        for &rule in self.textless {
            let rule = usize::from(rule);
            if best.is_some_and(|b| b < rule) {
                break;
            }
            if self.holds(rule, subject, found, matters) {
                return Some(rule);
            }
        }
        best
    }

    /// Lowers the text into the buffer and marks the patterns in it.
    fn scan(&self, lines: Lines<'_>, prefix: usize, found: &mut [u64]) {
        if self.pattern_ends.is_empty() {
            return;
        }
        let mut buffer = [0u8; BUFFER];
        let mut len = 0;
        let keep = self.longest.saturating_sub(1).min(BUFFER / 2);
        // Replies repeat the first line's enhanced code on every line: it was read once.
        let mut first: &[u8] = &[];
        for (i, line) in lines.enumerate() {
            let text = if i == 0 {
                first = line.get(..prefix).unwrap_or(&[]);
                trim_blanks(line.get(prefix..).unwrap_or(&[]))
            } else if !first.is_empty()
                && line.starts_with(first)
                && matches!(line.get(first.len()), None | Some(b' ' | b'\t'))
            {
                trim_blanks(&line[first.len()..])
            } else {
                match EnhancedCode::prefix_of(line) {
                    Some((_, end)) => trim_blanks(&line[end..]),
                    None => line,
                }
            };
            let separator: &[u8] = if i == 0 { &[] } else { b" " };
            for part in [separator, text] {
                let mut rest = part;
                while !rest.is_empty() {
                    if len == BUFFER {
                        self.mark(&buffer, found);
                        buffer.copy_within(BUFFER - keep.., 0);
                        len = keep;
                    }
                    let n = rest.len().min(BUFFER - len);
                    for (to, from) in buffer[len..len + n].iter_mut().zip(&rest[..n]) {
                        *to = from.to_ascii_lowercase();
                    }
                    len += n;
                    rest = &rest[n..];
                }
            }
        }
        self.mark(&buffer[..len], found);
    }

    /// Marks every pattern that occurs in `text`.
    #[inline]
    fn mark(&self, text: &[u8], found: &mut [u64]) {
        let occupied = self.occupied;
        let mut at = 0;
        while let Some(&bytes) = text.get(at..).and_then(|rest| rest.first_chunk::<4>()) {
            let piece = u32::from_le_bytes(bytes);
            // Below 2^16, so the word index is below 1024: no bounds check.
            let hash = piece.wrapping_mul(0x9E37_79B1) >> 16;
            if occupied[(hash >> 6) as usize] & (1 << (hash & 63)) != 0 {
                self.confirm(text, at, piece, hash, found);
            }
            at += self.stride;
        }
    }

    #[cold]
    fn confirm(&self, text: &[u8], at: usize, piece: u32, hash: u32, found: &mut [u64]) {
        let bucket = (hash >> (16 - self.bits)) as usize;
        let Some(&[from, to]) = self.starts.get(bucket..bucket + 2) else {
            return;
        };
        let entries = usize::from(from)..usize::from(to);
        let (Some(pieces), Some(patterns), Some(offsets)) = (
            self.pieces.get(entries.clone()),
            self.piece_patterns.get(entries.clone()),
            self.piece_offsets.get(entries),
        ) else {
            return;
        };
        for ((&other, &p), &offset) in pieces.iter().zip(patterns).zip(offsets) {
            if other != piece {
                continue;
            }
            let p = usize::from(p);
            let (word, bit) = (p / 64, 1u64 << (p % 64));
            let Some(seen) = found.get_mut(word) else {
                continue;
            };
            // A pattern found once need not be compared again.
            if *seen & bit != 0 {
                continue;
            }
            let Some(rest) = at
                .checked_sub(usize::from(offset))
                .and_then(|s| text.get(s..))
            else {
                continue;
            };
            if starts_with(rest, self.pattern(p)) {
                *seen |= bit;
            }
        }
    }

    fn pattern(&self, p: usize) -> &[u8] {
        nth(self.patterns, self.pattern_ends, p).as_bytes()
    }

    pub(crate) fn host(&self, h: usize) -> &str {
        nth(self.hosts, self.host_ends, h)
    }

    /// Whether every condition of `rule` holds.
    fn holds(
        &self,
        rule: usize,
        subject: &Subject<'_>,
        found: &[u64],
        matters: &mut Matters,
    ) -> bool {
        let Some(c) = self.conditions.get(rule) else {
            return false;
        };
        let code_ok = (c.code == 0 || c.code == subject.code)
            && (c.class == 0 || u16::from(c.class) == subject.code / 100);
        let enhanced_ok = c.enhanced.is_none_or(|[class, s, d]| {
            subject.enhanced.is_some_and(|e| {
                u16::from(e.class()) == class
                    && (s == u16::MAX || s == e.subject())
                    && (d == u16::MAX || d == e.detail())
            })
        });
        if !(code_ok && enhanced_ok) {
            return false;
        }
        let patterns = self
            .rule_patterns
            .get(usize::from(c.patterns.0)..usize::from(c.patterns.1))
            .unwrap_or(&[]);
        let text_ok = patterns.iter().all(|&p| {
            let p = usize::from(p);
            found.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0)
        });
        if !text_ok {
            return false;
        }
        // Everything but the context holds: from here on, the context decides.
        let hosts = usize::from(c.hosts.0)..usize::from(c.hosts.1);
        matters.command |= c.stage.is_some();
        matters.host |= !hosts.is_empty();
        if c.stage.is_some_and(|s| subject.stage != Some(s)) {
            return false;
        }
        hosts.is_empty()
            || hosts.into_iter().any(|h| {
                let suffix = self.host(h);
                subject
                    .hosts
                    .iter()
                    .flatten()
                    .any(|host| host_within(host, suffix))
            })
    }
}

/// String `i` of strings laid one after another in `all`, string `i` ending at `ends[i]`.
fn nth<'a>(all: &'a str, ends: &[u32], i: usize) -> &'a str {
    let start = i
        .checked_sub(1)
        .and_then(|before| ends.get(before))
        .map_or(0, |&e| e as usize);
    let end = ends.get(i).map_or(0, |&e| e as usize);
    all.get(start..end).unwrap_or("")
}

/// Whether `text` starts with `pattern`. Most comparisons fail within the first bytes, and
/// patterns are short: compare the first eight bytes as one word before the rest.
#[inline]
fn starts_with(text: &[u8], pattern: &[u8]) -> bool {
    let Some(text) = text.get(..pattern.len()) else {
        return false;
    };
    match (text.first_chunk::<8>(), pattern.first_chunk::<8>()) {
        (Some(a), Some(b)) => a == b && text[8..] == pattern[8..],
        _ => text == pattern,
    }
}

/// Whether `host` is the domain `suffix` or inside it, ignoring ASCII case.
pub(crate) fn host_within(host: &str, suffix: &str) -> bool {
    // A fully qualified name may end in a dot: `mx.google.com.`.
    let host = host.strip_suffix('.').unwrap_or(host);
    let (host, suffix) = (host.as_bytes(), suffix.as_bytes());
    if host.len() < suffix.len() {
        return false;
    }
    let (head, tail) = host.split_at(host.len() - suffix.len());
    tail.eq_ignore_ascii_case(suffix) && (head.is_empty() || head.ends_with(b"."))
}

/// The text after the blanks that follow an enhanced code.
fn trim_blanks(mut text: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = text {
        text = rest;
    }
    text
}
