//! Runs the built `smtp-codes` binary on every command, with good and bad input, and checks
//! what it prints and how it exits. `scan` reads the Postfix and Exim logs in `tests/logs/`,
//! written by the real servers (`scripts/capture/run logs`).

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use smtp_codes::{Category, EnhancedStatus, ReplyCode};

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

/// Runs and expects failure with `status`; returns standard error.
fn failure(args: &[&str], status: i32) -> String {
    let output = cli().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(status), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    String::from_utf8(output.stderr).unwrap()
}

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn postfix_log() -> String {
    repo_file("tests/logs/postfix/maillog")
        .display()
        .to_string()
}

fn exim_log() -> String {
    repo_file("tests/logs/exim/mainlog").display().to_string()
}

#[test]
fn explain_a_basic_code() {
    let text = stdout_of(&["explain", "550"]);
    assert!(text.starts_with("550 Mailbox Unavailable\n"), "{text}");
    for needle in [
        "Permanent Negative Completion",
        "RCPT",
        "RFC 5321",
        "5.1.1",
        "give up",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    // Not a terminal: no colour.
    assert!(!text.contains('\x1b'), "{text}");
    // A bare code is `explain`.
    assert_eq!(stdout_of(&["550"]), text);
    assert_eq!(stdout_of(&["--color", "never", "550"]), text);

    let card = json_of(&["explain", "421"]);
    assert_eq!(card["kind"], "reply_code");
    assert_eq!(card["code"], 421);
    assert_eq!(card["category"]["digit"], 4);
    assert_eq!(card["disposition"], "retry_later");
    assert_eq!(card["name"], ReplyCode::ServiceNotAvailable.name());
}

#[test]
fn every_known_code_has_a_card() {
    for code in ReplyCode::ALL {
        let card = json_of(&[&code.code().to_string()]);
        assert_eq!(card["name"], code.name());
        assert_eq!(card["when"], code.when_seen());
        assert_eq!(card["remediation"], code.remediation());
    }
}

#[test]
fn explain_an_enhanced_code() {
    let text = stdout_of(&["explain", "5.7.1"]);
    assert!(text.starts_with("5.7.1 "), "{text}");
    assert!(text.contains("Security or Policy Status"), "{text}");
    let card = json_of(&["explain", "5.7.1"]);
    assert_eq!(card["kind"], "enhanced_code");
    assert_eq!(card["class"]["digit"], 5);
    assert!(
        card["basic_codes"]
            .as_array()
            .unwrap()
            .contains(&Value::from(550))
    );
    assert_eq!(card["used_with_class"], true);
    // Without a class.
    let card = json_of(&["explain", "X.1.1"]);
    assert_eq!(card["code"], "X.1.1");
    assert_eq!(card["class"], Value::Null);
}

#[test]
fn explain_a_reply_line() {
    let card = json_of(&["explain", "550 5.7.1 Relaying denied"]);
    assert_eq!(card["kind"], "reply");
    assert_eq!(card["code"], 550);
    assert_eq!(card["enhanced_code"], "5.7.1");
    assert_eq!(card["agree"], true);
    assert_eq!(card["disposition"], "give_up");
    assert_eq!(card["basic"]["code"], 550);
    assert_eq!(card["enhanced"]["code"], "5.7.1");
    // Unquoted words are one line; codes that disagree are named.
    let card = json_of(&["explain", "550", "4.7.1", "try", "later"]);
    assert_eq!(card["agree"], false);
    assert_eq!(card["text"], "4.7.1 try later");
    let text = stdout_of(&["550 4.7.1 try later"]);
    assert!(text.contains("differs from the basic code"), "{text}");
    // The 552 + X.5.3 rule.
    assert_eq!(
        json_of(&["552 5.5.3 too many"])["disposition"],
        "retry_later"
    );
}

#[test]
fn unknown_codes_get_suggestions_and_status_2() {
    let err = failure(&["explain", "551x"], 2);
    assert!(
        err.contains("551x") && err.contains("did you mean 551"),
        "{err}"
    );
    let err = failure(&["5.7.99"], 2);
    assert!(err.contains("5.7.9") && err.contains("registry"), "{err}");
    let err = failure(&["explain", "55O"], 2);
    assert!(err.contains("550"), "{err}");
    let err = failure(&["explain", "hello"], 2);
    assert!(err.contains("hello"), "{err}");
    failure(&["explain", "650 no such class"], 2);
    failure(&["--json", "explain", "9.9.9"], 2);
}

/// Runs with `stdin` as standard input; returns the exit status, standard output and error.
fn run_with_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> (Option<i32>, String, String) {
    let output = cli().args(args).write_stdin(stdin).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The JSON error that `--json` prints on standard error, checking the status and that
/// standard output is empty.
fn json_failure(args: &[&str], status: i32) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let err = failure(&all, status);
    assert_eq!(err.lines().count(), 1, "{err}");
    let value: Value = serde_json::from_str(&err).expect("a JSON error");
    assert!(value["error"]["kind"].is_string(), "{value}");
    assert!(value["error"]["message"].is_string(), "{value}");
    value["error"].clone()
}

#[test]
fn a_pasted_line_keeps_its_blanks_and_is_explained() {
    let explained = stdout_of(&["explain", " 550 5.1.1 x"]);
    assert!(explained.starts_with("550 5.1.1 x\n"), "{explained}");
    for pasted in [" 550 5.1.1 x", "550 5.1.1 x  ", "\t550 5.1.1 x\n"] {
        assert_eq!(stdout_of(&[pasted]), explained, "{pasted:?}");
    }
    assert_eq!(stdout_of(&[" 5.1.1"]), stdout_of(&["explain", "5.1.1"]));
    // Not a code: still clap's error, and a name that is no command stays one.
    failure(&[" frobnicate"], 2);
}

#[test]
fn an_unknown_code_keeps_its_category() {
    let err = failure(&["299"], 2);
    assert!(
        err.contains("'299'") && err.contains("not in the table"),
        "{err}"
    );
    assert!(err.contains("2yz Positive Completion"), "{err}");
    let client = err.lines().find(|l| l.starts_with("Client")).unwrap();
    assert!(client.ends_with("success"), "{err}");
    let unknown = (400..500)
        .find(|&n| ReplyCode::ALL.iter().all(|c| c.code() != n))
        .unwrap()
        .to_string();
    let err = failure(&[&unknown], 2);
    let transient = Category::TransientNegative.name();
    assert!(
        err.contains(transient) && err.contains("retry later"),
        "{err}"
    );

    let error = json_failure(&["299"], 2);
    assert_eq!(error["kind"], "unknown_code");
    assert_eq!(error["code"], 299);
    assert_eq!(error["category"]["digit"], 2);
    assert_eq!(
        error["category"]["name"],
        Category::PositiveCompletion.name()
    );
    assert_eq!(error["disposition"], "success");
    assert_eq!(error["input"], "299");
}

#[test]
fn suggestions_are_typos_of_known_codes() {
    let known = |code: &str| ReplyCode::ALL.iter().any(|c| c.code().to_string() == code);
    let suggested = |input: &str| -> Vec<String> {
        let error = json_failure(&["explain", input], 2);
        error["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(suggested("999"), Vec::<String>::new());
    let err = failure(&["999"], 2);
    assert!(!err.contains("did you mean"), "{err}");
    // A letter for a digit, a digit too many, two digits swapped.
    for (input, meant) in [
        ("55O", "550"),
        ("5501", "550"),
        ("505", "550"),
        ("2500", "250"),
    ] {
        let near = suggested(input);
        assert!(near.contains(&meant.to_owned()), "{input}: {near:?}");
        assert!(
            near.len() <= 3 && near.iter().all(|s| known(s)),
            "{input}: {near:?}"
        );
    }
    // Every suggestion differs from the input in one place (or one swap, or one digit more).
    for near in suggested("5O5") {
        let differ = near
            .chars()
            .zip("5O5".chars())
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differ, 1, "{near}");
    }
}

#[test]
fn an_enhanced_code_with_its_text_is_explained() {
    let text = stdout_of(&["5.1.1 User unknown"]);
    assert!(text.starts_with("5.1.1 User unknown\n"), "{text}");
    let status = EnhancedStatus::from_parts(1, 1).unwrap();
    assert!(text.contains(status.name()), "{text}");
    let card = json_of(&["explain", "5.1.1", "User", "unknown"]);
    assert_eq!(card["kind"], "enhanced_code");
    assert_eq!(card["code"], "5.1.1");
    assert_eq!(card["text"], "User unknown");
    // Without text, the card has none.
    assert_eq!(json_of(&["5.1.1"]).get("text"), None);
    let card = json_of(&["X.1.1 no such user"]);
    assert_eq!(
        (&card["code"], &card["text"]),
        (&"X.1.1".into(), &"no such user".into())
    );
}

#[test]
fn positions_in_errors_count_from_1() {
    for (input, at) in [
        ("55O", "character 3"),
        ("5.1.x", "character 5"),
        ("5.1.1x", "character 6"),
        ("5x0 text", "character 2"),
        ("550-a\n551 b", "line 2, character 1"),
    ] {
        let err = failure(&["explain", input], 2);
        assert!(err.contains(at), "{input:?}: {err}");
        assert!(
            !err.contains("byte 0") && !err.contains("position"),
            "{err}"
        );
    }
}

#[test]
fn list_takes_the_session_events_without_angle_brackets() {
    let bracketed = json_of(&["list", "--command", "<end-of-data>"]);
    assert!(!bracketed.as_array().unwrap().is_empty());
    for bare in ["end-of-data", "END-OF-DATA", "end_of_data"] {
        assert_eq!(json_of(&["list", "--command", bare]), bracketed, "{bare}");
    }
    let greeting = json_of(&["list", "--command", "greeting"]);
    assert_eq!(greeting, json_of(&["list", "--command", "<greeting>"]));
}

#[test]
fn explain_dash_reads_standard_input() {
    let from_arg = json_of(&["explain", "550 5.1.1 no such user"]);
    let (status, out, err) =
        run_with_stdin(&["--json", "explain", "-"], "550 5.1.1 no such user\n");
    assert_eq!(status, Some(0), "{err}");
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), from_arg);
    // A multi-line reply, as a server sends it.
    let (status, out, _) = run_with_stdin(&["explain", "-"], "250-hello\r\n250 OK\r\n");
    assert_eq!(status, Some(0));
    assert!(out.starts_with("250 hello\n"), "{out}");
    // Too much is an error that says so, as is text that is not UTF-8.
    let big = format!("550 {}", "x".repeat(70 * 1024));
    let (status, out, err) = run_with_stdin(&["explain", "-"], big);
    assert_eq!((status, out.as_str()), (Some(2), ""));
    assert!(err.contains("64 KiB"), "{err}");
    let (status, _, err) = run_with_stdin(&["explain", "-"], &b"550 caf\xe9"[..]);
    assert_eq!(status, Some(2));
    assert!(err.contains("UTF-8") && err.contains("byte 8"), "{err}");
    let (status, _, err) = run_with_stdin(&["explain", "-"], "");
    assert_eq!(status, Some(2));
    assert!(err.contains("nothing to explain"), "{err}");
}

