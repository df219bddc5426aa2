//! The messages of an mbox, one at a time: each starts after a line that begins `From `, and a
//! body line quoted as `>From ` (mboxrd: any number of `>`) loses one `>`. Large reads and a
//! search for `\nFrom ` keep this at memory speed; only one message is held at a time.

use std::io::{self, Read};

use memchr::memmem;

/// How much is read at a time.
const CHUNK: usize = 256 * 1024;

/// What [`Mbox::next_message`] found.
pub enum Next {
    /// A message, unquoted, without its `From ` line.
    Message(Vec<u8>),
    /// A message larger than the limit, skipped to the next `From ` line.
    TooLarge,
    /// The mbox ended.
    End,
}

/// An mbox being read.
pub struct Mbox<R> {
    reader: R,
    /// Bytes read; those from `start` on are not given out yet, and start at a `From ` line.
    pending: Vec<u8>,
    start: usize,
    eof: bool,
    limit: usize,
}

impl<R: Read> Mbox<R> {
    /// Reads from `reader`, which starts with a `From ` line; a message longer than `limit`
    /// bytes is skipped.
    pub fn new(reader: R, limit: usize) -> Self {
        Mbox {
            reader,
            pending: Vec::new(),
            start: 0,
            eof: false,
            limit,
        }
    }

    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        // Drop what was given out before reading more, so the buffer holds about one message
        // and one read.
        if self.start > 0 {
            self.pending.drain(..self.start);
            self.start = 0;
        }
        // Read into the spare capacity: zeroing a chunk first, every time, cost about 2 % of
        // reading an mbox of bounces (callgrind). `read_to_end` retries an interrupted read.
        let start = self.pending.len();
        self.pending.reserve(CHUNK);
        let read = match (&mut self.reader)
            .take(CHUNK as u64)
            .read_to_end(&mut self.pending)
        {
            Ok(read) => read,
            Err(err) => {
                self.pending.truncate(start);
                return Err(err);
            }
        };
        self.eof = read == 0;
        Ok(read > 0)
    }

    /// The next message; a `From ` line with nothing after it before the next is no message.
    pub fn next_message(&mut self) -> io::Result<Next> {
        loop {
            match self.next_raw()? {
                Next::Message(message) if message.is_empty() => {}
                next => return Ok(next),
            }
        }
    }

    fn next_raw(&mut self) -> io::Result<Next> {
        // Past the `From ` line that starts this message. Offsets are from `self.start`,
        // which a read may move.
        let body = loop {
            if let Some(end) = memchr::memchr(b'\n', &self.pending[self.start..]) {
                break end + 1;
            }
            if !self.fill()? {
                self.start = self.pending.len();
                return Ok(Next::End);
            }
        };
        let finder = memmem::Finder::new(b"\nFrom ");
        let mut searched = body - 1;
        let mut too_large = false;
        let end = loop {
            let rest = &self.pending[self.start..];
            if let Some(at) = finder.find(&rest[searched..]) {
                break searched + at + 1;
            }
            // The separator may straddle the next read.
            searched = rest.len().saturating_sub(5).max(searched);
            if rest.len() - body > self.limit {
                // Keep only the tail that could start a separator.
                too_large = true;
                let keep = rest.len() - searched;
                let from = self.start + body;
                let to = self.pending.len() - keep;
                self.pending.drain(from..to);
                searched = body;
            }
            if !self.fill()? {
                break self.pending.len() - self.start;
            }
        };
        let message = self.pending[self.start + body..self.start + end].to_vec();
        self.start += end;
        if too_large {
            return Ok(Next::TooLarge);
        }
        Ok(Next::Message(unquote(message)))
    }
}

/// Removes one `>` from each line that is `>` repeated and then `From `.
fn unquote(message: Vec<u8>) -> Vec<u8> {
    let quoted = |line: &[u8]| {
        let arrows = line.iter().take_while(|&&b| b == b'>').count();
        arrows > 0 && line[arrows..].starts_with(b"From ")
    };
    let starts = std::iter::once(0).chain(memmem::find_iter(&message, b"\n>").map(|at| at + 1));
    let drop: Vec<usize> = starts.filter(|&at| quoted(&message[at..])).collect();
    if drop.is_empty() {
        return message;
    }
    let mut out = Vec::with_capacity(message.len());
    let mut from = 0;
    for at in drop {
        out.extend_from_slice(&message[from..at]);
        from = at + 1;
    }
    out.extend_from_slice(&message[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8], limit: usize) -> Vec<Option<String>> {
        let mut mbox = Mbox::new(bytes, limit);
        let mut out = Vec::new();
        loop {
            match mbox.next_message().unwrap() {
                Next::Message(m) => out.push(Some(String::from_utf8(m).unwrap())),
                Next::TooLarge => out.push(None),
                Next::End => return out,
            }
        }
    }

    #[test]
    fn messages_split_at_from_lines_and_unquote() {
        let mbox = b"From a@b Mon Jan  1 00:00:00 2026\nSubject: one\n\n>From here\n>>From there\nFromage\n\nFrom b@c Tue\nSubject: two\n\nbody\nFrom c@d Wed\n";
        assert_eq!(
            all(mbox, 1000),
            [
                Some("Subject: one\n\nFrom here\n>From there\nFromage\n\n".to_owned()),
                Some("Subject: two\n\nbody\n".to_owned()),
            ]
        );
        assert_eq!(all(b"", 10), Vec::<Option<String>>::new());
    }

    #[test]
    fn large_messages_are_skipped_and_reads_straddle_separators() {
        let big = "x".repeat(3 * CHUNK);
        let mbox = format!("From a\nSubject: big\n\n{big}\nFrom b\nSubject: small\n\nok\n");
        let got = all(mbox.as_bytes(), CHUNK);
        assert_eq!(got, [None, Some("Subject: small\n\nok\n".to_owned())]);
        // Every split of the separator over two reads.
        for cut in 1..8 {
            let text = b"From a\nA: 1\n\nx\nFrom b\nB: 2\n\ny\n";
            let reader = Split {
                data: text,
                cut: 13 + cut,
                at: 0,
            };
            let mut mbox = Mbox::new(reader, 1000);
            let mut n = 0;
            while let Next::Message(_) = mbox.next_message().unwrap() {
                n += 1;
            }
            assert_eq!(n, 2, "cut {cut}");
        }
    }

    /// A reader that gives its bytes in two reads, split at `cut`.
    struct Split<'a> {
        data: &'a [u8],
        cut: usize,
        at: usize,
    }

    impl Read for Split<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let end = if self.at < self.cut {
                self.cut
            } else {
                self.data.len()
            };
            let n = (end - self.at).min(buf.len());
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }
}
