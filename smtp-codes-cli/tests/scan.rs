//! `smtp-codes scan` on generated logs: exact and repeatable counts past the summary's cap,
//! what the MTA did, aligned tables, escaped names, gzip that ends badly, output that closes
//! early, and file names that are not UTF-8.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("smtp-codes").expect("the binary is built");
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    // English headings, whatever the locale of the machine.
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smtp-codes-scan-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `scan --json` with `input` on standard input; returns the report and the status.
fn scan_stdin(input: &[u8]) -> (Value, Option<i32>) {
    let output = cli()
        .args(["--json", "scan"])
        .write_stdin(input.to_vec())
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (report, output.status.code())
}

/// The summed count of the entries for `code` and `enhanced` (folded or not).
fn count_of(report: &Value, code: u64, enhanced: &str) -> u64 {
    report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == code && e["enhanced"] == enhanced)
        .map(|e| e["count"].as_u64().unwrap())
        .sum()
}

/// `250 2.S.D` lines with `n` distinct enhanced codes outside the registry (subjects 100 up).
fn distinct_harmless(n: usize) -> String {
    (0..n)
        .map(|i| format!("250 2.{}.{} ok\n", 100 + i / 1000, i % 1000))
        .collect()
}

#[test]
fn counts_past_the_cap_are_exact_and_the_same_in_every_run() {
    // The log, scaled down by ten but still past the 10,000 distinct replies that the
    // summary keeps apart: 1,100 550 lines, 12,000 distinct 250s, then 40,000 more 550s.
    let mut log = "550 5.7.1 refused\n".repeat(1_100);
    log += &distinct_harmless(12_000);
    log += &"550 5.7.1 refused\n".repeat(40_000);
    let (first, status) = scan_stdin(log.as_bytes());
    assert_eq!(status, Some(0));
    assert_eq!(count_of(&first, 550, "5.7.1"), 41_100);
    assert_eq!(first["matched"], 53_100);
    let total: u64 = first["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 53_100, "every line is in some entry");
    assert_eq!(first["folded"], true);
    for _ in 0..5 {
        let (again, _) = scan_stdin(log.as_bytes());
        assert_eq!(again, first);
    }
    let text = |args: &[&str]| {
        let output = cli().args(args).write_stdin(log.clone()).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let table = text(&["scan"]);
    assert_eq!(text(&["scan"]), table);
    // The line-by-line path counts the same.
    assert!(text(&["scan", "--each"]).ends_with(&table));
}

#[test]
fn failures_after_many_harmless_replies_still_show() {
    let mut log = distinct_harmless(10_500);
    log += "Nov 29 07:47:54 mail postfix/smtp[7101]: 5F: to=<a@b.test>, dsn=5.1.1, \
            status=bounced (host x[127.0.0.1] said: 550 5.1.1 no such user (in reply to RCPT TO command))\n";
    log += "421 4.4.316 timed out\n";
    let (report, status) = scan_stdin(log.as_bytes());
    assert_eq!(status, Some(0));
    assert_eq!(count_of(&report, 550, "5.1.1"), 1);
    // 4.4.316 is outside the registry, which past the cap is counted by subject.
    assert_eq!(count_of(&report, 421, "4.4.*"), 1);
    let worst = &report["codes"][0];
    assert_eq!(worst["code"], 550);
    assert_eq!(worst["mta"], serde_json::json!({"bounced": 1}));
    let output = cli().arg("scan").write_stdin(log).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("give up")).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(
        rows[0].contains("550 5.1.1") && rows[0].contains("bounced"),
        "{text}"
    );
    assert!(text.contains("421 4.4.*"), "{text}");
}

#[test]
fn a_5xx_the_mta_deferred_shows_both() {
    let line = "Nov 29 07:47:54 mail postfix/smtp[7102]: 57: to=<full@remote.test>, dsn=5.2.2, \
                status=deferred (host x[127.0.0.1] said: 552 5.2.2 mailbox full (in reply to RCPT TO command))\n";
    let exim = "2026-11-29 07:48:01 1xXZdh-0001vu-2u == full@remote.test R=remote T=remote_smtp \
                defer (-44) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT \
                TO:<full@remote.test>: 552 5.2.2 mailbox full\n";
    let log = format!("{line}{exim}");
    let (report, _) = scan_stdin(log.as_bytes());
    let entry = &report["codes"][0];
    assert_eq!(entry["disposition"], "give_up");
    assert_eq!(entry["mta"], serde_json::json!({"deferred": 2}));

    let output = cli()
        .args(["scan", "--each"])
        .write_stdin(log.clone())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("<stdin>:1: 552 5.2.2  give up  deferred  "),
        "{text}"
    );
    assert!(
        text.contains("<stdin>:2: 552 5.2.2  give up  deferred  "),
        "{text}"
    );
    let events = cli()
        .args(["--json", "scan", "--each"])
        .write_stdin(log)
        .output()
        .unwrap();
    let first: Value =
        serde_json::from_slice(events.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["mta"], "deferred");
    assert_eq!(first["disposition"], "give_up");
}

