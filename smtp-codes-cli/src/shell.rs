//! What the command line itself is made of, for other programs: shell completions and the
//! man page, both generated from the clap definitions so that they never drift from `--help`.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;
use crate::failure::{Failure, write_failure};

/// `completions SHELL`: the completion script for `shell`, on standard output.
pub fn completions(shell: Shell) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "smtp-codes", &mut script);
    if shell == Shell::Bash {
        // clap_complete spells the state of a command of a hyphenated program two ways (it
        // walks to `smtp__codes__subcmd__scan`, its arms say `smtp__subcmd__codes__subcmd__scan`),
        // so bash completed nothing after a command: https://github.com/clap-rs/clap/issues/6421
        let fixed = String::from_utf8_lossy(&script).replace("smtp__subcmd__codes", "smtp__codes");
        script = fixed.into_bytes();
    }
    write_out(&script)
}

/// `man`: the man page, `smtp-codes(1)` in roff, on standard output, with a section per
/// command as `--help` describes them.
pub fn man() -> Result<(), Failure> {
    let command = Cli::command();
    let mut page = Vec::new();
    let io = |err: std::io::Error| Failure::Io(format!("cannot render the man page: {err}"));
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page).map_err(io)?;
    man.render_name_section(&mut page).map_err(io)?;
    man.render_synopsis_section(&mut page).map_err(io)?;
    man.render_description_section(&mut page).map_err(io)?;
    man.render_options_section(&mut page).map_err(io)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        // The command's long description, as `smtp-codes help NAME` shows it.
        let about = sub
            .get_long_about()
            .or_else(|| sub.get_about())
            .map(ToString::to_string);
        let sub = sub.clone().bin_name(format!("smtp-codes {name}"));
        let mut section = Vec::new();
        let mut options = Vec::new();
        let sub_man = clap_mangen::Man::new(sub);
        sub_man.render_synopsis_section(&mut section).map_err(io)?;
        sub_man.render_options_section(&mut options).map_err(io)?;
        // Each command's synopsis, under a heading of its own.
        let section = String::from_utf8_lossy(&section).replacen(
            ".SH SYNOPSIS",
            &format!(".SH \"COMMAND: {}\"", name.to_uppercase()),
            1,
        );
        page.extend_from_slice(section.as_bytes());
        if let Some(about) = about {
            page.extend_from_slice(roff_paragraph(&about).as_bytes());
        }
        let options = String::from_utf8_lossy(&options).replacen(".SH OPTIONS", ".SS Options", 1);
        page.extend_from_slice(options.as_bytes());
    }
    let mut extra = Vec::new();
    man.render_extra_section(&mut extra).map_err(io)?;
    // clap_mangen heads `after_help` EXTRA; here it is the exit statuses.
    let extra = String::from_utf8_lossy(&extra).replacen(".SH EXTRA", ".SH \"EXIT STATUS\"", 1);
    page.extend_from_slice(extra.as_bytes());
    man.render_version_section(&mut page).map_err(io)?;
    write_out(&page)
}

/// Text as roff paragraphs: a line that starts with `.` or `'` would be read as a request.
fn roff_paragraph(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        out.push_str(".PP\n");
        for line in paragraph.lines() {
            let line = line.replace('\\', "\\e");
            if line.starts_with(['.', '\'']) {
                out.push_str("\\&");
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).map_err(write_failure)?;
    out.flush().map_err(write_failure)
}
