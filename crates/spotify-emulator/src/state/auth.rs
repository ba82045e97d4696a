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
