//! `--short`: one line per code, reply or reason, such as
//! `550 5.1.1 give up (userunknown, hard): the mailbox does not exist; fix the address or drop it`,
//! from the data's `summary` and `quick_fix`.

use smtp_codes::{Disposition, Reason};

use crate::card::{Card, LineCard};

/// The card in one line, newline included.
pub fn line(card: &Card) -> String {
    let text = match card {
        Card::ReplyCode(basic) => said(
            &basic.code.to_string(),
            Some(basic.disposition),
            basic.summary.unwrap_or(basic.name),
            basic.quick_fix,
        ),
        Card::EnhancedCode(enhanced) => said(
            &enhanced.code,
            enhanced.disposition,
            enhanced.summary.unwrap_or(enhanced.name),
            enhanced.quick_fix,
        ),
        Card::Reply(line) => reply_line(line),
        Card::Reason(reason) => said(
            &format!("{} ({})", reason.token, bounce(reason.hard_bounce)),
            Some(reason.disposition),
            reason.summary.unwrap_or(reason.name),
            reason.quick_fix,
        ),
    };
    text + "\n"
}

/// A reply line: its codes, what a client does, the reason and whether the address is bad,
/// then the reason's few words; when the reason says nothing (`onhold`, `undefined`), the
/// enhanced code's, else the basic code's.
fn reply_line(card: &LineCard) -> String {
    let codes = match &card.enhanced_code {
        Some(enhanced) => format!("{} {enhanced}", card.code),
        None => card.code.to_string(),
    };
    let reason = card
        .diagnosis
        .as_ref()
        .and_then(|d| d.reason.parse::<Reason>().ok());
    let telling = reason.filter(|r| !matches!(r, Reason::OnHold | Reason::Undefined));
    let failed = matches!(card.code / 100, 4 | 5);
    let label = match (&card.diagnosis, reason) {
        (Some(diagnosis), Some(_)) if !failed => {
            format!("{codes} {} ({})", card.disposition, diagnosis.reason)
        }
        (Some(diagnosis), Some(_)) => format!(
            "{codes} {} ({}, {})",
            card.disposition,
            diagnosis.reason,
            bounce(diagnosis.hard_bounce)
        ),
        _ => format!("{codes} {}", card.disposition),
    };
    let (summary, fix) = if let Some(r) = telling {
        (r.summary(), r.quick_fix())
    } else if let Some(e) = card.enhanced.as_ref().filter(|e| e.summary.is_some()) {
        (e.summary, e.quick_fix)
    } else {
        card.basic
            .as_ref()
            .map_or((None, None), |b| (b.summary, b.quick_fix))
    };
    said(&label, None, summary.unwrap_or(card.category.name), fix)
}

/// `CODE DISPOSITION: SUMMARY; FIX`, leaving out what is not known.
fn said(what: &str, disposition: Option<Disposition>, summary: &str, fix: Option<&str>) -> String {
    let head = match disposition {
        Some(d) => format!("{what} {d}"),
        None => what.to_owned(),
    };
    match fix {
        Some(fix) => format!("{head}: {summary}; {fix}"),
        None => format!("{head}: {summary}"),
    }
}

fn bounce(hard: bool) -> &'static str {
    if hard { "hard" } else { "soft" }
}
