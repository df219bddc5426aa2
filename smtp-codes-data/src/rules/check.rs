//! Every rule of the rule format, applied to the rows: the checks the derive reports at compile
//! time and the library's run-time reader reports with line and column.

use std::collections::HashMap;

use crate::diagnostic::Problems;
use crate::row::Located;

use super::meaning::{EnhancedPattern, When, parse_example};
use super::{ProviderRow, RuleFile, RuleRow};

/// The longest text pattern: longer ones are surely copied replies, not patterns, and the
/// matcher keeps this many bytes between the pieces of a long reply.
pub const MAX_PATTERN: usize = 200;
/// The shortest text pattern: the matcher finds patterns by their 4-byte pieces.
pub const MIN_PATTERN: usize = 4;

/// What the rest of the data knows, which rules refer to: reasons, commands and enhanced
/// subjects. The derive answers from `codes.toml`, the library from its generated enums.
pub trait Known {
    /// Whether `token` is a reason (`userunknown`).
    fn is_reason(&self, token: &str) -> bool;
    /// The index of the command `verb` (`RCPT`, `<greeting>`) in the data's order.
    fn command(&self, verb: &str) -> Option<usize>;
    /// Whether `subject` is a registered enhanced subject (the middle number).
    fn is_subject(&self, subject: u16) -> bool;
}

/// A rule that passed every check: what it matches and what it concludes.
#[derive(Debug)]
pub struct Checked<'a> {
    pub row: &'a RuleRow,
    pub when: When,
    pub conclusion: Conclusion<'a>,
}

/// What a rule says about the replies it matches.
#[derive(Debug, Clone, Copy)]
pub struct Conclusion<'a> {
    pub id: &'a str,
    pub reason: &'a str,
    pub provider: Option<&'a ProviderRow>,
    pub note: Option<&'a str>,
    pub remediation: Option<&'a str>,
    pub link: Option<&'a str>,
}

/// Checks the providers and the rules; gives the rules that passed, in file order. Every
/// problem is reported, each at the value it is about:
///
/// - ids: well formed and unique; a provider's `link` https; hosts well-formed domains;
/// - a rule's `provider`, `reason` and `stage` must exist, its `enhanced` must be well formed
///   with a registered subject, agreeing with `code` or `class`;
/// - a rule must match something, and only failures: `code` from 400 to 599, `class` 4 or 5;
/// - text patterns: at least 4 and at most 200 bytes, printable, no blanks at either end, no
///   pattern twice;
/// - a rule that an earlier rule always matches first (it could never decide);
/// - each example must be a reply line that its own rule is the first to match.
pub fn check<'a>(
    file: &'a RuleFile,
    known: &dyn Known,
    problems: &mut Problems,
) -> Vec<Checked<'a>> {
    let providers = check_providers(&file.providers, problems);
    let mut ids: HashMap<&str, ()> = HashMap::new();
    let mut checked: Vec<Checked<'a>> = Vec::new();
    for row in &file.rules {
        if ids.insert(&row.id.value, ()).is_some() {
            problems.report(
                row.id.span.clone(),
                format!(
                    "rule id `{}` is used by an earlier rule too: ids must be unique",
                    row.id.value
                ),
            );
        }
        check_id(&row.id, "rule", problems);
        if let Some(rule) = check_rule(row, &providers, known, problems) {
            checked.push(rule);
        }
    }
    shadowing(&checked, problems);
    examples(&checked, problems);
    checked
}

fn check_providers<'a>(
    rows: &'a [ProviderRow],
    problems: &mut Problems,
) -> HashMap<&'a str, &'a ProviderRow> {
    let mut providers = HashMap::new();
    for row in rows {
        check_id(&row.id, "provider", problems);
        if providers.insert(row.id.value.as_str(), row).is_some() {
            problems.report(
                row.id.span.clone(),
                format!("provider id `{}` is used twice", row.id.value),
            );
        }
        not_empty(&row.name, "name", problems);
        check_link(&row.link, problems);
        for host in &row.hosts {
            check_host(host, problems);
        }
    }
    providers
}

