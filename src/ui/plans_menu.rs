//! 我的计划: the plan on screen and, on opening, every plan saved in this browser — open,
//! duplicate, rename, delete (undone from the data line) — and the ways to begin another: an empty
//! plan or the built-in example; and 开始下月, which closes the data month inside this plan. While the example is on screen,
//! 新建空白计划 also stands beside its 示例 badge, so a first visitor sees how to start their own.

use super::i18n::{Lang, Language};
use crate::engine::closed_months::close_month;
use crate::engine::example::welcome_example;
use crate::engine::plan::Plan;
use crate::store::saved::{Library, Origin};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;

/// Closes the menu (a `<details>`), e.g. after choosing a plan.
fn close(menu: NodeRef<leptos::html::Details>) {
    if let Some(menu) = menu.get() {
        menu.set_open(false);
    }
}

#[component]
pub fn PlansMenu() -> impl IntoView {
    let store = PlanStore::expect();
    let library = Library::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let menu = NodeRef::<leptos::html::Details>::new();
    // The plan being renamed, by id.
    let renaming = RwSignal::new(None::<String>);

    // 新建空白计划, in the menu and beside the example's badge.
    let new_plan = move |_| {
        let (year, month) = plan.with_untracked(|p| (p.year, p.month));
        let title = match lang.get_untracked() {
            Lang::Zh => format!("新计划 1-{month}月"),
            Lang::En => format!("New plan 1-{month}"),
        };
        let _ = library.create(Plan::empty(title, year, month));
        view_state.tab.set(Tab::Entry);
        close(menu);
    };
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
    let is_december = move || plan.with(|p| p.month >= 12);
    let open_id = move || match library.origin().get() {
        Origin::Saved(id) | Origin::Newer(id, _) => Some(id),
        _ => None,
    };

    let rows = move || {
        library.catalogue().with(|c| c.plans.clone()).into_iter().map(move |entry| {
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
                <li class="plan-row" class:current=is_open.clone() data-testid="saved-plan">
                    {
                        let (title, is_open) = (title.clone(), is_open.clone());
                        move || {
                            if editing() {
                                let (save_id, change_id) = (save_id.clone(), save_id.clone());
                                view! {
                                    <input
                                        type="text"
                                        class="rename"
                                        aria-label=move || lang.tr("新名称", "New name")
                                        prop:value=title.clone()
                                        autofocus
                                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                                            if ev.key() == "Enter" {
                                                library.rename(&save_id, &event_target_value(&ev));
                                                renaming.set(None);
                                            } else if ev.key() == "Escape" {
                                                renaming.set(None);
                                            }
                                        }
                                        on:change=move |ev| {
                                            library.rename(&change_id, &event_target_value(&ev));
                                            renaming.set(None);
                                        }
                                    />
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
                                            library.open(&open_id_);
                                            close(menu);
                                        }
                                    >
                                        {title.clone()}
                                    </button>
                                }
                                    .into_any()
                            }
                        }
                    }
                    <span class="plan-actions">
                        <button type="button" class="link" on:click=move |_| { library.duplicate(&dup_id); close(menu); }>
                            {move || lang.tr("复制", "Duplicate")}
                        </button>
                        <button type="button" class="link" on:click=move |_| renaming.set(Some(ren_id.clone()))>
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

    let is_example = move || matches!(library.origin().get(), Origin::Example);

    view! {
        <div class="plan-head">
            <details class="plans-menu" node_ref=menu data-testid="plans-menu">
                <summary data-testid="plan-title" title=move || lang.tr("我的计划", "My plans")>
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
                        Origin::Newer(..) => Some(view! {
                            <span class="badge">{move || lang.tr("只读", "Read-only")}</span>
                        }.into_any()),
                        Origin::Saved(_) => None,
                    }}
                    <span class="caret" aria-hidden="true">"▾"</span>
                </summary>
                <div class="plans-panel">
                    <h2>{move || lang.tr("保存在本浏览器的计划", "Plans saved in this browser")}</h2>
                    <Show
                        when=move || library.catalogue().with(|c| !c.plans.is_empty())
                        fallback=move || view! { <p class="muted">{move || lang.tr("还没有保存的计划。示例修改后即自动保存。", "No saved plans yet. The example is saved once you change it.")}</p> }
                    >
                        <ul class="plan-list">{rows}</ul>
                    </Show>
                    <div class="plan-new">
                        <button type="button" data-testid="new-plan" on:click=new_plan>
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
                                let m = plan.with(|p| p.month);
                                let next = lang.period((m + 1).min(12));
                                match lang.get() {
                                    Lang::Zh => format!("开始下月（{next}）"),
                                    Lang::En => format!("Start next month ({next})"),
                                }
                            }}
                        </button>
                        <button
                            type="button"
                            class="link"
                            data-testid="open-example"
                            on:click=move |_| { library.open_example(welcome_example()); close(menu); }
                        >
                            {move || lang.tr("打开示例", "Open the example")}
                        </button>
                    </div>
                </div>
            </details>
            <button
                type="button"
                class="new-blank"
                data-testid="new-blank"
                hidden=move || !is_example()
                title=move || lang.tr("从空白开始自己的计划；示例不变", "Start your own plan from scratch; the example stays as it is")
                on:click=new_plan
            >
                {move || lang.tr("新建空白计划", "New blank plan")}
            </button>
        </div>
    }
}
