// A language without a label of the first table.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
meaning = "Meaning"
fix = "Fix"

[de]
name = "Deutsch"
dir = "ltr"
meaning = "Bedeutung"
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
