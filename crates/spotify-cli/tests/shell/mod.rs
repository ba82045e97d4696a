//! `spotify completions SHELL` and `spotify man`, generated from the clap definitions.

use crate::support::{run, spotify, stdout_of, text};

/// The top-level commands, as `spotify help` lists them (from the clap definition).
async fn commands() -> Vec<String> {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.arg("help");
    let help = stdout_of(cmd).await;
    let listed: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(listed.len() > 15, "{help}");
    listed
}

#[tokio::test]
async fn every_shell_gets_a_script_and_bash_completes_every_command() {
    let home = tempfile::tempdir().unwrap();
    let commands = commands().await;
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let mut cmd = spotify(home.path());
        cmd.args(["completions", shell]);
        let script = stdout_of(cmd).await;
        assert!(script.len() > 1000, "{shell}: {script}");
        assert!(script.contains("spotify"), "{shell}");
        if shell == "bash" {
            assert!(script.starts_with("_spotify() {"), "{script}");
            // The words offered after `spotify`.
            let top = script
                .lines()
                .skip_while(|l| !l.trim_start().starts_with("spotify)"))
                .find(|l| l.contains("opts=\""))
                .unwrap_or_else(|| panic!("no top-level words: {script}"));
            for command in &commands {
                assert!(
                    top.split(|c: char| c == '"' || c.is_whitespace())
                        .any(|w| w == command),
                    "{command} missing from {top}"
                );
            }
        }
    }
    // Not a shell it knows: a usage error from clap.
    let mut cmd = spotify(home.path());
    cmd.args(["completions", "tcsh"]);
    let out = run(cmd).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[tokio::test]
async fn the_man_page_is_roff_naming_every_command() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = spotify(home.path());
    cmd.arg("man");
    let page = stdout_of(cmd).await;
    assert!(page.contains(".TH spotify 1"), "{page}");
    for command in commands().await {
        assert!(
            page.contains(&command),
            "{command} missing from the man page"
        );
    }
}
