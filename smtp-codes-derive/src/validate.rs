//! Stage 4: the rules the rows must follow together. Every broken rule is reported, not just the
//! first, so one build lists everything to fix.

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::items;
use crate::model::{Codes, Located, NumberedRow};
use crate::source::Source;

/// What validation resolved, for each reply in file order: its category and its trigger commands,
/// as indices into [`Codes::categories`] and [`Codes::commands`].
///
/// For each enhanced row, in file order: its subject and detail numbers, and its subject, classes
/// and basic codes as indices into [`Codes::subjects`], [`Codes::classes`] and [`Codes::replies`].
#[derive(Debug, Default)]
pub struct Links {
    pub category: Vec<usize>,
    pub triggers: Vec<Vec<usize>>,
    pub enhanced_parts: Vec<(u16, u16)>,
    pub enhanced_subject: Vec<usize>,
    pub enhanced_classes: Vec<Vec<usize>>,
    pub enhanced_basic: Vec<Vec<usize>>,
}

/// Checks the rows. Returns the resolved links and every problem found, in file order. The links
/// are only fit for generating code when no problem [excludes its row](Diagnostic::excludes_row).
pub fn check(codes: &Codes, source: &Source) -> (Links, Vec<Diagnostic>) {
    let mut links = Links::default();
    let mut v = Validator {
        source,
        problems: Vec::new(),
    };

    v.numbered(
        &codes.categories,
        &Numbered {
            what: "category digit",
            variant: "`Category` variant",
            ty: "Category",
            items: items::CATEGORY,
            allowed: &[2, 3, 4, 5],
            rule: "SMTP reply categories are 2, 3, 4 and 5",
        },
    );

    let mut verbs = Seen::new("command verb");
    let mut command_variants = Seen::identifying("`Command` variant");
    for row in &codes.commands {
        if row.verb.value.is_empty() || row.verb.value.chars().any(char::is_whitespace) {
            v.report(
                &row.verb.span,
                format!(
                    "command verb {:?} must be one word with no spaces",
                    row.verb.value
                ),
            );
        }
        v.unique(&mut verbs, &row.verb, row.verb.value.to_ascii_uppercase());
        v.variant_name(&row.variant, "Command", items::COMMAND);
        v.unique(
            &mut command_variants,
            &row.variant,
            row.variant.value.clone(),
        );
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.rfcs(&row.rfcs);
    }

    let mut codes_seen = Seen::identifying("reply code");
    let mut reply_variants = Seen::identifying("`ReplyCode` variant");
    let mut names = Seen::new("reply name");
    for row in &codes.replies {
        let code = row.code.value;
        let category = codes
            .categories
            .iter()
            .position(|c| c.number.value == code / 100);
        if !(200..=599).contains(&code) {
            v.exclude(
                &row.code.span,
                format!(
                    "reply code {code} is out of range: a reply code is three digits from 200 to 599"
                ),
            );
        } else if category.is_none() {
            v.exclude(
                &row.code.span,
                format!(
                    "reply code {code} has no category: add a `[[category]]` entry with `digit = {}`",
                    code / 100
                ),
            );
        }
        v.unique(&mut codes_seen, &row.code, code);
        v.variant_name(&row.variant, "ReplyCode", items::REPLY);
        v.unique(&mut reply_variants, &row.variant, row.variant.value.clone());
        v.unique(&mut names, &row.name, row.name.value.to_lowercase());
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.text("when", &row.when);
        v.text("remediation", &row.remediation);

        let mut triggers = Seen::new("trigger");
        let mut commands = Vec::with_capacity(row.triggers.len());
        for trigger in &row.triggers {
            let command = codes
                .commands
                .iter()
                .position(|c| c.verb.value == trigger.value);
            commands.extend(command);
            if command.is_none() {
                let known: Vec<&str> = codes
                    .commands
                    .iter()
                    .map(|c| c.verb.value.as_str())
                    .collect();
                v.report(
                    &trigger.span,
                    format!(
                        "unknown trigger command {:?}; use a `verb` from the `[[command]]` table: {}",
                        trigger.value,
                        known.join(", ")
                    ),
                );
            }
            v.unique(&mut triggers, trigger, trigger.value.clone());
        }
        if row.standard && row.rfcs.is_empty() {
            v.report(
                &row.header,
                format!(
                    "reply code {code} is marked `standard = true` but lists no RFC: add the RFCs that define it, or set `standard = false`"
                ),
            );
        }
        v.rfcs(&row.rfcs);
        links.category.extend(category);
        links.triggers.push(commands);
    }

    check_enhanced(codes, &mut v, &mut links);

    v.problems.sort_by_key(|d| d.span.start);
    (links, v.problems)
}

