//! Reading replies from a stream in chunks of any size, in a fixed amount of memory:
//! [`ReplyReader`].

use crate::reply::Progress;
use crate::{Reply, ReplyError, ReplyParser};

/// Collects bytes from a stream and hands out complete replies, in a buffer you provide.
///
/// Feed it whatever the socket returned, one byte or a megabyte at a time, with
/// [`feed`](Self::feed); take replies with [`next_reply`](Self::next_reply). The results,
/// replies and error alike, are the same as parsing the whole stream at once with
/// [`parser`](Self::parser). Memory never grows: a reply larger than the buffer (or than the
/// parser's reply limit) is an error, not a reallocation. A buffer of fewer than four bytes,
/// too small for even `250\n`, gives that error as soon as it is full.
///
/// Each byte is read about once, however the stream is cut: an unfinished reply is parsed on
/// from where the last attempt stopped, not again from its start.
///
/// After an error the stream cannot be trusted to be in step any more: the reader keeps
/// returning that error, and the client should close the connection. The error's offset counts
/// from the start of the reply it was found in.
///
/// ```
/// use smtp_codes::ReplyReader;
///
/// let mut reader = ReplyReader::new([0u8; 4096]);
/// let mut codes = Vec::new();
/// for chunk in [&b"220 mail.test ES"[..], b"MTP\r\n250-mail.test\r\n", b"250 SIZE\r\n"] {
///     let mut chunk = chunk;
///     while !chunk.is_empty() {
///         let taken = reader.feed(chunk);
///         chunk = &chunk[taken..];
///         while let Some(reply) = reader.next_reply() {
///             codes.push(reply?.code());
///         }
///     }
/// }
/// assert_eq!(codes, [220, 250]);
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Debug)]
pub struct ReplyReader<B> {
    buffer: B,
    parser: ReplyParser,
    /// Unread bytes are `buffer[start..end]`.
    start: usize,
    end: usize,
    /// Bytes of the reply handed out last, released on the next call.
    handed_out: usize,
    /// How far parsing the unread bytes got, for the next attempt to go on from.
    progress: Progress,
    failed: Option<ReplyError>,
}

impl<B: AsRef<[u8]> + AsMut<[u8]>> ReplyReader<B> {
    /// A reader over `buffer` with the default limits; no reply may be larger than the buffer.
    pub fn new(buffer: B) -> Self {
        ReplyReader::with_parser(buffer, ReplyParser::new())
    }

    /// A reader with the parser's limits, and no reply larger than the buffer.
    pub fn with_parser(buffer: B, parser: ReplyParser) -> Self {
        let capacity = buffer.as_ref().len();
        let parser = parser.max_reply_len(parser.reply_limit().min(capacity));
        ReplyReader {
            buffer,
            parser,
            start: 0,
            end: 0,
            handed_out: 0,
            progress: Progress::START,
            failed: None,
        }
    }

    /// The parser the reader applies: the one it was given, its reply limit lowered to the
    /// buffer's size if that is smaller.
    ///
    /// ```
    /// use smtp_codes::{ReplyParser, ReplyReader};
    ///
    /// let reader = ReplyReader::new([0u8; 512]);
    /// assert_eq!(reader.parser(), ReplyParser::new().max_reply_len(512));
    /// ```
    pub fn parser(&self) -> ReplyParser {
        self.parser
    }

    /// Copies as much of `data` as fits into the buffer and returns how many bytes it took.
    /// Call [`next_reply`](Self::next_reply) until it returns `None` before feeding again when
    /// this returns less than `data.len()`.
    pub fn feed(&mut self, data: &[u8]) -> usize {
        self.release();
        let capacity = self.buffer.as_ref().len();
        if self.end + data.len() > capacity && self.start > 0 {
            // Move the unread bytes to the front to make room.
            self.buffer.as_mut().copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let taken = data.len().min(capacity - self.end);
        self.buffer.as_mut()[self.end..self.end + taken].copy_from_slice(&data[..taken]);
        self.end += taken;
        taken
    }

    /// The next complete reply, `None` when more bytes are needed, or the error that stopped
    /// the stream.
    pub fn next_reply(&mut self) -> Option<Result<Reply<'_>, ReplyError>> {
        if let Some(err) = self.failed {
            return Some(Err(err));
        }
        self.release();
        let buffer = self.buffer.as_ref();
        let unread = &buffer[self.start..self.end];
        match self.parser.resume(unread, &mut self.progress) {
            Ok((reply, used)) => {
                self.handed_out = used;
                self.progress = Progress::START;
                Some(Ok(reply))
            }
            // Room for more: wait for it.
            Err(err) if err.is_incomplete() && unread.len() < buffer.len() => None,
            // Full, yet too short for the parser's limit: a buffer of fewer than four bytes.
            Err(err) if err.is_incomplete() => {
                let err = ReplyError::reply_too_long(buffer.len(), err.line());
                self.failed = Some(err);
                Some(Err(err))
            }
            Err(err) => {
                self.failed = Some(err);
                Some(Err(err))
            }
        }
    }

    /// The bytes received but not yet returned as part of a reply.
    pub fn unread(&self) -> &[u8] {
        &self.buffer.as_ref()[self.start + self.handed_out..self.end]
    }

    /// How many more bytes [`feed`](Self::feed) can take before the buffer is full.
    pub fn space(&self) -> usize {
        self.buffer.as_ref().len() - (self.end - self.start - self.handed_out)
    }

    fn release(&mut self) {
        self.start += self.handed_out;
        self.handed_out = 0;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn an_unfinished_reply_is_parsed_on_from_where_it_stopped() {
        // Fed a byte at a time, each attempt starts its search for the line end where the one
        // before stopped: the end of what it had.
        let mut input = b"250-first line\r\n250 ".to_vec();
        input.extend([b'x'; 300]);
        let mut reader = ReplyReader::new(vec![0u8; 4096]);
        for (i, byte) in input.iter().enumerate() {
            assert_eq!(reader.feed(&[*byte]), 1);
            assert!(reader.next_reply().is_none());
            // Past the second line's code, the search has reached the end of the input.
            if i >= 20 {
                assert_eq!(reader.progress.searched(), i + 1, "{i}");
            }
        }
        reader.feed(b"\r\n");
        let reply = reader.next_reply().unwrap().unwrap();
        assert_eq!(reply.as_bytes().len(), input.len() + 2);
        assert_eq!(reply.line_count(), 2);
        // The next reply starts afresh.
        assert_eq!(reader.progress, Progress::START);
    }
}
