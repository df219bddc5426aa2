//! Stage 3 of `labels!`: the Rust names of the variants: `de` is `Lang::De`, `zh-CN` is
//! `Lang::ZhCn`, `replies_to` is `Label::RepliesTo`. Two keys that come out as one name, or a
//! key that would name `Self`, are refused here: the data format allows them, Rust does not.

use proc_macro2::Span;
use smtp_codes_data::diagnostic::Problems;
use smtp_codes_data::labels::{Checked, Language};
use syn::Ident;

/// The variants to generate: each language's, and each label's with the index of its key.
pub struct Variants<'c, 'a> {
    pub langs: Vec<(Ident, &'c Language<'a>)>,
    pub labels: Vec<(Ident, usize)>,
}

pub fn variants<'c, 'a>(checked: &'c Checked<'a>, problems: &mut Problems) -> Variants<'c, 'a> {
    // The tags are unique without regard to case, so their names are unique too.
    let langs = checked
        .languages
        .iter()
        .map(|lang| (ident(&camel(lang.tag, '-')), lang))
        .collect();
    let mut labels: Vec<(Ident, usize)> = Vec::new();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (index, key) in checked.keys.iter().enumerate() {
        let name = camel(&key.value, '_');
        let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !identifier {
            // Not snake_case: reported by the check; no variant can be made of it.
            continue;
        }
        if name == "Self" {
            problems.report(
                key.span.clone(),
                format!(
                    "label key `{}` cannot name a variant: `Self` is Rust's; choose another key",
                    key.value
                ),
            );
            continue;
        }
        if let Some((_, other)) = seen.iter().find(|(n, _)| *n == name) {
            problems.report(
                key.span.clone(),
                format!(
                    "label key `{}` names the variant `{name}`, as `{other}` does: rename one of them",
                    key.value
                ),
            );
            continue;
        }
        seen.push((name.clone(), &key.value));
        labels.push((ident(&name), index));
    }
    Variants { langs, labels }
}

/// `replies_to` → `RepliesTo`, `zh-CN` → `ZhCn`: each word capitalized, the rest lower-case.
fn camel(text: &str, separator: char) -> String {
    text.split(separator)
        .flat_map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first
                .into_iter()
                .chain(chars.map(|c| c.to_ascii_lowercase()))
        })
        .collect()
}

/// A name of ASCII letters and digits, a letter first, that is not `Self`.
fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_camel_case() {
        assert_eq!(camel("replies_to", '_'), "RepliesTo");
        assert_eq!(camel("rfcs", '_'), "Rfcs");
        assert_eq!(camel("zh-CN", '-'), "ZhCn");
        assert_eq!(camel("zh-Hans-CN", '-'), "ZhHansCn");
        assert_eq!(camel("a_1", '_'), "A1");
    }

    #[test]
    fn keys_that_make_no_identifier_are_left_out_without_a_panic() {
        let source = smtp_codes_data::source::Source::inline(
            "[en]\nname = \"English\"\ndir = \"ltr\"\nbad-key = \"x\"\nself = \"y\"\nok = \"z\"\n",
        );
        let mut problems = Problems::default();
        let file = smtp_codes_data::labels::read(&source, &mut problems).expect("valid TOML");
        let checked = smtp_codes_data::labels::check(&file, &source, &mut problems);
        let variants = variants(&checked, &mut problems);
        let names: Vec<String> = variants.labels.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(names, ["Ok"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
