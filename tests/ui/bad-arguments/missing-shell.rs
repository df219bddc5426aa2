#![allow(dead_code)]

smtp_codes_derive::codes! {
    toml = "";
    pub enum Category {}
    pub enum ReplyCode {}
}

fn main() {}
