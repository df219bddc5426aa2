#![allow(dead_code)]

// A file that cannot be read is named, with the reason.
smtp_codes_derive::codes! {
    file = "no-such-codes.toml";
    pub enum Category {}
    pub enum Command {}
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
}

fn main() {}
