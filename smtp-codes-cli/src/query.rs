//! What the user asked about: a basic code, an enhanced code or a whole reply line, and the
//! nearest known codes when it is none of these.

use std::fmt;

use smtp_codes::{EnhancedCode, EnhancedStatus, Reply, ReplyCode};

/// A code or reply line the user gave, understood.
#[derive(Debug, Clone)]
pub enum Query {
    /// A three-digit reply code the table knows, such as `550`.
    Basic(ReplyCode),
    /// An enhanced status code the IANA registry lists, such as `5.7.1`, with its entry.
    Enhanced(EnhancedCode, EnhancedStatus),
    /// An enhanced status without its class, such as `X.7.1`.
    Status(EnhancedStatus),
    /// A reply line, such as `550 5.7.1 Relaying denied`.
    Line(ReplyLine),
}

/// A reply line: its code (known or not), its enhanced code if it has one, and its text.
#[derive(Debug, Clone)]
pub struct ReplyLine {
    pub code: u16,
    pub reply_code: Option<ReplyCode>,
    pub enhanced: Option<EnhancedCode>,
    pub text: String,
}

/// Why a query is not a known code, with the known codes nearest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub input: String,
    pub problem: String,
    pub suggestions: Vec<String>,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Quote a long input by its start: the message is about its first characters.
        let shown = crate::output::truncate(&self.input, 40);
        write!(f, "'{shown}': {}", self.problem)?;
        if !self.suggestions.is_empty() {
            write!(f, "; did you mean {}?", or_list(&self.suggestions))?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl Query {
    /// Reads a code or a reply line. Surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let text = input.trim();
        let error = |problem: String| QueryError {
            input: text.to_owned(),
            problem,
            suggestions: suggestions(text),
        };
        if text.is_empty() {
            return Err(error(
                "nothing to explain: give a code such as 550 or 5.7.1".into(),
            ));
        }
        // A line has text after its code, or is the `NNN-` line of a longer reply.
        if text.contains(char::is_whitespace) || text.get(3..4) == Some("-") {
            return parse_line(text).map_err(error);
        }
        if text.contains('.') {
            return parse_enhanced(text).map_err(error);
        }
        match text.parse::<ReplyCode>() {
            Ok(code) => Ok(Query::Basic(code)),
            Err(err) => Err(error(match err.code() {
                Some(code) => format!("{code} is not a reply code that smtp-codes knows"),
                None => err.to_string(),
            })),
        }
    }

    /// The code as the user would write it: `550`, `5.7.1`, `X.7.1` or the line's code.
    pub fn label(&self) -> String {
        match self {
            Query::Basic(code) => code.code().to_string(),
            Query::Enhanced(code, _) => code.to_string(),
            Query::Status(status) => format!("X.{}.{}", status.subject(), status.detail()),
            Query::Line(line) => line.code.to_string(),
        }
    }
}

fn parse_enhanced(text: &str) -> Result<Query, String> {
    if let Some(rest) = text.strip_prefix(['X', 'x']) {
        // `X.7.1`: the status for any class. Check it with a class that always parses.
        let code: EnhancedCode = format!("5{rest}").parse().map_err(|err| format!("{err}"))?;
        return EnhancedStatus::from_parts(code.subject(), code.detail())
            .map(Query::Status)
            .ok_or_else(|| format!("{text} is not in the IANA registry of enhanced status codes"));
    }
    let code: EnhancedCode = text.parse().map_err(|err| format!("{err}"))?;
    match code.status() {
        Some(status) => Ok(Query::Enhanced(code, status)),
        None => Err(format!(
            "{code} is well-formed but not in the IANA registry of enhanced status codes"
        )),
    }
}

fn parse_line(text: &str) -> Result<Query, String> {
    let mut wire = text.as_bytes().to_vec();
    // One `NNN-text` line of a longer reply is explained like the reply's last line.
    if wire.get(3) == Some(&b'-') {
        wire[3] = b' ';
    }
    wire.extend_from_slice(b"\r\n");
    let (reply, _) = Reply::parse(&wire).map_err(|err| format!("not a reply line: {err}"))?;
    let first = reply.lines().next().unwrap_or_default();
    Ok(Query::Line(ReplyLine {
        code: reply.code(),
        reply_code: reply.reply_code(),
        enhanced: reply.enhanced(),
        text: String::from_utf8_lossy(first).into_owned(),
    }))
}

