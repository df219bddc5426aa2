//! The tables of the matcher that finds every rule's text patterns in one pass over a reply.
//!
//! The matcher looks at the reply's [normalized text](super::meaning::normalized_text) 4 bytes
//! at a time, at every `stride`-th position. Each pattern is entered under `stride` of its
//! 4-byte pieces in a row (a pattern of `stride + 3` bytes or more has them; the run that is
//! rarest in sample text), so wherever a pattern occurs, one of those pieces starts at a
//! sampled position. A pattern of `stride + 7` bytes or more is entered under 8-byte pieces
//! instead, which text without the pattern rarely shares. A piece is [folded](fold) (ASCII
//! letters to lower case, and some other bytes with them), so that the text need not be
//! lowered first, and looked up in a hash table of its width; a hit is checked against the
//! whole pattern, ignoring ASCII case. Afterwards only the rules keyed by a found pattern (each
//! rule by its longest) and the rules without text are tried, in file order. The library's
//! `no_std` kernel runs these tables, built by the derive into statics or at run time for a
//! user's rules.

use std::collections::HashMap;

use super::meaning::When;

/// The most distinct patterns one matcher takes: the library's kernel keeps a bitset of this
/// many on the stack.
pub const MAX_PATTERNS: usize = 1024;

/// The most positions a scan may skip: beyond this, tables grow with little gain.
const MAX_STRIDE: usize = 8;

/// The matcher's tables for a list of rules. Indexes are `u16`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Every `stride`-th position of the text is looked up.
    pub stride: usize,
    /// The pieces of the patterns shorter than `stride + 7` bytes: 4 bytes each.
    pub short: PieceTable,
    /// The pieces of the longer patterns: 8 bytes each.
    pub long: PieceTable,
    /// The distinct patterns, in lower case, in order of first use, one after another:
    /// pattern `p` ends at `pattern_ends[p]`.
    pub patterns: String,
    pub pattern_ends: Vec<u32>,
    /// Per rule, what it matches besides its text, and where its patterns and hosts are.
    pub conditions: Vec<Condition>,
    /// The rules' pattern ids one after another, each rule's longest (its key) first.
    pub rule_patterns: Vec<u16>,
    /// The rules' host suffixes, in lower case, one after another: host `h` ends at `host_ends[h]`.
    pub hosts: String,
    pub host_ends: Vec<u32>,
    /// The rules keyed by pattern `p` are `keyed[keyed_starts[p]..keyed_starts[p + 1]]`, in order.
    pub keyed_starts: Vec<u16>,
    pub keyed: Vec<u16>,
    /// The rules without text, in order: tried on every failure.
    pub textless: Vec<u16>,
    /// The longest pattern's length in bytes.
    pub longest: usize,
}

/// The pieces that the patterns of one width are entered under, as a hash table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PieceTable {
    /// The table has `2^bits` buckets.
    pub bits: u32,
    /// One bit per value of a key's 16-bit hash ([`hash16`]), set when some piece has it:
    /// 1024 words, so that a lookup of ordinary text is one test of a bit.
    pub occupied: Vec<u64>,
    /// Bucket `b`'s entries are `entries[starts[b]..starts[b + 1]]`.
    pub starts: Vec<u16>,
    /// Each piece as one [`entry`]: its key, its pattern and its offset into the pattern, in
    /// one word, so that a lookup reads one array.
    pub entries: Vec<u64>,
}

/// One rule's conditions in the matcher's terms: 0 or `None` where it does not care, and
/// `u16::MAX` for a `*` of an enhanced pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    pub code: u16,
    pub class: u8,
    pub enhanced: Option<[u16; 3]>,
    pub stage: Option<u16>,
    /// Its host suffixes, a range of the host table.
    pub hosts: (u16, u16),
    /// Its patterns, a range of `rule_patterns`.
    pub patterns: (u16, u16),
}

impl Plan {
    /// Pattern `p`, in lower case.
    pub fn pattern(&self, p: usize) -> &str {
        let start = p
            .checked_sub(1)
            .map_or(0, |q| self.pattern_ends[q] as usize);
        &self.patterns[start..self.pattern_ends[p] as usize]
    }

    /// The pattern ids of rule `r`, its key first.
    pub fn patterns_of(&self, r: usize) -> &[u16] {
        let (from, to) = self.conditions[r].patterns;
        &self.rule_patterns[usize::from(from)..usize::from(to)]
    }
}

/// A piece of text as the matcher looks it up: 4 bytes read as a little-endian `u32`, each
/// with its `0x20` bit set. That lowers ASCII capitals, and maps a few other bytes together
/// (`@` with `` ` ``, `[` with `{`), which only costs a comparison that fails.
pub fn fold(piece: u32) -> u32 {
    piece | 0x2020_2020
}

