//! Prints the card for a reply code: `cargo run -p smtp-codes --example explain -- 550`.
//!
//! Accepts a bare code (`550`), an enhanced status code (`5.7.1`) or a reply line
//! (`"550 5.1.1 <bob@example.com>: Recipient address rejected"`), which explains both codes.

use std::process::ExitCode;

use smtp_codes::{Category, EnhancedCode, ReplyCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!(
            "usage: explain <code, enhanced code or reply line>...   for example: explain 550"
        );
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            println!();
        }
        if let Err(message) = explain(arg.trim()) {
            eprintln!("error: {arg:?}: {message}");
            status = ExitCode::from(2);
        }
    }
    status
}

fn explain(arg: &str) -> Result<(), String> {
    // An enhanced code on its own: digits and dots only, with a dot.
    if arg.contains('.') && arg.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let code: EnhancedCode = arg.parse().map_err(|e| format!("{e}"))?;
        print_enhanced(code);
        return Ok(());
    }
    let basic = arg.parse::<ReplyCode>().map_err(|err| {
        let mut message = err.to_string();
        if let Some(category) = err.code().and_then(Category::from_code) {
            message += &format!(
                "\n  its category is still known: {}yz {category}: {}",
                category.digit(),
                category.description()
            );
        }
        message
    })?;
    print_basic(basic);
    // RFC 2034: an enhanced code, when present, is the first word after the basic code.
    let enhanced = arg
        .get(4..)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|word| word.parse::<EnhancedCode>().ok());
    if let Some(enhanced) = enhanced {
        println!();
        print_enhanced(enhanced);
        println!();
        if basic.agrees_with(enhanced) {
            println!(
                "{} and {enhanced} agree: both are class {}.",
                basic.code(),
                enhanced.class()
            );
        } else {
            println!(
                "{} and {enhanced} DISAGREE: RFC 3463 requires the enhanced class ({}) to equal the basic code's first digit ({}).",
                basic.code(),
                enhanced.class(),
                basic.category().digit()
            );
        }
    }
    Ok(())
}

fn print_basic(code: ReplyCode) {
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
    println!(
        "  sent after:  {}",
        list(
            code.triggers().iter().map(ToString::to_string),
            "no particular command"
        )
    );
    println!(
        "  enhanced:    {}",
        list(
            code.enhanced_codes()
                .iter()
                .map(|s| format!("X.{}.{}", s.subject(), s.detail())),
            "none registered"
        )
    );
    println!(
        "  RFCs:        {}",
        list(code.rfcs().iter().map(|r| format!("RFC {r}")), "none")
    );
}

fn print_enhanced(code: EnhancedCode) {
    println!("{code} {}", code.name().unwrap_or("(not registered)"));
    println!("  class:       {} {}", code.class(), code.class_entry());
    println!(
        "  subject:     X.{}.X {}",
        code.subject(),
        code.subject_name()
    );
    match code.status() {
        Some(status) => {
            println!("  meaning:     {}", status.description());
            println!("  when seen:   {}", status.when_seen());
            println!("  what to do:  {}", status.remediation());
            println!(
                "  basic codes: {}",
                list(
                    code.basic_codes().iter().map(|c| c.code().to_string()),
                    "none given"
                )
            );
            let mut refs: Vec<String> = status.rfcs().iter().map(|r| format!("RFC {r}")).collect();
            refs.extend(status.reference().map(str::to_owned));
            println!("  references:  {}", list(refs.into_iter(), "none"));
        }
        None => println!(
            "  meaning:     not in the IANA registry; the class and subject above still apply"
        ),
    }
}

fn list(items: impl Iterator<Item = String>, empty: &str) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}
