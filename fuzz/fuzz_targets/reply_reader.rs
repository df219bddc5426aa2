//! `ReplyReader` fed in chunks whose sizes come from the input gives the same replies, and the
//! same first error, as parsing the whole buffer at once.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Reply, ReplyReader};

fuzz_target!(|input: (Vec<u8>, Vec<u8>)| {
    let (data, sizes) = input;
    let sizes: Vec<usize> = sizes.iter().map(|&s| usize::from(s % 64) + 1).collect();
    let sizes = if sizes.is_empty() { vec![1] } else { sizes };

    let mut whole = Vec::new();
    let mut whole_error = None;
    let mut rest = &data[..];
    loop {
        match Reply::parse(rest) {
            Ok((reply, used)) => {
                whole.push((reply.code(), reply.as_bytes().to_vec()));
                rest = &rest[used..];
            }
            Err(e) if e.is_incomplete() => break,
            Err(e) => {
                whole_error = Some(e);
                break;
            }
        }
    }

    // A buffer larger than any input, so the limits are the parser's alone.
    let mut reader = ReplyReader::new(vec![0u8; 1 << 17]);
    let mut chunked = Vec::new();
    let mut chunked_error = None;
    let mut rest = &data[..];
    let mut sizes = sizes.iter().cycle();
    'outer: loop {
        while let Some(next) = reader.next_reply() {
            match next {
                Ok(reply) => chunked.push((reply.code(), reply.as_bytes().to_vec())),
                Err(e) => {
                    chunked_error = Some(e);
                    break 'outer;
                }
            }
        }
        if rest.is_empty() {
            break;
        }
        let size = (*sizes.next().unwrap()).min(rest.len());
        let taken = reader.feed(&rest[..size]);
        rest = &rest[taken..];
    }
    assert_eq!(chunked, whole);
    assert_eq!(
        chunked_error.map(|e| e.kind()),
        whole_error.map(|e| e.kind())
    );
});
