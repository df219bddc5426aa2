//! Prints the card for a reply code: `cargo run -p smtp-codes --example explain -- 550`.
//!
//! Accepts a bare code (`550`) or a reply line (`"550 5.7.1 Relaying denied"`).

use std::process::ExitCode;

use smtp_codes::{Category, ReplyCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: explain <code or reply line>...   for example: explain 550");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            println!();
        }
        match arg.parse::<ReplyCode>() {
            Ok(code) => print_card(code),
            Err(err) => {
                eprintln!("error: {arg:?}: {err}");
                if let Some(category) = err.code().and_then(Category::from_code) {
                    eprintln!(
                        "  its category is still known: {}yz {category}: {}",
                        category.digit(),
                        category.description()
                    );
                }
                status = ExitCode::from(2);
            }
        }
    }
    status
}

fn print_card(code: ReplyCode) {
    let category = code.category();
    println!("{code}");
    println!("  category:    {}yz {category}", category.digit());
    println!(
        "  standard:    {}",
        if code.is_standard() {
            "yes"
        } else {
            "no (not defined by any RFC)"
        }
    );
    println!("  meaning:     {}", code.description());
    println!("  when seen:   {}", code.when_seen());
    println!("  what to do:  {}", code.remediation());
    let triggers: Vec<String> = code.triggers().iter().map(ToString::to_string).collect();
    println!(
        "  sent after:  {}",
        if triggers.is_empty() {
            "no particular command".to_owned()
        } else {
            triggers.join(", ")
        }
    );
    let rfcs: Vec<String> = code.rfcs().iter().map(|r| format!("RFC {r}")).collect();
    println!(
        "  RFCs:        {}",
        if rfcs.is_empty() {
            "none".to_owned()
        } else {
            rfcs.join(", ")
        }
    );
}
