//! Profiles and `spotify config`.
//!
//! Settings live in one JSON file, `$XDG_CONFIG_HOME/spotify-cli/config.json` (or the
//! platform's equivalent), one entry per profile:
//! `{"profiles": {"work": {"client_id": "...", "base_url": "..."}}}`. The default profile is
//! named `default`. `--client-id`, `--base-url` and their environment variables come first; a
//! profile's settings fill in what they leave out. The client secret is never kept here: a
//! profile's client ID is used through its login (which needs no secret), never paired with
//! `SPOTIFY_CLIENT_SECRET`, which is used only with `SPOTIFY_CLIENT_ID`.
//!
//! Tokens stay in the one token database, under a key per profile: the default profile keeps
//! the key it always had (`CLIENT_ID@HOST`), so existing logins carry on; another profile's key
//! adds ` profile=NAME`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use spotify_web_api::TokenStore;

use crate::cli::{ConfigCommand, ConfigKey};
use crate::commands::{Context, UsageError};
use crate::output::Details;

/// The name of the default profile.
pub(crate) const DEFAULT_PROFILE: &str = "default";

/// What a profile sets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) base_url: Option<String>,
}

/// The settings file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct SettingsFile {
    #[serde(default)]
    profiles: BTreeMap<String, Settings>,
}

/// The profile in use: its name, its settings and where they are kept.
#[derive(Debug)]
pub(crate) struct Profile {
    /// `None` for the default profile.
    name: Option<String>,
    pub(crate) settings: Settings,
    /// The settings file.
    pub(crate) path: PathBuf,
    /// Why the settings file cannot be used and how to repair it, when the command reports
    /// it ([`Read::Report`]) rather than failing: the profile then has no settings.
    pub(crate) unusable: Option<String>,
}

/// What a command needs of the settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    /// Nothing: `--emulator` has its own app and server, and `config set|unset` read the
    /// file as they write it (and so can replace a corrupt one).
    Nothing,
    /// The profile's settings: a corrupt or unreadable file is an error that names it and
    /// says how to repair it.
    Settings,
    /// The settings if the file can be used, else why not (`spotify config`, which shows it).
    Report,
}

impl Profile {
    /// Loads the profile `name` (`None` or `default`: the default one), with its settings as
    /// `needs` asks. A profile that is not in the file yet has no settings; a bad name is a
    /// usage error.
    pub(crate) fn load(name: Option<&str>, needs: Read) -> anyhow::Result<Profile> {
        let name = match name.map(str::trim) {
            None | Some("") | Some(DEFAULT_PROFILE) => None,
            Some(name) => Some(check_name(name)?.to_owned()),
        };
        let path = settings_path()?;
        let key = name.as_deref().unwrap_or(DEFAULT_PROFILE);
        let of = |file: SettingsFile| file.profiles.get(key).cloned().unwrap_or_default();
        let (settings, unusable) = match needs {
            Read::Nothing => (Settings::default(), None),
            Read::Settings => (of(read_valid(&path, name.as_deref())?), None),
            Read::Report => match read(&path) {
                Err(e) => (
                    Settings::default(),
                    Some(format!("not readable: {}", e.root_cause())),
                ),
                Ok(bytes) => match parse(bytes.as_deref()) {
                    Ok(file) => (of(file), None),
                    Err(e) => (
                        Settings::default(),
                        Some(format!("not valid ({e}): {}", repair(name.as_deref()))),
                    ),
                },
            },
        };
        Ok(Profile {
            name,
            settings,
            path,
            unusable,
        })
    }

    /// The profile's name, `None` for the default one.
    pub(crate) fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The names of every profile in the settings file, and the default one.
    fn all(&self) -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = read_valid(&self.path, self.name())?
            .profiles
            .into_keys()
            .collect();
        if !names.iter().any(|n| n == DEFAULT_PROFILE) {
            names.insert(0, DEFAULT_PROFILE.to_owned());
        }
        Ok(names)
    }

    /// Sets (or with `None` removes) one of this profile's settings in the file as it is now,
    /// keeping the other profiles. A corrupt file is replaced: its bytes are first copied to
    /// a backup beside it ([`keep`]), at the path returned.
    fn update(&self, key: ConfigKey, value: Option<String>) -> anyhow::Result<Option<PathBuf>> {
        let bytes = read(&self.path)?;
        let (mut file, kept) = match parse(bytes.as_deref()) {
            Ok(file) => (file, None),
            Err(_) => {
                let kept = keep(&self.path, bytes.as_deref().unwrap_or_default())?;
                (SettingsFile::default(), Some(kept))
            }
        };
        let name = self.name().unwrap_or(DEFAULT_PROFILE).to_owned();
        let mut settings = file.profiles.remove(&name).unwrap_or_default();
        *slot(&mut settings, key) = value;
        if settings != Settings::default() {
            file.profiles.insert(name, settings);
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let text = serde_json::to_string_pretty(&file)? + "\n";
        // A whole file or the old one: written beside it, then renamed over it.
        let part = self.path.with_extension("json.part");
        std::fs::write(&part, text).with_context(|| format!("cannot write {}", part.display()))?;
        std::fs::rename(&part, &self.path)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(kept)
    }
}

