//! The tables of the matcher that finds every rule's text patterns in one pass over a reply.
//!
//! The matcher looks at the reply's [normalized text](super::meaning::normalized_text) 4 bytes
//! at a time, at every `stride`-th position. Each pattern is entered under `stride` of its
//! 4-byte pieces in a row (a pattern of `stride + 3` bytes or more has them; the run that is
//! rarest in sample text), so wherever a pattern occurs, one of those pieces starts at a
//! sampled position. A piece is looked up in a hash table
//! of `2^bits` buckets; a hit is checked against the whole pattern. Afterwards only the rules
//! keyed by a found pattern (each rule by its longest) and the rules without text are tried,
//! in file order. The library's `no_std` kernel runs these tables, built by the derive into
//! statics or at run time for a user's rules.

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
    /// The hash table has `2^bits` buckets.
    pub bits: u32,
    /// One bit per value of a piece's 16-bit hash ([`hash16`]), set when some piece has it:
    /// 1024 words, so that a lookup of ordinary text is one test of a bit.
    pub occupied: Vec<u64>,
    /// The distinct patterns, in lower case, in order of first use, one after another:
    /// pattern `p` ends at `pattern_ends[p]`.
    pub patterns: String,
    pub pattern_ends: Vec<u32>,
    /// Bucket `b`'s pieces are `starts[b]..starts[b + 1]` of the three piece tables.
    pub starts: Vec<u16>,
    /// A pattern's piece: 4 bytes read as a little-endian `u32`.
    pub pieces: Vec<u32>,
    /// Which pattern the piece belongs to.
    pub piece_patterns: Vec<u16>,
    /// Where in the pattern the piece starts.
    pub piece_offsets: Vec<u8>,
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

/// The 16-bit hash of a 4-byte piece: the same function must be used to build the tables and
/// to look them up.
pub fn hash16(piece: u32) -> u32 {
    piece.wrapping_mul(0x9E37_79B1) >> 16
}

/// The bucket of a 4-byte piece in a table of `2^bits` buckets (`bits` from 1 to 16): the top
/// bits of its [`hash16`].
pub fn bucket(piece: u32, bits: u32) -> usize {
    (hash16(piece) >> (16 - bits)) as usize
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
    // An index of a pattern's piece into the pattern fits in a byte.
    let stride = shortest.saturating_sub(3).clamp(1, MAX_STRIDE);

    // How common each piece is: in the sample, and (weighted more, as each such pattern is a
    // full comparison on a hit) among the patterns themselves.
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for text in sample {
        for window in text.as_ref().as_bytes().windows(4) {
            *seen.entry(piece_of(window)).or_default() += 1;
        }
    }
    for pattern in &patterns {
        let mut own: Vec<u32> = pattern.as_bytes().windows(4).map(piece_of).collect();
        own.sort_unstable();
        own.dedup();
        for piece in own {
            *seen.entry(piece).or_default() += 8;
        }
    }
    let mut pieces: Vec<(u32, u16, u8)> = Vec::new();
    for (id, pattern) in patterns.iter().enumerate() {
        let bytes = pattern.as_bytes();
        let all: Vec<u32> = bytes.windows(4).map(piece_of).collect();
        // Any `stride` pieces in a row will do; take the rarest run (the first of equals).
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
    // About sixteen buckets per piece keeps nearly every lookup of a reply's text empty.
    let mut bits = 4;
    while (1usize << bits) < pieces.len() * 16 && bits < 16 {
        bits += 1;
    }
    pieces.sort_by_key(|&(piece, pattern, offset)| (bucket(piece, bits), pattern, offset));
    let mut starts = vec![0u16; (1 << bits) + 1];
    for &(piece, _, _) in &pieces {
        starts[bucket(piece, bits) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] = starts[b].checked_add(starts[b - 1]).ok_or_else(|| {
            "too many pattern pieces for one matcher (more than 65,535)".to_owned()
        })?;
    }

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

    let mut occupied = vec![0u64; 1024];
    for &(piece, _, _) in &pieces {
        let h = hash16(piece) as usize;
        occupied[h / 64] |= 1 << (h % 64);
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
        bits,
        occupied,
        longest: patterns.iter().map(String::len).max().unwrap_or(0),
        patterns: all,
        pattern_ends,
        conditions,
        hosts,
        host_ends,
        starts,
        pieces: pieces.iter().map(|p| p.0).collect(),
        piece_patterns: pieces.iter().map(|p| p.1).collect(),
        piece_offsets: pieces.iter().map(|p| p.2).collect(),
        rule_patterns: flat_patterns,
        keyed_starts,
        keyed,
        textless,
    })
}

/// Four bytes as the little-endian `u32` the matcher compares.
fn piece_of(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
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
        let mut at = 0;
        while at + 4 <= bytes.len() {
            let piece = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
            let b = bucket(piece, plan.bits);
            for e in usize::from(plan.starts[b])..usize::from(plan.starts[b + 1]) {
                let (p, off) = (
                    usize::from(plan.piece_patterns[e]),
                    usize::from(plan.piece_offsets[e]),
                );
                if plan.pieces[e] == piece
                    && at >= off
                    && bytes[at - off..].starts_with(plan.pattern(p).as_bytes())
                {
                    hit[p] = true;
                }
            }
            at += plan.stride;
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
        }
        assert!(found(&plan, "all is well").is_empty());
    }

    #[test]
    fn patterns_are_entered_under_their_rarest_pieces_and_still_found() {
        let rules = [when(&["user unknown in table"]), when(&["quota"])];
        let sample = ["user unknown user unknown"];
        let plan = plan(&rules, &sample).unwrap();
        let offsets: Vec<u8> = (0..plan.pieces.len())
            .filter(|&e| plan.piece_patterns[e] == 0)
            .map(|e| plan.piece_offsets[e])
            .collect();
        // "user unknown " is common in the sample: the pieces come from "in table".
        assert!(offsets.iter().all(|&o| o >= 10), "{offsets:?}");
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
