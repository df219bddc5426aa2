// `enhanced_code!` rejects malformed codes at compile time.
fn main() {
    let _ = smtp_codes::enhanced_code!("5.01.1");
}
