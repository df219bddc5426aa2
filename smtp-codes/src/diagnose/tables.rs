//! The matcher's kernel: runs the tables that `smtp_codes_data::rules::plan` lays out (built
//! into statics by the derive, or at run time for a user's rules) over one reply.
//!
//! The text the rules read is the reply's lines joined by single spaces, each line's leading
//! enhanced code left out. A one-line reply's text is read where it lies; the lines of a longer
//! one are first copied into a buffer on the stack. The 8 bytes at every few positions are
//! folded (their `0x20` bits set, which ignores ASCII case) and looked up in the long
//! patterns' table, and the 4 bytes at every few positions in the short ones';
//! a hit is checked against its whole pattern, ignoring ASCII case, and marks the pattern
//! found. Then only the rules keyed by found patterns, and the rules without text, are tried,
//! each on all its conditions; the first in file order wins. A text longer than the buffer is
//! scanned in pieces that overlap by the longest pattern.

use super::compare::starts_with;
use crate::{EnhancedCode, Lines};

/// The buffer a longer reply's lines are joined in; the longest pattern (128 bytes at most) is
/// kept from one piece of a long text to the next.
const BUFFER: usize = 384;

/// The matcher's tables: see the module docs. All indexes are `u16`; `u16::MAX` in an enhanced
/// pattern stands for `*`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tables<'a> {
    pub stride: usize,
    /// The 4-byte pieces of the patterns too short for 8-byte ones.
    pub short: PieceTable<'a>,
    /// The 8-byte pieces of the others.
    pub long: PieceTable<'a>,
    pub longest: usize,
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

/// The pieces of one width, as `smtp_codes_data::rules::PieceTable` lays them out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PieceTable<'a> {
    /// `2^bits` buckets.
    pub bits: u32,
    /// One bit per 16-bit hash of a key: set when some pattern's piece has it.
    pub occupied: &'a [u64; 1024],
    pub starts: &'a [u16],
    /// Per piece entered: its key, its pattern and its offset into the pattern, in the low 32,
    /// the next 16 and the top 16 bits.
    pub entries: &'a [u64],
}

impl PieceTable<'_> {
    /// Whether some piece may have this key: the test that most lookups end with.
    #[inline]
    fn may_have(&self, key: u32) -> bool {
        let hash = key >> 16;
        // Below 2^16, so the word index is below 1024: no bounds check.
        self.occupied[(hash >> 6) as usize] & (1 << (hash & 63)) != 0
    }
}

