//! Every piece of rustdoc the generator writes: each enum's summary table and each variant's
//! doc, built as markdown from the checked rows. The token code only places the strings.

use syn::Ident;

use super::Context;
use crate::checked::{Checked, Enhanced};
use crate::model::{NumberedRow, ReplyRow};

/// An enum's doc (its summary table) and the doc of each variant, in the order of the rows.
pub struct Docs {
    pub table: String,
    pub variants: Vec<String>,
}

/// The header of the table of facts in each variant's doc (category, classes, RFCs, ...).
const FACTS: &str = "| Property | Value |\n|---|---|\n";

/// What differs between the docs of the small numbered enums.
pub struct NumberedDocs {
    /// The summary table's heading and column names, up to its first row.
    pub header: &'static str,
    /// How the table writes a row's number, such as `2yz` or `5.X.X`.
    pub label: fn(i64) -> String,
    /// For a row: what its table line shows in the last column, and what its doc adds after the
    /// description.
    pub codes: fn(&NumberedRow, &Context<'_, '_>) -> (String, String),
}

pub const CATEGORIES: NumberedDocs = NumberedDocs {
    header: "\n\n# Categories\n\n| Digit | Category | Codes in the table |\n|---|---|---|\n",
    label: |number| format!("{number}yz"),
    codes: |row, cx| {
        (
            cx.checked.in_category(row).count().to_string(),
            String::new(),
        )
    },
};

pub const CLASSES: NumberedDocs = NumberedDocs {
    header: "\n\n# Classes\n\n| Class | Name | Registered codes used with it |\n|---|---|---|\n",
    label: |number| format!("{number}.X.X"),
    codes: |row, cx| {
        (
            cx.checked.with_class(row).count().to_string(),
            String::new(),
        )
    },
};

pub const SUBJECTS: NumberedDocs = NumberedDocs {
    header: "\n\n# Subjects\n\n| Subject | Name | Registered codes |\n|---|---|---|\n",
    label: |number| format!("X.{number}.X"),
    codes: |row, cx| {
        let members: Vec<String> = cx
            .checked
            .of_subject(row)
            .map(|e| enhanced_link(e, cx))
            .collect();
        (
            members.len().to_string(),
            format!("\n\n**Registered codes:** {}", list_or(&members, "none")),
        )
    },
};

/// The docs of a small numbered enum (categories, classes, subjects).
pub fn numbered(
    ty: &Ident,
    rows: &[&NumberedRow],
    docs: &NumberedDocs,
    cx: &Context<'_, '_>,
) -> Docs {
    let mut table = String::from(docs.header);
    let mut variants = Vec::new();
    for &row in rows {
        let (column, more) = (docs.codes)(row, cx);
        let variant = &row.variant.value;
        let label = (docs.label)(row.number.value);
        table += &format!(
            "| {label} | [`{variant}`]({ty}::{variant}): {} | {column} |\n",
            cell(&row.name.value)
        );
        variants.push(format!(
            "# {label} {}\n\n{}{more}",
            markdown(&row.name.value),
            markdown(&row.description.value)
        ));
    }
    Docs { table, variants }
}

pub fn commands(cx: &Context<'_, '_>) -> Docs {
    let (ty, reply_ty) = (cx.names.command, cx.names.reply);
    let mut table =
        String::from("\n\n# Commands\n\n| Verb | Name | Replies in the table |\n|---|---|---|\n");
    let mut variants = Vec::new();
    for command in &cx.checked.commands {
        let row = command.row;
        let codes: Vec<String> = cx
            .checked
            .answers(row)
            .map(|r| {
                format!(
                    "[{}]({reply_ty}::{})",
                    r.row.code.value, r.row.variant.value
                )
            })
            .collect();
        table += &format!(
            "| [`{}`]({ty}::{}) | {} | {} |\n",
            row.verb.value,
            row.variant.value,
            cell(&row.name.value),
            codes.join(", ")
        );
        let mut doc = format!(
            "# `{}`: {}\n\n{}\n\n",
            row.verb.value,
            markdown(&row.name.value),
            markdown(&row.description.value)
        );
        if row.pseudo {
            doc += "Not a command a client types: an event in the session that the server answers.\n\n";
        }
        doc += &format!(
            "**Replies in the table:** {}\n\n**RFCs:** {}",
            list_or(&codes, "none"),
            rfc_links(&command.rfcs)
        );
        variants.push(doc);
    }
    Docs { table, variants }
}

