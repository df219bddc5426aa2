//! How output looks and is written: colour only on a terminal and never with `NO_COLOR`,
//! lines wrapped to the terminal's width, headings in the language asked for, JSON for
//! `--json`.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;
use smtp_codes::Disposition;
use unicode_width::UnicodeWidthStr;

use crate::failure::{Failure, write_failure};
use crate::labels::{self, Label, Lang};

/// Colour, width and the language of the headings for text output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

/// What the user chose with `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The width used when standard output is not a terminal.
const DEFAULT_WIDTH: usize = 100;

impl Style {
    /// The style for standard output, with headings in `lang`.
    pub fn detect(choice: ColorChoice, lang: Lang) -> Style {
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        // https://no-color.org: any non-empty value turns colour off.
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        let width = terminal_size::terminal_size_of(&stdout)
            .map(|(w, _)| usize::from(w.0))
            .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
            .unwrap_or(DEFAULT_WIDTH)
            .clamp(40, 200);
        Style { color, width, lang }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// A disposition in the colour of its urgency.
    pub fn disposition(&self, disposition: Disposition) -> String {
        self.in_colour_of(disposition, &disposition.to_string())
    }

    /// `text` in the colour of `disposition`'s urgency.
    pub fn in_colour_of(&self, disposition: Disposition, text: &str) -> String {
        let code = match disposition {
            Disposition::Success => "32",
            Disposition::Intermediate => "36",
            Disposition::RetryLater => "33",
            Disposition::GiveUp => "31",
        };
        self.paint(code, text)
    }

    /// `label` in the language of the headings.
    pub fn label(&self, label: Label) -> &'static str {
        label.text(self.lang)
    }

    /// A field whose heading is `label`, in the language of the headings.
    pub fn heading(&self, label: Label, text: &str) -> String {
        self.field(self.label(label), text)
    }

    /// `label: text`, the text wrapped to the width and indented under its start; the indent
    /// is the same for every heading of the language, counted in terminal cells.
    pub fn field(&self, label: &str, text: &str) -> String {
        let indent = labels::indent(self.lang).max(label.width() + 1);
        let head = pad(label, indent);
        let lines = wrap(text, self.width.saturating_sub(indent).max(20));
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(&self.dim(&head));
            } else {
                out.push_str(&" ".repeat(indent));
            }
            out.push_str(line);
            out.push('\n');
        }
        if lines.is_empty() {
            out.push_str(&self.dim(head.trim_end()));
            out.push('\n');
        }
        out
    }
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word gets a line
/// of its own).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = if line.is_empty() { 0 } else { 1 } + word.chars().count();
        if !line.is_empty() && line.chars().count() + needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` padded with spaces to `width` terminal cells.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// `text` cut to at most `width` terminal cells, with `…` marking the cut. A wide character
/// that would straddle the edge is left out whole.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cells = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cells + 1 > width {
            break;
        }
        used += cells;
        out.push(c);
    }
    out.push('…');
    out
}

/// A disposition in JSON output: its [`disposition_key`].
pub fn json_disposition<S: serde::Serializer>(
    disposition: &Disposition,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(disposition_key(*disposition))
}

/// An optional disposition in JSON output: its [`disposition_key`] or null.
pub fn json_optional_disposition<S: serde::Serializer>(
    disposition: &Option<Disposition>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match disposition {
        Some(disposition) => json_disposition(disposition, serializer),
        None => serializer.serialize_none(),
    }
}

/// How bad a disposition is, worst first: the order of `scan`'s and `bounce`'s summaries.
pub fn severity(disposition: Disposition) -> u8 {
    match disposition {
        Disposition::GiveUp => 0,
        Disposition::RetryLater => 1,
        Disposition::Intermediate => 2,
        Disposition::Success => 3,
    }
}

/// `"s"` after a count other than one: `1 message`, `2 messages`.
pub fn plural(count: u64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The name of a disposition in JSON output.
pub fn disposition_key(disposition: Disposition) -> &'static str {
    match disposition {
        Disposition::Success => "success",
        Disposition::Intermediate => "intermediate",
        Disposition::RetryLater => "retry_later",
        Disposition::GiveUp => "give_up",
    }
}

/// Writes `value` to standard output as pretty JSON and a line end.
pub fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|err| write_failure(err.into()))?;
    writeln!(out).map_err(write_failure)
}

/// Writes `text` to standard output.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(write_failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_every_word_within_the_width() {
        let text = "the quick brown fox jumps over the lazy dog";
        let lines = wrap(text, 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(
            wrap("supercalifragilistic x", 5),
            ["supercalifragilistic", "x"]
        );
    }

    #[test]
    fn truncate_counts_terminal_cells() {
        assert_eq!(truncate("abcdef", 10), "abcdef");
        assert_eq!(truncate("abcdef", 4), "abc…");
        // Each of these takes two cells.
        let wide = "日本語のテキスト";
        assert_eq!(wide.width(), 16);
        let cut = truncate(wide, 7);
        assert_eq!(cut, "日本語…");
        assert!(cut.width() <= 7);
        let emoji = "📬📬📬📬";
        assert_eq!(truncate(emoji, 6).width(), 5);
    }

    #[test]
    fn pad_counts_terminal_cells() {
        assert_eq!(pad("日本", 6), "日本  ");
        assert_eq!(pad("ab", 6).width(), 6);
        assert_eq!(pad("abcdefgh", 6), "abcdefgh");
    }
}
