//! What the user asked about: a basic code, an enhanced code or a whole reply line, and the
//! nearest known codes when it is none of these.

use std::fmt;

use smtp_codes::{
    Category, Disposition, EnhancedCode, EnhancedStatus, ParseEnhancedCodeError,
    ParseEnhancedCodeErrorKind, ParseReplyCodeError, ParseReplyCodeErrorKind, Reason, Reply,
    ReplyCode, ReplyError, ReplyErrorKind,
};

use crate::terminal::{escape, quote_start};

/// A code or reply line the user gave, understood.
#[derive(Debug, Clone)]
pub enum Query {
    /// A three-digit reply code the table knows, such as `550`.
    Basic(ReplyCode),
    /// An enhanced status code the IANA registry lists, such as `5.7.1`, with its entry and the
    /// text that followed it, if any (`5.1.1 User unknown`, as a DSN's `Status:` line is quoted).
    Enhanced(EnhancedCode, EnhancedStatus, Option<String>),
    /// An enhanced status without its class, such as `X.7.1`, and the text after it, if any.
    Status(EnhancedStatus, Option<String>),
    /// A reply line, such as `550 5.7.1 Relaying denied`.
    Line(ReplyLine),
    /// A bounce reason's token, such as `userunknown`: letters only, so never a code.
    Reason(Reason),
}

/// A reply line: its code (known or not), its enhanced code if it has one, and its text, with
/// what the reply parser found out about them.
#[derive(Debug, Clone)]
pub struct ReplyLine {
    pub code: u16,
    pub reply_code: Option<ReplyCode>,
    pub category: Category,
    pub enhanced: Option<EnhancedCode>,
    pub disposition: Disposition,
    pub text: String,
    /// The whole reply as the parser read it, for the rules to diagnose.
    pub wire: Vec<u8>,
}

/// Whether a query names a code that does not exist or is not a code at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryErrorKind {
    /// Well-formed, but not in the table of reply codes or the registry of enhanced codes.
    Unknown,
    /// Not a code, an enhanced code or a reply.
    Invalid,
}

/// Why a query is not a known code, with the known codes nearest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub kind: QueryErrorKind,
    /// The query as given, without surrounding whitespace.
    pub input: String,
    /// What is wrong, as the input's own characters (the human-readable form escapes them).
    pub problem: String,
    pub suggestions: Vec<String>,
    /// A well-formed reply code the table does not know (`299`): its first digit still gives
    /// its category, which says what a client does about it all the same.
    pub code: Option<u16>,
}

impl QueryError {
    fn invalid(input: &str, problem: String) -> QueryError {
        QueryError {
            kind: QueryErrorKind::Invalid,
            input: input.to_owned(),
            problem,
            suggestions: Vec::new(),
            code: None,
        }
    }

    fn unknown(input: &str, problem: String) -> QueryError {
        QueryError {
            kind: QueryErrorKind::Unknown,
            ..QueryError::invalid(input, problem)
        }
    }

    /// The same error with the known codes near `word` as suggestions.
    fn suggesting(mut self, word: &str) -> QueryError {
        self.suggestions = suggestions(word);
        self
    }

    /// The problem and the suggestions, without the input: the `message` of a JSON error,
    /// exact (not escaped).
    pub fn message(&self) -> String {
        let mut message = self.problem.clone();
        if !self.suggestions.is_empty() {
            message += &format!("; did you mean {}?", or_list(&self.suggestions));
        }
        message
    }
}

/// The input quoted by its start and the message, every character from outside escaped.
impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = quote_start(&self.input, 40);
        write!(f, "'{shown}': {}", escape(&self.message()))
    }
}

impl std::error::Error for QueryError {}

/// A bad option value, or arguments that do not go together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// The option whose value is wrong, such as `--category`.
    pub option: Option<&'static str>,
    /// The value given, exact.
    pub input: Option<String>,
    /// What is wrong and what to give instead.
    pub problem: String,
}

