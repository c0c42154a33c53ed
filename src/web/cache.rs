//! Rendered pages and feeds, kept with the fingerprint of the data they show
//! (`db::repo::versions`) and served again only while that fingerprint holds.
//!
//! Checking the fingerprint costs a query of the data. The database also has a data version that
//! changes on every commit by anyone (`Db::data_version`), far cheaper to read (no round trip on
//! PostgreSQL, where commits are signalled): while it and the clock say nothing can have
//! changed, an entry is served without reading any data. After an unrelated write the
//! fingerprint is read again, and the entry is kept if it still matches.

use std::collections::HashMap;
use std::future::Future;
use std::sync::RwLock;

use actix_web::web::Bytes;
use actix_web::HttpResponse;
use chrono::NaiveDateTime;

use crate::app::freshness::Stamp;
use crate::db::now;
use crate::db::repo::versions::Freshness;
use crate::domain::token::hash_token;
use crate::error::AppError;
use crate::web::AppState;

const CAPACITY: usize = 512;

#[derive(Clone)]
pub struct Rendered {
    pub body: Bytes,
    /// Strong ETag of the body.
    pub etag: String,
}

struct Entry {
    fresh: Freshness,
    /// The database's data version when `fresh` was last read.
    data_version: Option<u64>,
    rendered: Rendered,
}

/// Checks and renders of one key take turns (keys share a few locks): when a popular page is
/// missing or stale, one request checks and renders it and the others wait for it, instead of
/// all doing it at once.
const RENDER_TURNS: usize = 16;

#[derive(Default)]
pub struct RenderCache {
    entries: RwLock<HashMap<String, Entry>>,
    turns: [tokio::sync::Mutex<()>; RENDER_TURNS],
}

impl RenderCache {
    fn turn(&self, key: &str) -> &tokio::sync::Mutex<()> {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(key);
        &self.turns[hash as usize % RENDER_TURNS]
    }

    /// The entry, if nothing was committed since its fingerprint was read and time left it valid.
    pub fn unchanged(
        &self,
        key: &str,
        data_version: Option<u64>,
        at: NaiveDateTime,
    ) -> Option<Rendered> {
        let version = data_version?;
        let entries = self.entries.read().ok()?;
        let entry = entries.get(key)?;
        (entry.data_version == Some(version) && entry.fresh.holds_at(at))
            .then(|| entry.rendered.clone())
    }

    /// The entry, if its fingerprint is `fresh`'s and time left it valid at `at` (the same data
    /// reads differently once, say, RSVPs have closed); it is then known good as of `data_version`.
    pub fn confirmed(
        &self,
        key: &str,
        data_version: Option<u64>,
        fresh: &Freshness,
        at: NaiveDateTime,
    ) -> Option<Rendered> {
        let mut entries = self.entries.write().ok()?;
        let entry = entries.get_mut(key)?;
        if entry.fresh.stamp != fresh.stamp || !entry.fresh.holds_at(at) {
            return None;
        }
        entry.fresh.until = fresh.until;
        entry.data_version = data_version;
        Some(entry.rendered.clone())
    }

    pub fn put(
        &self,
        key: String,
        data_version: Option<u64>,
        fresh: Freshness,
        body: String,
    ) -> Rendered {
        let rendered = Rendered {
            etag: format!("\"{}\"", &hash_token(&body)[..32]),
            body: Bytes::from(body),
        };
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= CAPACITY && !entries.contains_key(&key) {
                // Bounded memory: forget everything rather than track recency; hot pages come back.
                entries.clear();
            }
            let entry = Entry {
                fresh,
                data_version,
                rendered: rendered.clone(),
            };
            entries.insert(key, entry);
        }
        rendered
    }
}

/// An HTML page: from the cache under `key` when there is one (see `Page::shared_key`), else
/// rendered for this visitor alone.
pub async fn html_page<S, R>(
    state: &AppState,
    key: Option<String>,
    stamp: S,
    render: R,
) -> Result<HttpResponse, AppError>
where
    S: Stamp + 'static,
    R: Future<Output = Result<String, AppError>>,
{
    shared_or_own(state, "text/html; charset=utf-8", key, stamp, render).await
}

/// A JSON read: from the cache under `key` when there is one (anonymous callers all read the
/// same), else written for this caller alone.
pub async fn json_read<S, R>(
    state: &AppState,
    key: Option<String>,
    stamp: S,
    render: R,
) -> Result<HttpResponse, AppError>
where
    S: Stamp + 'static,
    R: Future<Output = Result<String, AppError>>,
{
    shared_or_own(state, "application/json", key, stamp, render).await
}

