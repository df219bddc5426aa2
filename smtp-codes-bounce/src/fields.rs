//! The field groups of a `message/delivery-status` body (RFC 3464 section 2.1): header-like
//! fields, folded onto continuation lines, in groups separated by blank lines.

use std::borrow::Cow;

/// One field: its name as written, its value unfolded, and the line it starts on (from 1,
/// within the body). Both borrow the body; only a folded value is copied, to be unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'b> {
    pub(crate) name: &'b str,
    pub(crate) value: Cow<'b, str>,
    pub(crate) line: usize,
}

impl Field<'_> {
    /// Whether the field is called `name`, in any case (field names are case-insensitive).
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// What [`groups`] read: the groups in order, and the lines that were neither a field, a
/// continuation nor blank, with their line numbers.
#[derive(Debug, Default)]
pub(crate) struct Groups<'b> {
    pub(crate) groups: Vec<Vec<Field<'b>>>,
    pub(crate) stray: Vec<(usize, String)>,
}

/// Splits `body` into groups of fields. Lines end in CRLF or LF; a line that starts with a
/// space or a tab continues the field before it. Unfolding drops the line break (RFC 5322
/// section 2.2.3), and the continuation's indent, which writers choose freely (Postfix
/// indents by four spaces), becomes one space. One or more blank lines end a group.
pub(crate) fn groups(body: &str) -> Groups<'_> {
    let mut out = Groups::default();
    let mut group: Vec<Field<'_>> = Vec::new();
    for (index, line) in body.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            if !group.is_empty() {
                out.groups.push(core::mem::take(&mut group));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            match group.last_mut() {
                Some(field) => {
                    let value = field.value.to_mut();
                    value.push(' ');
                    value.push_str(line.trim_start());
                }
                None => out.stray.push((number, line.to_owned())),
            }
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_field_name(name) => group.push(Field {
                name,
                value: Cow::Borrowed(value),
                line: number,
            }),
            _ => out.stray.push((number, line.to_owned())),
        }
    }
    if !group.is_empty() {
        out.groups.push(group);
    }
    for field in out.groups.iter_mut().flatten() {
        match &mut field.value {
            Cow::Borrowed(value) => *value = value.trim(),
            // In place: most values need no trimming, and none a new allocation.
            Cow::Owned(value) => {
                let end = value.trim_end().len();
                value.truncate(end);
                let start = value.len() - value.trim_start().len();
                value.drain(..start);
            }
        }
    }
    out
}

/// RFC 5322's field name: printable ASCII but the colon, at least one character. A space
/// before the colon is tolerated, as some writers put one there.
fn is_field_name(name: &str) -> bool {
    let name = name.trim_end();
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
}

/// The part of a field value before its first comment, such as `5.1.1` of
/// `5.1.1 (bad destination mailbox address)`, trimmed.
pub(crate) fn without_comment(value: &str) -> &str {
    value.split('(').next().unwrap_or(value).trim()
}

/// `text` trimmed, without the angle brackets around it when it has both: `bob@example.com`
/// of `<bob@example.com>`.
pub(crate) fn without_angles(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(text)
}

/// A typed value such as `rfc822; bob@example.com` or `smtp; 550 5.1.1 no`: the type, and
/// the rest trimmed. A value without a `;` has no type.
pub(crate) fn typed(value: &str) -> (Option<&str>, &str) {
    match value.split_once(';') {
        Some((kind, rest)) if is_atom(kind.trim()) => (Some(kind.trim()), rest.trim()),
        _ => (None, value.trim()),
    }
}

fn is_atom(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_split_at_blank_lines_and_unfold() {
        let body = "Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; bob@example.com\r\nDiagnostic-Code: smtp; 550 5.1.1 no such\r\n\tuser here\r\n\r\n\r\nFinal-Recipient: rfc822; carol@example.com\n";
        let read = groups(body);
        assert!(read.stray.is_empty());
        assert_eq!(read.groups.len(), 3);
        assert_eq!(read.groups[1][1].name, "Diagnostic-Code");
        assert_eq!(read.groups[1][1].value, "smtp; 550 5.1.1 no such user here");
        assert_eq!(read.groups[1][1].line, 4);
        assert!(read.groups[2][0].is("final-recipient"));
    }

    #[test]
    fn stray_lines_are_kept_with_their_numbers() {
        let read = groups("  leading continuation\nnot a field\nAction: failed\n");
        assert_eq!(
            read.stray,
            vec![
                (1, "  leading continuation".to_owned()),
                (2, "not a field".to_owned())
            ]
        );
        assert_eq!(read.groups[0][0].value, "failed");
    }

    #[test]
    fn comments_and_types() {
        assert_eq!(without_comment("5.1.1 (bad destination)"), "5.1.1");
        assert_eq!(without_comment(" failed "), "failed");
        assert_eq!(
            typed("rfc822; bob@example.com"),
            (Some("rfc822"), "bob@example.com")
        );
        assert_eq!(
            typed("smtp;550 5.1.1 x; y"),
            (Some("smtp"), "550 5.1.1 x; y")
        );
        assert_eq!(typed("bob@example.com"), (None, "bob@example.com"));
        assert_eq!(typed("a b; c"), (None, "a b; c"));
    }
}
