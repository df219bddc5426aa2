//! `smtp-codes search`: finds entries of the reference by their words.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn greylisting_is_found_in_the_codes_that_mention_it() {
    let (status, out, _) = run(&["search", "greylist"]);
    assert_eq!(status, Some(0));
    assert!(
        out.lines()
            .any(|l| l.starts_with("reply") && l.contains("450")),
        "{out}"
    );
}

#[test]
fn json_lists_kind_id_name_and_where() {
    let (status, out, _) = run(&["--json", "search", "Mailbox", "FULL"]);
    assert_eq!(status, Some(0));
    let hits: Value = serde_json::from_str(&out).unwrap();
    let hits = hits.as_array().unwrap();
    let reason = hits
        .iter()
        .find(|h| h["kind"] == "reason" && h["id"] == "mailboxfull")
        .expect("the reason mailboxfull is found");
    assert_eq!(reason["name"], "Mailbox full");
    assert!(
        reason["found_in"]
            .as_array()
            .unwrap()
            .contains(&"name".into())
    );
    // Those named by both words come before those that only mention them.
    let first_mention = hits
        .iter()
        .position(|h| !h["found_in"].as_array().unwrap().contains(&"name".into()));
    let last_named = hits
        .iter()
        .rposition(|h| h["found_in"].as_array().unwrap().contains(&"name".into()));
    if let (Some(mention), Some(named)) = (first_mention, last_named) {
        assert!(named < mention, "{hits:?}");
    }
}

#[test]
fn an_enhanced_code_with_its_class_finds_its_entry_first() {
    let (_, out, _) = run(&["--json", "search", "5.7.26"]);
    let hits: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(hits[0]["id"], "X.7.26");
}

#[test]
fn nothing_found_says_so_without_the_control_characters() {
    let (status, out, _) = run(&["search", "no\u{1b}]0;pwned\u{7}where"]);
    assert_eq!(status, Some(0));
    assert!(out.starts_with("Nothing in the reference"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    let (_, json, _) = run(&["--json", "search", "nowhere-at-all"]);
    assert_eq!(json.trim(), "[]");
}

#[test]
fn no_words_is_a_usage_error() {
    let (status, out, err) = run(&["search"]);
    assert_eq!(status, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("WORD"), "{err}");
    let (status, _, err) = run(&["search", "  "]);
    assert_eq!(status, Some(2), "{err}");
}
