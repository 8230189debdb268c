//! The data line under the header: where the plan is kept, when it was saved and last exported —
//! and, when something is wrong with storage, what happened and what to do, with nothing lost
//! (those banners are loaded on demand: `storage_notices`).

use super::i18n::{Lang, Language};
use super::on_demand::OnDemand;
use super::storage_notices::notices;
use crate::store::saved::{Library, Origin};
use leptos::prelude::*;

/// The time `ms` (milliseconds since 1970) in the browser's time zone.
fn date(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
}

/// `11-28 10:32`, or `2025-11-28 10:32` outside the current year (a plan kept from last year
/// was not saved this November).
fn to_the_minute(d: &js_sys::Date) -> String {
    let this_year = js_sys::Date::new_0().get_full_year();
    stamp(
        (d.get_full_year() != this_year).then(|| d.get_full_year()),
        [
            d.get_month() + 1,
            d.get_date(),
            d.get_hours(),
            d.get_minutes(),
        ],
    )
}

/// `[month, day, hour, minute]` as `11-28 10:32`, after `2025-` when a year is given.
fn stamp(year: Option<u32>, [month, day, hour, minute]: [u32; 4]) -> String {
    let year = year.map(|y| format!("{y}-")).unwrap_or_default();
    format!("{year}{month:02}-{day:02} {hour:02}:{minute:02}")
}

/// `11-28 10:32` in the browser's time zone.
fn local_time(ms: i64) -> String {
    to_the_minute(&date(ms))
}

/// `11-28 10:32:05` in the browser's time zone: two plans of one title, imported a moment apart,
/// are told apart by it in 我的计划.
pub(crate) fn local_time_to_the_second(ms: i64) -> String {
    let d = date(ms);
    format!("{}:{:02}", to_the_minute(&d), d.get_seconds())
}

#[component]
pub fn DataHealth() -> impl IntoView {
    let library = Library::expect();
    let lang = Language::expect();
    // A memo: storage's version moves with every save, and the banners must not be drawn anew
    // each time (focus on 撤销删除 would be lost, screen readers would read them again).
    let has_notices = Memo::new(move |_| library.has_notices().get());
    // When the open plan was last saved and exported, as the catalogue records them (so they
    // survive a reload).
    let times = move || {
        let id = match library.origin().get() {
            Origin::Saved(id) => id,
            _ => return (None, None),
        };
        library.catalogue().with(|c| {
            c.entry(&id)
                .map_or((None, None), |e| (e.saved_at, e.exported_at))
        })
    };
    let status = move || {
        if library.safe_start().with(Option::is_some) {
            return lang
                .tr(
                    "安全模式：尚未打开任何计划，所有已保存的计划都在下面。",
                    "Safe mode: no plan is open; every saved plan is listed below.",
                )
                .to_string();
        }
        match library.origin().get() {
        Origin::Example => lang
            .tr(
                "示例尚未保存：修改后自动保存为您的计划。",
                "The example is not saved: once you change it, it is saved as your plan.",
            )
            .to_string(),
        Origin::Shared => lang
            .tr(
                "来自分享链接的副本，尚未保存：修改后自动保存为新计划，不影响已保存的计划。",
                "A copy from a share link, not saved: once you change it, it is saved as a new plan; saved plans are untouched.",
            )
            .to_string(),
        Origin::DeletedElsewhere(_) => lang
            .tr(
                "此计划已在另一标签页中删除，本页内容尚未保存：修改后自动保存为新计划。",
                "This plan was deleted in another tab; what is on screen is not saved: once you change it, it is saved as a new plan.",
            )
            .to_string(),
        Origin::Newer(_, version) => match lang.get() {
            Lang::Zh => format!("此计划由更新版本的 Pace 保存（格式版本 {version}），本页只读，不会改写它。"),
            Lang::En => format!("This plan was saved by a newer Pace (format version {version}); read-only here, never written."),
        },
        Origin::Saved(_) => {
            let (saved, exported) = times();
            let exported = exported.map(local_time);
            // Not "saved at …" while the banner below says this page's changes are not.
            let saved = if library.changes_held_back().get() {
                Some(
                    lang.tr(
                        "本页的修改尚未保存（见下方提示）",
                        "this page's changes are not saved (see below)",
                    )
                    .to_string(),
                )
            } else {
                saved.map(local_time).map(|t| match lang.get() {
                    Lang::Zh => format!("已保存 {t}"),
                    Lang::En => format!("saved {t}"),
                })
            };
            let saved = saved.map(|s| format!(" · {s}")).unwrap_or_default();
            match lang.get() {
                Lang::Zh => format!(
                    "数据保存在本浏览器（localStorage）{saved} · 最近导出：{}",
                    exported.unwrap_or_else(|| "从未".into())
                ),
                Lang::En => format!(
                    "Kept in this browser (localStorage){saved} · last exported: {}",
                    exported.unwrap_or_else(|| "never".into())
                ),
            }
        }
    }
    };
    let persisted = move || {
        library.persisted().get().map(|granted| {
            if granted {
                lang.tr("（已获浏览器持久保存）", " (persistent storage granted)")
            } else {
                lang.tr(
                    "（浏览器可能在空间不足时清除，请定期导出）",
                    " (the browser may clear it when space runs low: export now and then)",
                )
            }
        })
    };

    view! {
        <div class="data-health" data-testid="data-health" role="status">
            <span data-testid="data-status">{status}</span>
            <span class="muted">{persisted}</span>
        </div>
        // Their code may not come (offline before it was kept): what they are about is said
        // anyway, since one of them may be that changes are not being saved.
        {move || has_notices.get().then(|| view! {
            <OnDemand
                load=notices::load
                unloaded=(
                    "关于浏览器存储的提示还没有下载到（网络已断开？）：最近的修改可能没有保存。请先点上方的“导出”留一份，联网后点重试。",
                    "A message about browser storage has not been downloaded yet (is the network down?): recent changes may not be saved. Press Export above to keep a copy, then reconnect and press Retry.",
                )
            />
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn a_time_outside_this_year_says_its_year() {
        assert_eq!(stamp(None, [11, 28, 9, 5]), "11-28 09:05");
        assert_eq!(stamp(Some(2025), [12, 1, 10, 32]), "2025-12-01 10:32");
    }
}
