//! Every rule of the translations format, applied to the rows: what the derive reports at
//! compile time, each problem at the value it is about.

use crate::diagnostic::Problems;
use crate::row::Located;
use crate::source::Source;

use super::{LabelFile, LanguageRow};

/// The languages that passed every check, in file order, and the labels they all have.
#[derive(Debug, Default)]
pub struct Checked<'a> {
    /// The labels' keys, in the order of the first table (the reference).
    pub keys: Vec<&'a Located<String>>,
    pub languages: Vec<Language<'a>>,
}

/// A language whose tag, name and direction are good.
#[derive(Debug)]
pub struct Language<'a> {
    pub row: &'a LanguageRow,
    pub tag: &'a str,
    pub name: &'a str,
    pub dir: Dir,
    /// The text of each of the [`Checked::keys`], in their order; `None` where the table
    /// lacks the label (which is reported).
    pub texts: Vec<Option<&'a str>>,
}

/// Which way a language is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Left to right.
    Ltr,
    /// Right to left, as Arabic.
    Rtl,
}

/// Checks the languages; gives those that can be generated. Every problem is reported:
///
/// - the file has at least one language, and the first has at least one label;
/// - each table is named by a well-formed language tag (`de`, `pt-BR`), no language twice
///   (tags compare without regard to case);
/// - `name` is given and `dir` is `"ltr"` or `"rtl"`;
/// - label keys are `snake_case`; every table has exactly the first table's labels;
/// - no text is empty, has blanks at an end or holds a control character.
pub fn check<'a>(file: &'a LabelFile, source: &Source, problems: &mut Problems) -> Checked<'a> {
    let Some(reference) = file.languages.first() else {
        problems.report(
            0..0,
            "the file has no languages: add a table such as `[en]` with `name`, `dir` and the labels",
        );
        return Checked::default();
    };
    if reference.labels.is_empty() {
        problems.report(
            reference.tag.span.clone(),
            format!(
                "`[{}]`, the first table, has no labels: it is the reference every language follows",
                reference.tag.value
            ),
        );
    }
    let keys: Vec<&Located<String>> = reference.labels.iter().map(|l| &l.key).collect();
    for key in &keys {
        if !is_snake_case(&key.value) {
            problems.report(
                key.span.clone(),
                format!(
                    "label key `{}` must be snake_case: lower-case letters and digits joined by `_`, such as `replies_to`",
                    key.value
                ),
            );
        }
    }
    let mut languages: Vec<Language<'a>> = Vec::new();
    let mut seen: Vec<&LanguageRow> = Vec::new();
    for row in &file.languages {
        let tag = &row.tag;
        let mut good = true;
        if !is_language_tag(&tag.value) {
            problems.report(
                tag.span.clone(),
                format!(
                    "`{}` is not a language tag: name the table as BCP 47 does, such as `[de]`, `[pt-BR]` or `[zh-CN]`",
                    tag.value
                ),
            );
            good = false;
        }
        if let Some(first) = seen
            .iter()
            .find(|s| s.tag.value.eq_ignore_ascii_case(&tag.value))
        {
            problems.report(
                tag.span.clone(),
                format!(
                    "duplicate language `{}`: `[{}]` is the same language (first defined at {})",
                    tag.value,
                    first.tag.value,
                    source.position(first.tag.span.start)
                ),
            );
            good = false;
        } else {
            seen.push(row);
        }
        if let Some(name) = &row.name {
            check_text(name, &format!("`name` of `[{}]`", tag.value), problems);
        }
        let dir = row.dir.as_ref().and_then(|dir| match dir.value.as_str() {
            "ltr" => Some(Dir::Ltr),
            "rtl" => Some(Dir::Rtl),
            other => {
                problems.report(
                    dir.span.clone(),
                    format!(
                        "`dir = {other:?}` in `[{}]` must be `\"ltr\"`, or `\"rtl\"` for a language written right to left",
                        tag.value
                    ),
                );
                None
            }
        });
        if !std::ptr::eq(row, reference) {
            compare_keys(row, reference, problems);
        }
        for label in &row.labels {
            check_text(
                &label.text,
                &format!("label `{}` of `[{}]`", label.key.value, tag.value),
                problems,
            );
        }
        if let (true, Some(name), Some(dir)) = (good, &row.name, dir) {
            languages.push(Language {
                row,
                tag: &tag.value,
                name: &name.value,
                dir,
                texts: keys
                    .iter()
                    .map(|key| row.label(&key.value).map(|l| l.text.value.as_str()))
                    .collect(),
            });
        }
    }
    Checked { keys, languages }
}

