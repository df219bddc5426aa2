//! What a code's card says besides its texts: the codes to compare it with, and its few words
//! for one line, in text and in JSON, from the library's data.

use assert_cmd::Command;
use serde_json::Value;
use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

fn out(args: &[&str]) -> String {
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_code_with_related_codes_names_them_and_how_to_compare() {
    for code in ReplyCode::ALL {
        let number = code.code().to_string();
        let card = out(&[&number]);
        let line = card.lines().find(|l| l.starts_with("Compare "));
        match code.related().first() {
            Some(first) => {
                let line = line.unwrap_or_else(|| panic!("{number}: no Compare line"));
                let listed: Vec<String> = code
                    .related()
                    .iter()
                    .map(|c| c.code().to_string())
                    .collect();
                assert!(line.contains(&listed.join(", ")), "{line}");
                assert!(
                    line.ends_with(&format!("(smtp-codes compare {number} {})", first.code())),
                    "{line}"
                );
            }
            None => assert!(line.is_none(), "{number}: {line:?}"),
        }
        let json: Value = serde_json::from_str(&out(&["--json", &number])).unwrap();
        let related: Vec<u16> = code.related().iter().map(|c| c.code()).collect();
        assert_eq!(json["related"], serde_json::json!(related));
        assert_eq!(json["summary"], serde_json::json!(code.summary()));
        assert_eq!(json["quick_fix"], serde_json::json!(code.quick_fix()));
    }
}

#[test]
fn enhanced_codes_and_reasons_carry_their_few_words_in_json() {
    let status = EnhancedStatus::ALL[0];
    let id = format!("X.{}.{}", status.subject(), status.detail());
    let json: Value = serde_json::from_str(&out(&["--json", "explain", &id])).unwrap();
    assert_eq!(json["summary"], serde_json::json!(status.summary()));
    assert_eq!(json["quick_fix"], serde_json::json!(status.quick_fix()));
    let json: Value = serde_json::from_str(&out(&["--json", "explain", "mailboxfull"])).unwrap();
    assert_eq!(
        json["summary"],
        serde_json::json!(Reason::MailboxFull.summary())
    );
}
