// A provider whose link is not https, one without a link, a bad host, and an example its own
// rule does not match.
smtp_codes_derive::rules! {
    codes = "codes.toml";
    toml = r#"
[[provider]]
id = "plain"
name = "Plain"
hosts = ["bad host"]
link = "http://plain.example/"

[[provider]]
id = "nolink"
name = "No link"
hosts = []

[[rule]]
id = "plain-words"
provider = "plain"
reason = "blocked"
text = ["some words"]
example = "550 other words"
source = "s"
"#;
}

fn main() {}
