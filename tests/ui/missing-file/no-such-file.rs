#![allow(dead_code)]

// A file that cannot be read is named, with the reason. The path is absolute so that the message
// does not depend on where the target folder (and with it trybuild's project) is; a relative
// path is shown resolved, which the derive crate's unit tests check.
smtp_codes_derive::codes! {
    file = "/nonexistent/no-such-codes.toml";
    pub enum Category {}
    pub enum Command {}
    #[derive(Clone, Copy)]
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
}

fn main() {}
