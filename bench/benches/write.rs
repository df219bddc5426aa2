//! Times writing a reply with enhanced codes: smtp-codes' `write_reply` (no allocator) and
//! `ReplyBuf` (built and written each time) against smtp-proto's `Response::write` and a plain
//! `write!` of the same bytes, each into a buffer that is cleared and reused.
//!
//! smtp-proto's `Response` writes one line; for the three-line reply it writes three
//! `Response`s, whose bytes differ from the others' only in the first two separators (` `
//! where the reply needs `-`). Before a group is timed, it asserts once that the outputs are
//! the bytes expected.
//!
//! Every writer gets the code and the enhanced code as constants, as a server's source has
//! them (smtp-proto's `Response::new(550, 5, 7, 1, ..)` takes them so), and the lines through
//! `black_box`: the text is what changes from reply to reply.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use smtp_codes::{EnhancedCode, ReplyBuf, write_reply};

const ONE: [&str; 1] = ["<bob@example.com>: Recipient address rejected: User unknown"];
const THREE: [&str; 3] = [
    "[192.0.2.25] Message rejected due to local policy: the",
    "sending IP address is listed on a DNS blocklist. Please visit",
    "https://postmaster.example.net/blocked for details.",
];

fn enhanced() -> EnhancedCode {
    EnhancedCode::new(5, 7, 1).unwrap()
}

fn ours(out: &mut String, lines: &[&str]) {
    out.clear();
    write_reply(out, 550, Some(enhanced()), black_box(lines)).unwrap();
}

fn ours_buf(out: &mut String, lines: &[&str]) {
    out.clear();
    let mut reply = ReplyBuf::with_code(550)
        .unwrap()
        .enhanced(enhanced())
        .build()
        .unwrap();
    for line in black_box(lines) {
        reply = reply.line(*line).unwrap();
    }
    out.push_str(reply.as_str());
}

fn plain(out: &mut String, lines: &[&str]) {
    out.clear();
    let e = enhanced();
    let last = lines.len() - 1;
    for (i, line) in black_box(lines).iter().enumerate() {
        let sep = if i == last { ' ' } else { '-' };
        write!(out, "550{sep}{e} {line}\r\n").unwrap();
    }
}

fn smtp_proto(out: &mut Vec<u8>, lines: &[&str]) {
    out.clear();
    for line in black_box(lines) {
        smtp_proto::Response::new(550, 5, 7, 1, *line)
            .write(&mut *out)
            .unwrap();
    }
}

fn bench_group(c: &mut Criterion, name: &str, lines: &[&str]) {
    let mut s = String::new();
    ours(&mut s, lines);
    let expected = s.clone();
    ours_buf(&mut s, lines);
    assert_eq!(s, expected);
    plain(&mut s, lines);
    assert_eq!(s, expected);
    let mut v = Vec::new();
    smtp_proto(&mut v, lines);
    assert_eq!(
        String::from_utf8(v.clone())
            .unwrap()
            .replace("550 ", "550-"),
        expected.replace("550 ", "550-")
    );

    let mut group = c.benchmark_group(name);
    group.bench_function("smtp-codes", |b| b.iter(|| ours(&mut s, lines)));
    group.bench_function("smtp-codes ReplyBuf", |b| {
        b.iter(|| ours_buf(&mut s, lines))
    });
    group.bench_function("write!", |b| b.iter(|| plain(&mut s, lines)));
    group.bench_function("smtp-proto", |b| b.iter(|| smtp_proto(&mut v, lines)));
    group.finish();
}

fn write_replies(c: &mut Criterion) {
    bench_group(c, "write_one_line", &ONE);
    bench_group(c, "write_three_lines", &THREE);
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
    targets = write_replies
}
criterion_main!(benches);
