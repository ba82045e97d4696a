use super::playback::{HISTORY_CAPACITY, RESTART_AFTER_MS};
use super::refusal::Restriction;
use super::*;
use crate::catalog::ids::ALBUM_30_TRACKS;
use crate::config::{DESKTOP_DEVICE_ID, SPEAKER_DEVICE_ID};
use crate::state::RestrictionReason;

fn album(state: &AppState) -> (ContextRef, Vec<Playable>) {
    state
        .context_items(&format!("spotify:album:{ALBUM_30_TRACKS}"), None)
        .unwrap()
}

fn start(player: &mut Player, state: &AppState, offset: Offset, now: u64) {
    let (context, items) = album(state);
    let start = Start {
        context: Some(context),
        items,
        offset,
        position_ms: 0,
    };
    player.start(None, start, now, state.catalog()).unwrap();
}

fn player() -> (AppState, Player) {
    let state = AppState::default();
    let player = Player::new(&User::default_premium());
    (state, player)
}

#[test]
fn a_player_starts_with_its_active_device_and_nothing_loaded() {
    let (_, player) = player();
    let active: Vec<_> = player
        .devices()
        .into_iter()
        .filter(|d| d.is_active)
        .map(|d| d.id)
        .collect();
    assert_eq!(active, [DESKTOP_DEVICE_ID]);
    assert!(player.view(0).is_none());
}

#[test]
fn items_end_with_the_clock_and_are_recorded() {
    let (state, mut player) = player();
    let catalog = state.catalog();
    start(&mut player, &state, Offset::First, 1_000);
    let first = player.view(1_000).unwrap().item;
    let duration = first.duration_ms(catalog);
    player.catch_up(1_000 + duration + 5, catalog);
    let view = player.view(1_000 + duration + 5).unwrap();
    assert_ne!(view.item, first);
    assert_eq!(view.progress_ms, 5);
    let page = player.recently_played(50, None);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].played_at_ms, 1_000 + duration);
    assert_eq!(Playable::Track(page.items[0].track), first);
}

#[test]
fn the_end_of_the_context_goes_back_to_its_start_paused() {
    let (state, mut player) = player();
    let catalog = state.catalog();
    start(&mut player, &state, Offset::Position(29), 0);
    assert_eq!(
        player.next(None, 1),
        Err(Refusal::Restriction(Restriction::NoNextTrack))
    );
    player.catch_up(10_000_000, catalog);
    let view = player.view(10_000_000).unwrap();
    assert!(!view.is_playing);
    assert_eq!(view.progress_ms, 0);
    assert_eq!(
        Some(view.item),
        player.playback.as_ref().unwrap().context_item(0)
    );
}

