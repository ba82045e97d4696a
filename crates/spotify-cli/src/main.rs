//! `spotify`: a command-line tool for the Spotify Web API.
//!
//! `spotify --emulator search surfin bird` runs against a built-in emulator;
//! without `--emulator` it talks to Spotify with the app credentials in `SPOTIFY_CLIENT_ID`
//! and `SPOTIFY_CLIENT_SECRET`, or the user token stored by `spotify login`.

mod cli;
mod commands;
mod output;

use std::io::Write;
use std::process::ExitCode;

use spotify_web_api::Scope;

use crate::cli::{Cli, Command};
use crate::commands::Context;

/// Exit codes, one per kind of failure.
mod exit {
    /// Something else failed (I/O, the token database...).
    pub(crate) const OTHER: u8 = 1;
    /// Bad usage or bad input (clap also uses 2).
    pub(crate) const USAGE: u8 = 2;
    /// Spotify's accounts service refused the credentials or the login.
    pub(crate) const AUTH: u8 = 3;
    /// The Web API answered with an error (not found, forbidden, rate limited...).
    pub(crate) const API: u8 = 4;
    /// Spotify could not be reached.
    pub(crate) const NETWORK: u8 = 5;
}

fn main() -> ExitCode {
    let (cli, name) = Cli::parse_named();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SPOTIFY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off")),
        )
        .with_writer(std::io::stderr)
        // Colours only on a terminal and never with `NO_COLOR`: the rule of the output.
        .with_ansi(colours_on(&std::io::stderr()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::OTHER);
        }
    };
    match runtime.block_on(run(cli, &name)) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`spotify playlist items X | head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let red = anstyle::AnsiColor::Red.on_default().bold();
            anstream::eprintln!("{red}error:{red:#} {e:#}");
            ExitCode::from(exit_code(&e))
        }
    }
}

/// Whether escape codes reach this stream: on a terminal, unless `NO_COLOR` (or
/// `CLICOLOR=0`) says no; `CLICOLOR_FORCE` asks for them anywhere. `anstream` decides it, for
/// the output, the errors and the log alike.
fn colours_on(stream: &impl anstream::stream::RawStream) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

async fn run(cli: Cli, name: &str) -> anyhow::Result<()> {
    // Generated from the clap definitions, as they are: no settings, no network.
    match &cli.command {
        Command::Completions { shell } => {
            return commands::completions::completions(*shell, &mut std::io::stdout().lock());
        }
        Command::Man => return commands::completions::man(&mut std::io::stdout().lock()),
        _ => {}
    }
    // Views write bold headers; this stream drops the escape codes off a terminal and with
    // `NO_COLOR`.
    let mut out = anstream::AutoStream::auto(std::io::stdout()).lock();
    let ctx = Context::new(&cli.global, &cli.command, name).await?;
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Command::Search(args) => commands::search::run(&ctx, args, &mut out).await,
        Command::Track { track, market } => {
            commands::track::run(&ctx, track, market.as_deref(), &mut out).await
        }
        Command::Album { album, market } => {
            commands::album::run(&ctx, album, market.as_deref(), &mut out).await
        }
        Command::Artist(args) => commands::artist::run(&ctx, args, &mut out).await,
        Command::Playlist(args) => commands::playlist::run(&ctx, args, &mut out).await,
        Command::Show { show, market } => {
            commands::show::run(&ctx, show, market.as_deref(), &mut out).await
        }
        Command::Episode { episode, market } => {
            commands::episode::run(&ctx, episode, market.as_deref(), &mut out).await
        }
        Command::Audiobook { audiobook, market } => {
            commands::audiobook::run(&ctx, audiobook, market.as_deref(), &mut out).await
        }
        Command::Chapter { chapter, market } => {
            commands::chapter::run(&ctx, chapter, market.as_deref(), &mut out).await
        }
        Command::Login(args) => commands::auth::login(&ctx, args, &mut out, &mut err).await,
        Command::Logout => commands::auth::logout(&ctx, &mut out).await,
        Command::Me => commands::me::run(&ctx, &mut out).await,
        Command::Library { command } => commands::library::run(&ctx, command, &mut out).await,
        Command::Player { command } => commands::player::run(&ctx, command, &mut out).await,
        Command::Api(args) => commands::api::run(&ctx, args, &mut out).await,
        Command::Config { command } => {
            commands::config::run(&ctx, command.as_ref(), &mut out).await
        }
        Command::Completions { .. } | Command::Man => Ok(()),
    };
    if let Err(e) = result {
        return Err(login_hint(&ctx, e).await);
    }
    out.flush()?;
    Ok(())
}

/// A command needs a scope the login lacks: which one, and the login that grants it.
#[derive(Debug)]
struct ScopeNeeded {
    /// What the command said before the refusal (`saved the first 40 of 95 items`), if anything.
    before: Option<String>,
    /// The scopes the operation takes (any one of them is enough).
    needed: Vec<Scope>,
    /// The scopes to log in with (those the login has, and the first needed one); `None`:
    /// the default ones, which cover it.
    login: Option<Vec<Scope>>,
    /// `spotify login`, with the profile in use.
    command: String,
}

impl std::fmt::Display for ScopeNeeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(before) = &self.before {
            write!(f, "{before}: ")?;
        }
        let names: Vec<&str> = self.needed.iter().map(Scope::as_str).collect();
        match names.as_slice() {
            [one] => write!(f, "this needs the scope {one}")?,
            many => write!(f, "this needs one of the scopes {}", many.join(", "))?,
        }
        match &self.login {
            None => write!(f, ": run `{}`", self.command),
            Some(login) => {
                let login: Vec<&str> = login.iter().map(Scope::as_str).collect();
                write!(f, ": run `{} --scopes {}`", self.command, login.join(","))
            }
        }
    }
}

impl std::error::Error for ScopeNeeded {}

/// Turns a refusal for a missing scope into the `spotify login` that fixes it (keeping the
/// scopes the login already has), and a refused refresh token into "log in again": for every
/// command, here rather than in each.
async fn login_hint(ctx: &Context, e: anyhow::Error) -> anyhow::Error {
    use spotify_web_api::Error;
    let Some(api_error) = e.chain().find_map(|c| c.downcast_ref::<Error>()) else {
        return e;
    };
    if api_error.is_reauthorization_required() {
        return commands::LoginNeeded {
            why: "the login has expired or was revoked",
            login: ctx.command("login"),
        }
        .into();
    }
    let Some(needed) = api_error.missing_scopes() else {
        return e;
    };
    let needed = needed.to_vec();
    // What the command said before the library's error (its context), and how far a write
    // split into requests got.
    let mut before: Vec<String> = e
        .chain()
        .take_while(|c| !c.is::<Error>())
        .map(ToString::to_string)
        .collect();
    if api_error.completed().is_some() {
        before.push(api_error.to_string());
    }
    let login = match ctx.login_scopes().await {
        // No user login yet (an app token on a user's endpoint): the default login will do.
        None if commands::auth::DEFAULT_SCOPES
            .iter()
            .any(|s| needed.contains(s)) =>
        {
            None
        }
        has => {
            let mut login = has.unwrap_or_else(|| commands::auth::DEFAULT_SCOPES.to_vec());
            if let Some(first) = needed.first()
                && !needed.iter().any(|n| login.contains(n))
            {
                login.push(first.clone());
            }
            Some(login)
        }
    };
    ScopeNeeded {
        before: (!before.is_empty()).then(|| before.join(": ")),
        needed,
        login,
        command: ctx.command("login"),
    }
    .into()
}

/// Whether stdout was closed under us.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    // Writers report a failed write in their own error types: look through each.
    e.chain().any(|c| {
        let kind = c
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            .or_else(
                || match c.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                    Some(csv::ErrorKind::Io(io)) => Some(io.kind()),
                    _ => None,
                },
            );
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit code of a failure, from the library error in its chain.
fn exit_code(e: &anyhow::Error) -> u8 {
    use spotify_web_api::Error;
    if e.chain()
        .any(|c| c.is::<commands::LoginNeeded>() || c.is::<ScopeNeeded>())
    {
        return exit::AUTH;
    }
    if e.chain().any(|c| c.is::<commands::UsageError>()) {
        return exit::USAGE;
    }
    let Some(api_error) = e.chain().find_map(|c| c.downcast_ref::<Error>()) else {
        return exit::OTHER;
    };
    match api_error {
        Error::InvalidId { .. } | Error::InvalidArgument { .. } | Error::Config(_) => exit::USAGE,
        Error::Auth { .. }
        | Error::ReauthorizationRequired { .. }
        | Error::Authorization { .. }
        | Error::StateMismatch
        | Error::NoToken
        | Error::MissingScope { .. }
        | Error::Session(_) => exit::AUTH,
        Error::Transport(_) | Error::CallTimeout { .. } => exit::NETWORK,
        _ => exit::API,
    }
}
