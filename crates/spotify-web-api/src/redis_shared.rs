//! Many workers, one app: the token and the request budget shared through Redis (feature
//! `redis`).
//!
//! Spotify counts its rate limit per app, not per process. Workers that share one client ID
//! share, through one Redis:
//!
//! - the token: one key per app token, expiring with it, or per user (it keeps the refresh
//!   token, so it stays until cleared); when it must be renewed,
//!   one worker renews it for all (a lock with a time to live), and the others read it;
//! - the request budget: one rolling window per app, taken by an atomic script on Redis's
//!   clock, first come first served;
//! - the pause after a 429: one worker's 429 holds every worker back for its `Retry-After`.
//!
//! When Redis cannot be reached, each worker logs one warning, keeps the token it has and
//! keeps to its own budget and pause; it shares again once Redis answers. `docs/scaling.md`
//! gives the key layout and what each failure does.
//!
//! ```no_run
//! use std::time::Duration;
//! use spotify_web_api::{RedisConfig, Session, SpotifyWebApi};
//!
//! # fn f() -> spotify_web_api::Result<()> {
//! let api = SpotifyWebApi::builder()
//!     .session(Session::new("CLIENT_ID", "CLIENT_SECRET"))
//!     .request_budget(150, Duration::from_secs(30)) // for the whole app, over all workers
//!     .redis(RedisConfig::new("redis://127.0.0.1:6379").prefix("my-crawler"))
//!     .build()?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, SystemTime};

use ::redis::aio::MultiplexedConnection;
use ::redis::{AsyncConnectionConfig, Client, Cmd, FromRedisValue, Script, ScriptInvocation};
use tokio::time::Instant;

use crate::error::{ConfigError, Error, Result, redacted_url};
use crate::limit::{RequestBudget, SharedLimits, SharedStart, lock};
use crate::store::{BoxFuture, RenewalTurn, TokenStore};
use crate::token::Token;

/// The key prefix unless one is set: `spotify`.
pub const DEFAULT_PREFIX: &str = "spotify";

/// How long the renewal lock lasts unless set: 10 s, far more than a token request takes.
pub const DEFAULT_LOCK_TTL: Duration = Duration::from_secs(10);

/// The longest a connection or an answer may take before Redis counts as out of reach.
const TIMEOUT: Duration = Duration::from_secs(1);

/// How often a worker that lost Redis tries to reach it again (not once per request).
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// How often a worker waiting for the renewal lock asks for it again.
const POLL: Duration = Duration::from_millis(25);

/// Where and how workers share the token, the budget and the pause: a Redis URL and a key
/// prefix (give it to [`SpotifyWebApiBuilder::redis`](crate::SpotifyWebApiBuilder::redis)).
///
/// Every worker of one app must use the same URL, prefix and request budget.
#[derive(Clone)]
pub struct RedisConfig {
    url: String,
    prefix: String,
    user: Option<String>,
    lock_ttl: Duration,
}

impl fmt::Debug for RedisConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisConfig")
            .field("url", &redacted_url(&self.url))
            .field("prefix", &self.prefix)
            .field("user", &self.user)
            .field("lock_ttl", &self.lock_ttl)
            .finish()
    }
}

impl RedisConfig {
    /// Redis at `url`: `redis://[[user]:password@]host[:port][/db]` (`rediss://` for TLS is
    /// not built in). The URL is checked when the client is built.
    pub fn new(url: impl Into<String>) -> RedisConfig {
        RedisConfig {
            url: url.into(),
            prefix: DEFAULT_PREFIX.to_owned(),
            user: None,
            lock_ttl: DEFAULT_LOCK_TTL,
        }
    }

