//! The search index: every entry's id, name, summary and words, as a script that sets
//! `SMTP_CODES_INDEX`, so that the search works from `file://` too, where a page may not fetch
//! a JSON file.

use serde::Serialize;
use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

use super::paths;

/// One entry as the search script reads it; short keys keep the file small.
#[derive(Serialize)]
struct Entry {
    /// `reply`, `enhanced` or `reason`.
    k: &'static str,
    /// `550`, `X.1.1`, `userunknown`.
    id: String,
    n: &'static str,
    s: &'static str,
    /// Its page, inside a language's folder.
    u: String,
    /// Everything it says, in lower case, for the search.
    t: String,
}

fn words(texts: &[&str]) -> String {
    texts.join(" ").to_lowercase()
}

/// The script, with every entry of the reference.
pub fn index_script() -> String {
    let mut entries = Vec::new();
    for &code in ReplyCode::ALL {
        entries.push(Entry {
            k: "reply",
            id: code.code().to_string(),
            n: code.name(),
            s: code.summary().unwrap_or(""),
            u: paths::code(code),
            t: words(&[
                code.name(),
                code.description(),
                code.when_seen(),
                code.remediation(),
            ]),
        });
    }
    for &status in EnhancedStatus::ALL {
        entries.push(Entry {
            k: "enhanced",
            id: paths::any_class(status),
            n: status.name(),
            s: status.summary().unwrap_or(""),
            u: paths::enhanced(status),
            t: words(&[
                status.name(),
                status.description(),
                status.when_seen(),
                status.remediation(),
            ]),
        });
    }
    for &reason in Reason::ALL {
        entries.push(Entry {
            k: "reason",
            id: reason.token().to_owned(),
            n: reason.name(),
            s: reason.summary().unwrap_or(""),
            u: paths::reason(reason),
            t: words(&[reason.name(), reason.description(), reason.remediation()]),
        });
    }
    // The index is a file of its own, never inline in a page: no text in it can end a
    // `<script>` element. Serialising these plain rows cannot fail.
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    format!("window.SMTP_CODES_INDEX = {json};\n")
}