/// `text` without ANSI colour sequences.
fn strip_colour(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn table_columns_line_up_for_every_code_width() {
    let log = "550 5.7.26 Unauthenticated mail from gmail.com is not accepted — 日本語 📬\n\
               421 4.4.316 Connection timed out 💥💥\n\
               550 5.1.1 no\n250 ok\n354 go ahead\n\
               2026-11-29 07:48:01 1xX => a@b.test R=r T=t H=h [127.0.0.1] C=\"250 2.0.0 Ok\"\n\
               Nov 29 07:47:54 mail postfix/smtp[1]: 5F: to=<a@b.test>, dsn=4.4.1, status=deferred (connect to x: refused)\n";
    for colour in ["never", "always"] {
        let output = cli()
            .args(["--color", colour, "scan"])
            .write_stdin(log)
            .output()
            .unwrap();
        let text = strip_colour(&String::from_utf8(output.stdout).unwrap());
        let table: Vec<&str> = text.lines().skip(2).collect();
        let header = table[0];
        assert!(header.starts_with("COUNT"), "{text}");
        for head in ["CODE", "CLIENT", "MTA", "MEANING"] {
            let column = header.find(head).unwrap();
            for row in &table[1..] {
                // Two spaces end the cell before; this one starts right here.
                let chars: Vec<char> = row.chars().collect();
                assert_eq!(
                    &chars[column - 2..column],
                    [' ', ' '],
                    "{head} in {row:?}\n{text}"
                );
                assert_ne!(chars[column], ' ', "{head} in {row:?}\n{text}");
            }
        }
        assert_eq!(table.len(), 8, "{text}");
    }
}

#[test]
fn control_characters_in_file_names_never_reach_the_terminal() {
    let dir = scratch("names");
    let hostile = dir.join("evil\u{1b}]0;owned\u{7}.log");
    std::fs::write(&hostile, "550 5.1.1 no\n").unwrap();
    let missing = dir.join("gone\u{1b}[2J.log");
    let output = cli()
        .arg("scan")
        .arg("--each")
        .arg(&hostile)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    for stream in [&output.stdout, &output.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("evil\\x1b]0;owned\\x07.log:1: 550 5.1.1"),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("gone\\x1b[2J.log"), "{stderr}");
    // JSON keeps the name exact.
    let output = cli()
        .arg("--json")
        .arg("scan")
        .arg(&hostile)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0], hostile.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("bytes");
    let plain = dir.join("maillog");
    std::fs::write(&plain, "550 5.1.1 no\n").unwrap();
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"\xff.log"));
    std::fs::write(&odd, "451 4.7.1 later\n").unwrap();
    let output = cli()
        .arg("--json")
        .arg("scan")
        .arg(&plain)
        .arg(&odd)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["matched"], 2);
    assert_eq!(count_of(&report, 451, "4.7.1"), 1);
    assert!(
        report["files"][1]
            .as_str()
            .unwrap()
            .ends_with("\u{fffd}.log")
    );
    // A missing one is named in the message, the bad byte shown as U+FFFD.
    let gone = dir.join(std::ffi::OsStr::from_bytes(b"gone\xfe"));
    let output = cli().arg("scan").arg(&gone).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("gone\u{fffd}"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// What a decoder gets out of `gz` before it fails: what `zcat` prints for a cut file.
fn decodable(gz: &[u8]) -> Vec<u8> {
    let mut decoder = flate2::read::GzDecoder::new(gz);
    let mut out = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match decoder.read(&mut buf) {
            Ok(0) | Err(_) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Scans `path` with `--json`: the report, standard error and the status.
fn scan_file(path: &Path) -> (Value, String, Option<i32>) {
    let output = cli().arg("--json").arg("scan").arg(path).output().unwrap();
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

#[test]
fn a_cut_gzip_file_keeps_its_last_unfinished_line() {
    let text: String = (0..20_000)
        .map(|n| format!("550 5.1.1 user{n} unknown, line {n} of the log\n"))
        .collect();
    let gz = gzip(text.as_bytes());
    // A cut whose decodable bytes end inside a line.
    let (cut, prefix) = (gz.len() / 2..gz.len())
        .step_by(97)
        .map(|at| (at, decodable(&gz[..at])))
        .find(|(_, prefix)| !prefix.is_empty() && !prefix.ends_with(b"\n"))
        .expect("a cut inside a line");
    let dir = scratch("cut");
    let path = dir.join("maillog.1.gz");
    std::fs::write(&path, &gz[..cut]).unwrap();
    let (report, stderr, status) = scan_file(&path);
    let lines = prefix.split(|&b| b == b'\n').count() as u64;
    let unfinished = prefix.rsplit(|&b| b == b'\n').next().unwrap();
    assert_eq!(
        report["lines"],
        lines,
        "unfinished last line: {:?}",
        String::from_utf8_lossy(unfinished)
    );
    let with_code = if unfinished.len() >= 3 {
        lines
    } else {
        lines - 1
    };
    assert_eq!(report["matched"], with_code);
    assert_eq!(status, Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("maillog.1.gz") && stderr.contains("counted"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn text_after_gzip_data_is_reported_once_and_the_gzip_part_counted() {
    let dir = scratch("trailing");
    let path = dir.join("maillog.2.gz");
    let mut bytes = gzip(b"550 5.1.1 no\n451 4.7.1 later\n");
    let end = bytes.len();
    bytes.extend_from_slice(b"250 2.0.0 appended later in plain text\n");
    std::fs::write(&path, &bytes).unwrap();
    let (report, stderr, status) = scan_file(&path);
    assert_eq!(report["lines"], 2);
    assert_eq!(report["matched"], 2);
    assert_eq!(status, Some(1));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("byte {end}")) && stderr.contains("not gzip"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn nothing_on_standard_input_is_said() {
    let output = Process::new(assert_cmd::cargo::cargo_bin("smtp-codes"))
        .arg("scan")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("nothing was read from standard input"),
        "{stderr}"
    );
    // An empty file is a file that was read: 0 lines, status 0.
    let dir = scratch("empty");
    let empty = dir.join("empty.log");
    std::fs::write(&empty, "").unwrap();
    let output = cli().arg("scan").arg(&empty).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("0 lines in 1 input")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn each_stops_reading_when_its_output_closes() {
    // `yes '550 5.1.1 x' | smtp-codes scan --each | head -1`.
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("smtp-codes"))
        .args(["scan", "--each", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Writes until the reader stops reading: endless input, as from `yes`.
    let writer = std::thread::spawn(move || {
        let lines = "550 5.1.1 x\n".repeat(1000);
        while stdin.write_all(lines.as_bytes()).is_ok() {}
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("<stdin>:1: 550 5.1.1"), "{first}");
    drop(stdout);
    // Only a guard against hanging for ever, not a measure of speed.
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("scan --each kept reading after its output closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn with_json_the_problems_with_inputs_are_json_too() {
    let dir = scratch("json-problems");
    let missing = dir.join("gone\u{1b}[31m.log");
    let output = cli()
        .args(["--json", "scan"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    let error: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(error["error"]["kind"], "io");
    // The name is kept exact in `input`, and the message does not repeat it.
    assert_eq!(error["error"]["input"], missing.to_str().unwrap());
    let message = error["error"]["message"].as_str().unwrap();
    assert!(!message.contains("gone"), "{message}");

    let output = Process::new(assert_cmd::cargo::cargo_bin("smtp-codes"))
        .args(["--json", "scan"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(
        error["error"]["message"],
        "nothing was read from standard input"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
