//! `smtp-codes`: explain and compare SMTP reply codes, list them, and summarise mail logs.

mod card;
mod compare;
mod failure;
mod input;
mod list;
mod output;
mod query;
mod scan;
mod terminal;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;
use smtp_codes::{Category, Disposition};

use crate::card::{Card, Class};
use crate::compare::Comparison;
use crate::failure::{Failure, write_failure};
use crate::output::{ColorChoice, Style, json_optional_disposition};
use crate::query::{Query, QueryErrorKind, UsageError};
use crate::terminal::escape;

/// What `--help` says about exit statuses; [`Failure`] decides them.
const EXIT_STATUS: &str = "\
Exit status:
  0  done (also when the reader of the output stops early, as `| head` does)
  1  a file could not be read or the output could not be written
  2  an unknown or malformed code or reply, a bad option value, or a usage error

With --json, errors are JSON too, on standard error: {\"error\": {\"kind\", \"message\", ...}}.";

/// Explain SMTP reply codes and enhanced status codes, compare them, list them, and summarise
/// the replies in mail logs.
///
/// A code alone explains it: `smtp-codes 550` is `smtp-codes explain 550`.
#[derive(Debug, Parser)]
// Plain styles: clap's messages quote the arguments, and [`usage_failure`] can only escape a
// stranger's control characters in them when clap adds none of its own.
#[command(
    name = "smtp-codes",
    version,
    max_term_width = 100,
    after_help = EXIT_STATUS,
    styles = clap::builder::Styles::plain()
)]
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
    /// Explain a reply code (550), an enhanced code (5.7.1, X.7.1), a whole reply line
    /// ("550 5.7.1 Relaying denied") or an enhanced code with its text ("5.1.1 User unknown").
    Explain {
        /// The code or line; several words are read as one line, "-" reads standard input.
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

/// Runs `smtp-codes` with these arguments; a code in place of a command means `explain`.
fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(index) = first_positional(&args) {
        let word = args[index].to_string_lossy();
        // A pasted line may bring the blanks around it.
        let code = word.trim_start();
        let commands = ["explain", "compare", "list", "scan", "help"];
        if !commands.contains(&word.as_ref())
            && code.starts_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x')
        {
            args.insert(index, "explain".into());
        }
    }
    let json = wants_json(&args);
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => return usage_failure(&err, json),
    };
    let style = Style::detect(cli.color);
    match run(&cli, &style) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure, cli.json, &style),
    }
}

/// Whether `--json` is among the options, for the errors clap reports before `Cli` exists.
fn wants_json(args: &[std::ffi::OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|arg| *arg != "--")
        .any(|arg| arg == "--json")
}

/// An error in JSON output: `{"error": {...}}` on standard error.
#[derive(Debug, Serialize)]
struct JsonError {
    error: ErrorBody,
}

/// What went wrong: its `kind` (`unknown_code`, `invalid_input`, `usage` or `io`), the
/// message, and what is known about the input, exact.
#[derive(Debug, Default, Serialize)]
struct ErrorBody {
    kind: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    option: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestions: Option<Vec<String>>,
    /// For a well-formed reply code the table does not know: the code, its category and what a
    /// client does about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<Class>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "json_optional_disposition"
    )]
    disposition: Option<Disposition>,
}

/// Reports an error that clap found (or the help or version it was asked for) and returns its
/// exit status. Its text quotes the arguments, so it is escaped too.
fn usage_failure(err: &clap::Error, json: bool) -> ExitCode {
    use clap::error::ErrorKind;
    let status = u8::try_from(err.exit_code()).unwrap_or(2);
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Help and version hold no input: clap prints them as they are, to standard output.
        let _ = err.print();
        return ExitCode::from(status);
    }
    // `to_string` would strip escape sequences from the arguments quoted, losing them.
    let text = err.render().ansi().to_string();
    if json {
        // The message without the usage lines that follow it.
        let message = text.split("\n\n").next().unwrap_or_default();
        let message = message.strip_prefix("error: ").unwrap_or(message);
        let body = ErrorBody {
            kind: "usage",
            message: message.lines().map(str::trim).collect::<Vec<_>>().join(" "),
            ..ErrorBody::default()
        };
        print_json_error(body);
    } else {
        let mut out = io::stderr().lock();
        for line in text.lines() {
            let _ = writeln!(out, "{}", escape(line));
        }
    }
    ExitCode::from(status)
}

