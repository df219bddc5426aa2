//! A full SMTP session against a real server: aiosmtpd (from PyPI) on 127.0.0.1, started by this
//! test. Every reply is read from the socket through a `ReplyReader` and parsed with `Reply`.
//!
//! Needs `python3` with `aiosmtpd`; `scripts/test` installs it when it is missing. Without it
//! the test fails and says so: it never skips itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use smtp_codes::{Disposition, ReplyCode, ReplyReader};

/// The project's one aiosmtpd server, which the capture harness runs too (its replies are
/// the corpus in `tests/corpus/aiosmtpd`), relative to this crate.
const SERVER: &str = "../scripts/capture/aiosmtpd_server.py";

/// The server process; closing its standard input stops it.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        // Ask the OS for a free loopback port, then hand it to the server.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(SERVER);
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(port.to_string())
            .arg("--until-stdin-closes")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 must be installed to run the aiosmtpd server");
        let mut ready = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut ready)
            .unwrap();
        assert_eq!(
            ready.trim(),
            "READY",
            "aiosmtpd did not start; install it with `pip install aiosmtpd==1.4.6` (scripts/test does)"
        );
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// A client connection that reads whole replies.
struct Client {
    stream: TcpStream,
    reader: ReplyReader<Vec<u8>>,
    transcript: Vec<(String, u16)>,
}

impl Client {
    fn connect(port: u16) -> Client {
        let stream = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect to aiosmtpd");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Client {
            stream,
            reader: ReplyReader::new(vec![0; 16 * 1024]),
            transcript: Vec::new(),
        }
    }

    /// Reads one reply and returns its code, lines and disposition.
    fn reply(&mut self, after: &str) -> (u16, Vec<String>, Disposition, Option<String>) {
        loop {
            if let Some(reply) = self.reader.next_reply() {
                let reply = reply.unwrap_or_else(|e| panic!("bad reply after {after}: {e}"));
                let lines = reply.lines_lossy().map(|l| l.to_string()).collect();
                let enhanced = reply.enhanced().map(|e| e.to_string());
                self.transcript.push((after.to_owned(), reply.code()));
                return (reply.code(), lines, reply.disposition(), enhanced);
            }
            let mut chunk = [0u8; 512];
            let n = self.stream.read(&mut chunk).expect("read from aiosmtpd");
            assert!(
                n > 0,
                "aiosmtpd closed the connection while a reply was expected after {after}"
            );
            let mut rest = &chunk[..n];
            while !rest.is_empty() {
                let taken = self.reader.feed(rest);
                assert!(taken > 0, "reply buffer full");
                rest = &rest[taken..];
            }
        }
    }

    fn send(&mut self, line: &str) -> (u16, Vec<String>, Disposition, Option<String>) {
        self.stream.write_all(line.as_bytes()).unwrap();
        self.stream.write_all(b"\r\n").unwrap();
        self.reply(line)
    }
}

#[test]
fn a_full_session_with_aiosmtpd() {
    let server = Server::start();
    let mut client = Client::connect(server.port);

    let (code, lines, disposition, _) = client.reply("<greeting>");
    assert_eq!((code, disposition), (220, Disposition::Success));
    assert!(lines[0].starts_with("mail.test"), "{lines:?}");

    let (code, lines, _, _) = client.send("EHLO client.test");
    assert_eq!(code, 250);
    assert!(lines.len() > 1, "EHLO should list extensions: {lines:?}");
    assert_eq!(lines[0], "mail.test");
    assert!(lines.iter().any(|l| l.starts_with("SIZE")), "{lines:?}");

    let (code, ..) = client.send("MAIL FROM:<sender@client.test>");
    assert_eq!(code, 250);

    let (code, _, _, enhanced) = client.send("RCPT TO:<alice@mail.test>");
    assert_eq!((code, enhanced.as_deref()), (250, Some("2.1.5")));

    // A rejected recipient: permanent, with the enhanced code the server chose.
    let (code, lines, disposition, enhanced) = client.send("RCPT TO:<nobody@mail.test>");
    assert_eq!(code, 550);
    assert_eq!(
        ReplyCode::from_u16(code),
        Some(ReplyCode::MailboxUnavailable)
    );
    assert_eq!(disposition, Disposition::GiveUp);
    assert_eq!(enhanced.as_deref(), Some("5.1.1"));
    assert!(lines[0].contains("User unknown"), "{lines:?}");

    let (code, _, _, enhanced) = client.send("RCPT TO:<someone@example.net>");
    assert_eq!((code, enhanced.as_deref()), (550, Some("5.7.1")));

    let (code, _, disposition, _) = client.send("DATA");
    assert_eq!((code, disposition), (354, Disposition::Intermediate));
    client
        .stream
        .write_all(b"Subject: live test\r\n\r\nHello.\r\n..a dot-stuffed line\r\n.\r\n")
        .unwrap();
    let (code, lines, disposition, _) = client.reply("<end-of-data>");
    assert_eq!((code, disposition), (250, Disposition::Success));
    assert!(lines[0].contains("1 recipient"), "{lines:?}");

    let (code, ..) = client.send("NOOP");
    assert_eq!(code, 250);
    let (code, ..) = client.send("FOO");
    assert_eq!(code / 100, 5, "an unknown command is refused");
    let (code, ..) = client.send("QUIT");
    assert_eq!(code, 221);

    let codes: Vec<u16> = client.transcript.iter().map(|(_, c)| *c).collect();
    assert_eq!(
        codes,
        [220, 250, 250, 250, 550, 550, 354, 250, 250, 500, 221],
        "{:?}",
        client.transcript
    );
}
