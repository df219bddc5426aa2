//! The language of the headings: `--lang`, else `LC_ALL`, `LC_MESSAGES` and `LANG` in POSIX's
//! order; an unknown `--lang` is a usage error; JSON is the same in every language.

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

/// The binary without any locale or colour settings of the environment it runs in.
fn cli() -> Command {
    let mut cmd = Command::cargo_bin("smtp-codes").expect("the binary is built");
    for name in ["NO_COLOR", "COLUMNS", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(name);
    }
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The heading each line of a card starts with, up to the blanks before its text.
fn headings(card: &str) -> Vec<&str> {
    card.lines()
        .filter(|line| !line.starts_with(' ') && line.contains("  "))
        .filter_map(|line| line.split("  ").next())
        .collect()
}

#[test]
fn lang_de_gives_the_german_headings() {
    let card = stdout_of(cli().args(["--lang", "de", "explain", "550"]));
    let found = headings(&card);
    for german in ["Kategorie", "Bedeutung", "Abhilfe", "Antwort auf"] {
        assert!(found.contains(&german), "{german} in {found:?}\n{card}");
    }
    assert!(!found.contains(&"Meaning"), "{card}");
    // The codes' own texts stay English.
    assert!(card.contains("Permanent Negative Completion"), "{card}");
    // The option may also follow the command, and a reply line gets a German diagnosis.
    let card = stdout_of(cli().args(["explain", "550 5.1.1 user unknown", "--lang=de"]));
    assert!(headings(&card).contains(&"Grund"), "{card}");
}

#[test]
fn lang_picks_the_headings_of_compare() {
    let text = stdout_of(cli().args(["--lang", "fr", "compare", "450", "550"]));
    assert!(text.lines().next().unwrap().contains("  vs  "), "{text}");
    let found = headings(&text);
    for french in ["Commun", "Diffère", "Signification", "Solution"] {
        assert!(found.contains(&french), "{french} in {found:?}\n{text}");
    }
    let text = stdout_of(cli().args(["--lang", "ru", "compare", "450", "550"]));
    assert!(
        text.lines().next().unwrap().contains("  против  "),
        "{text}"
    );
}

#[test]
fn lang_from_the_locale_follows_posix_order() {
    let card = stdout_of(cli().env("LANG", "ja_JP.UTF-8").args(["explain", "550"]));
    assert!(headings(&card).contains(&"意味"), "{card}");
    let card = stdout_of(
        cli()
            .env("LANG", "ja_JP.UTF-8")
            .env("LC_ALL", "de_DE.UTF-8")
            .args(["explain", "550"]),
    );
    assert!(headings(&card).contains(&"Bedeutung"), "{card}");
    let card = stdout_of(
        cli()
            .env("LANG", "ja_JP.UTF-8")
            .env("LC_MESSAGES", "ko_KR.UTF-8")
            .args(["explain", "550"]),
    );
    assert!(headings(&card).contains(&"의미"), "{card}");
    // `--lang` beats the locale; `C`, an empty value skipped, and a language without
    // translations are English.
    let card = stdout_of(cli().env("LC_ALL", "de_DE").args(["--lang", "es", "550"]));
    assert!(headings(&card).contains(&"Significado"), "{card}");
    for (name, value) in [("LC_ALL", "C"), ("LANG", "nl_NL.UTF-8"), ("LANG", "POSIX")] {
        let card = stdout_of(cli().env(name, value).args(["explain", "550"]));
        assert!(
            headings(&card).contains(&"Meaning"),
            "{name}={value}: {card}"
        );
    }
    let card = stdout_of(
        cli()
            .env("LC_ALL", "")
            .env("LANG", "pt_BR.UTF-8")
            .args(["explain", "550"]),
    );
    assert!(headings(&card).contains(&"Significado"), "{card}");
}

#[test]
fn an_unknown_lang_is_a_usage_error_naming_the_languages() {
    let output = cli()
        .args(["--lang", "xx", "explain", "550"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("'xx'"), "{stderr}");
    assert!(
        stderr.contains("en, ar, de, es, fr, hi, id, ja, ko, pt, ru, th, tr, vi, zh-CN"),
        "{stderr}"
    );
    // Unknown in the locale is no error.
    let output = cli()
        .env("LANG", "xx_YY")
        .args(["explain", "550"])
        .output()
        .unwrap();
    assert!(output.status.success());
}

#[test]
fn json_is_the_same_in_every_language() {
    let queries: [&[&str]; 4] = [
        &["explain", "550"],
        &["explain", "550 5.1.1 user unknown"],
        &["explain", "5.7.1"],
        &["compare", "214", "250"],
    ];
    for query in queries {
        let english = cli().arg("--json").args(query).output().unwrap();
        assert!(english.status.success());
        for lang in ["ar", "de", "ja", "th", "zh-CN"] {
            let other = cli()
                .args(["--json", "--lang", lang])
                .args(query)
                .output()
                .unwrap();
            assert_eq!(other.stdout, english.stdout, "{lang} {query:?}");
            let by_locale = cli()
                .env("LANG", lang)
                .arg("--json")
                .args(query)
                .output()
                .unwrap();
            assert_eq!(by_locale.stdout, english.stdout, "LANG={lang} {query:?}");
        }
    }
}

#[test]
fn the_text_after_the_headings_lines_up_in_terminal_cells() {
    for lang in ["en", "ar", "de", "hi", "ja", "ko", "th", "zh-CN"] {
        let card = stdout_of(cli().args(["--lang", lang, "explain", "550 5.1.1 user unknown"]));
        let starts: Vec<usize> = card
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with(char::is_numeric))
            .map(|line| {
                let text = line.trim_start();
                if line.starts_with(' ') {
                    line.len() - text.len()
                } else {
                    // The heading, then the blanks up to the text.
                    let heading = line.split("  ").next().unwrap_or("");
                    let rest = &line[heading.len()..];
                    heading.width() + rest.len() - rest.trim_start().len()
                }
            })
            .collect();
        assert!(
            starts.windows(2).all(|w| w[0] == w[1]),
            "{lang}: {starts:?}\n{card}"
        );
    }
}
