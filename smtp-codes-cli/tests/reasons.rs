//! Bounce reasons on the command line: `explain` of a reply line diagnoses it above its cards,
//! `reasons` and `explain TOKEN` describe the reasons, `scan --by reason|domain` counts them in
//! the committed logs, and `--rules` puts a user's rules before (or instead of) the built-in
//! ones.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use smtp_codes::{EnhancedStatus, Reason, Reply, ReplyCode};

const SPAMHAUS: &str =
    "550 5.7.1 Service unavailable; client [192.0.2.7] blocked using zen.spamhaus.org";
const GMAIL_5726: &str = "550 5.7.26 This mail has been blocked because the sender is \
                          unauthenticated. Gmail requires all senders to authenticate with either \
                          SPF or DKIM.";
/// Gmail's rule for this text names Gmail's hosts: only the context makes it match.
const GMAIL_BUSY: &str = "421 4.4.5 Server busy, try again later.";

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("smtp-codes").expect("the binary is built");
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    // English headings, whatever the locale of the machine.
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let output = cli().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&stdout_of(&all)).expect("JSON output")
}

/// Runs and expects failure with `status` and nothing on standard output; returns standard error.
fn failure(args: &[&str], status: i32) -> String {
    let output = cli().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(status), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    String::from_utf8(output.stderr).unwrap()
}

fn repo_file(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
        .display()
        .to_string()
}

