//! One user's player: its devices, what plays, the queue, the modes and the history, and the
//! commands that change them.

use std::collections::VecDeque;

use super::PlayerSnapshot;
use super::items::{
    ContextRef, HistoryCursor, HistoryPage, Offset, Playable, PlaybackView, Played, QueueView,
    Repeat, Start,
};
use super::refusal::{Refusal, Restriction};
use crate::catalog::Catalog;
use crate::catalog::model::Id;
use crate::config::{Device, User};

/// How many plays the history keeps (Spotify's recently played holds the last 50).
pub(crate) const HISTORY_CAPACITY: usize = 50;
/// How many upcoming items `GET /me/player/queue` lists.
pub(crate) const QUEUE_LISTED: usize = 20;
/// `previous` this far (or further) into an item restarts it rather than going back.
pub(crate) const RESTART_AFTER_MS: u64 = 3_000;
/// A player left playing for longer than this many items (years of repeat) stops.
const MAX_ITEMS_CAUGHT_UP: usize = 10_000;

/// What plays on the active device.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Playback {
    context: Option<ContextRef>,
    /// The context's items (or the `uris` played), in the context's order.
    items: Vec<Playable>,
    /// The play order: indexes into `items` (shuffled or not).
    pub(super) order: Vec<usize>,
    /// Where the context is: an index into `order`.
    pub(super) position: usize,
    /// What plays now: the context's item at `position`, or a queued item.
    current: Playable,
    from_queue: bool,
    is_playing: bool,
    /// The progress at `since_ms`; while playing it grows with the clock.
    progress_ms: u64,
    since_ms: u64,
    changed_ms: u64,
}

impl Playback {
    fn progress_at(&self, now: u64) -> u64 {
        if self.is_playing {
            self.progress_ms
                .saturating_add(now.saturating_sub(self.since_ms))
        } else {
            self.progress_ms
        }
    }

    /// Puts the current item at `progress` as of `now`.
    fn set_progress(&mut self, progress: u64, now: u64) {
        self.progress_ms = progress;
        self.since_ms = now;
        self.changed_ms = now;
    }

    /// The context's item at `position`.
    pub(super) fn context_item(&self, position: usize) -> Option<Playable> {
        self.order
            .get(position)
            .and_then(|index| self.items.get(*index))
            .copied()
    }
}

/// One user's player (a state file keeps it as it is).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Player {
    #[serde(with = "super::saved_devices")]
    pub(super) devices: Vec<Device>,
    pub(super) active: Option<usize>,
    pub(super) playback: Option<Playback>,
    pub(super) queue: VecDeque<Playable>,
    /// Oldest first.
    pub(super) history: VecDeque<Played>,
    shuffle: bool,
    repeat: Repeat,
    /// The state of the generator that shuffles (splitmix64).
    shuffle_state: u64,
}

impl Player {
    /// A player with `user`'s devices, the first one marked active active, nothing loaded.
    pub(super) fn new(user: &User) -> Self {
        let active = user.devices.iter().position(|d| d.is_active);
        Self {
            devices: user.devices.clone(),
            active,
            playback: None,
            queue: VecDeque::new(),
            history: VecDeque::new(),
            shuffle: false,
            repeat: Repeat::Off,
            shuffle_state: Id::derived(&user.id).hash(),
        }
    }

    /// The devices, with `is_active` as the player has it.
    pub(crate) fn devices(&self) -> Vec<Device> {
        self.devices
            .iter()
            .enumerate()
            .map(|(index, device)| {
                let mut device = device.clone();
                device.is_active = Some(index) == self.active;
                device
            })
            .collect()
    }

