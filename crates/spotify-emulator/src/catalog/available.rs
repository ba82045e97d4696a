//! Market-bound content: shows, episodes, audiobooks and chapters as a caller in a market sees
//! them.
//!
//! Spotify considers such content unavailable when neither a market nor a user country is
//! known (spec `QueryMarket`: "If neither market or user country are provided, the content is
//! considered unavailable for the client"), and sells audiobooks, and so their chapters, only
//! in the markets of [`AUDIOBOOK_MARKETS`](super::markets::AUDIOBOOK_MARKETS). Content
//! unavailable to the caller is answered like content that does not exist: 404 `non existing
//! id` for a single get, a `null` slot in a multi-get. Tracks and albums are not gated here:
//! they stay visible everywhere, with `is_playable` and relinking.

use super::Catalog;
use super::markets::MarketSet;
use super::model::{Audiobook, Chapter, Episode, Show};

/// Whether content sold in `markets` is available to a caller in `market` (none: unavailable).
fn available(markets: MarketSet, market: Option<&str>) -> bool {
    market.is_some_and(|market| markets.contains(market))
}

impl Catalog {
    /// The show, if it exists and is available in `market`.
    pub(crate) fn show_in(&self, id: &str, market: Option<&str>) -> Option<&Show> {
        self.show(id).filter(|show| available(show.markets, market))
    }

    /// The episode, if it exists and is available in `market`.
    pub(crate) fn episode_in(&self, id: &str, market: Option<&str>) -> Option<&Episode> {
        self.episode(id)
            .filter(|episode| available(episode.markets, market))
    }

    /// The audiobook, if it exists and is sold in `market`.
    pub(crate) fn audiobook_in(&self, id: &str, market: Option<&str>) -> Option<&Audiobook> {
        self.audiobook(id)
            .filter(|book| available(book.markets, market))
    }

    /// The chapter, if it exists and is sold in `market`.
    pub(crate) fn chapter_in(&self, id: &str, market: Option<&str>) -> Option<&Chapter> {
        self.chapter(id)
            .filter(|chapter| available(chapter.markets, market))
    }
}

#[cfg(test)]
mod tests {
    use super::super::ids;
    use super::super::markets::AUDIOBOOK_MARKETS;
    use super::*;

    #[test]
    fn nothing_is_available_without_a_market() {
        let c = Catalog::builtin();
        assert!(c.show(ids::SHOW_60_EPISODES).is_some());
        assert!(c.show_in(ids::SHOW_60_EPISODES, None).is_none());
        assert!(c.show_in(ids::SHOW_60_EPISODES, Some("SE")).is_some());
        let episode = c.shows[&c.show(ids::SHOW_60_EPISODES).unwrap().id].episodes[0];
        assert!(c.episode_in(episode.as_str(), None).is_none());
        assert!(c.episode_in(episode.as_str(), Some("JP")).is_some());
        assert!(c.show_in("0000000000000000000000", Some("SE")).is_none());
    }

    #[test]
    fn every_audiobook_and_chapter_is_sold_only_in_the_audiobook_markets() {
        let c = Catalog::builtin();
        assert!(!c.audiobooks.is_empty() && !c.chapters.is_empty());
        for book in c.audiobooks.values() {
            let id = book.id.as_str();
            assert!(c.audiobook_in(id, Some("SE")).is_none(), "{id}");
            assert!(c.audiobook_in(id, None).is_none(), "{id}");
            for market in AUDIOBOOK_MARKETS {
                assert!(c.audiobook_in(id, Some(market)).is_some(), "{id} {market}");
            }
        }
        for chapter in c.chapters.values() {
            let id = chapter.id.as_str();
            assert!(c.chapter_in(id, Some("DE")).is_none(), "{id}");
            assert!(c.chapter_in(id, Some("US")).is_some(), "{id}");
        }
    }
}
