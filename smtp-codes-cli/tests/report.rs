//! `scan --html`: the report's chart counts each hour's replies by what a client does, from
//! the lines' own timestamps; syslog lines get the year their file's last change implies.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("smtp-codes-report-{}-{name}", std::process::id()))
}

/// The `<title>`s of the chart's bars: `2026-11-28 15:00: 3 give up`.
fn bars(report: &str) -> Vec<String> {
    report
        .split("<rect ")
        .skip(1)
        .filter_map(|rect| {
            let title = rect.split("<title>").nth(1)?;
            Some(title.split("</title>").next()?.to_owned())
        })
        .collect()
}

fn run(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

/// Runs `scan --html report log`, which must succeed, and reads the report.
fn report_of(log: &Path, report: &Path) -> String {
    let output = run(&[
        "scan",
        "--html",
        report.to_str().unwrap(),
        log.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(report).unwrap()
}

#[test]
fn syslog_hours_and_the_inferred_year() {
    let log = temp("syslog.log");
    let mut text = String::new();
    // Two refusals and a success at 15h on 28 November, a deferral at 16h; no year given.
    for line in [
        "Nov 28 15:01:00 mx postfix/smtp[1]: A1: to=<a@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
        "Nov 28 15:30:00 mx postfix/smtp[1]: A2: to=<b@example.com>, relay=mx.example.com[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <b@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
        "Nov 28 15:59:59 mx postfix/smtp[1]: A3: to=<c@example.org>, relay=mx.example.org[192.0.2.2]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as X)",
        "Nov 28 16:10:00 mx postfix/smtp[1]: A4: to=<d@example.org>, relay=mx.example.org[192.0.2.2]:25, dsn=4.2.2, status=deferred (host mx.example.org[192.0.2.2] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))",
        "not a log line at all",
    ] {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(&log, text).unwrap();
    // Last changed in January 2027: November's lines are from 2026.
    let january = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    File::options()
        .write(true)
        .open(&log)
        .unwrap()
        .set_modified(january)
        .unwrap();
    let report = temp("syslog.html");
    let page = report_of(&log, &report);
    let mut bars = bars(&page);
    bars.sort();
    assert_eq!(
        bars,
        [
            "2026-11-28 15:00: 1 success",
            "2026-11-28 15:00: 2 give up",
            "2026-11-28 16:00: 1 retry later",
        ]
    );
    assert!(
        page.contains("taken to be in 2026"),
        "the year is not stated"
    );
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
    // The domains with their worst reply.
    assert!(
        page.contains("example.com</td><td class=\"n\">2</td><td class=\"n\">2</td>"),
        "{page}"
    );
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(&report);
}

#[test]
fn exim_timestamps_past_three_days_are_counted_by_day() {
    let log = temp("exim.log");
    let mut text = String::new();
    for (day, reply) in [
        ("2026-11-01 10:00:00", "550 5.1.1 User unknown"),
        ("2026-11-01 23:59:59", "550 5.1.1 User unknown"),
        ("2026-11-05 08:00:00", "451 4.7.1 Try again later"),
    ] {
        text.push_str(&format!(
            "{day} 1abcde-000001-AB ** x@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.9]: SMTP error from remote mail server after RCPT TO:<x@example.net>: {reply}\n"
        ));
    }
    std::fs::write(&log, text).unwrap();
    let report = temp("exim.html");
    let page = report_of(&log, &report);
    let bars = bars(&page);
    assert_eq!(bars, ["2026-11-01: 2 give up", "2026-11-05: 1 retry later"]);
    assert!(page.contains("Replies over time, by day"));
    assert!(
        !page.contains("carry no year"),
        "no syslog line, no inference"
    );
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_file(&report);
}

#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let log = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/logs/postfix/maillog");
    let output = run(&[
        "scan",
        "--html",
        "/nonexistent-folder/r.html",
        log.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write the report"), "{stderr}");
}