/// The number keys are made with, `smtp_codes_data::rules::MULTIPLIER`: 4 folded bytes'
/// key is their product with its low half, 8 folded bytes' the top half of their product with
/// it, and the low half of the latter product is the former of their first 4.
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

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

    /// Marks the patterns in the text: a one-line reply's where it is, a longer one's joined in
    /// the buffer. Its case is left alone: the scan and the comparisons ignore it.
    fn scan(&self, mut lines: Lines<'_>, prefix: usize, found: &mut [u64]) {
        if self.pattern_ends.is_empty() {
            return;
        }
        let mut buffer;
        let text = if lines.size_hint().0 == 1 {
            match lines.next() {
                Some(line) => trim_blanks(line.get(prefix..).unwrap_or(&[])),
                None => return,
            }
        } else {
            buffer = [0u8; BUFFER];
            let len = self.join(lines, prefix, &mut buffer, found);
            buffer.get(..len).unwrap_or(&[])
        };
        self.mark(text, found);
    }

    /// Copies the lines of a longer reply into `buffer`, joined by single spaces, and returns
    /// the length of what is there to scan. A text that does not fit is scanned a bufferful at
    /// a time, each keeping the end of the one before it.
    #[inline(never)]
    fn join(
        &self,
        lines: Lines<'_>,
        prefix: usize,
        buffer: &mut [u8; BUFFER],
        found: &mut [u64],
    ) -> usize {
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
            if i > 0 {
                self.push(buffer, &mut len, b" ", keep, found);
            }
            self.push(buffer, &mut len, text, keep, found);
        }
        len
    }

    /// Appends `part` to the `len` bytes in `buffer`; where it is full, it is scanned and keeps
    /// its last `keep` bytes.
    #[inline(always)]
    fn push(
        &self,
        buffer: &mut [u8; BUFFER],
        len: &mut usize,
        part: &[u8],
        keep: usize,
        found: &mut [u64],
    ) {
        // Most replies fit at once.
        if let Some(to) = buffer.get_mut(*len..*len + part.len()) {
            to.copy_from_slice(part);
            *len += part.len();
            return;
        }
        let mut rest = part;
        while !rest.is_empty() {
            if *len == BUFFER {
                self.mark_full(buffer, found);
                buffer.copy_within(BUFFER - keep.., 0);
                *len = keep;
            }
            let n = rest.len().min(BUFFER - *len);
            buffer[*len..*len + n].copy_from_slice(&rest[..n]);
            *len += n;
            rest = &rest[n..];
        }
    }

    /// [`mark`](Self::mark) of a full buffer, which only a reply longer than it needs: kept
    /// apart, so that the one call in [`scan`](Self::scan) is inlined.
    #[cold]
    #[inline(never)]
    fn mark_full(&self, buffer: &[u8; BUFFER], found: &mut [u64]) {
        self.mark(buffer, found);
    }

    /// Marks every pattern that occurs in `text`.
    #[inline(always)]
    fn mark(&self, text: &[u8], found: &mut [u64]) {
        let (short, long) = (&self.short, &self.long);
        let mut at = 0;
        // Where 8 bytes are left, both tables are looked up, with one multiplication; then
        // only the short one. While 32 bytes are left, four positions a turn, read from one
        // array without bounds checks (the stride is at most 8).
        let stride = self.stride.clamp(1, 8);
        while let Some(block) = text.get(at..).and_then(|rest| rest.first_chunk::<32>()) {
            for k in 0..4 {
                let o = k * stride;
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(&block[o..o + 8]);
                let product =
                    (u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020).wrapping_mul(MULTIPLIER);
                let key = product as u32;
                if short.may_have(key) {
                    self.confirm(short, text, at + o, key, found);
                }
                let key = (product >> 32) as u32;
                if long.may_have(key) {
                    self.confirm(long, text, at + o, key, found);
                }
            }
            at += 4 * stride;
        }
        // The last positions with 8 bytes, one at a time. The lookup is written out again: a
        // closure or a macro shared by both loops compiled to 3-4 % more instructions.
        while let Some(&bytes) = text.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
            let product =
                (u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020).wrapping_mul(MULTIPLIER);
            let key = product as u32;
            if short.may_have(key) {
                self.confirm(short, text, at, key, found);
            }
            let key = (product >> 32) as u32;
            if long.may_have(key) {
                self.confirm(long, text, at, key, found);
            }
            at += self.stride;
        }
        while let Some(&bytes) = text.get(at..).and_then(|rest| rest.first_chunk::<4>()) {
            let key = (u32::from_le_bytes(bytes) | 0x2020_2020).wrapping_mul(MULTIPLIER as u32);
            if short.may_have(key) {
                self.confirm(short, text, at, key, found);
            }
            at += self.stride;
        }
    }

    /// Checks the patterns entered under `key` at `at`, and marks those that occur, ignoring
    /// the case of the text's letters.
    #[cold]
    fn confirm(&self, table: &PieceTable<'_>, text: &[u8], at: usize, key: u32, found: &mut [u64]) {
        let bucket = (key >> (32 - table.bits)) as usize;
        let Some(&[from, to]) = table.starts.get(bucket..bucket + 2) else {
            return;
        };
        let entries = table
            .entries
            .get(usize::from(from)..usize::from(to))
            .unwrap_or(&[]);
        for &entry in entries {
            if entry as u32 != key {
                continue;
            }
            let p = usize::from((entry >> 32) as u16);
            let offset = (entry >> 48) as u16;
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
            let pattern = self.pattern(p);
            if starts_with(rest, pattern) {
                *seen |= bit;
            }
        }
    }

    fn pattern(&self, p: usize) -> &[u8] {
        // As bytes: a `str` would check both ends for character boundaries on every hit.
        nth_bytes(self.patterns.as_bytes(), self.pattern_ends, p)
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
    let (start, end) = bounds(ends, i);
    all.get(start..end).unwrap_or("")
}

/// [`nth`] of bytes.
fn nth_bytes<'a>(all: &'a [u8], ends: &[u32], i: usize) -> &'a [u8] {
    let (start, end) = bounds(ends, i);
    all.get(start..end).unwrap_or(&[])
}

/// Where string `i` starts and ends, for [`nth`].
fn bounds(ends: &[u32], i: usize) -> (usize, usize) {
    let start = i
        .checked_sub(1)
        .and_then(|before| ends.get(before))
        .map_or(0, |&e| e as usize);
    (start, ends.get(i).map_or(0, |&e| e as usize))
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

// The planner is in smtp-codes-data, which only the `rules` feature brings in.
#[cfg(all(test, feature = "rules"))]
mod tests {
    use super::*;

    /// The kernel makes keys as the planner does.
    #[test]
    fn keys_are_the_planners() {
        use smtp_codes_data::rules;
        assert_eq!(MULTIPLIER, rules::MULTIPLIER);
        let bytes = *b"Unauthen";
        let product = (u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020).wrapping_mul(MULTIPLIER);
        let four = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        assert_eq!(product as u32, rules::key4(rules::fold(four)));
        assert_eq!(
            (product >> 32) as u32,
            rules::key8(rules::fold8(u64::from_le_bytes(bytes)))
        );
    }
}
