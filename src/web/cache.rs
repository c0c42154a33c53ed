//! Rendered pages and feeds, kept with the fingerprint of the data they show
//! (`db::repo::versions`): served again only while the fingerprint is unchanged.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;

use crate::domain::token::hash_token;

const CAPACITY: usize = 512;

#[derive(Clone)]
pub struct Rendered {
    pub body: Bytes,
    /// Strong ETag of the body.
    pub etag: String,
}

#[derive(Default)]
pub struct RenderCache {
    entries: Mutex<HashMap<String, (String, Rendered)>>,
}

impl RenderCache {
    pub fn get(&self, key: &str, version: &str) -> Option<Rendered> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(v, _)| v == version)
            .map(|(_, r)| r.clone())
    }

    pub fn put(&self, key: String, version: String, body: String) -> Rendered {
        let rendered = Rendered {
            etag: format!("\"{}\"", &hash_token(&body)[..32]),
            body: Bytes::from(body),
        };
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CAPACITY && !entries.contains_key(&key) {
                // Bounded memory: forget everything rather than track recency; hot pages come back.
                entries.clear();
            }
            entries.insert(key, (version, rendered.clone()));
        }
        rendered
    }

    /// The cached output for `version`, or `render()` stored under it.
    pub fn get_or_render(
        &self,
        key: String,
        version: String,
        render: impl FnOnce() -> String,
    ) -> Rendered {
        match self.get(&key, &version) {
            Some(hit) => hit,
            None => self.put(key, version, render()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_version_renders_again() {
        let cache = RenderCache::default();
        let a = cache.get_or_render("k".into(), "v1".into(), || "one".into());
        let b = cache.get_or_render("k".into(), "v1".into(), || unreachable!("cached"));
        assert_eq!(a.body, b.body);
        let c = cache.get_or_render("k".into(), "v2".into(), || "two".into());
        assert_eq!(c.body, Bytes::from("two"));
        assert_ne!(a.etag, c.etag);
    }
}