#[test]
fn json_errors_are_json_with_the_same_status() {
    let error = json_failure(&["explain", "55O"], 2);
    assert_eq!(error["kind"], "invalid_input");
    assert_eq!(error["input"], "55O");
    assert!(
        error["suggestions"]
            .as_array()
            .unwrap()
            .contains(&"550".into())
    );
    assert!(error["message"].as_str().unwrap().contains("character 3"));
    let error = json_failure(&["explain", "5.9.99"], 2);
    assert_eq!(error["kind"], "unknown_code");
    let error = json_failure(&["list", "--category", "9"], 2);
    assert_eq!(error["kind"], "usage");
    assert_eq!(error["option"], "--category");
    assert_eq!(error["input"], "9");
    let error = json_failure(&["compare", "250", "5.1.1"], 2);
    assert_eq!(error["kind"], "usage");
    // clap's errors too, wherever --json stands.
    let error = json_failure(&["frobnicate"], 2);
    assert_eq!(error["kind"], "usage");
    assert!(
        error["message"].as_str().unwrap().contains("frobnicate"),
        "{error}"
    );
    let error = json_failure(&["list", "--standard", "--non-standard"], 2);
    assert_eq!(error["kind"], "usage");
    let err = failure(&["compare", "250", "--json"], 2);
    assert!(serde_json::from_str::<Value>(&err).is_ok(), "{err}");
    // Without --json, errors stay text.
    let err = failure(&["frobnicate"], 2);
    assert!(serde_json::from_str::<Value>(&err).is_err(), "{err}");
}

