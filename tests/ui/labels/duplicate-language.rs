// The same language twice: once as the same header, once in another case.
smtp_codes_derive::labels! {
    toml = r#"
[en]
name = "English"
dir = "ltr"
fix = "Fix"

[pt-BR]
name = "Português"
dir = "ltr"
fix = "Solução"

[pt-br]
name = "Português"
dir = "ltr"
fix = "Solução"
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
