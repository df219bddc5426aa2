//! A problem found in the data, and the one place every stage reports problems into.

use std::ops::Range;

use crate::source::Source;

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

/// Collects the problems of every stage (`model`, then `validate`) so one build lists them all,
/// in the spirit of serde_derive's `Ctxt`. They come out once, sorted by position.
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<Diagnostic>,
}

impl Problems {
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.found.push(Diagnostic::new(span, message));
    }

    /// How many problems were reported so far.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The problems in file order; those at one place keep the order they were found in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| d.span.start);
        self.found
    }
}
