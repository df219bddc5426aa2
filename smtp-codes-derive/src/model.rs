//! Stage 3: typed rows from the TOML tree, each value keeping the byte range it came from.
//!
//! This stage checks shape only (known keys, required keys, value types). Whether the values make
//! sense together is the validator's job.

use std::ops::Range;

use smtp_codes_data::row::{Row, array_of_tables};
use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::Problems;

pub use smtp_codes_data::row::Located;

/// An entry of one of the small numbered tables: `[[category]]` (a reply's first digit),
/// `[[enhanced_class]]` and `[[enhanced_subject]]` (the first and middle numbers of an enhanced
/// status code).
#[derive(Debug)]
pub struct NumberedRow {
    pub number: Located<i64>,
    pub variant: Located<String>,
    pub name: Located<String>,
    pub description: Located<String>,
}

/// A `[[command]]` entry: something a client does that a server answers.
#[derive(Debug)]
pub struct CommandRow {
    pub verb: Located<String>,
    pub variant: Located<String>,
    pub name: Located<String>,
    pub description: Located<String>,
    pub pseudo: bool,
    pub rfcs: Vec<Located<i64>>,
}

/// A `[[reply]]` entry: one reply code.
#[derive(Debug)]
pub struct ReplyRow {
    pub header: Range<usize>,
    pub code: Located<i64>,
    pub variant: Located<String>,
    pub name: Located<String>,
    pub description: Located<String>,
    pub when: Located<String>,
    pub remediation: Located<String>,
    /// A few words on what it means, for one-line output (`--short`): optional.
    pub summary: Option<Located<String>>,
    /// A few words on what to do, for one-line output: optional.
    pub quick_fix: Option<Located<String>>,
    pub triggers: Vec<Located<String>>,
    pub standard: bool,
    pub rfcs: Vec<Located<i64>>,
    /// The token of the reason a reply with this code has when no rule says more.
    pub reason: Option<Located<String>>,
    /// Other reply codes people confuse with this one (`214` and `250`): optional, and one
    /// side of a pair is enough.
    pub related: Vec<Located<i64>>,
}

/// An `[[enhanced]]` entry: one registered enhanced status code, written `X.<subject>.<detail>`.
#[derive(Debug)]
pub struct EnhancedRow {
    pub header: Range<usize>,
    pub code: Located<String>,
    pub variant: Located<String>,
    pub name: Located<String>,
    pub description: Located<String>,
    pub when: Located<String>,
    pub remediation: Located<String>,
    /// A few words on what it means, for one-line output (`--short`): optional.
    pub summary: Option<Located<String>>,
    /// A few words on what to do, for one-line output: optional.
    pub quick_fix: Option<Located<String>>,
    pub classes: Vec<Located<i64>>,
    pub basic: Vec<Located<i64>>,
    pub rfcs: Vec<Located<i64>>,
    /// A reference that is not an RFC, such as an Internet-Draft.
    pub reference: Option<Located<String>>,
    /// The token of the reason of a failure (class 4 or 5) with this code when no rule says more.
    pub reason: Option<Located<String>>,
}

/// A `[[reason]]` entry: why a message was not delivered, in Sisimai's vocabulary.
#[derive(Debug)]
pub struct ReasonRow {
    pub token: Located<String>,
    pub variant: Located<String>,
    pub name: Located<String>,
    pub description: Located<String>,
    pub remediation: Located<String>,
    /// A few words on what it means, for one-line output (`--short`): optional.
    pub summary: Option<Located<String>>,
    /// A few words on what to do, for one-line output: optional.
    pub quick_fix: Option<Located<String>>,
    pub hard_bounce: bool,
    pub disposition: Located<String>,
}

/// Every complete row of the data, in file order.
#[derive(Debug, Default)]
pub struct Codes {
    pub categories: Vec<NumberedRow>,
    pub commands: Vec<CommandRow>,
    pub replies: Vec<ReplyRow>,
    pub classes: Vec<NumberedRow>,
    pub subjects: Vec<NumberedRow>,
    pub enhanced: Vec<EnhancedRow>,
    /// Optional: the data may have no reasons at all (then no row may name one).
    pub reasons: Vec<ReasonRow>,
    /// What names the rows left out for their shape, where it could be read.
    pub left_out: LeftOut,
}

