//! `smtp-codes bounce` on messages written here: one DSN, an mbox, a Maildir, gzip, standard
//! input, a file that is missing, bytes that are no message, and a reply with control
//! characters, which never reach the terminal as they are.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// A fresh directory for one test's files, removed when the test is done with it.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("smtp-codes-bounce-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A DSN for `recipient` with `status` and the reply `diagnostic`.
fn dsn(recipient: &str, status: &str, diagnostic: &str) -> String {
    format!(
        "From: MAILER-DAEMON@mx.example.org\r\n\
         Subject: Undelivered Mail Returned to Sender\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\
         \r\n\
         --b\r\n\
         Content-Type: text/plain\r\n\
         \r\n\
         This is the mail system at host mx.example.org.\r\n\
         \r\n\
         --b\r\n\
         Content-Type: message/delivery-status\r\n\
         \r\n\
         Reporting-MTA: dns; mx.example.org\r\n\
         \r\n\
         Final-Recipient: rfc822; {recipient}\r\n\
         Action: failed\r\n\
         Status: {status}\r\n\
         Remote-MTA: dns; mx.example.com\r\n\
         Diagnostic-Code: smtp; {diagnostic}\r\n\
         \r\n\
         --b\r\n\
         Content-Type: text/rfc822-headers\r\n\
         \r\n\
         Message-ID: <m1@example.org>\r\n\
         From: alice@example.org\r\n\
         Subject: hello\r\n\
         \r\n\
         --b--\r\n"
    )
}

fn json_lines(output: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect()
}

#[test]
fn a_dsn_as_a_table_and_as_json() {
    let dir = scratch("dsn");
    let file = dir.join("bounce.eml");
    std::fs::write(
        &file,
        dsn(
            "bob@example.com",
            "5.1.1",
            "550 5.1.1 <bob@example.com>: User unknown",
        ),
    )
    .unwrap();

    let out = cli().arg("bounce").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("dsn from postfix, message <m1@example.org>"),
        "{text}"
    );
    let row = text
        .lines()
        .find(|l| l.contains("bob@example.com"))
        .expect("a row for bob");
    for cell in [
        "5.1.1",
        "550 5.1.1 <bob@example.com>: User unknown",
        "userunknown",
        "hard",
        "give up",
    ] {
        assert!(row.contains(cell), "{cell:?} in {row:?}");
    }
    assert!(
        text.contains("1 message, 1 recipient; by reason, worst first:"),
        "{text}"
    );
    assert!(
        text.contains("userunknown         1 recipient, 1 hard: Unknown user"),
        "{text}"
    );

    let out = cli()
        .args(["--json", "bounce"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record["file"], file.display().to_string());
    assert_eq!(record["kind"], "dsn");
    assert_eq!(record["mail_system"], "postfix");
    assert_eq!(record["message_id"], "m1@example.org");
    assert_eq!(record["subject"], "hello");
    let bob = &record["recipients"][0];
    assert_eq!(bob["recipient"], "bob@example.com");
    assert_eq!(bob["action"], "failed");
    assert_eq!(bob["status"], "5.1.1");
    assert_eq!(bob["reply_code"], 550);
    assert_eq!(
        bob["reply"],
        "550 5.1.1 <bob@example.com>: User unknown\r\n"
    );
    assert_eq!(bob["reason"], "userunknown");
    assert_eq!(bob["hard_bounce"], true);
    assert_eq!(bob["remote_mta"], "mx.example.com");
    assert_eq!(bob["disposition"], "give_up");
    assert!(bob.get("note").is_some());
}

