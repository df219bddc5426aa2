//! The completion scripts and the man page: generated from the same definitions as `--help`,
//! and working in the shells themselves where the machine has them.

use std::process::Command as Process;

use assert_cmd::Command;

fn stdout_of(args: &[&str]) -> String {
    let output = Command::cargo_bin("smtp-codes")
        .expect("the binary is built")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// What bash completes after `words`, with the script `completions bash` prints loaded.
fn bash_completes(script: &str, words: &[&str]) -> Vec<String> {
    let program = format!(
        "{script}\nCOMP_WORDS=({words}); COMP_CWORD={last}; COMP_LINE='{line}'; \
         COMP_POINT=${{#COMP_LINE}}; _smtp__codes smtp-codes '{current}' '{previous}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" "),
        last = words.len() - 1,
        line = words.join(" "),
        current = words[words.len() - 1],
        previous = words[words.len() - 2],
    );
    let output = Process::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_and_option_values() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("complete -F _smtp__codes"), "{script}");
    let commands = bash_completes(&script, &["smtp-codes", "co"]);
    assert!(commands.contains(&"compare".to_owned()), "{commands:?}");
    assert!(commands.contains(&"completions".to_owned()), "{commands:?}");
    assert!(!commands.contains(&"explain".to_owned()), "{commands:?}");
    let groupings = bash_completes(&script, &["smtp-codes", "scan", "--by", ""]);
    let mut groupings = groupings;
    groupings.sort();
    assert_eq!(groupings, ["code", "domain", "reason"]);
}

#[test]
fn zsh_and_fish_scripts_name_every_command() {
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef smtp-codes"), "{zsh}");
    let fish = stdout_of(&["completions", "fish"]);
    for command in [
        "explain",
        "compare",
        "list",
        "reasons",
        "bounce",
        "scan",
        "completions",
        "man",
    ] {
        assert!(zsh.contains(&format!("'{command}:")), "zsh lacks {command}");
        assert!(
            fish.contains(&format!("-a \"{command}\"")),
            "fish lacks {command}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = Command::cargo_bin("smtp-codes")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bash") && stderr.contains("fish"),
        "{stderr}"
    );
}

#[test]
fn the_man_page_has_a_section_per_command_and_the_exit_statuses() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH smtp-codes 1"),
        "{page}"
    );
    for command in ["EXPLAIN", "COMPARE", "LIST", "REASONS", "BOUNCE", "SCAN"] {
        assert!(
            page.contains(&format!(".SH \"COMMAND: {command}\"")),
            "no section for {command}"
        );
    }
    assert!(page.contains(".SH \"EXIT STATUS\""));
    // Options of commands are described, not only listed.
    assert!(page.contains("The command the reply answered"));
    // No line of text may start a roff request by accident.
    for line in page.lines() {
        assert!(
            !line.starts_with('\'') || line.starts_with("'\\\""),
            "a text line reads as a request: {line}"
        );
    }
}

/// Where the machine has `man` (man-db), the page renders without warnings.
#[test]
fn the_man_page_renders() {
    let page = stdout_of(&["man"]);
    let path = std::env::temp_dir().join(format!("smtp-codes-{}.1", std::process::id()));
    std::fs::write(&path, page).unwrap();
    let rendered = Process::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output();
    let _ = std::fs::remove_file(&path);
    let output = rendered.expect("groff is installed (.ci/run installs groff-base)");
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
