//! `smtp-codes`: explain and compare SMTP reply codes, list them, and summarise mail logs.

mod bounce;
mod card;
mod compare;
mod diagnosis;
mod explain;
mod failure;
mod input;
mod labels;
mod list;
mod output;
mod progress;
mod query;
mod reasons;
mod report;
mod scan;
mod search;
mod shell;
mod short;
mod site;
mod terminal;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnosis::Diagnoser;
use crate::explain::ContextArgs;
use crate::failure::Failure;
use crate::labels::Lang;
use crate::output::{ColorChoice, Style};
use crate::report::{report, usage_failure};

/// What `--help` says about exit statuses; [`Failure`] decides them.
const EXIT_STATUS: &str = "\
Exit status:
  0  done (also when the reader of the output stops early, as `| head` does)
  1  a file could not be read or the output could not be written
  2  an unknown or malformed code or reply, a --rules file with problems, a bad option
     value, or a usage error

With --json, errors are JSON too, on standard error: {\"error\": {\"kind\", \"message\", ...}}.";

/// Explain SMTP reply codes and enhanced status codes, compare them, list them, and summarise
/// the replies in mail logs.
///
/// A code alone explains it: `smtp-codes 550` is `smtp-codes explain 550`.
#[derive(Debug, Parser)]
// Plain styles: clap's messages quote the arguments, and `report::usage_failure` can only
// escape a stranger's control characters in them when clap adds none of its own.
#[command(
    name = "smtp-codes",
    version,
    max_term_width = 100,
    after_help = EXIT_STATUS,
    styles = clap::builder::Styles::plain()
)]
pub(crate) struct Cli {
    /// Print JSON instead of text (the README describes its shape).
    #[arg(long, global = true)]
    json: bool,

    /// Explain in one line: `550 5.1.1 give up (userunknown, hard): the mailbox does not
    /// exist; fix the address or drop it`.
    #[arg(long, global = true, conflicts_with = "json")]
    short: bool,

    /// Draw no progress bar on standard error while `scan` or `bounce` reads a large file.
    #[arg(long, global = true)]
    quiet: bool,

    /// When to colour text output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Bounce rules of your own, in the format of the built-in rules.toml, tried before the
    /// built-in rules (by explain, scan and bounce).
    #[arg(long, global = true, value_name = "FILE")]
    rules: Option<std::ffi::OsString>,

    /// With --rules: try only the rules of the file, not the built-in ones (the codes' default
    /// reasons still decide when none matches).
    #[arg(long, global = true, requires = "rules")]
    rules_instead: bool,