/// `--option 'value': problem`, the value quoted by its start and escaped.
impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(option) = self.option {
            write!(f, "{option} ")?;
        }
        if let Some(input) = &self.input {
            write!(f, "'{}': ", quote_start(input, 40))?;
        }
        f.write_str(&escape(&self.problem))
    }
}

impl std::error::Error for UsageError {}

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
        if text.is_empty() {
            return Err(QueryError::invalid(
                text,
                "nothing to explain: give a code such as 550 or 5.7.1".into(),
            ));
        }
        let (word, rest) = match text.find(char::is_whitespace) {
            Some(end) => (&text[..end], text[end..].trim_start()),
            None => (text, ""),
        };
        // A reply starts with its three digits; `NNN-` is the first line of a longer one.
        let starts_with_code = text.as_bytes().iter().take(3).all(u8::is_ascii_digit);
        if starts_with_code && (!rest.is_empty() || text.get(3..4) == Some("-")) {
            return parse_line(text);
        }
        if word.contains('.')
            && word.starts_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x')
        {
            return parse_enhanced(text, word, rest);
        }
        if !rest.is_empty() {
            return parse_line(text);
        }
        // Reason tokens are letters and codes start with a digit or `X.`: they cannot collide.
        if text.bytes().all(|b| b.is_ascii_alphabetic()) {
            return parse_reason(text);
        }
        match text.parse::<ReplyCode>() {
            Ok(code) => Ok(Query::Basic(code)),
            Err(err) => Err(code_error(text, err).suggesting(text)),
        }
    }

    /// The code as the user would write it: `550`, `5.7.1`, `X.7.1` or the line's code.
    pub fn label(&self) -> String {
        match self {
            Query::Basic(code) => code.code().to_string(),
            Query::Enhanced(code, _, _) => code.to_string(),
            Query::Status(status, _) => status.any_class().to_string(),
            Query::Line(line) => line.code.to_string(),
            Query::Reason(reason) => reason.token().to_owned(),
        }
    }
}

/// Reads a word of letters as a reason's token, in any case; a near miss gets the tokens one
/// slip away.
fn parse_reason(word: &str) -> Result<Query, QueryError> {
    if let Ok(reason) = word.parse::<Reason>() {
        return Ok(Query::Reason(reason));
    }
    let lower = word.to_ascii_lowercase();
    let mut near: Vec<(Typo, &str)> = Reason::ALL
        .iter()
        .filter_map(|r| Some((typo(&lower, r.token())?, r.token())))
        .collect();
    near.sort();
    let mut err = QueryError::invalid(
        word,
        "not a code or a bounce reason: give a code such as 550 or 5.7.1, or a reason such as \
         userunknown (`smtp-codes reasons` lists them)"
            .into(),
    );
    err.suggestions = near
        .into_iter()
        .take(3)
        .map(|(_, t)| t.to_owned())
        .collect();
    Err(err)
}

/// Why `text` does not start with a known reply code, in the CLI's words: positions count
/// characters from 1, as everywhere in its messages.
fn code_error(text: &str, err: ParseReplyCodeError) -> QueryError {
    let problem = match err.kind() {
        ParseReplyCodeErrorKind::NotADigit { index, found } => format!(
            "character {} is '{found}', not a digit: a reply code is three digits, such as 550",
            index + 1
        ),
        ParseReplyCodeErrorKind::BadSeparator { found } => format!(
            "character 4 is '{found}': a reply code is three digits, then the end, a space or '-'"
        ),
        ParseReplyCodeErrorKind::Unknown { code } => {
            let mut err = QueryError::unknown(
                text,
                format!(
                    "{code} is not in the table of reply codes smtp-codes knows; \
                     its first digit still gives its category"
                ),
            );
            err.code = Some(code);
            return err;
        }
        _ => err.to_string(),
    };
    QueryError::invalid(text, problem)
}

