//! The fixed words of the site's pages in one language (headings, labels, navigation), from
//! `labels.toml`. The texts from the data stay English in every language.

use smtp_codes::{Category, EnhancedClass};

use crate::labels::{Label, Lang};

/// The language a page is written in, and the words of it that pages show.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    lang: Lang,
}

impl Words {
    /// Every language the site is written in, English first.
    pub fn all() -> Vec<Words> {
        Lang::ALL.iter().map(|&lang| Words { lang }).collect()
    }

    /// A fixed label in this language.
    pub fn label(&self, label: Label) -> &'static str {
        label.text(self.lang)
    }

    /// The BCP 47 tag, also the language's folder: `en`, `ar`, `zh-CN`.
    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// The language's name in itself, for the language menu.
    pub fn name(&self) -> &'static str {
        self.lang.name()
    }

    /// `ltr` or `rtl`.
    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    /// A category's name in this language.
    pub fn category_name(&self, category: Category) -> &'static str {
        self.label(match category {
            Category::PositiveCompletion => Label::PositiveCompletion,
            Category::PositiveIntermediate => Label::PositiveIntermediate,
            Category::TransientNegative => Label::TransientNegativeCompletion,
            Category::PermanentNegative => Label::PermanentNegativeCompletion,
        })
    }

    /// An enhanced class's name in this language.
    pub fn class_name(&self, class: EnhancedClass) -> &'static str {
        self.label(match class {
            EnhancedClass::Success => Label::Success,
            EnhancedClass::PersistentTransientFailure => Label::PersistentTransientFailure,
            EnhancedClass::PermanentFailure => Label::PermanentFailure,
        })
    }
}
