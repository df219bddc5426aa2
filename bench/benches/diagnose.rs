//! Times `Reply::diagnose` against the same rules run as one `regex::RegexSet`, the way
//! KumoMTA classifies bounces, and against `Reply::parse` of the same reply, in one run.
//!
//! The peer reads `smtp-codes/rules.toml` at start with the `toml` crate, on its own: nothing
//! of smtp-codes' rule compiler is used. Each distinct text pattern becomes one escaped,
//! ASCII-case-insensitive regex of the set (`regex` has no lookahead, so a rule with several
//! patterns cannot be one regex); each rule is listed under its first pattern, and after
//! `RegexSet::matches` the rules listed under the patterns found, then the rules without text,
//! are checked in file order on their other conditions (code, class, enhanced code, stage,
//! host) and on all their patterns having been found; the first that holds wins. Rules apply to
//! failures only, so for a 2xx reply neither side looks at the text.
//!
//! Both sides start from a parsed reply. smtp-codes' `diagnose` skips the enhanced codes and
//! joins the lines itself, inside the timed call (a one-line reply's text is read where it lies,
//! a longer one's lines are copied into a buffer, lowered). The peer is handed that text already
//! joined (built once, untimed): its regexes ignore case, so it needs no lowering.
//! The set is built once, before timing.
//!
//! Before anything is timed, the peer's rule is asserted equal to `diagnose`'s on every timed
//! input, on every rule example in `rules.toml` that is a reply (without context, and with the
//! rule's own stage and first host, where it must be the rule itself), and on every reply in the
//! captured sessions of `tests/corpus/` under every stage the rules name.
//!
//! `scripts/bench` runs this and prints the medians and the ratios as Markdown tables.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use regex::{RegexSet, SetMatches};
use serde::Deserialize;
use smtp_codes::{Command, Context, EnhancedCode, Reply};
use smtp_codes_bench::{ONE_LINE, ONE_LINE_SHORT, THREE_LINE_550, regex_set};

/// The names under which each function is reported; `scripts/bench` knows them.
const OURS: &str = "smtp-codes";
const OURS_PARSE: &str = "smtp-codes parse";
const PEER: &str = "RegexSet";

/// The rules' example replies that are timed too: a Gmail DMARC refusal and Postfix's unknown
/// user, which its rule only takes as the answer to `RCPT`.
const EXAMPLE_GROUPS: [(&str, &str, Option<Command>); 2] = [
    (
        "diagnose_gmail_dmarc",
        "google-not-accepted-due-domains-dmarc",
        None,
    ),
    (
        "diagnose_postfix_user_unknown",
        "postfix-user-unknown-local-recipient-table",
        Some(Command::Rcpt),
    ),
];

/// `rules.toml` as the peer reads it: only the rules, only what decides a match.
#[derive(Debug, Deserialize)]
struct RuleFile {
    rule: Vec<RuleRow>,
}

#[derive(Debug, Deserialize)]
struct RuleRow {
    id: String,
    code: Option<u16>,
    class: Option<u16>,
    enhanced: Option<String>,
    #[serde(default)]
    text: Vec<String>,
    stage: Option<String>,
    #[serde(default)]
    host: Vec<String>,
    example: String,
}

/// An enhanced code pattern: the class, and the subject and detail where they are not `*`.
type EnhancedPattern = (u8, Option<u16>, Option<u16>);

/// One rule as the peer checks it.
#[derive(Debug)]
struct PeerRule {
    id: String,
    code: Option<u16>,
    class: Option<u16>,
    enhanced: Option<EnhancedPattern>,
    stage: Option<Command>,
    /// Domain suffixes in lower case.
    hosts: Vec<String>,
    /// Indexes into the set.
    patterns: Vec<usize>,
}

/// What the caller knows besides the reply, as for `Reply::diagnose_with`.
#[derive(Debug, Clone, Copy, Default)]
struct Known<'a> {
    stage: Option<Command>,
    host: Option<&'a str>,
}

impl<'a> Known<'a> {
    fn context(self) -> Context<'a> {
        let mut context = Context::new();
        if let Some(stage) = self.stage {
            context = context.command(stage);
        }
        if let Some(host) = self.host {
            context = context.host(host);
        }
        context
    }
}

/// The rules as one `RegexSet` and a check of each rule's other conditions.
#[derive(Debug)]
struct RegexRules {
    set: RegexSet,
    rules: Vec<PeerRule>,
    /// For each pattern, the rules whose first pattern it is, in file order.
    keyed: Vec<Vec<usize>>,
    /// The rules without text, in file order.
    textless: Vec<usize>,
}

