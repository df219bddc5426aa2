//! What a rule means, written plainly: which replies a [`When`] matches, and when one rule
//! matches every reply another does. The library's compiled matcher must give the same
//! answers as [`When::matches`]; its tests check that on every rule's example.
//!
//! A reply is seen as a [`Query`]: its code, the enhanced code that starts its first line, its
//! [`text`](normalized_text) (every line without its leading enhanced code, joined with single
//! spaces, ASCII letters in lower case), and what the caller knows: the command it answered and
//! the remote host or recipient domain.

/// An enhanced code as a rule writes it: exact (`5.7.1`), by subject (`5.7.*`) or by class
/// (`5.*.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnhancedPattern {
    pub class: u8,
    pub subject: Option<u16>,
    pub detail: Option<u16>,
}

impl EnhancedPattern {
    /// Reads `C.S.D`, `C.S.*` or `C.*.*`; `None` for anything else. The numbers are read as
    /// decimal without leading zeros, as in a reply.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.');
        let (class, subject, detail) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let class = match class {
            "2" => 2,
            "4" => 4,
            "5" => 5,
            _ => return None,
        };
        let number = |part: &str| -> Option<Option<u16>> {
            if part == "*" {
                return Some(None);
            }
            number(part).map(Some)
        };
        let (subject, detail) = (number(subject)?, number(detail)?);
        if subject.is_none() && detail.is_some() {
            return None;
        }
        Some(EnhancedPattern {
            class,
            subject,
            detail,
        })
    }

    /// Whether the enhanced code `(class, subject, detail)` fits the pattern.
    pub fn matches(&self, (class, subject, detail): (u8, u16, u16)) -> bool {
        self.class == class
            && self.subject.is_none_or(|s| s == subject)
            && self.detail.is_none_or(|d| d == detail)
    }

    /// Whether every code that fits `other` fits this pattern too.
    pub fn covers(&self, other: &EnhancedPattern) -> bool {
        self.class == other.class
            && (self.subject.is_none() || self.subject == other.subject)
            && (self.detail.is_none() || self.detail == other.detail)
    }
}

/// One to three decimal digits without a leading zero (a lone `0` is fine), as a number.
fn number(part: &str) -> Option<u16> {
    let well_formed = !part.is_empty()
        && part.len() <= 3
        && part.bytes().all(|b| b.is_ascii_digit())
        && (part.len() == 1 || !part.starts_with('0'));
    if well_formed { part.parse().ok() } else { None }
}

/// The enhanced code that starts `text` and the text after it, read as a reply's is: `C.S.D`
/// with C 2, 4 or 5, not followed by a letter, a digit, a dot or a character beyond ASCII.
pub fn enhanced_prefix(text: &str) -> Option<((u8, u16, u16), &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (code, rest) = text.split_at(end);
    // A dot that ends the run belongs to the sentence, not the code: "5.1.1." is not read.
    let pattern = EnhancedPattern::parse(code)?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || !c.is_ascii()) {
        return None;
    }
    Some(((pattern.class, pattern.subject?, pattern.detail?), rest))
}

/// The text rules see: each line without the enhanced code that starts it (and the blanks
/// after it), the lines joined with one space, ASCII letters in lower case. Bytes that are not
/// UTF-8 are kept as the lossy form's U+FFFD, which no pattern contains.
pub fn normalized_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let rest = match enhanced_prefix(line) {
            Some((_, rest)) => rest.trim_start_matches([' ', '\t']),
            None => line,
        };
        out.push_str(&rest.to_ascii_lowercase());
    }
    out
}

/// A reply and what the caller knows about it, as rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// The basic code; `None` for a text that came without one, such as a line of a bounce
    /// message, which only rules without a code, class or enhanced code can match.
    pub code: Option<u16>,
    pub enhanced: Option<(u8, u16, u16)>,
    /// The [`normalized_text`].
    pub text: &'a str,
    /// The index of the command it answered, in the data's `[[command]]` order.
    pub stage: Option<usize>,
    /// The remote host's name or the recipient's domain, in lower case.
    pub hosts: [Option<&'a str>; 2],
}

/// What one rule matches; every condition that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    pub code: Option<u16>,
    pub class: Option<u8>,
    pub enhanced: Option<EnhancedPattern>,
    /// Substrings, in lower case, that must all occur in the text.
    pub text: Vec<String>,
    pub stage: Option<usize>,
    /// Domain suffixes, in lower case, one of which the host or domain must end with.
    pub hosts: Vec<String>,
}

