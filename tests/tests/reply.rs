//! `Reply::parse`, `ReplyReader` and `Disposition`: properties over generated input, and the
//! disposition rule checked for every code in the table.

use proptest::prelude::*;
use smtp_codes::{Disposition, EnhancedCode, Reply, ReplyCode, ReplyError, ReplyReader};

/// A generated reply: code, line texts (printable, UTF-8) and whether lines end in CRLF.
fn reply_parts() -> impl Strategy<Value = (u16, Vec<String>, bool)> {
    (
        200u16..600,
        prop::collection::vec("[ -~é€]{0,30}", 1..6),
        any::<bool>(),
    )
}

fn wire((code, lines, crlf): &(u16, Vec<String>, bool)) -> Vec<u8> {
    let end = if *crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    for (i, text) in lines.iter().enumerate() {
        let separator = if i + 1 == lines.len() { ' ' } else { '-' };
        out += &format!("{code}{separator}{text}{end}");
    }
    out.into_bytes()
}

/// What a run over a stream yields: each reply's code and line texts, then the error that
/// stopped it (`None` when the input simply ran out).
type Outcome = (Vec<(u16, Vec<Vec<u8>>)>, Option<ReplyError>);

/// Every reply in `input` parsed in one go, then the error that stopped it (`None` when the
/// input simply ran out).
fn parse_all(input: &[u8]) -> Outcome {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        match Reply::parse(rest) {
            Ok((reply, used)) => {
                out.push((reply.code(), reply.lines().map(<[u8]>::to_vec).collect()));
                rest = &rest[used..];
            }
            Err(err) if err.is_incomplete() => return (out, None),
            Err(err) => return (out, Some(err)),
        }
    }
}

/// The same through a `ReplyReader`, fed in chunks of the given sizes (cycled).
fn read_chunked(input: &[u8], sizes: &[usize], capacity: usize) -> Outcome {
    let mut reader = ReplyReader::new(vec![0u8; capacity]);
    let mut out = Vec::new();
    let mut rest = input;
    let mut sizes = sizes.iter().cycle();
    loop {
        while let Some(next) = reader.next_reply() {
            match next {
                Ok(reply) => out.push((reply.code(), reply.lines().map(<[u8]>::to_vec).collect())),
                Err(err) => return (out, Some(err)),
            }
        }
        if rest.is_empty() {
            return (out, None);
        }
        let size = (*sizes.next().unwrap()).min(rest.len());
        let taken = reader.feed(&rest[..size]);
        assert!(
            taken > 0 || reader.space() == 0,
            "feed took nothing with room left"
        );
        rest = &rest[taken..];
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn arbitrary_bytes_never_panic_and_never_overrun(input in prop::collection::vec(any::<u8>(), 0..300)) {
        match Reply::parse(&input) {
            Ok((reply, used)) => {
                prop_assert!(used > 0 && used <= input.len());
                prop_assert_eq!(reply.as_bytes(), &input[..used]);
                prop_assert!((200..600).contains(&reply.code()));
                prop_assert_eq!(reply.lines().count(), reply.line_count());
            }
            Err(err) => {
                prop_assert!(err.offset() <= input.len());
                prop_assert!(!err.to_string().is_empty());
            }
        }
    }

    #[test]
    fn mostly_valid_bytes_never_panic(
        parts in reply_parts(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut input = wire(&parts);
        let at = flip.index(input.len());
        input[at] = byte;
        input.truncate(cut.index(input.len() + 1));
        if let Ok((_, used)) = Reply::parse(&input) {
            prop_assert!(used <= input.len());
        }
    }

    #[test]
    fn generated_replies_parse_to_what_was_written(parts in reply_parts()) {
        let input = wire(&parts);
        let (reply, used) = Reply::parse(&input).unwrap();
        prop_assert_eq!(used, input.len());
        prop_assert_eq!(reply.code(), parts.0);
        let lines: Vec<&[u8]> = reply.lines().collect();
        let expected: Vec<&[u8]> = parts.1.iter().map(|l| l.as_bytes()).collect();
        prop_assert_eq!(lines, expected);
    }

    #[test]
    fn display_parses_back_to_the_same_reply(parts in reply_parts()) {
        let input = wire(&parts);
        let (reply, _) = Reply::parse(&input).unwrap();
        let shown = reply.to_string();
        let (again, used) = Reply::parse(shown.as_bytes()).unwrap();
        prop_assert_eq!(used, shown.len());
        prop_assert_eq!(again, reply);
    }

    #[test]
    fn chunked_feeding_equals_whole_buffer_parsing(
        replies in prop::collection::vec(reply_parts(), 1..6),
        garbage in prop::collection::vec(any::<u8>(), 0..12),
        sizes in prop::collection::vec(1usize..40, 1..8),
    ) {
        let mut input: Vec<u8> = replies.iter().flat_map(wire).collect();
        input.extend_from_slice(&garbage);
        let whole = parse_all(&input);
        prop_assert_eq!(read_chunked(&input, &sizes, 4096), whole.clone());
        prop_assert_eq!(read_chunked(&input, &[1], 4096), whole);
    }
}

#[test]
fn a_reply_larger_than_the_reader_is_an_error_not_a_stall() {
    let input = b"250-0123456789\r\n250-0123456789\r\n250 end\r\n";
    let (replies, err) = read_chunked(input, &[7], 24);
    assert!(replies.is_empty());
    let err = err.expect("an error");
    assert!(!err.is_incomplete(), "{err}");
    assert!(err.to_string().contains("24 bytes"), "{err}");
}

#[test]
fn the_disposition_rule_holds_for_every_code_in_the_table() {
    for &code in ReplyCode::ALL {
        let expected = match code.code() / 100 {
            2 => Disposition::Success,
            3 => Disposition::Intermediate,
            4 => Disposition::RetryLater,
            _ => Disposition::GiveUp,
        };
        let plain = format!("{} {}\r\n", code.code(), code.name());
        let (reply, _) = Reply::parse(plain.as_bytes()).unwrap();
        assert_eq!(reply.disposition(), expected, "{plain}");
        assert_eq!(Disposition::of(code.code(), None), Some(expected));

        // With every registered enhanced code of the same class, and of another class.
        for &status in EnhancedCode::REGISTERED {
            for class in [2u8, 4, 5] {
                let enhanced = status.with_class(class).unwrap();
                let line = format!("{} {enhanced} text\r\n", code.code());
                let (reply, _) = Reply::parse(line.as_bytes()).unwrap();
                assert_eq!(reply.enhanced(), Some(enhanced));
                let too_many_recipients = code.code() == 552
                    && enhanced.class() == 5
                    && (status.subject(), status.detail()) == (5, 3);
                let want = if too_many_recipients {
                    Disposition::RetryLater
                } else {
                    expected
                };
                assert_eq!(reply.disposition(), want, "{line}");
                assert_eq!(
                    reply.enhanced_agrees(),
                    Some(enhanced.agrees_with(code.code()))
                );
            }
        }
    }
    assert_eq!(Disposition::of(650, None), None);
}
