// A label left empty, and one of blanks only.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
fix = "Fix"
when = "When"

[es]
name = "Español"
dir = "ltr"
fix = ""
when = "   "
"#;
    #[derive(Debug, Clone, Copy)]
    pub enum Lang {}
    #[derive(Debug, Clone, Copy)]
    pub enum Label {}
}

fn main() {
    // The enums are still generated, so code using them reports nothing more.
    let _ = (Lang::ALL, Label::ALL);
}
