// A direction that is neither ltr nor rtl.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
fix = "Fix"

[ar]
name = "العربية"
dir = "right-to-left"
fix = "الحل"
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
