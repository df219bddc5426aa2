//! Reading logs: standard input or files, gzip-compressed or not, line by line in a buffer of
//! fixed size, whatever the bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use flate2::bufread::MultiGzDecoder;

/// Where a log comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// `-` is standard input, anything else a path.
    pub fn from_arg(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// The name shown in messages and in `--each` output.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".into(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// Opens the source; gzip data (recognised by its magic bytes, not the file name) is
    /// decompressed on the fly.
    pub fn open(&self) -> io::Result<Box<dyn Read>> {
        let raw: Box<dyn Read> = match self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(path) => Box::new(File::open(path)?),
        };
        let mut reader = BufReader::with_capacity(BUFFER, raw);
        let head = reader.fill_buf()?;
        if head.starts_with(&[0x1f, 0x8b]) {
            Ok(Box::new(MultiGzDecoder::new(reader)))
        } else {
            Ok(Box::new(reader))
        }
    }
}

/// The size of the line buffer: the most of one line that is looked at.
pub const BUFFER: usize = 256 * 1024;

/// Calls `each` with every line of `reader`, without its line end (`\n` or `\r\n`). A line
/// longer than [`BUFFER`] is passed as its first [`BUFFER`] bytes and the rest is skipped, so
/// memory stays fixed whatever the input.
pub fn for_each_line(mut reader: impl Read, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    let mut buf = vec![0u8; BUFFER];
    // `buf[..end]` holds unread bytes; the first line starts at 0.
    let mut end = 0;
    // After a cut line: skip up to the next line end.
    let mut skipping = false;
    loop {
        let read = match reader.read(&mut buf[end..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let searched = end;
        end += read;
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', &buf[searched..end]) {
            let newline = searched + newline;
            if !skipping {
                each(trim_cr(&buf[start..newline]));
            }
            skipping = false;
            start = newline + 1;
        }
        if start == 0 && end == buf.len() {
            // One line fills the buffer: take what fits, drop the rest of it.
            if !skipping {
                each(trim_cr(&buf[..end]));
            }
            skipping = true;
            end = 0;
        } else {
            buf.copy_within(start..end, 0);
            end -= start;
        }
    }
    if end > 0 && !skipping {
        each(trim_cr(&buf[..end]));
    }
    Ok(())
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for_each_line(input, |line| out.push(line.to_vec())).unwrap();
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
}
