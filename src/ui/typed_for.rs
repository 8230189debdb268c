//! Which plan a field's typing is for. A text field commits when it loses focus, and Chromium
//! also sends its change while the field is being removed. When another plan opens while a
//! field still holds typed text (a file dropped or imported without a click elsewhere), that
//! change came after the new plan had loaded, from a field the new plan's list had taken over
//! in place: the old plan's typing went into the new plan (its metric read `undefined`), and the
//! page crashed (a helper's hunt). An `<input>` is therefore stamped with the plan on screen
//! when it takes focus or is typed into, and the change of a field that checks
//! [`typed_for_plan_on_screen`] (计划设置's, a scenario's name) counts only while that plan is
//! still the one shown; otherwise the typing is dropped, as a grid cell's draft is.

use crate::store::PlanStore;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The attribute holding the plan (`PlanStore::generation`) a focused field was typed for.
const STAMP: &str = "data-typed-for";

/// Stamps every `<input>` that takes focus or is typed into with the plan on screen (once, at the
/// app's root): typing that goes on after another plan opened is for that plan.
pub fn stamp_focused_fields(store: PlanStore) {
    let stamp = move |target: Option<web_sys::EventTarget>| {
        if let Some(field) = target.and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            let _ = field.set_attribute(STAMP, &store.generation().to_string());
        }
    };
    let focus = window_event_listener(ev::focusin, move |ev| stamp(ev.target()));
    let typing = window_event_listener(ev::input, move |ev| stamp(ev.target()));
    on_cleanup(move || {
        focus.remove();
        typing.remove();
    });
}

/// Whether the change `ev` of a field is for the plan on screen: typed while it was shown (a
/// field never focused, as a script's change, counts).
pub fn typed_for_plan_on_screen(store: PlanStore, ev: &web_sys::Event) -> bool {
    let stamp = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|field| field.get_attribute(STAMP));
    match stamp.and_then(|s| s.parse::<u64>().ok()) {
        Some(generation) => store.is_current(generation),
        None => true,
    }
}