/// A profile name: letters, digits, `-`, `_` and `.`, at most 64.
fn check_name(name: &str) -> Result<&str, UsageError> {
    let ok = name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(name)
    } else {
        Err(UsageError(format!(
            "bad profile name {name:?}: use letters, digits, '-', '_' and '.' (at most 64)"
        )))
    }
}

/// `$XDG_CONFIG_HOME/spotify-cli/config.json` (or the platform's equivalent).
fn settings_path() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "spotify-cli")
        .map(|d| d.config_dir().join("config.json"))
        .context("cannot find a home directory for the settings")
}

/// The settings file's bytes (`None` if it does not exist yet).
fn read(path: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display()))),
    }
}

/// The settings in the file's bytes (none for a file that does not exist yet).
fn parse(bytes: Option<&[u8]>) -> Result<SettingsFile, serde_json::Error> {
    bytes.map_or(Ok(SettingsFile::default()), serde_json::from_slice)
}

/// The settings file (empty if it does not exist yet); a corrupt one is an error that says
/// how to repair it.
fn read_valid(path: &Path, profile: Option<&str>) -> anyhow::Result<SettingsFile> {
    parse(read(path)?.as_deref()).map_err(|e| {
        anyhow::Error::new(e).context(format!(
            "the settings file {} is not valid: {}",
            path.display(),
            repair(profile)
        ))
    })
}

/// How to repair a corrupt settings file, with the command for `profile` (`None`: the
/// default one), so that run as shown it writes that profile's setting.
fn repair(profile: Option<&str>) -> String {
    let config = match profile {
        Some(name) => format!("spotify --profile {name} config"),
        None => "spotify config".to_owned(),
    };
    format!(
        "fix it, remove it, or run `{config} set KEY VALUE` (or `unset KEY`), which rewrites it and keeps the old file beside it"
    )
}

/// Copies a corrupt settings file's `bytes` to a backup beside it that does not exist yet:
/// `config.json.corrupt`, then `config.json.corrupt.2`, `.3`... so that no earlier backup is
/// ever overwritten (`create_new` makes the check and the creation one step).
fn keep(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    for n in 1..=1000 {
        let kept = match n {
            1 => path.with_extension("json.corrupt"),
            n => path.with_extension(format!("json.corrupt.{n}")),
        };
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&kept);
        match file {
            Ok(mut file) => {
                file.write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .with_context(|| format!("cannot write {}", kept.display()))?;
                return Ok(kept);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!(
                    "cannot keep the corrupt {} as {}",
                    path.display(),
                    kept.display()
                )));
            }
        }
    }
    anyhow::bail!(
        "cannot keep the corrupt {}: 1000 backups of it are already beside it; remove some",
        path.display()
    )
}

/// Runs `spotify config [show|set|unset]`.
pub(crate) async fn run(
    ctx: &Context,
    command: Option<&ConfigCommand>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        None | Some(ConfigCommand::Show) => show(ctx, out).await,
        Some(ConfigCommand::Set { key, value }) => {
            let value = value.trim();
            if value.is_empty() {
                let key = key_name(*key);
                let unset = ctx.command(&format!("config unset {key}"));
                return Err(
                    UsageError(format!("an empty {key}: to remove it, run `{unset}`")).into(),
                );
            }
            let kept = ctx.profile.update(*key, Some(value.to_owned()))?;
            let said = format!("Set {} for profile {}", key_name(*key), profile_name(ctx));
            ctx.print.message(out, &sentence(said, kept))
        }
        Some(ConfigCommand::Unset { key }) => {
            let kept = ctx.profile.update(*key, None)?;
            let said = format!("Unset {} for profile {}", key_name(*key), profile_name(ctx));
            ctx.print.message(out, &sentence(said, kept))
        }
    }
}

