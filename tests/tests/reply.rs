//! `Reply::parse`, `ReplyReader` and `Disposition`: properties over generated input, and the
//! disposition rule checked for every code in the table.

use proptest::prelude::*;
use smtp_codes::{
    Disposition, EnhancedCode, Reply, ReplyCode, ReplyError, ReplyErrorKind, ReplyParser,
    ReplyReader,
};

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

#[test]
fn a_logged_line_gives_every_digit_of_its_enhanced_code() {
    // The README's case: read by position, this line's code came out as 5.7.2, a code with
    // another meaning.
    let reply = Reply::parse_line(b"550 5.7.26 Unauthenticated email is not accepted").unwrap();
    let enhanced = reply.enhanced().unwrap();
    assert_eq!(enhanced, EnhancedCode::new(5, 7, 26).unwrap());
    assert_eq!(
        enhanced.name(),
        Some("Multiple authentication checks failed")
    );
    for (line, code) in [
        (&b"550 5.1.1 User unknown"[..], (5, 1, 1)),
        (b"550 5.7.26 x\r\n", (5, 7, 26)),
        (b"451 4.4.316 Connection refused\n", (4, 4, 316)),
        (b"550 5.7.606 Access denied, banned sending IP", (5, 7, 606)),
        (b"550 5.10.1 x", (5, 10, 1)),
        (b"250-2.0.0 ok", (2, 0, 0)),
        (b"550 5.1.1; user unknown", (5, 1, 1)),
        (b"550 5.1.1", (5, 1, 1)),
    ] {
        let reply = Reply::parse_line(line).unwrap();
        let enhanced = reply
            .enhanced()
            .map(|e| (e.class(), e.subject(), e.detail()));
        assert_eq!(enhanced, Some(code), "{}", line.escape_ascii());
        // A whole reply on the wire reads the same code.
        let wire = [&line[..3], b" ", &line[4..], b"\r\n"].concat();
        let wire = if line.ends_with(b"\n") {
            line.to_vec()
        } else {
            wire
        };
        let (whole, _) = Reply::parse(&wire).unwrap();
        assert_eq!(
            whole.enhanced(),
            reply.enhanced(),
            "{}",
            wire.escape_ascii()
        );
    }
    for line in [
        &b"550 5.7.2612 x"[..],
        b"550 5.1.1.4 x",
        b"550 5.1.1x",
        b"550 5.1.1\xff",
        b"250 1.2.3.4 is your address",
        b"220 mail.test ESMTP",
        b"250",
    ] {
        let reply = Reply::parse_line(line).unwrap();
        assert_eq!(reply.enhanced(), None, "{}", line.escape_ascii());
    }
}

#[test]
fn parse_line_reads_a_line_with_or_without_its_line_end() {
    let text = |line: &[u8]| -> (u16, Vec<Vec<u8>>) {
        let reply = Reply::parse_line(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        assert_eq!(reply.as_bytes(), line, "nothing dropped");
        assert!(!reply.is_multiline());
        (reply.code(), reply.lines().map(<[u8]>::to_vec).collect())
    };
    let one = |code, t: &[u8]| (code, vec![t.to_vec()]);
    assert_eq!(text(b"250"), one(250, b""));
    assert_eq!(text(b"250\n"), one(250, b""));
    assert_eq!(text(b"250\r\n"), one(250, b""));
    assert_eq!(text(b"250 "), one(250, b""));
    assert_eq!(text(b"250 OK"), one(250, b"OK"));
    assert_eq!(text(b"250 OK\r\n"), one(250, b"OK"));
    assert_eq!(text(b"250 OK\n"), one(250, b"OK"));
    assert_eq!(text(b"250-SIZE 1000"), one(250, b"SIZE 1000"));
    assert_eq!(text(b"250-SIZE 1000\r\n"), one(250, b"SIZE 1000"));
    // A CR is part of a line end only before an LF; at the end, it is text.
    assert_eq!(text(b"250 OK\r"), one(250, b"OK\r"));
    assert_eq!(text(b"250 a\rb"), one(250, b"a\rb"));
    assert_eq!(text(b"421 caf\xc3\xa9 \xff"), one(421, b"caf\xc3\xa9 \xff"));
}

#[test]
fn parse_line_errors_say_what_and_where() {
    use ReplyErrorKind::*;
    let cases: [(&[u8], ReplyErrorKind, usize, usize); 11] = [
        (b"250-a\r\n250 b\r\n", TrailingInput, 7, 2),
        (b"250 a\n\n", TrailingInput, 6, 2),
        (b"250\n221 bye", TrailingInput, 4, 2),
        (b"", Incomplete, 0, 1),
        (b"25", Incomplete, 2, 1),
        (b"abc", InvalidCode { found: b'a' }, 0, 1),
        (b"650 no", InvalidCode { found: b'6' }, 0, 1),
        (b"2x0\r\n", InvalidCode { found: b'x' }, 1, 1),
        (b"250x", BadSeparator { found: b'x' }, 3, 1),
        (b"250\r", BadSeparator { found: b'\r' }, 3, 1),
        (b"250\rx\n", BadSeparator { found: b'\r' }, 3, 1),
    ];
    for (line, kind, offset, number) in cases {
        let err = Reply::parse_line(line).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset(), err.line()),
            (kind, offset, number),
            "{}",
            line.escape_ascii()
        );
        assert!(!err.to_string().is_empty());
    }
    // A bad line is reported before what follows it.
    let err = Reply::parse_line(b"250x\r\n250 b\r\n").unwrap_err();
    assert_eq!(err.kind(), BadSeparator { found: b'x' });
}

#[test]
fn parse_line_holds_the_line_to_the_limits() {
    let parser = ReplyParser::new().max_line_len(10);
    // The limit counts the bytes given: ten without a line end fit, ten and a CRLF do not.
    assert!(parser.parse_line(b"250 123456").is_ok());
    for line in [&b"250 1234567"[..], b"250 123456\r\n", b"250-1234567\n"] {
        let err = parser.parse_line(line).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (ReplyErrorKind::LineTooLong { limit: 10 }, 0)
        );
    }
    let parser = ReplyParser::new().max_reply_len(8);
    for line in [&b"250 12345"[..], b"250 1234\r\n", b"250-12345\r\n"] {
        let err = parser.parse_line(line).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (ReplyErrorKind::ReplyTooLong { limit: 8 }, 8)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn parse_line_reads_a_line_as_parse_reads_a_last_line(
        code in 200u16..600,
        text in "[ -~é]{0,30}",
        end in prop::sample::select(vec!["", "\n", "\r\n"]),
        more in any::<bool>(),
    ) {
        let separator = if more { '-' } else { ' ' };
        let line = format!("{code}{separator}{text}{end}");
        let reply = Reply::parse_line(line.as_bytes()).unwrap();
        let last = format!("{code} {text}\r\n");
        let (whole, _) = Reply::parse(last.as_bytes()).unwrap();
        prop_assert_eq!(reply, whole);
        prop_assert_eq!(reply.enhanced(), whole.enhanced());
    }

    #[test]
    fn parse_line_never_panics_and_keeps_every_byte(line in prop::collection::vec(any::<u8>(), 0..40)) {
        match Reply::parse_line(&line) {
            Ok(reply) => {
                prop_assert_eq!(reply.as_bytes(), &line[..]);
                prop_assert_eq!(reply.lines().count(), 1);
            }
            Err(err) => prop_assert!(err.offset() <= line.len()),
        }
    }
}