fn print_json_error(error: ErrorBody) {
    let mut out = io::stderr().lock();
    // Nothing is left to tell the user if standard error cannot be written.
    let _ = serde_json::to_writer(&mut out, &JsonError { error }).map(|()| writeln!(out));
}

/// Reports a failure on standard error, as text or JSON, and returns its exit status.
fn report(failure: Failure, json: bool, style: &Style) -> ExitCode {
    let (status, body, text) = match failure {
        Failure::ClosedOutput => return ExitCode::SUCCESS,
        Failure::Reported => return ExitCode::from(1),
        Failure::Query(err) => {
            let category = err.code.and_then(Category::from_code);
            let body = ErrorBody {
                kind: match err.kind {
                    QueryErrorKind::Unknown => "unknown_code",
                    QueryErrorKind::Invalid => "invalid_input",
                },
                message: err.message(),
                input: Some(err.input.clone()),
                suggestions: Some(err.suggestions.clone()),
                code: err.code,
                category: category.map(card::category),
                disposition: category.map(Category::disposition),
                ..ErrorBody::default()
            };
            let mut text = format!("smtp-codes: {err}\n");
            // An unknown code keeps its category: say what its first digit tells.
            if let (Some(category), Some(disposition)) = (category, body.disposition) {
                let plain = Style {
                    color: false,
                    ..*style
                };
                text += &plain.field(
                    "Category",
                    &format!("{}yz {}", category.digit(), category.name()),
                );
                text += &plain.field("Client", &disposition.to_string());
            }
            (2, body, text)
        }
        Failure::Usage(err) => {
            let body = ErrorBody {
                kind: "usage",
                message: err.problem.clone(),
                option: err.option,
                input: err.input.clone(),
                ..ErrorBody::default()
            };
            (2, body, format!("smtp-codes: {err}\n"))
        }
        Failure::Io(message) => {
            let text = format!("smtp-codes: {message}\n");
            let body = ErrorBody {
                kind: "io",
                message,
                ..ErrorBody::default()
            };
            (1, body, text)
        }
    };
    if json {
        print_json_error(body);
    } else {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
    ExitCode::from(status)
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

fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(write_failure)
}

/// The most that `explain -` reads: far more than any reply, little enough to hold at once.
const STDIN_LIMIT: usize = 64 * 1024;

/// Standard input as text, for `explain -`; more than [`STDIN_LIMIT`] bytes is an error.
fn read_stdin() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(STDIN_LIMIT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Failure::Io(format!("cannot read standard input: {err}")))?;
    let refuse = |problem: String| {
        Failure::Usage(UsageError {
            option: None,
            input: None,
            problem,
        })
    };
    if bytes.len() > STDIN_LIMIT {
        return Err(refuse(format!(
            "standard input holds more than {} KiB: explain reads one code or reply",
            STDIN_LIMIT / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|err| {
        refuse(format!(
            "standard input is not UTF-8 text (from byte {} on): explain reads text",
            err.utf8_error().valid_up_to() + 1
        ))
    })
}

fn run(cli: &Cli, style: &Style) -> Result<(), Failure> {
    match &cli.command {
        Command::Explain { words } => {
            let text = if words == &["-"] {
                read_stdin()?
            } else {
                words.join(" ")
            };
            let query = Query::parse(&text).map_err(Failure::Query)?;
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
            let comparison = Comparison::of(&a, &b).map_err(Failure::Usage)?;
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