/// Reads `word` as an enhanced code (`5.7.1`) or a status for any class (`X.7.1`), with `rest`
/// as the text that followed it.
fn parse_enhanced(text: &str, word: &str, rest: &str) -> Result<Query, QueryError> {
    let invalid = |problem: String| QueryError::invalid(text, problem).suggesting(word);
    // `text` has no blanks at its ends, so a line break after the code starts another line.
    if text[word.len()..].contains(['\n', '\r']) {
        // Text on several lines may hide a second code; explain one at a time.
        return Err(QueryError::invalid(
            text,
            format!(
                "the text after {word} runs over more than one line; explain one line at a time"
            ),
        ));
    }
    let text_after = (!rest.is_empty()).then(|| rest.to_owned());
    if word.starts_with(['X', 'x']) {
        // `X.7.1`: the status for any class.
        return match word.parse::<EnhancedStatus>() {
            Ok(status) => Ok(Query::Status(status, text_after)),
            Err(err) if matches!(err.kind(), ParseEnhancedCodeErrorKind::NotRegistered { .. }) => {
                Err(QueryError::unknown(
                    text,
                    format!("{word} is not in the IANA registry of enhanced status codes"),
                )
                .suggesting(word))
            }
            Err(err) => Err(invalid(enhanced_problem(err))),
        };
    }
    let code: EnhancedCode = word.parse().map_err(|err| invalid(enhanced_problem(err)))?;
    match code.status() {
        Some(status) => Ok(Query::Enhanced(code, status, text_after)),
        None => Err(QueryError::unknown(
            text,
            format!("{code} is well-formed but not in the IANA registry of enhanced status codes"),
        )
        .suggesting(word)),
    }
}

/// An enhanced code's error, with a position counted from 1. The code is the first word of
/// the input, and everything before a bad character is ASCII, so its byte index is also its
/// character index.
fn enhanced_problem(err: ParseEnhancedCodeError) -> String {
    match err.kind() {
        ParseEnhancedCodeErrorKind::NotADigit { index, found } => format!(
            "character {} is '{found}': an enhanced status code is three numbers joined by \
             dots, such as 5.1.1",
            index + 1
        ),
        ParseEnhancedCodeErrorKind::ClassNotX { index, found } => format!(
            "character {} is '{found}': a code without its class has a lone X in its place, \
             such as X.1.1",
            index + 1
        ),
        _ => err.to_string(),
    }
}

/// Reads `text` as one reply: a line, or the lines of a multi-line reply, all with one code.
fn parse_line(text: &str) -> Result<Query, QueryError> {
    // The code first, so that a bad one gets the messages and suggestions of a bare code.
    // A code the table does not know is fine: a line of it is still explained.
    let first_line = text
        .split_once(['\r', '\n'])
        .map_or(text, |(first, _)| first);
    let word = first_line
        .split_once(char::is_whitespace)
        .map_or(first_line, |(word, _)| word);
    if let Err(err) = first_line.parse::<ReplyCode>() {
        if !matches!(err.kind(), ParseReplyCodeErrorKind::Unknown { .. }) {
            let code_part = word.split_once('-').map_or(word, |(code, _)| code);
            return Err(code_error(text, err).suggesting(code_part));
        }
    }
    let mut wire = text.as_bytes().to_vec();
    // A paste that ends with an `NNN-text` line (one line of a longer reply, say) is read as
    // if that line were the reply's last.
    let last = text.rfind('\n').map_or(0, |newline| newline + 1);
    if wire.get(last + 3) == Some(&b'-') {
        wire[last + 3] = b' ';
    }
    wire.extend_from_slice(b"\r\n");
    let (reply, used) = Reply::parse(&wire).map_err(|err| reply_error(text, err))?;
    if used < wire.len() {
        // Explaining the first and dropping the rest would hide the second reply.
        let line = wire[..used].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(QueryError::invalid(
            text,
            format!(
                "this is more than one reply (the next starts on line {line}); explain one at a time"
            ),
        ));
    }
    let first = reply.lines().next().unwrap_or_default();
    Ok(Query::Line(ReplyLine {
        code: reply.code(),
        reply_code: reply.reply_code(),
        category: reply.category(),
        enhanced: reply.enhanced(),
        disposition: reply.disposition(),
        text: String::from_utf8_lossy(first).into_owned(),
        wire: wire[..used].to_vec(),
    }))
}

