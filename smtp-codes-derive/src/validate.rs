//! Stage 4: the rules the rows must follow together. Every broken rule is reported, not just the
//! first, so one build lists everything to fix.

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::model::{Codes, Located};

/// What validation resolved, for each reply in file order: its category and its trigger commands,
/// as indices into [`Codes::categories`] and [`Codes::commands`].
#[derive(Debug, Default)]
pub struct Links {
    pub category: Vec<usize>,
    pub triggers: Vec<Vec<usize>>,
}

/// Checks the rows. Returns the resolved links, or every problem found, in file order.
pub fn check(codes: &Codes, source: &Source) -> Result<Links, Vec<Diagnostic>> {
    let mut links = Links::default();
    let mut v = Validator {
        source,
        problems: Vec::new(),
    };

    let mut digits = Seen::new("category digit");
    let mut category_variants = Seen::new("`Category` variant");
    for row in &codes.categories {
        if !(2..=5).contains(&row.digit.value) {
            v.report(
                &row.digit.span,
                format!(
                    "category digit {} is out of range: SMTP reply categories are 2, 3, 4 and 5",
                    row.digit.value
                ),
            );
        }
        v.unique(&mut digits, &row.digit, row.digit.value);
        v.identifier(&row.variant);
        v.unique(
            &mut category_variants,
            &row.variant,
            row.variant.value.clone(),
        );
        v.text("name", &row.name);
        v.text("description", &row.description);
    }

    let mut verbs = Seen::new("command verb");
    let mut command_variants = Seen::new("`Command` variant");
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
        v.identifier(&row.variant);
        v.unique(
            &mut command_variants,
            &row.variant,
            row.variant.value.clone(),
        );
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.rfcs(&row.rfcs);
    }

    let mut codes_seen = Seen::new("reply code");
    let mut reply_variants = Seen::new("`ReplyCode` variant");
    let mut names = Seen::new("reply name");
    for row in &codes.replies {
        let code = row.code.value;
        let category = codes
            .categories
            .iter()
            .position(|c| c.digit.value == code / 100);
        if !(200..=599).contains(&code) {
            v.report(
                &row.code.span,
                format!(
                    "reply code {code} is out of range: a reply code is three digits from 200 to 599"
                ),
            );
        } else if category.is_none() {
            v.report(
                &row.code.span,
                format!(
                    "reply code {code} has no category: add a `[[category]]` entry with `digit = {}`",
                    code / 100
                ),
            );
        }
        v.unique(&mut codes_seen, &row.code, code);
        v.identifier(&row.variant);
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

    if v.problems.is_empty() {
        Ok(links)
    } else {
        v.problems.sort_by_key(|d| d.span.start);
        Err(v.problems)
    }
}

struct Validator<'a> {
    source: &'a Source,
    problems: Vec<Diagnostic>,
}

/// The first place each key was defined, to name it in a duplicate's message.
struct Seen<K> {
    what: &'static str,
    first: HashMap<K, Range<usize>>,
}

impl<K: Hash + Eq> Seen<K> {
    fn new(what: &'static str) -> Self {
        Seen {
            what,
            first: HashMap::new(),
        }
    }
}

impl Validator<'_> {
    fn report(&mut self, span: &Range<usize>, message: String) {
        self.problems.push(Diagnostic::new(span.clone(), message));
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
            self.report(&at.span, message);
        } else {
            seen.first.insert(key, at.span.clone());
        }
    }

    fn identifier(&mut self, variant: &Located<String>) {
        if syn::parse_str::<syn::Ident>(&variant.value).is_err() || variant.value.starts_with("r#")
        {
            self.report(
                &variant.span,
                format!(
                    "variant {:?} is not a Rust identifier: use letters, digits and `_`, not starting with a digit, and not a keyword",
                    variant.value
                ),
            );
        }
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
            if !(1..=99_999).contains(&rfc.value) {
                self.report(&rfc.span, format!("{} is not an RFC number", rfc.value));
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
{replies}"#
        );
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let (codes, shape) = build(&document);
        assert!(shape.is_empty(), "{shape:?}");
        match check(&codes, &source) {
            Ok(links) => {
                assert_eq!(links.category.len(), codes.replies.len());
                Vec::new()
            }
            Err(problems) => problems.iter().map(|d| d.render(&source)).collect(),
        }
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
            found[0].contains("duplicate reply code 250 (first defined at <inline>:22:8)"),
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
            joined.contains("variant \"fn\" is not a Rust identifier"),
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
