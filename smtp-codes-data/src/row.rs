//! Reading TOML entries that keep their positions: [`Located`] values and the [`Row`] reader,
//! which reports a missing key, an unknown key or a value of the wrong type into [`Problems`]
//! and goes on, so that one pass lists every problem of a file.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Problems;

/// A value and the byte range of its text in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The entries of an array of tables (`[[name]]`), or `None` when the value is something else.
pub fn array_of_tables<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
) -> Option<&'a [Spanned<DeValue<'i>>]> {
    match value.get_ref() {
        DeValue::Array(items) if items.iter().all(|i| i.get_ref().is_table()) => Some(items),
        _ => None,
    }
}

/// Reads one entry's keys, recording every problem it meets.
#[derive(Debug)]
pub struct Row<'a, 'i> {
    /// The table header, such as `[[reply]]`, for messages.
    kind: String,
    header: Range<usize>,
    table: Option<&'a DeTable<'i>>,
    problems: &'a mut Problems,
    /// What a number under a key must be, for the message when it is too large to read.
    ranges: fn(&str) -> &'static str,
}

impl<'a, 'i> Row<'a, 'i> {
    /// Reads `entry`, an entry of `[[table]]`; `ranges` says what a number under a key must be.
    pub fn new(
        table: &str,
        entry: &'a Spanned<DeValue<'i>>,
        problems: &'a mut Problems,
        ranges: fn(&str) -> &'static str,
    ) -> Self {
        Row {
            kind: format!("[[{table}]]"),
            header: entry.span(),
            table: entry.get_ref().as_table(),
            problems,
            ranges,
        }
    }

    /// Where the entry is: its whole table, for problems of the entry as a whole.
    pub fn header(&self) -> Range<usize> {
        self.header.clone()
    }

    /// Reports every key that is not in `keys`.
    pub fn only(&mut self, keys: &[&str]) {
        let Some(table) = self.table else { return };
        for key in table.keys() {
            if !keys.contains(&key.get_ref().as_ref()) {
                self.problems.report(
                    key.span(),
                    format!(
                        "unknown key `{}` in {} entry; expected one of: {}",
                        key.get_ref(),
                        self.kind,
                        keys.join(", ")
                    ),
                );
            }
        }
    }