impl When {
    /// Whether the rule matches the reply. Rules only ever match failures (class 4 or 5).
    pub fn matches(&self, query: &Query<'_>) -> bool {
        let class = query.code.map(|c| c / 100);
        class.is_none_or(|c| c == 4 || c == 5)
            && self.code.is_none_or(|c| query.code == Some(c))
            && self.class.is_none_or(|c| class == Some(u16::from(c)))
            && self
                .enhanced
                .is_none_or(|p| query.enhanced.is_some_and(|e| p.matches(e)))
            && self.text.iter().all(|t| query.text.contains(t.as_str()))
            && self.stage.is_none_or(|s| query.stage == Some(s))
            && (self.hosts.is_empty()
                || query
                    .hosts
                    .iter()
                    .flatten()
                    .any(|h| self.hosts.iter().any(|s| host_within(h, s))))
    }

    /// Whether this rule matches every reply that `later` matches, so that `later`, coming
    /// after it, could never decide.
    pub fn shadows(&self, later: &When) -> bool {
        let later_class = later
            .class
            .or(later.code.map(|c| (c / 100) as u8))
            .or(later.enhanced.map(|e| e.class));
        self.code.is_none_or(|c| later.code == Some(c))
            && self.class.is_none_or(|c| later_class == Some(c))
            && self
                .enhanced
                .is_none_or(|p| later.enhanced.is_some_and(|l| p.covers(&l)))
            && self
                .text
                .iter()
                .all(|t| later.text.iter().any(|l| l.contains(t.as_str())))
            && self.stage.is_none_or(|s| later.stage == Some(s))
            && (self.hosts.is_empty()
                || (!later.hosts.is_empty()
                    && later
                        .hosts
                        .iter()
                        .all(|l| self.hosts.iter().any(|s| host_within(l, s)))))
    }
}

/// Whether `host` is the domain `suffix` or inside it (ends with `.suffix`), ignoring ASCII case.
pub fn host_within(host: &str, suffix: &str) -> bool {
    // A fully qualified name may end in a dot: `mx.google.com.`.
    let host = host.strip_suffix('.').unwrap_or(host);
    let (host, suffix) = (host.as_bytes(), suffix.as_bytes());
    if host.len() < suffix.len() {
        return false;
    }
    let (head, tail) = host.split_at(host.len() - suffix.len());
    tail.eq_ignore_ascii_case(suffix) && (head.is_empty() || head.ends_with(b"."))
}

/// The code, enhanced code and normalized text of an example: a reply, its lines separated by
/// `\n`, each `NNN text` or `NNN-text` (a first line whose rest was not recorded may end in
/// `-`); or a text with no code, such as a mail server writes in a bounce message about a
/// local delivery. `None` when a line of a reply does not start with the first line's code.
pub fn parse_example(example: &str) -> Option<Example> {
    let Some(code) = leading_code(example) else {
        return Some(Example {
            code: None,
            enhanced: None,
            text: normalized_text([example]),
        });
    };
    let mut texts = Vec::new();
    for line in example.split('\n') {
        if leading_code(line) != Some(code) {
            return None;
        }
        let rest = &line[3..];
        texts.push(rest.strip_prefix([' ', '-']).unwrap_or(rest));
    }
    let enhanced = texts
        .first()
        .and_then(|t| enhanced_prefix(t))
        .map(|(e, _)| e);
    Some(Example {
        code: Some(code),
        enhanced,
        text: normalized_text(texts),
    })
}

/// A rule's example as rules see it; see [`parse_example`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub code: Option<u16>,
    pub enhanced: Option<(u8, u16, u16)>,
    pub text: String,
}

impl Example {
    /// The example as a query, with what the caller knows.
    pub fn query<'a>(&'a self, stage: Option<usize>, host: Option<&'a str>) -> Query<'a> {
        Query {
            code: self.code,
            enhanced: self.enhanced,
            text: &self.text,
            stage,
            hosts: [host, None],
        }
    }
}

