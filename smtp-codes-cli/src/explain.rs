//! The `explain` command: what it is told besides the text (`--command`, `--host`,
//! `--recipient`, `--domain`), and which form it prints a card in (`--json`, `--short`, or
//! the whole card).

use smtp_codes::Context;

use crate::card::Card;
use crate::diagnosis::Diagnoser;
use crate::failure::Failure;
use crate::output::{Style, print, print_json};
use crate::query::{Query, UsageError};

/// What `explain` is told about a reply besides its text: `--command`, `--host`,
/// `--recipient` and `--domain`, as given.
#[derive(Debug, Clone, Default)]
pub struct ContextArgs {
    pub command: Option<String>,
    pub host: Option<String>,
    pub recipient: Option<String>,
    pub domain: Option<String>,
}

impl ContextArgs {
    /// The first option given, to name in an error.
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.command.is_some(), "--command"),
            (self.host.is_some(), "--host"),
            (self.recipient.is_some(), "--recipient"),
            (self.domain.is_some(), "--domain"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }

    /// The library's context; a `--command` that names no command is an error.
    fn context(&self) -> Result<Context<'_>, UsageError> {
        let mut context = Context::new();
        if let Some(verb) = &self.command {
            let command = crate::list::command(verb).ok_or_else(|| UsageError {
                option: Some("--command"),
                input: Some(verb.clone()),
                problem: format!(
                    "not a command; give one of: {}",
                    smtp_codes::Command::ALL
                        .iter()
                        .map(|c| c.verb())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
            context = context.command(command);
        }
        if let Some(host) = &self.host {
            context = context.host(host);
        }
        if let Some(recipient) = &self.recipient {
            if !recipient.contains('@') {
                return Err(UsageError {
                    option: Some("--recipient"),
                    input: Some(recipient.clone()),
                    problem: "not an address: give one such as bob@example.com, or the domain \
                              alone with --domain"
                        .into(),
                });
            }
            context = context.recipient(recipient);
        }
        if let Some(domain) = &self.domain {
            context = context.domain(domain);
        }
        Ok(context)
    }
}

/// How `explain` prints a card: `--json`, `--short`, or the whole card as text.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub short: bool,
}

/// Runs `explain` on `text`: the words given, read as one line, or standard input's text.
pub fn run(
    text: &str,
    given: &ContextArgs,
    diagnoser: &Diagnoser,
    output: Output,
    style: &Style,
) -> Result<(), Failure> {
    let query = Query::parse(text).map_err(Failure::Query)?;
    let context = given.context().map_err(Failure::Usage)?;
    if let (Some(option), false) = (given.first_given(), matches!(query, Query::Line(_))) {
        // Dropping it silently would let the user think it counted.
        return Err(Failure::Usage(UsageError {
            option: Some(option),
            input: None,
            problem: format!(
                "tells about a reply, but '{}' is not a reply line: give the whole line, such \
                 as \"550 5.7.1 Relaying denied\"",
                query.label()
            ),
        }));
    }
    let card = Card::of(&query, diagnoser, &context);
    if output.json {
        print_json(&card)
    } else if output.short {
        print(&crate::short::line(&card))
    } else {
        print(&card.render(style))
    }
}
