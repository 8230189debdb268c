//! 通报表: the results for every unit, with the total and group subtotals on top, sortable by
//! any column, filterable by group, ranked within the rows shown.

use super::file_io::download_text;
use super::i18n::{english_count, Lang, Language};
use super::share::copy_to_clipboard;
use super::status::status_look;
use super::virtual_rows::{spacer, Scroll, Window};
use super::warnings::withheld_text;
use crate::engine::format;
use crate::engine::line::MetricFigures;
use crate::engine::plan::Plan;
use crate::engine::report::Report;
use crate::engine::sheet::{csv_file_name, results_sheet, to_csv, to_tsv};
use crate::engine::table::{ranks_within, shown_rows, Direction, RankBasis, SortKey};
use crate::store::view::ViewState;
use crate::store::PlanStore;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The cells of one metric in one row.
fn metric_cells(
    plan: &Plan,
    report: &Report,
    m: usize,
    figures: &MetricFigures,
    rank: Option<usize>,
    lang: Language,
    // Whether the 后n个月每月需 columns are shown.
    need: bool,
) -> impl IntoView {
    let decimals = plan.metrics.get(m).map_or(0, |x| plan.amount_decimals(x));
    let completions = figures
        .tiers
        .iter()
        .map(|t| view! { <td class="num">{format::percent(t.completion)}</td> })
        .collect_view();
    let gaps = figures
        .tiers
        .iter()
        .map(|t| {
            let (class, mark, word) = status_look(plan.settings.status(t.schedule_gap), lang);
            view! {
                <td class=format!("num gap {class}") title=word>
                    <span class="mark" aria-hidden="true">{mark}</span>
                    {format::points(t.schedule_gap)}
                </td>
            }
        })
        .collect_view();
    // Why a 同比 is `—` (a partial sum, a negative base), on hover.
    let withheld = figures
        .year_on_year_withheld
        .map(|w| withheld_text(w, &lang.total_name(plan), lang.get()));
    let needs = need.then(|| {
        figures
            .tiers
            .iter()
            .map(|t| view! { <td class="num">{format::need(t.required_future_monthly, decimals, lang.tr("已完成", "done"))}</td> })
            .collect_view()
    });
    view! {
        <td class="num metric-start">{format::amount(figures.line.actual, decimals)}</td>
        {completions}
        {gaps}
        {needs}
        <td class="num yoy" title=withheld>{format::percent(figures.year_on_year)}</td>
        <td class="num">{format::percent(report.share(m, figures))}</td>
        <td class="num rank">{rank.map_or_else(|| format::UNDEFINED.to_string(), |r| r.to_string())}</td>
    }
}