/// Where byte `offset` of `text` is, counted from 1: `character C`, or `line L, character C`
/// for text on several lines.
fn position(text: &str, offset: usize) -> String {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    if text.contains('\n') {
        let line = before.matches('\n').count() + 1;
        format!("line {line}, character {column}")
    } else {
        format!("character {column}")
    }
}

/// A reply parser's error in the CLI's words, its position counted from 1 in `text`.
fn reply_error(text: &str, err: ReplyError) -> QueryError {
    let at = position(text, err.offset());
    let found = || {
        text.get(err.offset()..)
            .and_then(|rest| rest.chars().next())
            .map_or("the line end".to_owned(), |c| format!("'{c}'"))
    };
    let problem = match err.kind() {
        ReplyErrorKind::InvalidCode { .. } => {
            format!(
                "{at}: expected a reply code from 200 to 599, found {}",
                found()
            )
        }
        ReplyErrorKind::BadSeparator { .. } => format!(
            "{at}: expected a space, '-' or the line end after the code, found {}",
            found()
        ),
        ReplyErrorKind::MismatchedCode { first, found } => format!(
            "{at}: this line has code {found} but the reply started with {first}; explain one \
             reply at a time"
        ),
        ReplyErrorKind::LineTooLong { limit } => {
            // The position is where the line starts; its number is what tells.
            let line = match at.split_once(',') {
                Some((line, _)) => line.to_owned(),
                None => "the line".to_owned(),
            };
            format!("{line} is longer than the limit of {limit} bytes")
        }
        ReplyErrorKind::TooManyLines { limit } => {
            format!("the reply has more than the limit of {limit} lines")
        }
        ReplyErrorKind::ReplyTooLong { limit } => {
            format!("the reply is larger than the limit of {limit} bytes")
        }
        _ => format!("not a reply: {err}"),
    };
    QueryError::invalid(text, problem)
}

/// Up to three known codes that `word` could be a typo of: one character changed, added or
/// left out, or two neighbours swapped. Anything further is a different code, not a typo.
pub fn suggestions(word: &str) -> Vec<String> {
    let known: Vec<String> = if word.starts_with(['X', 'x']) {
        EnhancedStatus::ALL
            .iter()
            .map(|status| status.any_class().to_string())
            .collect()
    } else if word.contains('.') {
        EnhancedStatus::ALL
            .iter()
            .flat_map(|status| {
                status
                    .classes()
                    .iter()
                    .map(move |&class| status.in_class(class))
            })
            .map(|code| code.to_string())
            .collect()
    } else {
        ReplyCode::ALL
            .iter()
            .map(|c| c.code().to_string())
            .collect()
    };
    // An `X` or a letter counts as far from every number.
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
    let mut near: Vec<(Typo, i64, String)> = known
        .into_iter()
        .filter_map(|k| Some((typo(word, &k)?, closeness(&k), k)))
        .collect();
    near.sort();
    near.dedup_by(|a, b| a.2 == b.2);
    near.into_iter().take(3).map(|(_, _, k)| k).collect()
}

/// How `typed` differs from `meant` when it is a typo of it, most likely first: two
/// neighbouring characters swapped, one changed, one added or left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Typo {
    Swap,
    Change,
    AddOrDrop,
}

