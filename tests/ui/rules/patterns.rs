// Patterns that are empty, too short to find, padded or hold a control character; a rule for
// successes; an enhanced code whose class disagrees with the code; a rule that matches anything.
smtp_codes_derive::rules! {
    codes = "codes.toml";
    toml = r#"
[[rule]]
id = "bad-patterns"
reason = "blocked"
text = ["", "abc", " padded", "tab\there"]
example = "550 x"
source = "s"

[[rule]]
id = "for-a-success"
reason = "delivered"
code = 250
example = "250 ok"
source = "s"

[[rule]]
id = "class-mismatch"
reason = "blocked"
class = 4
enhanced = "5.7.1"
example = "450 5.7.1 x"
source = "s"

[[rule]]
id = "everything"
reason = "blocked"
example = "550 x"
source = "s"
"#;
}

fn main() {}
