// A language with a label the first table does not have.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
fix = "Fix"

[fr]
name = "Français"
dir = "ltr"
fix = "Solution"
fixe = "Solution"
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
