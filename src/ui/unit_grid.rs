//! 录入: the units grid, one row per unit in the plan's own order (rows never move while typing),
//! every input of every metric, and the live completion and gap of the first tier beside them.
//! The table is rebuilt only when units, metrics or tiers are added, removed or moved; names and
//! values update in place, so focus stays where the person is typing.

use super::amount_cell::{
    enter_moves, focus_cell_selected, register_grid_scroll, AmountCell, EntryNotice,
};
use super::i18n::{Lang, Language};
use super::messages::unit_name_refused;
use super::paste_preview::{PastePreview, PendingPaste};
use super::popup::focus_soon;
use super::results_table::column_label;
use super::status::StatusGap;
use super::virtual_rows::{spacer, Scroll};
use crate::engine::columns::ResultColumn;
use crate::engine::edit::{metric_fields, numbered_name, Field};
use crate::engine::format;
use crate::engine::line::MetricFigures;
use crate::engine::plan::{Tier, MAX_NAME_CHARS};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The grid's structure: which units, metrics and tiers, by id, in order.
#[derive(Clone, PartialEq)]
struct Shape {
    /// Which plan is shown (`PlanStore::loads`): another plan with the same ids (a copy, a
    /// second import of one file) draws the rows anew, since they edit only the plan they were
    /// drawn for (`PlanStore::generation`); figures typed there were dropped without a word.
    load: u64,
    units: Vec<String>,
    metrics: Vec<String>,
    tiers: Vec<String>,
}

/// The name of a field in the current language (tier names as the plan has them).
pub(super) fn field_label(field: &Field, tiers: &[Tier], lang: Lang) -> String {
    let tr = |zh: &str, en: &str| if lang == Lang::Zh { zh } else { en }.to_string();
    match field {
        Field::Actual => tr("完成数", "Actual"),
        Field::Carryover => tr("其中上年结余", "Carry-over"),
        Field::LastYear => tr("上年同期", "Last year"),
        Field::Target(id) => tiers
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    }
}

/// The column header of a field, following the language and tier renames.
fn field_name(field: &Field) -> Signal<String> {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let tiers = store.tiers();
    let field = field.clone();
    Signal::derive(move || tiers.with(|tiers| field_label(&field, tiers, lang.get())))
}

/// What one row shows of the plan, read once per change instead of once per cell.
#[derive(Clone, PartialEq)]
struct RowData {
    name: String,
    group: String,
    total: bool,
    in_total: bool,
    /// `[metric][field]`, fields in `metric_fields` order.
    values: Vec<Vec<Option<Decimal>>>,
}