    /// Brings the player up to `now`: items that reached their end while playing are recorded
    /// and followed by the next ones.
    pub(crate) fn catch_up(&mut self, now: u64, catalog: &Catalog) {
        for _ in 0..MAX_ITEMS_CAUGHT_UP {
            let Some(playback) = &self.playback else {
                return;
            };
            if !playback.is_playing {
                return;
            }
            let duration = playback.current.duration_ms(catalog);
            let progress = playback.progress_at(now);
            if progress < duration {
                return;
            }
            let ended = now.saturating_sub(progress - duration);
            self.finish(ended);
        }
        if let Some(playback) = &mut self.playback {
            playback.is_playing = false;
            playback.set_progress(0, now);
        }
    }

    /// The current item ended by itself at `at`: it is recorded, and what follows starts (or,
    /// at the end of the context, the player goes back to its first item, paused).
    fn finish(&mut self, at: u64) {
        self.record_current(at);
        let advanced = self.advance(true);
        let Some(playback) = &mut self.playback else {
            return;
        };
        if !advanced {
            playback.position = 0;
            if let Some(first) = playback.context_item(0) {
                playback.current = first;
            }
            playback.from_queue = false;
            playback.is_playing = false;
        }
        playback.set_progress(0, at);
    }

    /// Whether something follows the current item when it is skipped.
    fn has_next(&self) -> bool {
        self.playback.as_ref().is_some_and(|playback| {
            !self.queue.is_empty()
                || playback.position + 1 < playback.order.len()
                || self.repeat == Repeat::Context
        })
    }

    /// Moves to what follows the current item: the same item if it `finished` by itself under
    /// repeat `track`, else the first queued item, else the context's next one (wrapping
    /// around under repeat `context`). Returns `false`, changing nothing, when nothing follows.
    fn advance(&mut self, finished: bool) -> bool {
        let repeat = self.repeat;
        let Some(playback) = &mut self.playback else {
            return false;
        };
        if finished && repeat == Repeat::Track {
            return true;
        }
        if let Some(queued) = self.queue.pop_front() {
            playback.current = queued;
            playback.from_queue = true;
            return true;
        }
        let next = playback.position + 1;
        let position = if next < playback.order.len() {
            next
        } else if repeat == Repeat::Context {
            0
        } else {
            return false;
        };
        let Some(item) = playback.context_item(position) else {
            return false;
        };
        playback.position = position;
        playback.current = item;
        playback.from_queue = false;
        true
    }

    /// Records the current item (a track; Spotify's history has no episodes) as played at
    /// `at`, with its context (none for a queued item).
    fn record_current(&mut self, at: u64) {
        let Some(playback) = &self.playback else {
            return;
        };
        let Playable::Track(track) = playback.current else {
            return;
        };
        let context = if playback.from_queue {
            None
        } else {
            playback.context
        };
        let played_at_ms = match self.history.back() {
            Some(last) if last.played_at_ms >= at => last.played_at_ms + 1,
            _ => at,
        };
        self.history.push_back(Played {
            track,
            context,
            played_at_ms,
        });
        while self.history.len() > HISTORY_CAPACITY {
            self.history.pop_front();
        }
    }

    /// The index of the device with this id.
    fn device_index(&self, device_id: &str) -> Result<usize, Refusal> {
        self.devices
            .iter()
            .position(|d| d.id == device_id)
            .ok_or(Refusal::DeviceNotFound)
    }

    /// The device a command goes to: `device_id`, or else the active device.
    fn target(&self, device_id: Option<&str>) -> Result<usize, Refusal> {
        match device_id {
            Some(id) => self.device_index(id),
            None => self.active.ok_or(Refusal::NoActiveDevice),
        }
    }

    /// Makes `device` the active device: the playback moves to it. A command does this once
    /// it is known to succeed, so a refused command changes nothing.
    fn activate(&mut self, device: usize) {
        self.active = Some(device);
    }

    /// The playback a command acts on, or `NOT_PLAYING_TRACK` when nothing is loaded.
    fn loaded(&mut self) -> Result<&mut Playback, Refusal> {
        self.playback
            .as_mut()
            .ok_or(Restriction::NotPlayingTrack.into())
    }

