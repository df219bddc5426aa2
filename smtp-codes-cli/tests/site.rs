//! `smtp-codes site`: the pages it writes, read from disk. Every link and script of every page
//! must lead to a file the site has (and a `#fragment` to an element of it); every language
//! has the same pages; each page names its language and direction. The browser test
//! (scripts/site-check) loads the same site in Chromium.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use smtp_codes::{EnhancedStatus, Reason, ReplyCode};

fn build_site(tag: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("smtp-codes-site-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .arg("site")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn html_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "html") {
            into.push(path);
        }
    }
}

/// The values of `attribute="..."` in a page maud wrote (it always quotes with `"`).
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Undoes the escapes maud writes inside an attribute.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let out = build_site("links");
    let mut pages = Vec::new();
    html_files(&out, &mut pages);
    assert!(pages.len() > 300, "{} pages", pages.len());
    let mut ids: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        ids.insert(
            page.canonicalize().unwrap(),
            attributes(&html, "id").into_iter().map(unescape).collect(),
        );
    }
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let folder = page.parent().unwrap();
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
            .chain(attributes(&html, "action"))
        {
            let link = unescape(link);
            if link.starts_with("https://") {
                continue;
            }
            assert!(!link.contains("://"), "{}: {link}", page.display());
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = folder.join(file);
            assert!(target.is_file(), "{}: {link} leads nowhere", page.display());
            if !fragment.is_empty() {
                let known = &ids[&target.canonicalize().unwrap()];
                assert!(
                    known.contains(fragment),
                    "{}: no #{fragment} in {file}",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > pages.len() * 10, "{checked} links");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_entry_has_a_page_in_every_language_with_its_lang_and_dir() {
    let out = build_site("pages");
    let front = std::fs::read_to_string(out.join("index.html")).unwrap();
    let languages: Vec<String> = attributes(&front, "href")
        .into_iter()
        .filter_map(|h| h.strip_suffix("/index.html"))
        .map(str::to_owned)
        .collect();
    assert!(languages.contains(&"en".to_owned()), "{languages:?}");
    for tag in &languages {
        let folder = out.join(tag);
        let mut expected: Vec<String> = ReplyCode::ALL
            .iter()
            .map(|c| format!("code/{}.html", c.code()))
            .collect();
        expected.extend(
            EnhancedStatus::ALL
                .iter()
                .map(|s| format!("enhanced/X.{}.{}.html", s.subject(), s.detail())),
        );
        expected.extend(Reason::ALL.iter().map(|r| format!("reason/{r}.html")));
        for code in ReplyCode::ALL {
            for other in code.related() {
                let (a, b) = (code.code().min(other.code()), code.code().max(other.code()));
                expected.push(format!("compare/{a}-{b}.html"));
            }
            for status in code.enhanced_codes() {
                expected.push(format!(
                    "compare/{}-X.{}.{}.html",
                    code.code(),
                    status.subject(),
                    status.detail()
                ));
            }
        }
        for page in expected {
            let html = std::fs::read_to_string(folder.join(&page))
                .unwrap_or_else(|err| panic!("{tag}/{page}: {err}"));
            assert!(html.starts_with("<!DOCTYPE html>"), "{tag}/{page}");
            let lang = attributes(&html, "lang")[0];
            assert_eq!(lang, tag, "{tag}/{page}");
            let dir = attributes(&html, "dir")[0];
            assert_eq!(dir, if tag == "ar" { "rtl" } else { "ltr" }, "{tag}/{page}");
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn the_data_s_texts_are_escaped() {
    let out = build_site("escape");
    let page = std::fs::read_to_string(out.join("en/code/250.html")).unwrap();
    // 250 answers the end of data, written `<end-of-data>` in the data.
    assert!(page.contains("&lt;end-of-data&gt;"), "not escaped");
    assert!(!page.contains("<end-of-data>"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error() {
    let file = std::env::temp_dir().join(format!("smtp-codes-site-file-{}", std::process::id()));
    std::fs::write(&file, "not a folder").unwrap();
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .arg("site")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot"), "{stderr}");
    let _ = std::fs::remove_file(&file);
}
