// A translations table inline: the generated enums, their accessors and parsing from a tag.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
replies_to = "Replies to"
fix = "Fix"

[ar]
name = "العربية"
dir = "rtl"
replies_to = "ردّ على"
fix = "الحل"

[pt-BR]
name = "Português"
dir = "ltr"
replies_to = "Responde a"
fix = "Solução"
"#;
    /// A language.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Lang {}
    /// A label.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Label {}
}

fn main() {
    assert_eq!(Lang::ALL, [Lang::En, Lang::Ar, Lang::PtBr]);
    assert_eq!(Label::ALL, [Label::RepliesTo, Label::Fix]);
    assert_eq!(Lang::PtBr.tag(), "pt-BR");
    assert_eq!(Lang::Ar.name(), "العربية");
    assert!(Lang::Ar.is_rtl() && !Lang::En.is_rtl());
    assert_eq!((Lang::Ar.dir(), Lang::PtBr.dir()), ("rtl", "ltr"));
    assert_eq!(Label::RepliesTo.key(), "replies_to");
    assert_eq!(Label::Fix.text(Lang::PtBr), "Solução");
    const HEADING: &str = Label::RepliesTo.text(Lang::Ar);
    assert_eq!(HEADING, "ردّ على");
    for (tag, lang) in [
        ("pt_BR.UTF-8", Lang::PtBr),
        ("PT-br", Lang::PtBr),
        ("pt", Lang::PtBr),
        ("pt_PT", Lang::PtBr),
        ("ar_EG.UTF-8@calendar", Lang::Ar),
        ("EN", Lang::En),
    ] {
        assert_eq!(tag.parse::<Lang>(), Ok(lang), "{tag}");
    }
    let error = "de".parse::<Lang>().unwrap_err();
    assert_eq!(error, UnknownLang);
    assert_eq!(error.to_string(), "not one of the languages: give one of en, ar, pt-BR");
    let _: &dyn std::error::Error = &error;
}
