//! Status colours (红黄绿) always come with a mark and a sign, never colour alone.

use super::i18n::Language;
use crate::engine::figures::Status;
use crate::engine::format;
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// The CSS class, the visible mark and the spoken word of a status.
pub fn status_look(
    status: Option<Status>,
    lang: Language,
) -> (&'static str, &'static str, &'static str) {
    match status {
        Some(Status::Green) => ("status-green", "●", lang.tr("达到序时", "on schedule")),
        Some(Status::Yellow) => (
            "status-yellow",
            "▲",
            lang.tr("略低于序时", "slightly behind"),
        ),
        Some(Status::Red) => ("status-red", "▼", lang.tr("明显落后", "well behind")),
        None => ("status-none", "", ""),
    }
}

/// A table cell with a schedule gap in points, coloured and marked by its status.
#[component]
pub fn StatusGap(#[prop(into)] gap: Signal<Option<Decimal>>) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let settings = store.settings();
    let look = move || status_look(settings.with(|s| s.status(gap.get())), lang);
    view! {
        <td class=move || format!("num gap {}", look().0) title=move || look().2>
            <span class="mark" aria-hidden="true">{move || look().1}</span>
            {move || format::points(gap.get())}
        </td>
    }
}
