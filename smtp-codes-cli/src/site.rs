//! `site OUT_DIR`: the reference as a static web site, for any static host or straight from
//! disk (`file://`): a language chooser at the top, and per language of `labels.toml` an index that searches
//! as you type, a page per reply code, enhanced code and bounce reason, and the comparison
//! pages, all linked to each other. No server and no network are needed to view it.
//!
//! maud writes the HTML: templates are Rust, checked when the tool is built, and every text
//! is escaped unless marked otherwise, so the data's `<end-of-data>` stays text.

mod pages;
mod paths;
mod search;
mod words;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

use crate::failure::Failure;
use crate::output::{Style, print};
use crate::terminal::escape;
use pages::Page;
use words::Words;

const STYLE: &str = include_str!("site/assets/style.css");
const SEARCH: &str = include_str!("site/assets/search.js");

/// Writes the site into `out` (made when missing; files of the same names are replaced, others
/// are left alone) and says how many pages it wrote.
pub fn run(out: &OsStr, style: &Style) -> Result<(), Failure> {
    let out = PathBuf::from(out);
    let languages = Words::all();
    let mut written = 0usize;
    let assets = out.join("assets");
    write(&assets.join("style.css"), STYLE)?;
    write(&assets.join("search.js"), SEARCH)?;
    write(&assets.join("search-index.js"), &search::index_script())?;
    write(&out.join("index.html"), &pages::languages(&languages))?;
    for words in &languages {
        let folder = out.join(words.tag());
        for page in pages_of(words, &languages) {
            write(&folder.join(&page.path), &page.html)?;
            written += 1;
        }
    }
    let shown = escape(&out.display().to_string()).into_owned();
    print(&format!(
        "{}: {written} pages in {} languages, open {shown}/index.html\n",
        style.bold("site"),
        languages.len()
    ))
}

/// Every page of one language.
fn pages_of(words: &Words, languages: &[Words]) -> Vec<Page> {
    let mut all = vec![pages::index(words, languages)];
    all.extend(
        ReplyCode::ALL
            .iter()
            .map(|&c| pages::code(words, languages, c)),
    );
    all.extend(
        EnhancedStatus::ALL
            .iter()
            .map(|&s| pages::enhanced(words, languages, s)),
    );
    all.extend(
        Reason::ALL
            .iter()
            .map(|&r| pages::reason(words, languages, r)),
    );
    all.extend(
        paths::related_pairs()
            .into_iter()
            .map(|(a, b)| pages::pair(words, languages, a, b)),
    );
    all.extend(
        paths::enhanced_pairs()
            .into_iter()
            .map(|(c, s)| pages::with_enhanced(words, languages, c, s)),
    );
    all
}

fn write(path: &Path, text: &str) -> Result<(), Failure> {
    let failed = |what: &str, err: std::io::Error| {
        Failure::Io(format!(
            "cannot {what} '{}': {err}",
            escape(&path.display().to_string())
        ))
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|err| failed("make the folder for", err))?;
    }
    fs::write(path, text).map_err(|err| failed("write", err))
}
