//! The translations file, `labels.toml`: the fixed labels of the tool's output (card headings,
//! the site's headings and navigation) in each language it speaks.
//!
//! The stages, as for the rule file: [`read`] turns the TOML into [`LabelFile`] rows that keep
//! their positions (shape only: tables, strings); [`check`] applies every rule of the format and
//! gives the [`Checked`] languages, each with its text for every label. Every problem goes into
//! one [`Problems`] collector, so one build lists them all.
//!
//! # The format
//!
//! One table a language, named by its BCP 47 tag (`[de]`, `[zh-CN]`), in the order the
//! languages are listed. Each table holds `name` (the language's name in itself, such as
//! `"Deutsch"`), `dir` (`"ltr"`, or `"rtl"` for a language written right to left) and one
//! string a label, keyed in `snake_case`. The first table is the reference: every other table
//! has exactly its labels, none of them empty.

mod check;

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Problems;
use crate::row::{Located, describe, located};
use crate::source::Source;

pub use check::{Checked, Dir, Language, check};

/// The rows of a translations file, in file order, as written.
#[derive(Debug, Default)]
pub struct LabelFile {
    pub languages: Vec<LanguageRow>,
}

/// One language's table.
#[derive(Debug)]
pub struct LanguageRow {
    /// The table's name, spanning the name in its header.
    pub tag: Located<String>,
    /// `None` when missing or not a string (reported).
    pub name: Option<Located<String>>,
    /// `None` when missing or not a string (reported).
    pub dir: Option<Located<String>>,
    /// The labels, in file order; those that are not strings are left out (reported).
    pub labels: Vec<LabelRow>,
}

/// One label of a language: its key and its text.
#[derive(Debug)]
pub struct LabelRow {
    pub key: Located<String>,
    pub text: Located<String>,
}

/// The keys of a language's table that are not labels.
pub const IDENTITY_KEYS: [&str; 2] = ["name", "dir"];

/// Reads the rows of a translations file, in file order. Syntax errors are reported alone, and
/// there are no rows then; a table that is defined twice is named as a duplicate language.
pub fn read(source: &Source, problems: &mut Problems) -> Option<LabelFile> {
    let document = match crate::row::parse(&source.text) {
        Ok(document) => document,
        Err(diagnostic) => {
            let message =
                duplicate_language(source, &diagnostic.span).unwrap_or(diagnostic.message);
            problems.report(diagnostic.span, message);
            return None;
        }
    };
    let mut file = LabelFile::default();
    for (key, value) in in_file_order(document.get_ref()) {
        let tag = Located {
            value: key.get_ref().to_string(),
            span: key.span(),
        };
        match value.get_ref().as_table() {
            Some(table) => file.languages.push(language(tag, table, problems)),
            None => problems.report(
                tag.span,
                format!(
                    "`{}` must be a language's table, found {}: write its labels under `[{}]`",
                    tag.value,
                    describe(value.get_ref()),
                    tag.value
                ),
            ),
        }
    }
    Some(file)
}

/// For a TOML error at `span`: whether it is a table header `[de]` that an earlier line has
/// already, and then the message that says so. (A label written twice in one table stays a
/// plain TOML error.)
fn duplicate_language(source: &Source, span: &Range<usize>) -> Option<String> {
    let text = &source.text;
    let written = header_name(text, span.start)?;
    let error_line = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_start = 0;
    for line in text[..error_line].split_inclusive('\n') {
        let name_start = line_start + line.find('[').unwrap_or(0) + 1;
        if header_name(text, name_start) == Some(written) {
            return Some(format!(
                "duplicate language `{written}`: each language has one table (first defined at {})",
                source.position(name_start)
            ));
        }
        line_start += line.len();
    }
    None
}

/// The name of the table whose header `[name]` has its name start at `at`.
fn header_name(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if before[line_start..].trim() != "[" {
        return None;
    }
    let rest = &text[at..];
    let name = &rest[..rest.find(']')?];
    (!name.is_empty() && !name.contains(['[', '\n'])).then_some(name.trim())
}

/// A table's entries in the order they are written (the parser keeps them sorted by key).
fn in_file_order<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

fn language(tag: Located<String>, table: &DeTable<'_>, problems: &mut Problems) -> LanguageRow {
    let mut row = LanguageRow {
        tag,
        name: None,
        dir: None,
        labels: Vec::new(),
    };
    for (key, value) in in_file_order(table) {
        let name: &str = key.get_ref();
        let Some(text) = value.get_ref().as_str() else {
            problems.report(
                value.span(),
                format!(
                    "`{name}` in `[{}]` must be a string, found {}",
                    row.tag.value,
                    describe(value.get_ref())
                ),
            );
            continue;
        };
        let text = located(text.to_owned(), value);
        match name {
            "name" => row.name = Some(text),
            "dir" => row.dir = Some(text),
            _ => row.labels.push(LabelRow {
                key: Located {
                    value: name.to_owned(),
                    span: key.span(),
                },
                text,
            }),
        }
    }
    for (key, slot) in IDENTITY_KEYS.iter().zip([&row.name, &row.dir]) {
        if slot.is_none() && !table.iter().any(|(k, _)| k.get_ref() == *key) {
            problems.report(
                row.tag.span.clone(),
                format!(
                    "`[{}]` is missing the required key `{key}`{}",
                    row.tag.value,
                    match *key {
                        "name" => ": the language's name in itself, such as `name = \"Deutsch\"`",
                        _ => ": `dir = \"ltr\"`, or `\"rtl\"` for a language written right to left",
                    }
                ),
            );
        }
    }
    row
}

impl LanguageRow {
    /// The label under `key`, if the table has it.
    pub fn label(&self, key: &str) -> Option<&LabelRow> {
        self.labels.iter().find(|l| l.key.value == key)
    }
}