/// The enhanced status code tables: classes, subjects and the registered codes.
fn check_enhanced(codes: &Codes, v: &mut Validator<'_>, links: &mut Links) {
    v.numbered(
        &codes.classes,
        &Numbered {
            what: "enhanced class",
            variant: "`EnhancedClass` variant",
            ty: "EnhancedClass",
            items: items::CLASS,
            allowed: &[2, 4, 5],
            rule: "RFC 3463 defines classes 2, 4 and 5",
        },
    );
    v.numbered(
        &codes.subjects,
        &Numbered {
            what: "enhanced subject",
            variant: "`EnhancedSubject` variant",
            ty: "EnhancedSubject",
            items: items::SUBJECT,
            allowed: &[],
            rule: "a subject is a number from 0 to 999",
        },
    );

    let mut seen_codes = Seen::identifying("enhanced code");
    let mut variants = Seen::identifying("`EnhancedStatus` variant");
    for row in &codes.enhanced {
        let parts = match enhanced_parts(&row.code.value) {
            Ok(parts) => Some(parts),
            Err(message) => {
                v.exclude(&row.code.span, message);
                None
            }
        };
        let subject = parts.and_then(|(subject, _)| {
            let found = codes
                .subjects
                .iter()
                .position(|s| s.number.value == i64::from(subject));
            if found.is_none() {
                v.exclude(
                    &row.code.span,
                    format!(
                        "enhanced code {} has subject {subject}, which is missing from the `[[enhanced_subject]]` table",
                        row.code.value
                    ),
                );
            }
            found
        });
        if let Some(parts) = parts {
            let located = Located {
                value: row.code.value.clone(),
                span: row.code.span.clone(),
            };
            v.unique(&mut seen_codes, &located, parts);
        }
        v.variant_name(&row.variant, "EnhancedStatus", items::ENHANCED);
        v.unique(&mut variants, &row.variant, row.variant.value.clone());
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.text("when", &row.when);
        v.text("remediation", &row.remediation);

        if row.classes.is_empty() {
            v.report(
                &row.header,
                format!(
                    "enhanced code {} lists no class: set `classes` to the classes (2, 4, 5) it is used with",
                    row.code.value
                ),
            );
        }
        let mut class_seen = Seen::new("class");
        let mut class_indices = Vec::with_capacity(row.classes.len());
        for class in &row.classes {
            match codes
                .classes
                .iter()
                .position(|c| c.number.value == class.value)
            {
                Some(index) => class_indices.push(index),
                None => v.report(
                    &class.span,
                    format!(
                        "class {} is not in the `[[enhanced_class]]` table",
                        class.value
                    ),
                ),
            }
            v.unique(&mut class_seen, class, class.value);
        }

        let mut basic_seen = Seen::new("basic code");
        let mut basic_indices = Vec::with_capacity(row.basic.len());
        for basic in &row.basic {
            match codes.replies.iter().position(|r| r.code.value == basic.value) {
                Some(index) => basic_indices.push(index),
                None => v.report(
                    &basic.span,
                    format!(
                        "associated basic code {} is not in the `[[reply]]` table: add it there first",
                        basic.value
                    ),
                ),
            }
            let class = basic.value / 100;
            if !row.classes.iter().any(|c| c.value == class) {
                v.report(
                    &basic.span,
                    format!(
                        "basic code {} is a {class}yz reply, but {} does not list class {class} in `classes`",
                        basic.value, row.code.value
                    ),
                );
            }
            v.unique(&mut basic_seen, basic, basic.value);
        }
        match &row.reference {
            Some(reference) => v.text("reference", reference),
            None if row.rfcs.is_empty() => v.report(
                &row.header,
                format!(
                    "enhanced code {} lists no RFC: add the RFC that registered it to `rfcs`, or name another document in `reference`",
                    row.code.value
                ),
            ),
            None => {}
        }
        v.rfcs(&row.rfcs);

        links.enhanced_parts.extend(parts);
        links.enhanced_subject.extend(subject);
        links.enhanced_classes.push(class_indices);
        links.enhanced_basic.push(basic_indices);
    }
}

