//! `smtp-codes`: explain and compare SMTP reply codes, list them, and summarise mail logs.

mod card;
mod compare;
mod input;
mod list;
mod output;
mod query;
mod scan;
mod terminal;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::card::Card;
use crate::compare::Comparison;
use crate::output::{ColorChoice, Style};
use crate::query::{Query, QueryError};

/// Explain SMTP reply codes and enhanced status codes, compare them, list them, and summarise
/// the replies in mail logs.
///
/// A code alone explains it: `smtp-codes 550` is `smtp-codes explain 550`.
#[derive(Debug, Parser)]
#[command(name = "smtp-codes", version, max_term_width = 100)]
struct Cli {
    /// Print JSON instead of text (the README describes its shape).
    #[arg(long, global = true)]
    json: bool,

    /// When to colour text output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain a reply code (550), an enhanced code (5.7.1, X.7.1) or a whole reply line
    /// ("550 5.7.1 Relaying denied").
    Explain {
        /// The code or line; several words are read as one line.
        #[arg(required = true, num_args = 1.., value_name = "CODE OR LINE")]
        words: Vec<String>,
    },
    /// Compare two reply codes (214 250) or two enhanced codes (5.1.1 5.7.1).
    Compare {
        #[arg(value_name = "A")]
        a: String,
        #[arg(value_name = "B")]
        b: String,
    },
    /// List the codes smtp-codes knows, optionally filtered.
    List {
        /// Only this category: 2, 3, 4, 5 or a name such as "transient" (with --enhanced: a
        /// class, 2, 4 or 5).
        #[arg(long, value_name = "CATEGORY")]
        category: Option<String>,
        /// Only replies to this command, such as RCPT or DATA.
        #[arg(long, value_name = "VERB", conflicts_with = "enhanced")]
        command: Option<String>,
        /// Only the codes RFC 5321 (or an extension) defines.
        #[arg(long, conflicts_with_all = ["non_standard", "enhanced"])]
        standard: bool,
        /// Only codes servers send outside RFC 5321's list.
        #[arg(long, conflicts_with = "enhanced")]
        non_standard: bool,
        /// List the enhanced status codes of the IANA registry instead.
        #[arg(long)]
        enhanced: bool,
    },
    /// Find the reply codes in mail logs or SMTP transcripts and count them, worst first.
    ///
    /// Reads Postfix and Exim logs and raw "NNN text" lines, plain or gzip-compressed, from the
    /// files given or from standard input (none, or "-").
    Scan {
        /// Explain each line with a reply as it is read, then the summary.
        #[arg(long)]
        each: bool,
        /// Log files; "-" or none reads standard input. Any bytes the system allows in a
        /// name are fine.
        #[arg(value_name = "FILE")]
        files: Vec<std::ffi::OsString>,
    },
}

/// A failure, and the exit status it gets.
#[derive(Debug)]
enum Failure {
    /// An unknown or malformed code: exit status 2.
    Query(QueryError),
    /// A bad option value: exit status 2.
    Usage(String),
    /// A file that cannot be read, or output that cannot be written: exit status 1.
    Io(String),
    /// Whoever read the output stopped (`smtp-codes list | head`): stop quietly.
    ClosedOutput,
    /// Failures already reported as they happened: exit status 1.
    Reported,
}

/// Runs `smtp-codes` with these arguments; a code in place of a command means `explain`.
fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(index) = first_positional(&args) {
        let word = args[index].to_string_lossy();
        let commands = ["explain", "compare", "list", "scan", "help"];
        if !commands.contains(&word.as_ref())
            && word.starts_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x')
        {
            args.insert(index, "explain".into());
        }
    }
    let cli = Cli::parse_from(args);
    let style = Style::detect(cli.color);
    match run(&cli, &style) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let (message, status) = match failure {
                Failure::Query(err) => (err.to_string(), 2),
                Failure::Usage(message) => (message, 2),
                Failure::Io(message) => (message, 1),
                Failure::ClosedOutput => return ExitCode::SUCCESS,
                Failure::Reported => return ExitCode::from(1),
            };
            eprintln!("smtp-codes: {message}");
            ExitCode::from(status)
        }
    }
}

/// The index of the first argument that is neither an option nor the value of `--color`.
fn first_positional(args: &[std::ffi::OsString]) -> Option<usize> {
    let mut index = 1;
    while let Some(arg) = args.get(index) {
        if arg == "--color" {
            index += 2;
        } else if arg.to_string_lossy().starts_with('-') && arg != "-" {
            index += 1;
        } else {
            return Some(index);
        }
    }
    None
}

fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|err| write_failure(err.into()))?;
    writeln!(out).map_err(write_failure)
}

fn write_failure(err: io::Error) -> Failure {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return Failure::ClosedOutput;
    }
    Failure::Io(format!("cannot write the output: {err}"))
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(write_failure)
}

fn run(cli: &Cli, style: &Style) -> Result<(), Failure> {
    match &cli.command {
        Command::Explain { words } => {
            let query = Query::parse(&words.join(" ")).map_err(Failure::Query)?;
            let card = Card::of(&query);
            if cli.json {
                print_json(&card)
            } else {
                print(&card.render(style))
            }
        }
        Command::Compare { a, b } => {
            let a = Query::parse(a).map_err(Failure::Query)?;
            let b = Query::parse(b).map_err(Failure::Query)?;
            let comparison = Comparison::of(&a, &b).map_err(Failure::Query)?;
            if cli.json {
                print_json(&comparison)
            } else {
                print(&comparison.render(style))
            }
        }
        Command::List {
            category,
            command,
            standard,
            non_standard,
            enhanced,
        } => {
            let filter = list::Filter {
                category: category.clone(),
                command: command.clone(),
                standard: if *standard {
                    Some(true)
                } else if *non_standard {
                    Some(false)
                } else {
                    None
                },
                enhanced: *enhanced,
            };
            let rows = filter.rows().map_err(Failure::Usage)?;
            if cli.json {
                print_json(&rows)
            } else if rows.is_empty() {
                print("no code matches these filters\n")
            } else {
                print(&rows.render(style))
            }
        }
        Command::Scan { each, files } => scan::run(files, *each, cli.json, style),
    }
}