#[test]
fn mbox_maildir_gzip_and_stdin() {
    let dir = scratch("mailboxes");
    let one = dsn("bob@example.com", "5.1.1", "550 5.1.1 no such user");
    let two = dsn("carol@example.net", "5.2.2", "552 5.2.2 mailbox full");
    let mbox = format!(
        "From MAILER-DAEMON Tue Dec  1 10:00:00 2026\n{}\nFrom MAILER-DAEMON Tue Dec  1 10:01:00 2026\n{}\n",
        one.replace("\r\n", "\n"),
        two.replace("\r\n", "\n")
    );
    std::fs::write(dir.join("box.mbox"), &mbox).unwrap();
    let maildir = dir.join("Maildir");
    for sub in ["new", "cur", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    std::fs::write(maildir.join("new/1.eml"), &one).unwrap();
    std::fs::write(maildir.join("cur/2.eml:2,S"), &two).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(two.as_bytes()).unwrap();
    std::fs::write(dir.join("two.eml.gz"), gz.finish().unwrap()).unwrap();

    let out = cli()
        .args(["--json", "bounce"])
        .arg(dir.join("box.mbox"))
        .arg(&maildir)
        .arg(dir.join("two.eml.gz"))
        .arg("-")
        .write_stdin(one.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&out.stdout);
    let seen: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let short = file.rsplit('/').next().unwrap().to_owned();
            (
                short,
                r["recipients"][0]["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("box.mbox#1".to_owned(), "userunknown".to_owned()),
            ("box.mbox#2".to_owned(), "mailboxfull".to_owned()),
            ("1.eml".to_owned(), "userunknown".to_owned()),
            ("2.eml:2,S".to_owned(), "mailboxfull".to_owned()),
            ("two.eml.gz".to_owned(), "mailboxfull".to_owned()),
            ("<stdin>".to_owned(), "userunknown".to_owned()),
        ]
    );
}

#[test]
fn a_missing_file_is_reported_and_the_others_are_read() {
    let dir = scratch("missing");
    std::fs::write(
        dir.join("ok.eml"),
        dsn("bob@example.com", "5.1.1", "550 5.1.1 no"),
    )
    .unwrap();
    let out = cli()
        .arg("bounce")
        .arg(dir.join("nope.eml"))
        .arg(dir.join("ok.eml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("nope.eml: cannot read"), "{err}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("bob@example.com")
    );
}

#[test]
fn bytes_that_are_no_message_and_hostile_text() {
    let out = cli()
        .args(["--json", "bounce", "-"])
        .write_stdin(vec![0u8, 159, 146, 150, 255])
        .output()
        .unwrap();
    assert!(out.status.success());
    let records = json_lines(&out.stdout);
    assert_eq!(records[0]["kind"], "not_a_bounce");

    // A reply with an escape sequence: ReplyBuf refuses control characters, so the text
    // keeps the diagnostic as written, and the terminal sees it escaped.
    let hostile = dsn(
        "bob@example.com",
        "5.7.1",
        "550 5.7.1 \u{1b}[31mred\u{7} blocked",
    );
    let out = cli()
        .args(["bounce", "-"])
        .write_stdin(hostile)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("\\x1b[31mred\\x07 blocked"), "{text}");
}

#[test]
fn explain_reads_a_whole_message_on_stdin() {
    let message = dsn(
        "bob@example.com",
        "5.1.1",
        "550 5.1.1 <bob@example.com>: User unknown",
    );
    let out = cli()
        .args(["--json", "explain", "-"])
        .write_stdin(message.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&out.stdout);
    assert_eq!(records[0]["file"], "<stdin>");
    assert_eq!(records[0]["recipients"][0]["reason"], "userunknown");

    let out = cli()
        .args(["explain", "-"])
        .write_stdin(message.clone())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("<stdin>: dsn from postfix"), "{text}");

    // A reply line is still a reply, even with a colon in its text.
    let out = cli()
        .args(["explain", "-"])
        .write_stdin("550 5.1.1 <bob@example.com>: no\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Reason       userunknown"), "{text}");

    // Context options tell about a reply; a message brings its own.
    let out = cli()
        .args(["explain", "--command", "RCPT", "-"])
        .write_stdin(message)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A rule of the user's that files this reply under `mailboxfull`.
const ROOM_RULES: &str = r#"
[[rule]]
id = "mine-no-room-is-full"
reason = "mailboxfull"
code = 550
text = ["no room for you here"]
note = "Our own servers say this when the mailbox is full."
example = "550 5.1.1 no room for you here"
source = "https://postmaster.example.net/"
"#;

#[test]
fn a_users_rules_change_a_bounces_reason() {
    let dir = scratch("rules");
    let file = dir.join("bounce.eml");
    std::fs::write(
        &file,
        dsn("bob@example.com", "5.1.1", "550 5.1.1 no room for you here"),
    )
    .unwrap();
    let rules = dir.join("mine.toml");
    std::fs::write(&rules, ROOM_RULES).unwrap();
    let reason_with = |flags: &[&str]| {
        let out = cli()
            .args(flags)
            .arg("--json")
            .arg("bounce")
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        json_lines(&out.stdout)[0]["recipients"][0]["reason"].clone()
    };
    // Built in, the enhanced code decides; the user's rule goes first and says otherwise.
    assert_eq!(reason_with(&[]), "userunknown");
    let rules = rules.to_str().unwrap();
    assert_eq!(reason_with(&["--rules", rules]), "mailboxfull");
    assert_eq!(
        reason_with(&["--rules", rules, "--rules-instead"]),
        "mailboxfull"
    );
    // `explain -` with the message on standard input reads it with the rules too.
    let out = cli()
        .args(["--rules", rules, "--json", "explain", "-"])
        .write_stdin(std::fs::read(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        json_lines(&out.stdout)[0]["recipients"][0]["reason"],
        "mailboxfull"
    );
    // A broken rule file stops the command, as it stops explain and scan.
    std::fs::write(dir.join("broken.toml"), "[[rule]]\nid = 1\n").unwrap();
    let broken = dir.join("broken.toml");
    let out = cli()
        .arg("--rules")
        .arg(&broken)
        .arg("bounce")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A Postfix notice without a DSN part whose only words for the recipient are Postfix's own:
/// they are the table's reply cell and the JSON's `explanation`, escaped on the terminal.
#[test]
fn the_mail_systems_own_words_are_shown() {
    let notice = "From: MAILER-DAEMON@mx.example.org\r\n\
        Subject: Undelivered Mail Returned to Sender\r\n\
        \r\n\
        This is the Postfix program at host mx.example.org.\r\n\
        \r\n\
        I'm sorry to have to inform you that the message returned\r\n\
        below could not be delivered to one or more destinations.\r\n\
        \r\n\
        \t\t\tThe Postfix program\r\n\
        \r\n\
        <bob@example.com>: Name service error for domain example.com\u{1b}[31m: Host not\r\n    \
        found, try again\r\n\
        \r\n";
    let out = cli()
        .args(["--json", "bounce", "-"])
        .write_stdin(notice)
        .output()
        .unwrap();
    assert!(out.status.success());
    let bob = &json_lines(&out.stdout)[0]["recipients"][0];
    assert_eq!(bob["recipient"], "bob@example.com");
    assert_eq!(bob["reply"], Value::Null);
    assert_eq!(
        bob["explanation"],
        "Name service error for domain example.com\u{1b}[31m: Host not found, try again"
    );
    // A DNS error that passes, given up on: Postfix's queue lifetime ran out.
    assert_eq!(bob["reason"], "expired");

    let out = cli()
        .args(["bounce", "-"])
        .env("COLUMNS", "200")
        .write_stdin(notice)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Name service error for domain"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}
