// A table header written twice, which TOML itself refuses.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
fix = "Fix"

[de]
name = "Deutsch"
dir = "ltr"
fix = "Abhilfe"

[de]
fix = "Lösung"
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
