//! The builder and the writer on any parts: no panic; what is accepted parses back as one
//! reply of the same code, taking every byte; what is refused holds a control character; the
//! writer into a full fixed buffer fails cleanly.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::{EnhancedCode, Reply, ReplyBuf, ReplyParser, WriteReplyError, write_reply};

/// A fixed buffer that refuses what does not fit, as a server without an allocator has.
struct Fixed {
    bytes: [u8; 1024],
    len: usize,
}

impl core::fmt::Write for Fixed {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fuzz_target!(|input: (u16, Option<(u8, u16, u16)>, Vec<String>)| {
    let (code, enhanced, lines) = input;
    let enhanced = enhanced.and_then(|(c, s, d)| EnhancedCode::new(c, s, d));
    let refused_text = lines
        .iter()
        .any(|l| l.chars().any(|c| c.is_control() && c != '\t'));

    match ReplyBuf::from_parts(code, enhanced, lines.clone()) {
        Ok(reply) => {
            assert!(!refused_text);
            let wire = reply.to_string();
            let parser = ReplyParser::strict()
                .max_lines(usize::MAX)
                .max_reply_len(usize::MAX);
            let (parsed, used) = parser.parse(wire.as_bytes()).expect("written replies parse");
            assert_eq!(used, wire.len());
            assert_eq!(parsed.code(), code);
            assert_eq!(parsed, reply.as_reply());
            if let Some(e) = enhanced {
                assert_eq!(parsed.enhanced(), Some(e));
            }
            // Built a line at a time, the same bytes.
            let mut built = ReplyBuf::with_code(code).unwrap();
            if let Some(e) = enhanced {
                built = built.enhanced(e).build().unwrap();
            }
            for line in &lines {
                built = built.line(line.as_str()).unwrap();
            }
            assert_eq!(built.to_string(), wire);
            // A copy of the parsed reply writes it again.
            assert_eq!(ReplyBuf::from(parsed).to_string(), wire);
        }
        Err(WriteReplyError::ControlCharacter { .. }) => assert!(refused_text),
        Err(WriteReplyError::CodeOutOfRange { .. } | WriteReplyError::ClassMismatch { .. }) => {}
        Err(other) => panic!("unexpected error {other:?}"),
    }

    let mut fixed = Fixed {
        bytes: [0; 1024],
        len: 0,
    };
    match write_reply(&mut fixed, code, enhanced, &lines) {
        Ok(()) => {
            let (_, used) = Reply::parse(&fixed.bytes[..fixed.len]).expect("parses");
            assert_eq!(used, fixed.len);
        }
        Err(_) => {}
    }
});