#[test]
fn help_lists_the_exit_statuses() {
    let help = stdout_of(&["--help"]);
    let statuses = &help[help
        .find("Exit status")
        .expect("a section on exit statuses")..];
    for status in ["0", "1", "2"] {
        assert!(
            statuses
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{status} "))),
            "{status} missing from:\n{statuses}"
        );
    }
}

#[test]
fn one_argument_with_two_replies_is_refused() {
    for two in ["550 5.1.1 a\r\n421 4.3.2 b", "550 5.1.1 a\n421 4.3.2 b"] {
        let err = failure(&["explain", two], 2);
        assert!(err.contains("more than one reply"), "{err}");
    }
    // A reply on several lines with one code is one reply.
    let card = json_of(&["explain", "550-5.1.1 a\r\n550 5.1.1 b"]);
    assert_eq!(card["code"], 550);
}

#[test]
fn a_long_line_is_refused_without_a_suggestion() {
    let err = failure(&["explain", &format!("550 {}", "a".repeat(8200))], 2);
    assert!(err.contains("longer than"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.len() < 300, "{err}");
}

#[test]
fn errors_quote_only_the_start_of_a_long_argument() {
    let long = "a".repeat(100_000);
    for args in [
        vec!["list", "--category", &long],
        vec!["list", "--command", &long],
        vec!["explain", &long],
        vec!["compare", &long, "250"],
    ] {
        let err = failure(&args, 2);
        assert!(err.len() < 600, "{} bytes: {}", err.len(), &err[..200]);
        assert!(err.contains("100000 bytes in all"), "{err}");
    }
}

/// Text meant to take over a terminal: a window title, a colour, C1 CSI, a bidi override, a
/// backspace and a DEL.
const HOSTILE: &str = "\u{1b}]0;owned\u{7}\u{1b}[31mred\u{9b}2J\u{202e}txt\u{8}\u{7f}";

/// `text` without the colour codes smtp-codes itself writes.
fn without_own_colours(text: &str) -> String {
    let mut out = text.to_owned();
    for code in ["0", "1", "2", "31", "32", "33", "36"] {
        out = out.replace(&format!("\u{1b}[{code}m"), "");
    }
    out
}

fn has_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n') || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn text_from_outside_never_reaches_the_terminal_raw() {
    let hostile_line = format!("550 5.7.1 {HOSTILE}");
    let hostile_dsn = format!("5.1.1 {HOSTILE}");
    let hostile_code = format!("55{HOSTILE}");
    let hostile_multi = format!("550-{HOSTILE}\r\n550 {HOSTILE}");
    // The arguments, standard input, and whether the output quotes them (compare shows the
    // codes of a line, not its text).
    let cases: Vec<(Vec<&str>, &str, bool)> = vec![
        (vec!["explain", &hostile_line], "", true),
        (vec![&hostile_line], "", true),
        (vec!["explain", &hostile_dsn], "", true),
        (vec!["explain", &hostile_code], "", true),
        (vec!["explain", &hostile_multi], "", true),
        (vec!["explain", HOSTILE], "", true),
        (vec![HOSTILE], "", true),
        (vec!["explain", "-"], HOSTILE, true),
        (vec!["explain", "-"], &hostile_line, true),
        (vec!["compare", &hostile_code, "250"], "", true),
        (vec!["compare", "250", &hostile_line], "", false),
        (vec!["compare", &hostile_dsn, "5.7.1"], "", false),
        (vec!["list", "--category", HOSTILE], "", true),
        (vec!["list", "--enhanced", "--category", HOSTILE], "", true),
        (vec!["list", "--command", HOSTILE], "", true),
    ];
    for (args, stdin, shown) in &cases {
        let run = |color: &str| {
            let mut all = vec!["--color", color];
            all.extend_from_slice(args);
            let (_, out, err) = run_with_stdin(&all, *stdin);
            (out, err)
        };
        let (out, err) = run("never");
        assert!(!has_control(&out), "{args:?} stdout: {out:?}");
        assert!(!has_control(&err), "{args:?} stderr: {err:?}");
        // What came in is shown, escaped: nothing of it is lost.
        let all = format!("{out}{err}");
        if *shown {
            assert!(all.contains("\\x1b]0;owned\\x07"), "{args:?}: {all:?}");
            assert!(all.contains("\\u{202e}txt\\x08\\x7f"), "{args:?}: {all:?}");
        }
        let (coloured_out, coloured_err) = run("always");
        assert_eq!(without_own_colours(&coloured_out), out, "{args:?}");
        assert_eq!(without_own_colours(&coloured_err), err, "{args:?}");
    }
    // JSON keeps the text exact.
    let card = json_of(&["explain", &hostile_line]);
    assert_eq!(card["text"], format!("5.7.1 {HOSTILE}"));
    let error = json_failure(&["explain", &hostile_code], 2);
    assert_eq!(error["input"], hostile_code);
    let error = json_failure(&["list", "--command", HOSTILE], 2);
    assert_eq!(error["input"], HOSTILE);
}

