//! Runs one parser on one reply many times, for counting instructions under callgrind, which,
//! unlike time, does not move with the load on a shared machine:
//!
//! ```text
//! cargo build --profile bench -p smtp-codes-bench --example count
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/count smtp-codes short 100000
//! ```
//!
//! The instructions per parse are the difference between two iteration counts divided by the
//! difference of the counts, which takes out the start-up.

use std::hint::black_box;

use smtp_codes::{Reply, ReplyCode};
use smtp_proto::response::parser::ResponseReceiver;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, parser, input, iterations] = &args[..] else {
        eprintln!(
            "usage: count <smtp-codes|smtp-proto|bare-code> <short|one_line|ehlo> <iterations>"
        );
        std::process::exit(2);
    };
    let input: &[u8] = match input.as_str() {
        "short" => b"250 2.1.5 Ok\r\n",
        "one_line" => b"250 2.0.0 Ok: queued as 4F2B1C0A1B\r\n",
        "ehlo" => b"250-mail.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n",
        other => {
            eprintln!("count: unknown input {other}");
            std::process::exit(2);
        }
    };
    let iterations: u64 = iterations.parse().expect("a number of iterations");
    let run: fn(&[u8]) -> usize = match parser.as_str() {
        "smtp-codes" => ours,
        "smtp-proto" => smtp_proto,
        "bare-code" => bare_code,
        other => {
            eprintln!("count: unknown parser {other}");
            std::process::exit(2);
        }
    };
    let mut total = 0;
    for _ in 0..iterations {
        total += run(black_box(input));
    }
    println!("{total}");
}

/// Parses the reply and adds up its lines' lengths, as the benchmark does.
#[inline(never)]
fn ours(input: &[u8]) -> usize {
    let (reply, _) = Reply::parse(input).expect("parses");
    reply.lines().map(|line| black_box(line).len()).sum()
}

#[inline(never)]
fn smtp_proto(input: &[u8]) -> usize {
    let response = ResponseReceiver::default()
        .parse(&mut input.iter())
        .expect("parses");
    response
        .message
        .split('\n')
        .map(|line| black_box(line).len())
        .sum()
}

#[inline(never)]
fn bare_code(_: &[u8]) -> usize {
    black_box("250")
        .parse::<ReplyCode>()
        .map_or(0, |code| usize::from(code.code()))
}
