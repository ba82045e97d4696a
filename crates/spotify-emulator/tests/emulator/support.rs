//! Helpers: an in-process emulator driven through `router(state).oneshot(..)`, and views of
//! responses that snapshot well (random tokens and codes redacted).

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};
use spotify_emulator::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, EmulatorBuilder, router};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tower::ServiceExt as _;
use url::Url;

/// RFC 7636 Appendix B.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const REDIRECT: &str = "http://127.0.0.1:8888/callback";
pub const SURFIN_BIRD: &str = "7EjyzZcbLxW7PaaLua9Ksb";

/// Snapshot with maps sorted, whatever serde_json's `preserve_order` says in this build.
#[macro_export]
macro_rules! snap {
    ($name:expr, $value:expr) => {{
        let value = $value;
        insta::with_settings!({ sort_maps => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!($name, value);
        })
    }};
}

/// One emulator's state and router.
pub struct Emu {
    app: Router,
}

/// A response, fully read.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Emu {
    pub fn new() -> Self {
        Self::with(spotify_emulator::Emulator::builder())
    }

    pub fn with(builder: EmulatorBuilder) -> Self {
        Self {
            app: router(builder.into_state()),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// `POST uri` with a form body.
    pub async fn post_form(
        &self,
        uri: &str,
        form: &[(&str, &str)],
        basic: Option<(&str, &str)>,
    ) -> Reply {
        let mut request =
            Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some((id, secret)) = basic {
            request = request.header(header::AUTHORIZATION, basic_header(id, secret));
        }
        self.send(request.body(Body::from(encode(form))).unwrap())
            .await
    }

    /// `POST /api/token`.
    pub async fn token(&self, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> Reply {
        self.post_form("/api/token", form, basic).await
    }

    /// A client-credentials access token of the default app.
    pub async fn client_token(&self) -> String {
        let reply = self
            .token(
                &[("grant_type", "client_credentials")],
                Some(default_client()),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.json()["access_token"].as_str().unwrap().to_owned()
    }

    /// Approves `scope` for `user` on the consent form and returns the code.
    pub async fn code(&self, scope: &str, user: &str, challenge: Option<&str>) -> String {
        let mut form = vec![
            ("client_id", DEFAULT_CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", REDIRECT),
            ("scope", scope),
            ("user", user),
            ("action", "accept"),
        ];
        if let Some(challenge) = challenge {
            form.extend([
                ("code_challenge", challenge),
                ("code_challenge_method", "S256"),
            ]);
        }
        let reply = self.post_form("/authorize", &form, None).await;
        assert_eq!(reply.status, 302, "{}", reply.text());
        query_param(reply.location(), "code").unwrap()
    }

    /// Access and refresh token for the default user with `scope`, through the code flow with
    /// the client secret.
    pub async fn user_tokens(&self, scope: &str) -> (String, String) {
        let code = self.code(scope, "emulator-user", None).await;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ];
        let body = self.token(&form, Some(default_client())).await.json();
        (
            body["access_token"].as_str().unwrap().to_owned(),
            body["refresh_token"].as_str().unwrap().to_owned(),
        )
    }

    /// The same through PKCE (no secret).
    pub async fn pkce_tokens(&self, scope: &str) -> (String, String) {
        let code = self.code(scope, "emulator-user", Some(CHALLENGE)).await;
        let form = [
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", DEFAULT_CLIENT_ID),
            ("code_verifier", VERIFIER),
        ];
        let body = self.token(&form, None).await.json();
        (
            body["access_token"].as_str().unwrap().to_owned(),
            body["refresh_token"].as_str().unwrap().to_owned(),
        )
    }

    /// `GET uri` with `Authorization: Bearer token`.
    pub async fn api(&self, uri: &str, token: &str) -> Reply {
        self.api_with(
            uri,
            &[(header::AUTHORIZATION.as_str(), &format!("Bearer {token}"))],
        )
        .await
    }

    /// `GET uri` with these headers.
    pub async fn api_with(&self, uri: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// A control-plane call with an optional JSON body.
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("/__emulator{path}"));
        let body = match body {
            Some(body) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(body.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).unwrap()).await
    }
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    pub fn location(&self) -> &str {
        self.header("location").expect("a Location header")
    }

    /// Status, the named headers (when present) and the body (JSON, else text), with tokens,
    /// codes and ETags redacted.
    pub fn view(&self, headers: &[&str]) -> Value {
        let mut shown = Map::new();
        for name in headers {
            if let Some(value) = self.header(name) {
                shown.insert((*name).to_owned(), redact_header(name, value).into());
            }
        }
        let body = if self.body.is_empty() {
            Value::Null
        } else {
            match serde_json::from_slice::<Value>(&self.body) {
                Ok(mut json) => {
                    redact_json(&mut json);
                    json
                }
                Err(_) => Value::String(self.text()),
            }
        };
        json!({ "status": self.status, "headers": shown, "body": body })
    }

    /// [`Reply::view`] with the headers the accounts service and the error envelope care about.
    pub fn brief(&self) -> Value {
        self.view(&[
            "content-type",
            "cache-control",
            "www-authenticate",
            "location",
        ])
    }
}

fn redact_json(value: &mut Value) {
    if let Value::Object(map) = value {
        for key in ["access_token", "refresh_token"] {
            if let Some(token @ Value::String(_)) = map.get_mut(key) {
                *token = "[token]".into();
            }
        }
    }
}

fn redact_header(name: &str, value: &str) -> String {
    match name {
        "location" => match Url::parse(value) {
            Ok(mut url) => {
                let pairs: Vec<(String, String)> = url
                    .query_pairs()
                    .map(|(k, v)| {
                        (
                            k.to_string(),
                            if k == "code" {
                                "[code]".to_owned()
                            } else {
                                v.to_string()
                            },
                        )
                    })
                    .collect();
                url.query_pairs_mut().clear().extend_pairs(pairs);
                url.to_string()
            }
            Err(_) => value.to_owned(),
        },
        "etag" => "[etag]".to_owned(),
        _ => value.to_owned(),
    }
}

pub fn default_client() -> (&'static str, &'static str) {
    (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
}

pub fn basic_header(id: &str, secret: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{id}:{secret}")))
}

pub fn encode(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The first value of `name` in the query of `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The `id` of each item of a paging object.
pub fn ids(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// One HTTP/1.1 request over a fresh TCP connection to a running emulator:
/// (status, head, body).
pub async fn http(
    base_url: &str,
    request_line: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let address = base_url.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(address).await.unwrap();
    let mut request = format!(
        "{request_line} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let answer = read_answer(&mut stream).await;
    (
        answer.status,
        answer.head,
        String::from_utf8(answer.body).unwrap(),
    )
}

/// A response read off a socket.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

/// Reads one response: the head, then a `Content-Length` body, or to the end of the stream.
pub async fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "closed before an answer: {buffer:?}");
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).unwrap();
    let mut body = buffer[head_end + 4..].to_vec();
    let length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().unwrap())
    });
    match length {
        Some(length) => {
            while body.len() < length {
                let n = stream.read(&mut chunk).await.unwrap();
                assert!(n > 0, "body cut short");
                body.extend_from_slice(&chunk[..n]);
            }
        }
        None => {
            let _ = stream.read_to_end(&mut body).await;
        }
    }
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Answer { status, head, body }
}

/// A client-credentials token from a running emulator, over a socket.
pub async fn client_token(base_url: &str, id: &str, secret: &str) -> String {
    let (status, head, body) = http(
        base_url,
        "POST /api/token",
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("authorization", &basic_header(id, secret)),
        ],
        "grant_type=client_credentials",
    )
    .await;
    assert_eq!(status, 200, "{head}\n{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    json["access_token"].as_str().unwrap().to_owned()
}
