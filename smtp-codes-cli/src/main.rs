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
use crate::input::Source;
use crate::output::{ColorChoice, Style, disposition_key};
use crate::query::{Query, QueryError};
use crate::scan::Summary;

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
        /// Log files; "-" or none reads standard input.
        #[arg(value_name = "FILE")]
        files: Vec<String>,
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
        Command::Scan { each, files } => scan(files, *each, cli.json, style),
    }
}

/// One line of `scan --each --json`.
#[derive(Serialize)]
struct Event<'a> {
    file: &'a str,
    line: u64,
    code: Option<u16>,
    enhanced: Option<String>,
    disposition: Option<&'static str>,
    meaning: String,
}

/// The summary of `scan --json`.
#[derive(Serialize)]
struct ScanReport {
    files: Vec<String>,
    lines: u64,
    matched: u64,
    codes: Vec<scan::Entry>,
    /// Lines whose reply was not counted on its own (beyond the distinct-reply limit).
    other: u64,
}

/// Scans `reader` on `workers` threads: this one reads batches of lines, the workers count
/// them. Memory stays bounded: at most `2 * workers` batches wait at a time.
fn scan_parallel(reader: impl io::Read, workers: usize, summary: &mut Summary) -> io::Result<()> {
    let (batches, inbox) = std::sync::mpsc::sync_channel::<Vec<u8>>(2 * workers);
    let inbox = std::sync::Mutex::new(inbox);
    // Buffers go back to the reader when a worker is done with them.
    let (recycle, spares) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let recycle = recycle.clone();
                let inbox = &inbox;
                scope.spawn(move || {
                    let mut local = Summary::default();
                    // The lock is only poisoned if another worker panicked; stop then too.
                    while let Ok(batch) = inbox
                        .lock()
                        .map_err(drop)
                        .and_then(|rx| rx.recv().map_err(drop))
                    {
                        for line in input::lines(&batch) {
                            local.line(line);
                        }
                        // The reader may have finished; then the buffer is simply dropped.
                        let _ = recycle.send(batch);
                    }
                    local
                })
            })
            .collect();
        drop(recycle);
        let read = input::for_each_batch(
            reader,
            || spares.try_recv().unwrap_or_default(),
            |batch| {
                // A send fails only if every worker has stopped, which the join below reports.
                let _ = batches.send(batch);
            },
        );
        drop(batches);
        for handle in handles {
            match handle.join() {
                Ok(local) => summary.merge(local),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        read
    })
}

fn scan(files: &[String], each: bool, json: bool, style: &Style) -> Result<(), Failure> {
    let sources: Vec<Source> = if files.is_empty() {
        vec![Source::Stdin]
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    };
    // Line by line in order when each line is printed; otherwise on every core.
    let workers = if each {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let mut summary = Summary::default();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut write_error = None;
    // An input that cannot be read is reported at once and the others are still scanned:
    // the summary shows what was read, and the exit status says that something was not.
    let mut unreadable = 0;
    let mut read = Vec::new();
    for source in &sources {
        let name = source.name();
        let report = |err: io::Error| eprintln!("smtp-codes: cannot read '{name}': {err}");
        let reader = match source.open() {
            Ok(reader) => reader,
            Err(err) => {
                report(err);
                unreadable += 1;
                continue;
            }
        };
        read.push(name.clone());
        if workers > 1 {
            if let Err(err) = scan_parallel(reader, workers, &mut summary) {
                report(err);
                unreadable += 1;
            }
            continue;
        }
        let mut number = 0u64;
        let scanned = input::for_each_line(reader, |line| {
            number += 1;
            let Some(found) = summary.line(line) else {
                return;
            };
            if each && write_error.is_none() {
                let result = if json {
                    let event = Event {
                        file: &name,
                        line: number,
                        code: found.code,
                        enhanced: found.enhanced.map(|e| e.to_string()),
                        disposition: found.disposition().map(disposition_key),
                        meaning: found.meaning(),
                    };
                    serde_json::to_writer(&mut out, &event)
                        .map_err(io::Error::other)
                        .and_then(|()| writeln!(out))
                } else {
                    let client = found
                        .disposition()
                        .map_or("-".to_owned(), |d| style.disposition(d));
                    writeln!(
                        out,
                        "{name}:{number}: {}  {client}  {}",
                        found.label(),
                        found.meaning()
                    )
                };
                write_error = result.err();
            }
        });
        if let Err(err) = scanned {
            report(err);
            unreadable += 1;
        }
    }
    if let Some(err) = write_error {
        return Err(write_failure(err));
    }
    if read.is_empty() {
        return Err(Failure::Reported);
    }
    let names = read;
    if json {
        let report = ScanReport {
            files: names,
            lines: summary.lines,
            matched: summary.matched,
            codes: summary.json_entries(),
            other: summary.other,
        };
        if each {
            serde_json::to_writer(&mut out, &serde_json::json!({ "summary": report }))
                .map_err(|err| write_failure(err.into()))?;
            writeln!(out).map_err(write_failure)?;
        } else {
            serde_json::to_writer_pretty(&mut out, &report)
                .map_err(|err| write_failure(err.into()))?;
            writeln!(out).map_err(write_failure)?;
        }
    } else {
        if each {
            writeln!(out).map_err(write_failure)?;
        }
        out.write_all(summary.render(names.len(), style).as_bytes())
            .map_err(write_failure)?;
    }
    out.flush().map_err(write_failure)?;
    if unreadable > 0 {
        return Err(Failure::Reported);
    }
    Ok(())
}