    /// The value under `key`, read without reporting anything.
    pub fn peek(&self, key: &str) -> Option<&'a DeValue<'i>> {
        let table = self.table?;
        table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v.get_ref())
    }

    pub fn peek_string(&self, key: &str) -> Option<String> {
        self.peek(key)?.as_str().map(str::to_owned)
    }

    pub fn peek_integer(&self, key: &str) -> Option<i64> {
        let integer = self.peek(key)?.as_integer()?;
        i64::from_str_radix(integer.as_str(), integer.radix()).ok()
    }

    pub fn lookup(&mut self, key: &str, required: bool) -> Option<&'a Spanned<DeValue<'i>>> {
        let table = self.table?;
        let found = table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v);
        if found.is_none() && required {
            self.problems.report(
                self.header.clone(),
                format!("{} entry is missing the required key `{key}`", self.kind),
            );
        }
        found
    }

    /// `subject` is what the message names: "`code`" or "each item of `rfcs`".
    pub fn mistyped(&mut self, subject: &str, expected: &str, value: &Spanned<DeValue<'_>>) {
        self.problems.report(
            value.span(),
            format!(
                "{subject} must be {expected}, found {}",
                describe(value.get_ref())
            ),
        );
    }

    pub fn string(&mut self, key: &str) -> Option<Located<String>> {
        let value = self.lookup(key, true)?;
        match value.get_ref().as_str() {
            Some(s) => Some(located(s.to_owned(), value)),
            None => {
                self.mistyped(&format!("`{key}`"), "a string", value);
                None
            }
        }
    }

    /// `Some(None)` when the key is absent, `None` when it is present with the wrong type.
    pub fn optional_string(&mut self, key: &str) -> Option<Option<Located<String>>> {
        match self.lookup(key, false) {
            None => Some(None),
            Some(value) => match value.get_ref().as_str() {
                Some(s) => Some(Some(located(s.to_owned(), value))),
                None => {
                    self.mistyped(&format!("`{key}`"), "a string", value);
                    None
                }
            },
        }
    }

    pub fn integer(&mut self, key: &str) -> Option<Located<i64>> {
        let value = self.lookup(key, true)?;
        self.integer_value(key, false, value)
    }

    /// `item` says whether the value is an item of the array under `key`, for messages.
    pub fn integer_value(
        &mut self,
        key: &str,
        item: bool,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Located<i64>> {
        let Some(integer) = value.get_ref().as_integer() else {
            let subject = if item {
                format!("each item of `{key}`")
            } else {
                format!("`{key}`")
            };
            self.mistyped(&subject, "an integer", value);
            return None;
        };
        match i64::from_str_radix(integer.as_str(), integer.radix()) {
            Ok(n) => Some(located(n, value)),
            // TOML allows any number of digits; one that does not fit in an i64 is far outside
            // every range the data uses, so say which range that is.
            Err(_) => {
                let written = if item {
                    format!("{integer} in `{key}`")
                } else {
                    format!("`{key} = {integer}`")
                };
                self.problems.report(
                    value.span(),
                    format!("{written} is out of range: write {}", (self.ranges)(key)),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let value = self.lookup(key, true)?;
        self.boolean_value(key, value)
    }

    /// `Some(None)` when the key is absent, `None` when it is present with the wrong type.
    pub fn optional_boolean(&mut self, key: &str) -> Option<Option<bool>> {
        match self.lookup(key, false) {
            None => Some(None),
            Some(value) => self.boolean_value(key, value).map(Some),
        }
    }

    pub fn boolean_value(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<bool> {
        let parsed = value.get_ref().as_bool();
        if parsed.is_none() {
            self.mistyped(&format!("`{key}`"), "`true` or `false`", value);
        }
        parsed
    }

    pub fn array(&mut self, key: &str, expected: &str) -> Option<&'a [Spanned<DeValue<'i>>]> {
        let value = self.lookup(key, true)?;
        match value.get_ref().as_array() {
            Some(items) => Some(items),
            None => {
                self.mistyped(&format!("`{key}`"), expected, value);
                None
            }
        }
    }

    pub fn strings(&mut self, key: &str) -> Option<Vec<Located<String>>> {
        let items = self.array(key, "an array of strings")?;
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for item in items {
            match item.get_ref().as_str() {
                Some(s) => out.push(located(s.to_owned(), item)),
                None => {
                    self.mistyped(&format!("each item of `{key}`"), "a string", item);
                    complete = false;
                }
            }
        }
        complete.then_some(out)
    }

    /// `Some(None)` when the key is absent, `None` when it is present with the wrong type.
    pub fn optional_integer(&mut self, key: &str) -> Option<Option<Located<i64>>> {
        match self.lookup(key, false) {
            None => Some(None),
            Some(value) => self.integer_value(key, false, value).map(Some),
        }
    }

    /// An empty list when the key is absent, `None` when it is present with the wrong type.
    pub fn optional_strings(&mut self, key: &str) -> Option<Vec<Located<String>>> {
        if self.lookup(key, false).is_none() {
            return Some(Vec::new());
        }
        self.strings(key)
    }

    /// An empty list when the key is absent, `None` when it is present with the wrong type.
    pub fn optional_integers(&mut self, key: &str) -> Option<Vec<Located<i64>>> {
        if self.lookup(key, false).is_none() {
            return Some(Vec::new());
        }
        self.integers(key)
    }

    pub fn integers(&mut self, key: &str) -> Option<Vec<Located<i64>>> {
        let items = self.array(key, "an array of integers")?;
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for item in items {
            match self.integer_value(key, true, item) {
                Some(n) => out.push(n),
                None => complete = false,
            }
        }
        complete.then_some(out)
    }
}

pub fn located<T>(value: T, from: &Spanned<DeValue<'_>>) -> Located<T> {
    Located {
        value,
        span: from.span(),
    }
}

pub fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Parses `text` as TOML. Syntax errors stop here: the first one is reported.
pub fn parse(text: &str) -> Result<Spanned<DeTable<'_>>, crate::diagnostic::Diagnostic> {
    DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        crate::diagnostic::Diagnostic::new(
            span,
            format!("invalid TOML: {}", e.message().trim_end()),
        )
    })
}
