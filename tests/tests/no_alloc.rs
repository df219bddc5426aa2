//! Parsing and writing allocate nothing: a counting global allocator sees no allocation while
//! replies are parsed, read through a `ReplyReader`, inspected and classified, or written
//! with `write_reply` into a fixed buffer.

// A global allocator cannot be written without `unsafe`; this one only forwards to `System`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use smtp_codes::{EnhancedCode, Reply, ReplyCode, ReplyReader};

struct Counting;

thread_local! {
    /// Allocations made by this thread while `COUNTING` is on.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

// SAFETY: every call is passed on unchanged to the system allocator; the counting only reads
// and writes thread-local cells, which are const-initialised and so never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

fn note_allocation() {
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
    });
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns how many allocations this thread made meanwhile.
fn allocations_during(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
    ALLOCATIONS.with(Cell::get)
}

const STREAM: &[u8] = b"220 mail.test ESMTP Postfix\r\n\
250-mail.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n\
250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n\
550-5.7.1 The message was refused\n550-5.7.1 by local policy\n550 5.7.1 see the postmaster\n\
354 End data with <CR><LF>.<CR><LF>\r\n\
250 2.0.0 Ok: queued as 4F2B1C\r\n221 2.0.0 Bye\r\n";

#[test]
fn the_counter_sees_allocations() {
    // Proves the measurement works: a Vec allocates.
    let n = allocations_during(|| {
        let v: Vec<u8> = Vec::with_capacity(64);
        std::hint::black_box(v);
    });
    assert!(n >= 1, "the counting allocator saw nothing");
}

#[test]
fn parsing_allocates_nothing() {
    let mut buffer = [0u8; 1024];
    let mut seen = 0;
    let n = allocations_during(|| {
        let mut rest = STREAM;
        while !rest.is_empty() {
            let (reply, used) = Reply::parse(std::hint::black_box(rest)).unwrap();
            seen += reply.lines().count();
            std::hint::black_box((
                reply.code(),
                reply.reply_code(),
                reply.category(),
                reply.enhanced(),
                reply.disposition(),
            ));
            rest = &rest[used..];
        }

        let mut reader = ReplyReader::new(&mut buffer[..]);
        for chunk in STREAM.chunks(7) {
            let mut chunk = chunk;
            while !chunk.is_empty() {
                let taken = reader.feed(chunk);
                chunk = &chunk[taken..];
                while let Some(reply) = reader.next_reply() {
                    std::hint::black_box(reply.unwrap().code());
                }
            }
        }

        let code: ReplyCode = std::hint::black_box("250 OK").parse().unwrap();
        let enhanced: EnhancedCode = std::hint::black_box("5.7.26").parse().unwrap();
        std::hint::black_box((code.description(), enhanced.description()));
    });
    assert_eq!(seen, 15);
    assert_eq!(n, 0, "parsing allocated {n} times");
}

/// A fixed buffer, as a server without an allocator writes into.
struct Fixed {
    bytes: [u8; 2048],
    len: usize,
}

impl std::fmt::Write for Fixed {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn writing_a_reply_allocates_nothing() {
    let long = "word ".repeat(150);
    let lines = ["<bob@example.com>: no such user", long.as_str(), "bye"];
    let mut out = Fixed {
        bytes: [0; 2048],
        len: 0,
    };
    let enhanced = EnhancedCode::new(5, 1, 1);
    let n = allocations_during(|| {
        smtp_codes::write_reply(&mut out, 550, enhanced, std::hint::black_box(&lines)).unwrap();
        // A full buffer is an error, not a panic, and nothing is allocated for it either.
        let mut small = Fixed {
            bytes: [0; 2048],
            len: 2040,
        };
        assert_eq!(
            smtp_codes::write_reply(&mut small, 550, enhanced, &lines),
            Err(smtp_codes::WriteReplyError::Fmt)
        );
    });
    assert_eq!(n, 0, "writing allocated {n} times");
    let (reply, used) = Reply::parse(&out.bytes[..out.len]).unwrap();
    assert_eq!(used, out.len);
    assert_eq!(reply.line_count(), 4); // the long line folded in two
}
