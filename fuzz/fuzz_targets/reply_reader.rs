//! `ReplyReader` over a buffer whose size comes from the input, with limits that come from
//! the input too, fed in chunks whose sizes come from the input: it gives the same replies,
//! and the same error (kind, offset and line), as parsing the whole buffer at once with the
//! reader's parser, and it never leaves its caller looping.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{ReplyParser, ReplyReader};

/// Each reply's bytes, then the error that stopped the stream.
type Outcome = (Vec<Vec<u8>>, Option<smtp_codes::ReplyError>);

fuzz_target!(|input: (u8, u8, u8, u8, Vec<u8>, Vec<u8>)| {
    let (capacity, line, lines, reply, sizes, data) = input;
    // Small buffers and limits around them, where a reply ends at the buffer's edge; now and
    // then the defaults, with a buffer larger than any input.
    let (capacity, parser) = if capacity == u8::MAX {
        (1 << 17, ReplyParser::new())
    } else {
        let parser = ReplyParser::new()
            .max_line_len(usize::from(line) + 1)
            .max_lines(usize::from(lines % 16) + 1)
            .max_reply_len(usize::from(reply) + 1);
        (usize::from(capacity), parser)
    };
    let sizes: Vec<usize> = sizes.iter().map(|&s| usize::from(s % 64) + 1).collect();
    let sizes = if sizes.is_empty() { vec![1] } else { sizes };

    let mut reader = ReplyReader::with_parser(vec![0u8; capacity], parser);
    // No reply larger than the buffer.
    let effective = parser.max_reply_len(parser.reply_limit().min(capacity));
    assert_eq!(reader.parser(), effective);

    let mut chunked: Outcome = (Vec::new(), None);
    let mut rest = &data[..];
    let mut sizes = sizes.iter().cycle();
    let mut idle = 0;
    'outer: loop {
        while let Some(next) = reader.next_reply() {
            match next {
                Ok(reply) => chunked.0.push(reply.as_bytes().to_vec()),
                Err(e) => {
                    chunked.1 = Some(e);
                    break 'outer;
                }
            }
        }
        if rest.is_empty() {
            break;
        }
        let size = (*sizes.next().unwrap()).min(rest.len());
        let taken = reader.feed(&rest[..size]);
        idle = if taken == 0 { idle + 1 } else { 0 };
        assert!(idle < 2, "the reader took nothing and gave nothing");
        rest = &rest[taken..];
    }

    if capacity < 4 {
        // No reply fits: once the buffer is full, the reader says what is wrong, a bad byte
        // or the size.
        assert!(chunked.0.is_empty());
        assert!(chunked.1.is_some() || data.len() < capacity);
        return;
    }
    let mut whole: Outcome = (Vec::new(), None);
    let mut rest = &data[..];
    loop {
        match effective.parse(rest) {
            Ok((reply, used)) => {
                whole.0.push(reply.as_bytes().to_vec());
                rest = &rest[used..];
            }
            Err(e) if e.is_incomplete() => break,
            Err(e) => {
                whole.1 = Some(e);
                break;
            }
        }
    }
    assert_eq!(chunked, whole);
});