/// The 通报表: on screen with its toolbar (filter, rank basis, copy, CSV) and only the rows in
/// view of a long table; with `print`, the bare table with every row, for paper.
#[component]
pub fn ResultsTable(#[prop(optional)] print: bool) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let report = store.report();

    let scroll = Scroll::new();
    let rows = Memo::new(move |_| {
        let (key, direction) = view_state.sort.get();
        // Paper shows every unit, whatever group the screen is filtered to.
        let group = if print { None } else { view_state.group.get() };
        plan.with(|p| report.with(|r| shown_rows(p, r, group.as_deref(), key, direction)))
    });

    let sort_header = move |key: SortKey, label: String| {
        let aria = move || {
            let (current, direction) = view_state.sort.get();
            if current != key {
                "none"
            } else if direction == Direction::Ascending {
                "ascending"
            } else {
                "descending"
            }
        };
        let arrow = move || match aria() {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        // On paper a heading is text: Chromium leaves buttons out of the header rows it repeats
        // on every page.
        if print {
            return view! { <th class="num">{label}</th> }.into_any();
        }
        view! {
            <th class="num sortable" aria-sort=aria>
                <button type="button" on:click=move |_| view_state.sort_by(key)>
                    {label}
                    <span class="arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
        .into_any()
    };

    // The table as cells, in the order and with the ranks shown, for Excel.
    let sheet = move || {
        plan.with_untracked(|p| {
            report.with_untracked(|r| {
                results_sheet(
                    p,
                    r,
                    &rows.get_untracked(),
                    view_state.rank_basis.get_untracked(),
                    view_state.group.get_untracked().as_deref(),
                )
            })
        })
    };
    let copied = RwSignal::new(false);
    let copy_table = move |_| {
        let text = to_tsv(&sheet());
        spawn_local(async move {
            copied.set(copy_to_clipboard(&text).await.is_ok());
        });
    };
    let export_csv = move |_| {
        let name = plan.with_untracked(|p| csv_file_name(&p.title));
        let _ = download_text(&name, &to_csv(&sheet()), "text/csv;charset=utf-8");
    };

    let toolbar = move || {
        let groups = plan.with(Plan::groups);
        let tiers: Vec<String> = plan.with(|p| p.tiers.iter().map(|t| t.name.clone()).collect());
        let basis_value = move || match view_state.rank_basis.get() {
            RankBasis::Completion(t) => format!("c{t}"),
            RankBasis::Actual => "actual".into(),
            RankBasis::YearOnYear => "yoy".into(),
        };
        view! {
            <div class="table-toolbar">
                <span class="unit-note">
                    {move || plan.with(|p| format!("{}{}{}", lang.tr("单位", "Unit"), lang.colon(), p.unit))}
                </span>
                <label>
                    {lang.tr("分组", "Group")}
                    <select
                        data-testid="group-filter"
                        prop:value=move || view_state.group.get().unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            view_state.group.set((!v.is_empty()).then_some(v));
                        }
                    >
                        <option value="">{lang.tr("全部", "All")}</option>
                        {groups.into_iter().map(|g| view! { <option value=g.clone()>{g.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    {lang.tr("位次依据", "Rank by")}
                    <select
                        data-testid="rank-basis"
                        prop:value=basis_value
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let basis = match v.as_str() {
                                "actual" => RankBasis::Actual,
                                "yoy" => RankBasis::YearOnYear,
                                other => RankBasis::Completion(other.trim_start_matches('c').parse().unwrap_or(0)),
                            };
                            view_state.rank_basis.set(basis);
                        }
                    >
                        {tiers
                            .into_iter()
                            .enumerate()
                            .map(|(t, name)| view! { <option value=format!("c{t}")>{name}{lang.tr("完成率", " completion")}</option> })
                            .collect_view()}
                        <option value="actual">{lang.tr("完成数", "Actual")}</option>
                        <option value="yoy">{lang.tr("同比", "Year on year")}</option>
                    </select>
                </label>
                <button
                    type="button"
                    class="link"
                    on:click=move |_| view_state.sort.set((SortKey::Plan, Direction::Ascending))
                >
                    {lang.tr("恢复原顺序", "Original order")}
                </button>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="need-columns"
                        prop:checked=move || view_state.need_columns.get()
                        on:change=move |ev| view_state.need_columns.set(event_target_checked(&ev))
                    />
                    {lang.tr("显示后n个月每月需", "Show each month's need")}
                </label>
                <span class="spacer"></span>
                <button type="button" data-testid="copy-table" on:click=copy_table title=lang.tr("复制为制表符分隔文本，可直接粘贴到 Excel / WPS", "Copy as tab-separated text for Excel or WPS")>
                    {move || if copied.get() { lang.tr("已复制", "Copied") } else { lang.tr("复制表格", "Copy table") }}
                </button>
                <button type="button" data-testid="export-csv" on:click=export_csv>
                    {lang.tr("导出CSV", "Export CSV")}
                </button>
            </div>
        }
    };

    let table = move || {
        plan.with(|p| {
            report.with(|r| {
                let basis = view_state.rank_basis.get();
                // On paper every column; on screen the 后n个月每月需 columns when chosen.
                // None in December: no month is left to need anything.
                let need = (print || view_state.need_columns.get()) && p.month < 12;
                let left = 12u32.saturating_sub(p.month);
                let shown = rows.get();
                let tiers = p.tiers.len();
                let header_top = p
                    .metrics
                    .iter()
                    .map(|m| view! { <th colspan=3 + (2 + usize::from(need)) * tiers + 1 class="metric-head">{m.name.clone()}</th> })
                    .collect_view();
                let header_cols = p
                    .metrics
                    .iter()
                    .enumerate()
                    .map(|(m, _)| {
                        let mut cells: Vec<AnyView> = vec![sort_header(SortKey::Actual(m), lang.tr("完成数", "Actual").into()).into_any()];
                        for (t, tier) in p.tiers.iter().enumerate() {
                            // The space is where a narrow heading wraps (CSS keeps words whole).
                            let label = format!("{} {}", tier.name, lang.tr("完成率", "%"));
                            cells.push(sort_header(SortKey::Completion(m, t), label).into_any());
                        }
                        for (t, tier) in p.tiers.iter().enumerate() {
                            let label = format!("{} {}", lang.tr("比序时", "vs schedule"), tier.name);
                            cells.push(sort_header(SortKey::Gap(m, t), label).into_any());
                        }
                        if need {
                            for tier in &p.tiers {
                                let label = match lang.get() {
                                    Lang::Zh => format!("后{left}个月 每月需{}", tier.name),
                                    Lang::En => format!("Each of {}, {}", english_count(left as usize, "month"), tier.name),
                                };
                                cells.push(view! { <th class="num">{label}</th> }.into_any());
                            }
                        }
                        cells.push(sort_header(SortKey::YearOnYear(m), lang.tr("同比", "YoY").into()).into_any());
                        let share = match lang.get() {
                            Lang::Zh => format!("占{}", lang.total_name(p)),
                            Lang::En => "Share of total".to_string(),
                        };
                        cells.push(sort_header(SortKey::Share(m), share).into_any());
                        cells.push(view! { <th class="num">{lang.tr("位次", "Rank")}</th> }.into_any());
                        cells.collect_view()
                    })
                    .collect_view();
                let ranks: Vec<Vec<Option<usize>>> = (0..p.metrics.len())
                    .map(|m| ranks_within(r, &shown, m, basis))
                    .collect();
                let w = if print {
                    Window::all(shown.len())
                } else {
                    scroll.window(shown.len())
                };
                let total_row = {
                    let name = lang.total_name(p);
                    let cells = r
                        .totals
                        .iter()
                        .enumerate()
                        .map(|(m, t)| metric_cells(p, r, m, &t.figures, None, lang, need))
                        .collect_view();
                    view! {
                        <tr class="total-row" data-testid="results-total">
                            <td></td>
                            <th scope="row" class="sticky">{name}</th>
                            {cells}
                        </tr>
                    }
                };
                let filter = if print { None } else { view_state.group.get() };
                let subtotal_rows = r
                    .groups
                    .iter()
                    .filter(|g| filter.as_ref().is_none_or(|f| f == &g.name))
                    .map(|g| {
                        let cells = g
                            .subtotal
                            .iter()
                            .enumerate()
                            .map(|(m, f)| metric_cells(p, r, m, f, None, lang, need))
                            .collect_view();
                        view! {
                            <tr class="subtotal-row">
                                <td></td>
                                <th scope="row" class="sticky">{format!("{}{}", g.name, lang.tr("小计", " subtotal"))}</th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view();
                // Rows are looked up with `get`: the window, the report and the plan always
                // agree, but a view must not be able to panic if they ever did not.
                let unit_rows = shown
                    .iter()
                    .enumerate()
                    .skip(w.start)
                    .take(w.end.saturating_sub(w.start))
                    .filter_map(|(pos, &i)| {
                        let row = r.units.get(i)?;
                        let unit = p.units.get(row.unit)?;
                        let cells = row
                            .metrics
                            .iter()
                            .enumerate()
                            .map(|(m, f)| {
                                let rank = ranks.get(m).and_then(|x| x.get(pos)).copied().flatten();
                                metric_cells(p, r, m, f, rank, lang, need)
                            })
                            .collect_view();
                        Some(view! {
                            <tr data-unit=unit.id.clone()>
                                <td class="num seq">{pos.saturating_add(1)}</td>
                                <th scope="row" class="sticky">{unit.name.clone()}</th>
                                {cells}
                            </tr>
                        })
                    })
                    .collect_view();
                view! {
                    <table class="results" data-testid="results-table">
                        <thead>
                            <tr>
                                <th rowspan="2" class="seq">{lang.tr("序号", "No.")}</th>
                                <th rowspan="2" class="sticky sortable">
                                    {if print {
                                        lang.tr("单位", "Unit").into_any()
                                    } else {
                                        view! {
                                            <button type="button" on:click=move |_| view_state.sort_by(SortKey::Name)>
                                                {lang.tr("单位", "Unit")}
                                            </button>
                                        }
                                        .into_any()
                                    }}
                                </th>
                                {header_top}
                            </tr>
                            <tr>{header_cols}</tr>
                        </thead>
                        <tbody class="fixed">
                            {total_row}
                            {subtotal_rows}
                        </tbody>
                        <tbody class="virtual">
                            {spacer(w.above_px)}
                            {unit_rows}
                            {spacer(w.below_px)}
                        </tbody>
                    </table>
                }
            })
        })
    };

    if print {
        return view! { <div class="print-table">{table}</div> }.into_any();
    }
    view! {
        <section class="results-section" aria-label=move || lang.tr("通报表", "Results table")>
            {toolbar}
            <div class="table-scroll" on:scroll=move |ev| scroll.on_scroll(&ev, "tbody.virtual")>
                {table}
            </div>
        </section>
    }
    .into_any()
}