    /// `PUT /me/player`: the playback moves to `device_id`; with `play`, it plays there.
    pub(crate) fn transfer(
        &mut self,
        device_id: &str,
        play: bool,
        now: u64,
    ) -> Result<(), Refusal> {
        let device = self.target(Some(device_id))?;
        self.activate(device);
        if let Some(playback) = &mut self.playback {
            if play && !playback.is_playing {
                playback.is_playing = true;
                playback.since_ms = now;
            }
            playback.changed_ms = now;
        }
        Ok(())
    }

    /// `PUT /me/player/play` with a context or items: starts them at `start.offset`.
    pub(crate) fn start(
        &mut self,
        device_id: Option<&str>,
        start: Start,
        now: u64,
        catalog: &Catalog,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        let first = match start.offset {
            Offset::First => 0,
            Offset::Position(position) => position,
            Offset::Item(item) => start
                .items
                .iter()
                .position(|i| *i == item)
                .ok_or(Restriction::NoSpecificTrack)?,
        };
        let current = *start.items.get(first).ok_or(Restriction::NoSpecificTrack)?;
        self.activate(device);
        self.record_current(now);
        let (order, position) = if self.shuffle {
            (self.shuffled_order(start.items.len(), first), 0)
        } else {
            ((0..start.items.len()).collect(), first)
        };
        self.playback = Some(Playback {
            context: start.context,
            items: start.items,
            order,
            position,
            current,
            from_queue: false,
            is_playing: true,
            progress_ms: 0,
            since_ms: now,
            changed_ms: now,
        });
        if start.position_ms > 0 {
            self.seek_to(start.position_ms, now, catalog);
        }
        Ok(())
    }

    /// `PUT /me/player/play` without a context or items: resumes (at `position_ms`, if given).
    pub(crate) fn resume(
        &mut self,
        device_id: Option<&str>,
        position_ms: Option<u64>,
        now: u64,
        catalog: &Catalog,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        if self.loaded()?.is_playing {
            return Err(Restriction::NotPaused.into());
        }
        self.activate(device);
        let playback = self.loaded()?;
        playback.is_playing = true;
        let progress = playback.progress_ms;
        playback.set_progress(progress, now);
        if let Some(position) = position_ms {
            self.seek_to(position, now, catalog);
        }
        Ok(())
    }