/// The subject and detail of an enhanced code written `X.<subject>.<detail>`.
fn enhanced_parts(code: &str) -> Result<(u16, u16), String> {
    let malformed = |why: &str| {
        format!(
            "enhanced code {code:?} is malformed: {why}; write it as X.<subject>.<detail>, such as X.1.1, with numbers from 0 to 999 and no leading zeros"
        )
    };
    let mut parts = code.split('.');
    let (Some(class), Some(subject), Some(detail), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("it needs exactly three parts"));
    };
    if class != "X" {
        return Err(malformed(
            "the first part must be `X` (the classes it is used with go in `classes`)",
        ));
    }
    let number = |part: &str| -> Result<u16, String> {
        let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits || part.len() > 3 {
            return Err(malformed(&format!(
                "{part:?} is not a number from 0 to 999"
            )));
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(malformed(&format!("{part:?} has a leading zero")));
        }
        part.parse()
            .map_err(|_| malformed(&format!("{part:?} is not a number")))
    };
    Ok((number(subject)?, number(detail)?))
}

/// The strict and reserved keywords of every edition up to 2024. A variant named after one could
/// only be written as a raw identifier, such as `ReplyCode::r#gen`.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// An ASCII letter or `_`, then ASCII letters, digits and `_`; `_` alone is a pattern, not a name.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The rules for one of the small numbered tables.
struct Numbered {
    /// What the number is, for messages: "category digit".
    what: &'static str,
    /// What the variant names, for messages: "`Category` variant".
    variant: &'static str,
    /// The enum's name and the items generated on it, which a variant may not take.
    ty: &'static str,
    items: &'static [&'static str],
    /// The numbers allowed; empty for any from 0 to 999.
    allowed: &'static [i64],
    /// The rule, for the out-of-range message.
    rule: &'static str,
}

struct Validator<'a> {
    source: &'a Source,
    problems: Vec<Diagnostic>,
}

/// The first place each key was defined, to name it in a duplicate's message.
struct Seen<K> {
    what: &'static str,
    first: HashMap<K, Range<usize>>,
    /// The key names the generated item (a variant or its number): a row that repeats it
    /// cannot be generated beside the first.
    identifies: bool,
}

impl<K: Hash + Eq> Seen<K> {
    fn new(what: &'static str) -> Self {
        Seen {
            what,
            first: HashMap::new(),
            identifies: false,
        }
    }

    fn identifying(what: &'static str) -> Self {
        Seen {
            identifies: true,
            ..Seen::new(what)
        }
    }
}

