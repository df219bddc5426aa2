//! Stage 4: the rules the rows must follow together. Every broken rule is reported, not just the
//! first, so one build lists everything to fix.

use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

use crate::checked::{Checked, Command, Enhanced, Reason, Reply};
use crate::diagnostic::Problems;
use crate::items;
use crate::model::{Codes, Located, NumberedRow, ReasonRow};
use crate::source::Source;

/// Checks the rows, reporting every problem into `problems`, and returns the rows that can be
/// generated with what they name. A row is left out when a problem keeps it from being generated
/// (a bad variant name, a number that is not unique, a reference that does not resolve) or when
/// a row it depends on is left out (a reply whose category was). Other problems, such as empty
/// text, leave the row in; a reference that does not resolve is then left out of its list.
pub fn check<'a>(codes: &'a Codes, source: &Source, problems: &mut Problems) -> Checked<'a> {
    let mut v = Validator { source, problems };
    let categories = v.numbered(
        &codes.categories,
        &Numbered {
            what: "category digit",
            variant: "`Category` variant",
            ty: "Category",
            items: items::category,
            allowed: &[2, 3, 4, 5],
            rule: "SMTP reply categories are 2, 3, 4 and 5",
        },
    );

    let mut verbs = Seen::new("command verb");
    let mut command_variants = Seen::identifying("`Command` variant");
    let command_items = items::command();
    let mut commands = Vec::with_capacity(codes.commands.len());
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
        let mut usable = v.variant_name(&row.variant, "Command", &command_items);
        usable &= v.unique(
            &mut command_variants,
            &row.variant,
            row.variant.value.clone(),
        );
        v.text("name", &row.name);
        v.text("description", &row.description);
        let rfcs = v.rfcs(&row.rfcs);
        if usable {
            commands.push(Command { row, rfcs });
        }
    }

    let reasons = check_reasons(codes, &mut v);

    let mut codes_seen = Seen::identifying("reply code");
    let mut reply_variants = Seen::identifying("`ReplyCode` variant");
    let reply_items = items::reply();
    let mut names = Seen::new("reply name");
    let mut replies = Vec::with_capacity(codes.replies.len());
    for row in &codes.replies {
        let code = row.code.value;
        let category = codes
            .categories
            .iter()
            .find(|c| c.number.value == code / 100);
        let mut usable = true;
        if !(200..=599).contains(&code) {
            usable = v.exclude(
                &row.code.span,
                format!(
                    "reply code {code} is out of range: a reply code is three digits from 200 to 599"
                ),
            );
        } else if category.is_none() && !codes.left_out.categories.contains(&(code / 100)) {
            usable = v.exclude(
                &row.code.span,
                format!(
                    "reply code {code} has no category: add a `[[category]]` entry with `digit = {}`",
                    code / 100
                ),
            );
        }
        usable &= v.unique(&mut codes_seen, &row.code, code);
        usable &= v.variant_name(&row.variant, "ReplyCode", &reply_items);
        usable &= v.unique(&mut reply_variants, &row.variant, row.variant.value.clone());
        v.unique(&mut names, &row.name, row.name.value.to_lowercase());
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.text("when", &row.when);
        v.text("remediation", &row.remediation);
        v.brief("summary", row.summary.as_ref());
        v.brief("quick_fix", row.quick_fix.as_ref());

        let mut triggers_seen = Seen::new("trigger");
        let mut triggers = Vec::with_capacity(row.triggers.len());
        for trigger in &row.triggers {
            let command = codes
                .commands
                .iter()
                .find(|c| c.verb.value == trigger.value);
            match command {
                Some(command) => triggers.extend(
                    commands
                        .iter()
                        .find(|c| std::ptr::eq(c.row, command))
                        .map(|c| c.row),
                ),
                // A command left out for its shape has been reported already.
                None if codes.left_out.commands.contains(&trigger.value) => {}
                None => {
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
            }
            v.unique(&mut triggers_seen, trigger, trigger.value.clone());
        }
        let mut related_seen = Seen::new("related code");
        for other in &row.related {
            if other.value == code {
                v.report(
                    &other.span,
                    format!("reply code {code} names itself in `related`: list other codes"),
                );
            } else if !codes.replies.iter().any(|r| r.code.value == other.value)
                && !codes.left_out.replies.contains(&other.value)
            {
                v.report(
                    &other.span,
                    format!(
                        "related code {} is not in the `[[reply]]` table: add it there first",
                        other.value
                    ),
                );
            }
            v.unique(&mut related_seen, other, other.value);
        }
        if row.standard && row.rfcs.is_empty() {
            v.report(
                &row.header,
                format!(
                    "reply code {code} is marked `standard = true` but lists no RFC: add the RFCs that define it, or set `standard = false`"
                ),
            );
        }
        let rfcs = v.rfcs(&row.rfcs);
        let reason = v.reason(
            codes,
            &reasons,
            &row.reason,
            &row.header,
            &format!("reply code {code}"),
        );
        // The category must itself be generated; if it was left out, its problem says why.
        let category =
            category.and_then(|c| categories.iter().copied().find(|&k| std::ptr::eq(k, c)));
        if let (true, Some(category), Ok(code)) = (usable, category, u16::try_from(code)) {
            replies.push(Reply {
                row,
                code,
                category,
                triggers,
                rfcs,
                reason,
                related: Vec::new(),
            });
        }
    }
    replies.sort_by_key(|r| r.code);
    relate(&mut replies);

    let (classes, subjects, enhanced) = check_enhanced(codes, &mut v, &replies, &reasons);
    Checked {
        categories,
        commands,
        replies,
        classes,
        subjects,
        enhanced,
        reasons,
    }
}