    /// The prefix of every key, so that several jobs can share one Redis. Default:
    /// [`DEFAULT_PREFIX`] (`spotify`).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// The token shared is a user's, kept under `name` (a name you choose, e.g. the user's
    /// ID; an empty one is refused when the client is built,
    /// [`ConfigError::RedisEmptyUserName`]). Default: the app's client-credentials token.
    /// Needed when the session holds a user's refresh token
    /// ([`ConfigError::RedisUserWithoutName`] otherwise).
    pub fn user(mut self, name: impl Into<String>) -> Self {
        self.user = Some(name.into());
        self
    }

    /// How long the renewal lock lasts: a worker that dies while it renews the token delays
    /// the others by at most this. Keep it above the time a token request takes (a worker
    /// whose request outlasts it lets a second worker request one too). At least 100 ms.
    /// Default: [`DEFAULT_LOCK_TTL`] (10 s).
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl.max(Duration::from_millis(100));
        self
    }

    /// Whether the token shared is a user's (see [`RedisConfig::user`]).
    pub(crate) fn names_user(&self) -> bool {
        self.user.is_some()
    }

    fn token_key(&self, client_id: &str) -> String {
        match &self.user {
            None => format!("{}:{client_id}:token", self.prefix),
            Some(user) => format!("{}:{client_id}:user:{user}:token", self.prefix),
        }
    }

    /// The connection to Redis, once the settings are checked.
    fn link(&self) -> Result<Link> {
        if self
            .user
            .as_ref()
            .is_some_and(|user| user.trim().is_empty())
        {
            return Err(Error::Config(ConfigError::RedisEmptyUserName));
        }
        Link::open(&self.url)
    }

    /// The token store and the shared limits of the app `client_id`, over one connection.
    pub(crate) fn open(&self, client_id: &str) -> Result<(RedisTokenStore, Arc<RedisLimits>)> {
        let link = Arc::new(self.link()?);
        let limits = RedisLimits {
            link: link.clone(),
            budget_key: format!("{}:{client_id}:budget", self.prefix),
            pause_key: format!("{}:{client_id}:not-before", self.prefix),
        };
        Ok((self.store_on(link, client_id), Arc::new(limits)))
    }

    fn store_on(&self, link: Arc<Link>, client_id: &str) -> RedisTokenStore {
        let key = self.token_key(client_id);
        RedisTokenStore {
            lock_key: format!("{key}:lock"),
            key,
            lock_ttl: self.lock_ttl,
            user: self.user.is_some(),
            link,
        }
    }
}

/// The connection to Redis, shared by a client's token store and limits, and whether Redis
/// was reachable last time.
struct Link {
    client: Client,
    shown: String,
    conn: Mutex<Option<MultiplexedConnection>>,
    /// While Redis is out of reach: when to try again.
    retry_at: Mutex<Option<Instant>>,
    /// One connection attempt at a time.
    connecting: tokio::sync::Mutex<()>,
    /// Whether the last command failed (one warning per outage).
    down: AtomicBool,
    /// The kinds of error Redis has refused commands with (one warning per kind, not per
    /// request: commands that succeed in between do not make it log again).
    refusals: Mutex<std::collections::HashSet<String>>,
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("url", &self.shown)
            .field("reachable", &!self.down.load(Ordering::Relaxed))
            .finish()
    }
}

impl Link {
    fn open(url: &str) -> Result<Link> {
        let client = Client::open(url).map_err(|_| {
            Error::Config(ConfigError::RedisUrl {
                url: redacted_url(url),
            })
        })?;
        Ok(Link {
            client,
            shown: redacted_url(url),
            conn: Mutex::new(None),
            retry_at: Mutex::new(None),
            connecting: tokio::sync::Mutex::new(()),
            down: AtomicBool::new(false),
            refusals: Mutex::default(),
        })
    }