/// [`fold`] for 8 bytes.
pub fn fold8(piece: u64) -> u64 {
    piece | 0x2020_2020_2020_2020
}

/// The odd number that keys are made with; see [`key4`] and [`key8`].
pub const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// The key a folded 4-byte piece is looked up by: the piece times the low half of
/// [`MULTIPLIER`], which mixes its bits upwards and keeps pieces apart (no two have one key).
/// It is also the low half of [`MULTIPLIER`] times any 8 bytes that start with the piece, so
/// one multiplication gives the matcher both keys.
pub fn key4(piece: u32) -> u32 {
    piece.wrapping_mul(MULTIPLIER as u32)
}

/// The key of a folded 8-byte piece: the top half of the piece times [`MULTIPLIER`]. Two
/// pieces with one key only cost a comparison that fails.
pub fn key8(piece: u64) -> u32 {
    (piece.wrapping_mul(MULTIPLIER) >> 32) as u32
}

/// One entry of a [`PieceTable`]: the piece's key in the low 32 bits, the pattern in the next
/// 16, the piece's offset into the pattern in the top 16.
pub fn entry(key: u32, pattern: u16, offset: u8) -> u64 {
    u64::from(key) | u64::from(pattern) << 32 | u64::from(offset) << 48
}

/// The 16-bit hash of a key, its top bits: the keys are already mixed.
pub fn hash16(key: u32) -> u32 {
    key >> 16
}

/// The bucket of a key in a table of `2^bits` buckets (`bits` from 1 to 16): the top bits of
/// its [`hash16`].
pub fn bucket(key: u32, bits: u32) -> usize {
    (hash16(key) >> (16 - bits)) as usize
}

/// Plans the matcher for `rules`, in their order. An error when the rules are too many for
/// the `u16` indexes (65,535 rules or patterns, or pieces).
///
/// `sample` is text like the replies the matcher will read (the rules' examples, normalized):
/// each pattern is entered under the run of `stride` pieces that occur least often in it, so
/// that the pieces of ordinary text rarely hit the table.
pub fn plan<S: AsRef<str>>(rules: &[When], sample: &[S]) -> Result<Plan, String> {
    let mut patterns: Vec<String> = Vec::new();
    let mut rule_patterns = Vec::with_capacity(rules.len());
    for when in rules {
        let mut ids: Vec<u16> = Vec::with_capacity(when.text.len());
        for text in &when.text {
            let id = match patterns.iter().position(|p| p == text) {
                Some(id) => id,
                None => {
                    patterns.push(text.clone());
                    patterns.len() - 1
                }
            };
            ids.push(index(id, "patterns")?);
        }
        // The longest pattern is the likeliest to be rare: it keys the rule.
        if let Some(longest) = (0..ids.len()).max_by_key(|&i| (when.text[i].len(), usize::MAX - i))
        {
            ids.swap(0, longest);
        }
        rule_patterns.push(ids);
    }
    index(rules.len(), "rules")?;
    if patterns.len() > MAX_PATTERNS {
        return Err(format!(
            "the rules have {} distinct text patterns; one matcher takes at most {MAX_PATTERNS}",
            patterns.len()
        ));
    }
    let shortest = patterns.iter().map(String::len).min().unwrap_or(4);
    let stride = shortest.saturating_sub(3).clamp(1, MAX_STRIDE);
    // A pattern with `stride` 8-byte pieces is entered under those: 8 bytes of a pattern
    // rarely occur in text that lacks it, where 4 (`the `, `mail`) often do.
    let long = |pattern: &String| pattern.len() >= stride + 7;
    let short = table(&pick_pieces(&patterns, sample, stride, 4, |p| !long(p))?)?;
    let long = table(&pick_pieces(&patterns, sample, stride, 8, long)?)?;

    let mut conditions = Vec::with_capacity(rules.len());
    let mut flat_patterns = Vec::new();
    let mut hosts = String::new();
    let mut host_ends = Vec::new();
    for (when, ids) in rules.iter().zip(&rule_patterns) {
        let first_host = index(host_ends.len(), "hosts")?;
        for host in &when.hosts {
            hosts.push_str(host);
            host_ends.push(hosts.len() as u32);
        }
        let first_pattern = index(flat_patterns.len(), "rule patterns")?;
        flat_patterns.extend(ids.iter().copied());
        conditions.push(Condition {
            code: when.code.unwrap_or(0),
            class: when.class.unwrap_or(0),
            enhanced: when.enhanced.map(|e| {
                [
                    u16::from(e.class),
                    e.subject.unwrap_or(u16::MAX),
                    e.detail.unwrap_or(u16::MAX),
                ]
            }),
            stage: when.stage.map(|s| index(s, "commands")).transpose()?,
            hosts: (first_host, index(host_ends.len(), "hosts")?),
            patterns: (first_pattern, index(flat_patterns.len(), "rule patterns")?),
        });
    }

    let mut keyed_lists: Vec<Vec<u16>> = vec![Vec::new(); patterns.len()];
    let mut textless = Vec::new();
    for (rule, ids) in rule_patterns.iter().enumerate() {
        let rule = index(rule, "rules")?;
        match ids.first() {
            Some(&key) => keyed_lists[usize::from(key)].push(rule),
            None => textless.push(rule),
        }
    }
    let mut keyed_starts = vec![0u16];
    let mut keyed = Vec::new();
    for list in keyed_lists {
        keyed.extend(list);
        keyed_starts.push(index(keyed.len(), "rules")?);
    }
    let mut pattern_ends = Vec::with_capacity(patterns.len());
    let mut all = String::new();
    for pattern in &patterns {
        all.push_str(pattern);
        pattern_ends.push(all.len() as u32);
    }
    Ok(Plan {
        stride,
        short,
        long,
        longest: patterns.iter().map(String::len).max().unwrap_or(0),
        patterns: all,
        pattern_ends,
        conditions,
        hosts,
        host_ends,
        rule_patterns: flat_patterns,
        keyed_starts,
        keyed,
        textless,
    })
}

