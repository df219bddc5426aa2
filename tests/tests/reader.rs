//! `ReplyReader` against whole-buffer parsing with small buffers and limits near the buffer's
//! size, where the two are most likely to part: the same replies and the same error, kind,
//! offset and line. Also the buffers too small for any reply, and a long reply fed one byte at
//! a time.

use proptest::prelude::*;
use smtp_codes::{ReplyError, ReplyErrorKind, ReplyParser, ReplyReader};

/// What a run over a stream yields: each reply's bytes, then the error that stopped it (`None`
/// when the input ran out).
type Outcome = (Vec<Vec<u8>>, Option<ReplyError>);

/// Every reply in `input`, parsed from one buffer with `parser`.
fn parse_all(parser: ReplyParser, input: &[u8]) -> Outcome {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        match parser.parse(rest) {
            Ok((reply, used)) => {
                out.push(reply.as_bytes().to_vec());
                rest = &rest[used..];
            }
            Err(err) if err.is_incomplete() => return (out, None),
            Err(err) => return (out, Some(err)),
        }
    }
}

/// The same through a reader over `capacity` bytes, fed in chunks of the given sizes (cycled).
/// Panics if the reader stops making progress: a reader must never leave its caller looping.
fn read_chunked(parser: ReplyParser, capacity: usize, input: &[u8], sizes: &[usize]) -> Outcome {
    let mut reader = ReplyReader::with_parser(vec![0u8; capacity], parser);
    let mut out = Vec::new();
    let mut rest = input;
    let mut sizes = sizes.iter().cycle();
    let mut idle = 0;
    loop {
        while let Some(next) = reader.next_reply() {
            match next {
                Ok(reply) => out.push(reply.as_bytes().to_vec()),
                Err(err) => return (out, Some(err)),
            }
        }
        if rest.is_empty() {
            return (out, None);
        }
        let size = (*sizes.next().unwrap()).min(rest.len());
        let taken = reader.feed(&rest[..size]);
        idle = if taken == 0 { idle + 1 } else { 0 };
        assert!(idle < 2, "the reader took nothing twice and gave nothing");
        rest = &rest[taken..];
    }
}

/// The parser a reader over `capacity` bytes uses: no reply larger than the buffer.
fn within(parser: ReplyParser, capacity: usize) -> ReplyParser {
    parser.max_reply_len(parser.reply_limit().min(capacity))
}

/// Replies, broken replies and noise, in short pieces, so that any byte can land at the end
/// of a small buffer.
fn stream() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => Just(b"250".to_vec()),
        1 => Just(b"251".to_vec()),
        1 => Just(b"25".to_vec()),
        3 => Just(b"-".to_vec()),
        3 => Just(b" ".to_vec()),
        3 => Just(b"\r\n".to_vec()),
        2 => Just(b"\n".to_vec()),
        1 => Just(b"\r".to_vec()),
        2 => "[ -~]{0,12}".prop_map(String::into_bytes),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

/// A buffer of 4 to 64 bytes and limits around it.
fn setup() -> impl Strategy<Value = (usize, ReplyParser)> {
    (4usize..64, 4usize..80, 1usize..6, 0usize..80).prop_map(|(capacity, line, lines, reply)| {
        let parser = ReplyParser::new()
            .max_line_len(line)
            .max_lines(lines)
            .max_reply_len(reply);
        (capacity, parser)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8192))]

    #[test]
    fn a_small_reader_agrees_with_whole_buffer_parsing(
        (capacity, parser) in setup(),
        input in stream(),
        sizes in prop::collection::vec(1usize..70, 1..6),
    ) {
        let whole = parse_all(within(parser, capacity), &input);
        prop_assert_eq!(read_chunked(parser, capacity, &input, &sizes), whole.clone());
        prop_assert_eq!(read_chunked(parser, capacity, &input, &[1]), whole);
    }
}

#[test]
fn a_bad_byte_just_past_a_full_buffer_is_the_error_parsing_reports() {
    // A buffer of 16 bytes holds `250-0123456789\r\n` (16 bytes) and nothing of the next line.
    // Read from one buffer with a limit of 16, the reply is larger than the limit whatever
    // follows; the reader must say the same, not whatever the 17th byte would have said.
    let input = b"250-0123456789\r\n250x\r\n";
    let parser = ReplyParser::new();
    let whole = parse_all(within(parser, 16), input);
    let err = whole.1.expect("an error");
    assert_eq!(err.kind(), ReplyErrorKind::ReplyTooLong { limit: 16 });
    assert_eq!(read_chunked(parser, 16, input, &[64]), (vec![], Some(err)));
    assert_eq!(read_chunked(parser, 16, input, &[1]), (vec![], Some(err)));
}

#[test]
fn a_buffer_too_small_for_any_reply_is_an_error_not_a_stall() {
    // The shortest reply, `250\n`, takes four bytes.
    for capacity in 0..4 {
        for input in [&b"250\n"[..], b"250 OK\r\n"] {
            let (replies, err) = read_chunked(ReplyParser::new(), capacity, input, &[1]);
            assert!(replies.is_empty());
            let err = err.unwrap_or_else(|| panic!("{capacity}: an error"));
            assert_eq!(
                err.kind(),
                ReplyErrorKind::ReplyTooLong { limit: capacity },
                "{capacity}"
            );
        }
    }
    // An empty buffer is full from the start: it says so before taking anything.
    let mut reader = ReplyReader::new([0u8; 0]);
    let err = reader.next_reply().map(|r| r.map(|_| ()));
    assert_eq!(
        err.map(|r| r.unwrap_err().kind()),
        Some(ReplyErrorKind::ReplyTooLong { limit: 0 })
    );
    // Four bytes are enough for the shortest reply, and too few for a longer one.
    let (replies, err) = read_chunked(ReplyParser::new(), 4, b"250\n221\n", &[1]);
    assert_eq!(
        (replies, err),
        (vec![b"250\n".to_vec(), b"221\n".to_vec()], None)
    );
    let (_, err) = read_chunked(ReplyParser::new(), 4, b"250 OK\r\n", &[1]);
    assert_eq!(
        err.map(|e| e.kind()),
        Some(ReplyErrorKind::ReplyTooLong { limit: 4 })
    );
}

#[test]
fn a_long_reply_fed_one_byte_at_a_time_is_read_whole() {
    // Many lines, one of them long, with the limits raised to a mebibyte. Read again from the
    // start on every byte, this took hours in a debug build; resumed, it takes seconds.
    const MIB: usize = 1 << 20;
    let mut input = Vec::new();
    for i in 0..5_000 {
        input.extend_from_slice(
            format!("250-line {i:05} of a long reply, with text\r\n").as_bytes(),
        );
    }
    input.extend_from_slice(b"250-");
    input.extend(std::iter::repeat_n(b'x', 700_000));
    input.extend_from_slice(b"\r\n250 end\r\n");
    assert!(input.len() > 900_000 && input.len() < MIB);
    let parser = ReplyParser::new()
        .max_line_len(MIB)
        .max_lines(10_000)
        .max_reply_len(MIB);
    let (replies, err) = read_chunked(parser, MIB, &input, &[1]);
    assert_eq!(err, None);
    assert_eq!(replies, [input.clone()]);
}