#[test]
fn usage_errors_come_from_clap() {
    let err = failure(&["frobnicate"], 2);
    assert!(err.contains("frobnicate"), "{err}");
    failure(&["compare", "250"], 2);
    failure(&["list", "--standard", "--enhanced"], 2);
    failure(&["list", "--standard", "--non-standard"], 2);
    failure(&["explain"], 2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout_of(&["250"]);
    let coloured = stdout_of(&["--color", "always", "250"]);
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[1m250 OK\x1b[0m"), "{coloured}");
    let output = cli().args(["250"]).env("NO_COLOR", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\x1b'));
}

#[test]
fn compare_two_basic_codes() {
    let text = stdout_of(&["compare", "214", "250"]);
    assert!(text.starts_with("214 Help Message  vs  250 OK"), "{text}");
    assert!(text.contains("both are 2yz Positive Completion"), "{text}");
    assert!(text.contains("only 214 answers HELP"), "{text}");
    assert!(
        text.contains(
            ReplyCode::HelpMessage
                .when_seen()
                .split(' ')
                .next()
                .unwrap()
        )
    );
    let same = json_of(&["compare", "214", "250"]);
    assert_eq!(same["kind"], "reply_codes");
    assert_eq!(same["same_category"], true);
    let different = json_of(&["compare", "250", "550"]);
    assert_eq!(different["same_category"], false);
    let differences = different["differences"].as_array().unwrap();
    assert!(
        differences
            .iter()
            .any(|d| d.as_str().unwrap().contains("give up")),
        "{different}"
    );
}

#[test]
fn compare_two_enhanced_codes() {
    let comparison = json_of(&["compare", "5.1.1", "5.7.1"]);
    assert_eq!(comparison["kind"], "enhanced_codes");
    assert_eq!(comparison["same_category"], true);
    assert_eq!(comparison["a"]["code"], "5.1.1");
    assert_eq!(comparison["b"]["code"], "5.7.1");
    let shared = comparison["shared"].to_string();
    assert!(shared.contains("550"), "{shared}");
    let err = failure(&["compare", "250", "5.1.1"], 2);
    assert!(err.contains("two basic codes"), "{err}");
    failure(&["compare", "250", "999"], 2);
}

#[test]
fn list_filters() {
    let all = json_of(&["list"]);
    assert_eq!(all.as_array().unwrap().len(), ReplyCode::ALL.len());
    let text = stdout_of(&["list"]);
    assert_eq!(text.lines().count(), ReplyCode::ALL.len() + 1);
    let narrow = cli().args(["list"]).env("COLUMNS", "60").output().unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");

    for (arg, digit) in [("4", 4), ("permanent", 5), ("positive-intermediate", 3)] {
        let rows = json_of(&["list", "--category", arg]);
        let rows = rows.as_array().unwrap();
        let expected = ReplyCode::ALL
            .iter()
            .filter(|c| c.category().digit() == digit)
            .count();
        assert_eq!(rows.len(), expected, "{arg}");
        assert!(rows.iter().all(|r| r["category"] == digit), "{arg}");
    }
    let rcpt = json_of(&["list", "--command", "rcpt"]);
    let rcpt = rcpt.as_array().unwrap();
    assert!(!rcpt.is_empty());
    assert!(rcpt.iter().all(|r| {
        r["triggers"]
            .as_array()
            .unwrap()
            .contains(&Value::from("RCPT"))
    }));
    let standard = json_of(&["list", "--standard"]).as_array().unwrap().len();
    let other = json_of(&["list", "--non-standard"])
        .as_array()
        .unwrap()
        .len();
    assert_eq!(standard + other, ReplyCode::ALL.len());
    assert_eq!(
        standard,
        ReplyCode::ALL.iter().filter(|c| c.is_standard()).count()
    );

    let enhanced = json_of(&["list", "--enhanced"]);
    assert_eq!(
        enhanced.as_array().unwrap().len(),
        EnhancedStatus::ALL.len()
    );
    let transient = json_of(&["list", "--enhanced", "--category", "4"]);
    let transient = transient.as_array().unwrap();
    assert!(
        transient
            .iter()
            .all(|r| r["code"].as_str().unwrap().starts_with("4."))
    );

    let err = failure(&["list", "--category", "9"], 2);
    assert!(err.contains(Category::PermanentNegative.name()), "{err}");
    let err = failure(&["list", "--command", "FROB"], 2);
    assert!(err.contains("RCPT"), "{err}");
}

/// Lines of a log that contain any of `needles`: what the scan should count, found without
/// the scanner's rules.
fn lines_with(path: &str, needles: &[&str]) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .map(str::to_owned)
        .collect()
}

fn count_of(report: &Value, code: u64, enhanced: &str) -> u64 {
    report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == code && e["enhanced"] == enhanced)
        .map_or(0, |e| e["count"].as_u64().unwrap())
}

#[test]
fn scan_a_real_postfix_log() {
    let log = postfix_log();
    let report = json_of(&["scan", &log]);
    let total = std::fs::read_to_string(&log).unwrap().lines().count() as u64;
    assert_eq!(report["lines"], total);
    // Every delivery status and every smtpd refusal carries a reply or a DSN code.
    let expected = lines_with(&log, &["status=", "NOQUEUE: reject:"]);
    assert!(expected.len() > 20, "the sample is too small");
    assert_eq!(report["matched"], expected.len() as u64);
    let bounced_unknown = lines_with(&log, &["said: 550 5.1.1", ": 550 5.1.1 <nobody"]);
    assert_eq!(
        count_of(&report, 550, "5.1.1"),
        bounced_unknown.len() as u64
    );
    let relay = lines_with(
        &log,
        &["554 5.7.1 <someone@other.test>: Relay access denied"],
    );
    let policy = lines_with(&log, &["said: 554 5.7.1"]);
    assert_eq!(
        count_of(&report, 554, "5.7.1"),
        (relay.len() + policy.len()) as u64
    );
    // Worst first: every give-up entry before every retry and success.
    let order: Vec<&str> = report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["disposition"].as_str().unwrap())
        .collect();
    let rank = |d: &str| {
        ["give_up", "retry_later", "intermediate", "success"]
            .iter()
            .position(|x| *x == d)
    };
    assert!(
        order.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{order:?}"
    );

    let text = stdout_of(&["scan", &log]);
    assert!(
        text.contains("550 5.1.1") && text.contains("give up"),
        "{text}"
    );
    let first = text.lines().find(|l| l.contains("give up")).unwrap();
    assert!(
        text.find(first).unwrap() < text.find("retry later").unwrap(),
        "{text}"
    );
}

#[test]
fn scan_a_real_exim_log() {
    let log = exim_log();
    let report = json_of(&["scan", &log]);
    let expected = lines_with(&log, &["SMTP error from remote mail server", "C=\""]);
    assert!(expected.len() > 10, "the sample is too small");
    assert_eq!(report["matched"], expected.len() as u64);
    let deferred = lines_with(&log, &[": 452 4.2.2 "]);
    assert_eq!(count_of(&report, 452, "4.2.2"), deferred.len() as u64);
    let entry = report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == 452)
        .unwrap()
        .clone();
    assert_eq!(entry["disposition"], "retry_later");
    assert_eq!(entry["enhanced_name"], "Mailbox full");
}

