// The second rule can never decide: the first matches every reply it matches, its own example
// included.
smtp_codes_derive::rules! {
    codes = "codes.toml";
    toml = r#"
[[rule]]
id = "broad"
reason = "blocked"
text = ["blocked"]
example = "550 blocked"
source = "s"

[[rule]]
id = "narrow"
reason = "blocked"
code = 554
text = ["blocked using"]
example = "554 blocked using zen.spamhaus.org"
source = "s"
"#;
}

fn main() {}
