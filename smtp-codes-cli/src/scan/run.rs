//! The `scan` command: reads each input, on every core or line by line for `--each`, and
//! prints the summary.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::ops::ControlFlow;

use serde::Serialize;

use super::Grouping;
use super::Options;
use super::clock::Day;
use super::find::Action;
use super::summary::{Entry, Key, Seen, Summary};
use super::table;
use crate::diagnosis::Diagnoser;
use crate::failure::{Failure, write_failure};
use crate::input::{self, Source};
use crate::output::{Style, disposition_key};
use crate::report;
use crate::terminal::escape;

/// One line of `scan --each --json`.
#[derive(Serialize)]
struct Event<'a> {
    file: &'a str,
    line: u64,
    code: Option<u16>,
    enhanced: Option<String>,
    disposition: Option<&'static str>,
    /// What the MTA logged that it did, beside what the reply asks for.
    mta: Option<&'static str>,
    reason: &'static str,
    hard_bounce: bool,
    /// The recipient's domain as the line writes it (bytes that are not UTF-8 as U+FFFD).
    domain: Option<String>,
    meaning: String,
}

/// The summary of `scan --json`.
#[derive(Serialize)]
struct ScanReport {
    files: Vec<String>,
    lines: u64,
    matched: u64,
    codes: Vec<Entry>,
    /// Enhanced codes outside the registry are counted by subject or class (`folded`
    /// entries): more distinct ones came than the summary keeps apart.
    folded: bool,
    /// `code`, `reason` or `domain`: what `--by` asked for.
    by: &'static str,
    reasons: Vec<ReasonEntry>,
    /// With `--by domain` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    domains: Option<Vec<DomainEntry>>,
    /// With `--by domain`: `label` when domains were counted by their last label (`*.com`),
    /// `all` when all as one (`*`), null when each apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    domains_folded: Option<Option<&'static str>>,
}

/// One reason in the JSON summary.
#[derive(Serialize)]
struct ReasonEntry {
    reason: &'static str,
    name: &'static str,
    count: u64,
    hard_bounces: u64,
    mta: std::collections::BTreeMap<&'static str, u64>,
}

/// One recipient domain in the JSON summary.
#[derive(Serialize)]
struct DomainEntry {
    /// Null for the lines that name no recipient.
    domain: Option<String>,
    count: u64,
    failed: u64,
    hard_bounces: u64,
    reasons: std::collections::BTreeMap<&'static str, u64>,
}

/// Counts the bytes read through it: to tell an empty input from one without replies.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.bytes += read as u64;
        Ok(read)
    }
}

