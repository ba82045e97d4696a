//! The accounts service (`SPOTIFY-PROTOCOL.md` §1.1, §1.2): `GET`/`POST /authorize` and
//! `POST /api/token`.
//!
//! `GET /authorize` shows a plain HTML consent page (a form, no JavaScript) unless auto-approval
//! is switched on for a user, in which case it redirects straight back with a code. The page
//! posts to `POST /authorize`, which checks everything again and redirects with a code (Agree) or
//! `error=access_denied` (Cancel).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use url::Url;

use crate::errors::{
    ApiError, CACHE_NO_STORE, ErrorPage, PAGE_INVALID_REDIRECT_URI, PAGE_MISSING_ACTION,
    PAGE_UNKNOWN_USER, R_ACCESS_DENIED, accounts_response, html_page,
};
use crate::extract::{FormParams, Params, QueryParams};
use crate::state::{
    AppState, AuthorizeError, AuthorizeParams, AuthorizeRequest, ClientAuth, Counter, TokenParams,
    VALID_SCOPES,
};

/// The accounts-service routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/authorize", get(authorize).post(authorize_decision))
        .route("/api/token", post(token))
}

/// `POST /api/token`: the three grants, answered with JSON and `no-store` caching.
async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    FormParams(form): FormParams,
) -> Response {
    state.count_token_request(form.get("grant_type").filter(|g| !g.is_empty()));
    let auth = client_auth(headers.get(header::AUTHORIZATION));
    let params = TokenParams {
        grant_type: form.get("grant_type"),
        client_id: form.get("client_id"),
        client_secret: form.get("client_secret"),
        code: form.get("code"),
        redirect_uri: form.get("redirect_uri"),
        code_verifier: form.get("code_verifier"),
        refresh_token: form.get("refresh_token"),
    };
    match state.token(&auth, &params) {
        Ok(body) => match serde_json::to_string(&body) {
            Ok(json) => accounts_response(StatusCode::OK, "application/json", json),
            Err(_) => ApiError::internal().into_response(),
        },
        Err(error) => error.into_response(),
    }
}

/// Reads `Authorization: Basic base64(id:secret)`. Other schemes are ignored (the body may
/// still authenticate the client).
fn client_auth(header: Option<&HeaderValue>) -> ClientAuth {
    let Some(header) = header else {
        return ClientAuth::Absent;
    };
    let Ok(value) = header.to_str() else {
        return ClientAuth::Garbled;
    };
    let (scheme, encoded) = value.trim().split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("basic") {
        return ClientAuth::Absent;
    }
    let encoded = encoded.trim();
    let decoded = STANDARD
        .decode(encoded)
        .or_else(|_| STANDARD_NO_PAD.decode(encoded));
    let credentials = decoded.ok().and_then(|bytes| String::from_utf8(bytes).ok());
    match credentials.as_deref().and_then(|c| c.split_once(':')) {
        Some((id, secret)) => ClientAuth::Basic {
            client_id: id.to_owned(),
            client_secret: secret.to_owned(),
        },
        None => ClientAuth::Garbled,
    }
}

/// The `/authorize` parameters of a query string or form.
fn authorize_params(params: &Params) -> AuthorizeParams<'_> {
    AuthorizeParams {
        client_id: params.get("client_id"),
        response_type: params.get("response_type"),
        redirect_uri: params.get("redirect_uri"),
        state: params.get("state"),
        scope: params.get("scope"),
        show_dialog: params.get("show_dialog"),
        code_challenge: params.get("code_challenge"),
        code_challenge_method: params.get("code_challenge_method"),
    }
}

/// The cookie that says which emulator user this browser is logged in as.
const USER_COOKIE: &str = "sp_emulator_user";

/// The user named by the browser's [`USER_COOKIE`], if any.
fn cookie_user(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == USER_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// `GET /authorize`: an error page, an error redirect, a code (auto-approval, or a user who
/// approved these scopes before and `show_dialog` is not `true`) or the consent page.
async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    QueryParams(query): QueryParams,
) -> Response {
    state.count(Counter::Authorize);
    let request = match state.check_authorize(&authorize_params(&query)) {
        Ok(request) => request,
        Err(error) => return authorize_error(error),
    };
    if let Some(user_id) = state.auto_approve_user() {
        return approve(&state, &request, &user_id);
    }
    match cookie_user(&headers) {
        Some(user_id) if state.approved_before(&request, &user_id) => {
            approve(&state, &request, &user_id)
        }
        _ => consent_page(&state, &request),
    }
}

/// `POST /authorize`: the consent form's answer.
async fn authorize_decision(
    State(state): State<AppState>,
    FormParams(form): FormParams,
) -> Response {
    state.count(Counter::Authorize);
    let request = match state.check_authorize(&authorize_params(&form)) {
        Ok(request) => request,
        Err(error) => return authorize_error(error),
    };
    match form.get("action") {
        Some("accept") => {
            let user_id = form
                .get("user")
                .filter(|u| !u.is_empty())
                .unwrap_or(state.default_user_id());
            match state.user(user_id) {
                Some(user) => {
                    state.remember_approval(&request, &user.id);
                    let mut response = approve(&state, &request, &user.id);
                    // The browser is now logged in as this user (Spotify's session cookie).
                    let cookie =
                        format!("{USER_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax", user.id);
                    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                        response.headers_mut().insert(header::SET_COOKIE, cookie);
                    }
                    response
                }
                None => ErrorPage(PAGE_UNKNOWN_USER).into_response(),
            }
        }
        Some("cancel") => redirect(
            &request.redirect_uri,
            &[("error", R_ACCESS_DENIED)],
            request.state.as_deref(),
        ),
        _ => ErrorPage(PAGE_MISSING_ACTION).into_response(),
    }
}

