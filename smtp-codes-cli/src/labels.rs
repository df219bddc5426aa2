//! The fixed labels of text output in the languages of `labels.toml`, and which language the
//! user asked for: `--lang`, else the locale.

use std::ffi::OsString;

use unicode_width::UnicodeWidthStr;

smtp_codes_derive::labels! {
    file = "labels.toml";
    /// A language the headings of `explain` and `compare` can be shown in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Lang {}
    /// A fixed label of the output: a heading of a card, or one the site shows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Label {}
}

/// The locale variables that name the language of messages, in the order POSIX gives them
/// precedence.
const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set
    /// and not empty decides, as POSIX has it. `C`, `POSIX`, a language without translations
    /// and no locale at all mean English: the locale is a preference, not a request to refuse.
    pub fn from_locale(var: impl Fn(&str) -> Option<OsString>) -> Lang {
        LOCALE_VARIABLES
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::from_tag(value.to_str()?))
            .unwrap_or(Lang::En)
    }

    /// The language of this process's locale.
    pub fn from_environment() -> Lang {
        Lang::from_locale(|name| std::env::var_os(name))
    }
}

/// The headings of the cards of `explain` and `compare`, which start their lines.
const HEADINGS: [Label; 23] = [
    Label::Category,
    Label::Class,
    Label::Subject,
    Label::Meaning,
    Label::When,
    Label::Fix,
    Label::RepliesTo,
    Label::Enhanced,
    Label::Classes,
    Label::BasicCodes,
    Label::Rfcs,
    Label::Client,
    Label::Codes,
    Label::Reason,
    Label::Bounce,
    Label::Then,
    Label::Provider,
    Label::Note,
    Label::Link,
    Label::DecidedBy,
    Label::DefaultOf,
    Label::Shared,
    Label::Differs,
];

/// The fewest terminal cells a heading takes with the blanks after it, English's.
const MIN_INDENT: usize = 13;

/// Where the text after a heading starts, in terminal cells: past the widest heading of `lang`
/// and two blanks, so that every card of the language lines up (wide characters take two
/// cells; Thai's and Hindi's marks none).
pub fn indent(lang: Lang) -> usize {
    HEADINGS
        .iter()
        .map(|label| label.text(lang).width() + 2)
        .max()
        .unwrap_or(0)
        .max(MIN_INDENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(vars: &[(&str, &str)]) -> Lang {
        let vars: Vec<(String, OsString)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), OsString::from(v)))
            .collect();
        Lang::from_locale(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn tags_and_locales_name_their_language() {
        for (written, lang) in [
            ("de", Lang::De),
            ("DE", Lang::De),
            ("de-DE", Lang::De),
            ("de_DE.UTF-8", Lang::De),
            ("de_AT@euro", Lang::De),
            ("pt_BR", Lang::Pt),
            ("zh_CN", Lang::ZhCn),
            ("zh-cn", Lang::ZhCn),
            ("zh", Lang::ZhCn),
            ("ja_JP.UTF-8", Lang::Ja),
            ("ar_EG", Lang::Ar),
        ] {
            assert_eq!(written.parse::<Lang>(), Ok(lang), "{written}");
        }
        for unknown in ["", "xx", "C", "POSIX", "C.UTF-8", "d", "-de", "nl_NL"] {
            assert_eq!(Lang::from_tag(unknown), None, "{unknown}");
        }
        let message = "xx".parse::<Lang>().unwrap_err().to_string();
        assert!(message.contains("en, ar, de, es"), "{message}");
    }

    #[test]
    fn the_first_locale_variable_that_is_set_decides() {
        assert_eq!(locale(&[]), Lang::En);
        assert_eq!(locale(&[("LANG", "ja_JP.UTF-8")]), Lang::Ja);
        assert_eq!(
            locale(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")]),
            Lang::Fr
        );
        assert_eq!(
            locale(&[("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "ko_KR")]),
            Lang::Ko
        );
        // Empty counts as unset; a set one that names no translation is English, without
        // looking further.
        assert_eq!(locale(&[("LC_ALL", ""), ("LANG", "ru_RU")]), Lang::Ru);
        assert_eq!(locale(&[("LC_ALL", "C"), ("LANG", "ru_RU")]), Lang::En);
        assert_eq!(locale(&[("LC_ALL", "nl_NL"), ("LANG", "ru_RU")]), Lang::En);
        assert_eq!(locale(&[("LANG", "POSIX")]), Lang::En);
    }

    #[test]
    fn every_language_has_a_name_a_direction_and_its_labels() {
        assert_eq!(Lang::ALL.len(), 15);
        for &lang in Lang::ALL {
            assert_eq!(lang.is_rtl(), lang == Lang::Ar, "{}", lang.tag());
            assert_eq!(lang.tag().parse::<Lang>(), Ok(lang));
            for &label in Label::ALL {
                assert!(!label.text(lang).is_empty());
            }
        }
        assert_eq!(Label::Fix.text(Lang::De), "Abhilfe");
        assert_eq!(Lang::ZhCn.dir(), "ltr");
        assert_eq!(Lang::Ar.dir(), "rtl");
    }

    #[test]
    fn english_keeps_its_indent_and_wide_scripts_get_more() {
        assert_eq!(indent(Lang::En), MIN_INDENT);
        for &lang in Lang::ALL {
            for label in HEADINGS {
                assert!(label.text(lang).width() + 2 <= indent(lang));
            }
        }
    }
}
