//! The search index: every entry's id, name, summary and words, as a script that sets
//! `SMTP_CODES_INDEX`, so that the search works from `file://` too, where a page may not fetch
//! a JSON file.

use serde::Serialize;

use super::paths;
use crate::search::{What, entries};

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

/// The script, with every entry of the reference that `smtp-codes search` reads too.
pub fn index_script() -> String {
    let entries: Vec<Entry> = entries()
        .into_iter()
        .map(|entry| {
            let mut words = vec![entry.name];
            words.extend(entry.texts.iter().map(|&(_, text)| text));
            Entry {
                k: entry.kind,
                u: match entry.what {
                    What::Code(code) => paths::code(code),
                    What::Enhanced(status) => paths::enhanced(status),
                    What::Reason(reason) => paths::reason(reason),
                },
                id: entry.id,
                n: entry.name,
                s: entry.summary.unwrap_or(""),
                t: words.join(" ").to_lowercase(),
            }
        })
        .collect();
    // The index is a file of its own, never inline in a page: no text in it can end a
    // `<script>` element. Serialising these plain rows cannot fail.
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    format!("window.SMTP_CODES_INDEX = {json};\n")
}
