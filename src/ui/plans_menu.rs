//! 我的计划: the plan on screen and, on opening, every plan saved in this browser — open,
//! duplicate, rename, delete (undone from the data line) — and the ways to begin another: an empty
//! plan or the built-in example; and 开始下月, which closes the data month inside this plan. While the example is on screen,
//! 新建空白计划 also stands beside its 示例 badge, so a first visitor sees how to start their own.

use super::amount_cell::focus_cell_selected;
use super::data_health::local_time_to_the_second;
use super::i18n::{Lang, Language};
use super::messages::setting_refusal;
use super::on_demand::{on_demand, OnDemand};
use super::popup::{close_like_a_menu, close_when_focus_leaves, focus, focus_soon};
use crate::engine::closed_months::{close_month, join, JoinRefusal};
use crate::engine::edit::SettingError;
use crate::engine::example::welcome_example;
use crate::engine::format::zh_period;
use crate::engine::interchange::read_plan;
use crate::engine::plan::{Plan, MAX_TITLE_CHARS};
use crate::store::saved::{Library, Naming, Origin, Switch};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;

/// The menu's button (its `<summary>`) and the whole menu, for `close_like_a_menu`.
const MENU_PARTS: &[&str] = &["#plan-title", "#plans-menu"];

/// Closes the menu (a `<details>`).
fn shut(menu: NodeRef<leptos::html::Details>) {
    if let Some(menu) = menu.get_untracked() {
        menu.set_open(false);
    }
}

/// Closes the menu after a choice in it, and gives focus back to its button.
fn close(menu: NodeRef<leptos::html::Details>) {
    if menu.get_untracked().is_some_and(|m| m.open()) {
        shut(menu);
        focus(MENU_PARTS[0]);
    }
}

/// After renaming with the keyboard, focus goes to the plan's name (the rename box is gone),
/// on the next frame, once the list shows the new name.
fn focus_plan_name(id: &str) {
    focus_soon(format!(".plans-menu [data-plan=\"{id}\"] .plan-name"));
}

