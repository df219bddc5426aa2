//! The messages in what `bounce` is given: a file of one message, an mbox, a Maildir or a
//! folder of message files, gzip-compressed or not, or standard input.

use std::fs;
use std::io::{self, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::mbox::{Mbox, Next};

use crate::input::{MAX_MESSAGE, Source};
use crate::progress::Progress;

/// A message, or why one could not be read, with the name to show for it: the file, and
/// for an mbox `FILE#N` (the N-th message, from 1).
pub enum Item {
    Message { name: String, bytes: Vec<u8> },
    Problem { name: String, message: String },
}

/// Calls `each` with every message in `source`, in order: a folder's files sorted by name
/// (a Maildir's `new` then `cur`), an mbox's messages one at a time.
pub fn for_each(
    source: &Source,
    progress: &Progress,
    each: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    match source {
        Source::File(path) if path.is_dir() => folder(path, progress, each),
        _ => stream(source, progress, each),
    }
}

fn folder(
    path: &Path,
    progress: &Progress,
    each: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let maildir = ["cur", "new"].iter().any(|sub| path.join(sub).is_dir());
    let folders: Vec<PathBuf> = if maildir {
        ["new", "cur"]
            .iter()
            .map(|sub| path.join(sub))
            .filter(|p| p.is_dir())
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    for folder in folders {
        let mut files = match fs::read_dir(&folder) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect::<Vec<_>>(),
            Err(err) => {
                return each(Item::Problem {
                    name: folder.display().to_string(),
                    message: format!("cannot read the folder: {err}"),
                });
            }
        };
        files.sort();
        for file in files {
            stream(&Source::File(file), progress, each)?;
        }
    }
    ControlFlow::Continue(())
}

/// One file or standard input: an mbox when it starts with `From `, else one message.
fn stream(
    source: &Source,
    progress: &Progress,
    each: &mut dyn FnMut(Item) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let name = source.name();
    let problem = |message: String| Item::Problem {
        name: name.clone(),
        message,
    };
    let reader = match source.open(progress) {
        Ok(reader) => reader,
        Err(err) => return each(problem(format!("cannot read: {err}"))),
    };
    // The first five bytes tell an mbox; they go back in front of the rest.
    let mut reader = reader;
    let mut head = Vec::with_capacity(5);
    if let Err(err) = (&mut reader).take(5).read_to_end(&mut head) {
        return each(problem(format!("cannot read: {err}")));
    }
    let is_mbox = head == b"From ";
    let reader = io::Cursor::new(head).chain(reader);
    if is_mbox {
        let mut mbox = Mbox::new(reader, MAX_MESSAGE as usize);
        for index in 1.. {
            let name = format!("{name}#{index}");
            let item = match mbox.next_message() {
                Ok(Next::Message(bytes)) => Item::Message { name, bytes },
                Ok(Next::TooLarge) => Item::Problem {
                    name,
                    message: format!(
                        "larger than {} MiB, which is more than a bounce takes: skipped",
                        MAX_MESSAGE / 1024 / 1024
                    ),
                },
                Ok(Next::End) => break,
                Err(err) => {
                    each(Item::Problem {
                        name,
                        message: format!("cannot read: {err}"),
                    })?;
                    break;
                }
            };
            each(item)?;
        }
        return ControlFlow::Continue(());
    }
    let mut bytes = Vec::new();
    match reader.take(MAX_MESSAGE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_MESSAGE => each(problem(format!(
            "larger than {} MiB, which is more than a bounce takes: not read",
            MAX_MESSAGE / 1024 / 1024
        ))),
        Ok(_) => each(Item::Message { name, bytes }),
        Err(err) => each(problem(format!("cannot read: {err}"))),
    }
}
