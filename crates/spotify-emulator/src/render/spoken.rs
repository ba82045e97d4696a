//! Shows, episodes, audiobooks and chapters: `ShowObject`, `SimplifiedShowObject`,
//! `EpisodeObject`, `SimplifiedEpisodeObject`, `AudiobookObject`, `SimplifiedAudiobookObject`,
//! `ChapterObject`, `SimplifiedChapterObject`.

use serde_json::{Map, Value, json};

use super::{Ctx, Page, apply_market, copyrights, identity, images, market_list, paging};
use crate::catalog::model::{Audiobook, Chapter, Episode, Show};

fn market_params<'a>(ctx: &Ctx<'a>) -> Vec<(&'static str, &'a str)> {
    ctx.market.map(|m| ("market", m)).into_iter().collect()
}

/// `resume_point`, for a user token with `user-read-playback-position` (nothing is ever played
/// in the emulator yet).
fn resume_point(ctx: &Ctx<'_>, object: &mut Map<String, Value>) {
    if ctx.playback_position {
        object.insert(
            "resume_point".into(),
            json!({ "fully_played": false, "resume_position_ms": 0 }),
        );
    }
}

fn show_base(ctx: &Ctx<'_>, show: &Show) -> Map<String, Value> {
    let mut object = Map::new();
    identity(&mut object, "show", "shows", "show", show.id.as_str());
    object.insert("name".into(), show.name.clone().into());
    object.insert("description".into(), show.description.clone().into());
    object.insert(
        "html_description".into(),
        show.html_description.clone().into(),
    );
    object.insert("explicit".into(), show.explicit.into());
    object.insert("images".into(), images(&show.images));
    object.insert(
        "is_externally_hosted".into(),
        show.is_externally_hosted.into(),
    );
    object.insert("languages".into(), show.languages.clone().into());
    object.insert("media_type".into(), show.media_type.clone().into());
    object.insert("copyrights".into(), copyrights(&show.copyrights));
    object.insert("total_episodes".into(), show.episodes.len().into());
    if ctx.extended() {
        object.insert("publisher".into(), show.publisher.clone().into());
        if ctx.market.is_none() {
            object.insert("available_markets".into(), market_list(show.markets));
        }
    }
    object
}

/// `SimplifiedShowObject` (development mode: no `available_markets`, `publisher`).
pub(crate) fn simplified_show(ctx: &Ctx<'_>, show: &Show) -> Value {
    Value::Object(show_base(ctx, show))
}

/// `ShowObject`, with the first page (50) of its episodes.
pub(crate) fn show(ctx: &Ctx<'_>, show: &Show) -> Value {
    let mut object = show_base(ctx, show);
    let page = Page::first(50);
    let items = page
        .slice(&show.episodes)
        .iter()
        .filter_map(|id| ctx.catalog.episodes.get(id))
        .map(|e| simplified_episode(ctx, e))
        .collect();
    let path = format!("/shows/{}/episodes", show.id);
    object.insert(
        "episodes".into(),
        paging(
            ctx.base,
            &path,
            &market_params(ctx),
            page,
            show.episodes.len(),
            items,
        ),
    );
    Value::Object(object)
}

fn episode_base(ctx: &Ctx<'_>, episode: &Episode) -> Map<String, Value> {
    let mut object = Map::new();
    identity(
        &mut object,
        "episode",
        "episodes",
        "episode",
        episode.id.as_str(),
    );
    object.insert("name".into(), episode.name.clone().into());
    object.insert(
        "audio_preview_url".into(),
        episode.audio_preview_url.clone().into(),
    );
    object.insert("description".into(), episode.description.clone().into());
    object.insert(
        "html_description".into(),
        episode.html_description.clone().into(),
    );
    object.insert("duration_ms".into(), episode.duration_ms.into());
    object.insert("explicit".into(), episode.explicit.into());
    object.insert("images".into(), images(&episode.images));
    object.insert(
        "is_externally_hosted".into(),
        episode.is_externally_hosted.into(),
    );
    object.insert("languages".into(), episode.languages.clone().into());
    if let Some(language) = &episode.language {
        object.insert("language".into(), language.clone().into());
    }
    object.insert(
        "release_date".into(),
        episode.release_date.date.clone().into(),
    );
    object.insert(
        "release_date_precision".into(),
        episode.release_date.precision.as_str().into(),
    );
    object.insert("is_playable".into(), true.into());
    apply_market(ctx, &mut object, episode.markets, false, true);
    resume_point(ctx, &mut object);
    object
}

/// `SimplifiedEpisodeObject` (a show's episode list).
pub(crate) fn simplified_episode(ctx: &Ctx<'_>, episode: &Episode) -> Value {
    Value::Object(episode_base(ctx, episode))
}

