//! The text of the data, its name for messages, and how a byte offset becomes `name:line:column`.

use std::path::PathBuf;

/// The text of the data and how to name it in messages.
#[derive(Debug)]
pub struct Source {
    /// The name used in messages: the path as the user wrote it, or `<inline>`.
    pub name: String,
    /// The absolute path, when the data came from a file (for rebuilds).
    pub path: Option<PathBuf>,
    pub text: String,
}

impl Source {
    pub fn inline(text: &str) -> Self {
        Source {
            name: "<inline>".to_owned(),
            path: None,
            text: text.to_owned(),
        }
    }

    /// `name:line:column` for a byte offset; lines and columns count from 1, columns in characters.
    pub fn position(&self, offset: usize) -> String {
        let (line, column) = line_column(&self.text, offset);
        format!("{}:{line}:{column}", self.name)
    }
}

/// The line and column of a byte offset in `text`, both counted from 1, the column in
/// characters. An offset past the end or inside a character is moved back to a boundary.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let source = Source::inline("a = 1\nbé = 2\n");
        assert_eq!(source.position(0), "<inline>:1:1");
        assert_eq!(source.position(6), "<inline>:2:1");
        // 'é' is two bytes but one column.
        assert_eq!(source.position(9), "<inline>:2:3");
        // Offsets past the end and inside a character stay in range.
        assert_eq!(source.position(100), "<inline>:3:1");
        assert_eq!(source.position(8), "<inline>:2:2");
    }
}
