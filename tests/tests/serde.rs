//! The `serde` feature: codes as numbers, strings of three digits accepted, nothing else.

use smtp_codes::{Category, Command, ReplyCode};

#[test]
fn reply_codes_serialise_as_numbers() {
    assert_eq!(serde_json::to_string(&ReplyCode::Ok).unwrap(), "250");
    let all: Vec<ReplyCode> = ReplyCode::ALL.to_vec();
    let json = serde_json::to_string(&all).unwrap();
    assert_eq!(serde_json::from_str::<Vec<ReplyCode>>(&json).unwrap(), all);
}

#[test]
fn reply_codes_deserialise_from_numbers_and_strings() {
    assert_eq!(
        serde_json::from_str::<ReplyCode>("250").unwrap(),
        ReplyCode::Ok
    );
    assert_eq!(
        serde_json::from_str::<ReplyCode>("\"550\"").unwrap(),
        ReplyCode::MailboxUnavailable
    );
}

#[test]
fn bad_codes_are_errors_that_say_why() {
    let cases = [
        ("299", "unknown SMTP reply code 299"),
        ("\"299\"", "unknown SMTP reply code 299"),
        ("650", "650 is not an SMTP reply code"),
        ("70000", "an SMTP reply code"),
        ("-250", "an SMTP reply code"),
        ("\"250 OK\"", "an SMTP reply code"),
        ("\"25\"", "an SMTP reply code"),
        ("2.5", "an SMTP reply code"),
        ("null", "an SMTP reply code"),
    ];
    for (json, expected) in cases {
        let err = serde_json::from_str::<ReplyCode>(json)
            .expect_err(json)
            .to_string();
        assert!(err.contains(expected), "{json}: {err}");
    }
}

#[test]
fn categories_and_commands_round_trip() {
    for &category in Category::ALL {
        let json = serde_json::to_string(&category).unwrap();
        assert_eq!(json, category.digit().to_string());
        assert_eq!(serde_json::from_str::<Category>(&json).unwrap(), category);
    }
    assert!(serde_json::from_str::<Category>("6").is_err());
    for &command in Command::ALL {
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), command);
    }
    assert_eq!(
        serde_json::from_str::<Command>("\"rcpt\"").unwrap(),
        Command::Rcpt
    );
    assert!(serde_json::from_str::<Command>("\"RCPT TO\"").is_err());
}