/// What `set` or `unset` did, and where the corrupt file it replaced went, if it did.
fn sentence(said: String, kept: Option<PathBuf>) -> String {
    match kept {
        None => format!("{said}."),
        Some(kept) => format!(
            "{said} (the settings file was not valid: it is kept at {}).",
            kept.display()
        ),
    }
}

fn slot(settings: &mut Settings, key: ConfigKey) -> &mut Option<String> {
    match key {
        ConfigKey::ClientId => &mut settings.client_id,
        ConfigKey::BaseUrl => &mut settings.base_url,
    }
}

fn key_name(key: ConfigKey) -> &'static str {
    match key {
        ConfigKey::ClientId => "client-id",
        ConfigKey::BaseUrl => "base-url",
    }
}

fn profile_name(ctx: &Context) -> &str {
    ctx.profile.name().unwrap_or(DEFAULT_PROFILE)
}

/// The app or user of a profile whose settings file cannot be used.
const UNKNOWN: &str = "unknown: the settings file cannot be used";

/// What `spotify config` shows, and prints as JSON with `--json`.
#[derive(Debug, Serialize)]
struct Shown {
    profile: String,
    /// `None` when the settings file cannot be used.
    profiles: Option<Vec<String>>,
    settings_file: PathBuf,
    /// Why the settings file cannot be used and how to repair it.
    settings_problem: Option<String>,
    token_database: PathBuf,
    client_id: Option<String>,
    api_url: String,
    user: Option<String>,
    scopes: Option<Vec<String>>,
}

/// Shows the profile, the files, the app and the user the login belongs to (asking Spotify
/// who it is, when there is a login). A settings file that cannot be used is shown with why
/// and how to repair it, and the rest is shown without it.
async fn show(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let client_id = ctx.client_id().ok().map(str::to_owned);
    let token = match ctx.client_id() {
        Ok(_) if !ctx.is_emulator() => ctx.token_store()?.load().await.ok().flatten(),
        _ => None,
    };
    let logged_in = token.is_some() || ctx.is_emulator();
    let user = if logged_in {
        match ctx.user_client().await?.me().await {
            Ok(me) => Some(match me.display_name.as_deref() {
                Some(name) if !name.is_empty() && name != me.id.as_str() => {
                    format!("{} ({name})", me.id)
                }
                _ => me.id.to_string(),
            }),
            Err(e) => Some(format!("logged in, but Spotify did not say who: {e}")),
        }
    } else {
        None
    };
    let scopes = ctx
        .login_scopes()
        .await
        .filter(|_| logged_in)
        .map(|s| s.iter().map(|s| s.as_str().to_owned()).collect::<Vec<_>>());
    let problem = ctx.profile.unusable.clone();
    let shown = Shown {
        profile: profile_name(ctx).to_owned(),
        profiles: match problem {
            None => Some(ctx.profile.all()?),
            Some(_) => None,
        },
        settings_file: ctx.profile.path.clone(),
        settings_problem: problem,
        token_database: ctx.token_database(),
        client_id,
        api_url: ctx.api_url(),
        user,
        scopes,
    };
    // Without the file, what it may set is not known: the profile's app and API, and so its
    // login, unless a flag or the environment gave them.
    let unusable = shown.settings_problem.is_some();
    let unknown = unusable && shown.client_id.is_none();
    let api = if unusable && !ctx.api_url_given() {
        UNKNOWN.to_owned()
    } else {
        shown.api_url.clone()
    };
    ctx.print.object(out, &shown, |out, width| {
        Details::new(format!("Profile {}", shown.profile))
            .field_opt("profiles", shown.profiles.as_ref().map(|p| p.join(", ")))
            .field("settings", shown.settings_file.display().to_string())
            .field_opt("problem", shown.settings_problem.as_ref())
            .field("tokens", shown.token_database.display().to_string())
            .field(
                "app",
                shown.client_id.clone().unwrap_or_else(|| {
                    if unknown {
                        return UNKNOWN.to_owned();
                    }
                    format!(
                        "none: set SPOTIFY_CLIENT_ID or `{}`",
                        ctx.command("config set client-id ID")
                    )
                }),
            )
            .field("api", &api)
            .field(
                "user",
                shown.user.clone().unwrap_or_else(|| {
                    if unusable {
                        return UNKNOWN.to_owned();
                    }
                    format!("not logged in: run `{}`", ctx.command("login"))
                }),
            )
            .field_opt("scopes", shown.scopes.as_ref().map(|s| s.join(" ")))
            .wrapped()
            .print(out, width)
    })
}
