//! Menus and panels that drop down from the header behave as menus do: Esc closes one and gives
//! focus back to the button that opened it; a press anywhere outside it (and its button) closes
//! it. Also focus helpers for what opens: the element to type in next gets focus.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element `selector` finds, as an `HtmlElement`.
pub fn element(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// Focuses the element `selector` finds, on the next frame (once what was just opened is
/// rendered). What was opened may be in a part of the page whose code is still on its way (the
/// paste preview or the grid in the first moment after opening): see [`focus_soon_then`].
pub fn focus_soon(selector: impl Into<String>) {
    focus_soon_then(selector, |_| ());
}

/// [`focus_soon`], then `arrived` with the element focused. While the element is not there yet,
/// each frame looks again, for about five seconds at 60 frames a second; it gives up as soon as
/// the person has put focus somewhere else (anywhere but the page's body, where focus falls
/// when the element that had it goes).
pub fn focus_soon_then(
    selector: impl Into<String>,
    arrived: impl FnOnce(&web_sys::HtmlElement) + 'static,
) {
    const FRAMES: u32 = 300;
    fn look(
        selector: String,
        from: Option<web_sys::Element>,
        frames_left: u32,
        arrived: Box<dyn FnOnce(&web_sys::HtmlElement)>,
    ) {
        request_animation_frame(move || {
            let now = document().active_element();
            let body = document().body().map(web_sys::Element::from);
            if now != from && now != body {
                return; // focus went elsewhere meanwhile
            }
            if let Some(el) = element(&selector) {
                if el.focus().is_ok() {
                    arrived(&el);
                }
            } else if let Some(left) = frames_left.checked_sub(1) {
                look(selector, from, left, arrived);
            }
        });
    }
    look(
        selector.into(),
        document().active_element(),
        FRAMES,
        Box::new(arrived),
    );
}

/// Focuses the element `selector` finds, now.
pub fn focus(selector: &str) {
    if let Some(el) = element(selector) {
        let _ = el.focus();
    }
}

/// Whether `node` is inside one of the elements `parts` find.
fn inside(parts: &[&str], node: Option<web_sys::Node>) -> bool {
    node.is_some_and(|node| {
        parts
            .iter()
            .filter_map(|p| element(p))
            .any(|part| part.contains(Some(&node)))
    })
}

/// Makes a popup close like a menu. `parts` select its button and what it opened (`opener`, the
/// first, gets focus back on Esc); `is_open` and `close` read and shut it. Esc counts while focus
/// is in the popup or nowhere, so that Esc in a grid cell still only restores that cell.
pub fn close_like_a_menu(
    parts: &'static [&'static str],
    is_open: impl Fn() -> bool + Clone + 'static,
    close: impl Fn() + Clone + 'static,
) {
    let (open_, close_) = (is_open.clone(), close.clone());
    let on_key = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.key() != "Escape" || ev.default_prevented() || !open_() {
            return;
        }
        let active = document().active_element();
        let nowhere = active.as_ref().is_none_or(|a| a.tag_name() == "BODY");
        if !nowhere && !inside(parts, active.map(Into::into)) {
            return;
        }
        ev.prevent_default();
        close_();
        if let Some(opener) = parts.first() {
            focus(opener);
        }
    });
    let on_press = window_event_listener(ev::pointerdown, move |ev: web_sys::PointerEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if is_open() && !inside(parts, target) {
            close();
        }
    });
    on_cleanup(move || {
        on_key.remove();
        on_press.remove();
    });
}

/// Makes a menu also close when focus moves out of it (Tab past its last item), as a press
/// outside does: left open, it covered the page, and Esc no longer reached it (a keyboard
/// tester's). Only for menus of choices: a panel holding typed text stays open.
pub fn close_when_focus_leaves(
    parts: &'static [&'static str],
    is_open: impl Fn() -> bool + 'static,
    close: impl Fn() + 'static,
) {
    let on_focus = window_event_listener(ev::focusin, move |ev: web_sys::FocusEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if is_open() && !inside(parts, target) {
            close();
        }
    });
    on_cleanup(move || on_focus.remove());
}