    /// The language of the headings of explain and compare: a tag such as de, ja, pt-BR or
    /// zh_CN.UTF-8 (the codes' own texts stay English). Without it, the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set decides; English when it names no language of the tool.
    #[arg(long, global = true, value_name = "CODE")]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain a reply code (550), an enhanced code (5.7.1, X.7.1), a whole reply line
    /// ("550 5.7.1 Relaying denied"), an enhanced code with its text ("5.1.1 User unknown") or
    /// a bounce reason (userunknown).
    ///
    /// A reply line is diagnosed first: why it failed, whether the address is bad, who sent it
    /// and what to do, from the bounce rules; then the cards of its codes.
    Explain {
        /// The code or line; several words are read as one line, "-" reads standard input.
        #[arg(required = true, num_args = 1.., value_name = "CODE OR LINE")]
        words: Vec<String>,
        /// The command the reply answered, such as RCPT, DATA, end-of-data or greeting.
        #[arg(long, value_name = "VERB")]
        command: Option<String>,
        /// The host that sent the reply, such as gmail-smtp-in.l.google.com.
        #[arg(long, value_name = "NAME")]
        host: Option<String>,
        /// The recipient's address; its domain counts, as --domain.
        #[arg(long, value_name = "ADDR", conflicts_with = "domain")]
        recipient: Option<String>,
        /// The recipient's domain, such as gmail.com.
        #[arg(long, value_name = "NAME")]
        domain: Option<String>,
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
    /// List the bounce reasons: why a message failed, in Sisimai's vocabulary.
    Reasons,
    /// Read bounce messages: per recipient, what failed, why and what to do.
    ///
    /// Then a summary by reason, worst first. Each PATH is a message file, an mbox, a Maildir
    /// or a folder of message files, gzip-compressed or not; with none, or "-", standard
    /// input. With --json, one JSON object per message and line.
    Bounce {
        /// Messages, mailboxes or folders to read.
        #[arg(value_name = "PATH")]
        paths: Vec<std::ffi::OsString>,
    },
    /// Find the reply codes in mail logs or SMTP transcripts and count them, worst first.
    ///
    /// Reads Postfix and Exim logs and raw "NNN text" lines, plain or gzip-compressed, from the
    /// files given or from standard input (none, or "-").
    Scan {
        /// Explain each line with a reply as it is read, then the summary.
        #[arg(long)]
        each: bool,
        /// What the summary's rows count: each reply code, each bounce reason, or each
        /// recipient domain.
        #[arg(long, value_enum, default_value_t = scan::Grouping::Code)]
        by: scan::Grouping,
        /// Also write a report as one self-contained HTML page: replies over time by what a
        /// client does, the commonest replies and reasons, the domains with their worst reply.
        #[arg(long, value_name = "REPORT.html")]
        html: Option<std::ffi::OsString>,
        /// Log files; "-" or none reads standard input. Any bytes the system allows in a
        /// name are fine.
        #[arg(value_name = "FILE")]
        files: Vec<std::ffi::OsString>,
    },
    /// Find the reply codes, enhanced codes and bounce reasons whose name or text holds every
    /// word given, in any case: `smtp-codes search greylist`.
    Search {
        /// The words; an entry must hold each of them.
        #[arg(required = true, num_args = 1.., value_name = "WORD")]
        words: Vec<String>,
    },
    /// Write the reference as a static web site into a folder: a page per reply code, enhanced
    /// code and bounce reason, comparison pages and a search, viewable from disk.
    Site {
        /// The folder to write into; made when missing.
        #[arg(value_name = "OUT_DIR")]
        out: std::ffi::OsString,
    },
    /// Print a completion script for a shell: bash, zsh, fish, elvish or powershell.
    ///
    /// For bash: `smtp-codes completions bash > ~/.local/share/bash-completion/completions/smtp-codes`;
    /// for zsh, write `_smtp-codes` into a directory on `$fpath`; for fish, write
    /// `smtp-codes.fish` into `~/.config/fish/completions/`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page, smtp-codes(1), in roff: `smtp-codes man | man -l -`.
    Man,
}

/// Runs `smtp-codes` with these arguments; a code in place of a command means `explain`.
fn main() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(index) = first_positional(&args) {
        let word = args[index].to_string_lossy();
        // A pasted line may bring the blanks around it.
        let code = word.trim_start();
        let commands = [
            "explain",
            "compare",
            "list",
            "reasons",
            "scan",
            "bounce",
            "search",
            "site",
            "completions",
            "man",
            "help",
        ];
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
    let lang = cli.lang.unwrap_or_else(Lang::from_environment);
    let style = Style::detect(cli.color, lang);
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

/// The index of the first argument that is neither an option nor the value of `--color`,
/// `--rules` or `--lang`.
fn first_positional(args: &[std::ffi::OsString]) -> Option<usize> {
    let mut index = 1;
    while let Some(arg) = args.get(index) {
        if arg == "--color" || arg == "--rules" || arg == "--lang" {
            index += 2;
        } else if arg.to_string_lossy().starts_with('-') && arg != "-" {
            index += 1;
        } else {
            return Some(index);
        }
    }
    None
}

/// Routes the command to its driver.
fn run(cli: &Cli, style: &Style) -> Result<(), Failure> {
    // These describe the tool itself: no rule file needs reading.
    match &cli.command {
        Command::Completions { shell } => return shell::completions(*shell),
        Command::Man => return shell::man(),
        Command::Site { out } => return site::run(out, style),
        _ => {}
    }
    // A broken rule file is reported whatever the command: the user meant it to count.
    // Loaded once for the whole run; a bounce's recipients keep diagnoses that borrow it.
    let diagnoser: &'static Diagnoser = Box::leak(Box::new(Diagnoser::load(
        cli.rules.as_deref(),
        cli.rules_instead,
    )?));
    match &cli.command {
        Command::Explain {
            words,
            command,
            host,
            recipient,
            domain,
        } => {
            let given = ContextArgs {
                command: command.clone(),
                host: host.clone(),
                recipient: recipient.clone(),
                domain: domain.clone(),
            };
            let output = explain::Output {
                json: cli.json,
                short: cli.short,
            };
            explain(words, &given, diagnoser, output, style)
        }
        Command::Reasons => reasons::run(cli.json, style),
        Command::Search { words } => search::run(words, cli.json, style),
        Command::Compare { a, b } => compare::run(a, b, cli.json, style),
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
            list::run(&filter, cli.json, style)
        }
        Command::Bounce { paths } => {
            // Each message's table is printed as it is read.
            let progress = progress::Progress::new(cli.quiet, true);
            bounce::run(paths, progress, diagnoser.rules(), cli.json, style)
        }
        Command::Scan {
            each,
            by,
            html,
            files,
        } => {
            let options = scan::Options {
                each: *each,
                by: *by,
                html: html.as_deref(),
                progress: progress::Progress::new(cli.quiet, *each),
            };
            scan::run(files, &options, diagnoser, cli.json, style)
        }
        Command::Completions { .. } | Command::Man | Command::Site { .. } => Ok(()),
    }
}

/// `explain`: the words as one line, or standard input for `-`, which may hold a whole
/// bounce message: that is read as `bounce -` reads it.
fn explain(
    words: &[String],
    given: &ContextArgs,
    diagnoser: &'static Diagnoser,
    output: explain::Output,
    style: &Style,
) -> Result<(), Failure> {
    if words != ["-"] {
        return explain::run(&words.join(" "), given, diagnoser, output, style);
    }
    match input::explain_stdin()? {
        input::Stdin::Text(text) => explain::run(&text, given, diagnoser, output, style),
        input::Stdin::Message(bytes) => match given.first_given() {
            // Context options tell about a reply; a message brings its own.
            Some(option) => Err(Failure::Usage(query::UsageError {
                option: Some(option),
                input: None,
                problem: "tells about a reply, but standard input is a whole message: its \
                          recipients and hosts come from the message itself"
                    .into(),
            })),
            None => bounce::explain(&bytes, diagnoser.rules(), output.json, style),
        },
    }
}