impl Codes {
    /// Whether the data has a `[[reason]]` table, counting entries left out for their shape.
    pub fn has_reasons(&self) -> bool {
        !self.reasons.is_empty() || !self.left_out.reasons.is_empty()
    }
}

/// The numbers and verbs of rows that were left out for a missing or mistyped key. Other rows
/// name rows by these; a reference to one was already answered by the row's own problem, so
/// validation does not report it again.
#[derive(Debug, Default)]
pub struct LeftOut {
    pub categories: Vec<i64>,
    pub commands: Vec<String>,
    pub replies: Vec<i64>,
    pub classes: Vec<i64>,
    pub subjects: Vec<i64>,
    pub reasons: Vec<String>,
}

const TABLES: [&str; 7] = [
    "category",
    "command",
    "reply",
    "enhanced_class",
    "enhanced_subject",
    "enhanced",
    "reason",
];
/// The tables the data may leave out.
const OPTIONAL_TABLES: [&str; 1] = ["reason"];
const REASON_KEYS: [&str; 9] = [
    "token",
    "variant",
    "name",
    "description",
    "remediation",
    "summary",
    "quick_fix",
    "hard_bounce",
    "disposition",
];
const ENHANCED_KEYS: [&str; 13] = [
    "code",
    "variant",
    "name",
    "description",
    "when",
    "remediation",
    "summary",
    "quick_fix",
    "classes",
    "basic",
    "rfcs",
    "reference",
    "reason",
];
const COMMAND_KEYS: [&str; 6] = ["verb", "variant", "name", "description", "pseudo", "rfcs"];
const REPLY_KEYS: [&str; 13] = [
    "code",
    "variant",
    "name",
    "description",
    "when",
    "remediation",
    "summary",
    "quick_fix",
    "triggers",
    "standard",
    "rfcs",
    "reason",
    "related",
];