/// Scans `reader` on `workers` threads: this one reads batches of lines, the workers count
/// them. Memory stays bounded: at most `2 * workers` batches wait at a time. The counts do
/// not depend on which worker got which batch ([`Summary::merge`]).
fn scan_parallel(
    reader: impl Read,
    workers: usize,
    diagnoser: &Diagnoser,
    summary: &mut Summary,
) -> io::Result<()> {
    let (batches, inbox) = std::sync::mpsc::sync_channel::<Vec<u8>>(2 * workers);
    let inbox = std::sync::Mutex::new(inbox);
    // Buffers go back to the reader when a worker is done with them.
    let (recycle, spares) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let recycle = recycle.clone();
                let inbox = &inbox;
                let mut local = summary.like();
                scope.spawn(move || {
                    // The lock is only poisoned if another worker panicked; stop then too.
                    while let Ok(batch) = inbox
                        .lock()
                        .map_err(drop)
                        .and_then(|rx| rx.recv().map_err(drop))
                    {
                        for line in input::lines(&batch) {
                            local.scan(line, diagnoser);
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
            |batch| match batches.send(batch) {
                Ok(()) => ControlFlow::Continue(()),
                // Every worker has stopped, which the join below reports.
                Err(_) => ControlFlow::Break(()),
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

/// One `--each` line for people: `FILE:LINE: CODE  CLIENT  MTA  REASON  MEANING`, the reason
/// marked `(hard)` for a hard bounce.
fn each_line(
    out: &mut impl Write,
    shown: &str,
    number: u64,
    seen: &Seen<'_>,
    style: &Style,
) -> io::Result<()> {
    let key = Key::from(seen.found);
    let client = key
        .disposition()
        .map_or("-".to_owned(), |d| style.disposition(d));
    let hard = if seen.hard_bounce { " (hard)" } else { "" };
    writeln!(
        out,
        "{shown}:{number}: {}  {client}  {}  {}{hard}  {}",
        key.label(),
        seen.found.action.map_or("-", Action::key),
        seen.reason,
        key.meaning()
    )
}

/// Runs `scan` over `files` (standard input when there are none), counting by `by`.
pub fn run(
    files: &[OsString],
    options: &Options<'_>,
    diagnoser: &Diagnoser,
    json: bool,
    style: &Style,
) -> Result<(), Failure> {
    let Options {
        each,
        by,
        html,
        progress,
    } = *options;
    let sources: Vec<Source> = if files.is_empty() {
        vec![Source::Stdin]
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    };
    // Line by line in order when each line is printed; otherwise on every core.
    let workers = if each { 1 } else { input::workers() };
    // The HTML report shows the domains and the hours whatever the grouping.
    let mut summary = Summary::new(by == Grouping::Domain || html.is_some());
    if html.is_some() {
        summary = summary.with_timeline();
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut write_error = None;
    // An input that cannot be read is reported at once and the others are still scanned:
    // the summary shows what was read, and the exit status says that something was not.
    let mut unreadable = 0;
    let mut read = Vec::new();
    for source in &sources {
        let name = source.name();
        // File names come from anywhere (a directory listing, a glob): escape them too.
        let shown = escape(&name).into_owned();
        let reader = match source.open(&progress) {
            Ok(reader) => reader,
            Err(err) => {
                report::input_problem(
                    json,
                    &name,
                    &format!("cannot read '{shown}': {err}"),
                    &err.to_string(),
                );
                unreadable += 1;
                continue;
            }
        };
        summary.set_reference(last_changed(source));
        let mut reader = Counted {
            inner: reader,
            bytes: 0,
        };
        let lines_before = summary.lines;
        let scanned = if workers > 1 {
            scan_parallel(&mut reader, workers, diagnoser, &mut summary)
        } else {
            let mut number = 0u64;
            input::for_each_line(&mut reader, |line| {
                number += 1;
                let Some(seen) = summary.scan(line, diagnoser) else {
                    return ControlFlow::Continue(());
                };
                if !each {
                    return ControlFlow::Continue(());
                }
                let key = Key::from(seen.found);
                let written = if json {
                    let event = Event {
                        file: &name,
                        line: number,
                        code: key.code,
                        enhanced: key.enhanced_text(),
                        disposition: key.disposition().map(disposition_key),
                        mta: seen.found.action.map(Action::key),
                        reason: seen.reason.token(),
                        hard_bounce: seen.hard_bounce,
                        domain: seen.domain.map(|d| String::from_utf8_lossy(d).into_owned()),
                        meaning: key.meaning(),
                    };
                    serde_json::to_writer(&mut out, &event)
                        .map_err(io::Error::other)
                        .and_then(|()| writeln!(out))
                } else {
                    each_line(&mut out, &shown, number, &seen, style)
                };
                // Nobody reads what follows: stop reading too.
                match written {
                    Ok(()) => ControlFlow::Continue(()),
                    Err(err) => {
                        write_error = Some(err);
                        ControlFlow::Break(())
                    }
                }
            })
        };
        if let Some(err) = write_error {
            return Err(write_failure(err));
        }
        if let Err(err) = scanned {
            let after = format!(
                "after line {}; the lines before are counted",
                summary.lines - lines_before
            );
            report::input_problem(
                json,
                &name,
                &format!("'{shown}': {err} ({after})"),
                &format!("{err} ({after})"),
            );
            unreadable += 1;
        } else if *source == Source::Stdin && reader.bytes == 0 {
            // A closed or empty standard input is more often a mistake than a log.
            let nothing = "nothing was read from standard input";
            report::input_problem(json, &name, nothing, nothing);
            unreadable += 1;
            continue;
        }
        read.push(name);
    }
    if read.is_empty() {
        return Err(Failure::Reported);
    }
    if json {
        let report = ScanReport {
            files: read.clone(),
            lines: summary.lines,
            matched: summary.matched,
            codes: summary.json_entries(),
            folded: summary.folded(),
            by: by.key(),
            reasons: summary
                .reasons()
                .into_iter()
                .map(|(reason, tally)| ReasonEntry {
                    reason: reason.token(),
                    name: reason.name(),
                    count: tally.count,
                    hard_bounces: tally.hard,
                    mta: tally.actions().map(|(a, n)| (a.key(), n)).collect(),
                })
                .collect(),
            domains: (by == Grouping::Domain).then(|| {
                summary
                    .domains()
                    .into_iter()
                    .map(|(domain, tally)| DomainEntry {
                        domain: domain.map(|d| String::from_utf8_lossy(d).into_owned()),
                        count: tally.count,
                        failed: tally.failed,
                        hard_bounces: tally.hard,
                        reasons: tally
                            .reasons()
                            .into_iter()
                            .map(|(r, n)| (r.token(), n))
                            .collect(),
                    })
                    .collect()
            }),
            domains_folded: (by == Grouping::Domain).then(|| summary.domains_folded()),
        };
        let written = if each {
            serde_json::to_writer(&mut out, &serde_json::json!({ "summary": report }))
        } else {
            serde_json::to_writer_pretty(&mut out, &report)
        };
        written.map_err(|err| write_failure(err.into()))?;
        writeln!(out).map_err(write_failure)?;
    } else {
        if each {
            writeln!(out).map_err(write_failure)?;
        }
        out.write_all(table::render(&summary, read.len(), by, style).as_bytes())
            .map_err(write_failure)?;
    }
    out.flush().map_err(write_failure)?;
    if let Some(path) = html {
        let page = super::html::report(&summary, &read);
        std::fs::write(path, page).map_err(|err| {
            Failure::Io(format!(
                "cannot write the report '{}': {err}",
                escape(&path.to_string_lossy())
            ))
        })?;
    }
    if unreadable > 0 {
        return Err(Failure::Reported);
    }
    Ok(())
}

/// The day a file was last changed (standard input: today), in UTC: a syslog line's year is
/// the latest that does not put it after that day.
fn last_changed(source: &Source) -> Day {
    let when = match source {
        Source::File(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        Source::Stdin => None,
    }
    .unwrap_or_else(std::time::SystemTime::now);
    let seconds = match when.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    };
    Day::from_number(seconds.div_euclid(86_400))
}
