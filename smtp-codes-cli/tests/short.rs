//! `--short`: one line per code, reply or reason, from the data's `summary` and `quick_fix`.

use assert_cmd::Command;
use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

fn short(args: &[&str]) -> String {
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .arg("--short")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{args:?} printed {out:?}");
    out.trim_end().to_owned()
}

#[test]
fn every_code_is_one_line_with_its_summary_and_fix() {
    for code in ReplyCode::ALL {
        let number = code.code().to_string();
        let line = short(&[&number]);
        let expected = format!(
            "{number} {}: {}; {}",
            code.category().disposition(),
            code.summary().unwrap(),
            code.quick_fix().unwrap()
        );
        assert_eq!(line, expected);
    }
    for status in EnhancedStatus::ALL {
        let any = format!("X.{}.{}", status.subject(), status.detail());
        let line = short(&[&any]);
        assert_eq!(
            line,
            format!(
                "{any}: {}; {}",
                status.summary().unwrap(),
                status.quick_fix().unwrap()
            )
        );
    }
}

#[test]
fn a_reply_line_gets_its_reason_s_words() {
    let line = short(&[
        "explain",
        "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown",
    ]);
    let reason = Reason::UserUnknown;
    assert_eq!(
        line,
        format!(
            "550 5.1.1 give up (userunknown, hard): {}; {}",
            reason.summary().unwrap(),
            reason.quick_fix().unwrap()
        )
    );
    // A success names no bounce.
    let line = short(&["explain", "250 2.0.0 Ok: queued as 4F2B1C0A1B"]);
    assert!(
        line.starts_with("250 2.0.0 success (delivered): "),
        "{line}"
    );
}

#[test]
fn a_reason_is_one_line_too() {
    let line = short(&["explain", "mailboxfull"]);
    let reason = Reason::MailboxFull;
    assert_eq!(
        line,
        format!(
            "mailboxfull (soft) retry later: {}; {}",
            reason.summary().unwrap(),
            reason.quick_fix().unwrap()
        )
    );
}

#[test]
fn the_reply_s_own_text_is_not_repeated() {
    let line = short(&["explain", "550 5.7.1 \u{1b}]0;owned\u{7} go away"]);
    assert!(
        !line.contains('\u{1b}') && !line.contains("owned"),
        "{line:?}"
    );
}

#[test]
fn short_and_json_do_not_go_together() {
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(["--short", "--json", "550"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}
