//! One editable amount in the entry grid. Every keystroke that reads as a number updates the
//! plan at once (results follow live); a text that does not read is only judged when committed
//! (Enter, Tab, leaving the cell): then the message appears at the cell and the value from
//! before this entry stays. Enter moves down a row like a spreadsheet, Shift+Enter up.

use super::i18n::{Lang, Language};
use super::virtual_rows::ROW_PX;
use crate::engine::edit::Field;
use crate::engine::entry::{edit_text, parse_entry, EntryError};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

fn try_focus(row: usize, col: usize) -> bool {
    let selector = format!("[data-row=\"{row}\"][data-col=\"{col}\"]");
    match document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Focuses the grid input at (`row`, `col`). In a long grid the row may not be rendered yet:
/// then the grid scrolls it into view and focus follows once it is drawn.
pub fn focus_cell(row: usize, col: usize) {
    if try_focus(row, col) {
        return;
    }
    let Some(container) = document()
        .query_selector(".grid-section .table-scroll")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let target = row as f64 * ROW_PX - f64::from(container.client_height()) / 2.0;
    container.set_scroll_top(target.max(0.0) as i32);
    fn retry(row: usize, col: usize, frames_left: u32) {
        request_animation_frame(move || {
            if !try_focus(row, col) && frames_left > 0 {
                retry(row, col, frames_left - 1);
            }
        });
    }
    retry(row, col, 5);
}

/// Moves focus on Enter (down) and Shift+Enter (up); returns whether it handled the key.
pub fn enter_moves(ev: &web_sys::KeyboardEvent, row: usize, col: usize) -> bool {
    if ev.key() != "Enter" || ev.is_composing() {
        return false;
    }
    ev.prevent_default();
    let target = if ev.shift_key() {
        row.checked_sub(1)
    } else {
        Some(row + 1)
    };
    if let Some(r) = target {
        focus_cell(r, col);
    }
    true
}

#[component]
pub fn AmountCell(
    /// Index of the unit in the plan.
    unit: usize,
    metric: String,
    field: Field,
    /// Grid coordinates, for Enter navigation.
    row: usize,
    col: usize,
    /// What the field is, for screen readers and messages: `开发区 · 新批注册外资 · 完成数`.
    #[prop(into)]
    label: Signal<String>,
    /// The stored value (the row reads its values once; each cell picks its own).
    #[prop(into)]
    stored: Signal<Option<Decimal>>,
) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    // What the metric is measured in, looked up when an entry is read.
    let measure = {
        let metric = metric.clone();
        move || {
            plan.with_untracked(|p| {
                p.metrics
                    .iter()
                    .find(|m| m.id == metric)
                    .map(|m| p.measure_unit(m))
            })
        }
    };
    // The text being typed; `None` when the cell shows the stored value.
    let draft = RwSignal::new(None::<String>);
    // The value before this entry began: what a refused entry falls back to.
    let before = StoredValue::new(None::<Option<Decimal>>);
    let error = RwSignal::new(None::<EntryError>);
    let key = format!("cell:{unit}:{metric}:{field:?}");

    let set = {
        let (metric, field, key) = (metric.clone(), field.clone(), key.clone());
        move |value: Option<Decimal>| {
            store.edit(Some(key.clone()), |p| {
                p.set_value(unit, &metric, &field, value)
            });
        }
    };
    let on_input = {
        let set = set.clone();
        let measure = measure.clone();
        move |ev: web_sys::Event| {
            let text = event_target_value(&ev);
            if before.get_value().is_none() {
                before.set_value(Some(stored.get_untracked()));
            }
            draft.set(Some(text.clone()));
            let Some(unit) = measure() else {
                return;
            };
            if let Ok(value) = parse_entry(&text, &unit) {
                set(value);
            }
        }
    };
    let commit = move || {
        let Some(text) = draft.get_untracked() else {
            return;
        };
        let Some(unit) = measure() else {
            return;
        };
        match parse_entry(&text, &unit) {
            Ok(value) => {
                set(value);
                error.set(None);
            }
            Err(refused) => {
                if let Some(previous) = before.get_value() {
                    set(previous);
                }
                error.set(Some(refused));
            }
        }
        draft.set(None);
        before.set_value(None);
        store.seal();
    };
    let text = move || draft.get().unwrap_or_else(|| edit_text(stored.get()));
    let message = move || {
        error.with(|e| {
            e.as_ref().map(|e| match lang.get() {
                Lang::Zh => format!("{}：{}", label.get(), e.message_zh()),
                Lang::En => format!("{}: {}", label.get(), e.message_en()),
            })
        })
    };
    let commit_on_change = commit.clone();
    let commit_on_blur = commit.clone();
    view! {
        <td class="cell" class:invalid=move || error.with(Option::is_some)>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                class="num"
                aria-label=move || label.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                data-row=row
                data-col=col
                readonly=move || store.read_only().get()
                prop:value=text
                on:input=on_input
                on:change=move |_| commit_on_change()
                on:blur=move |_| commit_on_blur()
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && !ev.is_composing() {
                        commit();
                    }
                    enter_moves(&ev, row, col);
                }
            />
            {move || {
                message()
                    .map(|m| {
                        view! {
                            <div class="cell-error" role="alert">
                                {m}
                            </div>
                        }
                    })
            }}
        </td>
    }
}
