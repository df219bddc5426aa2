//! The bounce-rule file, `rules.toml`: which reason a failed reply has, from its code, enhanced
//! code, text, the command it answered and who sent it.
//!
//! The stages, as for `codes.toml`: [`read`] turns the TOML into [`RuleFile`] rows that keep
//! their positions (shape only: known keys, types); [`check`] applies every rule of the format
//! and gives the [`Checked`] rules, each a [`When`] (what it matches, in [`meaning`]'s terms)
//! and what it concludes; [`plan`] lays out the tables of the matcher that finds the rules'
//! texts in one pass over a reply. Every problem goes into one [`Problems`] collector.
//!
//! # The format
//!
//! `[[provider]]`: `id` (lower-case letters, digits and `-`), `name`, `hosts` (domain suffixes of
//! its receiving hosts and recipient domains, may be empty) and `link` (https, its own public
//! documentation). `[[rule]]`, tried in file order, the first that matches deciding: `id`,
//! optional `provider`, `reason` (a reason token), then what it matches, all of which must hold:
//! `code` (400 to 599) or `class` (4 or 5), `enhanced` (`"5.7.1"`, `"5.7.*"` or `"5.*.*"`),
//! `text` (substrings, each at least 4 bytes, compared ASCII-case-insensitively), `stage` (the
//! command the reply answered) and `host` (domain suffixes of the remote host or the
//! recipient's domain); and what it says: `note`, `remediation`, `link`, and the `example` reply
//! with its `source`.

mod check;
pub mod meaning;
mod plan;

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::Problems;
use crate::row::{Located, Row, array_of_tables};

pub use check::{Checked, Conclusion, Known, check};
pub use meaning::{EnhancedPattern, When};
pub use plan::{
    Condition, MAX_PATTERNS, MULTIPLIER, PieceTable, Plan, bucket, entry, fold, fold8, hash16,
    key4, key8, plan,
};

/// Plans the matcher for rules that passed [`check`], in their order, with their examples'
/// normalized texts as the sample text [`plan`] weighs pieces by.
pub fn plan_checked(rules: &[Checked<'_>]) -> Result<Plan, String> {
    let whens: Vec<When> = rules.iter().map(|c| c.when.clone()).collect();
    let sample: Vec<String> = rules
        .iter()
        .filter_map(|r| meaning::parse_example(&r.row.example.value))
        .map(|e| e.text)
        .collect();
    plan(&whens, &sample)
}

/// The rows of a rule file, in file order, as written.
#[derive(Debug, Default)]
pub struct RuleFile {
    pub providers: Vec<ProviderRow>,
    pub rules: Vec<RuleRow>,
}

/// A `[[provider]]` entry: a mail provider, filtering service, blocklist or mail server that
/// rules name.
#[derive(Debug)]
pub struct ProviderRow {
    pub header: Range<usize>,
    pub id: Located<String>,
    pub name: Located<String>,
    pub hosts: Vec<Located<String>>,
    pub link: Located<String>,
}

/// A `[[rule]]` entry.
#[derive(Debug)]
pub struct RuleRow {
    pub header: Range<usize>,
    pub id: Located<String>,
    pub provider: Option<Located<String>>,
    pub reason: Located<String>,
    pub code: Option<Located<i64>>,
    pub class: Option<Located<i64>>,
    pub enhanced: Option<Located<String>>,
    pub text: Vec<Located<String>>,
    pub stage: Option<Located<String>>,
    pub host: Vec<Located<String>>,
    pub note: Option<Located<String>>,
    pub remediation: Option<Located<String>>,
    pub link: Option<Located<String>>,
    pub example: Located<String>,
    pub source: Located<String>,
}

const TABLES: [&str; 2] = ["provider", "rule"];
const PROVIDER_KEYS: [&str; 4] = ["id", "name", "hosts", "link"];
const RULE_KEYS: [&str; 14] = [
    "id",
    "provider",
    "reason",
    "code",
    "class",
    "enhanced",
    "text",
    "stage",
    "host",
    "note",
    "remediation",
    "link",
    "example",
    "source",
];

/// Reads the rows of a rule file from its TOML. A row with a missing or mistyped key is left
/// out; its problems are reported. Syntax errors are reported alone.
pub fn read(text: &str, problems: &mut Problems) -> RuleFile {
    let document = match crate::row::parse(text) {
        Ok(document) => document,
        Err(diagnostic) => {
            problems.report(diagnostic.span, diagnostic.message);
            return RuleFile::default();
        }
    };
    rows(&document, problems)
}

fn rows(document: &Spanned<DeTable<'_>>, problems: &mut Problems) -> RuleFile {
    let mut file = RuleFile::default();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        if !TABLES.contains(&name) {
            problems.report(
                key.span(),
                format!("unknown table `{name}`; expected `[[provider]]` or `[[rule]]`"),
            );
            continue;
        }
        let Some(entries) = array_of_tables(value) else {
            problems.report(
                key.span(),
                format!("`{name}` must be an array of tables: write each entry under `[[{name}]]`"),
            );
            continue;
        };
        for entry in entries {
            let mut row = Row::new(name, entry, problems, ranges);
            if name == "provider" {
                file.providers.extend(provider(&mut row));
            } else {
                file.rules.extend(rule(&mut row));
            }
        }
    }
    file
}

fn provider(row: &mut Row<'_, '_>) -> Option<ProviderRow> {
    row.only(&PROVIDER_KEYS);
    let (id, name, hosts, link) = (
        row.string("id"),
        row.string("name"),
        row.strings("hosts"),
        row.string("link"),
    );
    Some(ProviderRow {
        header: row.header(),
        id: id?,
        name: name?,
        hosts: hosts?,
        link: link?,
    })
}

fn rule(row: &mut Row<'_, '_>) -> Option<RuleRow> {
    row.only(&RULE_KEYS);
    // Every key is read before any `?`, so that one build reports all of a row's problems.
    let id = row.string("id");
    let provider = row.optional_string("provider");
    let reason = row.string("reason");
    let code = row.optional_integer("code");
    let class = row.optional_integer("class");
    let enhanced = row.optional_string("enhanced");
    let text = row.optional_strings("text");
    let stage = row.optional_string("stage");
    let host = row.optional_strings("host");
    let note = row.optional_string("note");
    let remediation = row.optional_string("remediation");
    let link = row.optional_string("link");
    let example = row.string("example");
    let source = row.string("source");
    Some(RuleRow {
        header: row.header(),
        id: id?,
        provider: provider?,
        reason: reason?,
        code: code?,
        class: class?,
        enhanced: enhanced?,
        text: text?,
        stage: stage?,
        host: host?,
        note: note?,
        remediation: remediation?,
        link: link?,
        example: example?,
        source: source?,
    })
}

/// What a number under `key` must be, for the message when it is too large to read.
fn ranges(key: &str) -> &'static str {
    match key {
        "code" => "a failure's reply code, from 400 to 599",
        "class" => "a failure's class: 4 or 5",
        _ => "a smaller number",
    }
}