/// `EpisodeObject`, with its `show`.
pub(crate) fn episode(ctx: &Ctx<'_>, episode: &Episode) -> Value {
    let mut object = episode_base(ctx, episode);
    if let Some(show) = ctx.catalog.shows.get(&episode.show) {
        object.insert("show".into(), simplified_show(ctx, show));
    }
    Value::Object(object)
}

fn audiobook_base(ctx: &Ctx<'_>, book: &Audiobook) -> Map<String, Value> {
    let mut object = Map::new();
    // Spotify's audiobooks carry show URIs and links (`spotify:show:…`).
    identity(
        &mut object,
        "audiobook",
        "audiobooks",
        "show",
        book.id.as_str(),
    );
    object.insert("name".into(), book.name.clone().into());
    let names = |list: &[String]| list.iter().map(|n| json!({ "name": n })).collect::<Value>();
    object.insert("authors".into(), names(&book.authors));
    object.insert("narrators".into(), names(&book.narrators));
    object.insert("copyrights".into(), copyrights(&book.copyrights));
    object.insert("description".into(), book.description.clone().into());
    object.insert(
        "html_description".into(),
        book.html_description.clone().into(),
    );
    if let Some(edition) = &book.edition {
        object.insert("edition".into(), edition.clone().into());
    }
    object.insert("explicit".into(), book.explicit.into());
    object.insert("images".into(), images(&book.images));
    object.insert("languages".into(), book.languages.clone().into());
    object.insert("media_type".into(), book.media_type.clone().into());
    object.insert("total_chapters".into(), book.chapters.len().into());
    if ctx.extended() {
        object.insert("publisher".into(), book.publisher.clone().into());
        if ctx.market.is_none() {
            object.insert("available_markets".into(), market_list(book.markets));
        }
    }
    object
}

/// `SimplifiedAudiobookObject` (development mode: no `available_markets`, `publisher`).
pub(crate) fn simplified_audiobook(ctx: &Ctx<'_>, book: &Audiobook) -> Value {
    Value::Object(audiobook_base(ctx, book))
}

/// `AudiobookObject`, with the first page (50) of its chapters.
pub(crate) fn audiobook(ctx: &Ctx<'_>, book: &Audiobook) -> Value {
    let mut object = audiobook_base(ctx, book);
    let page = Page::first(50);
    let items = page
        .slice(&book.chapters)
        .iter()
        .filter_map(|id| ctx.catalog.chapters.get(id))
        .map(|c| simplified_chapter(ctx, c))
        .collect();
    let path = format!("/audiobooks/{}/chapters", book.id);
    object.insert(
        "chapters".into(),
        paging(
            ctx.base,
            &path,
            &market_params(ctx),
            page,
            book.chapters.len(),
            items,
        ),
    );
    Value::Object(object)
}

fn chapter_base(ctx: &Ctx<'_>, chapter: &Chapter) -> Map<String, Value> {
    let mut object = Map::new();
    // Spotify's chapters carry episode URIs and links, and `/chapters/{id}` hrefs.
    identity(
        &mut object,
        "chapter",
        "chapters",
        "episode",
        chapter.id.as_str(),
    );
    object.insert("name".into(), chapter.name.clone().into());
    object.insert(
        "audio_preview_url".into(),
        chapter.audio_preview_url.clone().into(),
    );
    object.insert("chapter_number".into(), chapter.chapter_number.into());
    object.insert("description".into(), chapter.description.clone().into());
    object.insert(
        "html_description".into(),
        chapter.html_description.clone().into(),
    );
    object.insert("duration_ms".into(), chapter.duration_ms.into());
    object.insert("explicit".into(), chapter.explicit.into());
    object.insert("images".into(), images(&chapter.images));
    object.insert("languages".into(), chapter.languages.clone().into());
    object.insert(
        "release_date".into(),
        chapter.release_date.date.clone().into(),
    );
    object.insert(
        "release_date_precision".into(),
        chapter.release_date.precision.as_str().into(),
    );
    object.insert("is_playable".into(), true.into());
    apply_market(ctx, &mut object, chapter.markets, true, true);
    resume_point(ctx, &mut object);
    object
}

/// `SimplifiedChapterObject` (an audiobook's chapter list; development mode: no
/// `available_markets`).
pub(crate) fn simplified_chapter(ctx: &Ctx<'_>, chapter: &Chapter) -> Value {
    Value::Object(chapter_base(ctx, chapter))
}

/// `ChapterObject`, with its `audiobook`.
pub(crate) fn chapter(ctx: &Ctx<'_>, chapter: &Chapter) -> Value {
    let mut object = chapter_base(ctx, chapter);
    if let Some(book) = ctx.catalog.audiobooks.get(&chapter.audiobook) {
        object.insert("audiobook".into(), simplified_audiobook(ctx, book));
    }
    Value::Object(object)
}
