//! 通报表: the results for every unit, with the total and group subtotals on top, sortable by
//! any column, filterable by group, ranked within the rows shown.

use super::file_io::{download_bytes, download_text};
use super::i18n::{english_months_left, Lang, Language};
use super::last_month::than;
use super::print_view::{report_title, schedule_note};
use super::share::copy_to_clipboard;
use super::sheet_files::write_workbook;
use super::status::status_look;
use super::trouble::{trouble_words, worded_view, Trouble};
use super::virtual_rows::{spacer, Scroll, Window};
use super::warnings::withheld_text;
use crate::engine::columns::{metric_columns, print_per_metric, Before, Cell, ResultColumn};
use crate::engine::compare::LastMonth;
use crate::engine::line::MetricFigures;
use crate::engine::plan::{wraps_in_table, Plan};
use crate::engine::report::Report;
use crate::engine::sheet::{
    results_cells, table_file_name, to_csv, to_tsv, SheetLayout, SheetWords,
};
use crate::engine::table::{ranks_within, shown_rows, Direction, RankBasis, SortKey};
use crate::engine::xlsx::ReportFile;
use crate::store::view::ViewState;
use crate::store::PlanStore;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The media type of an .xlsx download.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A column's heading in the page's language. On screen a space marks where a narrow heading
/// wraps (CSS keeps words whole); a sheet's headings go without it.
/// `last` is the month compared with, for the 比上月 headings (`比1-7月` when it is not the month
/// before).
pub(super) fn column_label(
    plan: &Plan,
    column: ResultColumn,
    lang: Language,
    screen: bool,
    last: Option<&LastMonth>,
) -> String {
    let than = last.map(|l| than(lang, l)).unwrap_or_default();
    let tier = |t: usize| plan.tiers.get(t).map_or("", |x| x.name.as_str());
    let gap = if screen { " " } else { "" };
    match (column, lang.get()) {
        (ResultColumn::Actual, Lang::Zh) => "完成数".into(),
        (ResultColumn::Actual, Lang::En) => "Actual".into(),
        (ResultColumn::Completion(t), Lang::Zh) => format!("{}{gap}完成率", tier(t)),
        (ResultColumn::Completion(t), Lang::En) => format!("{} %", tier(t)),
        (ResultColumn::Gap(t), Lang::Zh) => format!("比序时{gap}{}", tier(t)),
        (ResultColumn::Gap(t), Lang::En) => format!("vs schedule {}", tier(t)),
        (ResultColumn::Need(t), Lang::Zh) => {
            format!("后{}个月{gap}每月需{gap}{}", plan.months_left(), tier(t))
        }
        (ResultColumn::Need(t), Lang::En) => format!(
            "{}, {}",
            english_months_left(plan.months_left(), true),
            tier(t)
        ),
        (ResultColumn::YearOnYear, Lang::Zh) => "同比".into(),
        (ResultColumn::YearOnYear, Lang::En) => "YoY".into(),
        (ResultColumn::Share, Lang::Zh) => format!("占{}", lang.total_name(plan)),
        (ResultColumn::Share, Lang::En) => "Share of total".into(),
        (ResultColumn::Rank, Lang::Zh) => "位次".into(),
        (ResultColumn::Rank, Lang::En) => "Rank".into(),
        (ResultColumn::ThisMonth, Lang::Zh) => "当月".into(),
        (ResultColumn::ThisMonth, Lang::En) => "This month".into(),
        (ResultColumn::CompletionChange(t), Lang::Zh) => format!("比{than}{gap}{}", tier(t)),
        (ResultColumn::CompletionChange(t), Lang::En) => format!("vs {than} {}", tier(t)),
    }
}

/// The cells of one metric in one row, in `columns` order.
#[allow(clippy::too_many_arguments)]
fn metric_cells(
    plan: &Plan,
    report: &Report,
    m: usize,
    figures: &MetricFigures,
    rank: Option<usize>,
    before: Option<Before<'_>>,
    lang: Language,
    columns: &[ResultColumn],
) -> impl IntoView {
    let decimals = plan.metrics.get(m).map_or(0, |x| plan.amount_decimals(x));
    let done = lang.tr("已完成", "done");
    columns
        .iter()
        .map(|&column| {
            let cell = Cell::of(column, report, m, figures, rank, before);
            let text = cell.shown(decimals, done);
            match column {
                ResultColumn::Actual => {
                    view! { <td class="num metric-start">{text}</td> }.into_any()
                }
                ResultColumn::Gap(t) => {
                    let gap = figures.tiers.get(t).and_then(|x| x.schedule_gap);
                    let (class, mark, word) = status_look(plan.settings.status(gap), lang);
                    view! {
                        <td class=format!("num gap {class}") title=word>
                            <span class="mark" aria-hidden="true">{mark}</span>
                            {text}
                        </td>
                    }
                    .into_any()
                }
                ResultColumn::YearOnYear => {
                    // Why a 同比 is `—` (a partial sum, a negative base), on hover.
                    let withheld = figures
                        .year_on_year_withheld
                        .map(|w| withheld_text(w, &lang.total_name(plan), lang.get()));
                    view! { <td class="num yoy" title=withheld>{text}</td> }.into_any()
                }
                ResultColumn::Rank => view! { <td class="num rank">{text}</td> }.into_any(),
                _ => view! { <td class="num">{text}</td> }.into_any(),
            }
        })
        .collect_view()
}

