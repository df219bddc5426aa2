//! A problem found in the data, with the byte range it points at.

use std::ops::Range;

use crate::load::Source;

/// One problem in the data. Rendered as `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Range<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
        }
    }

    pub fn render(&self, source: &Source) -> String {
        format!("{}: {}", source.position(self.span.start), self.message)
    }
}
