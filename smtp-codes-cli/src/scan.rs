//! `scan`: finding the reply codes in mail logs and transcripts, counting them by code, bounce
//! reason or recipient domain, and showing the summary.

mod find;
mod memo;
mod run;
mod summary;
mod table;

pub use run::run;
#[cfg(test)]
pub use summary::Key;

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
