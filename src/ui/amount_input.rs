//! An amount typed outside the entry grid, committed on change: read like any grid entry, and a
//! text that does not read shows its message and changes nothing.

use super::i18n::{Lang, Language};
use super::messages::entry_refusal;
use crate::engine::entry::{edit_text, parse_entry};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// An amount outside the grid (a scenario's, a month's): read like any entry (1.4亿, full-width digits …) when
/// committed; a text that does not read shows its message and changes nothing.
#[component]
pub fn AmountInput(
    metric: usize,
    #[prop(into)] value: Signal<Option<Decimal>>,
    #[prop(into)] label: Signal<String>,
    on_commit: Callback<Option<Decimal>>,
) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let error = RwSignal::new(None::<String>);
    let generation = store.generation();
    let commit = move |text: String| {
        // A change event may arrive while the input is being removed (another plan opened).
        if !store.is_current(generation) || error.is_disposed() {
            return;
        }
        let unit = store
            .plan()
            .with_untracked(|p| p.metrics.get(metric).map(|m| p.measure_unit(m)));
        let Some(unit) = unit else { return };
        match parse_entry(&text, &unit) {
            Ok(v) => {
                error.set(None);
                on_commit.run(v);
            }
            Err(e) => error.set(Some(match lang.get_untracked() {
                Lang::Zh => format!("{}：{}", label.get_untracked(), entry_refusal(&e, Lang::Zh)),
                Lang::En => format!("{}: {}", label.get_untracked(), entry_refusal(&e, Lang::En)),
            })),
        }
    };
    view! {
        <span class="amount-input" class:invalid=move || error.with(Option::is_some)>
            <input
                type="text"
                inputmode="decimal"
                class="num"
                aria-label=move || label.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || edit_text(value.get())
                on:change=move |ev| commit(event_target_value(&ev))
            />
            {move || error.get().map(|m| view! { <span class="cell-error" role="alert">{m}</span> })}
        </span>
    }
}
