//! `ReplyParser::parse` against a model: a plain line-by-line reading of the rules in the docs,
//! written for clarity rather than speed. On generated input, under generated limits, the two
//! must agree exactly: the reply's code, line texts and length, or the error's kind, offset
//! and line. The parser finds line ends a block at a time; the model looks at one line at a
//! time, so a disagreement points at the block bookkeeping.

use proptest::prelude::*;
use smtp_codes::{ReplyErrorKind, ReplyParser};

/// What parsing gives: `Ok((code, line texts, bytes used))` or `Err((kind, offset, line))`.
type Outcome = Result<(u16, Vec<Vec<u8>>, usize), (ReplyErrorKind, usize, usize)>;

/// The limits, as given to the parser.
#[derive(Debug, Clone, Copy)]
struct Limits {
    line: usize,
    lines: usize,
    reply: usize,
}

impl Limits {
    fn parser(self) -> ReplyParser {
        ReplyParser::new()
            .max_line_len(self.line)
            .max_lines(self.lines)
            .max_reply_len(self.reply)
    }
}

fn parsed(limits: Limits, input: &[u8]) -> Outcome {
    match limits.parser().parse(input) {
        Ok((reply, used)) => Ok((
            reply.code(),
            reply.lines().map(<[u8]>::to_vec).collect(),
            used,
        )),
        Err(err) => Err((err.kind(), err.offset(), err.line())),
    }
}

/// The model. Only the first `limits.reply` bytes count: a reply that is not whole within
/// them is too long. Each line: check its code (three digits, the first 2 to 5, the same as the
/// first line's), then its separator, then find its `\n` no further than the line limit
/// allows, then check the line count.
fn model(limits: Limits, input: &[u8]) -> Outcome {
    let input = &input[..input.len().min(limits.reply)];
    let incomplete = |line: usize| {
        let kind = if input.len() >= limits.reply {
            ReplyErrorKind::ReplyTooLong {
                limit: limits.reply,
            }
        } else {
            ReplyErrorKind::Incomplete
        };
        Err((kind, input.len(), line))
    };
    let mut first: Option<[u8; 3]> = None;
    let mut texts = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    loop {
        // The code, byte by byte.
        for i in 0..3 {
            let Some(&b) = input.get(pos + i) else {
                return incomplete(line);
            };
            let digit = if i == 0 {
                (b'2'..=b'5').contains(&b)
            } else {
                b.is_ascii_digit()
            };
            if !digit {
                return Err((ReplyErrorKind::InvalidCode { found: b }, pos + i, line));
            }
        }
        let code = [input[pos], input[pos + 1], input[pos + 2]];
        let number = |c: [u8; 3]| c.iter().fold(0u16, |n, &d| n * 10 + u16::from(d - b'0'));
        let first_code = *first.get_or_insert(code);
        if code != first_code {
            return Err((
                ReplyErrorKind::MismatchedCode {
                    first: number(first_code),
                    found: number(code),
                },
                pos,
                line,
            ));
        }
        // The separator.
        let Some(&separator) = input.get(pos + 3) else {
            return incomplete(line);
        };
        let last = match separator {
            b'-' => false,
            b' ' => true,
            b'\n' => {
                texts.push(Vec::new());
                return Ok((number(code), texts, pos + 4));
            }
            // Only the next byte tells a line end from a bad separator.
            b'\r' if input.get(pos + 4).is_none() => return incomplete(line),
            b'\r' if input[pos + 4] == b'\n' => true,
            found => return Err((ReplyErrorKind::BadSeparator { found }, pos + 3, line)),
        };
        // The line end, within the line limit.
        let window_end = input.len().min(pos + limits.line);
        let newline = input
            .get(pos + 4..window_end)
            .and_then(|window| window.iter().position(|&b| b == b'\n'))
            .map(|i| pos + 4 + i);
        let Some(newline) = newline else {
            if window_end - pos >= limits.line {
                return Err((
                    ReplyErrorKind::LineTooLong { limit: limits.line },
                    pos,
                    line,
                ));
            }
            return incomplete(line);
        };
        let text_end = if input[newline - 1] == b'\r' && newline > pos + 4 {
            newline - 1
        } else {
            newline
        };
        texts.push(input[pos + 4..text_end].to_vec());
        let next = newline + 1;
        if last {
            return Ok((number(code), texts, next));
        }
        if line >= limits.lines {
            return Err((
                ReplyErrorKind::TooManyLines {
                    limit: limits.lines,
                },
                next,
                line + 1,
            ));
        }
        pos = next;
        line += 1;
    }
}