/// The code that starts a reply line: three digits from 200 to 599, then a space, a `-` or the
/// end.
fn leading_code(line: &str) -> Option<u16> {
    let digits = line.get(..3)?;
    let after = line.as_bytes().get(3);
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(after, None | Some(b' ' | b'-')) {
        return None;
    }
    let code: u16 = digits.parse().ok()?;
    (200..=599).contains(&code).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enhanced_patterns_read_exact_subject_and_class_forms() {
        let p = EnhancedPattern::parse;
        assert_eq!(
            p("5.7.26"),
            Some(EnhancedPattern {
                class: 5,
                subject: Some(7),
                detail: Some(26)
            })
        );
        assert!(p("5.7.*").unwrap().matches((5, 7, 606)));
        assert!(!p("5.7.*").unwrap().matches((5, 1, 1)));
        assert!(p("4.*.*").unwrap().matches((4, 2, 0)));
        for bad in [
            "5.*.1", "3.1.1", "5.01.1", "5.1", "5.1.1.1", "5.1.1000", "x.1.1", "",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert!(p("5.*.*").unwrap().covers(&p("5.7.1").unwrap()));
        assert!(!p("5.7.1").unwrap().covers(&p("5.7.*").unwrap()));
    }

    #[test]
    fn the_text_loses_each_lines_enhanced_code_and_its_case() {
        assert_eq!(
            normalized_text(["5.7.1 Message REJECTED, see", "5.7.1 https://x.test/"]),
            "message rejected, see https://x.test/"
        );
        // Not an enhanced code: kept.
        assert_eq!(normalized_text(["5.1.1a text"]), "5.1.1a text");
        assert_eq!(enhanced_prefix("5.1.1"), Some(((5, 1, 1), "")));
    }

    #[test]
    fn examples_are_replies_of_one_or_more_lines_or_bare_texts() {
        let example = parse_example("550-5.7.1 Listed at\n550 5.7.1 zen.spamhaus.org").unwrap();
        assert_eq!(
            (example.code, example.enhanced),
            (Some(550), Some((5, 7, 1)))
        );
        assert_eq!(example.text, "listed at zen.spamhaus.org");
        assert_eq!(
            parse_example("550-Only the first line").unwrap().text,
            "only the first line"
        );
        assert_eq!(
            parse_example("Maildir over quota."),
            Some(Example {
                code: None,
                enhanced: None,
                text: "maildir over quota.".to_owned()
            })
        );
        assert_eq!(parse_example("550-one\n551 two"), None);
    }

    #[test]
    fn hosts_match_at_label_boundaries_only() {
        assert!(host_within("gmail-smtp-in.l.google.com", "google.com"));
        assert!(host_within("Google.COM", "google.com"));
        assert!(host_within("mx.google.com.", "google.com"));
        assert!(!host_within("notgoogle.com", "google.com"));
        assert!(!host_within("com", "google.com"));
    }

    #[test]
    fn rules_match_failures_with_every_condition() {
        let when = When {
            class: Some(5),
            enhanced: EnhancedPattern::parse("5.7.*"),
            text: vec!["blocked using".to_owned()],
            ..When::default()
        };
        let example =
            parse_example("554 5.7.1 Service unavailable; Client host blocked using zen").unwrap();
        let query = example.query(None, None);
        assert!(when.matches(&query));
        assert!(!when.matches(&Query {
            code: Some(454),
            ..query
        }));
        assert!(!when.matches(&Query {
            text: "blocked",
            ..query
        }));
        // A success never matches, whatever its text.
        let anything = When {
            text: vec!["blocked using".to_owned()],
            ..When::default()
        };
        assert!(!anything.matches(&Query {
            code: Some(250),
            ..query
        }));
        // A text with no code: only rules that name no code can match it.
        let bare = Query {
            code: None,
            enhanced: None,
            ..query
        };
        assert!(anything.matches(&bare));
        assert!(!when.matches(&bare));
    }

    #[test]
    fn a_rule_shadows_a_later_one_it_always_matches_first() {
        let broad = When {
            text: vec!["user unknown".to_owned()],
            ..When::default()
        };
        let narrow = When {
            code: Some(550),
            text: vec!["recipient: user unknown".to_owned()],
            ..When::default()
        };
        assert!(broad.shadows(&narrow));
        assert!(!narrow.shadows(&broad));
        let hosted = When {
            hosts: vec!["google.com".to_owned()],
            ..broad.clone()
        };
        assert!(!hosted.shadows(&narrow));
        assert!(hosted.shadows(&When {
            hosts: vec!["mx.google.com".to_owned()],
            ..narrow.clone()
        }));
    }
}
