//! Reading logs: standard input or files, gzip-compressed or not, line by line in a buffer of
//! fixed size, whatever the bytes.

mod gzip;

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;

use crate::failure::Failure;
use crate::progress::Progress;
use crate::query::UsageError;

/// Where a log comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` is standard input, anything else a path (any bytes the system allows).
    pub fn from_arg(arg: &OsStr) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// The name shown in messages and in `--each` output: a path that is not UTF-8 has
    /// U+FFFD in place of its bad bytes; text output escapes it further.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".into(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// Opens the source; gzip data (recognised by its magic bytes, not the file name) is
    /// decompressed on the fly. `progress` may draw a bar while a large file is read.
    pub fn open(&self, progress: &Progress) -> io::Result<Box<dyn Read>> {
        let raw: Box<dyn Read> = match self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(path) => Box::new(File::open(path)?),
        };
        let path = match self {
            Source::Stdin => None,
            Source::File(path) => Some(path.as_path()),
        };
        let mut raw = progress.watch(path, raw);
        // Read the first two bytes ourselves and put them back in front, so that plain input
        // goes straight into the line buffer instead of through a second buffer.
        let mut head = Vec::with_capacity(2);
        (&mut raw).take(2).read_to_end(&mut head)?;
        let gzip = head == [0x1f, 0x8b];
        let whole = io::Cursor::new(head).chain(raw);
        if gzip {
            Ok(Box::new(gzip::Members::new(whole)))
        } else {
            Ok(Box::new(whole))
        }
    }
}

/// The size of the line buffer: the most of one line that is looked at.
pub const BUFFER: usize = 256 * 1024;

/// How many threads `scan` and `bounce` work on: the cores this process may run on (one under
/// `taskset -c 0`), at most eight.
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Calls `each` with every line of `reader`, without its line end (`\n` or `\r\n`). A line
/// longer than [`BUFFER`] is passed as its first [`BUFFER`] bytes and the rest is skipped, so
/// memory stays fixed whatever the input. Reading stops when `each` breaks.
pub fn for_each_line(
    reader: impl Read,
    mut each: impl FnMut(&[u8]) -> ControlFlow<()>,
) -> io::Result<()> {
    let spare = std::cell::Cell::new(None::<Vec<u8>>);
    for_each_batch(
        reader,
        || spare.take().unwrap_or_default(),
        |batch| {
            let flow = lines(&batch).try_for_each(&mut each);
            // Reuse the buffer for the next read. (Only one is ever in use here.)
            spare.set(Some(batch));
            flow
        },
    )
}

/// The lines of a batch from [`for_each_batch`], without their line ends.
pub fn lines(batch: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', batch)
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |newline| {
            let end = newline.unwrap_or(batch.len());
            if newline.is_none() && start == batch.len() {
                return None; // the batch ended with a line end: no line after it
            }
            let line = &batch[start..end];
            start = end + 1;
            Some(trim_cr(line))
        })
}

/// Reads `reader` and calls `each` with batches of whole lines, at most [`BUFFER`] bytes each,
/// as soon as a read completes one: every line of a batch ends in `\n` except perhaps the last,
/// which is then the input's last line or the first [`BUFFER`] bytes of a longer one (whose
/// rest is skipped). Batches are read into buffers from `buffer` (any vector; a batch handed
/// back that way saves an allocation), so they can be passed on without a copy; only the
/// start of an unfinished line is copied into the next one. Reading stops when `each`
/// breaks. When a read fails, the bytes read before it are still passed on, unfinished line
/// and all, and then the error is returned.
pub fn for_each_batch(
    mut reader: impl Read,
    mut buffer: impl FnMut() -> Vec<u8>,
    mut each: impl FnMut(Vec<u8>) -> ControlFlow<()>,
) -> io::Result<()> {
    let mut buf = buffer();
    buf.resize(BUFFER, 0);
    // `buf[..end]` holds bytes not yet passed on.
    let mut end = 0;
    // After a cut line: skip up to the next line end.
    let mut skipping = false;
    let failed = loop {
        let read = match reader.read(&mut buf[end..]) {
            Ok(0) => break None,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => break Some(err),
        };
        if skipping {
            let Some(newline) = memchr::memchr(b'\n', &buf[end..end + read]) else {
                continue; // still inside the cut line: drop what was read
            };
            skipping = false;
            buf.copy_within(end + newline + 1..end + read, end);
            end += read - newline - 1;
        } else {
            end += read;
        }
        let whole = match memchr::memrchr(b'\n', &buf[..end]) {
            Some(last) => last + 1,
            // One line fills the buffer: pass what fits, drop the rest of it.
            None if end == buf.len() => {
                skipping = true;
                end
            }
            None => continue,
        };
        let mut next = buffer();
        next.resize(BUFFER, 0);
        next[..end - whole].copy_from_slice(&buf[whole..end]);
        let mut batch = std::mem::replace(&mut buf, next);
        batch.truncate(whole);
        end -= whole;
        if each(batch).is_break() {
            return Ok(());
        }
    };
    if end > 0 {
        buf.truncate(end);
        // Stopping here or not, nothing is left to read.
        let _ = each(buf);
    }
    failed.map_or(Ok(()), Err)
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The largest message read whole, by `bounce` and by `explain -`; a bigger one is
/// reported, not read. Each message of an mbox is held alone, so a mailbox of any size takes
/// memory for its largest message only.
pub const MAX_MESSAGE: u64 = 64 * 1024 * 1024;

/// The most text that `explain -` reads: far more than any reply, little enough to hold at
/// once. A whole message (a bounce) may be as large as `bounce` reads.
const STDIN_LIMIT: usize = 64 * 1024;

/// What `explain -` was given.
pub enum Stdin {
    /// A code, a reply or a reason.
    Text(String),
    /// A whole message, which `bounce` reads: its first line is a header field.
    Message(Vec<u8>),
}

/// Standard input for `explain -`: a message when its first line is a header field (`From:
/// ...`, `Return-Path: ...`, an mbox's `From ` line), else text of at most [`STDIN_LIMIT`]
/// bytes.
pub fn explain_stdin() -> Result<Stdin, Failure> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_MESSAGE + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| Failure::Io(format!("cannot read standard input: {err}")))?;
    let refuse = |problem: String| {
        Failure::Usage(UsageError {
            option: None,
            input: None,
            problem,
        })
    };
    if starts_like_a_message(&bytes) {
        if bytes.len() as u64 > MAX_MESSAGE {
            return Err(refuse(format!(
                "standard input holds a message larger than {} MiB, more than a bounce takes",
                MAX_MESSAGE / 1024 / 1024
            )));
        }
        return Ok(Stdin::Message(bytes));
    }
    if bytes.len() > STDIN_LIMIT {
        return Err(refuse(format!(
            "standard input holds more than {} KiB: explain reads one code or reply",
            STDIN_LIMIT / 1024
        )));
    }
    String::from_utf8(bytes).map(Stdin::Text).map_err(|err| {
        refuse(format!(
            "standard input is not UTF-8 text (from byte {} on): explain reads text",
            err.utf8_error().valid_up_to() + 1
        ))
    })
}

