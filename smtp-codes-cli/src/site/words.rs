//! The fixed words of the site's pages in one language: headings, labels, navigation. The
//! texts from the data stay English in every language.

/// Every fixed text a page shows, in one language, with the language's tag and direction.
#[derive(Debug, Clone)]
pub struct Words {
    /// The BCP 47 tag, also the language's folder: `en`, `ar`, `zh-CN`.
    pub tag: &'static str,
    /// The language's name in itself, for the language menu.
    pub name: &'static str,
    pub rtl: bool,
    pub home: &'static str,
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
    pub replies_to: &'static str,
    pub client_action: &'static str,
    pub hard_bounce: &'static str,
    pub soft_bounce: &'static str,
    pub default_reason: &'static str,
    pub classes: &'static str,
    pub rfcs: &'static str,
}

impl Words {
    /// English, the reference's own language.
    pub fn english() -> Words {
        Words {
            tag: "en",
            name: "English",
            rtl: false,
            home: "Home",
            reply_codes: "Reply codes",
            enhanced_codes: "Enhanced status codes",
            reasons: "Bounce reasons",
            comparisons: "Comparisons",
            search: "Search",
            language: "Language",
            what_it_means: "What it means",
            when_you_see_it: "When you see it",
            how_to_fix_it: "How to fix it",
            key_differences: "Key differences",
            when_to_use_which: "When to use which",
            related_codes: "Related codes",
            category: "Category",
            replies_to: "Replies to",
            client_action: "What a client does",
            hard_bounce: "Hard bounce: the address itself is bad",
            soft_bounce: "Soft bounce: the address may be fine",
            default_reason: "Default bounce reason",
            classes: "Classes",
            rfcs: "RFCs",
        }
    }

    /// Every language the site is written in.
    pub fn all() -> Vec<Words> {
        vec![Words::english()]
    }

    pub fn dir(&self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }
}
