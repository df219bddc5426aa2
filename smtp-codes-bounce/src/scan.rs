//! The plain scan of a message nobody understood: every SMTP failure reply its text quotes.

use smtp_codes::ReplyBuf;

use crate::reply::reply_of;

/// The most replies one message gives; a message that quotes more is not a bounce.
const MAX_REPLIES: usize = 64;

/// The 4yz and 5yz replies in `text`, in order, each from its code to the end of its line:
/// a code that starts a line (after its indent), or one after a space, a colon or a bracket
/// that an enhanced code of its class follows, so that a number in a sentence is not taken
/// for a reply. A reply repeated on the next line is kept once.
pub(crate) fn replies(text: &str) -> Vec<ReplyBuf> {
    let mut found: Vec<ReplyBuf> = Vec::new();
    for line in text.lines() {
        let bytes = line.as_bytes();
        let indent = line.len() - line.trim_start().len();
        let start = (0..bytes.len()).find(|&i| {
            matches!(bytes[i], b'4' | b'5')
                && (i == indent || matches!(bytes[i - 1], b' ' | b':' | b'(' | b'[' | b'"' | b'\t'))
                && bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && matches!(bytes.get(i + 3), Some(b' ' | b'-') | None)
        });
        let Some(start) = start else { continue };
        let Some(reply) = reply_of(&line[start..]) else {
            continue;
        };
        if start != indent && reply.enhanced_code().is_none() {
            continue;
        }
        if found
            .last()
            .is_some_and(|last| last.as_str() == reply.as_str())
        {
            continue;
        }
        found.push(reply);
        if found.len() == MAX_REPLIES {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_in_free_text() {
        let text = "Hello,\nthe server said: 550 5.1.1 no such user\n  550 5.1.1 no such user\nand later\n(451 4.7.1 try later)\nIt cost 500 dollars.\nversion 5.1.12\n";
        let found: Vec<String> = replies(text).iter().map(|r| r.to_string()).collect();
        assert_eq!(
            found,
            ["550 5.1.1 no such user\r\n", "451 4.7.1 try later)\r\n",]
        );
    }
}
