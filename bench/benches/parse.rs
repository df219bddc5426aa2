//! Times `smtp_codes::Reply::parse` against the reply parsers of lettre and smtp-proto on the same
//! bytes, and `ReplyCode`'s `FromStr` against `http::StatusCode::from_bytes`.
//!
//! Every parser gets the reply as `&[u8]`, as it comes off the socket. lettre only parses `&str`
//! (its client reads into a `String`), so its timing includes the UTF-8 check that gets it there.
//! Each timed call parses the reply and then goes through its lines' texts, passing each to
//! `black_box` and counting them, as a caller reading the reply would: smtp-codes finds its lines
//! lazily, lettre has copied each into a `String` of its own, and smtp-proto has joined them with
//! `\n` into one `String`, which is split again. The peers' results are dropped inside the timed
//! call, as a caller's would be. Before a group is timed, it asserts once that every parser reads
//! the whole input to the expected code and lines.
//!
//! `scripts/bench` runs this and prints the medians as a Markdown table.

use std::hint::black_box;
use std::str::FromStr;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use smtp_codes::{Reply, ReplyCode};
use smtp_codes_bench::{EHLO_8_LINES, ONE_LINE, ONE_LINE_SHORT, THREE_LINE_550};
use smtp_proto::response::parser::ResponseReceiver;

/// The name under which each parser is reported; `scripts/bench` knows `OURS`.
const OURS: &str = "smtp-codes";
const LETTRE: &str = "lettre";
const SMTP_PROTO: &str = "smtp-proto";
const HTTP: &str = "http";

/// The reply groups: name, input, expected code and expected number of lines.
const REPLIES: [(&str, &[u8], u16, usize); 4] = [
    ("one_line_short", ONE_LINE_SHORT, 250, 1),
    ("one_line", ONE_LINE, 250, 1),
    ("three_line_550", THREE_LINE_550, 550, 3),
    ("ehlo_8_lines", EHLO_8_LINES, 250, 8),
];

/// Parses the reply and goes through its lines; returns how many there were.
fn ours(input: &[u8]) -> usize {
    let (reply, _) = Reply::parse(input).expect("smtp-codes parses the reply");
    reply.lines().map(black_box).count()
}

/// [`lettre`] and a walk through its lines.
fn lettre_lines(input: &[u8]) -> usize {
    lettre(input).message().map(black_box).count()
}

/// [`smtp_proto`] and a walk through its lines.
fn smtp_proto_lines(input: &[u8]) -> usize {
    smtp_proto(input).message.split('\n').map(black_box).count()
}

/// lettre's public entry to its parser (`parse_response` is crate-private): `Response`'s
/// `FromStr`, after the UTF-8 check that its client does when it reads into a `String`.
fn lettre(input: &[u8]) -> lettre::transport::smtp::response::Response {
    let text = std::str::from_utf8(input).expect("the reply is UTF-8");
    lettre::transport::smtp::response::Response::from_str(text).expect("lettre parses the reply")
}

/// smtp-proto's response parser, a fresh receiver as its client uses for each reply. It returns
/// the code, the enhanced code and the line texts joined by `\n`, each with the enhanced code
/// cut off.
fn smtp_proto(input: &[u8]) -> smtp_proto::Response<String> {
    ResponseReceiver::default()
        .parse(&mut input.iter())
        .expect("smtp-proto parses the reply")
}

/// Asserts, once and untimed, that every parser reads all of `input` to the same reply.
fn check_reply(group: &str, input: &[u8], code: u16, line_count: usize) {
    let (reply, used) = Reply::parse(input).expect("smtp-codes parses the reply");
    assert_eq!(
        (reply.code(), reply.line_count(), used),
        (code, line_count, input.len()),
        "{group}: {OURS}"
    );
    let lines: Vec<String> = reply
        .lines()
        .map(|line| String::from_utf8(line.to_vec()).expect("UTF-8"))
        .collect();
    assert_eq!(lines.len(), line_count, "{group}: {OURS} lines");
    assert_eq!(ours(input), line_count, "{group}: {OURS} walk");
    assert_eq!(lettre_lines(input), line_count, "{group}: {LETTRE} walk");
    assert_eq!(
        smtp_proto_lines(input),
        line_count,
        "{group}: {SMTP_PROTO} walk"
    );

    let response = lettre(input);
    assert_eq!(u16::from(response.code()), code, "{group}: {LETTRE}");
    let lettre_lines: Vec<&str> = response.message().collect();
    assert_eq!(lettre_lines, lines, "{group}: {LETTRE} lines");

    let response = smtp_proto(input);
    let mut rest = input.iter();
    ResponseReceiver::default().parse(&mut rest).unwrap();
    assert!(
        rest.as_slice().is_empty(),
        "{group}: {SMTP_PROTO} left bytes over"
    );
    assert_eq!(response.code, code, "{group}: {SMTP_PROTO}");
    let enhanced = reply.enhanced().map(|e| e.to_string());
    let proto_lines: Vec<&str> = response.message.split('\n').collect();
    let expected: Vec<&str> = lines
        .iter()
        .map(|line| match &enhanced {
            // smtp-proto keeps the enhanced code apart, cut from the start of every line.
            Some(e) => line.strip_prefix(e.as_str()).unwrap().trim_start(),
            None => line.as_str(),
        })
        .collect();
    assert_eq!(proto_lines, expected, "{group}: {SMTP_PROTO} lines");
    if let Some(e) = reply.enhanced() {
        let [class, subject, detail] = response.esc;
        assert_eq!(
            (u16::from(class), u16::from(subject), u16::from(detail)),
            (u16::from(e.class()), e.subject(), e.detail()),
            "{group}: {SMTP_PROTO} enhanced code"
        );
    }
}

fn parse_replies(c: &mut Criterion) {
    for (group_name, input, code, line_count) in REPLIES {
        check_reply(group_name, input, code, line_count);
        let mut group = c.benchmark_group(group_name);
        group.bench_function(OURS, |b| b.iter(|| ours(black_box(input))));
        group.bench_function(LETTRE, |b| b.iter(|| lettre_lines(black_box(input))));
        group.bench_function(SMTP_PROTO, |b| {
            b.iter(|| smtp_proto_lines(black_box(input)))
        });
        group.finish();
    }
}

fn parse_bare_code(c: &mut Criterion) {
    assert_eq!("250".parse::<ReplyCode>(), Ok(ReplyCode::Ok));
    assert_eq!(
        http::StatusCode::from_bytes(b"200").unwrap(),
        http::StatusCode::OK
    );
    let mut group = c.benchmark_group("bare_code");
    group.bench_function(OURS, |b| b.iter(|| black_box("250").parse::<ReplyCode>()));
    group.bench_function(HTTP, |b| {
        b.iter(|| http::StatusCode::from_bytes(black_box(b"200")))
    });
    group.finish();
}

fn config() -> Criterion {
    // Modest times: the machine has two shared cores.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = parse_replies, parse_bare_code
}
criterion_main!(benches);
