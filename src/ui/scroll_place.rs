//! The place scrolled to survives a reload, back and forward. The browser's own restoring races
//! the app's start: it gives up once the page has loaded, often before the app has drawn its
//! tables, and then a reload lands at the top. So the page keeps the place itself, in the tab's
//! sessionStorage, and puts it back in its first frame.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The tab's sessionStorage key of the place, in CSS pixels from the top (an integer).
const PLACE_KEY: &str = "pace.scroll";

/// Whether this start is to put the page back where it was scrolled to: a reload, back or
/// forward (not a visit by the address or a link, which starts at the top).
pub fn restoring() -> bool {
    window()
        .performance()
        .and_then(|p| p.get_entries_by_type("navigation").get(0).dyn_into().ok())
        .is_some_and(|n: web_sys::PerformanceNavigationTiming| {
            n.type_() != web_sys::NavigationType::Navigate
        })
}

/// Takes the restoring over from the browser and remembers the place whenever the page is left.
pub fn keep_place() {
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_leave = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("pagehide"),
        |_| {
            let Ok(Some(storage)) = window().session_storage() else {
                return;
            };
            // Whole pixels: `as` saturates, and an integer needs no float printing in the wasm.
            let place = window().scroll_y().unwrap_or(0.0).max(0.0) as i32;
            let _ = storage.set_item(PLACE_KEY, &place.to_string());
        },
    );
    on_cleanup(move || on_leave.remove());
}

/// Puts the page back where it was scrolled to, when this start is a reload, back or forward.
/// Called in the first frame, once the page is drawn as tall as it was.
pub fn restore_place() {
    if !restoring() {
        return;
    }
    let place = window()
        .session_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(PLACE_KEY).ok().flatten())
        .and_then(|text| text.parse::<i32>().ok());
    if let Some(place) = place {
        window().scroll_to_with_x_and_y(0.0, f64::from(place.max(0)));
    }
}