/// Fills each reply's `related` codes from both sides of every pair the rows name, among the
/// codes that are generated (a code left out has had its own problem reported).
fn relate(replies: &mut [Reply<'_>]) {
    let generated: Vec<u16> = replies.iter().map(|r| r.code).collect();
    let mut pairs: Vec<(u16, u16)> = Vec::new();
    for reply in replies.iter() {
        for other in &reply.row.related {
            if let Ok(other) = u16::try_from(other.value)
                && other != reply.code
                && generated.contains(&other)
            {
                pairs.push((reply.code, other));
                pairs.push((other, reply.code));
            }
        }
    }
    for reply in replies.iter_mut() {
        let mut related: Vec<u16> = pairs
            .iter()
            .filter(|(a, _)| *a == reply.code)
            .map(|&(_, b)| b)
            .collect();
        related.sort_unstable();
        related.dedup();
        reply.related = related;
    }
}

/// The most characters a `summary` or `quick_fix` may have.
const MAX_BRIEF: usize = 72;

/// The `Disposition` variants a reason may name, by the name the data uses.
const DISPOSITIONS: [(&str, &str); 4] = [
    ("success", "Success"),
    ("intermediate", "Intermediate"),
    ("retry-later", "RetryLater"),
    ("give-up", "GiveUp"),
];

/// The `[[reason]]` rows: a token of lower-case letters, unique; a variant name; the texts; a
/// disposition the library has.
fn check_reasons<'a>(codes: &'a Codes, v: &mut Validator<'_>) -> Vec<Reason<'a>> {
    let mut tokens = Seen::identifying("reason token");
    let mut variants = Seen::identifying("`Reason` variant");
    let reason_items = items::reason();
    let mut reasons = Vec::with_capacity(codes.reasons.len());
    for row in &codes.reasons {
        let token = &row.token;
        let mut usable = true;
        if token.value.is_empty() || !token.value.bytes().all(|b| b.is_ascii_lowercase()) {
            usable = v.exclude(
                &token.span,
                format!(
                    "reason token {:?} must be lower-case ASCII letters only, such as \"userunknown\"",
                    token.value
                ),
            );
        }
        usable &= v.unique(&mut tokens, token, token.value.clone());
        usable &= v.variant_name(&row.variant, "Reason", &reason_items);
        usable &= v.unique(&mut variants, &row.variant, row.variant.value.clone());
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.text("remediation", &row.remediation);
        v.brief("summary", row.summary.as_ref());
        v.brief("quick_fix", row.quick_fix.as_ref());
        let disposition = DISPOSITIONS
            .iter()
            .find(|(name, _)| *name == row.disposition.value)
            .map(|&(_, variant)| variant);
        if disposition.is_none() {
            usable = v.exclude(
                &row.disposition.span,
                format!(
                    "unknown disposition {:?}; expected one of: {}",
                    row.disposition.value,
                    DISPOSITIONS.map(|(name, _)| format!("{name:?}")).join(", ")
                ),
            );
        }
        if let (true, Some(disposition)) = (usable, disposition) {
            reasons.push(Reason { row, disposition });
        }
    }
    reasons
}

/// The enhanced status code tables: classes, subjects and the registered codes, which name the
/// checked `replies` as their basic codes.
fn check_enhanced<'a>(
    codes: &'a Codes,
    v: &mut Validator<'_>,
    replies: &[Reply<'a>],
    reasons: &[Reason<'a>],
) -> (
    Vec<&'a NumberedRow>,
    Vec<&'a NumberedRow>,
    Vec<Enhanced<'a>>,
) {
    let classes = v.numbered(
        &codes.classes,
        &Numbered {
            what: "enhanced class",
            variant: "`EnhancedClass` variant",
            ty: "EnhancedClass",
            items: items::class,
            allowed: &[2, 4, 5],
            rule: "RFC 3463 defines classes 2, 4 and 5",
        },
    );
    let subjects = v.numbered(
        &codes.subjects,
        &Numbered {
            what: "enhanced subject",
            variant: "`EnhancedSubject` variant",
            ty: "EnhancedSubject",
            items: items::subject,
            allowed: &[],
            rule: "a subject is a number from 0 to 999",
        },
    );

    let mut seen_codes = Seen::identifying("enhanced code");
    let mut variants = Seen::identifying("`EnhancedStatus` variant");
    let enhanced_items = items::enhanced();
    let mut enhanced = Vec::with_capacity(codes.enhanced.len());
    for row in &codes.enhanced {
        let parts = match enhanced_parts(&row.code.value) {
            Ok(parts) => Some(parts),
            Err(message) => {
                v.exclude(&row.code.span, message);
                None
            }
        };
        let subject = parts.and_then(|(subject, _)| {
            let number = i64::from(subject);
            let found = codes.subjects.iter().find(|s| s.number.value == number);
            if found.is_none() && !codes.left_out.subjects.contains(&number) {
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
        let mut usable = true;
        if let Some(parts) = parts {
            let located = Located {
                value: row.code.value.clone(),
                span: row.code.span.clone(),
            };
            usable &= v.unique(&mut seen_codes, &located, parts);
        }
        usable &= v.variant_name(&row.variant, "EnhancedStatus", &enhanced_items);
        usable &= v.unique(&mut variants, &row.variant, row.variant.value.clone());
        v.text("name", &row.name);
        v.text("description", &row.description);
        v.text("when", &row.when);
        v.text("remediation", &row.remediation);
        v.brief("summary", row.summary.as_ref());
        v.brief("quick_fix", row.quick_fix.as_ref());

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
        let mut row_classes = Vec::with_capacity(row.classes.len());
        for class in &row.classes {
            match codes.classes.iter().find(|c| c.number.value == class.value) {
                Some(found) => {
                    row_classes.extend(classes.iter().copied().find(|&c| std::ptr::eq(c, found)))
                }
                None if codes.left_out.classes.contains(&class.value) => {}
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
        row_classes.sort_by_key(|c| c.number.value);

        let mut basic_seen = Seen::new("basic code");
        let mut basic = Vec::with_capacity(row.basic.len());
        for code in &row.basic {
            match codes.replies.iter().find(|r| r.code.value == code.value) {
                Some(found) => basic.extend(
                    replies
                        .iter()
                        .find(|r| std::ptr::eq(r.row, found))
                        .map(|r| r.row),
                ),
                None if codes.left_out.replies.contains(&code.value) => {}
                None => v.report(
                    &code.span,
                    format!(
                        "associated basic code {} is not in the `[[reply]]` table: add it there first",
                        code.value
                    ),
                ),
            }
            let class = code.value / 100;
            if !row.classes.iter().any(|c| c.value == class) {
                v.report(
                    &code.span,
                    format!(
                        "basic code {} is a {class}yz reply, but {} does not list class {class} in `classes`",
                        code.value, row.code.value
                    ),
                );
            }
            v.unique(&mut basic_seen, code, code.value);
        }
        basic.sort_by_key(|r| r.code.value);
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
        let rfcs = v.rfcs(&row.rfcs);
        let reason = v.reason(
            codes,
            reasons,
            &row.reason,
            &row.header,
            &format!("enhanced code {}", row.code.value),
        );

        let subject_row =
            subject.and_then(|s| subjects.iter().copied().find(|&k| std::ptr::eq(k, s)));
        if let (true, Some((subject, detail)), Some(subject_row)) = (usable, parts, subject_row) {
            enhanced.push(Enhanced {
                row,
                subject,
                detail,
                subject_row,
                classes: row_classes,
                basic,
                rfcs,
                reason,
            });
        }
    }
    enhanced.sort_by_key(|e| (e.subject, e.detail));
    (classes, subjects, enhanced)
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
    items: fn() -> Vec<&'static str>,
    /// The numbers allowed; empty for any from 0 to 999.
    allowed: &'static [i64],
    /// The rule, for the out-of-range message.
    rule: &'static str,
}

struct Validator<'a> {
    source: &'a Source,
    problems: &'a mut Problems,
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
    /// Returns the rows that can be generated, ascending by number.
    fn numbered<'r>(&mut self, rows: &'r [NumberedRow], rules: &Numbered) -> Vec<&'r NumberedRow> {
        let mut numbers = Seen::identifying(rules.what);
        let mut variants = Seen::identifying(rules.variant);
        let items = (rules.items)();
        let mut usable_rows = Vec::with_capacity(rows.len());
        for row in rows {
            let number = row.number.value;
            let allowed = if rules.allowed.is_empty() {
                (0..=999).contains(&number)
            } else {
                rules.allowed.contains(&number)
            };
            let mut usable = true;
            if !allowed {
                usable = self.exclude(
                    &row.number.span,
                    format!("{} {number} is out of range: {}", rules.what, rules.rule),
                );
            }
            usable &= self.unique(&mut numbers, &row.number, number);
            usable &= self.variant_name(&row.variant, rules.ty, &items);
            usable &= self.unique(&mut variants, &row.variant, row.variant.value.clone());
            self.text("name", &row.name);
            self.text("description", &row.description);
            if usable {
                usable_rows.push(row);
            }
        }
        usable_rows.sort_by_key(|r| r.number.value);
        usable_rows
    }

    /// The reason a row names: one of the checked `reasons`. When the data has reasons, every
    /// row must name one; when it has none, no row may.
    fn reason<'r>(
        &mut self,
        codes: &'r Codes,
        reasons: &[Reason<'r>],
        named: &Option<Located<String>>,
        header: &Range<usize>,
        what: &str,
    ) -> Option<&'r ReasonRow> {
        let Some(token) = named else {
            if codes.has_reasons() {
                self.report(
                    header,
                    format!(
                        "{what} names no reason: add `reason = \"...\"` with a token from the `[[reason]]` table"
                    ),
                );
            }
            return None;
        };
        match codes.reasons.iter().find(|r| r.token.value == token.value) {
            Some(found) => reasons
                .iter()
                .find(|r| std::ptr::eq(r.row, found))
                .map(|r| r.row),
            // A reason left out for its shape has been reported already.
            None if codes.left_out.reasons.contains(&token.value) => None,
            None if codes.reasons.is_empty() => {
                self.report(
                    &token.span,
                    format!(
                        "unknown reason {:?}: the data has no `[[reason]]` table",
                        token.value
                    ),
                );
                None
            }
            None => {
                let known: Vec<&str> = codes
                    .reasons
                    .iter()
                    .map(|r| r.token.value.as_str())
                    .collect();
                self.report(
                    &token.span,
                    format!(
                        "unknown reason {:?}; use a `token` from the `[[reason]]` table: {}",
                        token.value,
                        known.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn report(&mut self, span: &Range<usize>, message: String) {
        self.problems.report(span.clone(), message);
    }

    /// Reports a problem that keeps its row from being generated; always `false`, the row's
    /// new standing.
    fn exclude(&mut self, span: &Range<usize>, message: String) -> bool {
        self.report(span, message);
        false
    }

    fn unique<T: std::fmt::Debug, K: Hash + Eq>(
        &mut self,
        seen: &mut Seen<K>,
        at: &Located<T>,
        key: K,
    ) -> bool {
        if let Some(first) = seen.first.get(&key) {
            let message = format!(
                "duplicate {} {:?} (first defined at {}); each must be unique",
                seen.what,
                at.value,
                self.source.position(first.start)
            );
            self.report(&at.span, message);
            !seen.identifies
        } else {
            seen.first.insert(key, at.span.clone());
            true
        }
    }

    /// A variant name must be an ASCII identifier that is neither a keyword nor the name of an
    /// item the macro generates on the enum `ty` (its `items`).
    /// Returns whether the variant can be generated.
    fn variant_name(&mut self, variant: &Located<String>, ty: &str, items: &[&str]) -> bool {
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
            return true;
        };
        self.exclude(&variant.span, message)
    }

    fn text(&mut self, key: &str, text: &Located<String>) {
        if text.value.trim().is_empty() {
            self.report(
                &text.span,
                format!("`{key}` is empty: write the text a reader needs here"),
            );
        }
    }

    /// A text for one line of output, when given: a few words, without a full stop, as it is
    /// printed after `give up: ` and before `; `.
    fn brief(&mut self, key: &str, text: Option<&Located<String>>) {
        let Some(text) = text else {
            return;
        };
        let value = text.value.as_str();
        let problem = if value.trim().is_empty() {
            Some("is empty: write a few words, or leave the key out".to_owned())
        } else if value.contains(['\n', '\r']) {
            Some("spans lines: it is printed on one line; keep it to a few words".to_owned())
        } else if value.chars().count() > MAX_BRIEF {
            Some(format!(
                "is {} characters long: it must fit one line of output, at most {MAX_BRIEF}",
                value.chars().count()
            ))
        } else if key == "summary" && value.contains(';') {
            Some("holds a `;`: one-line output puts one between the summary and the fix".to_owned())
        } else if value.ends_with(['.', ';', ':']) || value != value.trim() {
            Some(
                "ends in punctuation or blanks: it is printed inside a sentence; drop them"
                    .to_owned(),
            )
        } else {
            None
        };
        if let Some(problem) = problem {
            self.report(&text.span, format!("`{key}` {problem}"));
        }
    }

    /// Returns the RFC numbers that can be generated.
    fn rfcs(&mut self, rfcs: &[Located<i64>]) -> Vec<u16> {
        let mut seen = Seen::new("RFC");
        let mut numbers = Vec::with_capacity(rfcs.len());
        for rfc in rfcs {
            // The generated `rfcs()` accessors return `u16`: a larger number would be cut short.
            match u16::try_from(rfc.value) {
                Ok(number) if number != 0 => numbers.push(number),
                _ => self.report(
                    &rfc.span,
                    format!(
                        "{} is not an RFC number: write a number from 1 to 65535",
                        rfc.value
                    ),
                ),
            }
            self.unique(&mut seen, rfc, rfc.value);
        }
        numbers
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problems;
    use crate::load::parse;
    use crate::model::build;

    /// A small valid table with `replies` appended.
    fn table(replies: &str) -> String {
        format!(
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
        )
    }

    fn problems(replies: &str) -> Vec<String> {
        let text = table(replies);
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = build(&document, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let checked = check(&codes, &source, &mut problems);
        if problems.is_empty() {
            assert_eq!(checked.replies.len(), codes.replies.len());
        }
        render(problems, &source)
    }

    fn render(problems: Problems, source: &Source) -> Vec<String> {
        problems
            .into_sorted()
            .iter()
            .map(|d| d.render(source))
            .collect()
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
    fn one_line_texts_are_short_single_lines_without_a_full_stop() {
        let with = |summary: &str, fix: &str| {
            reply("250", "Ok", "OK", "").replace(
                "remediation = \"r\"\n",
                &format!("remediation = \"r\"\nsummary = {summary}\nquick_fix = {fix}\n"),
            )
        };
        assert!(problems(&with("\"done\"", "\"nothing\"")).is_empty());
        let long = format!("\"{}\"", "x".repeat(73));
        let found = problems(&with("\"  \"", &long));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`summary` is empty"), "{found:?}");
        assert!(found[0].contains("<inline>:"), "{found:?}");
        assert!(
            found[1].contains("`quick_fix` is 73 characters long"),
            "{found:?}"
        );
        let found = problems(&with("\"done.\"", "\"a\\nb\""));
        assert!(
            found[0].contains("`summary` ends in punctuation"),
            "{found:?}"
        );
        assert!(found[1].contains("`quick_fix` spans lines"), "{found:?}");
        let found = problems(&with("\"a; b\"", "\"c; d\""));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`summary` holds a `;`"), "{found:?}");
        // Both may be left out.
        assert!(problems(&reply("250", "Ok", "OK", "")).is_empty());
    }

    #[test]
    fn related_codes_exist_are_others_and_are_filled_from_both_sides() {
        let with = |code: &str, variant: &str, related: &str| {
            reply(code, variant, variant, "").replace(
                "rfcs = [5321]\n",
                &format!("rfcs = [5321]\nrelated = [{related}]\n"),
            )
        };
        let found = problems(&(with("250", "Ok", "250, 251, 251") + &with("550", "No", "599")));
        let joined = found.join("\n");
        assert!(
            joined.contains("reply code 250 names itself in `related`"),
            "{joined}"
        );
        assert!(
            joined.contains("related code 251 is not in the `[[reply]]` table"),
            "{joined}"
        );
        assert!(joined.contains("duplicate related code 251"), "{joined}");
        assert!(
            joined.contains("related code 599 is not in the `[[reply]]` table"),
            "{joined}"
        );

        // One side is enough: 214 names 250, and 250 gets 214 too.
        let related = related_of(
            &(with("214", "Help", "250") + &with("250", "Ok", "") + &with("550", "No", "")),
        );
        assert_eq!(related, [(214, vec![250]), (250, vec![214]), (550, vec![])]);
    }

    /// Each checked reply's code and related codes, for rows that must pass.
    fn related_of(replies: &str) -> Vec<(u16, Vec<u16>)> {
        let text = table(replies);
        let source = Source::inline(&text);
        let document = parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = build(&document, &mut problems);
        let checked = check(&codes, &source, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        checked
            .replies
            .iter()
            .map(|r| (r.code, r.related.clone()))
            .collect()
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
        let mut problems = Problems::default();
        let codes = build(&document, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        check(&codes, &source, &mut problems);
        let found: Vec<String> = problems
            .into_sorted()
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

    /// Every problem of `text` through both stages, and the variants of the replies and
    /// registered codes that checked out.
    fn both_stages(text: &str) -> (Vec<String>, Vec<String>) {
        let source = Source::inline(text);
        let document = parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = build(&document, &mut problems);
        let checked = check(&codes, &source, &mut problems);
        let kept = checked
            .replies
            .iter()
            .map(|r| r.row.variant.value.clone())
            .chain(checked.enhanced.iter().map(|e| e.row.variant.value.clone()))
            .collect();
        (render(problems, &source), kept)
    }

    #[test]
    fn a_reference_to_a_row_left_out_for_its_shape_is_not_reported_again() {
        // The `[[command]]` RCPT, the category 5, the class 5, the subject 1 and the reply 251
        // each have a mistyped key: one problem each, none for the rows that name them.
        let text = r#"
[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive Completion"
description = "done"

[[category]]
digit = 5
variant = "PermanentNegative"
name = 5
description = "refused"

[[command]]
verb = "RCPT"
variant = "Rcpt"
name = "Recipient"
description = "adds a recipient"
rfcs = "5321"

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

[[enhanced_class]]
class = 5
variant = "PermanentFailure"
name = "Permanent Failure"
description = false

[[enhanced_subject]]
subject = 1
variant = "Addressing"
name = "Addressing Status"
description = []

[[enhanced_subject]]
subject = 0
variant = "Other"
name = "Other or Undefined Status"
description = "Nothing more specific."

[[enhanced]]
code = "X.1.1"
variant = "BadDestinationMailboxAddress"
name = "Bad destination mailbox address"
description = "d"
when = "w"
remediation = "r"
classes = [5]
basic = [550]
rfcs = [3463]

[[enhanced]]
code = "X.0.0"
variant = "OtherUndefinedStatus"
name = "Other undefined Status"
description = "d"
when = "w"
remediation = "r"
classes = [2, 5]
basic = [250, 251]
rfcs = [3463]

[[reply]]
code = 250
variant = "Ok"
name = "OK"
description = "d"
when = "w"
remediation = "r"
triggers = ["RCPT"]
standard = true
rfcs = [5321]

[[reply]]
code = 251
variant = "UserNotLocal"
name = "User not local"
description = "d"
when = "w"
remediation = "r"
triggers = ["RCPT"]
standard = "yes"
rfcs = [5321]

[[reply]]
code = 550
variant = "MailboxUnavailable"
name = "Mailbox unavailable"
description = "d"
when = "w"
remediation = "r"
triggers = ["RCPT", "RCPT"]
standard = true
rfcs = [5321]
"#;
        let (found, kept) = both_stages(text);
        let joined = found.join("\n");
        assert_eq!(found.len(), 6, "{joined}");
        for shape in [
            "`name` must be a string, found an integer",
            "`rfcs` must be an array of integers, found a string",
            "`description` must be a string, found a boolean",
            "`description` must be a string, found an array",
            "`standard` must be `true` or `false`, found a string",
            // Not a reference: a trigger named twice is still reported.
            "duplicate trigger \"RCPT\"",
        ] {
            assert!(joined.contains(shape), "{shape}: {joined}");
        }
        // 550 has no category and X.1.1 no subject, so neither is generated; 250 and X.0.0
        // are, without the references that do not resolve.
        assert_eq!(kept, ["Ok", "OtherUndefinedStatus"]);
    }

    #[test]
    fn a_reference_to_a_row_that_is_not_there_at_all_is_reported() {
        // Without a row of that name, even a broken one, the reference itself is the mistake.
        let (found, _) = both_stages(
            &reply("250", "Ok", "OK", "\"RCPT\"")
                .replace("[[reply]]", "[[command]]\nverb = 5\nvariant = \"Rcpt\"\nname = \"n\"\ndescription = \"d\"\nrfcs = []\n\n[[reply]]"),
        );
        // The data lacks the other tables too; only the command and its trigger matter here.
        let found: Vec<&String> = found.iter().filter(|f| f.contains("verb")).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("`verb` must be a string"), "{found:?}");
        assert!(
            found[1].contains("unknown trigger command \"RCPT\""),
            "{found:?}"
        );
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