pub fn reasons(cx: &Context<'_, '_>) -> Docs {
    let Some(ty) = cx.names.reason else {
        return Docs {
            table: String::new(),
            variants: Vec::new(),
        };
    };
    let mut table = String::from(
        "\n\n# Reasons\n\n| Token | Name | Hard bounce | Disposition |\n|---|---|---|---|\n",
    );
    let mut variants = Vec::new();
    for reason in &cx.checked.reasons {
        let row = reason.row;
        let hard = if row.hard_bounce { "yes" } else { "no" };
        table += &format!(
            "| [`{}`]({ty}::{}) | {} | {hard} | {} |\n",
            row.token.value,
            row.variant.value,
            cell(&row.name.value),
            reason.disposition
        );
        let codes: Vec<String> = cx
            .checked
            .replies
            .iter()
            .filter(|r| r.reason.is_some_and(|x| std::ptr::eq(x, row)))
            .map(|r| format!("[{}]({}::{})", r.code, cx.names.reply, r.row.variant.value))
            .chain(
                cx.checked
                    .enhanced
                    .iter()
                    .filter(|e| e.reason.is_some_and(|x| std::ptr::eq(x, row)))
                    .map(|e| enhanced_link(e, cx)),
            )
            .collect();
        variants.push(format!(
            "# `{}`: {}\n\n{}\n\n**What to do:** {}\n\n{FACTS}| Hard bounce | {hard} |\n| Disposition | [`{}`](crate::Disposition::{}) |\n\n**The default reason of:** {}",
            row.token.value,
            markdown(&row.name.value),
            markdown(&row.description.value),
            markdown(&row.remediation.value),
            reason.disposition,
            reason.disposition,
            list_or(&codes, "no code (only rules give it)")
        ));
    }
    Docs { table, variants }
}

pub fn replies(cx: &Context<'_, '_>) -> Docs {
    let (ty, category_ty, command_ty) = (cx.names.reply, cx.names.category, cx.names.command);
    let mut table = String::from(
        "\n\n# All codes\n\n| Code | Name | Category | Standard |\n|---|---|---|---|\n",
    );
    let mut variants = Vec::new();
    for reply in &cx.checked.replies {
        let (row, category) = (reply.row, reply.category);
        table += &format!(
            "| [{}]({ty}::{}) | {} | {} | {} |\n",
            row.code.value,
            row.variant.value,
            cell(&row.name.value),
            cell(&category.name.value),
            if row.standard { "yes" } else { "no" }
        );
        let sent_after: Vec<String> = reply
            .triggers
            .iter()
            .map(|c| format!("[`{}`]({command_ty}::{})", c.verb.value, c.variant.value))
            .collect();
        variants.push(format!(
            "# {} {}\n\n{}\n\n**When you see it:** {}\n\n**What to do:** {}\n\n\
             {FACTS}\
             | Category | [`{cv}`]({category_ty}::{cv}): {}yz, {} |\n\
             | Sent after | {} |\n\
             | Enhanced codes | {} |\n\
             | Standard | {} |\n\
             | RFCs | {} |\n",
            row.code.value,
            markdown(&row.name.value),
            markdown(&row.description.value),
            markdown(&row.when.value),
            markdown(&row.remediation.value),
            category.number.value,
            cell(&category.name.value),
            list_or(&sent_after, "no particular command"),
            enhanced_links(row, cx),
            if row.standard {
                "yes"
            } else {
                "**no**: not defined by any RFC"
            },
            rfc_links(&reply.rfcs),
            cv = category.variant.value,
        ));
    }
    Docs { table, variants }
}

