//! `scan`: finding the reply codes in mail logs and transcripts, counting them by code, bounce
//! reason or recipient domain, and showing the summary.

mod clock;
mod find;
mod html;
mod marks;
mod memo;
mod run;
mod summary;
mod table;

pub use run::run;
#[cfg(test)]
pub use summary::Key;

/// How `scan` reads and what it writes besides the summary.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// `--each`: every line with a reply, as it is read.
    pub each: bool,
    pub by: Grouping,
    /// `--html`: where to write the report.
    pub html: Option<&'a std::ffi::OsStr>,
    pub progress: crate::progress::Progress,
}

/// What the rows of the summary count (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Grouping {
    /// Each basic and enhanced code.
    Code,
    /// Each bounce reason.
    Reason,
    /// Each recipient domain, where the log line names one.
    Domain,
}

impl Grouping {
    /// The word for it in JSON: `code`, `reason` or `domain`.
    pub fn key(self) -> &'static str {
        match self {
            Grouping::Code => "code",
            Grouping::Reason => "reason",
            Grouping::Domain => "domain",
        }
    }
}