/// Limits that the generated input reaches, now and then the defaults.
fn limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        1 => Just(Limits {
            line: ReplyParser::DEFAULT_MAX_LINE_LEN,
            lines: ReplyParser::DEFAULT_MAX_LINES,
            reply: ReplyParser::DEFAULT_MAX_REPLY_LEN,
        }),
        3 => (4usize..120, 1usize..8, 4usize..400).prop_map(|(line, lines, reply)| Limits {
            line,
            lines,
            reply,
        }),
    ]
}

/// Input built from the pieces replies are made of, with some noise and long stretches of
/// text, so that lines end in every position of a block and cross block boundaries.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => Just(b"250".to_vec()),
        1 => Just(b"251".to_vec()),
        1 => Just(b"25".to_vec()),
        1 => Just(b"6".to_vec()),
        3 => Just(b"-".to_vec()),
        3 => Just(b" ".to_vec()),
        3 => Just(b"\r\n".to_vec()),
        2 => Just(b"\n".to_vec()),
        1 => Just(b"\r".to_vec()),
        2 => "[ -~]{0,20}".prop_map(String::into_bytes),
        1 => (0usize..300).prop_map(|n| vec![b'x'; n]),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Well-formed replies of up to twenty lines of up to 300 bytes, so that every remembered
/// and forgotten line length is met, followed by anything.
fn replies() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec((0usize..300, any::<bool>()), 1..20),
        prop::collection::vec(any::<u8>(), 0..20),
    )
        .prop_map(|(lines, tail)| {
            let mut out = Vec::new();
            for (i, &(len, crlf)) in lines.iter().enumerate() {
                let separator = if i + 1 == lines.len() { b' ' } else { b'-' };
                out.extend_from_slice(b"354");
                out.push(separator);
                out.extend((0..len).map(|j| b'a' + (j % 26) as u8));
                out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            out.extend(tail);
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn the_parser_agrees_with_the_model_on_generated_input(limits in limits(), input in input()) {
        prop_assert_eq!(parsed(limits, &input), model(limits, &input), "{:?}", limits);
    }

    #[test]
    fn the_parser_agrees_with_the_model_on_long_replies(limits in limits(), input in replies()) {
        prop_assert_eq!(parsed(limits, &input), model(limits, &input), "{:?}", limits);
    }

    #[test]
    fn the_parser_agrees_with_the_model_on_any_bytes(
        limits in limits(),
        input in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        prop_assert_eq!(parsed(limits, &input), model(limits, &input), "{:?}", limits);
    }
}

#[test]
fn the_model_reads_the_documented_cases() {
    let defaults = Limits {
        line: ReplyParser::DEFAULT_MAX_LINE_LEN,
        lines: ReplyParser::DEFAULT_MAX_LINES,
        reply: ReplyParser::DEFAULT_MAX_REPLY_LEN,
    };
    // The model itself, on hand-checked input, so that agreement means something.
    assert_eq!(
        model(defaults, b"250-a\r\n250 b\r\nrest"),
        Ok((250, vec![b"a".to_vec(), b"b".to_vec()], 14))
    );
    assert_eq!(model(defaults, b"250\r\n"), Ok((250, vec![Vec::new()], 5)));
    assert_eq!(model(defaults, b"250\n"), Ok((250, vec![Vec::new()], 4)));
    assert_eq!(
        model(defaults, b"250-a\r\n251 b\r\n"),
        Err((
            ReplyErrorKind::MismatchedCode {
                first: 250,
                found: 251
            },
            7,
            2
        ))
    );
    assert_eq!(
        model(defaults, b"250-a\r\n25"),
        Err((ReplyErrorKind::Incomplete, 9, 2))
    );
    assert_eq!(
        model(defaults, b"250x"),
        Err((ReplyErrorKind::BadSeparator { found: b'x' }, 3, 1))
    );
    let tight = Limits {
        line: 6,
        lines: 2,
        reply: 100,
    };
    assert_eq!(
        model(tight, b"250 abc\r\n"),
        Err((ReplyErrorKind::LineTooLong { limit: 6 }, 0, 1))
    );
    assert_eq!(
        model(tight, b"250-a\n250-b\n250 c\n"),
        Err((ReplyErrorKind::TooManyLines { limit: 2 }, 12, 3))
    );
    // Past the reply limit nothing counts, not even a bad byte.
    let small = Limits {
        line: 100,
        lines: 5,
        reply: 8,
    };
    assert_eq!(
        model(small, b"250-abc\n250x\r\n"),
        Err((ReplyErrorKind::ReplyTooLong { limit: 8 }, 8, 2))
    );
    assert_eq!(
        model(small, b"250-abc\n221 x\r\n"),
        Err((ReplyErrorKind::ReplyTooLong { limit: 8 }, 8, 2))
    );
    assert_eq!(
        model(tight, b"250\r"),
        Err((ReplyErrorKind::Incomplete, 4, 1))
    );
}
