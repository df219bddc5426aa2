//! The progress bar of `scan` and `bounce`: drawn on standard error when it is a terminal (a
//! pseudo-terminal here) and the file is large, never with `--quiet` or when standard error
//! is not a terminal, and cleared before the summary.

use std::fs::File;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Stdio;

use assert_cmd::cargo::CommandCargoExt;
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

/// A log of a little over `bytes` bytes of real Postfix lines, in the temporary folder.
fn large_log(bytes: usize, tag: &str) -> PathBuf {
    let sample = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/logs/postfix/maillog"),
    )
    .expect("the committed Postfix log");
    let path = std::env::temp_dir().join(format!(
        "smtp-codes-progress-{tag}-{}.log",
        std::process::id()
    ));
    let mut file = std::io::BufWriter::new(File::create(&path).unwrap());
    let mut written = 0;
    while written < bytes {
        file.write_all(sample.as_bytes()).unwrap();
        written += sample.len();
    }
    file.flush().unwrap();
    path
}

/// Runs `smtp-codes args` with standard error on a new pseudo-terminal (standard output a
/// pipe) and returns what each received.
fn with_terminal_stderr(args: &[&str]) -> (String, String) {
    on_terminal(args, false)
}

/// Runs `smtp-codes args` with standard error, and standard output too when `both`, on a new
/// pseudo-terminal; returns what the pipe and the terminal received.
fn on_terminal(args: &[&str], both: bool) -> (String, String) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = File::options()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    let stdout = if both {
        Stdio::from(slave.try_clone().unwrap())
    } else {
        Stdio::piped()
    };
    let mut reader = File::from(master);
    // The bar is read while it is drawn, so that the terminal's buffer never fills.
    let drawn = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut chunk = [0u8; 4096];
        // Reading the master fails (EIO) once the last writer has closed the other end.
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&chunk[..n]);
        }
        all
    });
    let output = std::process::Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(args)
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(slave)
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}");
    let drawn = drawn.join().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8_lossy(&drawn).into_owned(),
    )
}

#[test]
fn a_large_file_gets_a_bar_on_a_terminal_and_none_with_quiet() {
    let log = large_log(12 << 20, "bar");
    let path = log.to_str().unwrap();
    let (summary, terminal) = with_terminal_stderr(&["scan", path]);
    assert!(terminal.contains("MiB"), "no bar drawn: {terminal:?}");
    assert!(terminal.contains("smtp-codes-progress-bar"), "{terminal:?}");
    // The summary on standard output is the same as without a terminal.
    let (quiet_summary, quiet_terminal) = with_terminal_stderr(&["--quiet", "scan", path]);
    assert_eq!(quiet_terminal, "", "--quiet drew: {quiet_terminal:?}");
    assert_eq!(summary, quiet_summary);
    // Lines printed on the same terminal as they are read would tear a bar: none then.
    let (_, each_terminal) = on_terminal(&["scan", "--each", path], true);
    assert!(each_terminal.contains("give up"), "{each_terminal:?}");
    assert!(!each_terminal.contains("MiB/"), "a bar among the lines");
    // Into a pipe they tear nothing.
    let (_, piped) = with_terminal_stderr(&["scan", "--each", "--json", path]);
    assert!(piped.contains("MiB/"), "{piped:?}");
    let _ = std::fs::remove_file(&log);
}

#[test]
fn no_bar_when_standard_error_is_not_a_terminal_or_the_file_is_small() {
    let log = large_log(12 << 20, "pipe");
    let output = std::process::Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(["scan", log.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
    let _ = std::fs::remove_file(&log);
    let small = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/logs/postfix/maillog");
    let (_, terminal) = with_terminal_stderr(&["scan", small.to_str().unwrap()]);
    assert_eq!(terminal, "", "{terminal:?}");
}

#[test]
fn bounce_draws_a_bar_for_a_large_mbox_unless_its_tables_go_to_the_terminal() {
    let message = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/corpus/bounces/postfix/mailboxfull.eml"),
    )
    .expect("a committed Postfix bounce");
    let path =
        std::env::temp_dir().join(format!("smtp-codes-progress-{}.mbox", std::process::id()));
    let mut mbox = std::io::BufWriter::new(File::create(&path).unwrap());
    let mut written = 0;
    while written < (9 << 20) {
        mbox.write_all(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n")
            .unwrap();
        mbox.write_all(&message).unwrap();
        mbox.write_all(b"\n").unwrap();
        written += message.len() + 45;
    }
    mbox.flush().unwrap();
    drop(mbox);
    let name = path.to_str().unwrap();
    let (json, terminal) = with_terminal_stderr(&["--json", "bounce", name]);
    assert!(terminal.contains("MiB/"), "no bar: {terminal:?}");
    assert!(json.lines().count() > 1000, "{}", json.lines().count());
    let (_, shared) = on_terminal(&["bounce", name], true);
    assert!(!shared.contains("MiB/"), "a bar among the tables");
    let _ = std::fs::remove_file(&path);
}
