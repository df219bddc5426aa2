//! Stage 2: find the data file, read it, and parse it as TOML.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::DeTable;

use crate::args::SourceArg;
use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// Reads the data. A file is found relative to the calling crate's `CARGO_MANIFEST_DIR`.
pub fn read(arg: &SourceArg) -> Result<Source, String> {
    match arg {
        SourceArg::Inline(literal) => Ok(Source::inline(&literal.value())),
        SourceArg::File(literal) => {
            let written = literal.value();
            let dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
                format!("cannot find `{written}`: CARGO_MANIFEST_DIR is not set (build with cargo)")
            })?;
            let path = PathBuf::from(dir).join(&written);
            if path.to_str().is_none() {
                return Err(format!(
                    "cannot use `{}`: the path is not valid UTF-8",
                    path.display()
                ));
            }
            let bytes = std::fs::read(&path).map_err(|e| {
                // A relative path is shown resolved, so the reader sees which folder was searched.
                if path == Path::new(&written) {
                    format!("cannot read `{written}`: {e}")
                } else {
                    format!("cannot read `{written}` ({}): {e}", path.display())
                }
            })?;
            let text = decode(&written, bytes)?;
            Ok(Source {
                name: written,
                path: Some(path),
                text,
            })
        }
    }
}

/// The file's text, or where its first byte that is not UTF-8 is: the TOML parser only ever sees
/// text, so it could not say.
fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = Source {
            name: name.to_owned(),
            path: None,
            // Up to `valid` the bytes are UTF-8, so nothing is replaced.
            text: String::from_utf8_lossy(&bytes[..valid]).into_owned(),
        };
        format!(
            "{}: byte 0x{:02X} is not UTF-8: save the file as UTF-8",
            before.position(valid),
            bytes[valid]
        )
    })
}

/// Parses the text as TOML. Syntax errors stop here: the first one is reported.
pub fn parse(source: &Source) -> Result<Spanned<DeTable<'_>>, Diagnostic> {
    smtp_codes_data::row::parse(&source.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::LitStr;

    fn file(path: &str) -> SourceArg {
        SourceArg::File(LitStr::new(path, proc_macro2::Span::call_site()))
    }

    #[test]
    fn a_relative_path_that_cannot_be_read_is_named_resolved() {
        let message = read(&file("no-such-codes.toml")).unwrap_err();
        let resolved = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-codes.toml");
        assert!(
            message.starts_with(&format!(
                "cannot read `no-such-codes.toml` ({}): ",
                resolved.display()
            )),
            "{message}"
        );
    }

    #[test]
    fn an_absolute_path_that_cannot_be_read_is_named_once() {
        let message = read(&file("/nonexistent/no-such-codes.toml")).unwrap_err();
        assert!(
            message.starts_with("cannot read `/nonexistent/no-such-codes.toml`: "),
            "{message}"
        );
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_located() {
        // "é" in Latin-1 is the lone byte 0xE9; the "ü" before it is proper UTF-8 (one column).
        let bytes = b"[[category]]\nname = \"\xC3\xBC Compl\xE9tion\"\n".to_vec();
        assert_eq!(
            decode("codes.toml", bytes),
            Err("codes.toml:2:16: byte 0xE9 is not UTF-8: save the file as UTF-8".to_owned())
        );
        assert_eq!(
            decode("codes.toml", b"a = 1\n".to_vec()).as_deref(),
            Ok("a = 1\n")
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_named_with_the_position() {
        let path = std::env::temp_dir().join(format!(
            "smtp-codes-derive-not-utf8-{}.toml",
            std::process::id()
        ));
        std::fs::write(&path, b"a = 1\n\xFF").unwrap();
        let written = path.to_str().unwrap();
        let message = read(&file(written)).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            message,
            format!("{written}:2:1: byte 0xFF is not UTF-8: save the file as UTF-8")
        );
    }

    #[test]
    fn a_syntax_error_points_at_its_line() {
        let source = Source::inline("[[reply]]\ncode = 250\nname = \n");
        let diagnostic = parse(&source).unwrap_err();
        let rendered = diagnostic.render(&source);
        assert!(rendered.starts_with("<inline>:3:"), "{rendered}");
        assert!(rendered.contains("invalid TOML"), "{rendered}");
    }
}
