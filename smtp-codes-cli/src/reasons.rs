//! The table of bounce reasons (`reasons`): each token with its name, whether it is a hard
//! bounce, and what a client does by default.

use serde::Serialize;
use smtp_codes::Reason;
use unicode_width::UnicodeWidthStr;

use crate::diagnosis::ReasonCard;
use crate::failure::Failure;
use crate::output::{Style, disposition_key, pad, print, print_json, truncate};

/// One row of `reasons --json`.
#[derive(Debug, Serialize)]
struct Row {
    token: &'static str,
    name: &'static str,
    hard_bounce: bool,
    disposition: &'static str,
    description: &'static str,
}

/// Runs `reasons`.
pub fn run(json: bool, style: &Style) -> Result<(), Failure> {
    let cards: Vec<ReasonCard> = Reason::ALL.iter().map(|&r| ReasonCard::of(r)).collect();
    if json {
        let rows: Vec<Row> = cards
            .iter()
            .map(|c| Row {
                token: c.token,
                name: c.name,
                hard_bounce: c.hard_bounce,
                disposition: disposition_key(c.disposition),
                description: c.description,
            })
            .collect();
        return print_json(&rows);
    }
    print(&render(&cards, style))
}

/// The table, cut to the width: the name column takes what the others leave.
fn render(cards: &[ReasonCard], style: &Style) -> String {
    let token_width = cards
        .iter()
        .map(|c| c.token.width())
        .max()
        .unwrap_or(0)
        .max(6);
    let bounce_width = "BOUNCE".len();
    let client_width = cards
        .iter()
        .map(|c| c.disposition.to_string().width())
        .max()
        .unwrap_or(0)
        .max(6);
    let room = style
        .width
        .saturating_sub(token_width + bounce_width + client_width + 6)
        .max(16);
    let mut out = style.bold(&format!(
        "{}  {}  {}  NAME",
        pad("REASON", token_width),
        pad("BOUNCE", bounce_width),
        pad("CLIENT", client_width)
    ));
    out.push('\n');
    for card in cards {
        let bounce = if card.hard_bounce { "hard" } else { "soft" };
        let client = card.disposition.to_string();
        out += &format!(
            "{}  {}  {}{}  {}\n",
            pad(card.token, token_width),
            pad(bounce, bounce_width),
            style.disposition(card.disposition),
            " ".repeat(client_width - client.width()),
            truncate(card.name, room)
        );
    }
    out
}