    /// The connection, opened if need be; `None` while Redis is out of reach.
    async fn connection(&self) -> Option<MultiplexedConnection> {
        let ready = || -> std::result::Result<MultiplexedConnection, bool> {
            if let Some(conn) = lock(&self.conn).clone() {
                return Ok(conn);
            }
            // Err(true): time to try again.
            Err(lock(&self.retry_at).is_none_or(|at| Instant::now() >= at))
        };
        match ready() {
            Ok(conn) => return Some(conn),
            Err(false) => return None,
            Err(true) => {}
        }
        let _one_at_a_time = self.connecting.lock().await;
        match ready() {
            Ok(conn) => return Some(conn),
            Err(false) => return None,
            Err(true) => {}
        }
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT));
        let connect = self
            .client
            .get_multiplexed_async_connection_with_config(&config);
        match tokio::time::timeout(TIMEOUT, connect).await {
            Ok(Ok(conn)) => {
                *lock(&self.conn) = Some(conn.clone());
                Some(conn)
            }
            // Out of reach: `lost` sets when to try again.
            Ok(Err(e)) if is_outage(&e) => self.lost(&e.to_string()),
            Ok(Err(e)) => {
                // Refused (a wrong password, say): not tried again on every request either.
                *lock(&self.retry_at) = Some(Instant::now() + RECONNECT_EVERY);
                self.refused(&e)
            }
            Err(_) => self.lost("no connection within 1 s"),
        }
    }

    /// Runs `cmd`; `None` if Redis is out of reach.
    async fn query<T: FromRedisValue>(&self, cmd: Cmd) -> Option<T> {
        let mut conn = self.connection().await?;
        let answer = tokio::time::timeout(TIMEOUT, cmd.query_async::<T>(&mut conn)).await;
        self.outcome(answer)
    }

    /// Runs a script; `None` if Redis is out of reach.
    async fn script<T: FromRedisValue>(&self, invocation: ScriptInvocation<'_>) -> Option<T> {
        let mut conn = self.connection().await?;
        let answer = tokio::time::timeout(TIMEOUT, invocation.invoke_async::<T>(&mut conn)).await;
        self.outcome(answer)
    }

    fn outcome<T>(
        &self,
        answer: std::result::Result<redis::RedisResult<T>, tokio::time::error::Elapsed>,
    ) -> Option<T> {
        match answer {
            Ok(Ok(value)) => {
                if self.down.swap(false, Ordering::SeqCst) {
                    tracing::info!(redis = %self.shown, "redis is back: sharing the token, budget and pause again");
                }
                Some(value)
            }
            Ok(Err(e)) => self.failed(&e),
            Err(_) => self.lost("no answer within 1 s"),
        }
    }

    /// Notes a failed command: an outage if the connection failed, else a refusal. Either
    /// way the worker keeps to its own state meanwhile; always `None`.
    fn failed<T>(&self, e: &redis::RedisError) -> Option<T> {
        if is_outage(e) {
            return self.lost(&e.to_string());
        }
        self.refused(e)
    }

    /// Notes a refusal (a wrong type, a script error, a missing password), logged once per
    /// kind; always `None`.
    fn refused<T>(&self, e: &redis::RedisError) -> Option<T> {
        // WRONGTYPE, NOAUTH, NOSCRIPT...: Redis's own code where it gave one.
        let kind = e
            .code()
            .map_or_else(|| format!("{:?}", e.kind()), str::to_owned);
        if lock(&self.refusals).insert(kind.clone()) {
            tracing::warn!(
                redis = %self.shown,
                kind = %kind,
                error = %e,
                "redis refused a command (it is reachable: check its password, its keys and its version): this worker keeps its own token, budget and pause until redis accepts"
            );
        }
        None
    }

    /// Notes that Redis is out of reach (one warning per outage); always `None`.
    fn lost<T>(&self, why: &str) -> Option<T> {
        *lock(&self.conn) = None;
        *lock(&self.retry_at) = Some(Instant::now() + RECONNECT_EVERY);
        if !self.down.swap(true, Ordering::SeqCst) {
            tracing::warn!(
                redis = %self.shown,
                error = %why,
                "redis is out of reach: this worker keeps its own token, budget and pause until it is back"
            );
        }
        None
    }
}