/// Reports the labels `row` lacks (together, at its header) and those the reference lacks
/// (each at its key).
fn compare_keys(row: &LanguageRow, reference: &LanguageRow, problems: &mut Problems) {
    let missing: Vec<String> = reference
        .labels
        .iter()
        .filter(|l| row.label(&l.key.value).is_none())
        .map(|l| format!("`{}`", l.key.value))
        .collect();
    if !missing.is_empty() {
        let (noun, them) = if missing.len() == 1 {
            ("label", "it")
        } else {
            ("labels", "them")
        };
        problems.report(
            row.tag.span.clone(),
            format!(
                "`[{}]` is missing the {noun} {} that `[{}]`, the first table, has: translate {them}",
                row.tag.value,
                missing.join(", "),
                reference.tag.value
            ),
        );
    }
    for label in &row.labels {
        if reference.label(&label.key.value).is_none() {
            problems.report(
                label.key.span.clone(),
                format!(
                    "label `{}` of `[{}]` is not in `[{}]`, the first table: add it there and to every language, or remove it",
                    label.key.value, row.tag.value, reference.tag.value
                ),
            );
        }
    }
}

/// A text must say something, without blanks at its ends or control characters (a heading
/// with a line break would break the layout of a card).
fn check_text(text: &Located<String>, what: &str, problems: &mut Problems) {
    let value = &text.value;
    let problem = if value.trim().is_empty() {
        "is empty: write its text"
    } else if value.trim() != value {
        "has blanks at an end: remove them"
    } else if value.chars().any(char::is_control) {
        "holds a control character: write it on one line, without tabs"
    } else {
        return;
    };
    problems.report(text.span.clone(), format!("{what} {problem}"));
}

