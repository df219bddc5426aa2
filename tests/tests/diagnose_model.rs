//! The matcher against the plain meaning of the rules: for replies made from every rule's
//! example, with the case of their letters changed, text added around them and their text
//! broken into lines, `Reply::diagnose_with` (the built-in tables) and `Rules::diagnose_with`
//! (the same file's tables built at run time) must pick the rule that the model picks, which is
//! the first rule whose conditions (`smtp_codes_data::rules::When::matches`) hold for the
//! reply's normalized text: its lines joined by spaces, their enhanced codes left out, in lower
//! case.

use std::sync::OnceLock;

use proptest::prelude::*;
use smtp_codes::{Command, Context, EnhancedSubject, Reason, Reply, Rules};
use smtp_codes_data::diagnostic::Problems;
use smtp_codes_data::rules::meaning::{Query, normalized_text, parse_example};
use smtp_codes_data::rules::{self, Known};

const RULES: &str = include_str!("../../smtp-codes/rules.toml");

struct FromLibrary;

impl Known for FromLibrary {
    fn is_reason(&self, token: &str) -> bool {
        token.parse::<Reason>().is_ok()
    }

    fn command(&self, verb: &str) -> Option<usize> {
        Command::ALL.iter().position(|c| c.verb() == verb)
    }

    fn is_subject(&self, subject: u16) -> bool {
        EnhancedSubject::from_number(subject).is_some()
    }
}

/// Each rule as the model reads it: its id, its conditions and its example.
struct ModelRule {
    id: String,
    when: rules::When,
    example: String,
}

fn model_rules() -> &'static [ModelRule] {
    static RULES_READ: OnceLock<Vec<ModelRule>> = OnceLock::new();
    RULES_READ.get_or_init(|| {
        let mut problems = Problems::default();
        let file = rules::read(RULES, &mut problems);
        let checked = rules::check(&file, &FromLibrary, &mut problems);
        assert!(problems.is_empty(), "rules.toml has problems");
        checked
            .iter()
            .map(|c| ModelRule {
                id: c.conclusion.id.to_owned(),
                when: c.when.clone(),
                example: c.row.example.value.clone(),
            })
            .collect()
    })
}

fn user_rules() -> &'static Rules {
    static PARSED: OnceLock<Rules> = OnceLock::new();
    PARSED.get_or_init(|| Rules::parse(RULES, "rules.toml").unwrap())
}

/// The model's rule for a failure with these lines (each the text after `NNN-`/`NNN `).
fn model(
    code: u16,
    lines: &[String],
    stage: Option<usize>,
    host: Option<&str>,
) -> Option<&'static str> {
    let enhanced = lines
        .first()
        .and_then(|l| rules::meaning::enhanced_prefix(l))
        .map(|(e, _)| e);
    let text = normalized_text(lines.iter().map(String::as_str));
    let query = Query {
        code: Some(code),
        enhanced,
        text: &text,
        stage,
        hosts: [host, None],
    };
    model_rules()
        .iter()
        .find(|r| r.when.matches(&query))
        .map(|r| r.id.as_str())
}

/// A reply's lines made from an example's text: letters' case changed where `flips` says,
/// `before` and `after` added, broken where `breaks` says, each line after the first starting
/// with the enhanced code again when `repeat` is set.
fn lines_of(
    text: &str,
    flips: &[bool],
    before: &str,
    after: &str,
    breaks: &[usize],
    repeat: bool,
) -> Vec<String> {
    let (prefix, rest) = match rules::meaning::enhanced_prefix(text) {
        Some((_, rest)) => (&text[..text.len() - rest.len()], rest),
        None => ("", text),
    };
    let body: String = format!("{before}{rest}{after}")
        .chars()
        .zip(flips.iter().cycle())
        .map(|(c, &flip)| match (flip, c.is_ascii_lowercase()) {
            (false, _) => c,
            (true, true) => c.to_ascii_uppercase(),
            (true, false) => c.to_ascii_lowercase(),
        })
        .collect();
    let mut cuts: Vec<usize> = breaks
        .iter()
        .map(|&b| b % (body.len() + 1))
        .filter(|&b| body.is_char_boundary(b))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut lines = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([body.len()]) {
        let piece = &body[from..cut];
        let lead = if lines.is_empty() || repeat {
            prefix
        } else {
            ""
        };
        lines.push(format!("{lead}{piece}"));
        from = cut;
    }
    lines
}

fn wire(code: u16, lines: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let sep = if i + 1 == lines.len() { ' ' } else { '-' };
        out.extend_from_slice(format!("{code}{sep}{line}\r\n").as_bytes());
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_matcher_picks_the_models_rule(
        rule in 0usize..1000,
        flips in proptest::collection::vec(any::<bool>(), 1..40),
        before in "[a-zA-Z0-9 .:;\\[\\]<>@-]{0,30}",
        after in "[a-zA-Z0-9 .:;\\[\\]<>@-]{0,300}",
        breaks in proptest::collection::vec(any::<usize>(), 0..4),
        repeat in any::<bool>(),
        stage in proptest::option::of(0usize..Command::ALL.len()),
        host_of_rule in any::<bool>(),
    ) {
        let rules = model_rules();
        let r = &rules[rule % rules.len()];
        let Some(example) = parse_example(&r.example) else { return Ok(()) };
        let Some(code) = example.code else { return Ok(()) };
        // The example's first line as written, the text after its code.
        let first = r.example.split('\n').next().unwrap_or("");
        let text = first.get(4..).unwrap_or("");
        let lines = lines_of(text, &flips, &before, &after, &breaks, repeat);
        let bytes = wire(code, &lines);
        let Ok((reply, used)) = Reply::parse(&bytes) else { return Ok(()) };
        prop_assert_eq!(used, bytes.len());
        let host = host_of_rule.then(|| r.when.hosts.first().map(String::as_str)).flatten();
        let mut context = Context::new();
        if let Some(s) = stage {
            context = context.command(Command::ALL[s]);
        }
        if let Some(h) = host {
            context = context.host(h);
        }
        let expected = model(code, &lines, stage, host);
        prop_assert_eq!(reply.diagnose_with(&context).rule(), expected, "{:?}", lines);
        prop_assert_eq!(user_rules().diagnose_with(&reply, &context).rule(), expected, "{:?}", lines);
    }
}