/// Up to three known codes nearest to `input`: fewest edits first, then closest in value.
pub fn suggestions(input: &str) -> Vec<String> {
    let input = input.trim();
    let word = input.split_whitespace().next().unwrap_or("");
    let mut known: Vec<String> = ReplyCode::ALL
        .iter()
        .map(|c| c.code().to_string())
        .collect();
    if word.contains('.') {
        known = EnhancedStatus::ALL
            .iter()
            .flat_map(|status| {
                status.classes().iter().map(move |class| {
                    format!("{}.{}.{}", class.digit(), status.subject(), status.detail())
                })
            })
            .collect();
    }
    let value =
        |s: &str| -> Vec<i64> { s.split('.').map(|p| p.parse().unwrap_or(-1000)).collect() };
    let target = value(word);
    let closeness = |s: &str| -> i64 {
        value(s)
            .iter()
            .zip(&target)
            .map(|(a, b)| (a - b).abs())
            .fold(0, |acc, d| acc * 1000 + d.min(999))
    };
    let mut scored: Vec<(usize, i64, String)> = known
        .into_iter()
        .map(|k| (edit_distance(word, &k), closeness(&k), k))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2 == b.2);
    let best = scored.first().map_or(usize::MAX, |s| s.0);
    // Only suggest what is close: at most two edits, or one for very short input.
    let limit = if word.len() <= 2 { 1 } else { 2 };
    scored
        .into_iter()
        .take_while(|s| s.0 == best && s.0 <= limit)
        .take(3)
        .map(|s| s.2)
        .collect()
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_kind() {
        assert!(matches!(
            Query::parse("550"),
            Ok(Query::Basic(ReplyCode::MailboxUnavailable))
        ));
        assert!(
            matches!(Query::parse(" 5.7.1 "), Ok(Query::Enhanced(c, _)) if c.to_string() == "5.7.1")
        );
        assert!(matches!(Query::parse("X.7.1"), Ok(Query::Status(s)) if s.detail() == 1));
        let Ok(Query::Line(line)) = Query::parse("550 5.7.1 Relaying denied") else {
            panic!("a line");
        };
        assert_eq!(
            (line.code, line.text.as_str()),
            (550, "5.7.1 Relaying denied")
        );
        assert_eq!(
            line.enhanced.map(|e| e.to_string()).as_deref(),
            Some("5.7.1")
        );
    }

    #[test]
    fn unknown_codes_get_near_suggestions() {
        let err = Query::parse("599").unwrap_err();
        assert!(err.problem.contains("599"), "{err}");
        assert_eq!(err.suggestions.len(), 3, "{err}");
        assert!(err.suggestions.iter().all(|s| s.starts_with('5')), "{err}");
        let err = Query::parse("5.7.99").unwrap_err();
        assert!(
            err.suggestions.iter().all(|s| s.starts_with("5.7.")),
            "{err}"
        );
        let err = Query::parse("55O").unwrap_err();
        assert!(err.suggestions.contains(&"550".to_string()), "{err}");
        assert!(Query::parse("").is_err());
        let long = "5".repeat(10_000);
        assert!(Query::parse(&long).unwrap_err().to_string().len() < 200);
        assert!(Query::parse("hello world").is_err());
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("550", "550"), 0);
        assert_eq!(edit_distance("550", "551"), 1);
        assert_eq!(edit_distance("5.7.1", "5.7.10"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any text: no panic; an error quotes the input and suggests at most three codes.
        #[test]
        fn parse_reads_any_text(text in "\\PC{0,30}") {
            match Query::parse(&text) {
                Ok(Query::Basic(code)) => prop_assert_eq!(code.code().to_string(), text.trim()),
                Ok(_) => {}
                Err(err) => {
                    prop_assert!(err.suggestions.len() <= 3);
                    prop_assert!(!err.to_string().is_empty());
                }
            }
        }

        /// Every known code, and any code with text after it, is read back.
        #[test]
        fn known_codes_and_lines(index in 0..ReplyCode::ALL.len(), text in "[ -~]{0,40}") {
            let code = ReplyCode::ALL[index];
            prop_assert!(matches!(Query::parse(&code.code().to_string()), Ok(Query::Basic(c)) if c == code));
            let line = format!("{} {text}", code.code());
            let parsed = Query::parse(&line);
            if text.trim().is_empty() {
                prop_assert!(matches!(parsed, Ok(Query::Basic(c)) if c == code));
            } else {
                prop_assert!(matches!(parsed, Ok(Query::Line(l)) if l.code == code.code()));
            }
        }
    }
}