/// For each pattern that `takes`, the run of `stride` pieces of `width` bytes (4 or 8) it is
/// entered under: the run rarest in the sample and among the patterns themselves (weighted
/// more, as each such pattern is a whole comparison on a hit), the first of equals. Each piece
/// comes as its [`key`], its pattern and its offset into the pattern.
fn pick_pieces<S: AsRef<str>>(
    patterns: &[String],
    sample: &[S],
    stride: usize,
    width: usize,
    takes: impl Fn(&String) -> bool,
) -> Result<Vec<(u32, u16, u8)>, String> {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for text in sample {
        for window in text.as_ref().as_bytes().windows(width) {
            *seen.entry(key(window)).or_default() += 1;
        }
    }
    for pattern in patterns.iter().filter(|p| takes(p)) {
        let mut own: Vec<u32> = pattern.as_bytes().windows(width).map(key).collect();
        own.sort_unstable();
        own.dedup();
        for piece in own {
            *seen.entry(piece).or_default() += 8;
        }
    }
    let mut pieces = Vec::new();
    for (id, pattern) in patterns.iter().enumerate() {
        if !takes(pattern) {
            continue;
        }
        let all: Vec<u32> = pattern.as_bytes().windows(width).map(key).collect();
        let runs = all.len().saturating_sub(stride) + 1;
        let start = (0..runs)
            .min_by_key(|&k| {
                all[k..(k + stride).min(all.len())]
                    .iter()
                    .map(|p| seen.get(p).copied().unwrap_or(0))
                    .sum::<usize>()
            })
            .unwrap_or(0);
        for (offset, &piece) in all.iter().enumerate().skip(start).take(stride) {
            let offset_byte = u8::try_from(offset).map_err(|_| {
                "a pattern is too long for the matcher (more than 255 bytes)".to_owned()
            })?;
            pieces.push((piece, index(id, "patterns")?, offset_byte));
        }
    }
    Ok(pieces)
}

/// The hash table of `pieces` (keys, patterns, offsets). An error when they are too many for
/// its `u16` indexes.
fn table(pieces: &[(u32, u16, u8)]) -> Result<PieceTable, String> {
    // About two buckets per piece: a lookup first tests the bitmap, which is much sparser.
    let mut bits = 4;
    while (1usize << bits) < pieces.len() * 2 && bits < 16 {
        bits += 1;
    }
    let mut pieces = pieces.to_vec();
    pieces.sort_by_key(|&(key, pattern, offset)| (bucket(key, bits), pattern, offset));
    let mut starts = vec![0u16; (1 << bits) + 1];
    for &(key, _, _) in &pieces {
        starts[bucket(key, bits) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] = starts[b].checked_add(starts[b - 1]).ok_or_else(|| {
            "too many pattern pieces for one matcher (more than 65,535)".to_owned()
        })?;
    }
    let mut occupied = vec![0u64; 1024];
    for &(key, _, _) in &pieces {
        let h = hash16(key) as usize;
        occupied[h / 64] |= 1 << (h % 64);
    }
    Ok(PieceTable {
        bits,
        occupied,
        starts,
        entries: pieces
            .iter()
            .map(|&(key, pattern, offset)| entry(key, pattern, offset))
            .collect(),
    })
}

