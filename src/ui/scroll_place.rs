//! The place on the page survives a reload, back and forward: the tab shown and how far it is
//! scrolled (a clerk entering figures who pressed F5, or took 刷新 for a new version, landed on
//! the 通报表's top). The browser's own restoring of the scroll races the app's start: it gives
//! up once the page has loaded, often before the app has drawn its tables, and then a reload
//! lands at the top. So the page keeps the place itself, in the tab's sessionStorage, and puts it
//! back in its first frame.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The tab's sessionStorage key of `what` (`scroll`, `tab`) at this address (path and query:
/// another copy of Pace, or the same one opened with a query, keeps its own).
fn place_key(what: &str) -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let query = location.search().unwrap_or_default();
    format!("pace.{what} {path}{query}")
}

/// What was remembered of `what` when the page was left, on a reload, back or forward; `None`
/// on a visit by the address or a link (which starts afresh), or without sessionStorage.
fn remembered(what: &str) -> Option<String> {
    let restoring = window()
        .performance()
        .and_then(|p| p.get_entries_by_type("navigation").get(0).dyn_into().ok())
        .is_some_and(|n: web_sys::PerformanceNavigationTiming| {
            n.type_() != web_sys::NavigationType::Navigate
        });
    if !restoring {
        return None;
    }
    window()
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(&place_key(what)).ok().flatten())
}

/// The place to put the page back to, in CSS pixels from the top: on a reload, back or forward
/// that left the page scrolled down. `None` when [`remembered`] has none, or at the top.
pub fn place_to_restore() -> Option<i32> {
    remembered("scroll")
        .and_then(|text| text.parse::<i32>().ok())
        .filter(|place| *place > 0)
}

/// The id of the tab to show again (as [`keep_place`] was given it), when [`remembered`]. Not
/// after a crash: js/crash.js forgets it (also after this page's own `pagehide`, which still
/// runs), since the tab shown could be the one that crashed, and its part runs after the start
/// has counted as finished, so no safe start would come: it would crash at every reload.
pub fn tab_to_restore() -> Option<String> {
    remembered("tab")
}

/// Takes the restoring over from the browser and remembers the place, with the id `tab` gives of
/// the tab shown, whenever the page is left. Without sessionStorage (disabled by a policy) the
/// browser keeps doing it, as well as it can.
pub fn keep_place(tab: impl Fn() -> &'static str + 'static) {
    if !matches!(window().session_storage(), Ok(Some(_))) {
        return;
    }
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_leave = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("pagehide"),
        move |_| {
            let Ok(Some(storage)) = window().session_storage() else {
                return;
            };
            // Whole pixels: `as` saturates, and an integer needs no float printing in the wasm.
            let place = window().scroll_y().unwrap_or(0.0).max(0.0) as i32;
            let _ = storage.set_item(&place_key("scroll"), &place.to_string());
            let _ = storage.set_item(&place_key("tab"), tab());
        },
    );
    on_cleanup(move || on_leave.remove());
}

/// Puts the page back to `place` (from [`place_to_restore`]), once it is drawn as tall as it was.
pub fn restore_place(place: i32) {
    window().scroll_to_with_x_and_y(0.0, f64::from(place));
}
