//! `bounce`: reads bounce messages and shows, per recipient, what failed, why and what to do,
//! then a summary by reason, worst first.

mod mbox;
mod messages;
mod parallel;
mod show;

use std::ffi::OsString;
use std::ops::ControlFlow;

use smtp_codes::Rules;
use smtp_codes_bounce::Bounce;

use crate::failure::Failure;
use crate::input::Source;
use crate::output::Style;
use crate::progress::Progress;
use crate::report;
use parallel::Done;

/// Reads every message of every input (standard input when there is none, or for `-`), and
/// prints a table per message and the summary, or with `json` one JSON object per message
/// and line. A message or file that cannot be read is reported and the others are read; the
/// exit status then says so.
pub fn run(
    paths: &[OsString],
    progress: Progress,
    rules: Option<&'static Rules>,
    json: bool,
    style: &Style,
) -> Result<(), Failure> {
    let sources: Vec<Source> = if paths.is_empty() {
        vec![Source::Stdin]
    } else {
        paths.iter().map(|p| Source::from_arg(p)).collect()
    };
    let mut out = show::Output::new(json, style);
    let mut failed = false;
    let mut result = Ok(());
    // Parsing is most of the work: it runs on every core while this thread reads and shows.
    let workers = crate::input::workers();
    let _ = parallel::in_order(
        &mut |give| {
            for source in &sources {
                messages::for_each(source, &progress, give)?;
            }
            ControlFlow::Continue(())
        },
        workers,
        &|name, bytes| show::render(json, style, name, &read(bytes, rules)),
        &mut |done| match done {
            Done::Message(shown) => match shown.and_then(|shown| out.message(&shown)) {
                Ok(()) => ControlFlow::Continue(()),
                Err(failure) => {
                    result = Err(failure);
                    ControlFlow::Break(())
                }
            },
            Done::Problem { name, message } => {
                failed = true;
                let shown = crate::terminal::escape(&name);
                report::input_problem(json, &name, &format!("{shown}: {message}"), &message);
                ControlFlow::Continue(())
            }
        },
    );
    result?;
    out.finish()?;
    if failed {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// `explain -` with a whole message on standard input: the same as `bounce -`.
pub fn explain(
    bytes: &[u8],
    rules: Option<&'static Rules>,
    json: bool,
    style: &Style,
) -> Result<(), Failure> {
    let mut out = show::Output::new(json, style);
    out.message(&show::render(json, style, "<stdin>", &read(bytes, rules))?)?;
    out.finish()
}

/// One message, read with the user's rules (`--rules`) when there are any.
fn read(bytes: &[u8], rules: Option<&'static Rules>) -> Bounce {
    match rules {
        Some(rules) => smtp_codes_bounce::parse_with(bytes, rules),
        None => smtp_codes_bounce::parse(bytes),
    }
}