/// Four bytes as the little-endian `u32` the matcher compares.
fn piece_of(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// The key a piece of 4 or 8 bytes of text is looked up by: the bytes as a little-endian
/// number, [folded](fold), then [`key4`] or [`key8`].
fn key(bytes: &[u8]) -> u32 {
    match bytes.first_chunk::<8>() {
        Some(&eight) => key8(fold8(u64::from_le_bytes(eight))),
        None => key4(fold(piece_of(bytes))),
    }
}

fn index(n: usize, what: &str) -> Result<u16, String> {
    u16::try_from(n).map_err(|_| format!("too many {what} for one matcher (more than 65,535)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(texts: &[&str]) -> When {
        When {
            text: texts.iter().map(|t| (*t).to_owned()).collect(),
            ..When::default()
        }
    }

    /// The plan's own lookup, as the library's kernel does it: the rules whose patterns all
    /// occur, by the tables alone.
    fn found(plan: &Plan, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let mut hit = vec![false; plan.pattern_ends.len()];
        for (table, width) in [(&plan.short, 4), (&plan.long, 8)] {
            let mut at = 0;
            while at + width <= bytes.len() {
                let key = key(&bytes[at..at + width]);
                let b = bucket(key, table.bits);
                let bucket = usize::from(table.starts[b])..usize::from(table.starts[b + 1]);
                for &e in &table.entries[bucket] {
                    let (p, off) = (usize::from((e >> 32) as u16), usize::from((e >> 48) as u16));
                    let pattern = plan.pattern(p).as_bytes();
                    if e as u32 == key
                        && at >= off
                        && bytes.len() >= at - off + pattern.len()
                        && bytes[at - off..at - off + pattern.len()].eq_ignore_ascii_case(pattern)
                    {
                        hit[p] = true;
                    }
                }
                at += plan.stride;
            }
        }
        (0..plan.conditions.len())
            .filter(|&r| {
                let ids = plan.patterns_of(r);
                !ids.is_empty() && ids.iter().all(|&p| hit[usize::from(p)])
            })
            .collect()
    }

    #[test]
    fn every_occurrence_is_found_at_any_offset() {
        let rules = [
            when(&["user unknown"]),
            when(&["quota", "exceeded"]),
            when(&["blocked using"]),
        ];
        let plan = plan::<&str>(&rules, &[]).unwrap();
        // The shortest pattern ("quota") has 5 bytes: two pieces each, every other position.
        assert_eq!(plan.stride, 2);
        for pad in 0..6 {
            let text = format!("{}mailbox quota exceeded; user unknown", "x".repeat(pad));
            assert_eq!(found(&plan, &text), [0, 1], "{text}");
            let text = format!("{}client blocked using zen", "y".repeat(pad));
            assert_eq!(found(&plan, &text), [2], "{text}");
            // The text is not lowered first: folding the pieces ignores its case.
            let text = format!("{}Mailbox QUOTA Exceeded; User Unknown", "x".repeat(pad));
            assert_eq!(found(&plan, &text), [0, 1], "{text}");
        }
        assert!(found(&plan, "all is well").is_empty());
    }

    #[test]
    fn patterns_are_entered_under_their_rarest_pieces_and_still_found() {
        let rules = [when(&["user unknown in table"]), when(&["quota"])];
        let sample = ["user unknown user unknown"];
        let plan = plan(&rules, &sample).unwrap();
        let offsets: Vec<u16> = (plan.long.entries.iter())
            .filter(|&&e| (e >> 32) as u16 == 0)
            .map(|&e| (e >> 48) as u16)
            .collect();
        // "user unknown " (13 bytes) is common in the sample: each 8-byte piece reaches into
        // "in table".
        assert!(
            !offsets.is_empty() && offsets.iter().all(|&o| o + 8 > 13),
            "{offsets:?}"
        );
        for pad in 0..4 {
            let text = format!("{}550 user unknown in table", "z".repeat(pad));
            assert_eq!(found(&plan, &text), [0], "{text}");
        }
    }

    #[test]
    fn rules_are_keyed_by_their_longest_pattern_and_shared_patterns_once() {
        let plan = plan::<&str>(
            &[
                when(&["quota", "mailbox full"]),
                when(&["mailbox full"]),
                when(&[]),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(
            (plan.pattern(0), plan.pattern(1)),
            ("quota", "mailbox full")
        );
        assert_eq!(plan.rule_patterns, [1, 0, 1]);
        assert_eq!(
            [
                plan.patterns_of(0),
                plan.patterns_of(1),
                plan.patterns_of(2)
            ],
            [&[1, 0][..], &[1], &[]]
        );
        assert_eq!(plan.keyed, [0, 1]);
        assert_eq!(plan.keyed_starts, [0, 0, 2]);
        assert_eq!(plan.textless, [2]);
    }
}