impl RegexRules {
    fn new(rows: &[RuleRow]) -> RegexRules {
        let mut texts: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut rules = Vec::new();
        for row in rows {
            let patterns: Vec<usize> = row
                .text
                .iter()
                .map(|text| {
                    // Patterns that differ only in case are one pattern.
                    *index.entry(text.to_ascii_lowercase()).or_insert_with(|| {
                        texts.push(text.clone());
                        texts.len() - 1
                    })
                })
                .collect();
            rules.push(PeerRule {
                id: row.id.clone(),
                code: row.code,
                class: row.class,
                enhanced: row.enhanced.as_deref().map(enhanced_pattern),
                stage: row.stage.as_deref().map(|verb| {
                    verb.parse()
                        .unwrap_or_else(|_| panic!("rule {}: unknown stage {verb}", row.id))
                }),
                hosts: row.host.iter().map(|h| h.to_ascii_lowercase()).collect(),
                patterns,
            });
        }
        let set = regex_set(&texts);
        let mut keyed = vec![Vec::new(); texts.len()];
        let mut textless = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            match rule.patterns.first() {
                Some(&p) => keyed[p].push(i),
                None => textless.push(i),
            }
        }
        RegexRules {
            set,
            rules,
            keyed,
            textless,
        }
    }

    /// The id of the first rule that matches `reply`, whose lines joined without their
    /// enhanced codes are `text`.
    fn diagnose(&self, reply: &Reply<'_>, text: &str, known: Known<'_>) -> Option<&str> {
        let code = reply.code();
        if !matches!(code / 100, 4 | 5) {
            return None;
        }
        let enhanced = reply.enhanced();
        let found = self.set.matches(text);
        let mut best: Option<usize> = None;
        for pattern in found.iter() {
            for &rule in &self.keyed[pattern] {
                if best.is_some_and(|b| b < rule) {
                    break;
                }
                if self.holds(rule, code, enhanced, known, &found) {
                    best = Some(rule);
                    break;
                }
            }
        }
        for &rule in &self.textless {
            if best.is_some_and(|b| b < rule) {
                break;
            }
            if self.holds(rule, code, enhanced, known, &found) {
                best = Some(rule);
                break;
            }
        }
        best.map(|rule| self.rules[rule].id.as_str())
    }

    fn holds(
        &self,
        rule: usize,
        code: u16,
        enhanced: Option<EnhancedCode>,
        known: Known<'_>,
        found: &SetMatches,
    ) -> bool {
        let rule = &self.rules[rule];
        rule.code.is_none_or(|c| c == code)
            && rule.class.is_none_or(|c| c == code / 100)
            && rule.enhanced.is_none_or(|(class, subject, detail)| {
                enhanced.is_some_and(|e| {
                    e.class() == class
                        && subject.is_none_or(|s| s == e.subject())
                        && detail.is_none_or(|d| d == e.detail())
                })
            })
            && rule.stage.is_none_or(|s| known.stage == Some(s))
            && (rule.hosts.is_empty()
                || known
                    .host
                    .is_some_and(|host| rule.hosts.iter().any(|s| host_within(host, s))))
            && rule.patterns.iter().all(|&p| found.matched(p))
    }
}

/// `5.7.1`, `5.7.*` or `5.*.*`.
fn enhanced_pattern(text: &str) -> EnhancedPattern {
    let part = |s: &str| (s != "*").then(|| s.parse().expect("a number or *"));
    let parts: Vec<&str> = text.split('.').collect();
    let [class, subject, detail] = parts[..] else {
        panic!("enhanced pattern {text}");
    };
    (class.parse().expect("a class"), part(subject), part(detail))
}

/// Whether `host` is the domain `suffix` or inside it, ignoring ASCII case.
fn host_within(host: &str, suffix: &str) -> bool {
    let Some(head_len) = host.len().checked_sub(suffix.len()) else {
        return false;
    };
    let (head, tail) = host.as_bytes().split_at(head_len);
    tail.eq_ignore_ascii_case(suffix.as_bytes()) && (head.is_empty() || head.ends_with(b"."))
}

/// The text the rules are matched against, before lowering: every line without the enhanced
/// code that starts it and the blanks after that, the lines joined by single spaces.
fn joined_text(reply: &Reply<'_>) -> String {
    let lines: Vec<String> = reply
        .lines()
        .map(|line| {
            let line = String::from_utf8_lossy(line);
            match EnhancedCode::parse_prefix(&line) {
                Some((_, rest)) => rest.trim_start_matches([' ', '\t']).to_owned(),
                None => line.into_owned(),
            }
        })
        .collect();
    lines.join(" ")
}

/// A rule's example as wire bytes: its lines with CRLF, the last one's separator a space.
fn wire(example: &str) -> Vec<u8> {
    let lines: Vec<&str> = example.split('\n').collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (code, rest) = line.split_at(3);
        let text = rest.strip_prefix([' ', '-']).unwrap_or(rest);
        let separator = if i + 1 == lines.len() { ' ' } else { '-' };
        out.extend_from_slice(format!("{code}{separator}{text}\r\n").as_bytes());
    }
    out
}