/// Whether `e` says Redis is out of reach (rather than that it refused a command).
fn is_outage(e: &redis::RedisError) -> bool {
    e.is_io_error() || e.is_timeout() || e.is_connection_dropped() || e.is_connection_refusal()
}

/// Keeps a token in Redis: one key per app token, expiring with it, or per user, kept (with
/// its refresh token) until cleared; shared by
/// every worker of the app, so that one of them renews it for all (see
/// [`TokenStore::renewal_turn`]).
///
/// [`SpotifyWebApiBuilder::redis`](crate::SpotifyWebApiBuilder::redis) makes one; build one
/// yourself to share a token without sharing the budget.
///
/// While Redis is out of reach, a load finds no token, a save keeps nothing (the worker keeps
/// using the token it has) and renewal needs no turn; one warning is logged per outage.
#[derive(Debug, Clone)]
pub struct RedisTokenStore {
    link: Arc<Link>,
    key: String,
    lock_key: String,
    lock_ttl: Duration,
    /// A user's key ([`RedisConfig::user`]): it takes only a token with a refresh token.
    user: bool,
}

impl RedisTokenStore {
    /// The store of the token of app `client_id` (or of the user `config` names).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if `config`'s URL is not a Redis URL, or its user name is empty.
    /// Nothing is connected yet: an
    /// unreachable Redis is found (and logged) on first use.
    pub fn new(config: &RedisConfig, client_id: &str) -> Result<RedisTokenStore> {
        Ok(config.store_on(Arc::new(config.link()?), client_id))
    }

    /// The key the token is kept under.
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl TokenStore for RedisTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
        Box::pin(async move {
            let Some(json) = self
                .link
                .query::<Option<String>>(redis::cmd("GET").arg(&self.key).clone())
                .await
                .flatten()
            else {
                return Ok(None);
            };
            serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| Error::TokenStore(Box::new(e)))
        })
    }

    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            if self.user && token.refresh_token().is_none() {
                // A worker whose session has no refresh token renews with client credentials:
                // an app's token under a user's key would end every worker's user session.
                return Err(Error::TokenStore(
                    "a user's Redis key takes only a token with a refresh token, not an app's \
                     token: give the worker's session the user's refresh token"
                        .into(),
                ));
            }
            let json = serde_json::to_string(token).map_err(|e| Error::TokenStore(Box::new(e)))?;
            let mut cmd = redis::cmd("SET");
            cmd.arg(&self.key).arg(json);
            if token.refresh_token().is_none() {
                // An app's key lasts as long as its token. A user's key holds the long-lived
                // refresh token too, and stays until it is cleared.
                let ttl = token
                    .expires_at()
                    .duration_since(SystemTime::now())
                    .unwrap_or_default();
                let ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
                cmd.arg("PX").arg(ms);
            }
            // Out of reach: the worker keeps using the token it has (warned once).
            let _ = self.link.query::<()>(cmd).await;
            Ok(())
        })
    }

    fn clear(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let _ = self
                .link
                .query::<()>(redis::cmd("DEL").arg(&self.key).clone())
                .await;
            Ok(())
        })
    }

    fn refuses_app_tokens(&self) -> bool {
        self.user
    }

    fn renewal_turn(&self) -> BoxFuture<'_, Result<Option<RenewalTurn>>> {
        Box::pin(async move {
            // The owner's mark: only it may release the lock (the process ID tells operators
            // which worker holds it).
            let owner = format!("{}:{:016x}", std::process::id(), rand::random::<u64>());
            let ms = u64::try_from(self.lock_ttl.as_millis()).unwrap_or(u64::MAX);
            // A holder that dies frees the lock within its time to live; past twice that,
            // something else is wrong, and renewing alone beats waiting forever.
            let give_up = Instant::now() + self.lock_ttl * 2 + TIMEOUT;
            loop {
                let mut cmd = redis::cmd("SET");
                cmd.arg(&self.lock_key)
                    .arg(&owner)
                    .arg("NX")
                    .arg("PX")
                    .arg(ms);
                match self.link.query::<Option<String>>(cmd).await {
                    // Out of reach: this worker renews alone.
                    None => return Ok(None),
                    Some(Some(_)) => break,
                    Some(None) if Instant::now() >= give_up => {
                        tracing::warn!(
                            key = %self.lock_key,
                            "the token's renewal lock stayed taken past twice its time to live: renewing without it"
                        );
                        return Ok(None);
                    }
                    Some(None) => tokio::time::sleep(POLL).await,
                }
            }
            let (link, key) = (self.link.clone(), self.lock_key.clone());
            Ok(Some(RenewalTurn::new(async move {
                let mut release = RELEASE.prepare_invoke();
                release.key(&key).arg(&owner);
                let _ = link.script::<i64>(release).await;
            })))
        })
    }
}