#[test]
fn repeat_context_plays_for_ever_but_the_catch_up_is_bounded() {
    let (state, mut player) = player();
    player.set_repeat(None, Repeat::Context, 0).unwrap();
    start(&mut player, &state, Offset::First, 0);
    player.catch_up(u64::MAX / 2, state.catalog());
    assert!(!player.view(u64::MAX / 2).unwrap().is_playing);
    assert_eq!(player.history.len(), HISTORY_CAPACITY);
    let times: Vec<u64> = player.history.iter().map(|p| p.played_at_ms).collect();
    assert!(times.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn queued_items_come_first_in_order_and_then_the_context() {
    let (state, mut player) = player();
    start(&mut player, &state, Offset::First, 0);
    let (_, items) = album(&state);
    player.enqueue(None, items[10]).unwrap();
    player.enqueue(None, items[20]).unwrap();
    let queue = player.queue_view();
    assert_eq!(queue.upcoming[..3], [items[10], items[20], items[1]]);
    player.next(None, 1).unwrap();
    player.next(None, 2).unwrap();
    assert_eq!(player.view(2).unwrap().item, items[20]);
    player.next(None, 3).unwrap();
    assert_eq!(player.view(3).unwrap().item, items[1]);
    // A queued item is recorded without the context.
    let page = player.recently_played(50, None);
    assert_eq!(page.items[0].context, None);
    assert!(page.items[2].context.is_some());
}

#[test]
fn previous_restarts_after_three_seconds_and_stops_at_the_start() {
    let (state, mut player) = player();
    start(&mut player, &state, Offset::Position(1), 0);
    player.previous(None, 10).unwrap();
    assert_eq!(player.playback.as_ref().unwrap().position, 0);
    assert_eq!(
        player.previous(None, 20),
        Err(Refusal::Restriction(Restriction::NoPrevTrack))
    );
    player.previous(None, 20 + RESTART_AFTER_MS).unwrap();
    assert_eq!(player.view(20 + RESTART_AFTER_MS).unwrap().progress_ms, 0);
}

#[test]
fn shuffle_keeps_the_current_item_and_every_other_once() {
    let (state, mut player) = player();
    start(&mut player, &state, Offset::Position(7), 0);
    player.set_shuffle(None, true, 1).unwrap();
    let playback = player.playback.as_ref().unwrap();
    assert_eq!(playback.order[0], 7);
    let mut sorted = playback.order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..30).collect::<Vec<_>>());
    assert_ne!(playback.order, (0..30).collect::<Vec<_>>());
    player.set_shuffle(None, false, 2).unwrap();
    let playback = player.playback.as_ref().unwrap();
    assert_eq!((playback.position, playback.order[7]), (7, 7));
}

#[test]
fn history_pages_by_time_both_ways() {
    let (state, mut player) = player();
    start(&mut player, &state, Offset::First, 0);
    for n in 1..=5 {
        player.next(None, n * 100).unwrap();
    }
    let all: Vec<u64> = player
        .recently_played(50, None)
        .items
        .iter()
        .map(|p| p.played_at_ms)
        .collect();
    assert_eq!(all, [500, 400, 300, 200, 100]);
    let page = player.recently_played(2, Some(HistoryCursor::Before(400)));
    let times: Vec<u64> = page.items.iter().map(|p| p.played_at_ms).collect();
    assert_eq!((times, page.more), (vec![300, 200], true));
    let page = player.recently_played(2, Some(HistoryCursor::After(200)));
    let times: Vec<u64> = page.items.iter().map(|p| p.played_at_ms).collect();
    assert_eq!((times, page.more), (vec![400, 300], true));
    let page = player.recently_played(2, Some(HistoryCursor::After(400)));
    assert_eq!((page.items.len(), page.more), (1, false));
}

#[test]
fn commands_refuse_as_spotify_does() {
    let (state, mut player) = player();
    assert_eq!(
        player.pause(None, 0),
        Err(Refusal::Restriction(Restriction::AlreadyPaused))
    );
    assert_eq!(
        player.next(None, 0),
        Err(Refusal::Restriction(Restriction::NotPlayingTrack))
    );
    assert_eq!(player.pause(Some("nope"), 0), Err(Refusal::DeviceNotFound));
    // A refused command that names a device leaves the active device where it was.
    assert_eq!(
        player.pause(Some(SPEAKER_DEVICE_ID), 0),
        Err(Refusal::Restriction(Restriction::AlreadyPaused))
    );
    assert_eq!(player.active, Some(0));
    start(&mut player, &state, Offset::First, 0);
    assert_eq!(
        player.resume(None, None, 1, state.catalog()),
        Err(Refusal::Restriction(Restriction::NotPaused))
    );
    player.transfer(SPEAKER_DEVICE_ID, false, 2).unwrap();
    assert_eq!(player.view(2).unwrap().device.id, SPEAKER_DEVICE_ID);
    player.active = None;
    assert_eq!(player.pause(None, 3), Err(Refusal::NoActiveDevice));
    let error = Refusal::from(Restriction::AlreadyPaused);
    assert_eq!(
        error.into_api_error(RestrictionReason::Specific).reason(),
        Some("ALREADY_PAUSED")
    );
    assert_eq!(
        error.into_api_error(RestrictionReason::Unknown).reason(),
        Some("UNKNOWN")
    );
}