/// `de`, `pt-BR`, `zh-Hans-CN`: a language of two or three lower-case letters, then subtags of
/// two to eight letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `replies_to`, `rfcs`, `x2`: lower-case letters and digits, starting with a letter, words
/// joined by single underscores.
fn is_snake_case(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    /// The rendered problems of `text`, and the tags of the languages that checked out.
    fn problems_of(text: &str) -> (Vec<String>, Vec<String>) {
        let source = Source::inline(text);
        let mut problems = Problems::default();
        let Some(file) = read(&source, &mut problems) else {
            let rendered = problems
                .into_sorted()
                .iter()
                .map(|d| d.render(&source))
                .collect();
            return (rendered, Vec::new());
        };
        let checked = check(&file, &source, &mut problems);
        let tags = checked.languages.iter().map(|l| l.tag.to_owned()).collect();
        let rendered = problems
            .into_sorted()
            .iter()
            .map(|d| d.render(&source))
            .collect();
        (rendered, tags)
    }

    const GOOD: &str = "[en]\nname = \"English\"\ndir = \"ltr\"\nfix = \"Fix\"\nreplies_to = \"Replies to\"\n\n[ar]\nname = \"العربية\"\ndir = \"rtl\"\nfix = \"الحل\"\nreplies_to = \"ردّ على\"\n";

    #[test]
    fn a_good_file_has_no_problems() {
        let source = Source::inline(GOOD);
        let mut problems = Problems::default();
        let file = read(&source, &mut problems).expect("valid TOML");
        let checked = check(&file, &source, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let keys: Vec<&str> = checked.keys.iter().map(|k| k.value.as_str()).collect();
        assert_eq!(keys, ["fix", "replies_to"]);
        let ar = &checked.languages[1];
        assert_eq!((ar.tag, ar.name, ar.dir), ("ar", "العربية", Dir::Rtl));
        assert_eq!(ar.texts, [Some("الحل"), Some("ردّ على")]);
    }

    #[test]
    fn missing_and_extra_labels_are_named_at_their_places() {
        let text = "[en]\nname = \"English\"\ndir = \"ltr\"\nfix = \"Fix\"\nwhen = \"When\"\n\n[de]\nname = \"Deutsch\"\ndir = \"ltr\"\nfixx = \"Abhilfe\"\n";
        let (problems, tags) = problems_of(text);
        assert_eq!(
            problems,
            [
                "<inline>:7:2: `[de]` is missing the labels `fix`, `when` that `[en]`, the first table, has: translate them",
                "<inline>:10:1: label `fixx` of `[de]` is not in `[en]`, the first table: add it there and to every language, or remove it",
            ]
        );
        // Still generated, so that code using it reports nothing more.
        assert_eq!(tags, ["en", "de"]);
    }

    #[test]
    fn empty_padded_and_broken_texts_are_refused() {
        let text =
            "[en]\nname = \" \"\ndir = \"ltr\"\nfix = \"\"\nwhen = \"When \"\nnote = \"a\\nb\"\n";
        let (problems, _) = problems_of(text);
        assert_eq!(
            problems,
            [
                "<inline>:2:8: `name` of `[en]` is empty: write its text",
                "<inline>:4:7: label `fix` of `[en]` is empty: write its text",
                "<inline>:5:8: label `when` of `[en]` has blanks at an end: remove them",
                "<inline>:6:8: label `note` of `[en]` holds a control character: write it on one line, without tabs",
            ]
        );
    }

    #[test]
    fn a_bad_direction_or_a_missing_identity_is_reported() {
        let text =
            "[en]\nname = \"English\"\ndir = \"left\"\nfix = \"Fix\"\n\n[fr]\nfix = \"Solution\"\n";
        let (problems, tags) = problems_of(text);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].starts_with("<inline>:3:7: `dir = \"left\"` in `[en]` must be `\"ltr\"`"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("<inline>:6:2: `[fr]` is missing the required key `name`"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].starts_with("<inline>:6:2: `[fr]` is missing the required key `dir`"),
            "{}",
            problems[2]
        );
        assert!(tags.is_empty(), "{tags:?}");
    }

    #[test]
    fn a_language_twice_is_a_duplicate_whatever_its_case() {
        let text = "[pt-BR]\nname = \"Português\"\ndir = \"ltr\"\nfix = \"Solução\"\n\n[pt-br]\nname = \"Português\"\ndir = \"ltr\"\nfix = \"Solução\"\n";
        let (problems, tags) = problems_of(text);
        assert_eq!(
            problems,
            [
                "<inline>:6:2: duplicate language `pt-br`: `[pt-BR]` is the same language (first defined at <inline>:1:2)"
            ]
        );
        assert_eq!(tags, ["pt-BR"]);
        // The same header twice is a TOML error, worded as what it means here.
        let text =
            "[de]\nname = \"Deutsch\"\ndir = \"ltr\"\nfix = \"Abhilfe\"\n\n[de]\nfix = \"x\"\n";
        let (problems, _) = problems_of(text);
        assert_eq!(
            problems,
            [
                "<inline>:6:2: duplicate language `de`: each language has one table (first defined at <inline>:1:2)"
            ]
        );
    }

    #[test]
    fn tags_and_keys_must_be_well_formed() {
        let text = "[zh_CN]\nname = \"中文\"\ndir = \"ltr\"\nRepliesTo = \"回复\"\nbad-key = 3\n";
        let (problems, tags) = problems_of(text);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("`zh_CN` is not a language tag"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("label key `RepliesTo` must be snake_case"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].contains("`bad-key` in `[zh_CN]` must be a string, found an integer"),
            "{}",
            problems[2]
        );
        assert!(tags.is_empty());
        for good in ["de", "pt-BR", "zh-Hans-CN", "fil"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "d", "DE", "de_DE", "de-", "de-x", "german"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        for good in ["fix", "replies_to", "x2", "a_1"] {
            assert!(is_snake_case(good), "{good}");
        }
        for bad in ["", "_a", "a_", "a__b", "Fix", "1a", "a-b"] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }

    #[test]
    fn an_empty_file_and_a_value_that_is_no_table_are_reported() {
        let (problems, _) = problems_of("");
        assert_eq!(
            problems,
            [
                "<inline>:1:1: the file has no languages: add a table such as `[en]` with `name`, `dir` and the labels"
            ]
        );
        let (problems, _) =
            problems_of("title = \"x\"\n[en]\nname = \"English\"\ndir = \"ltr\"\nfix = \"Fix\"\n");
        assert_eq!(
            problems,
            [
                "<inline>:1:1: `title` must be a language's table, found a string: write its labels under `[title]`"
            ]
        );
        let (problems, _) = problems_of("[en]\nname = \"English\"\ndir = \"ltr\"\nfix = \n");
        assert!(problems[0].starts_with("<inline>:4:"), "{problems:?}");
        assert!(problems[0].contains("invalid TOML"), "{problems:?}");
    }
}