impl Validator<'_> {
    /// Checks a numbered table: numbers in range and unique, variants valid and unique, text.
    fn numbered(&mut self, rows: &[NumberedRow], rules: &Numbered) {
        let mut numbers = Seen::identifying(rules.what);
        let mut variants = Seen::identifying(rules.variant);
        for row in rows {
            let number = row.number.value;
            let allowed = if rules.allowed.is_empty() {
                (0..=999).contains(&number)
            } else {
                rules.allowed.contains(&number)
            };
            if !allowed {
                self.exclude(
                    &row.number.span,
                    format!("{} {number} is out of range: {}", rules.what, rules.rule),
                );
            }
            self.unique(&mut numbers, &row.number, number);
            self.variant_name(&row.variant, rules.ty, rules.items);
            self.unique(&mut variants, &row.variant, row.variant.value.clone());
            self.text("name", &row.name);
            self.text("description", &row.description);
        }
    }

    fn report(&mut self, span: &Range<usize>, message: String) {
        self.problems.push(Diagnostic::new(span.clone(), message));
    }

    /// Reports a problem that keeps its row from being generated.
    fn exclude(&mut self, span: &Range<usize>, message: String) {
        self.problems
            .push(Diagnostic::excluding(span.clone(), message));
    }

    fn unique<T: std::fmt::Debug, K: Hash + Eq>(
        &mut self,
        seen: &mut Seen<K>,
        at: &Located<T>,
        key: K,
    ) {
        if let Some(first) = seen.first.get(&key) {
            let message = format!(
                "duplicate {} {:?} (first defined at {}); each must be unique",
                seen.what,
                at.value,
                self.source.position(first.start)
            );
            if seen.identifies {
                self.exclude(&at.span, message);
            } else {
                self.report(&at.span, message);
            }
        } else {
            seen.first.insert(key, at.span.clone());
        }
    }

    /// A variant name must be an ASCII identifier that is neither a keyword nor the name of an
    /// item the macro generates on the enum `ty` (its `items`).
    fn variant_name(&mut self, variant: &Located<String>, ty: &str, items: &[&str]) {
        let name = variant.value.as_str();
        let message = if let Some(c) = name.chars().find(|c| !c.is_ascii()) {
            // Rust accepts many scripts in identifiers, but a letter that looks like a Latin one
            // would make two names that read the same.
            format!(
                "variant {name:?} contains {c:?} (U+{:04X}), which is not ASCII: use ASCII letters, digits and `_` only, so that no two names look alike",
                u32::from(c)
            )
        } else if !is_identifier(name) {
            format!(
                "variant {name:?} is not a Rust identifier: use letters, digits and `_`, not starting with a digit"
            )
        } else if KEYWORDS.contains(&name) {
            // A raw identifier (`r#gen`) would make every user write `ReplyCode::r#gen`.
            let mut camel = name[..1].to_ascii_uppercase();
            camel.push_str(&name[1..]);
            let instead = if camel != name && !KEYWORDS.contains(&camel.as_str()) {
                format!(", such as {camel:?}")
            } else {
                String::new()
            };
            format!("variant {name:?} is a Rust keyword: choose another name{instead}")
        } else if items.contains(&name) {
            format!(
                "variant {name:?} has the name of the generated item `{ty}::{name}`, which it would hide: choose another name"
            )
        } else {
            return;
        };
        self.exclude(&variant.span, message);
    }

    fn text(&mut self, key: &str, text: &Located<String>) {
        if text.value.trim().is_empty() {
            self.report(
                &text.span,
                format!("`{key}` is empty: write the text a reader needs here"),
            );
        }
    }

    fn rfcs(&mut self, rfcs: &[Located<i64>]) {
        let mut seen = Seen::new("RFC");
        for rfc in rfcs {
            // The generated `rfcs()` accessors return `u16`: a larger number would be cut short.
            if !(1..=i64::from(u16::MAX)).contains(&rfc.value) {
                self.report(
                    &rfc.span,
                    format!(
                        "{} is not an RFC number: write a number from 1 to 65535",
                        rfc.value
                    ),
                );
            }
            self.unique(&mut seen, rfc, rfc.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse;
    use crate::model::build;

    fn problems(replies: &str) -> Vec<String> {
        let text = format!(
            r#"
[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive Completion"
description = "done"

[[category]]
digit = 5
variant = "PermanentNegative"
name = "Permanent Negative Completion"
description = "refused"

[[command]]
verb = "NOOP"
variant = "Noop"
name = "No Operation"
description = "nothing"
rfcs = [5321]

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

[[enhanced_subject]]
subject = 0
variant = "Other"
name = "Other or Undefined Status"
description = "Nothing more specific."

[[enhanced]]
code = "X.0.0"
variant = "OtherUndefinedStatus"
name = "Other undefined Status"
description = "Only the class is known."
when = "Anywhere."
remediation = "Read the text."
classes = [2]
basic = []
rfcs = [3463]
{replies}"#
        );
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let (codes, shape) = build(&document);
        assert!(shape.is_empty(), "{shape:?}");
        let (links, problems) = check(&codes, &source);
        if problems.is_empty() {
            assert_eq!(links.category.len(), codes.replies.len());
        }
        problems.iter().map(|d| d.render(&source)).collect()
    }

    fn reply(code: &str, variant: &str, name: &str, triggers: &str) -> String {
        format!(
            "\n[[reply]]\ncode = {code}\nvariant = \"{variant}\"\nname = \"{name}\"\ndescription = \"d\"\nwhen = \"w\"\nremediation = \"r\"\ntriggers = [{triggers}]\nstandard = true\nrfcs = [5321]\n"
        )
    }

    #[test]
    fn valid_rows_pass() {
        let found =
            problems(&(reply("250", "Ok", "OK", "\"NOOP\"") + &reply("550", "Nope", "No", "")));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn duplicates_name_the_first_definition() {
        let found = problems(&(reply("250", "Ok", "OK", "") + &reply("250", "Ok", "ok", "")));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].contains("duplicate reply code 250 (first defined at <inline>:45:8)"),
            "{found:?}"
        );
        assert!(
            found[1].contains("duplicate `ReplyCode` variant \"Ok\""),
            "{found:?}"
        );
        assert!(
            found[2].contains("duplicate reply name \"ok\""),
            "{found:?}"
        );
    }

    #[test]
    fn every_bad_row_is_reported_in_one_pass() {
        let found = problems(
            &(reply("199", "Low", "Low", "")
                + &reply("2500", "High", "High", "")
                + &reply("450", "NoCategory", "Nc", "")
                + &reply("251", "fn", "Kw", "")
                + &reply("252", "Two Words", "Tw", "\"ehlo\"")),
        );
        let joined = found.join("\n");
        assert!(
            joined.contains("reply code 199 is out of range"),
            "{joined}"
        );
        assert!(
            joined.contains("reply code 2500 is out of range"),
            "{joined}"
        );
        assert!(
            joined.contains("reply code 450 has no category"),
            "{joined}"
        );
        assert!(
            joined.contains("variant \"fn\" is a Rust keyword"),
            "{joined}"
        );
        assert!(
            joined.contains("variant \"Two Words\" is not a Rust identifier"),
            "{joined}"
        );
        assert!(
            joined.contains(
                "unknown trigger command \"ehlo\"; use a `verb` from the `[[command]]` table: NOOP"
            ),
            "{joined}"
        );
        assert_eq!(found.len(), 6, "{joined}");
    }

    #[test]
    fn variant_names_are_ascii_identifiers_that_hide_nothing() {
        let found = problems(
            &(reply("250", "gen", "A", "")
                + &reply("251", "try", "B", "")
                + &reply("252", "Self", "C", "")
                + &reply("253", "ALL", "D", "")
                + &reply("254", "from_u16", "E", "")
                + &reply("255", "code", "F", "")
                + &reply("256", "enhanced_codes", "G", "")
                + &reply("257", "\u{41e}k", "H", "")
                + &reply("258", "_", "I", "")
                + &reply("259", "Fine_2", "J", "")),
        );
        let joined = found.join("\n");
        for keyword in ["gen", "try", "Self"] {
            assert!(
                joined.contains(&format!("variant {keyword:?} is a Rust keyword")),
                "{joined}"
            );
        }
        assert!(joined.contains("such as \"Gen\""), "{joined}");
        for item in ["ALL", "from_u16", "code", "enhanced_codes"] {
            assert!(
                joined.contains(&format!(
                    "variant {item:?} has the name of the generated item `ReplyCode::{item}`"
                )),
                "{joined}"
            );
        }
        assert!(
            joined.contains(
                "variant \"\u{41e}k\" contains '\u{41e}' (U+041E), which is not ASCII: use ASCII letters"
            ),
            "{joined}"
        );
        assert!(
            joined.contains("variant \"_\" is not a Rust identifier"),
            "{joined}"
        );
        assert_eq!(found.len(), 9, "{joined}");
    }

    #[test]
    fn every_table_checks_its_variant_names_against_its_own_items() {
        let text = format!(
            "{}{}",
            "[[category]]\ndigit = 2\nvariant = \"digit\"\nname = \"n\"\ndescription = \"d\"\n",
            "[[command]]\nverb = \"NOOP\"\nvariant = \"replies\"\nname = \"n\"\ndescription = \"d\"\nrfcs = []\n\
             [[enhanced_class]]\nclass = 2\nvariant = \"from_digit\"\nname = \"n\"\ndescription = \"d\"\n\
             [[enhanced_subject]]\nsubject = 0\nvariant = \"number\"\nname = \"n\"\ndescription = \"d\"\n\
             [[enhanced]]\ncode = \"X.0.0\"\nvariant = \"basic_codes\"\nname = \"n\"\ndescription = \"d\"\n\
             when = \"w\"\nremediation = \"r\"\nclasses = [2]\nbasic = []\nrfcs = [3463]\n\
             [[reply]]\ncode = 250\nvariant = \"digit\"\nname = \"n\"\ndescription = \"d\"\n\
             when = \"w\"\nremediation = \"r\"\ntriggers = []\nstandard = false\nrfcs = []\n"
        );
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let (codes, shape) = build(&document);
        assert!(shape.is_empty(), "{shape:?}");
        let found: Vec<String> = check(&codes, &source)
            .1
            .iter()
            .map(|d| d.message.clone())
            .collect();
        let joined = found.join("\n");
        for item in [
            "Category::digit",
            "Command::replies",
            "EnhancedClass::from_digit",
            "EnhancedSubject::number",
            "EnhancedStatus::basic_codes",
        ] {
            assert!(
                joined.contains(&format!("the generated item `{item}`")),
                "{joined}"
            );
        }
        // `digit` is an item of `Category`, not of `ReplyCode`.
        assert_eq!(found.len(), 5, "{joined}");
    }

    #[test]
    fn rfc_numbers_fit_the_accessors_type() {
        let row = reply("250", "Ok", "OK", "").replace("rfcs = [5321]", "rfcs = [0, 65535, 70000]");
        let found = problems(&row);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].ends_with("0 is not an RFC number: write a number from 1 to 65535"));
        assert!(found[1].ends_with("70000 is not an RFC number: write a number from 1 to 65535"));
    }

    #[test]
    fn enhanced_codes_are_written_x_subject_detail() {
        assert_eq!(enhanced_parts("X.1.1"), Ok((1, 1)));
        assert_eq!(enhanced_parts("X.7.30"), Ok((7, 30)));
        assert_eq!(enhanced_parts("X.0.999"), Ok((0, 999)));
        for bad in [
            "5.1.1", "X.1", "X.01.1", "X.1.1.1", "X..1", "X.1000.1", "X.1.x", "x.1.1", "X.1.1 ",
        ] {
            let message = enhanced_parts(bad).unwrap_err();
            assert!(message.contains("is malformed"), "{bad}: {message}");
        }
        assert!(
            enhanced_parts("X.01.1")
                .unwrap_err()
                .contains("leading zero")
        );
        assert!(enhanced_parts("5.1.1").unwrap_err().contains("must be `X`"));
    }

    #[test]
    fn empty_text_and_missing_rfcs_are_reported() {
        let row = reply("250", "Ok", "OK", "")
            .replace("description = \"d\"", "description = \"  \"")
            .replace("rfcs = [5321]", "rfcs = []");
        let found = problems(&row);
        let joined = found.join("\n");
        assert!(joined.contains("`description` is empty"), "{joined}");
        assert!(
            joined.contains("marked `standard = true` but lists no RFC"),
            "{joined}"
        );
    }
}
