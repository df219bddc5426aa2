//! The fixed words of the site's pages in one language (headings, labels, navigation), from
//! `labels.toml`. The texts from the data stay English in every language.

use smtp_codes::{Category, EnhancedClass};

use crate::labels::{Label, Lang};

/// Every fixed text a page shows, in one language, with the language's tag and direction.
#[derive(Debug, Clone)]
pub struct Words {
    pub lang: Lang,
    /// The BCP 47 tag, also the language's folder: `en`, `ar`, `zh-CN`.
    pub tag: &'static str,
    /// The language's name in itself, for the language menu.
    pub name: &'static str,
    pub rtl: bool,
    pub home: &'static str,
    pub all_codes: &'static str,
    pub reply_codes: &'static str,
    pub enhanced_codes: &'static str,
    pub reasons: &'static str,
    pub comparisons: &'static str,
    pub search: &'static str,
    pub language: &'static str,
    pub what_it_means: &'static str,
    pub when_you_see_it: &'static str,
    pub how_to_fix_it: &'static str,
    pub key_differences: &'static str,
    pub when_to_use_which: &'static str,
    pub related_codes: &'static str,
    pub category: &'static str,
    pub meaning: &'static str,
    pub fix: &'static str,
    pub replies_to: &'static str,
    pub client_action: &'static str,
    pub hard_bounce: &'static str,
    pub soft_bounce: &'static str,
    pub default_reason: &'static str,
    pub classes: &'static str,
    pub subject: &'static str,
    pub rfcs: &'static str,
    pub standard: &'static str,
}

impl Words {
    pub fn of(lang: Lang) -> Words {
        let text = |label: Label| label.text(lang);
        Words {
            lang,
            tag: lang.tag(),
            name: lang.name(),
            rtl: lang.is_rtl(),
            home: text(Label::Home),
            all_codes: text(Label::AllCodes),
            reply_codes: text(Label::ReplyCodes),
            enhanced_codes: text(Label::EnhancedStatusCodes),
            reasons: text(Label::Reasons),
            comparisons: text(Label::Compare),
            search: text(Label::Search),
            language: text(Label::Language),
            what_it_means: text(Label::WhatItMeans),
            when_you_see_it: text(Label::WhenYouSeeIt),
            how_to_fix_it: text(Label::HowToFixIt),
            key_differences: text(Label::KeyDifferences),
            when_to_use_which: text(Label::WhenToUseWhich),
            related_codes: text(Label::RelatedCodes),
            category: text(Label::Category),
            meaning: text(Label::Meaning),
            fix: text(Label::Fix),
            replies_to: text(Label::RepliesTo),
            client_action: text(Label::Client),
            hard_bounce: text(Label::HardBounce),
            soft_bounce: text(Label::SoftBounce),
            default_reason: text(Label::Reason),
            classes: text(Label::Classes),
            subject: text(Label::Subject),
            rfcs: text(Label::Rfcs),
            standard: text(Label::Standard),
        }
    }

    /// Every language the site is written in, English first.
    pub fn all() -> Vec<Words> {
        Lang::ALL.iter().map(|&lang| Words::of(lang)).collect()
    }

    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// A category's name in this language.
    pub fn category_name(&self, category: Category) -> &'static str {
        let label = match category {
            Category::PositiveCompletion => Label::PositiveCompletion,
            Category::PositiveIntermediate => Label::PositiveIntermediate,
            Category::TransientNegative => Label::TransientNegativeCompletion,
            Category::PermanentNegative => Label::PermanentNegativeCompletion,
        };
        label.text(self.lang)
    }

    /// An enhanced class's name in this language.
    pub fn class_name(&self, class: EnhancedClass) -> &'static str {
        let label = match class {
            EnhancedClass::Success => Label::Success,
            EnhancedClass::PersistentTransientFailure => Label::PersistentTransientFailure,
            EnhancedClass::PermanentFailure => Label::PermanentFailure,
        };
        label.text(self.lang)
    }
}
