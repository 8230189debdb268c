//! One editable amount in the entry grid. Every keystroke that reads as a number updates the
//! plan at once (results follow live); a text that does not read is only judged when committed
//! (Enter, Tab, leaving the cell): then the message appears at the cell and the value from
//! before this entry stays. Enter moves down a row like a spreadsheet, Shift+Enter up.

use super::i18n::{Lang, Language};
use super::messages::entry_refusal;
use super::popup::{element, focus_soon_then};
use super::virtual_rows::{Scroll, ROW_PX};
use crate::engine::edit::Field;
use crate::engine::entry::{edit_text, parse_entry, EntryError};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// The grid input at (`row`, `col`).
fn cell_selector(row: usize, col: usize) -> String {
    format!("[data-row=\"{row}\"][data-col=\"{col}\"]")
}

/// Selects a grid input's text, so that typing replaces it.
fn select_text(el: &web_sys::HtmlElement) {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.select();
    }
}

fn try_focus(row: usize, col: usize) -> bool {
    let focused = match element(&cell_selector(row, col)) {
        Some(el) => {
            let focused = el.focus().is_ok();
            if focused && SELECT_ON_ARRIVAL.replace(false) {
                select_text(&el);
            }
            focused
        }
        None => false,
    };
    if focused {
        HEADING_TO.set(None);
    }
    focused
}

thread_local! {
    /// The grid's scroll position while the grid is on screen (set by `UnitGrid`).
    static GRID_SCROLL: Cell<Option<Scroll>> = const { Cell::new(None) };
    /// The cell focus is on its way to, while its row is still being rendered: further Enter
    /// presses count from there, so that no key press is lost however fast they come.
    static HEADING_TO: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
    /// The cell focus is on its way to gets its text selected on arrival (a new unit's name,
    /// so that typing replaces it).
    static SELECT_ON_ARRIVAL: Cell<bool> = const { Cell::new(false) };
}

/// Focuses the grid input at (`row`, `col`) with its text selected, so that typing replaces it.
pub fn focus_cell_selected(row: usize, col: usize) {
    SELECT_ON_ARRIVAL.set(true);
    focus_cell(row, col);
}

/// Lets `focus_cell` bring rows of the grid into being at once; `None` when the grid goes.
pub fn register_grid_scroll(scroll: Option<Scroll>) {
    GRID_SCROLL.set(scroll);
    HEADING_TO.set(None);
}

/// Focuses the grid input at (`row`, `col`). In a long grid the row may not be rendered yet:
/// then the grid scrolls it into view, its rows are rendered before the next event is handled
/// (the reactive effects run as microtasks), and focus follows; animation frames retry as a
/// fallback.
pub fn focus_cell(row: usize, col: usize) {
    if try_focus(row, col) {
        return;
    }
    let Some(container) = element(".grid-section .table-scroll") else {
        // No grid yet: its code is still on the way (新建空白计划 in the first moment after
        // opening). The cell is focused once drawn, as anything else that opens is.
        let select = SELECT_ON_ARRIVAL.replace(false);
        focus_soon_then(cell_selector(row, col), move |el| {
            if select {
                select_text(el);
            }
        });
        return;
    };
    HEADING_TO.set(Some((row, col)));
    let target = row as f64 * ROW_PX - f64::from(container.client_height()) / 2.0;
    container.set_scroll_top(target.max(0.0) as i32);
    if let Some(scroll) = GRID_SCROLL.get() {
        scroll.follow(&container, "tbody.virtual");
    }
    leptos::task::spawn_local(async move {
        if !try_focus(row, col) {
            retry(row, col, 5);
        }
    });
    fn retry(row: usize, col: usize, frames_left: u32) {
        request_animation_frame(move || {
            if HEADING_TO.get() != Some((row, col)) {
                return; // focus went elsewhere meanwhile
            }
            if try_focus(row, col) {
                return;
            }
            if frames_left > 0 {
                retry(row, col, frames_left - 1);
            } else {
                HEADING_TO.set(None); // no such row (Enter on the last one)
                SELECT_ON_ARRIVAL.set(false);
            }
        });
    }
}