async fn shared_or_own<S, R>(
    state: &AppState,
    content_type: &str,
    key: Option<String>,
    stamp: S,
    render: R,
) -> Result<HttpResponse, AppError>
where
    S: Stamp + 'static,
    R: Future<Output = Result<String, AppError>>,
{
    let body = match key {
        Some(key) => cached(state, key, stamp, render).await?.body,
        None => Bytes::from(render.await?),
    };
    Ok(HttpResponse::Ok().content_type(content_type).body(body))
}

/// The output under `key`: from the cache while it is known fresh, else rendered by `render`
/// (a future, so it only runs when needed). `stamp` reads the fingerprint, or fails (e.g. 404).
///
/// The data version is read before the fingerprint: a write landing in between changes it, so
/// the entry is checked again on the next request instead of being trusted.
pub async fn cached<S, R>(
    state: &AppState,
    key: String,
    stamp: S,
    render: R,
) -> Result<Rendered, AppError>
where
    S: Stamp + 'static,
    R: Future<Output = Result<String, AppError>>,
{
    cached_in(state, &state.cache, key, stamp, render).await
}

/// [`cached`], in a cache of its own (see `AppState::personal_cache`).
pub async fn cached_in<S, R>(
    state: &AppState,
    cache: &RenderCache,
    key: String,
    stamp: S,
    render: R,
) -> Result<Rendered, AppError>
where
    S: Stamp + 'static,
    R: Future<Output = Result<String, AppError>>,
{
    let data_version = state.db.data_version();
    let at = now();
    if let Some(hit) = cache.unchanged(&key, data_version, at) {
        return Ok(hit);
    }
    // After a commit, the requests for a page that arrive together would each read the same
    // fingerprint (a big group's costs milliseconds): one reads it, the others wait and find
    // the entry confirmed for the version they saw. Without a version nothing can be shared.
    let turn = cache.turn(&key);
    let mut held = None;
    if data_version.is_some() {
        held = Some(turn.lock().await);
        if let Some(hit) = cache.unchanged(&key, data_version, at) {
            return Ok(hit);
        }
    }
    let fresh = state.db.run(move |conn| stamp(conn, at)).await?;
    if let Some(hit) = cache.confirmed(&key, data_version, &fresh, at) {
        return Ok(hit);
    }
    let _turn = match held {
        Some(turn) => turn,
        None => turn.lock().await,
    };
    // Rendered by the request this one waited for?
    if let Some(hit) = cache.confirmed(&key, data_version, &fresh, at) {
        return Ok(hit);
    }
    let body = render.await?;
    Ok(cache.put(key, data_version, fresh, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn fresh(stamp: &str, until: Option<NaiveDateTime>) -> Freshness {
        Freshness {
            stamp: stamp.into(),
            until,
        }
    }

    #[test]
    fn served_without_a_query_only_while_the_data_version_is_the_same() {
        let cache = RenderCache::default();
        cache.put("k".into(), Some(7), fresh("s1", None), "one".into());
        assert_eq!(cache.unchanged("k", Some(7), at(1)).unwrap().body, "one");
        assert!(
            cache.unchanged("k", Some(8), at(1)).is_none(),
            "a commit since"
        );
        assert!(
            cache.unchanged("k", None, at(1)).is_none(),
            "no data version"
        );
        assert!(cache.unchanged("other", Some(7), at(1)).is_none());
    }

    #[test]
    fn time_bound_entries_expire_without_any_write() {
        let cache = RenderCache::default();
        cache.put(
            "k".into(),
            Some(7),
            fresh("s1", Some(at(19))),
            "open".into(),
        );
        assert!(cache.unchanged("k", Some(7), at(18)).is_some());
        assert!(
            cache.unchanged("k", Some(7), at(19)).is_none(),
            "RSVPs closed at 19:00"
        );
        // Same data, but the page said RSVPs were open: it must be rendered again.
        let same_data = fresh("s1", None);
        assert!(cache.confirmed("k", Some(8), &same_data, at(19)).is_none());
    }

    #[test]
    fn a_matching_fingerprint_confirms_the_entry_for_the_new_data_version() {
        let cache = RenderCache::default();
        let first = cache.put("k".into(), Some(7), fresh("s1", None), "one".into());
        assert!(cache
            .confirmed("k", Some(9), &fresh("s2", None), at(1))
            .is_none());
        let hit = cache
            .confirmed("k", Some(8), &fresh("s1", None), at(1))
            .unwrap();
        assert_eq!(hit.etag, first.etag);
        assert!(cache.unchanged("k", Some(8), at(1)).is_some());
        let second = cache.put("k".into(), Some(9), fresh("s2", None), "two".into());
        assert_ne!(first.etag, second.etag);
        assert!(cache.unchanged("k", Some(8), at(1)).is_none());
    }
}
