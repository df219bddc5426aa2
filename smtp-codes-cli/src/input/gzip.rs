//! Gzip input of one member or several, decompressed as zcat does, with an error that says
//! where the gzip data stopped when something else follows it.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The decompressed bytes of every gzip member of `R`, one after the other. A member cut
/// short is an error after the bytes it did hold; so is anything but another member after
/// one (`zcat` calls it "trailing garbage" and ignores it; it is not scanned here either, but
/// the error names the byte where it starts).
pub struct Members<R> {
    /// `None` once the input has ended or failed.
    member: Option<GzDecoder<Compressed<R>>>,
}

impl<R: Read> Members<R> {
    /// Decompresses `reader`, which starts with a gzip member.
    pub fn new(reader: R) -> Self {
        Members {
            member: Some(GzDecoder::new(Compressed::new(reader))),
        }
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(member) = &mut self.member else {
                return Ok(0);
            };
            let read = member.read(out).inspect_err(|_| self.member = None)?;
            if read > 0 {
                return Ok(read);
            }
            // This member has ended: the input ends, another member starts, or neither.
            let Some(member) = self.member.take() else {
                return Ok(0);
            };
            let mut rest = member.into_inner();
            let next = rest.peek(MAGIC.len())?;
            if next.is_empty() {
                return Ok(0);
            }
            if next == MAGIC {
                self.member = Some(GzDecoder::new(rest));
                continue;
            }
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the gzip data ends at byte {} and what follows is not gzip; it was not read",
                    rest.consumed
                ),
            ));
        }
    }
}

/// The compressed input, buffered so that the start of the next member can be looked at
/// before it is decoded; it counts the bytes used.
struct Compressed<R> {
    inner: R,
    buf: Box<[u8]>,
    /// `buf[start..end]` is read and not yet used.
    start: usize,
    end: usize,
    /// Bytes of the input used so far.
    consumed: u64,
}

impl<R: Read> Compressed<R> {
    fn new(inner: R) -> Self {
        Compressed {
            inner,
            buf: vec![0; 64 * 1024].into_boxed_slice(),
            start: 0,
            end: 0,
            consumed: 0,
        }
    }

    /// Reads more into the buffer after what it holds; `Ok(0)` at the end of the input.
    fn read_more(&mut self) -> io::Result<usize> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(read) => {
                    self.end += read;
                    return Ok(read);
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
    }

    /// The next `n` bytes without using them; fewer only when the input ends first.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.start < n {
            if self.read_more()? == 0 {
                break;
            }
        }
        let end = self.end.min(self.start + n);
        Ok(&self.buf[self.start..end])
    }
}

impl<R: Read> Read for Compressed<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Compressed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.read_more()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.start);
        self.start += n;
        self.consumed += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// Everything `Members` gives before it ends or fails, and the error.
    fn decode(input: &[u8]) -> (Vec<u8>, Option<io::Error>) {
        let mut members = Members::new(input);
        let mut out = Vec::new();
        let mut buf = [0; 1000];
        loop {
            match members.read(&mut buf) {
                Ok(0) => return (out, None),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(err) => return (out, Some(err)),
            }
        }
    }

    #[test]
    fn members_follow_one_another() {
        let mut input = gzip(b"one\n");
        input.extend(gzip(b""));
        input.extend(gzip(b"two\n"));
        let (out, err) = decode(&input);
        assert_eq!(out, b"one\ntwo\n");
        assert!(err.is_none(), "{err:?}");
    }

    #[test]
    fn text_after_the_gzip_data_is_an_error_that_says_where() {
        let mut input = gzip(b"550 5.1.1 kept\n");
        let end = input.len();
        input.extend_from_slice(b"250 appended in plain text\n");
        let (out, err) = decode(&input);
        assert_eq!(out, b"550 5.1.1 kept\n");
        let err = err.expect("an error").to_string();
        assert!(err.contains(&format!("byte {end}")), "{err}");
    }

    #[test]
    fn a_cut_member_gives_what_it_holds_then_fails() {
        let text: Vec<u8> = (0..5000)
            .flat_map(|n| format!("550 5.1.1 line {n}\n").into_bytes())
            .collect();
        let input = gzip(&text);
        let cut = &input[..input.len() * 2 / 3];
        let (out, err) = decode(cut);
        assert!(err.is_some());
        assert!(
            out.len() > text.len() / 2,
            "{} of {}",
            out.len(),
            text.len()
        );
        assert_eq!(out, text[..out.len()]);
    }
}
