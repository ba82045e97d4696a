//! `spotify api METHOD PATH [-f key=value]... [-F key=value]... [--input FILE] [--paginate]
//! [-i]`:
//! any Web API request, in the manner of `gh api`, through the library's one pipeline
//! ([`SpotifyWebApi::request`]): the managed token, retries, limits and typed errors, so a
//! failure exits with the same codes as every command.
//!
//! Fields go in the query for `GET` and `DELETE` and in a JSON object body otherwise, as `gh`
//! does. In a query, the values of `key[]` are joined with commas into `key` (Spotify's lists:
//! `-f ids[]=a -f ids[]=b` is `ids=a,b`); in a body they make an array.

use std::io::{Read, Write};

use serde_json::{Map, Value};
use spotify_web_api::{Error, RawResponse, SpotifyWebApi};

use crate::cli::ApiArgs;
use crate::commands::{Context, UsageError};
use crate::output::printer::ndjson_line;

/// Sends the request (and with `--paginate` every next page) and prints Spotify's JSON.
pub(crate) async fn run(ctx: &Context, args: &ApiArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let method = args.method.to_ascii_uppercase();
    let in_query = matches!(method.as_str(), "GET" | "DELETE");
    if args.paginate && method != "GET" {
        return Err(UsageError("--paginate follows the pages of a GET".into()).into());
    }
    if args.paginate && args.include {
        return Err(UsageError(
            "--include prints one answer's headers; --paginate prints the items of many".into(),
        )
        .into());
    }
    let mut fields = Vec::new();
    for raw in &args.raw_fields {
        fields.push(field(raw, false)?);
    }
    for typed in &args.fields {
        fields.push(field(typed, true)?);
    }
    let body = match &args.input {
        Some(path) => Some(read_input(path)?),
        None => None,
    };
    let api = ctx.user_or_app_client().await?;
    let mut request = api.request(&method, &args.path);
    if in_query {
        for (key, value) in query(fields) {
            request = request.query(key, value);
        }
    } else if !fields.is_empty() {
        request = request.json(&json_object(fields));
    }
    if let Some(body) = body {
        request = request.body("application/json", body);
    }
    let response = request.await.map_err(|e| match e {
        // The user's own URL, not one from a response: a usage error.
        Error::UntrustedUrl { url } => anyhow::Error::from(UsageError(format!(
            "{url:?} is not under the API base URL ({}): the token is sent only there",
            api.api_url()
        ))),
        e => e.into(),
    })?;
    if args.paginate {
        return paginate(&api, response.json()?, out).await;
    }
    if args.include {
        head(out, &response)?;
    }
    if response.bytes().iter().all(u8::is_ascii_whitespace) {
        return Ok(()); // 204 No Content, or a command's empty answer
    }
    let Ok(value) = response.json::<Value>() else {
        // Not JSON: as it came.
        out.write_all(response.bytes())?;
        return Ok(());
    };
    // JSON, pretty by default: `spotify api` has no view of its own.
    ctx.print.data(out, &value)
}

/// `--include`: the answer's status line (`HTTP/1.1 200 OK`), its headers as `name: value`
/// lines, and a blank line. All of it is the answer's; nothing of the request (its token) is
/// printed.
fn head(out: &mut dyn Write, response: &RawResponse) -> anyhow::Result<()> {
    let version = match response.version() {
        http::Version::HTTP_09 => "HTTP/0.9",
        http::Version::HTTP_10 => "HTTP/1.0",
        http::Version::HTTP_2 => "HTTP/2",
        http::Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    };
    let status = response.status();
    match http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => writeln!(out, "{version} {status} {reason}")?,
        None => writeln!(out, "{version} {status}")?,
    }
    for (name, value) in response.headers() {
        write!(out, "{name}: ")?;
        out.write_all(value.as_bytes())?;
        writeln!(out)?;
    }
    writeln!(out)?;
    Ok(())
}

/// `key=value`; typed (`-F`): `true`, `false`, `null` and numbers as JSON, `@FILE` read.
fn field(input: &str, typed: bool) -> anyhow::Result<(String, Value)> {
    let Some((key, value)) = input.split_once('=') else {
        return Err(UsageError(format!("bad field {input:?}: expected KEY=VALUE")).into());
    };
    if key.is_empty() {
        return Err(UsageError(format!("bad field {input:?}: the key is empty")).into());
    }
    let value = if !typed {
        Value::String(value.to_owned())
    } else if let Some(path) = value.strip_prefix('@') {
        let text = std::fs::read_to_string(path)
            .map_err(|e| UsageError(format!("cannot read {path} for field {key}: {e}")))?;
        Value::String(text)
    } else {
        match value {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            number => match serde_json::from_str::<serde_json::Number>(number) {
                Ok(n) => Value::Number(n),
                Err(_) => Value::String(value.to_owned()),
            },
        }
    };
    Ok((key.to_owned(), value))
}

