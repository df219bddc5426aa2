//! A progress bar on standard error while `scan` and `bounce` read a large file: how many
//! bytes of it are read, how fast, and how long the rest will take.
//!
//! It is drawn only when standard error is a terminal and `--quiet` is not given, and not
//! when the command's own output streams to the same terminal as it is read (`scan --each`, or
//! `bounce`'s tables on a terminal): the bar would be torn by the lines written under it. A
//! file below [`LARGE`] is read too fast for a bar to help.

use std::io::{self, IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::terminal::escape;

/// The smallest file that gets a bar: 8 MiB.
pub const LARGE: u64 = 8 * 1024 * 1024;

/// Whether bars are drawn, decided once per command.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    shown: bool,
}

impl Progress {
    /// `streams` is whether the command writes its output as it reads.
    pub fn new(quiet: bool, streams: bool) -> Progress {
        let shown =
            !quiet && io::stderr().is_terminal() && !(streams && io::stdout().is_terminal());
        Progress { shown }
    }

    /// `reader`, the raw bytes of the file at `path` (before any gzip decoding, so that the
    /// bar counts the file's own bytes), with a bar that follows it when bars are shown and
    /// the file is large; `None` for a stream (standard input), which gets none. The bar goes
    /// away when the reader is dropped.
    pub fn watch<'r>(&self, path: Option<&Path>, reader: Box<dyn Read + 'r>) -> Box<dyn Read + 'r> {
        let Some(path) = path else {
            return reader;
        };
        if !self.shown {
            return reader;
        }
        let Ok(len) = std::fs::metadata(path).map(|m| m.len()) else {
            return reader;
        };
        if len < LARGE {
            return reader;
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(
            "{msg} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} {eta}",
        ) {
            bar.set_style(style);
        }
        // A file name may hold control characters like any other outside text.
        bar.set_message(escape(&path.display().to_string()).into_owned());
        Box::new(Watched {
            inner: bar.wrap_read(reader),
            bar,
        })
    }
}

/// A reader with its bar, which is cleared when reading is over.
struct Watched<R: Read> {
    inner: indicatif::ProgressBarIter<R>,
    bar: ProgressBar,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R: Read> Drop for Watched<R> {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