/// Issues a code and redirects back with it.
fn approve(state: &AppState, request: &AuthorizeRequest, user_id: &str) -> Response {
    let code = state.issue_code(request, user_id);
    redirect(
        &request.redirect_uri,
        &[("code", &code)],
        request.state.as_deref(),
    )
}

fn authorize_error(error: AuthorizeError) -> Response {
    match error {
        AuthorizeError::Page(message) => ErrorPage(message).into_response(),
        AuthorizeError::Redirect {
            redirect_uri,
            error,
            state,
        } => redirect(&redirect_uri, &[("error", error)], state.as_deref()),
    }
}

/// 302 to `redirect_uri` with `pairs` and `state` (if one was sent) appended to its query, which
/// keeps the parameters the redirect URI already has.
fn redirect(redirect_uri: &str, pairs: &[(&str, &str)], state: Option<&str>) -> Response {
    let Ok(mut url) = Url::parse(redirect_uri) else {
        return ErrorPage(PAGE_INVALID_REDIRECT_URI).into_response();
    };
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    match HeaderValue::from_str(url.as_str()) {
        Ok(location) => {
            let cache = HeaderValue::from_static(CACHE_NO_STORE);
            (
                StatusCode::FOUND,
                [(header::LOCATION, location), (header::CACHE_CONTROL, cache)],
            )
                .into_response()
        }
        Err(_) => ErrorPage(PAGE_INVALID_REDIRECT_URI).into_response(),
    }
}

/// The consent page: the app, the scopes asked for, a user picker and Agree/Cancel.
fn consent_page(state: &AppState, request: &AuthorizeRequest) -> Response {
    let app = escape(&request.app.name);
    let mut hidden = vec![
        ("client_id", request.app.client_id.as_str()),
        ("response_type", "code"),
        ("redirect_uri", request.redirect_uri.as_str()),
    ];
    let scope = request.scopes.join(" ");
    hidden.push(("scope", &scope));
    if let Some(value) = &request.state {
        hidden.push(("state", value));
    }
    if let Some(challenge) = &request.code_challenge {
        hidden.push(("code_challenge", challenge));
        hidden.push(("code_challenge_method", "S256"));
    }
    if let Some(value) = &request.show_dialog {
        hidden.push(("show_dialog", value));
    }
    let hidden: String = hidden
        .iter()
        .map(|(name, value)| {
            format!(
                "  <input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
                escape(value)
            )
        })
        .collect();
    let scopes: String = if request.scopes.is_empty() {
        "  <li>Public data only</li>\n".to_owned()
    } else {
        request
            .scopes
            .iter()
            .map(|scope| {
                let description = VALID_SCOPES
                    .iter()
                    .find(|(name, _)| name == scope)
                    .map_or("", |(_, d)| *d);
                format!(
                    "  <li><code>{}</code>: {}</li>\n",
                    escape(scope),
                    escape(description)
                )
            })
            .collect()
    };
    let default_user = state.default_user_id();
    let mut users = state.users();
    // The default user first, then the others by id.
    users.sort_by_key(|user| user.id != default_user);
    let options: String = users
        .iter()
        .map(|user| {
            let selected = if user.id == default_user {
                " selected"
            } else {
                ""
            };
            let name = user.display_name.as_deref().unwrap_or(&user.id);
            format!(
                "    <option value=\"{}\"{selected}>{} ({}, {})</option>\n",
                escape(&user.id),
                escape(name),
                escape(&user.id),
                user.product.as_str()
            )
        })
        .collect();
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
         <title>Authorize {app} - Spotify Emulator</title></head>\n<body>\n\
         <h1>Connect <span id=\"app-name\">{app}</span> to your Spotify account</h1>\n\
         <p>{app} asks to:</p>\n<ul id=\"scopes\">\n{scopes}</ul>\n\
         <form method=\"post\" action=\"/authorize\">\n{hidden}\
         \x20 <label for=\"user\">Log in as</label>\n  <select name=\"user\" id=\"user\">\n{options}  </select>\n\
         \x20 <button type=\"submit\" name=\"action\" value=\"accept\" id=\"agree\">Agree</button>\n\
         \x20 <button type=\"submit\" name=\"action\" value=\"cancel\" id=\"cancel\">Cancel</button>\n\
         </form>\n</body>\n</html>\n"
    );
    html_page(StatusCode::OK, body)
}

/// Escapes text for HTML content and double-quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_parsing() {
        let header = |v: &str| client_auth(Some(&HeaderValue::from_str(v).unwrap()));
        let encoded = STANDARD.encode("id:se:cret");
        assert_eq!(
            header(&format!("Basic {encoded}")),
            ClientAuth::Basic {
                client_id: "id".into(),
                client_secret: "se:cret".into()
            }
        );
        assert_eq!(header("Basic !!!"), ClientAuth::Garbled);
        assert_eq!(
            header(&format!("Basic {}", STANDARD.encode("no-colon"))),
            ClientAuth::Garbled
        );
        assert_eq!(header("Bearer abc"), ClientAuth::Absent);
        assert_eq!(client_auth(None), ClientAuth::Absent);
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