/// Deletes the lock `KEYS[1]` if its owner is still `ARGV[1]` (it may have expired and been
/// taken by another worker since).
static RELEASE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0",
    )
});

/// Takes a start in the app's budget. `KEYS[1]`: the starts handed out (a list, oldest first,
/// in microseconds of Redis's clock); `KEYS[2]`: the instant the app is paused until.
/// `ARGV[1]`: requests per window (0: no budget, only the pause is read); `ARGV[2]`: the window
/// in microseconds. Answers `{1, left}` while the app is paused (no start is taken), else
/// `{0, wait}`: the earliest start that keeps every window within the budget, after every
/// start handed out before (first come, first served), as the local budget does.
static TAKE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then
    return {1, paused - now}
end
local requests = tonumber(ARGV[1])
if requests < 1 then
    return {0, 0}
end
local window = tonumber(ARGV[2])
local n = redis.call('LLEN', KEYS[1])
while n > requests do
    redis.call('LPOP', KEYS[1])
    n = n - 1
end
local start = now
if n == requests then
    start = math.max(tonumber(redis.call('LPOP', KEYS[1])) + window, now)
end
local last = redis.call('LINDEX', KEYS[1], -1)
if last then
    start = math.max(start, tonumber(last))
end
redis.call('RPUSH', KEYS[1], string.format('%.0f', start))
redis.call('PEXPIRE', KEYS[1], math.floor((start - now + window) / 1000) + 1000)
return {0, start - now}",
    )
});

/// Pauses the app: `KEYS[1]` becomes now plus `ARGV[1]` microseconds (Redis's clock), unless
/// it is later already.
static PAUSE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wait = tonumber(ARGV[1])
local stop = now + wait
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if stop > paused then
    redis.call('SET', KEYS[1], string.format('%.0f', stop), 'PX', math.floor(wait / 1000) + 1000)
end
return 0",
    )
});

/// The app's budget and pause, kept in Redis.
#[derive(Debug)]
pub(crate) struct RedisLimits {
    link: Arc<Link>,
    budget_key: String,
    pause_key: String,
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

impl SharedLimits for RedisLimits {
    fn take(&self, budget: Option<RequestBudget>) -> BoxFuture<'_, Option<SharedStart>> {
        Box::pin(async move {
            let (requests, window) = budget.map_or((0, 0), |b| (b.requests, micros(b.window)));
            let mut take = TAKE.prepare_invoke();
            take.key(&self.budget_key)
                .key(&self.pause_key)
                .arg(requests)
                .arg(window);
            let (paused, wait): (i64, i64) = self.link.script(take).await?;
            let wait = Duration::from_micros(u64::try_from(wait).unwrap_or(0));
            Some(if paused == 1 {
                SharedStart::Paused(wait)
            } else {
                SharedStart::After(wait)
            })
        })
    }

    fn pause_for(&self, wait: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            let mut pause = PAUSE.prepare_invoke();
            pause.key(&self.pause_key).arg(micros(wait));
            let _ = self.link.script::<i64>(pause).await;
        })
    }
}