/// Moves focus on Enter (down) and Shift+Enter (up); returns whether it handled the key. While
/// focus is still on its way to another row, the move counts from that row.
pub fn enter_moves(ev: &web_sys::KeyboardEvent, row: usize, col: usize) -> bool {
    if ev.key() != "Enter" || ev.is_composing() {
        return false;
    }
    ev.prevent_default();
    let from = HEADING_TO
        .get()
        .filter(|&(_, c)| c == col)
        .map_or(row, |(r, _)| r);
    let target = if ev.shift_key() {
        from.checked_sub(1)
    } else {
        from.checked_add(1)
    };
    if let Some(r) = target {
        focus_cell(r, col);
    }
    true
}

/// Where the grid says why an entry was refused: one line above the grid, outside the table's
/// scroll box and its row layers, so that it is never covered or clipped. It describes the
/// refused cell that has focus, or the latest refusal; the cell points to it with
/// `aria-describedby`.
#[derive(Clone, Copy)]
pub struct EntryNotice {
    /// The cell (its undo key) and its message.
    shown: RwSignal<Option<(String, String)>>,
}

impl EntryNotice {
    /// The id of the line, for `aria-describedby`.
    pub const ID: &'static str = "entry-notice";

    /// Provides the grid's notice to its cells.
    pub fn provide() -> EntryNotice {
        let notice = EntryNotice {
            shown: RwSignal::new(None),
        };
        provide_context(notice);
        notice
    }

    /// The message to show, if any.
    pub fn message(&self) -> Option<String> {
        self.shown.with(|s| s.as_ref().map(|(_, m)| m.clone()))
    }

    pub(crate) fn show(&self, cell: &str, message: String) {
        self.shown.try_set(Some((cell.to_string(), message)));
    }

    /// Clears the line if it describes `cell`.
    pub(crate) fn clear(&self, cell: &str) {
        if self
            .shown
            .try_with_untracked(|s| s.as_ref().is_some_and(|(c, _)| c == cell))
            .unwrap_or(false)
        {
            self.shown.try_set(None);
        }
    }
}

