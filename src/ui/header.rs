use super::i18n::{Lang, Language};
use super::import_export::ImportExport;
use super::offline::runs_old_build;
use super::plans_menu::PlansMenu;
use super::popup::{close_like_a_menu, focus};
use super::print_view::Printing;
use crate::engine::closed_months::month_awaiting_figures;
use crate::engine::format;
use crate::store::PlanStore;
use leptos::prelude::*;

/// The top bar: product name, plan title, the data month (the most-changed setting) and the
/// schedule it implies, always visible; the plans menu, undo, redo, import and export, and the
/// language switch.
#[component]
pub fn Header() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    let month = move || plan.with(|p| p.month);
    // The month menu: the closed months (looked at read-only), the data month, and the months
    // after the last closed one (the data month may move there).
    let whole = store.whole();
    let looking_back = store.looking_back();
    let is_closed = move |m: u32| whole.with(|p| p.history.iter().any(|c| c.month == m));
    let last_closed = move || whole.with(|p| p.history.iter().map(|c| c.month).max());
    let data_month = move || whole.with(|p| p.month);
    let editing = store.editing_closed();
    let schedule = move || report.with(|r| format::percent(r.schedule.percent()));
    let printing = Printing::expect();
    // 打印's message closes like a menu: Esc (focus back on 打印) or a press elsewhere.
    close_like_a_menu(
        &["[data-testid=print]", "[data-testid=print-unloaded]"],
        move || untrack(|| printing.unloaded()),
        move || printing.dismiss(),
    );
    view! {
        <header class="topbar">
            <h1 class="brand">
                "Pace" <span class="brand-sub">{move || lang.tr("招商引资进度计算器", "investment progress")}</span>
            </h1>
            <PlansMenu/>
            <label class="month">
                <span class="sr-only">{move || lang.tr("数据月份", "Data month")}</span>
                <select
                    data-testid="month"
                    aria-label=move || lang.tr("数据月份", "Data month")
                    prop:value=move || match looking_back.get() {
                        Some(m) => format!("c{m}"),
                        None => data_month().to_string(),
                    }
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(closed) = value.strip_prefix('c') {
                            store.look_back(closed.parse().ok());
                        } else if let Ok(m) = value.parse() {
                            store.look_back(None);
                            if m != data_month() {
                                store.set_month(m);
                            }
                        }
                    }
                >
                    {(1..=12u32)
                        .map(|m| view! {
                            <option
                                value=move || if is_closed(m) { format!("c{m}") } else { m.to_string() }
                                disabled=move || !is_closed(m) && last_closed().is_some_and(|c| m <= c)
                            >
                                {move || if is_closed(m) {
                                    match lang.get() {
                                        Lang::Zh => format!("{}（已结）", lang.period(m)),
                                        Lang::En => format!("{} (closed)", lang.period(m)),
                                    }
                                } else {
                                    lang.period(m)
                                }}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            {move || {
                let closed = whole.with(month_awaiting_figures).filter(|_| looking_back.get().is_none())?;
                Some(view! {
                    <div class="month-started" role="status" data-testid="month-started">
                        {move || match lang.get() {
                            Lang::Zh => format!("{}还没有录入完成数；{}的数字已存为已结月份，可在月份菜单中查看，并用于比上月。", lang.period(data_month()), lang.period(closed)),
                            Lang::En => format!("Nothing entered for {} yet; the figures of {} are kept as a closed month (in the month menu) and compared with.", lang.period(data_month()), lang.period(closed)),
                        }}
                    </div>
                })
            }}
            {move || looking_back.get().map(|m| view! {
                <div class="looking-back" role="status" data-testid="looking-back">
                    {move || match (lang.get(), editing.get()) {
                        (Lang::Zh, false) => format!("正在查看已结月份 {}（只读）：各单位的数字为该月结束时的数字，其后删除的单位不在其中。", lang.period(m)),
                        (Lang::En, false) => format!("Looking back at {} (closed, read-only): each unit's figures as they were then; units deleted since are left out. ", lang.period(m)),
                        (Lang::Zh, true) => format!("正在修改已结月份 {}：改动写入该月的记录，比上月随之改变，可撤销。", lang.period(m)),
                        (Lang::En, true) => format!("Editing the closed month {}: changes go into its record and the comparisons follow; they can be undone. ", lang.period(m)),
                    }}
                    " "
                    {move || if editing.get() {
                        view! {
                            <button type="button" class="link" data-testid="stop-editing-closed" on:click=move |_| store.edit_closed(false)>
                                {move || lang.tr("完成修改", "Done")}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="link"
                                data-testid="edit-closed"
                                on:click=move |_| {
                                    let question = match lang.get_untracked() {
                                        Lang::Zh => format!("修改已结月份 {} 的数字？与它的对比（比上月）将随之改变。可撤销。", lang.period(m)),
                                        Lang::En => format!("Edit the figures of the closed month {}? Comparisons with it change too. This can be undone.", lang.period(m)),
                                    };
                                    if window().confirm_with_message(&question).unwrap_or(false) {
                                        store.edit_closed(true);
                                    }
                                }
                            >
                                {move || lang.tr("修改已结月份", "Edit this closed month")}
                            </button>
                        }.into_any()
                    }}
                    " "
                    <button type="button" class="link" data-testid="back-to-now" on:click=move |_| store.look_back(None)>
                        {move || match lang.get() {
                            Lang::Zh => format!("回到 {}", lang.period(data_month())),
                            Lang::En => format!("Back to {}", lang.period(data_month())),
                        }}
                    </button>
                </div>
            })}
            {move || {
                plan.with(|p| p.title_out_of_step()).map(|named| {
                    view! {
                        <div class="title-month" role="status" data-testid="title-month">
                            {move || match lang.get() {
                                Lang::Zh => format!("标题写的是{named}月，数据月份是{}月", month()),
                                Lang::En => format!("The title says month {named}; the data month is {}", month()),
                            }}
                            " "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| store.edit(None, |p| p.title_to_data_month())
                            >
                                {move || lang.tr("改标题", "Update the title")}
                            </button>
                        </div>
                    }
                })
            }}
            <div class="schedule" data-testid="schedule">
                {move || lang.tr("序时进度 ", "Schedule ")} <strong>{schedule}</strong>
            </div>
            <div class="actions">
                <button
                    type="button"
                    data-testid="undo"
                    title=move || lang.tr("撤销 (Ctrl+Z)", "Undo (Ctrl+Z)")
                    disabled=move || !store.can_undo().get()
                    on:click=move |_| store.undo()
                >
                    {move || lang.tr("撤销", "Undo")}
                </button>
                <button
                    type="button"
                    data-testid="redo"
                    title=move || lang.tr("重做 (Ctrl+Shift+Z)", "Redo (Ctrl+Shift+Z)")
                    disabled=move || !store.can_redo().get()
                    on:click=move |_| store.redo()
                >
                    {move || lang.tr("重做", "Redo")}
                </button>
                <ImportExport/>
                <button
                    type="button"
                    data-testid="print"
                    title=move || lang.tr("打印通报（A4横向）", "Print the report (A4 landscape)")
                    aria-busy=move || printing.waiting().then_some("true")
                    on:click=move |_| printing.print()
                >
                    {move || lang.tr("打印", "Print")}
                </button>
                <Show when=move || printing.unloaded()>
                    <div class="banner error" role="alert" data-testid="print-unloaded">
                        {move || if runs_old_build() {
                            // Another tab took a new build, whose files replaced this one's.
                            lang.tr(
                                "Pace 已在另一个标签页更新，需要先刷新本页（数据不受影响）才能打印。",
                                "Pace was updated in another tab: reload this page (your data stays) to print.",
                            )
                        } else {
                            lang.tr(
                                "没有打印：打印视图还没有下载到（网络已断开？）。联网后再点打印。",
                                "Nothing was printed: the print view has not been downloaded yet (is the network down?). Reconnect and press Print again.",
                            )
                        }}
                        " "
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| {
                                printing.dismiss();
                                // The button goes with the message: focus back to 打印.
                                focus("[data-testid=print]");
                            }
                        >
                            {move || lang.tr("关闭", "Dismiss")}
                        </button>
                    </div>
                </Show>
                <button
                    type="button"
                    class="lang"
                    data-testid="lang"
                    lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }
                    on:click=move |_| lang.toggle()
                >
                    {move || if lang.get() == Lang::Zh { "EN" } else { "中文" }}
                </button>
            </div>
        </header>
    }
}
