//! How much the `RegexSet` peer of the `diagnose` benchmark depends on what it searched
//! before: the same set (`smtp_codes_bench::regex_set` of the distinct patterns of
//! `rules.toml`, as the benchmark builds it) times `matches` on Gmail's DMARC refusal, once
//! on a set that searched only that text before (20,000 times), once on a new set that first
//! searched every rule's example once. The lazy DFA inside `regex` keeps the states it built,
//! so a set's speed on one text follows its history.
//!
//! ```text
//! cargo run --release -p smtp-codes-bench --example regexset_history
//! ```

use std::hint::black_box;
use std::time::Instant;

use regex::RegexSet;
use smtp_codes_bench::regex_set;

const GMAIL: &str = "Unauthenticated email from domain-name is not accepted due to domain's \
DMARC policy. Contact the administrator of domain-name domain if this was legitimate email.";

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../smtp-codes/rules.toml");
    let rules: toml::Table = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|text| text.parse().map_err(|e: toml::de::Error| e.to_string()))
    {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!("regexset_history: {path}: {e}");
            std::process::exit(1);
        }
    };
    let rows = rules
        .get("rule")
        .and_then(|r| r.as_array())
        .map_or(&[][..], Vec::as_slice);
    let mut patterns: Vec<String> = Vec::new();
    let mut examples: Vec<&str> = Vec::new();
    for row in rows {
        let texts = row.get("text").and_then(|t| t.as_array());
        for text in texts.into_iter().flatten().filter_map(|t| t.as_str()) {
            if !patterns.iter().any(|p| p.eq_ignore_ascii_case(text)) {
                patterns.push(text.to_owned());
            }
        }
        examples.extend(row.get("example").and_then(|e| e.as_str()));
    }
    let build = || regex_set(&patterns);
    println!(
        "{} patterns; ns per RegexSet::matches on Gmail's refusal",
        patterns.len()
    );
    for round in 1..=3 {
        let own = build();
        let own_time = time(&own);
        let seasoned = build();
        for example in &examples {
            black_box(seasoned.matches(example).matched_any());
        }
        let seasoned_time = time(&seasoned);
        println!(
            "round {round}: after only this text {own_time:.0}, after the {} examples first {seasoned_time:.0}",
            examples.len()
        );
    }
}

/// Nanoseconds per search of [`GMAIL`], after 20,000 untimed ones.
fn time(set: &RegexSet) -> f64 {
    for _ in 0..20_000 {
        black_box(set.matches(black_box(GMAIL)).matched_any());
    }
    let runs = 100_000;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(set.matches(black_box(GMAIL)).matched_any());
    }
    start.elapsed().as_nanos() as f64 / f64::from(runs)
}