#[test]
fn scan_each_explains_line_by_line() {
    let log = exim_log();
    let text = stdout_of(&["scan", "--each", &log]);
    let content = std::fs::read_to_string(&log).unwrap();
    let (number, line) = content
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("SMTP error"))
        .unwrap();
    let code = &line[line.find("mail server after").unwrap()..];
    let code = code.split(": ").nth(1).unwrap();
    let prefix = format!("{log}:{}: {}", number + 1, &code[..9]);
    assert!(text.contains(&prefix), "{prefix} not in:\n{text}");
    let first = content
        .lines()
        .position(|l| l.contains("SMTP error") || l.contains("C=\""))
        .unwrap();
    assert!(text.contains("lines in 1 input"), "{text}");

    let output = stdout_of(&["--json", "scan", "--each", &log]);
    let lines: Vec<Value> = output
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, events) = lines.split_last().unwrap();
    assert_eq!(summary["summary"]["matched"], events.len() as u64);
    assert_eq!(events[0]["file"], log);
    assert_eq!(events[0]["line"], first as u64 + 1);
}

#[test]
fn scan_reads_stdin_gzip_and_any_bytes() {
    let log = postfix_log();
    let from_file = json_of(&["scan", &log]);
    let bytes = std::fs::read(&log).unwrap();
    for args in [vec!["--json", "scan"], vec!["--json", "scan", "-"]] {
        let output = cli()
            .args(&args)
            .write_stdin(bytes.clone())
            .output()
            .unwrap();
        assert!(output.status.success());
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["codes"], from_file["codes"], "{args:?}");
        assert_eq!(report["files"][0], "<stdin>");
    }

    let dir = std::env::temp_dir().join(format!("smtp-codes-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gz = dir.join("maillog.1.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&bytes).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let report = json_of(&["scan", gz.to_str().unwrap()]);
    assert_eq!(report["codes"], from_file["codes"]);
    assert_eq!(report["lines"], from_file["lines"]);

    // Bytes that are not UTF-8, CRLF line ends, a NUL, and no final line end.
    let raw = dir.join("raw.bin");
    std::fs::write(
        &raw,
        b"\xff\xfe junk\r\n550 5.1.1 caf\xe9\r\n\x00\n<- 421 4.7.0 bye",
    )
    .unwrap();
    let report = json_of(&["scan", raw.to_str().unwrap()]);
    assert_eq!(report["lines"], 4);
    assert_eq!(report["matched"], 2);
    assert_eq!(count_of(&report, 550, "5.1.1"), 1);
    assert_eq!(count_of(&report, 421, "4.7.0"), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scan_says_which_file_is_missing() {
    let err = failure(&["scan", "/nonexistent/maillog"], 1);
    assert!(err.contains("/nonexistent/maillog"), "{err}");
    assert!(err.starts_with("smtp-codes: "), "{err}");
    // The other files are still scanned and summarised; the status still says 1.
    let log = exim_log();
    for each in [false, true] {
        let mut args = vec!["--json", "scan", "/nonexistent/maillog", &log];
        if each {
            args.insert(2, "--each");
        }
        let output = cli().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(output.stderr).unwrap();
        assert!(
            err.contains("/nonexistent/maillog") && !err.contains(&log),
            "{err}"
        );
        let text = String::from_utf8(output.stdout).unwrap();
        let last: Value = serde_json::from_str(if each {
            text.lines().last().unwrap()
        } else {
            &text
        })
        .unwrap();
        let report = if each { &last["summary"] } else { &last };
        assert_eq!(report["files"], serde_json::json!([log]), "{args:?}");
        assert!(report["matched"].as_u64().unwrap() > 10, "{args:?}");
    }
}

#[test]
fn scan_on_all_cores_counts_what_line_by_line_counts() {
    // Many batches: the Postfix log 150 times over, with a line longer than the line buffer.
    let log = std::fs::read(postfix_log()).unwrap();
    let mut big = Vec::new();
    for round in 0..150 {
        big.extend_from_slice(&log);
        if round == 70 {
            big.extend(std::iter::repeat_n(b'x', 300 * 1024));
            big.extend_from_slice(b" said: 421 4.7.0 after a long line\n");
        }
    }
    let run = |args: &[&str]| -> Value {
        let output = cli().args(args).write_stdin(big.clone()).output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        // `--each --json` ends with the summary as its last line.
        let last = text.lines().last().unwrap().to_owned();
        match serde_json::from_str::<Value>(&last) {
            Ok(Value::Object(map)) if map.contains_key("summary") => map["summary"].clone(),
            _ => serde_json::from_str(&text).unwrap(),
        }
    };
    let parallel = run(&["--json", "scan"]);
    let in_order = run(&["--json", "scan", "--each"]);
    assert_eq!(parallel["lines"], in_order["lines"]);
    assert_eq!(parallel["codes"], in_order["codes"]);
    let per_copy = json_of(&["scan", &postfix_log()]);
    assert_eq!(
        parallel["matched"].as_u64().unwrap(),
        150 * per_copy["matched"].as_u64().unwrap()
    );
    // The long line was cut: its reply, past the cut, is not counted, but the next line is.
    assert_eq!(
        parallel["lines"].as_u64().unwrap(),
        150 * per_copy["lines"].as_u64().unwrap() + 1
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `smtp-codes scan --each big.log | head -1`: the pipe closes after the first line.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("smtp-codes"))
        .args(["scan", "--each", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // nobody reads
    let mut stdin = child.stdin.take().unwrap();
    let line = b"550 5.1.1 no such user\n".repeat(10_000);
    // The binary may stop reading once it cannot write; a failed write here is fine.
    let _ = stdin.write_all(&line);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