/// A file in a fresh directory for one test.
fn scratch_file(test: &str, name: &str, contents: &str) -> ScratchFile {
    let dir =
        std::env::temp_dir().join(format!("smtp-codes-reasons-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    ScratchFile { dir, path }
}

/// A file in a fresh directory of its own, removed when the test is done with it.
struct ScratchFile {
    dir: PathBuf,
    path: PathBuf,
}

impl std::ops::Deref for ScratchFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The library's own diagnosis of `line`, to check the tool against.
fn library(line: &str) -> smtp_codes::Diagnosis<'static> {
    let line: &'static str = Box::leak(line.to_owned().into_boxed_str());
    Reply::parse_line(line.as_bytes()).unwrap().diagnose()
}

#[test]
fn explain_shows_why_a_spamhaus_listing_failed_above_the_cards() {
    let text = stdout_of(&["explain", SPAMHAUS]);
    let diagnosis = library(SPAMHAUS);
    let provider = diagnosis.provider().expect("a Spamhaus rule matches");
    let reason = text.find("Reason       blocked").expect(&text);
    for needle in [
        diagnosis.reason().name(),
        provider.name(),
        "Bounce       soft",
        "Decided by   the rule ",
        diagnosis.rule().unwrap(),
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    // The rule's note and fix, wrapped like the cards' fields: compare the words.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&text).contains(&words(diagnosis.note().unwrap())),
        "{text}"
    );
    assert!(
        words(&text).contains(&words(diagnosis.remediation())),
        "{text}"
    );
    // Above the general cards.
    let card = text.find("\n550 Mailbox Unavailable\n").expect(&text);
    assert!(reason < card, "{text}");
    assert!(text.find("\n5.7.1 Delivery not authorized").unwrap() > card);

    let card = json_of(&["explain", SPAMHAUS]);
    assert_eq!(card["kind"], "reply");
    assert_eq!(card["reason"], "blocked");
    assert_eq!(card["hard_bounce"], false);
    assert_eq!(card["provider"], provider.id());
    assert_eq!(card["note"], diagnosis.note().unwrap());
    assert_eq!(card["remediation"], diagnosis.remediation());
    assert_eq!(card["link"], diagnosis.link().unwrap());
    assert_eq!(card["decided_by"], "rule");
    assert_eq!(card["rule"], diagnosis.rule().unwrap());
    // The cards are still there.
    assert_eq!(card["basic"]["code"], 550);
    assert_eq!(card["enhanced"]["code"], "5.7.1");
}

#[test]
fn explain_feeds_host_recipient_and_domain_to_the_rules() {
    let card = json_of(&[
        "explain",
        "--host",
        "gmail-smtp-in.l.google.com",
        GMAIL_5726,
    ]);
    assert_eq!(card["reason"], "authfailure");
    assert_eq!(card["provider"], "google");
    assert_eq!(card["hard_bounce"], false);
    let text = stdout_of(&[
        "explain",
        "--host",
        "gmail-smtp-in.l.google.com",
        GMAIL_5726,
    ]);
    assert!(text.contains("Reason       authfailure"), "{text}");
    assert!(text.contains("Provider     Google"), "{text}");

    // A rule that names Gmail's hosts matches only when the tool passes them on.
    let alone = json_of(&["explain", GMAIL_BUSY]);
    assert_eq!(alone["provider"], Value::Null, "{alone}");
    for context in [
        ["--host", "gmail-smtp-in.l.google.com"],
        ["--recipient", "bob@gmail.com"],
        ["--domain", "GMAIL.com"],
    ] {
        let mut args = vec!["explain"];
        args.extend(context);
        args.push(GMAIL_BUSY);
        let card = json_of(&args);
        assert_eq!(card["provider"], "google", "{context:?}: {card}");
        assert_eq!(card["decided_by"], "rule", "{context:?}");
        assert_eq!(card["hard_bounce"], false, "a 4yz never is");
    }
    let card = json_of(&["explain", "--host", "mx.example.com", GMAIL_BUSY]);
    assert_eq!(card["provider"], Value::Null);
}

#[test]
fn context_options_are_refused_where_they_cannot_count() {
    let err = failure(&["explain", "--host", "mx.example.com", "550"], 2);
    assert!(
        err.contains("--host") && err.contains("not a reply line"),
        "{err}"
    );
    let err = failure(&["explain", "--command", "FROB", SPAMHAUS], 2);
    assert!(
        err.contains("--command 'FROB'") && err.contains("RCPT"),
        "{err}"
    );
    let err = failure(&["explain", "--recipient", "example.com", SPAMHAUS], 2);
    assert!(err.contains("--domain"), "{err}");
    failure(
        &[
            "explain",
            "--recipient",
            "a@b.test",
            "--domain",
            "b.test",
            SPAMHAUS,
        ],
        2,
    );
    // The two session events, as `list --command` takes them.
    let card = json_of(&["explain", "--command", "end-of-data", SPAMHAUS]);
    assert_eq!(card["reason"], "blocked");
}

#[test]
fn a_reply_no_rule_knows_still_has_every_key() {
    let line = "550 5.1.1 xyzzy";
    let card = json_of(&["explain", line]);
    assert_eq!(card["reason"], Reason::UserUnknown.token());
    assert_eq!(card["reason_name"], Reason::UserUnknown.name());
    assert_eq!(card["hard_bounce"], true);
    assert_eq!(card["decided_by"], "enhanced_code");
    for key in ["provider", "note", "link", "rule"] {
        assert_eq!(card[key], Value::Null, "{key}: {card}");
    }
    assert_eq!(card["remediation"], Reason::UserUnknown.remediation());
    let text = stdout_of(&["explain", line]);
    assert!(text.contains("Bounce       hard"), "{text}");
    assert!(text.contains("the default reason of 5.1.1"), "{text}");
    // A success is delivered, with no bounce to speak of.
    let card = json_of(&["explain", "250 2.0.0 Ok: queued"]);
    assert_eq!(card["reason"], "delivered");
    assert!(!stdout_of(&["explain", "250 2.0.0 Ok: queued"]).contains("Bounce"));
    // A full mailbox is given up on by its code, retried by its reason: both are shown.
    let card = json_of(&["explain", "552 5.2.2 over quota"]);
    let reason: Reason = card["reason"].as_str().unwrap().parse().unwrap();
    if card["reason_disposition"] != card["disposition"] {
        let text = stdout_of(&["explain", "552 5.2.2 over quota"]);
        assert!(text.contains("Then "), "{reason}: {text}");
    }
}

#[test]
fn reasons_lists_every_reason() {
    let text = stdout_of(&["reasons"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("REASON"), "{text}");
    assert_eq!(lines.len(), Reason::ALL.len() + 1, "{text}");
    for (line, reason) in lines[1..].iter().zip(Reason::ALL) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[0], reason.token(), "{line}");
        let bounce = if reason.is_hard_bounce() {
            "hard"
        } else {
            "soft"
        };
        assert_eq!(cells[1], bounce, "{line}");
        assert!(line.contains(reason.name()), "{line}");
    }
    let rows = json_of(&["reasons"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), Reason::ALL.len());
    for (row, reason) in rows.iter().zip(Reason::ALL) {
        assert_eq!(row["token"], reason.token());
        assert_eq!(row["hard_bounce"], reason.is_hard_bounce());
        assert_eq!(row["description"], reason.description());
    }
}

