//! Choices remembered on this browser, for every plan: the page's language and the 通报表's
//! optional columns. Not data: never exported, never undone, and lost without harm when
//! storage is out of reach (the choice then lasts as long as the page).

use leptos::prelude::window;

/// localStorage when the page may use it (gloo's `LocalStorage::raw()` panics otherwise).
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The choice remembered under `key` (`None`: none, or storage out of reach).
pub fn remembered(key: &str) -> Option<String> {
    storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Remembers `value` under `key`; `None` forgets it (the default needs no entry). A refused
/// write only means the choice is not remembered.
pub fn remember(key: &str, value: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}
