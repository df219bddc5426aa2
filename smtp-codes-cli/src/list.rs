//! The table of codes (`list`), filtered by category, command or standing.

use serde::Serialize;
use smtp_codes::{Category, Command, EnhancedClass, EnhancedStatus, ReplyCode};
use unicode_width::UnicodeWidthStr;

use crate::failure::Failure;
use crate::output::{Style, pad, print, print_json, truncate};
use crate::query::UsageError;

/// Runs `list` with the filter given.
pub fn run(filter: &Filter, json: bool, style: &Style) -> Result<(), Failure> {
    let rows = filter.rows().map_err(Failure::Usage)?;
    if json {
        print_json(&rows)
    } else if rows.is_empty() {
        print("no code matches these filters\n")
    } else {
        print(&rows.render(style))
    }
}

/// Which codes to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A category digit or name (for `--enhanced`, a class).
    pub category: Option<String>,
    pub command: Option<String>,
    pub standard: Option<bool>,
    pub enhanced: bool,
}

/// A row of the basic-code table.
#[derive(Debug, Clone, Serialize)]
pub struct BasicRow {
    pub code: u16,
    pub name: &'static str,
    pub category: u8,
    pub standard: bool,
    pub triggers: Vec<&'static str>,
}

/// A row of the enhanced-code table.
#[derive(Debug, Clone, Serialize)]
pub struct EnhancedRow {
    pub code: String,
    pub name: &'static str,
    pub classes: Vec<u8>,
    pub basic_codes: Vec<u16>,
}

/// The rows that pass a filter.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Rows {
    Basic(Vec<BasicRow>),
    Enhanced(Vec<EnhancedRow>),
}

