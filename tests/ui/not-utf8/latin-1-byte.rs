// A byte that is not UTF-8 is located (line and column) and the message says how to fix it.
// `latin-1.toml` is written by tests/tests/ui.rs: a string literal cannot hold such a byte.
#![allow(dead_code)]

smtp_codes_derive::codes! {
    file = "latin-1.toml";
    pub enum Category {}
    pub enum Command {}
    #[derive(Clone, Copy)]
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
}

fn main() {}
