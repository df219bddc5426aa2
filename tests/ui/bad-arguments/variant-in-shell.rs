#![allow(dead_code)]

smtp_codes_derive::codes! {
    toml = "";
    pub enum Category {}
    pub enum Command { Ehlo }
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
}

fn main() {}
