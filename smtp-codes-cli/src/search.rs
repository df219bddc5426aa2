//! `search WORDS`: the reply codes, enhanced codes and bounce reasons whose name or text holds
//! every word, those that name it first.

use serde::Serialize;
use smtp_codes::{EnhancedCode, EnhancedStatus, Reason, ReplyCode};
use unicode_width::UnicodeWidthStr;

use crate::failure::Failure;
use crate::output::{Style, pad, print, print_json, truncate};
use crate::query::UsageError;
use crate::terminal::escape;

/// An entry of the reference and the texts a search looks in: what `search` reads, and what
/// the web site's search index holds.
pub struct Entry {
    pub what: What,
    /// `reply`, `enhanced` or `reason`.
    pub kind: &'static str,
    /// What `explain` takes to show its card: `550`, `X.7.26`, `userunknown`.
    pub id: String,
    pub name: &'static str,
    pub summary: Option<&'static str>,
    /// The fields besides the name, by their JSON names.
    pub texts: Vec<(&'static str, &'static str)>,
}

/// Which entry.
#[derive(Debug, Clone, Copy)]
pub enum What {
    Code(ReplyCode),
    Enhanced(EnhancedStatus),
    Reason(Reason),
}

/// One hit, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Hit {
    kind: &'static str,
    id: String,
    name: &'static str,
    /// Where the words were found: `id`, `name`, `description`, `when`, `remediation`.
    found_in: Vec<&'static str>,
}

/// Runs `search`.
pub fn run(words: &[String], json: bool, style: &Style) -> Result<(), Failure> {
    let words: Vec<String> = words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Err(Failure::Usage(UsageError {
            option: None,
            input: None,
            problem: "give at least one word to search for, such as `greylist`".into(),
        }));
    }
    let hits = search(&words);
    if json {
        return print_json(&hits);
    }
    print(&render(&words, &hits, style))
}

/// Every entry holding every word somewhere, those with the words in their id or name first,
/// then in the reference's order: reply codes, enhanced codes, reasons.
fn search(words: &[String]) -> Vec<Hit> {
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    for entry in entries() {
        let mut found_in = Vec::new();
        let mut in_title = 0;
        let all = words.iter().all(|word| {
            let mut any = false;
            if id_matches(&entry, word) {
                push_once(&mut found_in, "id");
                in_title += 1;
                any = true;
            }
            if entry.name.to_lowercase().contains(word.as_str()) {
                push_once(&mut found_in, "name");
                in_title += 1;
                any = true;
            }
            for (field, text) in &entry.texts {
                if text.to_lowercase().contains(word.as_str()) {
                    push_once(&mut found_in, field);
                    any = true;
                }
            }
            any
        });
        if all {
            hits.push((
                in_title,
                Hit {
                    kind: entry.kind,
                    id: entry.id,
                    name: entry.name,
                    found_in,
                },
            ));
        }
    }
    // Stable: within a rank, the reference's order stays.
    hits.sort_by_key(|(in_title, _)| std::cmp::Reverse(*in_title));
    hits.into_iter().map(|(_, hit)| hit).collect()
}

fn push_once(list: &mut Vec<&'static str>, field: &'static str) {
    if !list.contains(&field) {
        list.push(field);
    }
}

/// Whether `word` names the entry: its id in any case, and for an enhanced code any class it
/// is used with (`5.7.26` names `X.7.26`).
fn id_matches(entry: &Entry, word: &str) -> bool {
    if entry.id.eq_ignore_ascii_case(word) {
        return true;
    }
    match (entry.what, word.parse::<EnhancedCode>()) {
        (What::Enhanced(status), Ok(code)) => code.status() == Some(status),
        _ => false,
    }
}

/// The whole reference, in its order.
pub fn entries() -> Vec<Entry> {
    let codes = ReplyCode::ALL.iter().map(|&code| Entry {
        what: What::Code(code),
        kind: "reply",
        id: code.code().to_string(),
        name: code.name(),
        summary: code.summary(),
        texts: vec![
            ("description", code.description()),
            ("when", code.when_seen()),
            ("remediation", code.remediation()),
        ],
    });
    let enhanced = EnhancedStatus::ALL.iter().map(|&status| Entry {
        what: What::Enhanced(status),
        kind: "enhanced",
        id: status.any_class().to_string(),
        name: status.name(),
        summary: status.summary(),
        texts: vec![
            ("description", status.description()),
            ("when", status.when_seen()),
            ("remediation", status.remediation()),
        ],
    });
    let reasons = Reason::ALL.iter().map(|&reason| Entry {
        what: What::Reason(reason),
        kind: "reason",
        id: reason.to_string(),
        name: reason.name(),
        summary: reason.summary(),
        texts: vec![
            ("description", reason.description()),
            ("remediation", reason.remediation()),
        ],
    });
    codes.chain(enhanced).chain(reasons).collect()
}

/// The hits as a table cut to the width, or a line saying there were none.
fn render(words: &[String], hits: &[Hit], style: &Style) -> String {
    let asked = escape(&words.join(" ")).into_owned();
    if hits.is_empty() {
        return format!("Nothing in the reference holds all of: {asked}\n");
    }
    let kind_width = hits
        .iter()
        .map(|h| h.kind.width())
        .max()
        .unwrap_or(4)
        .max(4);
    let id_width = hits.iter().map(|h| h.id.width()).max().unwrap_or(5).max(5);
    let room = style
        .width
        .saturating_sub(kind_width + id_width + 4)
        .max(16);
    let mut out = style.bold(&format!(
        "{}  {}  NAME (FOUND IN)",
        pad("KIND", kind_width),
        pad("ENTRY", id_width)
    ));
    out.push('\n');
    for hit in hits {
        let name = format!("{} ({})", hit.name, hit.found_in.join(", "));
        out += &format!(
            "{}  {}  {}\n",
            pad(hit.kind, kind_width),
            pad(&hit.id, id_width),
            truncate(&name, room)
        );
    }
    let plural = if hits.len() == 1 { "entry" } else { "entries" };
    out += &style.dim(&format!(
        "{} {plural} for: {asked}; `smtp-codes explain ENTRY` shows one in full\n",
        hits.len()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(words: &[&str]) -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        search(&words).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn every_word_must_be_found() {
        let both = ids(&["mailbox", "quota"]);
        assert!(!both.is_empty());
        for id in &both {
            assert!(ids(&["mailbox"]).contains(id));
            assert!(ids(&["quota"]).contains(id));
        }
        assert!(ids(&["mailbox", "no-such-word-anywhere"]).is_empty());
    }

    #[test]
    fn an_entry_named_by_the_words_comes_first() {
        assert_eq!(ids(&["5.7.26"]).first().map(String::as_str), Some("X.7.26"));
        assert_eq!(
            ids(&["userunknown"]).first().map(String::as_str),
            Some("userunknown")
        );
        assert_eq!(ids(&["550"]).first().map(String::as_str), Some("550"));
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(ids(&["GREYLIST"]), ids(&["greylist"]));
        assert!(!ids(&["greylist"]).is_empty());
    }
}
