//! Where each page of the site lives, inside a language's folder, and the links between them.

use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

/// A reply code's page: `code/550.html`.
pub fn code(code: ReplyCode) -> String {
    format!("code/{}.html", code.code())
}

/// An enhanced code's page, for all its classes: `enhanced/X.1.1.html`.
pub fn enhanced(status: EnhancedStatus) -> String {
    format!("enhanced/{}.html", any_class(status))
}

/// A reason's page: `reason/userunknown.html`.
pub fn reason(reason: Reason) -> String {
    format!("reason/{}.html", reason.token())
}

/// Two related reply codes side by side: `compare/214-250.html`, the lower first.
pub fn pair(a: ReplyCode, b: ReplyCode) -> String {
    let (low, high) = if a.code() <= b.code() { (a, b) } else { (b, a) };
    format!("compare/{}-{}.html", low.code(), high.code())
}

/// A reply code with one of its enhanced codes: `compare/550-X.1.1.html`.
pub fn with_enhanced(code: ReplyCode, status: EnhancedStatus) -> String {
    format!("compare/{}-{}.html", code.code(), any_class(status))
}

/// `X.1.1`.
pub fn any_class(status: EnhancedStatus) -> String {
    status.any_class().to_string()
}

/// Every pair of related reply codes, once each, lower code first.
pub fn related_pairs() -> Vec<(ReplyCode, ReplyCode)> {
    let mut pairs = Vec::new();
    for &code in ReplyCode::ALL {
        for &other in code.related() {
            if code.code() < other.code() {
                pairs.push((code, other));
            }
        }
    }
    pairs
}

/// Every reply code with each enhanced code the registry associates with it.
pub fn enhanced_pairs() -> Vec<(ReplyCode, EnhancedStatus)> {
    ReplyCode::ALL
        .iter()
        .flat_map(|&code| code.enhanced_codes().iter().map(move |&s| (code, s)))
        .collect()
}