#[component]
fn GridRow(u: usize, shape: Arc<Shape>) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let notice = expect_context::<EntryNotice>();
    let plan = store.plan();
    let report = store.report();
    let generation = store.generation();
    // Edits go to this unit by id, wherever it is by the time they arrive.
    let unit_id = shape.units.get(u).cloned().unwrap_or_default();
    let (name_id, group_id, row_id) = (unit_id.clone(), unit_id.clone(), unit_id.clone());
    let unit_count = shape.units.len();
    let fields = metric_fields(&shape.tiers);
    let data = {
        let (shape, fields) = (shape.clone(), fields.clone());
        Memo::new(move |_| {
            plan.with(|p| {
                let unit = p.units.get(u);
                RowData {
                    name: unit.map(|x| x.name.clone()).unwrap_or_default(),
                    group: unit.and_then(|x| x.group.clone()).unwrap_or_default(),
                    total: unit.is_some_and(|x| x.total),
                    in_total: unit.is_some_and(|x| x.in_total),
                    values: shape
                        .metrics
                        .iter()
                        .map(|m| fields.iter().map(|f| p.value(u, m, f)).collect())
                        .collect(),
                }
            })
        })
    };
    // The first tier's completion and gap per metric: the total's or the unit's.
    let results = Memo::new(move |_| -> Vec<(Option<Decimal>, Option<Decimal>)> {
        report.with(|r| {
            let figures: Vec<&MetricFigures> = if r.total_unit == Some(u) {
                r.totals.iter().map(|t| &t.figures).collect()
            } else {
                r.row_of(u)
                    .map(|row| row.metrics.iter().collect())
                    .unwrap_or_default()
            };
            figures
                .iter()
                .map(|f| {
                    let first = f.tiers.first();
                    (
                        first.and_then(|t| t.completion),
                        first.and_then(|t| t.schedule_gap),
                    )
                })
                .collect()
        })
    });
    // Shown again after every edit, undo and redo: typing committed and then undone by Ctrl+Z
    // leaves the plan as it was, so nothing else tells the field to drop that typing.
    let revision = store.revision();
    let name = move || {
        revision.track();
        data.with(|d| d.name.clone())
    };
    let group = move || {
        revision.track();
        data.with(|d| d.group.clone())
    };
    let is_total = move || data.with(|d| d.total);
    let in_total = move || data.with(|d| d.in_total);
    let metric_names = store.metric_names();
    let mut col = 1;
    let metric_cells = shape
        .metrics
        .iter()
        .enumerate()
        .map(|(m, metric_id)| {
            let metric_name = move || metric_names.with(|n| n.get(m).cloned().unwrap_or_default());
            let inputs = fields
                .iter()
                .enumerate()
                .map(|(f_at, f)| {
                    col += 1;
                    let field_label = field_name(f);
                    let label = Signal::derive(move || format!("{} · {} · {}", name(), metric_name(), field_label.get()));
                    let stored = Signal::derive(move || data.with(|d| d.values.get(m).and_then(|v| v.get(f_at).copied()).flatten()));
                    view! { <AmountCell unit=u unit_id=unit_id.clone() metric=metric_id.clone() field=f.clone() row=u col=col label=label stored=stored/> }
                })
                .collect_view();
            let completion = move || format::percent(results.with(|r| r.get(m).and_then(|x| x.0)));
            let gap = Signal::derive(move || results.with(|r| r.get(m).and_then(|x| x.1)));
            view! {
                {inputs}
                <td class="num result">{completion}</td>
                <StatusGap gap=gap/>
            }
        })
        .collect_view();
    view! {
        <tr class:total-row=is_total data-unit=row_id>
            <td class="num seq">{u + 1}</td>
            <td class="sticky name-cell">
                <input
                    type="text"
                    class="name"
                    maxlength=MAX_NAME_CHARS
                    aria-label=move || lang.tr("单位名称", "Unit name")
                    data-row=u
                    data-col=0
                    readonly=move || store.plan_locked().get()
                    prop:value=name
                    on:change=move |ev| {
                        // Not when the event comes late from a row of a plan no longer shown.
                        if store.is_current(generation) {
                            let text = event_target_value(&ev);
                            let mut refused = None;
                            store.edit(None, |p| {
                                if let Some(i) = p.unit_index(&name_id) {
                                    refused = p.rename_unit(i, &text).err();
                                }
                            });
                            // A refused name: the cell shows the name kept, and the line says so.
                            let cell = format!("name/{name_id}");
                            match refused {
                                Some(error) => {
                                    let kept = data.with_untracked(|d| d.name.clone());
                                    event_target::<web_sys::HtmlInputElement>(&ev).set_value(&kept);
                                    notice.show(&cell, unit_name_refused(error, &kept, lang.get_untracked()));
                                }
                                None => notice.clear(&cell),
                            }
                        }
                    }
                    on:keydown=move |ev| {
                        enter_moves(&ev, u, 0);
                    }
                />
            </td>
            <td>
                <input
                    type="text"
                    class="group"
                    maxlength=MAX_NAME_CHARS
                    list="pace-groups"
                    aria-label=move || lang.tr("分组", "Group")
                    data-row=u
                    data-col=1
                    readonly=move || store.plan_locked().get()
                    prop:value=group
                    on:change=move |ev| {
                        if store.is_current(generation) {
                            let text = event_target_value(&ev);
                            store.edit(None, |p| {
                                if let Some(i) = p.unit_index(&group_id) {
                                    p.set_group(i, &text);
                                }
                            });
                        }
                    }
                    on:keydown=move |ev| {
                        enter_moves(&ev, u, 1);
                    }
                />
            </td>
            {metric_cells}
            <td class="row-actions">
                <label class="check" title=move || lang.tr("此行为全市合计", "This row is the total")>
                    <input
                        type="radio"
                        name="pace-total"
                        prop:checked=is_total
                        disabled=move || store.plan_locked().get()
                        on:change=move |_| store.edit(None, |p| p.set_total(Some(u)))
                    />
                    {move || lang.tr("合计", "Total")}
                </label>
                <label class="check" title=move || lang.tr("计入全市合计", "Counts in the total")>
                    <input
                        type="checkbox"
                        prop:checked=in_total
                        disabled=move || is_total() || store.plan_locked().get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            store.edit(None, |p| p.set_in_total(u, on));
                        }
                    />
                    {move || lang.tr("计入", "In total")}
                </label>
                <button
                    type="button"
                    class="icon"
                    title=move || lang.tr("上移", "Move up")
                    aria-label=move || lang.tr("上移", "Move up")
                    disabled=move || u == 0 || store.plan_locked().get()
                    on:click=move |_| store.edit(None, |p| p.move_unit(u, u.saturating_sub(1)))
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="icon"
                    title=move || lang.tr("下移", "Move down")
                    aria-label=move || lang.tr("下移", "Move down")
                    disabled=move || u + 1 == unit_count || store.plan_locked().get()
                    on:click=move |_| store.edit(None, |p| p.move_unit(u, u + 1))
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="icon danger"
                    data-testid="delete-unit"
                    title=move || lang.tr("删除（可撤销）", "Delete (undoable)")
                    aria-label=move || lang.tr("删除", "Delete")
                    disabled=move || store.plan_locked().get()
                    on:click=move |_| store.edit(None, |p| p.remove_unit(u))
                >
                    "✕"
                </button>
            </td>
        </tr>
    }
}

