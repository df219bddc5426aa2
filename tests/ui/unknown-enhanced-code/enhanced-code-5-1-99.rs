// `enhanced_code!` only accepts registered codes.
fn main() {
    let _ = smtp_codes::enhanced_code!("5.1.99");
}
