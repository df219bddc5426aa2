//! Every `FromStr` in the crate on any text: no panic, and what parses writes itself back;
//! `EnhancedCode::parse_prefix` too, whose code and rest make up the text again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Command, EnhancedCode, ReplyCode};

fuzz_target!(|text: &str| {
    if let Ok(code) = text.parse::<ReplyCode>() {
        assert_eq!(&text[..3], code.code().to_string());
        assert_eq!(code.to_string().parse::<ReplyCode>(), Ok(code));
    }
    if let Ok(code) = text.parse::<EnhancedCode>() {
        assert_eq!(code.to_string(), text);
    }
    let _ = EnhancedCode::parse(text);
    if let Some((code, rest)) = EnhancedCode::parse_prefix(text) {
        assert_eq!(format!("{code}{rest}"), text);
    }
    if let Ok(command) = text.parse::<Command>() {
        assert!(command.verb().eq_ignore_ascii_case(text));
    }
});
