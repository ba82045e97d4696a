//! `spotify completions SHELL` and `spotify man`: generated from the clap definitions, so
//! they name every command and flag the binary has.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script of `shell`.
pub(crate) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut command = Cli::command();
    // Into memory first: `generate` panics on a failed write (`spotify completions bash | head`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "spotify", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Prints the manual page, in roff (`spotify man | man -l -`).
pub(crate) fn man(out: &mut dyn Write) -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command at every level: the bash function's name for its parent (`spotify`,
    /// `spotify__subcmd__playlist`) and its own name.
    fn commands(command: &clap::Command, path: &str, all: &mut Vec<(String, String)>) {
        for sub in command.get_subcommands() {
            all.push((path.to_owned(), sub.get_name().to_owned()));
            commands(sub, &format!("{path}__subcmd__{}", sub.get_name()), all);
        }
    }

    #[test]
    fn the_command_line_has_no_clashing_flags() {
        // clap's own checks: two arguments with one name (a global `--output` and a
        // subcommand's) panic at parse time otherwise.
        Cli::command().debug_assert();
    }

    #[test]
    fn bash_completes_every_command_of_the_clap_definition() {
        let mut script = Vec::new();
        completions(clap_complete::Shell::Bash, &mut script).unwrap();
        let script = String::from_utf8(script).unwrap();
        let mut all = Vec::new();
        commands(&Cli::command(), "spotify", &mut all);
        assert!(all.len() > 40, "{all:?}");
        for (parent, name) in all {
            // Each command's `case` arm lists the words after it.
            let arm = format!("{parent})");
            let words = script
                .lines()
                .skip_while(|l| l.trim() != arm)
                .find(|l| l.contains("opts=\""))
                .unwrap_or_else(|| panic!("no arm {arm}"));
            assert!(
                words
                    .split(|c: char| c == '"' || c.is_whitespace())
                    .any(|w| w == name),
                "{name} missing after {parent}: {words}"
            );
        }
    }

    #[test]
    fn the_man_page_names_every_top_level_command() {
        let mut page = Vec::new();
        man(&mut page).unwrap();
        let page = String::from_utf8(page).unwrap();
        for sub in Cli::command().get_subcommands() {
            assert!(page.contains(sub.get_name()), "{}", sub.get_name());
        }
    }
}
