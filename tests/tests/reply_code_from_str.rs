//! `FromStr` and `TryFrom` on bad input: errors that say what is wrong, never panics.

use proptest::prelude::*;
use smtp_codes::{Category, ParseReplyCodeErrorKind, ReplyCode};

#[test]
fn the_listed_bad_inputs_are_errors_with_messages() {
    let bad = [
        "",
        "25",
        "2500",
        "abc",
        "650",
        "199",
        "2x0",
        "-250",
        "250x",
        "0250",
        "２５０",
        "2５0",
        " 250",
        "\u{0}250",
        "25\u{e9}",
    ];
    for input in bad {
        let err = input.parse::<ReplyCode>().expect_err(input);
        let message = err.to_string();
        assert!(message.len() > 20, "{input:?}: {message}");
        assert!(
            message.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{message}"
        );
    }
}

#[test]
fn an_unknown_code_keeps_its_number_and_category() {
    let err = "299".parse::<ReplyCode>().unwrap_err();
    assert_eq!(err.kind(), ParseReplyCodeErrorKind::Unknown { code: 299 });
    assert_eq!(err.code(), Some(299));
    assert!(err.to_string().contains("299"));
    assert_eq!(Category::from_code(299), Some(Category::PositiveCompletion));
    let err = "650 bye".parse::<ReplyCode>().unwrap_err();
    assert_eq!(err.code(), Some(650));
}

#[test]
fn errors_are_std_errors() {
    fn takes(_: &dyn std::error::Error) {}
    takes(&"x".parse::<ReplyCode>().unwrap_err());
    takes(&"x".parse::<smtp_codes::Command>().unwrap_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        let _ = s.parse::<ReplyCode>();
        let _ = s.parse::<smtp_codes::Command>();
    }

    #[test]
    fn a_line_parses_exactly_when_its_first_three_digits_are_a_known_code(
        code in 0u16..1000,
        sep in prop::sample::select(vec!["", " ", "-", "x", "0", "\r\n", "\t"]),
        rest in "[ -~]{0,20}",
    ) {
        let line = format!("{code:03}{sep}{}", if sep.is_empty() { "" } else { rest.as_str() });
        let parsed = line.parse::<ReplyCode>();
        let separator_ok = matches!(sep, "" | " " | "-");
        match ReplyCode::from_u16(code) {
            Some(known) if separator_ok => prop_assert_eq!(parsed, Ok(known)),
            _ => prop_assert!(parsed.is_err()),
        }
    }
}