pub fn enhanced(cx: &Context<'_, '_>) -> Docs {
    let (class_ty, subject_ty, reply_ty) = (cx.names.class, cx.names.subject, cx.names.reply);
    let mut table = String::from(
        "\n\n# Registered codes\n\n| Code | Name | Classes | Basic codes |\n|---|---|---|---|\n",
    );
    let mut variants = Vec::new();
    for e in &cx.checked.enhanced {
        let class_list: Vec<String> = e
            .classes
            .iter()
            .map(|c| c.number.value.to_string())
            .collect();
        let basic_links: Vec<String> = e
            .basic
            .iter()
            .map(|r| format!("[{}]({reply_ty}::{})", r.code.value, r.variant.value))
            .collect();
        let basic_text = list_or(&basic_links, "none given");
        table += &format!(
            "| {} | {} | {} | {} |\n",
            enhanced_link(e, cx),
            cell(&e.row.name.value),
            class_list.join(", "),
            basic_text
        );
        let class_links: Vec<String> = e
            .classes
            .iter()
            .map(|c| {
                format!(
                    "[{}]({class_ty}::{}) ({})",
                    c.number.value,
                    c.variant.value,
                    cell(&c.name.value)
                )
            })
            .collect();
        variants.push(format!(
            "# X.{}.{} {}\n\n{}\n\n**When you see it:** {}\n\n**What to do:** {}\n\n\
             {FACTS}\
             | Subject | [`{sv}`]({subject_ty}::{sv}): X.{}.X, {} |\n\
             | Classes | {} |\n\
             | Basic codes | {} |\n\
             | References | {} |\n",
            e.subject,
            e.detail,
            markdown(&e.row.name.value),
            markdown(&e.row.description.value),
            markdown(&e.row.when.value),
            markdown(&e.row.remediation.value),
            e.subject,
            cell(&e.subject_row.name.value),
            class_links.join(", "),
            basic_text,
            references(e),
            sv = e.subject_row.variant.value,
        ));
    }
    Docs { table, variants }
}

/// `[X.1.1](EnhancedStatus::BadDestinationMailboxAddress)`.
fn enhanced_link(e: &Enhanced<'_>, cx: &Context<'_, '_>) -> String {
    format!(
        "[X.{}.{}]({}::{})",
        e.subject, e.detail, cx.names.enhanced, e.row.variant.value
    )
}

/// Links to the registered codes associated with a basic reply, for its docs.
fn enhanced_links(reply: &ReplyRow, cx: &Context<'_, '_>) -> String {
    let checked: &Checked<'_> = cx.checked;
    let links: Vec<String> = checked
        .enhanced_for(reply)
        .map(|e| enhanced_link(e, cx))
        .collect();
    list_or(&links, "none registered")
}

/// The RFC links and any other reference.
fn references(e: &Enhanced<'_>) -> String {
    match &e.row.reference {
        Some(reference) if e.rfcs.is_empty() => format!("`{}`", reference.value),
        Some(reference) => format!("{}, `{}`", rfc_links(&e.rfcs), reference.value),
        None => rfc_links(&e.rfcs),
    }
}

fn rfc_links(rfcs: &[u16]) -> String {
    let links: Vec<String> = rfcs
        .iter()
        .map(|r| format!("[RFC {r}](https://www.rfc-editor.org/rfc/rfc{r})"))
        .collect();
    list_or(&links, "none")
}

/// The items separated by commas, or `empty` when there are none.
fn list_or(items: &[String], empty: &str) -> String {
    if items.is_empty() {
        empty.to_owned()
    } else {
        items.join(", ")
    }
}

/// Makes data text safe for rustdoc: outside `code spans`, angle brackets would be read as HTML
/// tags and square brackets as links.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '[' | ']' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text for a markdown table cell: escaped, on one line, with no bare `|`.
fn cell(text: &str) -> String {
    markdown(text).replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_outside_code_spans_only() {
        assert_eq!(
            markdown("try <forward-path> or `<domain>` [x]"),
            "try &lt;forward-path&gt; or `<domain>` \\[x\\]"
        );
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
