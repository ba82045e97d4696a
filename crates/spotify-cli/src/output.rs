//! How results are printed.

use std::io::Write;

use spotify_web_api::model::{PrivateUser, Track};

/// Prints any model as pretty JSON.
pub(crate) fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// `m:ss` (or `h:mm:ss`).
pub(crate) fn duration(ms: u64) -> String {
    let secs = ms / 1000;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A track, readably.
pub(crate) fn track(out: &mut dyn Write, t: &Track) -> anyhow::Result<()> {
    let artists: Vec<&str> = t.artists.iter().map(|a| a.name.as_str()).collect();
    writeln!(out, "{}", t.name)?;
    writeln!(out, "  artists:  {}", artists.join(", "))?;
    let year = t.album.release_date.get(..4).unwrap_or_default();
    if year.is_empty() {
        writeln!(out, "  album:    {}", t.album.name)?;
    } else {
        writeln!(out, "  album:    {} ({year})", t.album.name)?;
    }
    writeln!(out, "  duration: {}", duration(t.duration_ms.into()))?;
    if let Some(playable) = t.is_playable {
        writeln!(out, "  playable: {}", if playable { "yes" } else { "no" })?;
    }
    writeln!(out, "  uri:      {}", t.uri)?;
    Ok(())
}

/// A user profile, readably.
pub(crate) fn user(out: &mut dyn Write, u: &PrivateUser) -> anyhow::Result<()> {
    match &u.display_name {
        Some(name) => writeln!(out, "{name} ({})", u.id)?,
        None => writeln!(out, "{}", u.id)?,
    }
    if let Some(email) = &u.email {
        writeln!(out, "  email:   {email}")?;
    }
    if let Some(product) = &u.product {
        writeln!(out, "  product: {product}")?;
    }
    if let Some(country) = &u.country {
        writeln!(out, "  country: {country}")?;
    }
    writeln!(out, "  uri:     {}", u.uri)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_player() {
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(151_000), "2:31");
        assert_eq!(duration(3_600_000 + 61_000), "1:01:01");
    }
}
