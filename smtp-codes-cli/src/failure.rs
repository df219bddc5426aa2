//! How a command fails, and the exit status each failure gets; `report` writes them out.

use std::io;

use smtp_codes::RulesError;

use crate::query::{QueryError, UsageError};

/// A failure, and the exit status it gets.
#[derive(Debug)]
pub enum Failure {
    /// An unknown or malformed code: exit status 2.
    Query(QueryError),
    /// A bad option value, arguments that do not go together, or standard input that
    /// `explain` cannot take: exit status 2. (Errors that clap finds get 2 as well.)
    Usage(UsageError),
    /// A rule file (`--rules`) with problems, every one of them: exit status 2.
    Rules(RulesFailure),
    /// A file that cannot be read, or output that cannot be written: exit status 1.
    Io(String),
    /// Whoever read the output stopped (`smtp-codes list | head`): stop quietly.
    ClosedOutput,
    /// Failures already reported as they happened: exit status 1.
    Reported,
}

/// What a failed write to standard output means: the reader went away, or a real error.
pub fn write_failure(err: io::Error) -> Failure {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return Failure::ClosedOutput;
    }
    Failure::Io(format!("cannot write the output: {err}"))
}

/// A rule file that could not be used: its name as shown, and every problem in it.
#[derive(Debug)]
pub struct RulesFailure {
    pub file: String,
    pub error: RulesError,
}