#[test]
fn explain_a_reason_token() {
    let reason = Reason::UserUnknown;
    let basic: Vec<u16> = ReplyCode::ALL
        .iter()
        .filter(|c| c.reason() == reason)
        .map(|c| c.code())
        .collect();
    let enhanced: Vec<String> = EnhancedStatus::ALL
        .iter()
        .filter(|s| s.reason() == reason)
        .map(|s| s.any_class().to_string())
        .collect();
    assert!(!enhanced.is_empty());
    let text = stdout_of(&["explain", "userunknown"]);
    assert!(
        text.starts_with(&format!("userunknown — {}\n", reason.name())),
        "{text}"
    );
    assert!(text.contains("Bounce       hard"), "{text}");
    let mut codes: Vec<String> = basic.iter().map(u16::to_string).collect();
    codes.extend(enhanced.iter().cloned());
    assert!(
        text.contains(&format!("Default of   {}\n", codes.join(", "))),
        "{codes:?} missing from:\n{text}"
    );
    let card = json_of(&["explain", "UserUnknown"]);
    assert_eq!(card["kind"], "reason");
    assert_eq!(card["token"], "userunknown");
    assert_eq!(card["description"], reason.description());
    assert_eq!(card["remediation"], reason.remediation());
    assert_eq!(card["hard_bounce"], true);
    assert_eq!(card["basic_codes"], serde_json::json!(basic));
    assert_eq!(card["enhanced_codes"], serde_json::json!(enhanced));
    // Every token is a reason, never a code.
    for reason in Reason::ALL {
        assert_eq!(
            json_of(&["explain", reason.token()])["token"],
            reason.token()
        );
    }
    // A slip gets the reason it was near.
    let err = failure(&["explain", "userunknwn"], 2);
    assert!(err.contains("did you mean userunknown?"), "{err}");
    failure(&["compare", "userunknown", "550"], 2);
}

/// The `--each --json` events and the summary of scanning `files` with `args`.
fn scan_each(args: &[&str], files: &[String]) -> (Vec<Value>, Value) {
    let mut all = vec!["--json", "scan", "--each"];
    all.extend_from_slice(args);
    all.extend(files.iter().map(String::as_str));
    let text = stdout_of(&all);
    let mut events: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = events.pop().unwrap()["summary"].clone();
    (events, summary)
}

fn logs() -> Vec<String> {
    vec![
        repo_file("tests/logs/postfix/maillog"),
        repo_file("tests/logs/exim/mainlog"),
    ]
}

#[test]
fn scan_by_reason_counts_the_committed_logs() {
    let files = logs();
    let mut args = vec!["--json", "scan", "--by", "reason"];
    args.extend(files.iter().map(String::as_str));
    let report: Value = serde_json::from_str(&stdout_of(&args)).unwrap();
    assert_eq!(report["by"], "reason");
    let reasons = report["reasons"].as_array().unwrap();
    let total: u64 = reasons.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(total, report["matched"].as_u64().unwrap());
    // Counted on every core, the same as line by line.
    let (events, _) = scan_each(&[], &files);
    for entry in reasons {
        let token = entry["reason"].as_str().unwrap();
        let of: Vec<&Value> = events.iter().filter(|e| e["reason"] == token).collect();
        assert_eq!(entry["count"], of.len() as u64, "{token}");
        let hard = of.iter().filter(|e| e["hard_bounce"] == true).count();
        assert_eq!(entry["hard_bounces"], hard as u64, "{token}");
    }
    // Each failure's reason is the library's for the reply the line quotes.
    let postfix = std::fs::read_to_string(&files[0]).unwrap();
    let line = postfix
        .lines()
        .find(|l| l.contains("said: 550 5.1.1"))
        .unwrap();
    let reply = line
        .split("said: ")
        .nth(1)
        .unwrap()
        .split(" (in reply to")
        .next()
        .unwrap();
    let number = postfix.lines().position(|l| l == line).unwrap() + 1;
    let event = events
        .iter()
        .find(|e| e["line"] == number as u64 && e["file"] == files[0].as_str())
        .unwrap();
    assert_eq!(event["reason"], library(reply).reason().token());
    assert_eq!(event["hard_bounce"], true);
    assert_eq!(event["domain"], "remote.test");

    let text = stdout_of(&["scan", "--by", "reason", &files[0], &files[1]]);
    let table: Vec<&str> = text.lines().skip(2).collect();
    assert!(
        table[0].contains("REASON") && table[0].contains("HARD"),
        "{text}"
    );
    assert_eq!(table.len(), reasons.len() + 1, "{text}");
    assert!(text.contains("userunknown"), "{text}");
}