    /// `PUT /me/player/pause`.
    pub(crate) fn pause(&mut self, device_id: Option<&str>, now: u64) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        if !self.playback.as_ref().is_some_and(|p| p.is_playing) {
            return Err(Restriction::AlreadyPaused.into());
        }
        self.activate(device);
        let playback = self.loaded()?;
        let progress = playback.progress_at(now);
        playback.is_playing = false;
        playback.set_progress(progress, now);
        Ok(())
    }

    /// `POST /me/player/next`: the current item is skipped; what follows plays.
    pub(crate) fn next(&mut self, device_id: Option<&str>, now: u64) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        self.loaded()?;
        if !self.has_next() {
            return Err(Restriction::NoNextTrack.into());
        }
        self.activate(device);
        self.record_current(now);
        self.advance(false);
        let playback = self.loaded()?;
        playback.is_playing = true;
        playback.set_progress(0, now);
        Ok(())
    }

    /// `POST /me/player/previous`: restarts the current item if it has played for
    /// [`RESTART_AFTER_MS`], else goes back one item in the context (from a queued item: to
    /// the context's item it interrupted).
    pub(crate) fn previous(&mut self, device_id: Option<&str>, now: u64) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        let repeat = self.repeat;
        let playback = self.loaded()?;
        if playback.progress_at(now) >= RESTART_AFTER_MS {
            self.activate(device);
            let playback = self.loaded()?;
            playback.is_playing = true;
            playback.set_progress(0, now);
            return Ok(());
        }
        let position = if playback.from_queue {
            playback.position
        } else if playback.position > 0 {
            playback.position - 1
        } else if repeat == Repeat::Context && !playback.order.is_empty() {
            playback.order.len() - 1
        } else {
            return Err(Restriction::NoPrevTrack.into());
        };
        let item = playback
            .context_item(position)
            .ok_or(Restriction::NoPrevTrack)?;
        self.activate(device);
        self.record_current(now);
        let playback = self.loaded()?;
        playback.position = position;
        playback.current = item;
        playback.from_queue = false;
        playback.is_playing = true;
        playback.set_progress(0, now);
        Ok(())
    }

    /// `PUT /me/player/seek`: to `position_ms` in the current item; at or past its end, the
    /// next item starts (the spec).
    pub(crate) fn seek(
        &mut self,
        device_id: Option<&str>,
        position_ms: u64,
        now: u64,
        catalog: &Catalog,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        self.loaded()?;
        self.activate(device);
        self.seek_to(position_ms, now, catalog);
        Ok(())
    }

    fn seek_to(&mut self, position_ms: u64, now: u64, catalog: &Catalog) {
        let Some(playback) = &mut self.playback else {
            return;
        };
        if position_ms < playback.current.duration_ms(catalog) {
            playback.set_progress(position_ms, now);
        } else {
            self.finish(now);
        }
    }

    /// `PUT /me/player/repeat`.
    pub(crate) fn set_repeat(
        &mut self,
        device_id: Option<&str>,
        repeat: Repeat,
        now: u64,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        self.activate(device);
        self.repeat = repeat;
        if let Some(playback) = &mut self.playback {
            playback.changed_ms = now;
        }
        Ok(())
    }

    /// `PUT /me/player/shuffle`: on, the context's other items are shuffled after the current
    /// one; off, the context's own order comes back, from the current item.
    pub(crate) fn set_shuffle(
        &mut self,
        device_id: Option<&str>,
        on: bool,
        now: u64,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        self.activate(device);
        if self.shuffle == on {
            return Ok(());
        }
        self.shuffle = on;
        let Some(playback) = &self.playback else {
            return Ok(());
        };
        let len = playback.items.len();
        let current = playback.order.get(playback.position).copied().unwrap_or(0);
        let (order, position) = if on {
            (self.shuffled_order(len, current), 0)
        } else {
            ((0..len).collect(), current)
        };
        if let Some(playback) = &mut self.playback {
            playback.order = order;
            playback.position = position;
            playback.changed_ms = now;
        }
        Ok(())
    }

    /// `PUT /me/player/volume`, on the device named or the active one.
    pub(crate) fn set_volume(
        &mut self,
        device_id: Option<&str>,
        percent: u8,
    ) -> Result<(), Refusal> {
        let index = self.target(device_id)?;
        let device = &mut self.devices[index];
        if !device.supports_volume {
            return Err(Refusal::VolumeControlDisallow);
        }
        device.volume_percent = Some(percent);
        Ok(())
    }

    /// `POST /me/player/queue`: `item` plays after the current item and the ones queued
    /// before it.
    pub(crate) fn enqueue(
        &mut self,
        device_id: Option<&str>,
        item: Playable,
    ) -> Result<(), Refusal> {
        let device = self.target(device_id)?;
        self.activate(device);
        self.queue.push_back(item);
        Ok(())
    }

    /// `0..len` with `first` first and the others shuffled after it.
    fn shuffled_order(&mut self, len: usize, first: usize) -> Vec<usize> {
        let mut rest: Vec<usize> = (0..len).filter(|i| *i != first).collect();
        // Fisher-Yates with splitmix64: deterministic for a user, different each time.
        for i in (1..rest.len()).rev() {
            let j = usize::try_from(self.next_random() % (i as u64 + 1)).unwrap_or(0);
            rest.swap(i, j);
        }
        let mut order = Vec::with_capacity(len);
        if first < len {
            order.push(first);
        }
        order.extend(rest);
        order
    }

    fn next_random(&mut self) -> u64 {
        crate::rng::next(&mut self.shuffle_state)
    }

    /// What plays now, if anything (and a device is active).
    pub(crate) fn view(&self, now: u64) -> Option<PlaybackView> {
        let playback = self.playback.as_ref()?;
        let device = self.devices().into_iter().nth(self.active?)?;
        let mut disallows = Vec::new();
        disallows.push(if playback.is_playing {
            "resuming"
        } else {
            "pausing"
        });
        if !self.has_next() {
            disallows.push("skipping_next");
        }
        if !playback.from_queue && playback.position == 0 && self.repeat != Repeat::Context {
            disallows.push("skipping_prev");
        }
        Some(PlaybackView {
            device,
            context: playback.context,
            item: playback.current,
            progress_ms: playback.progress_at(now),
            is_playing: playback.is_playing,
            shuffle: self.shuffle,
            repeat: self.repeat,
            changed_ms: playback.changed_ms,
            disallows,
        })
    }

    /// The current item and what comes next: the user's queue, then the context's remaining
    /// items in play order.
    pub(crate) fn queue_view(&self) -> QueueView {
        let Some(playback) = &self.playback else {
            return QueueView {
                current: None,
                upcoming: self.queue.iter().take(QUEUE_LISTED).copied().collect(),
            };
        };
        let rest = (playback.position + 1..playback.order.len())
            .filter_map(|position| playback.context_item(position));
        QueueView {
            current: Some(playback.current),
            upcoming: self
                .queue
                .iter()
                .copied()
                .chain(rest)
                .take(QUEUE_LISTED)
                .collect(),
        }
    }

    /// A page of at most `limit` history entries, newest first: before the cursor (or the
    /// newest, without one), or the oldest ones after it.
    pub(crate) fn recently_played(
        &self,
        limit: usize,
        cursor: Option<HistoryCursor>,
    ) -> HistoryPage {
        let (items, more) = match cursor {
            None | Some(HistoryCursor::Before(_)) => {
                let before = match cursor {
                    Some(HistoryCursor::Before(t)) => t,
                    _ => u64::MAX,
                };
                let mut older = self
                    .history
                    .iter()
                    .rev()
                    .filter(|p| p.played_at_ms < before);
                let items: Vec<Played> = older.by_ref().take(limit).copied().collect();
                (items, older.next().is_some())
            }
            Some(HistoryCursor::After(after)) => {
                let mut newer = self.history.iter().filter(|p| p.played_at_ms > after);
                let mut items: Vec<Played> = newer.by_ref().take(limit).copied().collect();
                items.reverse();
                (items, newer.next().is_some())
            }
        };
        HistoryPage { items, more }
    }

    /// The tracks the user listened to, with when (Unix ms): the history, oldest first, then
    /// the track loaded now (at `now`), if a track is loaded. What top items are made of.
    pub(crate) fn listened(&self, now: u64) -> Vec<(Id, u64)> {
        let mut listened: Vec<(Id, u64)> = self
            .history
            .iter()
            .map(|played| (played.track, played.played_at_ms))
            .collect();
        if let Some(Playable::Track(track)) = self.playback.as_ref().map(|p| p.current) {
            listened.push((track, now));
        }
        listened
    }

    /// What the control plane shows of the player.
    pub(super) fn snapshot(&self, now: u64) -> PlayerSnapshot {
        let playback = self.playback.as_ref();
        PlayerSnapshot {
            active_device: self.active.map(|i| self.devices[i].id.clone()),
            item: playback.map(|p| p.current.uri()),
            context: playback.and_then(|p| p.context).map(|c| c.uri()),
            is_playing: playback.is_some_and(|p| p.is_playing),
            progress_ms: playback.map(|p| p.progress_at(now)),
            shuffle: self.shuffle,
            repeat: self.repeat,
            queue: self.queue.iter().map(Playable::uri).collect(),
            history: self.history.len(),
        }
    }
}
