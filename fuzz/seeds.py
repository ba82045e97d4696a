#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (git-ignored).

- models:     the recorded response bodies the emulator ships (the PHP library's fixtures),
              each after the name of its operation's decode path and a newline;
- error_body: the error replies of the emulator's snapshot tests (status, Retry-After, body),
              in the target's input format, plus a few 429s and non-JSON bodies;
- redirect:   the authorize redirects of the emulator's snapshot tests;
- every target: the hand-written seeds checked in under fuzz/seeds/<target>/.

Run from anywhere: python3 fuzz/seeds.py. Existing corpus files are kept (libFuzzer adds its
own finds there); seeds are named by a hash of their content, so running it twice is harmless.
"""

import hashlib
import json
import pathlib
import shutil
import struct

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
FIXTURES = ROOT / "crates/spotify-emulator/src/catalog/fixtures"
SNAPSHOTS = ROOT / "crates/spotify-emulator/tests/emulator/snapshots"
TARGETS = ["ids", "error_body", "redirect", "models"]

# Each recorded body and the decode paths of its operations (names from `paths()` in
# fuzz_targets/models.rs), as crates/spotify-web-api/tests/api/fixtures.rs pairs them.
PAGE_OF = "next<PlaylistItem>"
MODELS = {
    "access-token.json": ["token"],
    "refresh-token.json": ["token"],
    "refresh-token-no-refresh-token.json": ["token"],
    "album-tracks.json": ["Page<SimplifiedTrack>"],
    "album.json": ["Album"],
    "albums.json": ["albums:several<Album>"],
    "artist-albums.json": ["Page<SimplifiedAlbum>", "next<SimplifiedAlbum>"],
    "artist-related-artists.json": ["artists:Vec<Artist>"],
    "artist-top-tracks.json": ["tracks:Vec<Track>"],
    "artist.json": ["Artist"],
    "artists.json": ["artists:several<Artist>"],
    "audio-analysis.json": ["AudioAnalysis"],
    "audio-features.json": ["AudioFeatures"],
    "audiobook-chapters.json": ["Page<SimplifiedChapter>"],
    "audiobook.json": ["Audiobook"],
    "audiobooks.json": ["audiobooks:several<Audiobook>"],
    "available-genre-seeds.json": ["genres:Vec<String>"],
    "categories-list.json": ["categories:Page<Category>"],
    "category-playlists.json": ["FeaturedPlaylists"],
    "category.json": ["Category"],
    "chapter.json": ["Chapter", "Audiobook"],
    "chapters.json": ["chapters:several<Chapter>"],
    "episode.json": ["Episode"],
    "episodes.json": ["episodes:several<Episode>"],
    "featured-playlists.json": ["FeaturedPlaylists"],
    "markets.json": ["markets:Vec<String>"],
    "multiple-audio-features.json": ["audio_features:several<AudioFeatures>"],
    "my-playlists.json": ["Page<SimplifiedPlaylist>"],
    "my-queue.json": ["Queue"],
    "new-releases.json": ["albums:Page<SimplifiedAlbum>", "next<SimplifiedAlbum>"],
    "playlist-cover-image.json": ["list<Image>"],
    "recently-played.json": ["CursorPage<PlayHistory>"],
    "recommendations.json": ["Recommendations"],
    "search-album.json": ["SearchResults"],
    "show-episodes.json": ["Page<SimplifiedEpisode>"],
    "show.json": ["Show"],
    "shows.json": ["shows:several<SimplifiedShow>"],
    "snapshot-id.json": ["SnapshotId"],
    "top-artists-and-tracks.json": ["Page<Artist>", "next<Artist>"],
    "track.json": ["Track"],
    "tracks.json": ["tracks:several<Track>"],
    "user-albums-contains.json": ["contains"],
    "user-albums.json": ["Page<SavedAlbum>"],
    "user-audiobooks-contains.json": ["contains"],
    "user-audiobooks.json": ["Page<SavedAudiobook>"],
    "user-current-playback-info.json": ["Option<PlaybackState>"],
    "user-current-track.json": ["Option<CurrentlyPlaying>"],
    "user-devices.json": ["Devices"],
    "user-episodes-contains.json": ["contains"],
    "user-episodes.json": ["Page<SavedEpisode>"],
    "user-followed-artists.json": ["artists:CursorPage<Artist>"],
    "user-follows-playlist.json": ["contains"],
    "user-follows.json": ["contains"],
    "user-library-contains.json": ["contains"],
    "user-playlist-items.json": ["Page<PlaylistItem>", PAGE_OF],
    "user-playlist-tracks.json": ["Page<PlaylistItem>"],
    "user-playlist.json": ["Playlist"],
    "user-playlists.json": ["Page<SimplifiedPlaylist>"],
    "user-shows-contains.json": ["contains"],
    "user-shows.json": ["Page<SavedShow>"],
    "user-tracks-contains.json": ["contains"],
    "user-tracks.json": ["Page<SavedTrack>"],
    "user.json": ["PublicUser", "PrivateUser"],
    "users-follows-playlist.json": ["contains"],
}


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = FUZZ / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def error_input(accounts, status, retry_after, body):
    """The error_body target's input: flags, status (big-endian), Retry-After, body."""
    flags = (1 if accounts else 0) | (2 if retry_after is not None else 0)
    out = bytes([flags]) + struct.pack(">H", status)
    if retry_after is not None:
        value = retry_after.encode()[:255]
        out += bytes([len(value)]) + value
    return out + body


def replies(value):
    """Every {"status", "headers", "body"} reply in a snapshot's JSON."""
    if isinstance(value, dict):
        if isinstance(value.get("status"), int) and "body" in value:
            yield value
        for member in value.values():
            yield from replies(member)
    elif isinstance(value, list):
        for member in value:
            yield from replies(member)


def snapshot_json(path):
    text = path.read_text()
    parts = text.split("---\n", 2)
    try:
        return json.loads(parts[2])
    except (IndexError, json.JSONDecodeError):
        return None


# The runs' -max_len (docs/testing.md, .ci/run): libFuzzer cuts a longer seed to this length,
# which would leave it broken JSON that no decode path gets past.
MAX_LEN = 65536


def shortened(value, keep=3):
    """`value` with every list cut to its first `keep` elements, at every depth."""
    if isinstance(value, dict):
        return {key: shortened(member, keep) for key, member in value.items()}
    if isinstance(value, list):
        return [shortened(member, keep) for member in value[:keep]]
    return value


def main():
    for fixture in sorted(FIXTURES.glob("*.json")):
        names = MODELS.get(fixture.name)
        if names is None:
            raise SystemExit(f"{fixture.name}: no decode path in seeds.py's MODELS")
        body = fixture.read_bytes()
        if len(body) > MAX_LEN - 64:
            body = json.dumps(shortened(json.loads(body)), indent=1).encode()
        for name in names:
            write("models", name.encode() + b"\n" + body)

    for snap in sorted(SNAPSHOTS.glob("*.snap")):
        value = snapshot_json(snap)
        if value is None:
            continue
        accounts = snap.name.startswith(("token_", "authorize_"))
        for reply in replies(value):
            status, body = reply["status"], reply["body"]
            headers = {k.lower(): v for k, v in (reply.get("headers") or {}).items()}
            raw = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            if status >= 400:
                write("error_body", error_input(accounts, status, headers.get("retry-after"), raw))
            location = headers.get("location")
            if isinstance(location, str) and "callback" in location:
                write("redirect", location)
                write("redirect", location + "\0" + "s")

    for accounts, status, retry_after, body in [
        (False, 429, "7", b""),
        (False, 429, "10800", b'{"error":{"status":429,"message":"API rate limit exceeded"}}'),
        (False, 429, "Wed, 21 Oct 2026 07:28:00 GMT", b""),
        (True, 429, " 3 ", b""),
        (False, 502, None, b"<html><body>Bad gateway</body></html>"),
        (False, 503, None, b'{"error":{"status":503'),
        (False, 404, None, b'{"error":{"status":404,"message":"No active device found","reason":"NO_ACTIVE_DEVICE"}}'),
        (True, 400, None, b'{"error":"invalid_grant","error_description":"Refresh token revoked"}'),
        (True, 400, None, b'{"error":null}'),
    ]:
        write("error_body", error_input(accounts, status, retry_after, body))

    for target in TARGETS:
        for seed in sorted((FUZZ / "seeds" / target).glob("*")):
            write(target, seed.read_bytes())
        (FUZZ / "corpus" / target).mkdir(parents=True, exist_ok=True)

    for target in TARGETS:
        print(target, len(list((FUZZ / "corpus" / target).iterdir())), "files")


if __name__ == "__main__":
    main()