/// The fields as query parameters: `key[]` values joined with commas.
fn query(fields: Vec<(String, Value)>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in fields {
        let text = match value {
            Value::String(s) => s,
            other => other.to_string(),
        };
        match key.strip_suffix("[]") {
            Some(list) => match pairs.iter_mut().find(|(k, _)| k == list) {
                Some((_, joined)) => {
                    joined.push(',');
                    joined.push_str(&text);
                }
                None => pairs.push((list.to_owned(), text)),
            },
            None => pairs.push((key, text)),
        }
    }
    pairs
}

/// The fields as a JSON object: `key[]` values make an array.
fn json_object(fields: Vec<(String, Value)>) -> Value {
    let mut object = Map::new();
    for (key, value) in fields {
        match key.strip_suffix("[]") {
            Some(list) => {
                let slot = object
                    .entry(list.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                match slot {
                    Value::Array(items) => items.push(value),
                    other => *other = Value::Array(vec![other.take(), value]),
                }
            }
            None => {
                object.insert(key, value);
            }
        }
    }
    Value::Object(object)
}

/// The body of `--input`: a file, or standard input for `-`.
fn read_input(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(path)
        .map_err(|e| UsageError(format!("cannot read --input {}: {e}", path.display())).into())
}

/// The pages in a response: the response itself if it is one (`items` at the top level),
/// else each member that is one (`tracks`, `albums`... in search, `artists` in followed
/// artists, a playlist's `items` page).
fn pages(value: &Value) -> Vec<&Map<String, Value>> {
    fn is_page(v: &Value) -> Option<&Map<String, Value>> {
        v.as_object()
            .filter(|o| o.get("items").is_some_and(Value::is_array))
    }
    if let Some(page) = is_page(value) {
        return vec![page];
    }
    value
        .as_object()
        .map(|o| o.values().filter_map(is_page).collect())
        .unwrap_or_default()
}

/// Prints every item of every page as a line of JSON, following each page's `next` through
/// the pipeline. A response without a page is printed as one line.
async fn paginate(api: &SpotifyWebApi, first: Value, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut queue = std::collections::VecDeque::from([first]);
    let mut first_response = true;
    while let Some(value) = queue.pop_front() {
        let found = pages(&value);
        if found.is_empty() && first_response {
            ndjson_line(out, &value)?;
        }
        first_response = false;
        let mut next = Vec::new();
        for page in found {
            for item in page["items"].as_array().into_iter().flatten() {
                ndjson_line(out, item)?;
            }
            if let Some(url) = page.get("next").and_then(Value::as_str) {
                next.push(url.to_owned());
            }
        }
        for url in next {
            queue.push_back(api.request("GET", url).await?.json()?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_go_in_the_query_with_lists_joined_or_in_a_body_typed() {
        let fields: Vec<_> = ["q=surfin bird", "ids[]=a", "ids[]=b", "type=track"]
            .iter()
            .map(|f| field(f, false).unwrap())
            .collect();
        assert_eq!(
            query(fields),
            [
                ("q".to_owned(), "surfin bird".to_owned()),
                ("ids".to_owned(), "a,b".to_owned()),
                ("type".to_owned(), "track".to_owned()),
            ]
        );
        let body = json_object(vec![
            field("name=Road trip", false).unwrap(),
            field("public=false", true).unwrap(),
            field("public_raw=false", false).unwrap(),
            field("position=3", true).unwrap(),
            field("uris[]=spotify:track:x", false).unwrap(),
            field("uris[]=spotify:track:y", false).unwrap(),
        ]);
        assert_eq!(
            body,
            serde_json::json!({
                "name": "Road trip", "public": false, "public_raw": "false", "position": 3,
                "uris": ["spotify:track:x", "spotify:track:y"],
            })
        );
        assert!(field("novalue", false).is_err());
        assert!(field("=x", true).is_err());
    }

    #[test]
    fn pages_are_found_at_the_top_or_one_level_down() {
        let top = serde_json::json!({"items": [1], "next": null});
        assert_eq!(pages(&top).len(), 1);
        let search = serde_json::json!({
            "tracks": {"items": [1], "next": "x"},
            "albums": {"items": [], "next": null},
        });
        assert_eq!(pages(&search).len(), 2);
        assert!(pages(&serde_json::json!({"name": "x"})).is_empty());
    }
}