#[component]
pub fn PlansMenu() -> impl IntoView {
    let store = PlanStore::expect();
    let library = Library::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let menu = NodeRef::<leptos::html::Details>::new();
    close_like_a_menu(
        MENU_PARTS,
        move || menu.get_untracked().is_some_and(|m| m.open()),
        move || shut(menu),
    );
    close_when_focus_leaves(
        MENU_PARTS,
        move || menu.get_untracked().is_some_and(|m| m.open()),
        move || shut(menu),
    );

    // 新建空白计划, in the menu and beside the example's badge.
    let new_plan = Callback::new(move |()| {
        let (year, month) = plan.with_untracked(|p| (p.year, p.month));
        let title = match lang.get_untracked() {
            Lang::Zh => format!("新计划 {}", zh_period(month)),
            Lang::En => format!("New plan 1-{month}"),
        };
        let created =
            library.create(Plan::empty(title, year, month), Naming::Distinct) == Switch::Done;
        view_state.tab.set(Tab::Entry);
        close(menu);
        // Type the first figures next: focus in the grid's first cell (the total's name).
        if created {
            request_animation_frame(|| focus_cell_selected(0, 0));
        }
    });
    provide_context(MenuParts { menu, new_plan });
    // The panel is made (and its code fetched, if it is not yet there) when the menu is first
    // opened: on the button's click, so that it is there as the menu opens (`toggle` comes a
    // task later), and on `toggle` for a menu opened otherwise (the browser's find-in-page).
    let opened = RwSignal::new(false);
    let is_example = move || matches!(library.origin().get(), Origin::Example);

    view! {
        <div class="plan-head">
            <details
                class="plans-menu"
                node_ref=menu
                id="plans-menu"
                data-testid="plans-menu"
                on:toggle=move |_| {
                    if menu.get_untracked().is_some_and(|m| m.open()) {
                        opened.set(true);
                    }
                }
            >
                <summary
                    id="plan-title"
                    data-testid="plan-title"
                    title=move || lang.tr("我的计划", "My plans")
                    on:click=move |_| opened.set(true)
                >
                    <span class="plan-title">{move || plan.with(|p| p.title.clone())}</span>
                    {move || match library.origin().get() {
                        Origin::Example => Some(view! {
                            <span class="badge" title=move || lang.tr("内置示例：按1-7月讲评稿重建（全市、开发区、部门合计），其余单位为虚构；修改后自动保存为您的计划", "Built-in example rebuilt from the Jan–Jul speech (the city, the development zone, the departments' sum); the other units are made up; saved as your plan once changed")>
                                {move || lang.tr("示例", "Example")}
                            </span>
                        }.into_any()),
                        Origin::Shared => Some(view! {
                            <span class="badge">{move || lang.tr("分享的副本 · 未保存", "Shared copy · not saved")}</span>
                        }.into_any()),
                        Origin::DeletedElsewhere(_) => Some(view! {
                            <span class="badge">{move || lang.tr("已在别处删除 · 未保存", "Deleted elsewhere · not saved")}</span>
                        }.into_any()),
                        Origin::Newer(..) => Some(view! {
                            <span class="badge">{move || lang.tr("只读", "Read-only")}</span>
                        }.into_any()),
                        Origin::Saved(_) => None,
                    }}
                    <span class="caret" aria-hidden="true">"▾"</span>
                </summary>
                <div class="plans-panel">
                    {move || opened.get().then(|| view! { <OnDemand load=plans_panel::load/> })}
                </div>
            </details>
            <button
                type="button"
                class="new-blank"
                data-testid="new-blank"
                hidden=move || !is_example()
                title=move || lang.tr("从空白开始自己的计划；示例不变", "Start your own plan from scratch; the example stays as it is")
                on:click=move |_| { let _ = new_plan.try_run(()); }
            >
                {move || lang.tr("新建空白计划", "New blank plan")}
            </button>
        </div>
    }
}

/// What the panel shares with the menu around it: the `<details>` (to close it after a choice)
/// and 新建空白计划 (also the button beside the example's badge).
#[derive(Clone, Copy)]
struct MenuParts {
    menu: NodeRef<leptos::html::Details>,
    new_plan: Callback<()>,
}

// The open menu's panel: its code is a module of its own (see `on_demand`).
on_demand!(plans_panel => view! { <PlansPanel/> }.into_any());