/// Finds a digit or a name among `(digit, name)` pairs: the digit itself, or a name containing
/// the words given, ignoring case, `-` and `_`. The error says what is wrong with the value.
fn pick(value: &str, choices: &[(u8, &'static str)], what: &str) -> Result<u8, String> {
    let wanted = value.trim().to_ascii_lowercase().replace(['-', '_'], " ");
    let matches: Vec<u8> = choices
        .iter()
        .filter(|(digit, name)| {
            wanted == digit.to_string() || name.to_ascii_lowercase().contains(&wanted)
        })
        .map(|(digit, _)| *digit)
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => {
            let known: Vec<String> = choices.iter().map(|(d, n)| format!("{d} ({n})")).collect();
            let why = if matches.is_empty() {
                format!("not a {what}")
            } else {
                format!("matches more than one {what}")
            };
            Err(format!("{why}; give one of: {}", known.join(", ")))
        }
    }
}

impl Filter {
    /// The `--category` value among `choices`, if one was given.
    fn pick_category(
        &self,
        choices: &[(u8, &'static str)],
        what: &str,
    ) -> Result<Option<u8>, UsageError> {
        self.category
            .as_deref()
            .map(|value| {
                pick(value, choices, what).map_err(|problem| UsageError {
                    option: Some("--category"),
                    input: Some(value.to_owned()),
                    problem,
                })
            })
            .transpose()
    }

    pub fn rows(&self) -> Result<Rows, UsageError> {
        if self.enhanced {
            return self.enhanced_rows().map(Rows::Enhanced);
        }
        let choices: Vec<(u8, &'static str)> = Category::ALL
            .iter()
            .map(|c| (c.digit(), c.name()))
            .collect();
        let category = self.pick_category(&choices, "category")?;
        let command = match &self.command {
            Some(value) => Some(command(value).ok_or_else(|| {
                let verbs: Vec<&str> = Command::ALL.iter().map(|c| c.verb()).collect();
                UsageError {
                    option: Some("--command"),
                    input: Some(value.clone()),
                    problem: format!("not a command; give one of: {}", verbs.join(", ")),
                }
            })?),
            None => None,
        };
        let rows = ReplyCode::ALL
            .iter()
            .filter(|code| category.is_none_or(|d| code.category().digit() == d))
            .filter(|code| command.is_none_or(|c| code.triggers().contains(&c)))
            .filter(|code| self.standard.is_none_or(|s| code.is_standard() == s))
            .map(|code| BasicRow {
                code: code.code(),
                name: code.name(),
                category: code.category().digit(),
                standard: code.is_standard(),
                triggers: code.triggers().iter().map(|c| c.verb()).collect(),
            })
            .collect();
        Ok(Rows::Basic(rows))
    }

    fn enhanced_rows(&self) -> Result<Vec<EnhancedRow>, UsageError> {
        let choices: Vec<(u8, &'static str)> = EnhancedClass::ALL
            .iter()
            .map(|c| (c.digit(), c.name()))
            .collect();
        let class = self.pick_category(&choices, "class")?;
        Ok(EnhancedStatus::ALL
            .iter()
            .filter(|status| class.is_none_or(|d| status.is_used_with(d)))
            .map(|status| EnhancedRow {
                code: match class {
                    Some(d) => format!("{d}.{}.{}", status.subject(), status.detail()),
                    None => format!("X.{}.{}", status.subject(), status.detail()),
                },
                name: status.name(),
                classes: status.classes().iter().map(|c| c.digit()).collect(),
                basic_codes: match class {
                    Some(d) => status.basic_codes_in_class(d),
                    None => status.basic_codes(),
                }
                .iter()
                .map(|c| c.code())
                .collect(),
            })
            .collect())
    }
}

/// A verb in any case, or one of the two session events with or without its angle brackets
/// (`end-of-data`, `<greeting>`), `_` or a space standing for `-`.
pub fn command(value: &str) -> Option<Command> {
    let bare = |verb: &str| {
        verb.trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .replace(['_', ' '], "-")
    };
    let wanted = bare(value);
    Command::ALL
        .iter()
        .copied()
        .find(|c| bare(c.verb()).eq_ignore_ascii_case(&wanted))
}

impl Rows {
    pub fn is_empty(&self) -> bool {
        match self {
            Rows::Basic(rows) => rows.is_empty(),
            Rows::Enhanced(rows) => rows.is_empty(),
        }
    }

    /// A table that fits `style.width`: the name column takes what the others leave.
    pub fn render(&self, style: &Style) -> String {
        let table: (Vec<&str>, Vec<Vec<String>>) = match self {
            Rows::Basic(rows) => (
                vec!["CODE", "NAME", "CAT", "STD", "REPLIES TO"],
                rows.iter()
                    .map(|r| {
                        vec![
                            r.code.to_string(),
                            r.name.to_owned(),
                            format!("{}yz", r.category),
                            if r.standard { "yes" } else { "no" }.to_owned(),
                            r.triggers.join(" "),
                        ]
                    })
                    .collect(),
            ),
            Rows::Enhanced(rows) => (
                vec!["CODE", "NAME", "CLASSES", "BASIC CODES"],
                rows.iter()
                    .map(|r| {
                        let classes: Vec<String> = r.classes.iter().map(u8::to_string).collect();
                        let basic: Vec<String> = r.basic_codes.iter().map(u16::to_string).collect();
                        vec![
                            r.code.clone(),
                            r.name.to_owned(),
                            classes.join(","),
                            basic.join(" "),
                        ]
                    })
                    .collect(),
            ),
        };
        let (headers, rows) = table;
        let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        // Shrink the last column (a list that can be long), then the name, until it fits.
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * (w.len() - 1);
        let last = widths.len() - 1;
        for (column, least) in [(last, 24), (1, 16), (last, 8)] {
            while total(&widths) > style.width && widths[column] > least {
                widths[column] -= 1;
            }
        }
        let line = |cells: Vec<String>| -> String {
            let mut out: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| pad(&truncate(cell, w), w))
                .collect();
            if let Some(end) = out.last_mut() {
                *end = end.trim_end().to_owned();
            }
            out.join("  ")
        };
        let mut out = style.bold(&line(headers.iter().map(|h| (*h).to_owned()).collect()));
        out.push('\n');
        for row in rows {
            out += &line(row);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_by_digit_or_name() {
        let choices = [
            (4, "Transient Negative Completion"),
            (5, "Permanent Negative Completion"),
        ];
        assert_eq!(pick("4", &choices, "category"), Ok(4));
        assert_eq!(pick("permanent", &choices, "category"), Ok(5));
        assert_eq!(pick("Transient-negative", &choices, "category"), Ok(4));
        assert!(
            pick("negative", &choices, "category")
                .unwrap_err()
                .contains("more than one")
        );
        assert!(
            pick("9", &choices, "category")
                .unwrap_err()
                .starts_with("not a category")
        );
    }

    #[test]
    fn commands_with_or_without_angle_brackets() {
        assert_eq!(command("rcpt"), Some(Command::Rcpt));
        for events in [
            "end-of-data",
            "<end-of-data>",
            "END_OF_DATA",
            " end of data ",
        ] {
            assert_eq!(
                command(events).map(|c| c.verb()),
                Some("<end-of-data>"),
                "{events}"
            );
        }
        assert_eq!(command("greeting").map(|c| c.verb()), Some("<greeting>"));
        assert_eq!(command("frob"), None);
        assert_eq!(command(""), None);
    }
}
