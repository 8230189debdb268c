//! 文字说明 on 录入数据: a short note per unit for the data month (why it is behind, what is
//! expected next), kept in the plan (docs/notes.md), printed after the 通报表 and read out in the
//! 讲评稿 when its option is ticked. One unit is chosen and its note written; the month's notes
//! are listed above.

use super::i18n::{Lang, Language};
use crate::engine::plan::MAX_NOTE_CHARS;
use crate::store::PlanStore;
use leptos::prelude::*;

#[component]
pub fn NotesPanel() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let read_only = store.read_only();
    // The unit whose note is being written, by id (the first unit until one is chosen).
    // Read with `try_get`: when another plan is opened while this tab is shown, the tab is
    // drawn anew, and this panel's views can be asked once more after its own signals are gone
    // (a panic then: a tester's import of a plan without the chosen unit).
    let chosen = RwSignal::new(None::<String>);
    let unit_id = move || {
        chosen
            .try_get()
            .flatten()
            .filter(|id| plan.with(|p| p.units.iter().any(|u| &u.id == id)))
            .or_else(|| plan.with(|p| p.units.first().map(|u| u.id.clone())))
    };
    // The chosen unit's saved note: a memo, so that a figure typed elsewhere does not reset
    // the text being written.
    let saved = Memo::new(move |_| {
        let id = unit_id();
        plan.with(|p| {
            id.and_then(|id| p.notes.get(&(p.month, id)).cloned())
                .unwrap_or_default()
        })
    });
    // The draft starts afresh with another unit (even when neither has a note), another plan
    // opened (a copy has the same unit ids and notes: an unsaved draft went with it, to be saved
    // there) or when the saved note changes; a figure typed elsewhere changes none of them.
    let loads = store.loads();
    let shown = Memo::new(move |_| {
        (
            loads.try_get(),
            unit_id(),
            saved.try_get().unwrap_or_default(),
        )
    });
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some((_, _, text)) = shown.try_get() {
            draft.try_set(text);
        }
    });
    let save = move |_| {
        if let Some(id) = unit_id() {
            let text = draft.get_untracked();
            store.edit(None, |p| p.set_note(&id, &text));
        }
    };
    let listed = move || {
        plan.with(|p| {
            p.notes_of_month()
                .into_iter()
                .filter_map(|(i, text)| Some((p.units.get(i)?.name.clone(), text.to_string())))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="notes-panel panel" data-testid="notes">
            <h3>
                {move || match lang.get() {
                    Lang::Zh => format!("文字说明（{}）", plan.with(|p| lang.period(p.month))),
                    Lang::En => format!("Notes ({})", plan.with(|p| lang.period(p.month))),
                }}
            </h3>
            <p class="muted">
                {move || lang.tr(
                    "每个单位每月一条，打印时附在通报表后；讲评稿中勾选“读文字说明”后一并读出。",
                    "One per unit and month: printed after the report table, and read out in the briefing when ticked there.",
                )}
            </p>
            <ul class="notes-list" data-testid="notes-list">
                {move || listed().into_iter().map(|(name, text)| view! {
                    <li><strong>{name}</strong>{lang.colon()}{text}</li>
                }).collect_view()}
            </ul>
            <div class="note-entry">
                <label>
                    {move || lang.tr("单位", "Unit")}
                    <select
                        data-testid="note-unit"
                        prop:value=move || unit_id().unwrap_or_default()
                        on:change=move |ev| {
                            chosen.try_set(Some(event_target_value(&ev)));
                        }
                    >
                        {move || plan.with(|p| p.units.iter().map(|u| view! {
                            <option value=u.id.clone()>{u.name.clone()}</option>
                        }).collect_view())}
                    </select>
                </label>
                <textarea
                    data-testid="note-text"
                    rows="2"
                    maxlength=MAX_NOTE_CHARS.to_string()
                    aria-label=move || lang.tr("文字说明", "Note")
                    prop:value=move || draft.try_get().unwrap_or_default()
                    prop:disabled=move || read_only.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                ></textarea>
                <button type="button" data-testid="note-save" on:click=save prop:disabled=move || read_only.get()>
                    {move || lang.tr("保存说明", "Save note")}
                </button>
            </div>
        </section>
    }
}