#[component]
pub fn UnitGrid() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();

    let loads = store.loads();
    let shape = Memo::new(move |_| {
        let load = loads.get();
        plan.with(|p| {
            Arc::new(Shape {
                load,
                units: p.units.iter().map(|u| u.id.clone()).collect(),
                metrics: p.metrics.iter().map(|m| m.id.clone()).collect(),
                tiers: p.tiers.iter().map(|t| t.id.clone()).collect(),
            })
        })
    });
    let scroll = Scroll::new();
    register_grid_scroll(Some(scroll));
    on_cleanup(|| register_grid_scroll(None));
    let window = Memo::new(move |_| scroll.window(shape.with(|s| s.units.len())));
    let groups = Memo::new(move |_| plan.with(|p| p.groups()));
    let unit_label =
        move || plan.with(|p| format!("{}{}{}", lang.tr("单位", "Unit"), lang.colon(), p.unit));
    let pending = PendingPaste::expect();
    let notice = EntryNotice::provide();

    let add_unit = move |_| {
        let mut added = 0;
        let base = match lang.get_untracked() {
            Lang::Zh => "新单位",
            Lang::En => "New unit",
        };
        store.edit(None, |p| {
            // Numbered among the reporting units (the total is not one of them).
            let count = p.units.iter().filter(|u| !u.total).count();
            let name = numbered_name(base, count, p.units.iter().map(|u| u.name.as_str()));
            added = p.add_unit(&name, None);
        });
        // Type the new unit's name next.
        request_animation_frame(move || focus_cell_selected(added, 0));
    };

    let table = move || {
        let shape = shape.get();
        let fields = metric_fields(&shape.tiers);
        let per_metric = fields.len() + 2;
        let metric_count = shape.metrics.len();
        let header_top = (0..shape.metrics.len())
            .map(|m| {
                let name = move || {
                    plan.with(|p| p.metrics.get(m).map(|x| x.name.clone()).unwrap_or_default())
                };
                view! { <th colspan=per_metric class="metric-head">{name}</th> }
            })
            .collect_view();
        let header_fields = (0..shape.metrics.len())
            .map(|_| {
                // The 通报表's heading of the first tier's 完成率 (考核目标 完成率: it wraps at the space).
                let completion = move || {
                    plan.with(|p| column_label(p, ResultColumn::Completion(0), lang, true, None))
                };
                view! {
                    {fields.iter().map(|f| view! { <th class="num">{field_name(f)}</th> }).collect_view()}
                    <th class="num result-head">{completion}</th>
                    <th class="num result-head">{move || lang.tr("比序时", "vs schedule")}</th>
                }
            })
            .collect_view();
        let row_shape = shape.clone();
        let rows = view! {
            {move || spacer(window.get().above_px)}
            <For
                each=move || {
                    let w = window.get();
                    let shape = shape.clone();
                    (w.start..w.end).filter_map(move |u| Some((u, shape.units.get(u)?.clone()))).collect::<Vec<_>>()
                }
                key=|row| row.clone()
                children=move |(u, _)| view! { <GridRow u=u shape=row_shape.clone()/> }
            />
            {move || spacer(window.get().below_px)}
        };
        view! {
            <table class="grid" data-testid="unit-grid">
                // Fixed column widths: the browser lays the table out without measuring every
                // cell after each keystroke.
                <colgroup>
                    <col class="w-seq"/>
                    <col class="w-name"/>
                    <col class="w-group"/>
                    {(0..metric_count)
                        .map(|_| {
                            view! {
                                {(0..fields.len()).map(|_| view! { <col class="w-input"/> }).collect_view()}
                                <col class="w-result"/>
                                <col class="w-result"/>
                            }
                        })
                        .collect_view()}
                    <col class="w-actions"/>
                </colgroup>
                <thead>
                    <tr>
                        <th rowspan="2" class="seq">{move || lang.tr("序号", "No.")}</th>
                        <th rowspan="2" class="sticky">{move || lang.tr("单位", "Unit")}</th>
                        <th rowspan="2">{move || lang.tr("分组", "Group")}</th>
                        {header_top}
                        <th rowspan="2">{move || lang.tr("操作", "Actions")}</th>
                    </tr>
                    <tr>{header_fields}</tr>
                </thead>
                <tbody class="virtual">{rows}</tbody>
            </table>
        }
    };

    view! {
        <section class="grid-section" aria-label=move || lang.tr("录入数据", "Data entry")>
            <div class="table-toolbar">
                <span class="unit-note">{unit_label}</span>
                <span class="hint">
                    {move || lang.tr(
                        "可输入 1.4亿、4762万美元、１２３ 等；空白、—、/ 表示未报。Enter 下移，Tab 右移。",
                        "Accepts amounts as written in Chinese (",
                    )}
                    {move || (lang.get() == Lang::En).then(|| view! {
                        <span lang="zh-CN">"1.4亿, 4762万美元, １２３"</span>
                        "); blank, — or / mean not reported. Enter moves down, Tab right."
                    })}
                </span>
            </div>
            <datalist id="pace-groups">
                {move || groups.get().into_iter().map(|g| view! { <option value=g/> }).collect_view()}
            </datalist>
            <PastePreview pending=pending/>
            <p id=EntryNotice::ID class="entry-notice" role="alert" data-testid="entry-notice">
                {move || notice.message()}
            </p>
            <div
                class="table-scroll"
                // Read-only, its inputs are disabled: the box itself takes focus, so that it can
                // still be scrolled with the keyboard.
                tabindex=move || store.read_only().get().then_some("0")
                on:scroll=move |ev| scroll.on_scroll(&ev, "tbody.virtual")
                on:paste=move |ev| {
                    // A block of cells is previewed; a single value goes into the cell as usual.
                    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else {
                        return;
                    };
                    let at = |name: &str| {
                        ev.target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .and_then(|e| e.get_attribute(name))
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(0)
                    };
                    if pending.offer(&text, (at("data-row"), at("data-col"))) {
                        ev.prevent_default();
                        // Into view and focus: on a phone the preview opens above the cell,
                        // out of sight (a tester saw nothing happen).
                        focus_soon("#paste-preview");
                    }
                }
            >
                {table}
            </div>
            <button type="button" class="add" data-testid="add-unit" on:click=add_unit disabled=move || store.plan_locked().get()>
                {move || lang.tr("＋ 添加单位", "+ Add unit")}
            </button>
        </section>
    }
}
