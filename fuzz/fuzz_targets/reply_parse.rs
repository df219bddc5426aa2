//! `Reply::parse` on any bytes, with default and strict limits: no panic, no overrun, and a
//! parsed reply writes itself back in a form that parses to the same reply. `parse_line` on
//! the same bytes: no panic, and a line read keeps every byte.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{Reply, ReplyParser};

fuzz_target!(|data: &[u8]| {
    for parser in [
        ReplyParser::new(),
        ReplyParser::strict(),
        ReplyParser::new().max_lines(2).max_reply_len(64),
    ] {
        let mut rest = data;
        while let Ok((reply, used)) = parser.parse(rest) {
            assert!(used > 0 && used <= rest.len());
            assert_eq!(reply.as_bytes(), &rest[..used]);
            assert_eq!(reply.lines().count(), reply.line_count());
            let _ = (reply.enhanced(), reply.disposition(), reply.reply_code());
            if reply.lines().all(|l| std::str::from_utf8(l).is_ok()) {
                let shown = reply.to_string();
                let (again, again_used) =
                    Reply::parse(shown.as_bytes()).expect("Display output parses");
                assert_eq!(again_used, shown.len());
                assert_eq!(again, reply);
            }
            rest = &rest[used..];
        }
        match parser.parse_line(data) {
            Ok(reply) => {
                assert_eq!(reply.as_bytes(), data);
                assert_eq!(reply.lines().count(), 1);
                let _ = reply.enhanced();
            }
            Err(e) => assert!(e.offset() <= data.len()),
        }
    }
});
