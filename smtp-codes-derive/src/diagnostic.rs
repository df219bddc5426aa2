//! A problem found in the data, with the byte range it points at.

use std::ops::Range;

use crate::source::Source;

/// One problem in the data. Rendered as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Range<usize>,
    pub message: String,
    /// The row the span points into cannot be generated (a bad variant name, a number that is
    /// not unique, a link that does not resolve), so the stand-in emitted with the errors
    /// leaves it out. Other problems, such as empty text, leave the row usable.
    pub excludes_row: bool,
}

impl Diagnostic {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            excludes_row: false,
        }
    }

    /// A problem that keeps the row it points into from being generated.
    pub fn excluding(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            excludes_row: true,
            ..Diagnostic::new(span, message)
        }
    }

    pub fn render(&self, source: &Source) -> String {
        format!("{}: {}", source.position(self.span.start), self.message)
    }
}