fn check_rule<'a>(
    row: &'a RuleRow,
    providers: &HashMap<&'a str, &'a ProviderRow>,
    known: &dyn Known,
    problems: &mut Problems,
) -> Option<Checked<'a>> {
    let before = problems.len();
    let provider = row.provider.as_ref().and_then(|p| {
        let found = providers.get(p.value.as_str()).copied();
        if found.is_none() {
            problems.report(
                p.span.clone(),
                format!(
                    "unknown provider `{}`: add a `[[provider]]` entry with that id",
                    p.value
                ),
            );
        }
        found
    });
    if !known.is_reason(&row.reason.value) {
        problems.report(
            row.reason.span.clone(),
            format!(
                "unknown reason `{}`: use a reason token such as `userunknown` or `blocked`",
                row.reason.value
            ),
        );
    }
    let code = row.code.as_ref().and_then(|c| match u16::try_from(c.value) {
        Ok(n @ 400..=599) => Some(n),
        _ => {
            problems.report(
                c.span.clone(),
                format!("`code = {}` can never match: rules describe failures, so the code is from 400 to 599", c.value),
            );
            None
        }
    });
    let class = row.class.as_ref().and_then(|c| match c.value {
        4 | 5 => Some(c.value as u8),
        _ => {
            problems.report(
                c.span.clone(),
                format!(
                    "`class = {}` can never match: rules describe failures, so the class is 4 or 5",
                    c.value
                ),
            );
            None
        }
    });
    if let (Some(c), Some(_)) = (&row.code, &row.class) {
        problems.report(
            c.span.clone(),
            "write `code` or `class`, not both: the code names its class",
        );
    }
    let enhanced = row
        .enhanced
        .as_ref()
        .and_then(|e| check_enhanced(e, code, class, known, problems));
    let text = check_texts(&row.text, problems);
    let stage = row.stage.as_ref().and_then(|s| {
        let found = known.command(&s.value);
        if found.is_none() {
            problems.report(
                s.span.clone(),
                format!("unknown stage `{}`: use a command verb of the data, such as `RCPT` or `<end-of-data>`", s.value),
            );
        }
        found
    });
    for host in &row.host {
        check_host(host, problems);
    }
    for value in [&row.note, &row.remediation].into_iter().flatten() {
        not_empty(value, "text", problems);
    }
    if let Some(link) = &row.link {
        check_link(link, problems);
    }
    not_empty(&row.source, "source", problems);
    if row.code.is_none() && row.class.is_none() && row.enhanced.is_none() && row.text.is_empty() {
        problems.report(
            row.header.clone(),
            "the rule matches every failure: give it a `text`, a `code`, a `class` or an `enhanced` code",
        );
    }
    if problems.len() > before {
        return None;
    }
    let when = When {
        code,
        class,
        enhanced,
        text,
        stage,
        hosts: row
            .host
            .iter()
            .map(|h| h.value.to_ascii_lowercase())
            .collect(),
    };
    Some(Checked {
        row,
        when,
        conclusion: Conclusion {
            id: &row.id.value,
            reason: &row.reason.value,
            provider,
            note: row.note.as_ref().map(|n| n.value.as_str()),
            remediation: row.remediation.as_ref().map(|n| n.value.as_str()),
            link: row.link.as_ref().map(|n| n.value.as_str()),
        },
    })
}

fn check_enhanced(
    written: &Located<String>,
    code: Option<u16>,
    class: Option<u8>,
    known: &dyn Known,
    problems: &mut Problems,
) -> Option<EnhancedPattern> {
    let span = written.span.clone();
    let Some(pattern) = EnhancedPattern::parse(&written.value) else {
        problems.report(
            span,
            format!(
                "`{}` is not an enhanced code: write `5.7.1`, `5.7.*` or `5.*.*`",
                written.value
            ),
        );
        return None;
    };
    if pattern.class == 2 {
        problems.report(
            span,
            format!(
                "`{}` can never match: rules describe failures (class 4 or 5)",
                written.value
            ),
        );
        return None;
    }
    let basic = class.or(code.map(|c| (c / 100) as u8));
    if basic.is_some_and(|b| b != pattern.class) {
        problems.report(
            span,
            format!(
                "`{}` can never match: its class disagrees with the rule's basic code",
                written.value
            ),
        );
        return None;
    }
    if let Some(subject) = pattern.subject {
        if !known.is_subject(subject) {
            problems.report(
                span,
                format!(
                    "`{}` does not exist: {} is not a registered enhanced subject",
                    written.value, subject
                ),
            );
            return None;
        }
    }
    Some(pattern)
}