fn workspace_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// Asserts that the peer and `diagnose_with` choose the same rule for `reply`.
fn check_same(peer: &RegexRules, reply: &Reply<'_>, known: Known<'_>, what: &str) {
    let ours = reply.diagnose_with(&known.context()).rule();
    let theirs = peer.diagnose(reply, &joined_text(reply), known);
    assert_eq!(
        ours, theirs,
        "{what} ({:?}, host {:?})",
        known.stage, known.host
    );
}

/// The checks of the module docs, once and untimed; returns how many replies were compared.
fn check_everything(peer: &RegexRules, rows: &[RuleRow]) -> usize {
    let mut compared = 0;
    for row in rows {
        if !row.example.starts_with(|c: char| c.is_ascii_digit()) {
            continue; // a text from a bounce message, not a reply
        }
        let bytes = wire(&row.example);
        let (reply, _) = Reply::parse(&bytes).expect("the example parses");
        check_same(peer, &reply, Known::default(), &row.id);
        let own = Known {
            stage: row.stage.as_deref().map(|v| v.parse().unwrap()),
            host: row.host.first().map(String::as_str),
        };
        check_same(peer, &reply, own, &row.id);
        assert_eq!(
            reply.diagnose_with(&own.context()).rule(),
            Some(row.id.as_str()),
            "{}: its example is decided by another rule",
            row.id
        );
        compared += 1;
    }
    assert!(compared > 390, "only {compared} rule examples are replies");

    let mut stages: Vec<Option<Command>> = vec![None];
    for rule in &peer.rules {
        if rule.stage.is_some() && !stages.contains(&rule.stage) {
            stages.push(rule.stage);
        }
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut sessions = 0;
    for server in std::fs::read_dir(&corpus).expect("tests/corpus") {
        let server = server.unwrap().path();
        if !server.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&server).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_none_or(|e| e != "bin") {
                continue;
            }
            sessions += 1;
            let bytes = std::fs::read(&file).unwrap();
            let mut rest = &bytes[..];
            while let Ok((reply, used)) = Reply::parse(rest) {
                for &stage in &stages {
                    let known = Known { stage, host: None };
                    check_same(peer, &reply, known, &file.display().to_string());
                }
                compared += 1;
                rest = &rest[used..];
            }
        }
    }
    assert!(sessions > 100, "only {sessions} captured sessions");
    compared
}

/// One timed reply: its group, its bytes, the command it answered and the rule expected.
#[derive(Debug)]
struct Input {
    group: &'static str,
    bytes: Vec<u8>,
    stage: Option<Command>,
    rule: Option<&'static str>,
}

impl Input {
    /// A benchmark reply that no rule matches, diagnosed knowing nothing else.
    fn reply(group: &'static str, bytes: &[u8]) -> Input {
        Input {
            group,
            bytes: bytes.to_vec(),
            stage: None,
            rule: None,
        }
    }
}

fn diagnose_replies(c: &mut Criterion) {
    let rows = toml::from_str::<RuleFile>(&workspace_file("smtp-codes/rules.toml"))
        .expect("rules.toml reads")
        .rule;
    let peer = RegexRules::new(&rows);
    let compared = check_everything(&peer, &rows);
    eprintln!(
        "diagnose: the RegexSet of {} patterns for {} rules chose diagnose's rule on {compared} replies",
        peer.set.len(),
        peer.rules.len()
    );

    let mut inputs = vec![
        Input::reply("diagnose_one_line_short", ONE_LINE_SHORT),
        Input::reply("diagnose_one_line", ONE_LINE),
        Input::reply("diagnose_three_line_550", THREE_LINE_550),
    ];
    for (group, id, stage) in EXAMPLE_GROUPS {
        let row = rows
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("rules.toml has no rule {id}"));
        inputs.push(Input {
            group,
            bytes: wire(&row.example),
            stage,
            rule: Some(id),
        });
    }

    for input in &inputs {
        let group_name = input.group;
        let (reply, used) = Reply::parse(&input.bytes).expect("the reply parses");
        assert_eq!(
            used,
            input.bytes.len(),
            "{group_name}: the whole input is one reply"
        );
        let known = Known {
            stage: input.stage,
            host: None,
        };
        let context = known.context();
        let text = joined_text(&reply);
        assert_eq!(
            reply.diagnose_with(&context).rule(),
            input.rule,
            "{group_name}"
        );
        assert_eq!(
            peer.diagnose(&reply, &text, known),
            input.rule,
            "{group_name}"
        );

        let mut group = c.benchmark_group(group_name);
        group.bench_function(OURS, |b| {
            b.iter(|| black_box(&reply).diagnose_with(black_box(&context)))
        });
        group.bench_function(OURS_PARSE, |b| {
            b.iter(|| Reply::parse(black_box(input.bytes.as_slice())))
        });
        group.bench_function(PEER, |b| {
            b.iter(|| peer.diagnose(black_box(&reply), black_box(&text), black_box(known)))
        });
        group.finish();
    }
}

fn config() -> Criterion {
    // Modest times: the machine has two shared cores.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = diagnose_replies
}
criterion_main!(benches);