/// Whether the first line is a header field (a name of printable ASCII without spaces, then a
/// colon) or an mbox's `From ` line. A reply (`550 5.1.1 ...`), an enhanced code or a reason
/// token never is.
fn starts_like_a_message(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"From ") {
        return true;
    }
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    match line.iter().position(|&b| b == b':') {
        Some(0) | None => false,
        Some(colon) => line[..colon].iter().all(|&b| b.is_ascii_graphic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for_each_line(input, |line| {
            out.push(line.to_vec());
            ControlFlow::Continue(())
        })
        .unwrap();
        out
    }

    #[test]
    fn splits_on_lf_and_crlf_and_keeps_a_last_line_without_end() {
        assert_eq!(lines(b"a\r\nb\n\nc"), [&b"a"[..], b"b", b"", b"c"]);
        assert_eq!(lines(b""), Vec::<Vec<u8>>::new());
        assert_eq!(lines(b"\xff\xfe\n"), [&b"\xff\xfe"[..]]);
    }

    #[test]
    fn lines_across_reads_and_over_long_lines() {
        let mut input = vec![b'x'; BUFFER + 10];
        input.extend_from_slice(b"\n250 ok\n");
        input.extend(std::iter::repeat_n(b'y', BUFFER - 3));
        input.extend_from_slice(b"\nlast\n");
        let got = lines(&input);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].len(), BUFFER);
        assert_eq!(got[1], b"250 ok");
        assert_eq!(got[2].len(), BUFFER - 3);
        assert_eq!(got[3], b"last");
    }

    /// Gives `data`, then fails.
    struct FailsAfter(&'static [u8]);

    impl Read for FailsAfter {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.len().min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_failed_read_still_passes_on_the_unfinished_line() {
        let mut got = Vec::new();
        let result = for_each_line(FailsAfter(b"550 a\n421 unfinis"), |line| {
            got.push(line.to_vec());
            ControlFlow::Continue(())
        });
        assert_eq!(result.unwrap_err().to_string(), "disk on fire");
        assert_eq!(got, [&b"550 a"[..], b"421 unfinis"]);
    }

    #[test]
    fn breaking_stops_the_reading() {
        let mut seen = 0;
        let result = for_each_line(FailsAfter(b"a\nb\nc\n"), |_| {
            seen += 1;
            ControlFlow::Break(())
        });
        // Never read to the failing end.
        assert!(result.is_ok());
        assert_eq!(seen, 1);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Hands out its bytes in reads of the given sizes, as a pipe or a socket might.
    struct Chunked {
        data: Vec<u8>,
        sizes: Vec<usize>,
        at: usize,
        turn: usize,
    }

    impl Read for Chunked {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()].min(buf.len());
            self.turn += 1;
            let end = (self.at + size).min(self.data.len());
            let n = end - self.at;
            buf[..n].copy_from_slice(&self.data[self.at..end]);
            self.at = end;
            Ok(n)
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Whatever the read sizes, the lines are those of splitting the whole input.
        #[test]
        fn lines_do_not_depend_on_read_sizes(
            data in proptest::collection::vec(prop::sample::select(b"ab\r\n5".to_vec()), 0..3000),
            sizes in proptest::collection::vec(1usize..700, 1..8),
        ) {
            let mut want: Vec<Vec<u8>> = data.split(|&b| b == b'\n').map(|l| trim_cr(l).to_vec()).collect();
            if data.is_empty() || data.ends_with(b"\n") {
                want.pop(); // no line after the last line end
            }
            let mut got = Vec::new();
            let reader = Chunked { data: data.clone(), sizes, at: 0, turn: 0 };
            for_each_line(reader, |line| {
                got.push(line.to_vec());
                ControlFlow::Continue(())
            })
            .unwrap();
            prop_assert_eq!(got, want);
        }
    }
}
