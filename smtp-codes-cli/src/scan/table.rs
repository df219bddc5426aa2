//! The summary as a table for people: columns measured in terminal cells, not bytes or chars.

use unicode_width::UnicodeWidthStr;

use super::Grouping;
use super::summary::{MAX_DOMAINS, MAX_UNREGISTERED, Summary};
use crate::output::{Style, pad, plural, truncate};
use crate::terminal::escape;

/// The columns of one row, escaped, before padding.
struct Row {
    count: String,
    code: String,
    client: String,
    mta: String,
    meaning: String,
    painted_client: String,
}

/// The summary as text: a line of totals, then the table of `by`, cut to the width.
pub fn render(summary: &Summary, files: usize, by: Grouping, style: &Style) -> String {
    let mut out = format!(
        "{} lines in {} input{}, {} with a reply code\n",
        summary.lines,
        files,
        plural(files as u64),
        summary.matched
    );
    match by {
        Grouping::Code => out += &codes(summary, style),
        Grouping::Reason => out += &reasons(summary, style),
        Grouping::Domain => out += &domains(summary, style),
    }
    out
}

/// A table of `headers` and `rows` (already escaped), the columns measured in terminal cells;
/// the first column is right-aligned (a count), the last is cut to what the width leaves.
fn table(headers: &[&str], rows: &[Vec<String>], style: &Style) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let last = widths.len() - 1;
    let prefix: usize = widths[..last].iter().map(|w| w + 2).sum();
    let room = style.width.saturating_sub(prefix).max(10);
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            if i == 0 {
                out += &" ".repeat(w - cell.width());
                out += cell;
            } else if i == last {
                out += &truncate(cell, room);
            } else {
                out += &pad(cell, w);
            }
            if i < last {
                out += "  ";
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = String::from("\n");
    let heads: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    out += &style.bold(&line(&heads));
    out.push('\n');
    for row in rows {
        out += &line(row);
        out.push('\n');
    }
    out
}

/// The table by bounce reason, most lines first.
fn reasons(summary: &Summary, style: &Style) -> String {
    let rows: Vec<Vec<String>> = summary
        .reasons()
        .into_iter()
        .map(|(reason, tally)| {
            vec![
                tally.count.to_string(),
                reason.token().to_owned(),
                tally.hard.to_string(),
                tally.actions_text(),
                reason.name().to_owned(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    table(&["COUNT", "REASON", "HARD", "MTA", "NAME"], &rows, style)
}

/// The table by recipient domain, most lines first, with the commonest reasons of each.
fn domains(summary: &Summary, style: &Style) -> String {
    let rows: Vec<Vec<String>> = summary
        .domains()
        .into_iter()
        .map(|(domain, tally)| {
            let reasons: Vec<String> = tally
                .reasons()
                .iter()
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            vec![
                tally.count.to_string(),
                // A stranger's bytes: escaped.
                domain.map_or("-".to_owned(), |d| {
                    escape(&String::from_utf8_lossy(d)).into_owned()
                }),
                tally.failed.to_string(),
                tally.hard.to_string(),
                reasons.join(", "),
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut out = table(
        &["COUNT", "DOMAIN", "FAILED", "HARD", "REASONS"],
        &rows,
        style,
    );
    match summary.domains_folded() {
        Some("label") => {
            out += &format!(
                "\nMore than {MAX_DOMAINS} distinct recipient domains: they are counted by \
                 their last label (*.com).\n"
            );
        }
        Some(_) => {
            out += &format!(
                "\nMore than {MAX_DOMAINS} distinct recipient domains, and of last labels: \
                 they are counted as one (*).\n"
            );
        }
        None => {}
    }
    out
}

/// The table by code, worst first.
fn codes(summary: &Summary, style: &Style) -> String {
    let mut out = String::new();
    let rows: Vec<Row> = summary
        .entries()
        .into_iter()
        .map(|(key, tally)| {
            let client = key.disposition().map_or("-".to_owned(), |d| d.to_string());
            Row {
                count: tally.count.to_string(),
                code: escape(&key.label()).into_owned(),
                painted_client: key
                    .disposition()
                    .map_or(client.clone(), |d| style.disposition(d)),
                client,
                mta: tally.actions_text(),
                meaning: escape(&key.meaning()).into_owned(),
            }
        })
        .collect();
    if rows.is_empty() {
        return out;
    }
    let widest = |head: &str, cell: fn(&Row) -> &str| {
        rows.iter()
            .map(|r| cell(r).width())
            .chain([head.width()])
            .max()
            .unwrap_or(0)
    };
    let count_width = widest("COUNT", |r| &r.count);
    let code_width = widest("CODE", |r| &r.code);
    let client_width = widest("CLIENT", |r| &r.client);
    let mta_width = widest("MTA", |r| &r.mta);
    let prefix_width = count_width + code_width + client_width + mta_width + 8;
    let room = style.width.saturating_sub(prefix_width).max(10);
    out.push('\n');
    let head = format!(
        "{}  {}  {}  {}  MEANING",
        " ".repeat(count_width - 5) + "COUNT",
        pad("CODE", code_width),
        pad("CLIENT", client_width),
        pad("MTA", mta_width),
    );
    out += &style.bold(&head);
    out.push('\n');
    for row in &rows {
        // The colour codes take no cells: pad after the client's own text.
        let client_pad = " ".repeat(client_width - row.client.width());
        out += &format!(
            "{}{}  {}  {}{client_pad}  {}  {}\n",
            " ".repeat(count_width - row.count.width()),
            row.count,
            pad(&row.code, code_width),
            row.painted_client,
            pad(&row.mta, mta_width),
            truncate(&row.meaning, room).trim_end(),
        );
    }
    if summary.folded() {
        out += &format!(
            "\nMore than {MAX_UNREGISTERED} distinct replies had an enhanced code outside the \
             IANA registry: those are counted by subject (5.7.*) or class (5.*.*).\n"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(width: usize) -> Style {
        Style {
            color: false,
            width,
            lang: crate::labels::Lang::En,
        }
    }

    #[test]
    fn columns_line_up_for_long_codes() {
        let mut summary = Summary::default();
        for line in [
            "550 5.7.26 unauthenticated",
            "421 4.4.316 timeout",
            "550 5.1.1 no",
            "250 ok",
            "- 2.0.0",
            "Nov 29 postfix/smtp[1]: 1A: to=<a@b>, dsn=5.7.1, status=deferred (said: 550 5.7.1 x)",
        ] {
            summary.line(line.as_bytes());
        }
        let text = render(&summary, 1, Grouping::Code, &plain(100));
        let table: Vec<&str> = text.lines().skip(2).collect();
        let header = table[0];
        let heads = ["CODE", "CLIENT", "MTA", "MEANING"];
        let at: Vec<usize> = heads.iter().map(|h| header.find(h).unwrap()).collect();
        for row in &table[1..] {
            for (column, &start) in at.iter().enumerate() {
                // Every cell starts after two spaces, at the header's column.
                assert_eq!(
                    &row[start - 2..start],
                    "  ",
                    "{heads:?}[{column}] in {row:?}"
                );
                assert_ne!(&row[start..=start], " ", "{heads:?}[{column}] in {row:?}");
            }
        }
        assert!(text.contains("550 5.7.26"), "{text}");
        assert!(text.contains("deferred"), "{text}");
    }
}
