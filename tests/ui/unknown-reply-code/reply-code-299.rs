// `reply_code!` only accepts numbers in the table.
fn main() {
    let _ = smtp_codes::reply_code!(299);
}
