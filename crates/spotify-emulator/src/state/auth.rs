//! The accounts side of the state, behind one lock: the registered apps and everything issued
//! to them (access and refresh tokens, authorization codes, remembered approvals).
//!
//! Apps live here, not beside the users, so that a Web API request reads its token and its app
//! (with the app's current quota mode) under one read lock.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use super::ACCESS_TOKEN_LIFETIME;
use crate::config::{App, User};
use crate::errors::BearerProblem;

/// What a valid bearer token grants: the app, the user (none for client credentials) and the
/// scopes. Cloning one bumps three reference counts.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub(crate) app: Arc<App>,
    pub(crate) user: Option<Arc<User>>,
    pub(crate) scopes: Arc<BTreeSet<String>>,
}

/// An issued access token.
#[derive(Clone, Debug)]
pub(crate) struct AccessToken {
    pub(crate) client_id: String,
    pub(crate) user_id: Option<String>,
    pub(crate) scopes: Arc<BTreeSet<String>>,
    pub(crate) expires_at: Duration,
}

/// An issued refresh token.
#[derive(Clone, Debug)]
pub(crate) struct RefreshToken {
    pub(crate) client_id: String,
    pub(crate) user_id: String,
    pub(crate) scopes: Vec<String>,
    /// When the user approved at `/authorize`: refreshing never moves this.
    pub(crate) authorized_at: Duration,
    /// Issued through PKCE: may be refreshed with `client_id` alone.
    pub(crate) pkce: bool,
    pub(crate) revoked: bool,
}

/// An issued authorization code.
#[derive(Clone, Debug)]
pub(crate) struct AuthCode {
    pub(crate) client_id: String,
    pub(crate) user_id: String,
    pub(crate) redirect_uri: String,
    pub(crate) scopes: Vec<String>,
    pub(crate) code_challenge: Option<String>,
    pub(crate) issued_at: Duration,
    pub(crate) expires_at: Duration,
}

/// Apps and what was issued to them.
#[derive(Debug, Default)]
pub(crate) struct Auth {
    pub(crate) apps: HashMap<String, Arc<App>>,
    pub(crate) access_tokens: HashMap<String, AccessToken>,
    pub(crate) refresh_tokens: HashMap<String, RefreshToken>,
    pub(crate) codes: HashMap<String, AuthCode>,
    /// (user id, client id) → the scopes the user approved for that app.
    pub(crate) approvals: HashMap<(String, String), BTreeSet<String>>,
}

impl Auth {
    /// The registered `apps`, nothing issued yet.
    pub(crate) fn new(apps: &[App]) -> Self {
        Self {
            apps: apps
                .iter()
                .map(|a| (a.client_id.clone(), Arc::new(a.clone())))
                .collect(),
            ..Self::default()
        }
    }

    /// Issues an access token; drops expired ones now and then so memory stays bounded.
    pub(crate) fn issue_access_token(
        &mut self,
        now: Duration,
        client_id: &str,
        user_id: Option<&str>,
        scopes: &[String],
    ) -> String {
        if self.access_tokens.len() >= 10_000 {
            self.access_tokens.retain(|_, t| t.expires_at > now);
        }
        let token = super::random_token("BQ", 96);
        self.access_tokens.insert(
            token.clone(),
            AccessToken {
                client_id: client_id.to_owned(),
                user_id: user_id.map(str::to_owned),
                scopes: Arc::new(scopes.iter().cloned().collect()),
                expires_at: now.saturating_add(ACCESS_TOKEN_LIFETIME),
            },
        );
        token
    }

    /// What `token` grants at `now`, or why it cannot be used. `users` resolves the user id.
    pub(crate) fn grant(
        &self,
        token: &str,
        now: Duration,
        users: &HashMap<String, Arc<User>>,
    ) -> Result<Grant, BearerProblem> {
        let record = self
            .access_tokens
            .get(token)
            .ok_or(BearerProblem::Unknown)?;
        if now >= record.expires_at {
            return Err(BearerProblem::Expired);
        }
        let app = self
            .apps
            .get(&record.client_id)
            .cloned()
            .ok_or(BearerProblem::Unknown)?;
        let user = match &record.user_id {
            Some(id) => Some(users.get(id).cloned().ok_or(BearerProblem::Unknown)?),
            None => None,
        };
        Ok(Grant {
            app,
            user,
            scopes: Arc::clone(&record.scopes),
        })
    }
}

