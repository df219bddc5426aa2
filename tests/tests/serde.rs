//! The `serde` feature: codes as numbers, strings of three digits accepted, nothing else; in
//! text formats (JSON, TOML) and in a binary one (postcard).

use smtp_codes::{Category, Command, EnhancedCode, Reason, ReplyCode};

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

#[test]
fn reasons_serialise_as_tokens() {
    assert_eq!(
        serde_json::to_string(&Reason::UserUnknown).unwrap(),
        "\"userunknown\""
    );
    for &reason in Reason::ALL {
        let json = serde_json::to_string(&reason).unwrap();
        assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), reason);
    }
    assert_eq!(
        serde_json::from_str::<Reason>("\"MailboxFull\"").unwrap(),
        Reason::MailboxFull
    );
    // Each type's visitor says what it expected.
    let err = serde_json::from_str::<Reason>("\"user unknown\"").unwrap_err();
    assert!(err.to_string().contains("a bounce reason token"), "{err}");
    let err = serde_json::from_str::<Command>("\"RCPT TO\"").unwrap_err();
    assert!(err.to_string().contains("an SMTP command verb"), "{err}");
}

/// One value of each type that serialises, in a struct so that TOML can hold them.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Record {
    code: ReplyCode,
    category: Category,
    command: Command,
    enhanced: EnhancedCode,
}

fn every_record() -> Vec<Record> {
    let mut out = Vec::new();
    for (i, &code) in ReplyCode::ALL.iter().enumerate() {
        let status = EnhancedCode::REGISTERED[i % EnhancedCode::REGISTERED.len()];
        out.push(Record {
            code,
            category: code.category(),
            command: Command::ALL[i % Command::ALL.len()],
            enhanced: status.with_class(code.category().digit().max(4)).unwrap(),
        });
    }
    out.push(Record {
        code: ReplyCode::Ok,
        category: Category::PositiveCompletion,
        command: Command::Rcpt,
        enhanced: EnhancedCode::new(4, 999, 999).unwrap(),
    });
    out
}

#[test]
fn every_type_round_trips_through_a_binary_format() {
    // postcard writes no type tags, so a value must be read as the type it was written as.
    let records = every_record();
    let bytes = postcard::to_allocvec(&records).unwrap();
    assert_eq!(
        postcard::from_bytes::<Vec<Record>>(&bytes).unwrap(),
        records
    );
    // The code is the number itself, as a u16 (a varint: 250 takes two bytes).
    assert_eq!(
        postcard::to_allocvec(&ReplyCode::Ok).unwrap(),
        postcard::to_allocvec(&250u16).unwrap()
    );
    let bytes = postcard::to_allocvec(&299u16).unwrap();
    let err = postcard::from_bytes::<ReplyCode>(&bytes).unwrap_err();
    assert!(postcard::from_bytes::<u16>(&bytes).is_ok(), "{err}");
}

#[test]
fn every_type_round_trips_through_json_and_toml() {
    let records = every_record();
    let json = serde_json::to_string(&records).unwrap();
    assert_eq!(serde_json::from_str::<Vec<Record>>(&json).unwrap(), records);
    for record in records {
        let text = toml::to_string(&record).unwrap();
        assert_eq!(toml::from_str::<Record>(&text).unwrap(), record, "{text}");
    }
}

#[test]
fn toml_reads_a_code_as_a_number_or_a_string() {
    #[derive(Debug, serde::Deserialize)]
    struct Code {
        code: ReplyCode,
    }
    assert_eq!(
        toml::from_str::<Code>("code = 250").unwrap().code,
        ReplyCode::Ok
    );
    assert_eq!(
        toml::from_str::<Code>("code = \"550\"").unwrap().code,
        ReplyCode::MailboxUnavailable
    );
    let err = toml::from_str::<Code>("code = \"250 OK\"").unwrap_err();
    assert!(err.to_string().contains("an SMTP reply code"), "{err}");
    let err = toml::from_str::<Code>("code = 299").unwrap_err();
    assert!(
        err.to_string().contains("unknown SMTP reply code 299"),
        "{err}"
    );
}

mod reply_buf {
    use smtp_codes::{ReplyBuf, ReplyCode, enhanced_code};

    fn sample() -> ReplyBuf {
        ReplyBuf::new(ReplyCode::MailboxUnavailable)
            .enhanced(enhanced_code!("5.1.1"))
            .line("<bob@example.com>: no such user")
            .unwrap()
            .line("see https://postmaster.example.net/")
            .unwrap()
    }

    #[test]
    fn the_documented_shape() {
        let json = serde_json::to_value(sample()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": 550,
                "enhanced": "5.1.1",
                "lines": ["<bob@example.com>: no such user", "see https://postmaster.example.net/"],
            })
        );
        let back: ReplyBuf = serde_json::from_value(json).unwrap();
        assert_eq!(back, sample());
        assert_eq!(back.to_string(), sample().to_string());
    }

    #[test]
    fn round_trips_through_json_and_postcard() {
        let long = "word ".repeat(200);
        for reply in [
            sample(),
            ReplyBuf::new(ReplyCode::Ok),
            ReplyBuf::with_code(299)
                .unwrap()
                .line(long.as_str())
                .unwrap(),
        ] {
            let json = serde_json::to_string(&reply).unwrap();
            assert_eq!(serde_json::from_str::<ReplyBuf>(&json).unwrap(), reply);
            let bytes = postcard::to_allocvec(&reply).unwrap();
            assert_eq!(postcard::from_bytes::<ReplyBuf>(&bytes).unwrap(), reply);
        }
        let short: ReplyBuf = serde_json::from_str(r#"{"code": 250}"#).unwrap();
        assert_eq!(short.to_string(), "250 OK\r\n");
    }

    #[test]
    fn deserialising_checks_like_the_builder() {
        for (json, why) in [
            (
                r#"{"code": 250, "lines": ["ok\r\n550 injected"]}"#,
                "control character",
            ),
            (
                r#"{"code": 250, "lines": ["nul\u0000"]}"#,
                "control character",
            ),
            (r#"{"code": 250, "enhanced": "5.1.1"}"#, "class"),
            (r#"{"code": 600}"#, "between 200 and 599"),
            (r#"{"code": 99999}"#, "u16"),
            (r#"{"code": 250, "enhanced": "5.1"}"#, ""),
            (r#"{"lines": []}"#, "missing field `code`"),
            (r#"{"code": 250, "text": "hi"}"#, "unknown field `text`"),
            (r#"{"code": 250, "code": 251}"#, "duplicate field `code`"),
        ] {
            let err = serde_json::from_str::<ReplyBuf>(json)
                .unwrap_err()
                .to_string();
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}