/// The [`Typo`] that turns `meant` into `typed`, if one does.
fn typo(typed: &str, meant: &str) -> Option<Typo> {
    // One character more or less is at most four bytes: a long input is no typo of a code.
    if typed.len().abs_diff(meant.len()) > 4 {
        return None;
    }
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), meant.chars().collect());
    // Strip the common start and end; what is left must be one small edit.
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    match (&a[start..a.len() - end], &b[start..b.len() - end]) {
        ([x1, x2], [y1, y2]) if x1 == y2 && x2 == y1 => Some(Typo::Swap),
        ([_], [_]) => Some(Typo::Change),
        ([_], []) | ([], [_]) => Some(Typo::AddOrDrop),
        _ => None,
    }
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
            matches!(Query::parse(" 5.7.1 "), Ok(Query::Enhanced(c, _, None)) if c.to_string() == "5.7.1")
        );
        assert!(matches!(Query::parse("X.7.1"), Ok(Query::Status(s, None)) if s.detail() == 1));
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
    fn an_enhanced_code_keeps_the_text_after_it() {
        let Ok(Query::Enhanced(code, _, text)) = Query::parse("5.1.1 User  unknown") else {
            panic!("an enhanced code with text");
        };
        assert_eq!(code.to_string(), "5.1.1");
        assert_eq!(text.as_deref(), Some("User  unknown"));
        assert!(matches!(Query::parse("X.1.1 gone"), Ok(Query::Status(_, Some(t))) if t == "gone"));
        for two in ["5.1.1 a\n4.2.2 b", "5.1.1\n4.2.2", "X.1.1\r\nX.2.2"] {
            let err = Query::parse(two).unwrap_err();
            assert!(err.problem.contains("more than one line"), "{two:?}: {err}");
        }
    }

    #[test]
    fn a_code_without_its_class_is_read_by_the_library() {
        for (input, shown) in [
            ("X.7.1", "X.7.1"),
            ("x.7.1", "X.7.1"),
            ("X.7.26 no", "X.7.26"),
        ] {
            let query = Query::parse(input).unwrap();
            assert!(matches!(query, Query::Status(..)), "{input}");
            assert_eq!(query.label(), shown);
        }
        let err = Query::parse("X.7.99").unwrap_err();
        assert_eq!(err.kind, QueryErrorKind::Unknown, "{err}");
        assert!(
            err.problem
                .starts_with("X.7.99 is not in the IANA registry"),
            "{err}"
        );
        // Positions count from 1 here too, wherever the class-less form goes wrong.
        for (input, start) in [
            ("X.7.y", "character 5 is 'y':"),
            (
                "XX.7.1",
                "character 2 is 'X': a code without its class has a lone X",
            ),
            (
                "X1.7.1",
                "character 2 is '1': a code without its class has a lone X",
            ),
        ] {
            let err = Query::parse(input).unwrap_err();
            assert_eq!(err.kind, QueryErrorKind::Invalid, "{err}");
            assert!(err.problem.starts_with(start), "{input}: {err}");
        }
    }

    #[test]
    fn unknown_codes_keep_their_category() {
        let err = Query::parse("299").unwrap_err();
        assert_eq!(err.kind, QueryErrorKind::Unknown);
        assert_eq!(err.code, Some(299));
        assert!(err.problem.contains("299"), "{err}");
        // Not a reply code at all: no category to keep.
        let err = Query::parse("650").unwrap_err();
        assert_eq!((err.kind, err.code), (QueryErrorKind::Invalid, None));
    }

    #[test]
    fn suggestions_are_only_near_typos_of_known_codes() {
        for input in ["599", "999", "5.7.99", "55O", "5501", "5O5", "X.7.99"] {
            let err = Query::parse(input).unwrap_err();
            assert!(err.suggestions.len() <= 3, "{err}");
            for suggestion in &err.suggestions {
                assert!(typo(input, suggestion).is_some(), "{input}: {suggestion}");
                assert!(
                    suggestion.parse::<ReplyCode>().is_ok() || Query::parse(suggestion).is_ok(),
                    "{suggestion} is not known"
                );
            }
        }
        assert!(Query::parse("999").unwrap_err().suggestions.is_empty());
        let err = Query::parse("55O").unwrap_err();
        assert_eq!(
            err.suggestions.first().map(String::as_str),
            Some("550"),
            "{err}"
        );
        let err = Query::parse("5501").unwrap_err();
        assert!(err.suggestions.contains(&"550".to_string()), "{err}");
        let err = Query::parse("5.7.99").unwrap_err();
        assert!(err.suggestions.contains(&"5.7.9".to_string()), "{err}");
        assert!(Query::parse("").is_err());
        let long = "5".repeat(10_000);
        assert!(Query::parse(&long).unwrap_err().to_string().len() < 200);
        assert!(Query::parse("hello world").is_err());
    }

    #[test]
    fn typos_are_one_edit_or_one_swap() {
        assert_eq!(typo("551", "550"), Some(Typo::Change));
        assert_eq!(typo("505", "550"), Some(Typo::Swap));
        assert_eq!(typo("5501", "550"), Some(Typo::AddOrDrop));
        assert_eq!(typo("55", "550"), Some(Typo::AddOrDrop));
        assert_eq!(typo("5.7.10", "5.7.1"), Some(Typo::AddOrDrop));
        assert_eq!(typo("550", "550"), None);
        assert_eq!(typo("999", "459"), None);
        assert_eq!(typo("512", "521x"), None);
        assert_eq!(typo("", "abc"), None);
        // A swap is the likeliest slip: it comes before codes one digit away.
        let err = Query::parse("505").unwrap_err();
        assert_eq!(
            err.suggestions.first().map(String::as_str),
            Some("550"),
            "{err}"
        );
    }

    #[test]
    fn a_long_line_gets_no_suggestion() {
        let err = Query::parse(&format!("550 {}", "a".repeat(8200))).unwrap_err();
        assert!(err.problem.starts_with("the line is longer than"), "{err}");
        assert!(err.suggestions.is_empty(), "{err}");
    }

    #[test]
    fn two_replies_in_one_text_are_refused() {
        for text in [
            "550 5.1.1 a\r\n421 4.3.2 b",
            "550 5.1.1 a\n421 4.3.2 b",
            "250 ok\n250 ok",
        ] {
            let err = Query::parse(text).unwrap_err();
            assert!(
                err.problem.contains("more than one reply"),
                "{text:?}: {err}"
            );
        }
        // One reply on several lines is one reply.
        let Ok(Query::Line(line)) = Query::parse("250-first\r\n250 second") else {
            panic!("one multi-line reply");
        };
        assert_eq!((line.code, line.text.as_str()), (250, "first"));
        assert!(matches!(
            Query::parse("250-first\n250-second"),
            Ok(Query::Line(_))
        ));
        let err = Query::parse("250-first\n550 second").unwrap_err();
        assert!(err.problem.starts_with("line 2, character 1:"), "{err}");
    }

    #[test]
    fn positions_count_characters_from_1() {
        let err = Query::parse("55O").unwrap_err();
        assert!(err.problem.starts_with("character 3 is 'O'"), "{err}");
        let err = Query::parse("5.1.x").unwrap_err();
        assert!(err.problem.starts_with("character 5 is 'x'"), "{err}");
        let err = Query::parse("ab. cd").unwrap_err();
        assert!(err.problem.starts_with("character 1 is 'a'"), "{err}");
        assert_eq!(position("ü5x", 3), "character 3");
        assert_eq!(position("a\nbc", 3), "line 2, character 2");
        assert_eq!(position("abc", 99), "character 4");
    }

    #[test]
    fn errors_escape_what_came_from_outside() {
        let err = Query::parse("55\u{1b}]0;x\u{7}").unwrap_err();
        let shown = err.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        // The problem itself keeps the input's character, for JSON.
        assert!(err.problem.contains('\u{1b}'), "{err:?}");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any text, control characters and line breaks too: no panic; an error quotes the
        /// input, escaped, and suggests at most three codes, each a typo away.
        #[test]
        fn parse_reads_any_text(text in "(?s)(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}\\u{202e}]|[0-9. -]){0,30}") {
            match Query::parse(&text) {
                Ok(Query::Basic(code)) => prop_assert_eq!(code.code().to_string(), text.trim()),
                Ok(_) => {}
                Err(err) => {
                    prop_assert!(err.suggestions.len() <= 3);
                    let word = err.input.split(char::is_whitespace).next().unwrap_or("");
                    let code = word.split('-').next().unwrap_or(word);
                    for suggestion in &err.suggestions {
                        // A typo of the first word, or of the code before its `-`.
                        let near = typo(word, suggestion).or(typo(code, suggestion));
                        prop_assert!(near.is_some(), "{}: {}", word, suggestion);
                    }
                    let shown = err.to_string();
                    prop_assert!(!shown.is_empty());
                    prop_assert!(!shown.chars().any(char::is_control), "{:?}", shown);
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