#[test]
fn scan_by_domain_counts_the_recipients_domains() {
    let files = logs();
    let mut args = vec!["--json", "scan", "--by", "domain"];
    args.extend(files.iter().map(String::as_str));
    let report: Value = serde_json::from_str(&stdout_of(&args)).unwrap();
    let domains = report["domains"]
        .as_array()
        .expect("domains with --by domain");
    let total: u64 = domains.iter().map(|d| d["count"].as_u64().unwrap()).sum();
    assert_eq!(total, report["matched"].as_u64().unwrap());
    let count = |name: &str| {
        domains
            .iter()
            .find(|d| d["domain"] == name)
            .map_or(0, |d| d["count"].as_u64().unwrap())
    };
    // Postfix refuses to relay for other.test itself: its `reject:` lines name the recipient.
    let postfix = std::fs::read_to_string(&files[0]).unwrap();
    let relayed = postfix
        .lines()
        .filter(|l| l.contains(" reject: ") && l.contains("to=<someone@other.test>"))
        .count();
    assert!(relayed > 0);
    assert_eq!(count("other.test"), relayed as u64);
    // Counted on every core, the same as line by line (Exim's `** bob@remote.test`,
    // Postfix's `to=<bob@remote.test>`).
    let (events, _) = scan_each(&["--by", "domain"], &files);
    for entry in domains {
        let of = events
            .iter()
            .filter(|e| e["domain"] == entry["domain"])
            .count();
        assert_eq!(entry["count"], of as u64, "{entry}");
    }
    assert!(count("remote.test") > 0 && count("mail.test") > 0);
    // Without --by domain the summary does not carry them.
    let mut args = vec!["--json", "scan"];
    args.extend(files.iter().map(String::as_str));
    let plain: Value = serde_json::from_str(&stdout_of(&args)).unwrap();
    assert!(plain.get("domains").is_none());

    let text = stdout_of(&["scan", "--by", "domain", &files[0], &files[1]]);
    assert!(
        text.contains("DOMAIN") && text.contains("remote.test"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains(" other.test "))
        .expect(&text);
    assert!(row.contains("norelaying"), "{row}");
    failure(&["scan", "--by", "sender", &files[0]], 2);
}

/// A rule file that files Spamhaus listings under `badreputation`, for one made-up provider.
const MY_RULES: &str = r#"
[[provider]]
id = "example-mx"
name = "Example MX"
hosts = ["example.net"]
link = "https://postmaster.example.net/"

[[rule]]
id = "example-zen-is-reputation"
provider = "example-mx"
reason = "badreputation"
class = 5
text = ["blocked using zen.spamhaus.org"]
note = "We file ZEN listings under reputation."
example = "550 5.7.1 Service unavailable; client [192.0.2.7] blocked using zen.spamhaus.org"
source = "https://postmaster.example.net/"
"#;

#[test]
fn a_users_rule_comes_before_the_built_in_one() {
    let rules = scratch_file("before", "mine.toml", MY_RULES);
    let rules = rules.to_str().unwrap();
    assert_eq!(library(SPAMHAUS).reason(), Reason::Blocked);
    let card = json_of(&["--rules", rules, "explain", SPAMHAUS]);
    assert_eq!(card["reason"], "badreputation");
    assert_eq!(card["rule"], "example-zen-is-reputation");
    assert_eq!(card["provider"], "example-mx");
    assert_eq!(card["link"], "https://postmaster.example.net/");
    // `--rules` before a bare line still means explain.
    let text = stdout_of(&["--rules", rules, SPAMHAUS]);
    assert!(text.contains("Reason       badreputation"), "{text}");
    assert!(
        text.contains("We file ZEN listings under reputation."),
        "{text}"
    );
    // The built-in rules still answer what the file does not.
    let card = json_of(&["--rules", rules, "explain", GMAIL_5726]);
    assert_eq!(card["provider"], "google");
    // Instead of them: only the codes are left.
    let card = json_of(&["--rules", rules, "--rules-instead", "explain", GMAIL_5726]);
    assert_eq!(card["provider"], Value::Null);
    assert_ne!(card["decided_by"], "rule");
    failure(&["--rules-instead", "explain", GMAIL_5726], 2);

    // scan uses them too.
    let output = cli()
        .args(["--json", "--rules", rules, "scan", "--by", "reason"])
        .write_stdin(format!("{SPAMHAUS}\n"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["reasons"][0]["reason"], "badreputation", "{report}");
}

#[test]
fn a_broken_rule_file_lists_every_problem() {
    let broken = "[[rule]]\nid = \"a\"\nreason = \"nosuchreason\"\ntext = [\"\"]\n\
                  example = \"550 5.7.1 x\"\nsource = \"x\"\n\n[[rule]]\nid = \"b\"\n\
                  reason = \"blocked\"\nenhanced = \"5.99.x\"\nexample = \"550 5.7.1 x\"\n\
                  source = \"x\"\n";
    let path = scratch_file("broken", "broken.toml", broken);
    let name = path.to_str().unwrap();
    for args in [
        vec!["explain", SPAMHAUS],
        vec!["scan", "-"],
        vec!["reasons"],
    ] {
        let mut all = vec!["--rules", name];
        all.extend(args);
        let err = failure(&all, 2);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(
            lines[0].starts_with(&format!("smtp-codes: {name}:3:10: ")),
            "{err}"
        );
        assert!(lines[0].contains("nosuchreason"), "{err}");
        assert!(
            lines[1].starts_with(&format!("smtp-codes: {name}:4:")),
            "{err}"
        );
        assert!(
            lines[2].starts_with(&format!("smtp-codes: {name}:11:")),
            "{err}"
        );
    }
    let err = failure(&["--json", "--rules", name, "explain", SPAMHAUS], 2);
    let body: Value = serde_json::from_str(&err).unwrap();
    assert_eq!(body["error"]["kind"], "rules");
    assert_eq!(body["error"]["input"], name);
    let problems = body["error"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 3);
    assert_eq!(
        (problems[0]["line"].clone(), problems[0]["column"].clone()),
        (3.into(), 10.into())
    );
    // A file that is not there, and one that is not text.
    let err = failure(&["--rules", "/nonexistent/rules.toml", "explain", "550"], 1);
    assert!(err.contains("cannot read the rules"), "{err}");
    let path = scratch_file("binary", "bin.toml", "");
    std::fs::write(&*path, b"\xff\xfe").unwrap();
    failure(&["--rules", path.to_str().unwrap(), "explain", "550"], 2);
}

#[test]
fn text_from_a_rule_file_is_escaped_on_the_terminal() {
    let hostile = MY_RULES.replace(
        "We file ZEN listings under reputation.",
        "owned \\u001b]0;title\\u0007 here",
    );
    let path = scratch_file("escape", "mine.toml", &hostile);
    let name = path.to_str().unwrap();
    let text = stdout_of(&["--rules", name, "explain", SPAMHAUS]);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("owned \\x1b]0;title\\x07 here"), "{text}");
    // JSON keeps it exact.
    let card = json_of(&["--rules", name, "explain", SPAMHAUS]);
    assert_eq!(card["note"], "owned \x1b]0;title\x07 here");
    // In a problem message too.
    let broken = MY_RULES.replace("\"badreputation\"", "\"bad\\u001b[31m\"");
    let path = scratch_file("escape-broken", "broken.toml", &broken);
    let err = failure(&["--rules", path.to_str().unwrap(), "explain", SPAMHAUS], 2);
    assert!(!err.contains('\x1b'), "{err:?}");
}
