//! Token stores: files with mode 0600, SQLite, callbacks; restored tokens keep their expiry.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use spotify_web_api::{CallbackTokenStore, FileTokenStore, Scope, Token, TokenStore};

fn sample() -> Token {
    Token::new("BQ-access", UNIX_EPOCH + Duration::from_secs(2_000_000_000))
        .with_scopes([Scope::UserReadPrivate, Scope::PlaylistModifyPublic])
        .with_refresh_token("AQ-refresh")
}

#[tokio::test]
async fn file_store_writes_mode_0600_and_restores_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("token.json");
    let store = FileTokenStore::new(&path);
    assert!(store.load().await.unwrap().is_none());
    store.save(&sample()).await.unwrap();

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    let back = FileTokenStore::new(&path).load().await.unwrap().unwrap();
    assert_eq!(back.expires_at(), sample().expires_at());
    assert_eq!(back.scopes(), sample().scopes());
    assert_eq!(back.refresh_token(), Some("AQ-refresh"));

    // Replacing leaves no temporary file behind.
    store
        .save(&Token::new("BQ-2", SystemTime::now()))
        .await
        .unwrap();
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".lock"))
        .collect();
    assert_eq!(names, ["token.json"]);
    assert_eq!(store.load().await.unwrap().unwrap().access_token(), "BQ-2");

    store.clear().await.unwrap();
    assert!(store.load().await.unwrap().is_none());
}

#[tokio::test]
async fn a_corrupt_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token.json");
    std::fs::write(&path, b"{ not json").unwrap();
    let err = FileTokenStore::new(&path).load().await.unwrap_err();
    assert!(
        matches!(err, spotify_web_api::Error::TokenStore(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn callback_store_calls_the_users_code() {
    let saved = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = saved.clone();
    let store = CallbackTokenStore::new(
        || async { Ok(Some(sample())) },
        move |token: Token| {
            let sink = sink.clone();
            async move {
                sink.lock().unwrap().push(token.access_token().to_owned());
                Ok(())
            }
        },
    );
    assert_eq!(
        store.load().await.unwrap().unwrap().access_token(),
        "BQ-access"
    );
    store.save(&sample()).await.unwrap();
    assert_eq!(*saved.lock().unwrap(), ["BQ-access"]);
}

#[cfg(feature = "sqlite")]
#[tokio::test]
async fn sqlite_store_keeps_tokens_by_name() {
    use spotify_web_api::SqliteTokenStore;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tokens.sqlite3");
    let alice = SqliteTokenStore::new(&db, "alice");
    let bob = SqliteTokenStore::new(&db, "bob");
    assert!(alice.load().await.unwrap().is_none());
    alice.save(&sample()).await.unwrap();
    bob.save(&Token::new("BQ-bob", SystemTime::now()))
        .await
        .unwrap();
    alice.save(&sample()).await.unwrap(); // an update, not a second row

    let back = SqliteTokenStore::new(&db, "alice")
        .load()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.expires_at(), sample().expires_at());
    assert_eq!(back.scopes(), sample().scopes());
    assert_eq!(bob.load().await.unwrap().unwrap().access_token(), "BQ-bob");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
    alice.clear().await.unwrap();
    assert!(alice.load().await.unwrap().is_none());
    assert!(bob.load().await.unwrap().is_some());
}