/// What a state file keeps of the accounts side: the access tokens not yet expired, every
/// refresh token (revoked ones too, so they still answer `Refresh token revoked`) and the
/// approvals. Authorization codes live minutes and are not kept. Times are Unix milliseconds
/// on the virtual clock.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct SavedAuth {
    access_tokens: Vec<SavedAccessToken>,
    refresh_tokens: Vec<SavedRefreshToken>,
    approvals: Vec<SavedApproval>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SavedAccessToken {
    token: String,
    client_id: String,
    user_id: Option<String>,
    scopes: Vec<String>,
    expires_at_ms: u64,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SavedRefreshToken {
    token: String,
    client_id: String,
    user_id: String,
    scopes: Vec<String>,
    authorized_at_ms: u64,
    pkce: bool,
    revoked: bool,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct SavedApproval {
    user_id: String,
    client_id: String,
    scopes: Vec<String>,
}

fn millis(at: Duration) -> u64 {
    u64::try_from(at.as_millis()).unwrap_or(u64::MAX)
}

impl Auth {
    /// What a state file keeps (sorted, so the same state writes the same file).
    pub(crate) fn to_saved(&self, now: Duration) -> SavedAuth {
        let mut access_tokens: Vec<SavedAccessToken> = self
            .access_tokens
            .iter()
            .filter(|(_, t)| t.expires_at > now)
            .map(|(token, t)| SavedAccessToken {
                token: token.clone(),
                client_id: t.client_id.clone(),
                user_id: t.user_id.clone(),
                scopes: t.scopes.iter().cloned().collect(),
                expires_at_ms: millis(t.expires_at),
            })
            .collect();
        access_tokens.sort_by(|a, b| a.token.cmp(&b.token));
        let mut refresh_tokens: Vec<SavedRefreshToken> = self
            .refresh_tokens
            .iter()
            .map(|(token, t)| SavedRefreshToken {
                token: token.clone(),
                client_id: t.client_id.clone(),
                user_id: t.user_id.clone(),
                scopes: t.scopes.clone(),
                authorized_at_ms: millis(t.authorized_at),
                pkce: t.pkce,
                revoked: t.revoked,
            })
            .collect();
        refresh_tokens.sort_by(|a, b| a.token.cmp(&b.token));
        let mut approvals: Vec<SavedApproval> = self
            .approvals
            .iter()
            .map(|((user_id, client_id), scopes)| SavedApproval {
                user_id: user_id.clone(),
                client_id: client_id.clone(),
                scopes: scopes.iter().cloned().collect(),
            })
            .collect();
        approvals.sort_by(|a, b| (&a.user_id, &a.client_id).cmp(&(&b.user_id, &b.client_id)));
        SavedAuth {
            access_tokens,
            refresh_tokens,
            approvals,
        }
    }

    /// Puts back what a state file kept.
    pub(crate) fn restore(&mut self, saved: SavedAuth) {
        for t in saved.access_tokens {
            self.access_tokens.insert(
                t.token,
                AccessToken {
                    client_id: t.client_id,
                    user_id: t.user_id,
                    scopes: Arc::new(t.scopes.into_iter().collect()),
                    expires_at: Duration::from_millis(t.expires_at_ms),
                },
            );
        }
        for t in saved.refresh_tokens {
            self.refresh_tokens.insert(
                t.token,
                RefreshToken {
                    client_id: t.client_id,
                    user_id: t.user_id,
                    scopes: t.scopes,
                    authorized_at: Duration::from_millis(t.authorized_at_ms),
                    pkce: t.pkce,
                    revoked: t.revoked,
                },
            );
        }
        for a in saved.approvals {
            self.approvals
                .insert((a.user_id, a.client_id), a.scopes.into_iter().collect());
        }
    }
}
