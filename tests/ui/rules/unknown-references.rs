// A rule naming a provider, a reason, an enhanced subject and a stage that do not exist.
smtp_codes_derive::rules! {
    codes = "codes.toml";
    toml = r#"
[[rule]]
id = "example-listed"
provider = "nobody"
reason = "notareason"
code = 550
enhanced = "5.9.1"
text = ["listed at example"]
stage = "FROB"
example = "550 5.9.1 listed at example"
source = "https://example.test/"
"#;
}

fn main() {}
