//! How failures are reported on standard error, as text or (`--json`) as JSON, and the exit
//! status each gets.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use smtp_codes::{Category, Disposition};

use crate::card::{self, Class};
use crate::failure::Failure;
use crate::labels::Label;
use crate::output::{Style, json_optional_disposition, plural};
use crate::query::QueryErrorKind;
use crate::terminal::escape;

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
    /// For a rule file: every problem in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<Problem>>,
}

/// One problem of a rule file, in JSON.
#[derive(Debug, Serialize)]
struct Problem {
    line: usize,
    column: usize,
    message: String,
}

/// Reports an error that clap found (or the help or version it was asked for) and returns its
/// exit status. Its text quotes the arguments, so it is escaped too.
pub fn usage_failure(err: &clap::Error, json: bool) -> ExitCode {
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
        let message = text
            .split_once("\n\n")
            .map_or(text.as_str(), |(first, _)| first);
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

/// Reports a problem with one input on standard error, for a command that goes on with the
/// others: as `smtp-codes: TEXT` (any name in it already escaped), or with `--json` as an `io`
/// error whose `message` leaves the name out and whose `input` holds it exactly.
pub fn input_problem(json: bool, name: &str, text: &str, message: &str) {
    if json {
        print_json_error(ErrorBody {
            kind: "io",
            message: message.to_owned(),
            input: Some(name.to_owned()),
            ..ErrorBody::default()
        });
    } else {
        // Nothing is left to tell the user if standard error cannot be written.
        let _ = writeln!(io::stderr().lock(), "smtp-codes: {text}");
    }
}

/// Reports a failure on standard error, as text or JSON, and returns its exit status.
pub fn report(failure: Failure, json: bool, style: &Style) -> ExitCode {
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
                text += &plain.heading(
                    Label::Category,
                    &format!("{}yz {}", category.digit(), category.name()),
                );
                text += &plain.heading(Label::Client, &disposition.to_string());
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
        Failure::Rules(failure) => {
            let problems = failure.error.problems();
            // One problem a line, as a compiler writes them; the file's own text is escaped.
            let text: String = failure
                .error
                .to_string()
                .lines()
                .map(|line| format!("smtp-codes: {}\n", escape(line)))
                .collect();
            let body = ErrorBody {
                kind: "rules",
                message: format!(
                    "{} problem{} in the rule file",
                    problems.len(),
                    plural(problems.len() as u64)
                ),
                option: Some("--rules"),
                input: Some(failure.file.clone()),
                problems: Some(
                    problems
                        .iter()
                        .map(|p| Problem {
                            line: p.line,
                            column: p.column,
                            message: p.message.clone(),
                        })
                        .collect(),
                ),
                ..ErrorBody::default()
            };
            (2, body, text)
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