/// The open menu: the saved plans (open, duplicate, rename, delete), 新建空白计划, 开始下月,
/// joining plans and the example.
#[component]
fn PlansPanel() -> impl IntoView {
    let store = PlanStore::expect();
    let library = Library::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let MenuParts { menu, new_plan } = expect_context::<MenuParts>();
    let plan_locked = store.plan_locked();
    // The plan being renamed, by id, and why its new name was refused.
    let renaming = RwSignal::new(None::<String>);
    let refused = RwSignal::new(None::<SettingError>);
    // Closes the data month inside this plan (SPEC §8): one undo step.
    let next = move |_| {
        store.edit(None, |p| {
            if let Some(next) = close_month(p) {
                *p = next;
            }
        });
        view_state.tab.set(Tab::Entry);
        close(menu);
    };
    // The data month's, not a closed month's looked back at (it read 开始下月（1-8月） there).
    let whole = store.whole();
    let is_december = move || whole.with(|p| p.month >= 12);

    // 合并为一个计划: plans made one per month by the old 开始下月, joined into one with its
    // closed months (SPEC §8). The saved plans ticked, by id; the join and what it matched.
    let joining = RwSignal::new(false);
    let ticked = RwSignal::new(Vec::<String>::new());
    let join_result = move || {
        let plans: Vec<Plan> = ticked
            .get()
            .iter()
            .filter_map(|id| library.stored_text(id))
            .filter_map(|text| read_plan(&text).ok())
            .collect();
        join(&plans)
    };
    let join_preview = move || {
        let lang_now = lang.get();
        match join_result() {
            Ok((plan, joined)) => {
                let months: Vec<String> = joined.months.iter().map(|&m| lang.period(m)).collect();
                let mut lines = vec![match lang_now {
                    Lang::Zh => format!("合并为“{}”：{}，最后一个月为数据月份，其余为已结月份。", plan.title, months.join("、")),
                    Lang::En => format!("Joined as “{}”: {}; the last month is the data month, the others closed months.", plan.title, months.join(", ")),
                }];
                if !joined.missing.is_empty() {
                    let missing: Vec<String> =
                        joined.missing.iter().map(|&m| lang.month(m)).collect();
                    lines.push(match lang_now {
                        Lang::Zh => format!(
                            "注意：没有{}的计划，其后一个月的当月将为“—”。",
                            missing.join("、")
                        ),
                        Lang::En => format!(
                            "Note: no plan for {}; the month after each has no “this month”.",
                            missing.join(", ")
                        ),
                    });
                }
                for (month, matched, unmatched) in &joined.matched {
                    let period = lang.period(*month);
                    lines.push(match (lang_now, unmatched.is_empty()) {
                        (Lang::Zh, true) => format!("{period}：{matched}个单位全部对应。"),
                        (Lang::Zh, false) => format!("{period}：{matched}个单位对应；未对应（保留原编号，不计入数字）：{}。", unmatched.join("、")),
                        (Lang::En, true) => format!("{period}: all {matched} units matched."),
                        (Lang::En, false) => format!("{period}: {matched} units matched; not matched (kept, in no figure): {}.", unmatched.join(", ")),
                    });
                }
                (lines, true)
            }
            Err(refusal) => {
                let line = match (lang_now, refusal) {
                    (Lang::Zh, JoinRefusal::TooFew) => {
                        "请勾选同一年度的两个或更多计划。".to_string()
                    }
                    (Lang::En, JoinRefusal::TooFew) => {
                        "Tick two or more plans of one year.".to_string()
                    }
                    (Lang::Zh, JoinRefusal::Years(y)) => format!(
                        "勾选的计划年份不同（{}），无法合并。",
                        y.iter().map(i32::to_string).collect::<Vec<_>>().join("、")
                    ),
                    (Lang::En, JoinRefusal::Years(y)) => format!(
                        "The ticked plans are of different years ({}).",
                        y.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                    ),
                    (Lang::Zh, JoinRefusal::MonthTwice(m)) => {
                        format!("有两个计划都是{}，请只勾选其中一个。", lang.period(m))
                    }
                    (Lang::En, JoinRefusal::MonthTwice(m)) => {
                        format!("Two plans are both {}: tick one of them.", lang.period(m))
                    }
                    (Lang::Zh, JoinRefusal::Units { month, metric, then, now }) => format!(
                        "{}的计划中“{metric}”的单位是{then}，最新的计划是{now}，金额单位不同的计划不能合并（改单位只改名称，不换算数字）。",
                        lang.period(month)
                    ),
                    (Lang::En, JoinRefusal::Units { month, metric, then, now }) => format!(
                        "The plan of {} measures “{metric}” in {then}, the latest plan in {now}: plans in different units cannot be joined (changing a plan's unit relabels it; it does not convert the amounts).",
                        lang.period(month)
                    ),
                };
                (vec![line], false)
            }
        }
    };
    let do_join = move |_| {
        if let Ok((plan, _)) = join_result() {
            if library.create(plan, Naming::AsWritten) == Switch::Done {
                joining.set(false);
                ticked.set(Vec::new());
                close(menu);
            }
        }
    };
    let open_id = move || match library.origin().get() {
        Origin::Saved(id) | Origin::Newer(id, _) => Some(id),
        _ => None,
    };

    // The saved plans, each with when it was saved where another has its title (an import
    // keeps its own): the list and the join tell them apart by it.
    let saved_plans = move || {
        library.catalogue().with(|c| {
            c.plans
                .iter()
                .map(|e| {
                    let shared = c.title_shared(&e.title);
                    let saved = shared
                        .then_some(e.saved_at)
                        .flatten()
                        .map(local_time_to_the_second);
                    (e.clone(), saved)
                })
                .collect::<Vec<_>>()
        })
    };
    let saved_label = move |saved: Option<String>| {
        saved.map(|at| view! {
            <span class="muted plan-saved">{move || lang.tr("保存于 ", "saved ")}{at.clone()}</span>
        })
    };
    let rows = move || {
        saved_plans().into_iter().map(move |(entry, saved)| {
            let id = entry.id.clone();
            let is_open = {
                let id = id.clone();
                move || open_id().as_deref() == Some(id.as_str())
            };
            let editing = {
                let id = id.clone();
                move || renaming.get().as_deref() == Some(id.as_str())
            };
            let (open_id_, dup_id, ren_id, del_id, save_id) =
                (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
            let title = entry.title.clone();
            view! {
                <li class="plan-row" class:current=is_open.clone() data-testid="saved-plan" data-plan=id.clone()>
                    {
                        let (title, is_open) = (title.clone(), is_open.clone());
                        move || {
                            if editing() {
                                let (save_id, change_id) = (save_id.clone(), save_id.clone());
                                view! {
                                    <input
                                        type="text"
                                        class="rename"
                                        maxlength=MAX_TITLE_CHARS
                                        aria-label=move || lang.tr("新名称", "New name")
                                        prop:value=title.clone()
                                        autofocus
                                        aria-invalid=move || refused.get().is_some().then_some("true")
                                        aria-describedby=move || refused.get().is_some().then_some("rename-refused")
                                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                                            if ev.key() == "Enter" {
                                                // A blank name keeps the box open, saying why.
                                                if let Err(e) = library.rename(&save_id, &event_target_value(&ev)) {
                                                    refused.set(Some(e));
                                                    return;
                                                }
                                                renaming.set(None);
                                                focus_plan_name(&save_id);
                                            } else if ev.key() == "Escape" {
                                                // Only the renaming is cancelled: the menu stays.
                                                ev.prevent_default();
                                                renaming.set(None);
                                                focus_plan_name(&save_id);
                                            }
                                        }
                                        on:change=move |ev| {
                                            if let Err(e) = library.rename(&change_id, &event_target_value(&ev)) {
                                                refused.set(Some(e));
                                                return;
                                            }
                                            renaming.set(None);
                                        }
                                    />
                                    {move || refused.get().map(|e| view! {
                                        <span class="cell-error inline" role="alert" id="rename-refused" data-testid="rename-refused">
                                            {setting_refusal(e, lang.get())}
                                        </span>
                                    })}
                                }
                                    .into_any()
                            } else {
                                let (open_id_, is_open) = (open_id_.clone(), is_open.clone());
                                view! {
                                    <button
                                        type="button"
                                        class="link plan-name"
                                        aria-current=move || is_open().then_some("true")
                                        on:click=move |_| {
                                            let _ = library.open(&open_id_);
                                            close(menu);
                                        }
                                    >
                                        {title.clone()}
                                        {saved_label(saved.clone())}
                                    </button>
                                }
                                    .into_any()
                            }
                        }
                    }
                    <span class="plan-actions">
                        <button type="button" class="link" on:click=move |_| { let _ = library.duplicate(&dup_id); close(menu); }>
                            {move || lang.tr("复制", "Duplicate")}
                        </button>
                        <button
                            type="button"
                            class="link"
                            // The open plan's title is not renamed while a closed month is shown
                            // or the plan is read-only: the rename did nothing, silently.
                            disabled={
                                let is_open = is_open.clone();
                                move || is_open() && plan_locked.get()
                            }
                            on:click=move |_| {
                                // A rename starts without the last one's refusal.
                                refused.set(None);
                                renaming.set(Some(ren_id.clone()));
                                focus_soon(".plans-menu input.rename");
                            }
                        >
                            {move || lang.tr("重命名", "Rename")}
                        </button>
                        <button type="button" class="link danger" on:click=move |_| { library.delete(&del_id, welcome_example()); close(menu); }>
                            {move || lang.tr("删除", "Delete")}
                        </button>
                    </span>
                </li>
            }
        }).collect_view()
    };

    view! {
        <h2>{move || lang.tr("保存在本浏览器的计划", "Plans saved in this browser")}</h2>
                    <Show
                        when=move || library.catalogue().with(|c| !c.plans.is_empty())
                        fallback=move || view! { <p class="muted">{move || lang.tr("还没有保存的计划。示例修改后即自动保存。", "No saved plans yet. The example is saved once you change it.")}</p> }
                    >
                        <ul class="plan-list">{rows}</ul>
                    </Show>
                    <div class="plan-new">
                        <button type="button" data-testid="new-plan" on:click=move |_| { let _ = new_plan.try_run(()); }>
                            {move || lang.tr("新建空白计划", "New blank plan")}
                        </button>
                        <button
                            type="button"
                            data-testid="next-month"
                            disabled=move || is_december() || store.read_only().get()
                            title=move || lang.tr("本月数字存为已结月份（月份菜单中可查看，并与下月比较），月份加一，完成数清空；可撤销", "Keeps this month's figures as a closed month (viewable from the month menu and compared with next month), moves to the next month and clears the actuals; can be undone")
                            on:click=next
                        >
                            {move || {
                                let m = whole.with(|p| p.month);
                                if m >= 12 {
                                    // December closes the year: there is no next month to start.
                                    return lang.tr("12月为全年最后一个月", "December ends the year").to_string();
                                }
                                let next = lang.period(m + 1);
                                match lang.get() {
                                    Lang::Zh => format!("开始下月（{next}）"),
                                    Lang::En => format!("Start next month ({next})"),
                                }
                            }}
                        </button>
                        <button type="button" class="link" data-testid="join-plans" on:click=move |_| joining.update(|j| *j = !*j)>
                            {move || lang.tr("合并为一个计划", "Join into one plan")}
                        </button>
                        <button
                            type="button"
                            class="link"
                            data-testid="open-example"
                            on:click=move |_| { let _ = library.open_example(welcome_example()); close(menu); }
                        >
                            {move || lang.tr("打开示例", "Open the example")}
                        </button>
                    </div>
                    {move || joining.get().then(|| view! {
                        <div class="join-panel" data-testid="join-panel">
                            <p class="muted">{move || lang.tr(
                                "把按月分开保存的计划（旧版“开始下月”所建）合并为一个含已结月份的计划；原计划不变。",
                                "Join plans saved one per month (made by the old “start next month”) into one plan with its closed months; the plans stay as they are.",
                            )}</p>
                            <ul class="plan-list">
                                {move || saved_plans().into_iter().map(|(entry, saved)| {
                                    let (id, id2) = (entry.id.clone(), entry.id.clone());
                                    view! {
                                        <li>
                                            <label class="check">
                                                <input
                                                    type="checkbox"
                                                    data-testid="join-choose"
                                                    prop:checked=move || ticked.with(|t| t.contains(&id))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        ticked.update(|t| {
                                                            t.retain(|x| x != &id2);
                                                            if on {
                                                                t.push(id2.clone());
                                                            }
                                                        });
                                                    }
                                                />
                                                {entry.title.clone()}
                                                {saved_label(saved)}
                                            </label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {move || {
                                let (lines, ok) = join_preview();
                                view! {
                                    <div data-testid="join-preview">
                                        {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                                    </div>
                                    <button type="button" data-testid="join-apply" disabled=!ok on:click=do_join>
                                        {move || lang.tr("合并", "Join")}
                                    </button>
                                }
                            }}
                        </div>
                    })}
    }
}