/// Builds the rows. A row with a missing or mistyped key is left out; its problems are reported.
pub fn build(document: &Spanned<DeTable<'_>>, problems: &mut Problems) -> Codes {
    let mut codes = Codes::default();
    for (key, value) in document.get_ref() {
        let name: &str = key.get_ref();
        if !TABLES.contains(&name) {
            problems.report(
                key.span(),
                format!(
                    "unknown table `{name}`; expected one of: {}",
                    TABLES.map(|t| format!("`[[{t}]]`")).join(", ")
                ),
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
            let mut row = Row::new(name, entry, problems, expected_number);
            match name {
                "category" => keep(
                    numbered(&mut row, "digit"),
                    row.peek_integer("digit"),
                    &mut codes.categories,
                    &mut codes.left_out.categories,
                ),
                "command" => keep(
                    command(&mut row),
                    row.peek_string("verb"),
                    &mut codes.commands,
                    &mut codes.left_out.commands,
                ),
                "reply" => keep(
                    reply(&mut row),
                    row.peek_integer("code"),
                    &mut codes.replies,
                    &mut codes.left_out.replies,
                ),
                "enhanced_class" => keep(
                    numbered(&mut row, "class"),
                    row.peek_integer("class"),
                    &mut codes.classes,
                    &mut codes.left_out.classes,
                ),
                "enhanced_subject" => keep(
                    numbered(&mut row, "subject"),
                    row.peek_integer("subject"),
                    &mut codes.subjects,
                    &mut codes.left_out.subjects,
                ),
                "reason" => keep(
                    reason(&mut row),
                    row.peek_string("token"),
                    &mut codes.reasons,
                    &mut codes.left_out.reasons,
                ),
                // No row names an enhanced code, so there is nothing to remember.
                _ => codes.enhanced.extend(enhanced(&mut row)),
            }
        }
    }
    for table in TABLES.into_iter().filter(|t| !OPTIONAL_TABLES.contains(t)) {
        if !document.get_ref().keys().any(|k| k.get_ref() == table) {
            problems.report(
                0..0,
                format!("missing `[[{table}]]` entries: the data needs at least one"),
            );
        }
    }
    codes
}

/// Keeps a built row, or remembers what names the row that could not be built.
fn keep<R, K>(built: Option<R>, key: Option<K>, rows: &mut Vec<R>, left_out: &mut Vec<K>) {
    match built {
        Some(row) => rows.push(row),
        None => left_out.extend(key),
    }
}

/// A numbered entry whose number is under `key` (`digit`, `class` or `subject`).
fn numbered(row: &mut Row<'_, '_>, key: &str) -> Option<NumberedRow> {
    row.only(&[key, "variant", "name", "description"]);
    let number = row.integer(key);
    let variant = row.string("variant");
    let name = row.string("name");
    let description = row.string("description");
    Some(NumberedRow {
        number: number?,
        variant: variant?,
        name: name?,
        description: description?,
    })
}

fn command(row: &mut Row<'_, '_>) -> Option<CommandRow> {
    row.only(&COMMAND_KEYS);
    let verb = row.string("verb");
    let variant = row.string("variant");
    let name = row.string("name");
    let description = row.string("description");
    let pseudo = row.optional_boolean("pseudo");
    let rfcs = row.integers("rfcs");
    Some(CommandRow {
        verb: verb?,
        variant: variant?,
        name: name?,
        description: description?,
        pseudo: pseudo?.unwrap_or(false),
        rfcs: rfcs?,
    })
}

fn reply(row: &mut Row<'_, '_>) -> Option<ReplyRow> {
    row.only(&REPLY_KEYS);
    let code = row.integer("code");
    let variant = row.string("variant");
    let name = row.string("name");
    let description = row.string("description");
    let when = row.string("when");
    let remediation = row.string("remediation");
    let summary = row.optional_string("summary");
    let quick_fix = row.optional_string("quick_fix");
    let triggers = row.strings("triggers");
    let standard = row.boolean("standard");
    let rfcs = row.integers("rfcs");
    let reason = row.optional_string("reason");
    let related = row.optional_integers("related");
    Some(ReplyRow {
        header: row.header(),
        code: code?,
        variant: variant?,
        name: name?,
        description: description?,
        when: when?,
        remediation: remediation?,
        summary: summary?,
        quick_fix: quick_fix?,
        triggers: triggers?,
        standard: standard?,
        rfcs: rfcs?,
        reason: reason?,
        related: related?,
    })
}

fn enhanced(row: &mut Row<'_, '_>) -> Option<EnhancedRow> {
    row.only(&ENHANCED_KEYS);
    let code = row.string("code");
    let variant = row.string("variant");
    let name = row.string("name");
    let description = row.string("description");
    let when = row.string("when");
    let remediation = row.string("remediation");
    let summary = row.optional_string("summary");
    let quick_fix = row.optional_string("quick_fix");
    let classes = row.integers("classes");
    let basic = row.integers("basic");
    let rfcs = row.integers("rfcs");
    let reference = row.optional_string("reference");
    let reason = row.optional_string("reason");
    Some(EnhancedRow {
        header: row.header(),
        code: code?,
        variant: variant?,
        name: name?,
        description: description?,
        when: when?,
        remediation: remediation?,
        summary: summary?,
        quick_fix: quick_fix?,
        classes: classes?,
        basic: basic?,
        rfcs: rfcs?,
        reference: reference?,
        reason: reason?,
    })
}

fn reason(row: &mut Row<'_, '_>) -> Option<ReasonRow> {
    row.only(&REASON_KEYS);
    let token = row.string("token");
    let variant = row.string("variant");
    let name = row.string("name");
    let description = row.string("description");
    let remediation = row.string("remediation");
    let summary = row.optional_string("summary");
    let quick_fix = row.optional_string("quick_fix");
    let hard_bounce = row.boolean("hard_bounce");
    let disposition = row.string("disposition");
    Some(ReasonRow {
        token: token?,
        variant: variant?,
        name: name?,
        description: description?,
        remediation: remediation?,
        summary: summary?,
        quick_fix: quick_fix?,
        hard_bounce: hard_bounce?,
        disposition: disposition?,
    })
}

/// What a number under `key` must be, for the message when it is too large to read.
fn expected_number(key: &str) -> &'static str {
    match key {
        "code" | "basic" => "a reply code from 200 to 599",
        "digit" => "a category digit: 2, 3, 4 or 5",
        "class" | "classes" => "an enhanced class: 2, 4 or 5",
        "subject" => "a subject number from 0 to 999",
        "rfcs" => "an RFC number from 1 to 65535",
        _ => "a smaller number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;
    use crate::source::Source;

    fn problems(text: &str) -> Vec<String> {
        let source = Source::inline(text);
        let document = parse(&source).expect("valid TOML");
        let mut problems = Problems::default();
        build(&document, &mut problems);
        problems
            .into_sorted()
            .iter()
            .map(|d| d.render(&source))
            .collect()
    }

    const MINIMAL: &str = r#"
[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive Completion"
description = "done"

[[command]]
verb = "NOOP"
variant = "Noop"
name = "No Operation"
description = "nothing"
rfcs = [5321]

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

[[enhanced_subject]]
subject = 0
variant = "Other"
name = "Other or Undefined Status"
description = "Nothing more specific."

[[enhanced]]
code = "X.0.0"
variant = "OtherUndefinedStatus"
name = "Other undefined Status"
description = "Only the class is known."
when = "Anywhere."
remediation = "Read the text."
classes = [2]
basic = []
rfcs = [3463]
"#;

    #[test]
    fn a_complete_row_builds_without_problems() {
        let text = format!(
            "{MINIMAL}\n[[reply]]\ncode = 250\nvariant = \"Ok\"\nname = \"OK\"\ndescription = \"d\"\nwhen = \"w\"\nremediation = \"r\"\ntriggers = [\"NOOP\"]\nstandard = true\nrfcs = [5321]\n"
        );
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = build(&document, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(codes.replies.len(), 1);
        assert_eq!(codes.replies[0].code.value, 250);
        assert_eq!(&text[codes.replies[0].code.span.clone()], "250");
        assert_eq!(codes.commands[0].rfcs[0].value, 5321);
        assert!(!codes.commands[0].pseudo);
    }

    #[test]
    fn every_missing_key_and_wrong_type_is_reported() {
        let text = format!(
            "{MINIMAL}\n[[reply]]\ncode = \"250\"\nvariant = \"Ok\"\ncolour = \"green\"\ntriggers = [1]\nstandard = \"yes\"\nrfcs = [5321]\n"
        );
        let found = problems(&text);
        let joined = found.join("\n");
        assert!(
            joined.contains("`code` must be an integer, found a string"),
            "{joined}"
        );
        assert!(joined.contains("unknown key `colour`"), "{joined}");
        for key in ["name", "description", "when", "remediation"] {
            assert!(
                joined.contains(&format!("missing the required key `{key}`")),
                "{joined}"
            );
        }
        assert!(
            joined.contains("each item of `triggers` must be a string, found an integer"),
            "{joined}"
        );
        assert!(
            joined.contains("`standard` must be `true` or `false`, found a string"),
            "{joined}"
        );
        assert_eq!(found.len(), 8, "{joined}");
    }

    #[test]
    fn a_number_too_large_to_read_names_the_range_to_use() {
        let text = format!(
            "{MINIMAL}\n[[reply]]\ncode = 99999999999999999999\nvariant = \"Ok\"\nname = \"OK\"\ndescription = \"d\"\nwhen = \"w\"\nremediation = \"r\"\ntriggers = []\nstandard = true\nrfcs = [5321, 0x7fffffffffffffffff]\n"
        );
        let found = problems(&text);
        assert_eq!(
            found,
            [
                "<inline>:39:8: `code = 99999999999999999999` is out of range: write a reply code from 200 to 599",
                "<inline>:47:15: 0x7fffffffffffffffff in `rfcs` is out of range: write an RFC number from 1 to 65535",
            ]
        );
    }

    #[test]
    fn missing_and_unknown_tables_are_reported() {
        let found = problems("[[replies]]\ncode = 250\n");
        let joined = found.join("\n");
        assert!(
            joined.contains("<inline>:1:3: unknown table `replies`"),
            "{joined}"
        );
        assert!(joined.contains("missing `[[reply]]` entries"), "{joined}");
        assert!(
            joined.contains("missing `[[category]]` entries"),
            "{joined}"
        );
    }
}
