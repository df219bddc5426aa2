//! Runs `Reply::diagnose` on one failure many times, for counting instructions under callgrind
//! (which, unlike time, does not move with the load on a shared machine):
//!
//! ```text
//! cargo build --profile bench -p smtp-codes-bench --example count_diagnose
//! valgrind --tool=callgrind target/release/examples/count_diagnose gmail 100000
//! ```
//!
//! The instructions per call are the difference between two iteration counts' totals divided
//! by the difference of the counts, which takes out the start-up.

use std::hint::black_box;

use smtp_codes::{Command, Context, Reply};
use smtp_codes_bench::THREE_LINE_550;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, iterations] = &args[..] else {
        eprintln!("usage: count_diagnose <three_line|gmail|postfix> <iterations>");
        std::process::exit(2);
    };
    let (input, context): (&[u8], Context<'_>) = match input.as_str() {
        "three_line" => (THREE_LINE_550, Context::new()),
        "gmail" => (
            b"550 5.7.26 Unauthenticated email from domain-name is not accepted due to domain's \
DMARC policy. Contact the administrator of domain-name domain if this was legitimate email.\r\n",
            Context::new(),
        ),
        "postfix" => (
            b"550 5.1.1 <nosuchuser@example.com>: Recipient address rejected: User unknown in \
local recipient table\r\n",
            Context::new().command(Command::Rcpt),
        ),
        other => {
            eprintln!("count_diagnose: unknown input {other}");
            std::process::exit(2);
        }
    };
    let Ok((reply, _)) = Reply::parse(input) else {
        eprintln!("count_diagnose: the input does not parse");
        std::process::exit(1);
    };
    let iterations: u64 = match iterations.parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("count_diagnose: {iterations} is not a number of iterations");
            std::process::exit(2);
        }
    };
    let mut total = 0usize;
    for _ in 0..iterations {
        total += black_box(&reply)
            .diagnose_with(black_box(&context))
            .reason() as usize;
    }
    println!("{total}");
}