/// The 通报表: on screen with its toolbar (filter, rank basis, copy, CSV) and only the rows in
/// view of a long table; with `print`, the bare table with every row, for paper.
#[component]
pub fn ResultsTable(#[prop(optional)] print: bool) -> impl IntoView {
    #[cfg(feature = "fault-injection")]
    super::crash::panic_if_asked("table");
    let store = PlanStore::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let report = store.report();
    let last_month = store.last_month();

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

    // The table as cells, in the order and with the ranks shown, for Excel: the screen's
    // columns (its 后n个月每月需 when shown), amounts at full precision.
    let cells = move || {
        plan.with_untracked(|p| {
            report.with_untracked(|r| {
                let shown = rows.get_untracked();
                let group = view_state.group.get_untracked();
                let need = view_state.need_columns.get_untracked();
                let compare = view_state.compare_columns.get_untracked();
                last_month.with_untracked(|last| {
                    let last = last.as_ref().filter(|_| compare);
                    let layout = SheetLayout {
                        shown: &shown,
                        basis: view_state.rank_basis.get_untracked(),
                        group: group.as_deref(),
                        need,
                        last_month: last,
                    };
                    let words = SheetWords {
                        labels: metric_columns(p, need, last.is_some())
                            .into_iter()
                            .map(|c| column_label(p, c, lang, false, last))
                            .collect(),
                        seq: lang.tr("序号", "No.").into(),
                        unit: lang.tr("单位", "Unit").into(),
                        total: lang.total_name(p),
                        subtotal: lang.tr("小计", " subtotal").into(),
                        done: lang.tr("已完成", "done").into(),
                    };
                    (results_cells(p, r, &layout, &words), words.done)
                })
            })
        })
    };
    let sheet = move || {
        let (rows, done) = cells();
        rows.iter()
            .map(|row| row.iter().map(|c| c.copied(&done)).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    // The .xlsx: the same cells as numbers with the page's formats, the title, unit and footnote
    // of the print.
    let report_file = move || {
        let (rows, done) = cells();
        plan.with_untracked(|p| {
            report.with_untracked(|r| ReportFile {
                sheet: p.title.clone(),
                title: report_title(p, lang),
                unit: format!("{}{}{}", lang.tr("单位", "Unit"), lang.colon(), p.unit),
                rows: rows
                    .iter()
                    .map(|row| row.iter().map(|c| c.for_file(&done)).collect())
                    .collect(),
                header_rows: 2,
                footnote: schedule_note(p, r, lang),
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
        let name = plan.with_untracked(|p| table_file_name(&p.title, "csv"));
        let _ = download_text(&name, &to_csv(&sheet()), "text/csv;charset=utf-8");
    };
    // The .xlsx is written by the spreadsheet worker, loaded only now.
    let writing = RwSignal::new(false);
    let xlsx_trouble = RwSignal::new(None::<Trouble>);
    let export_xlsx = move |_| {
        if writing.get_untracked() {
            return;
        }
        let file = report_file();
        let name = plan.with_untracked(|p| table_file_name(&p.title, "xlsx"));
        writing.set(true);
        spawn_local(async move {
            let written = write_workbook(&file).await.and_then(|bytes| {
                download_bytes(&name, &bytes, XLSX_MIME).map_err(Trouble::DownloadFailed)
            });
            writing.set(false);
            xlsx_trouble.set(written.err());
        });
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
                        on:change=move |ev| view_state.show_need_columns(event_target_checked(&ev))
                    />
                    {lang.tr("显示后n个月每月需", "Show each month's need")}
                </label>
                {move || last_month.with(|l| l.as_ref().map(|l| l.month)).map(|month| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="compare-columns"
                            prop:checked=move || view_state.compare_columns.get()
                            on:change=move |ev| view_state.show_compare_columns(event_target_checked(&ev))
                        />
                        {move || match lang.get() {
                            Lang::Zh => format!("显示当月和比上月（{}）", lang.period(month)),
                            Lang::En => format!("Show this month and vs {}", lang.period(month)),
                        }}
                    </label>
                })}
                <span class="spacer"></span>
                <button type="button" data-testid="copy-table" on:click=copy_table title=lang.tr("复制为制表符分隔文本，可直接粘贴到 Excel / WPS", "Copy as tab-separated text for Excel or WPS")>
                    {move || if copied.get() { lang.tr("已复制", "Copied") } else { lang.tr("复制表格", "Copy table") }}
                </button>
                <button type="button" data-testid="export-csv" on:click=export_csv>
                    {lang.tr("导出CSV", "Export CSV")}
                </button>
                <button type="button" data-testid="export-xlsx" on:click=export_xlsx prop:disabled=move || writing.get()>
                    {move || if writing.get() { lang.tr("正在生成…", "Writing…") } else { lang.tr("导出Excel", "Export Excel") }}
                </button>
                {move || xlsx_trouble.get().map(|trouble| view! {
                    <p class="table-trouble" role="alert" data-testid="export-xlsx-trouble">
                        {worded_view(trouble_words(lang.get(), &trouble))}
                    </p>
                })}
            </div>
        }
    };

    let table = move || {
        plan.with(|p| {
            report.with(|r| {
                let basis = view_state.rank_basis.get();
                // On paper every column; on screen the 后n个月每月需 columns when chosen. 当月 and
                // 比上月 when chosen, on paper too, and only when there is a month to compare with.
                let compare = view_state.compare_columns.get();
                last_month.with(|last| {
                let last = last.as_ref().filter(|_| compare);
                let before = |then| Before::of(last, then);
                let columns = metric_columns(p, print || view_state.need_columns.get(), last.is_some());
                let shown = rows.get();
                let ranks: Vec<Vec<Option<usize>>> = (0..p.metrics.len())
                    .map(|m| ranks_within(r, &shown, m, basis))
                    .collect();
                let w = if print {
                    Window::all(shown.len())
                } else {
                    scroll.window(shown.len())
                };
                // One table of every metric, or (a wide table on paper) one per metric, one
                // under the other: `only` is that metric.
                let part = |only: Option<usize>| {
                    let metrics_shown = if only.is_some() { 1 } else { p.metrics.len() };
                    let header_top = kept(&p.metrics, only)
                        .map(|(_, m)| view! { <th colspan=columns.len() class="metric-head">{m.name.clone()}</th> })
                        .collect_view();
                    let header_cols = kept(&p.metrics, only)
                        .map(|(m, _)| {
                            columns
                                .iter()
                                .map(|&column| {
                                    let label = column_label(p, column, lang, true, last);
                                    match column.sort_key(m) {
                                        Some(key) => sort_header(key, label).into_any(),
                                        None => view! { <th class="num">{label}</th> }.into_any(),
                                    }
                                })
                                .collect_view()
                        })
                        .collect_view();
                    let total_row = {
                        let name = lang.total_name(p);
                        let long = wraps_in_table(&name);
                        let cells = kept(&r.totals, only)
                            .map(|(m, t)| {
                                let then = last.and_then(|l| l.total_figures(t, m));
                                metric_cells(p, r, m, &t.figures, None, before(then), lang, &columns)
                            })
                            .collect_view();
                        view! {
                            <tr class="total-row" data-testid="results-total">
                                <td></td>
                                <th scope="row" class="sticky" class:long-name=long>{name}</th>
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
                            let cells = kept(&g.subtotal, only)
                                .map(|(m, f)| {
                                    let then = last.and_then(|l| l.group_figures(g, m));
                                    metric_cells(p, r, m, f, None, before(then), lang, &columns)
                                })
                                .collect_view();
                            view! {
                                <tr class="subtotal-row">
                                    <td></td>
                                    <th scope="row" class="sticky" class:long-name=wraps_in_table(&g.name)>{format!("{}{}", g.name, lang.tr("小计", " subtotal"))}</th>
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
                            let cells = kept(&row.metrics, only)
                                .map(|(m, f)| {
                                    let rank = ranks.get(m).and_then(|x| x.get(pos)).copied().flatten();
                                    let then = last.and_then(|l| l.unit_figures(&unit.id, m));
                                    metric_cells(p, r, m, f, rank, before(then), lang, &columns)
                                })
                                .collect_view();
                            Some(view! {
                                <tr data-unit=unit.id.clone()>
                                    <td class="num seq">{pos.saturating_add(1)}</td>
                                    <th scope="row" class="sticky" class:long-name=wraps_in_table(&unit.name)>{unit.name.clone()}</th>
                                    {cells}
                                </tr>
                            })
                        })
                        .collect_view();
                    view! {
                        <table
                            class="results"
                            data-testid="results-table"
                            // Paper fits the table to its width by the number of columns (style/).
                            style:--columns=print.then(|| columns.len().saturating_mul(metrics_shown).to_string())
                        >
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
                };
                let parts: Vec<Option<usize>> = if print && print_per_metric(p, columns.len()) {
                    (0..p.metrics.len()).map(Some).collect()
                } else {
                    vec![None]
                };
                parts.into_iter().map(part).collect_view()
                })
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

/// Each metric's item with its index, or (`only`) that one metric's: a wide table on paper is
/// printed one metric per table.
fn kept<T>(per_metric: &[T], only: Option<usize>) -> impl Iterator<Item = (usize, &T)> {
    per_metric
        .iter()
        .enumerate()
        .filter(move |(m, _)| only.is_none_or(|o| o == *m))
}