#[component]
pub fn AmountCell(
    /// Index of the unit in the plan when the cell was made (for the undo key).
    unit: usize,
    /// The unit's id: what an edit is applied to, wherever the unit is by then.
    unit_id: String,
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
    let notice = expect_context::<EntryNotice>();
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
    // The text being typed, or a refused text kept for correction; `None` when the cell shows
    // the stored value.
    let draft = RwSignal::new(None::<String>);
    // The value before this entry began: what a refused entry falls back to, and what Esc
    // restores.
    let before = StoredValue::new(None::<Option<Decimal>>);
    let error = RwSignal::new(None::<EntryError>);
    // The stored value a refusal was made over (see the effect below).
    let refused_over = StoredValue::new(None::<Option<Decimal>>);
    let key = format!("cell:{unit}:{metric}:{field:?}");
    let generation = store.generation();
    // The refusal in words, as the notice line and a hover show it. Read with `try_`: a blur
    // may arrive while the cell is being removed.
    let message = move || {
        let error = error.try_get().flatten()?;
        let label = label.try_get()?;
        Some(match lang.get() {
            Lang::Zh => format!(
                "{label}：{}。请改正，或按 Esc 恢复原值。",
                entry_refusal(&error, Lang::Zh)
            ),
            Lang::En => format!(
                "{label}: {}. Correct it, or press Esc to restore the previous value.",
                entry_refusal(&error, Lang::En)
            ),
        })
    };

    let set = {
        let (metric, field, key, unit_id) =
            (metric.clone(), field.clone(), key.clone(), unit_id.clone());
        move |value: Option<Decimal>| {
            if !store.is_current(generation) {
                return; // a late event from a cell of a plan no longer shown
            }
            store.edit(Some(key.clone()), |p| {
                if let Some(unit) = p.unit_index(&unit_id) {
                    p.set_value(unit, &metric, &field, value);
                }
            });
        }
    };
    let on_input = {
        let set = set.clone();
        let measure = measure.clone();
        let key = key.clone();
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
                // The text reads now: the refusal no longer describes it.
                if error.with_untracked(Option::is_some) {
                    error.set(None);
                    notice.clear(&key);
                }
            }
        }
    };
    // Judges the text being typed. Accepted: stored, and the cell shows the stored value.
    // Refused: the value from before this entry stays stored, the text stays in the cell for
    // correction and the notice says why; returns false. Blur and change also arrive while the
    // cell is being removed (another plan opened, a file dropped): its own state may be gone by
    // then, so it is read with `try_`.
    let commit = {
        let key = key.clone();
        let set = set.clone();
        move || -> bool {
            let Some(text) = draft.try_get_untracked().flatten() else {
                return true;
            };
            let Some(unit) = measure() else {
                return true;
            };
            let accepted = match parse_entry(&text, &unit) {
                Ok(value) => {
                    set(value);
                    error.try_set(None);
                    notice.clear(&key);
                    draft.try_set(None);
                    before.try_set_value(None);
                    true
                }
                Err(refused) => {
                    // Back to the value from before this entry, once: from here on the stored
                    // value is the last good one, and nothing this cell holds may overwrite a
                    // figure changed elsewhere (undo, a paste, another tab).
                    if let Some(previous) = before.try_get_value().flatten() {
                        set(previous);
                    }
                    before.try_set_value(None);
                    refused_over.try_set_value(Some(stored.try_get_untracked().flatten()));
                    error.try_set(Some(refused));
                    if store.is_current(generation) {
                        if let Some(m) = message() {
                            notice.show(&key, m);
                        }
                    }
                    false
                }
            };
            store.seal();
            accepted
        }
    };
    // A refused text describes the value it was refused over: once that figure changes
    // elsewhere (undo, a paste, another tab), the text and its message are dropped and the cell
    // shows the figure.
    Effect::new({
        let key = key.clone();
        move |_| {
            let now = stored.get();
            let over = refused_over.try_get_value().flatten();
            if over.is_some_and(|v| v != now) {
                refused_over.set_value(None);
                draft.set(None);
                error.set(None);
                notice.clear(&key);
            }
        }
    });
    // The line above the grid never speaks for a cell that is gone (scrolled away, another plan).
    on_cleanup({
        let key = key.clone();
        move || notice.clear(&key)
    });
    // Esc: back to the value from before this entry, the refusal forgotten.
    let restore = {
        let key = key.clone();
        move || {
            refused_over.set_value(None);
            if let Some(previous) = before.get_value() {
                set(previous);
            }
            draft.set(None);
            before.set_value(None);
            error.set(None);
            notice.clear(&key);
            store.seal();
        }
    };
    let text = move || draft.get().unwrap_or_else(|| edit_text(stored.get()));
    let commit_on_change = commit.clone();
    let commit_on_blur = commit.clone();
    let on_focus = {
        let key = key.clone();
        move |_| {
            if let Some(m) = message() {
                notice.show(&key, m);
            }
        }
    };
    view! {
        <td class="cell" class:invalid=move || error.with(Option::is_some)>
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                class="num"
                aria-label=move || label.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then_some(EntryNotice::ID)
                title=message
                data-row=row
                data-col=col
                readonly=move || store.read_only().get()
                prop:value=text
                on:input=on_input
                on:focus=on_focus
                on:change=move |_| {
                    commit_on_change();
                }
                on:blur=move |_| {
                    commit_on_blur();
                }
                on:keydown=move |ev| {
                    let key = ev.key();
                    if ev.is_composing() {
                        return;
                    }
                    if key == "Escape" {
                        restore();
                        return;
                    }
                    // A refused text keeps focus, as a spreadsheet's validation does.
                    if (key == "Enter" || key == "Tab") && !commit() {
                        ev.prevent_default();
                        if let Some(input) = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                        return;
                    }
                    enter_moves(&ev, row, col);
                }
            />
        </td>
    }
}