/// The patterns in lower case, or `[]` with problems reported.
fn check_texts(texts: &[Located<String>], problems: &mut Problems) -> Vec<String> {
    let mut lowered: Vec<String> = Vec::new();
    for text in texts {
        let value = &text.value;
        let span = text.span.clone();
        let problem = if value.trim().is_empty() {
            Some("an empty pattern matches every reply: write the words to look for".to_owned())
        } else if value.len() < MIN_PATTERN {
            Some(format!(
                "pattern `{value}` is shorter than {MIN_PATTERN} bytes: write more of the reply's words"
            ))
        } else if value.len() > MAX_PATTERN {
            Some(format!(
                "the pattern is longer than {MAX_PATTERN} bytes: keep the words that identify the reply"
            ))
        } else if value.chars().any(char::is_control) {
            Some(format!(
                "pattern `{}` can never match: it holds a control character, which a reply's text never does",
                value.escape_debug()
            ))
        } else if value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace) {
            Some(format!(
                "pattern `{value}` has blanks at an end: they are easy to miss and may never match; remove them"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            problems.report(span, message);
            continue;
        }
        let lower = value.to_ascii_lowercase();
        if lowered.contains(&lower) {
            problems.report(span, format!("pattern `{value}` is given twice"));
            continue;
        }
        lowered.push(lower);
    }
    lowered
}

fn shadowing(rules: &[Checked<'_>], problems: &mut Problems) {
    for (i, later) in rules.iter().enumerate() {
        if let Some(earlier) = rules[..i].iter().find(|e| e.when.shadows(&later.when)) {
            problems.report(
                later.row.id.span.clone(),
                format!(
                    "rule `{}` can never decide: the earlier rule `{}` matches every reply it matches; move it before that rule or narrow the earlier one",
                    later.row.id.value, earlier.row.id.value
                ),
            );
        }
    }
}

fn examples(rules: &[Checked<'_>], problems: &mut Problems) {
    for rule in rules {
        let example = &rule.row.example;
        let Some(parsed) = parse_example(&example.value) else {
            problems.report(
                example.span.clone(),
                "the example must be one reply line that starts with its code and a space, such as `550 5.1.1 User unknown`",
            );
            continue;
        };
        let host = rule.when.hosts.first().map(String::as_str);
        let query = parsed.query(rule.when.stage, host);
        match rules.iter().find(|r| r.when.matches(&query)) {
            Some(first) if std::ptr::eq(first.row, rule.row) => {}
            Some(first) => problems.report(
                example.span.clone(),
                format!(
                    "the example is first matched by the earlier rule `{}`, not by its own",
                    first.row.id.value
                ),
            ),
            None => problems.report(
                example.span.clone(),
                "the rule does not match its own example",
            ),
        }
    }
}

/// Ids are lower-case letters, digits and `-`.
fn check_id(id: &Located<String>, what: &str, problems: &mut Problems) {
    let v = &id.value;
    let good = !v.is_empty()
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !v.starts_with('-')
        && !v.ends_with('-');
    if !good {
        problems.report(
            id.span.clone(),
            format!("{what} id `{v}` must be lower-case letters, digits and inner `-`, such as `google-unknown-user`"),
        );
    }
}

fn check_link(link: &Located<String>, problems: &mut Problems) {
    let rest = link.value.strip_prefix("https://").unwrap_or("");
    if rest.is_empty() || link.value.contains(char::is_whitespace) {
        problems.report(
            link.span.clone(),
            format!(
                "link `{}` must be an https URL of the provider's own documentation",
                link.value
            ),
        );
    }
}

/// A domain suffix: dot-separated labels of letters, digits and `-`.
fn check_host(host: &Located<String>, problems: &mut Problems) {
    let good = !host.value.is_empty()
        && host.value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if !good {
        problems.report(
            host.span.clone(),
            format!(
                "host `{}` must be a domain such as `google.com`",
                host.value
            ),
        );
    }
}

fn not_empty(value: &Located<String>, what: &str, problems: &mut Problems) {
    if value.value.trim().is_empty() {
        problems.report(value.span.clone(), format!("the {what} is empty"));
    }
}
