//! The charts, drawn as SVG from the geometry `engine::chart` works out: crisp in print, no
//! chart library. Every value is in a `<title>` (shown on hover) and the figure has a text
//! alternative listing the same values.

use super::i18n::{Lang, Language};
use super::status::status_look;
use crate::engine::chart::{burn_up, completion_bars, SeriesKind, HEIGHT, WIDTH};
use crate::engine::format;
use crate::engine::unit_year::unit_year;
use crate::store::PlanStore;
use leptos::prelude::*;

/// Colours of the scenarios' lines, in turn.
const SCENARIO_COLOURS: [&str; 5] = ["#8250df", "#bf3989", "#0a7ea4", "#9a6700", "#57606a"];

#[component]
pub fn BurnUpChart(metric: usize) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    move || {
        plan.with(|p| {
            report.with(|r| {
                let chart = burn_up(p, r, metric)?;
                let metric_of = p.metrics.get(metric)?;
                let d = p.amount_decimals(metric_of);
                let name_of = |kind: &SeriesKind| match kind {
                    SeriesKind::Actual => lang.tr("实际累计", "Actual").to_string(),
                    SeriesKind::Schedule(t) => format!("{}{}", p.tiers.get(*t).map_or("", |t| t.name.as_str()), lang.tr("序时线", " schedule")),
                    SeriesKind::RunRate => lang.tr("按目前进度", "At the current pace").to_string(),
                    SeriesKind::Scenario(s) => p.scenarios.get(*s).map(|s| s.name.clone()).unwrap_or_default(),
                };
                let style_of = |kind: &SeriesKind| match kind {
                    SeriesKind::Actual => ("series actual", "#1f2328".to_string()),
                    SeriesKind::Schedule(t) => ("series schedule", if *t == 0 { "#1a7f37".into() } else { "#c0262d".into() }),
                    SeriesKind::RunRate => ("series run-rate", "#0b5cad".into()),
                    SeriesKind::Scenario(s) => ("series scenario", SCENARIO_COLOURS[s % SCENARIO_COLOURS.len()].to_string()),
                };
                let summary: Vec<String> = chart
                    .series
                    .iter()
                    .map(|s| {
                        let values: Vec<String> = s
                            .values
                            .iter()
                            .filter(|(k, _)| *k > 0)
                            .map(|(k, v)| format!("{} {}", lang.month(*k), format::amount(Some(*v), d)))
                            .collect();
                        format!("{}{}{}", name_of(&s.kind), lang.colon(), values.join(lang.comma()))
                    })
                    .collect();
                let title = match lang.get() {
                    Lang::Zh => format!("{}累计进度（单位：{}）", metric_of.name, chart.unit),
                    Lang::En => format!("{}: cumulative progress ({})", metric_of.name, chart.unit),
                };
                let lines = chart
                    .series
                    .iter()
                    .map(|s| {
                        let (class, colour) = style_of(&s.kind);
                        let name = name_of(&s.kind);
                        let dots = s
                            .values
                            .iter()
                            .zip(s.points.split(' '))
                            .filter(|((k, _), _)| *k > 0)
                            .map(|((k, v), pt)| {
                                let (x, y) = pt.split_once(',').unwrap_or(("0", "0"));
                                let tip = format!("{name} · {} · {}", lang.month(*k), format::amount(Some(*v), d));
                                view! {
                                    <circle cx=x.to_string() cy=y.to_string() r="3" fill=colour.clone()>
                                        <title>{tip}</title>
                                    </circle>
                                }
                            })
                            .collect_view();
                        view! {
                            <g class=class>
                                <polyline points=s.points.clone() fill="none" stroke=colour.clone() stroke-width="2">
                                    <title>{name.clone()}</title>
                                </polyline>
                                {dots}
                            </g>
                        }
                    })
                    .collect_view();
                let legend = chart
                    .series
                    .iter()
                    .map(|s| {
                        let (class, colour) = style_of(&s.kind);
                        view! {
                            <li class=class>
                                <span class="swatch" style=format!("background:{colour}")></span>
                                {name_of(&s.kind)}
                            </li>
                        }
                    })
                    .collect_view();
                let (top, bottom, left, right) = (
                    chart.plot_top.to_string(),
                    chart.plot_bottom.to_string(),
                    chart.plot_left.to_string(),
                    chart.plot_right.to_string(),
                );
                let value_ticks = chart
                    .value_ticks
                    .iter()
                    .map(|t| {
                        view! {
                            <g class="tick">
                                <line x1=left.clone() x2=right.clone() y1=t.at.clone() y2=t.at.clone()/>
                                <text x=(chart.plot_left - 6).to_string() y=t.at.clone() text-anchor="end" dominant-baseline="middle">
                                    {t.label.clone()}
                                </text>
                            </g>
                        }
                    })
                    .collect_view();
                let month_ticks = chart
                    .month_ticks
                    .iter()
                    .filter(|(k, _)| *k > 0)
                    .map(|(k, x)| view! { <text class="month-tick" x=x.clone() y=(chart.plot_bottom + 18).to_string() text-anchor="middle">{k.to_string()}</text> })
                    .collect_view();
                Some(view! {
                    <figure class="chart" data-testid=format!("burn-up-{metric}")>
                        <figcaption>{title.clone()}</figcaption>
                        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title.clone() preserveAspectRatio="xMidYMid meet">
                            <desc>{summary.join(lang.tr("；", "; "))}</desc>
                            {value_ticks}
                            <line class="axis" x1=left.clone() x2=right.clone() y1=bottom.clone() y2=bottom.clone()/>
                            <line class="now" x1=chart.now_x.clone() x2=chart.now_x.clone() y1=top.clone() y2=bottom.clone()/>
                            {month_ticks}
                            {lines}
                        </svg>
                        <ul class="legend">{legend}</ul>
                        <ul class="sr-only" data-testid="chart-values">
                            {summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                        </ul>
                    </figure>
                })
            })
        })
    }
}

/// Each unit's completion of the first tier as a bar, in status colours, against the
/// schedule line.
#[component]
pub fn CompletionBars(metric: usize) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    /// Rows drawn at most; the 通报表 lists them all.
    const MOST: usize = 60;
    move || {
        plan.with(|p| {
            report.with(|r| {
                let chart = completion_bars(r, metric, MOST);
                if chart.bars.is_empty() {
                    return None;
                }
                let tier = p.tiers.first().map(|t| t.name.clone()).unwrap_or_default();
                let metric_name = p.metrics.get(metric).map_or("", |m| m.name.as_str());
                let title = match lang.get() {
                    Lang::Zh => format!("{}：各单位{}完成率与序时进度 {}", metric_name, tier, format::percent(r.schedule.percent())),
                    Lang::En => format!("{}: each unit's {} completion against the schedule {}", metric_name, tier, format::percent(r.schedule.percent())),
                };
                let rows = chart
                    .bars
                    .iter()
                    .map(|b| {
                        let name = p.units.get(b.unit).map(|u| u.name.clone()).unwrap_or_default();
                        let (class, mark, word) = status_look(p.settings.status(b.gap), lang);
                        let text = format!("{} {}", format::percent(b.completion), format::points(b.gap));
                        let tip = format!("{name}{}{}{}{}{} {mark}{word}", lang.colon(), format::percent(b.completion), lang.comma(), lang.tr("比序时 ", "vs schedule "), format::points(b.gap));
                        view! {
                            <g class=format!("bar {class}")>
                                <title>{tip}</title>
                                <text x=chart.name_x.to_string() y=b.text_y.to_string() text-anchor="end">{name}</text>
                                <rect x=chart.bar_x.to_string() y=b.y.to_string() height=chart.bar_height.to_string() width=b.length.clone()/>
                                <text class="value" x=chart.value_x.to_string() y=b.text_y.to_string()>{format!("{mark}{text}")}</text>
                            </g>
                        }
                    })
                    .collect_view();
                let (width, height, sx) = (chart.width, chart.height, chart.schedule_x.clone());
                let capped = chart.units > chart.bars.len();
                Some(view! {
                    <figure class="chart bars" data-testid=format!("bars-{metric}")>
                        <figcaption>{title.clone()}</figcaption>
                        <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=title.clone()>
                            {rows}
                            <line class="schedule-line" x1=sx.clone() x2=sx.clone() y1="0" y2=chart.line_bottom.to_string()>
                                <title>{format!("{} {}", lang.tr("序时进度", "Schedule"), format::percent(r.schedule.percent()))}</title>
                            </line>
                            <text class="schedule-label" x=sx.clone() y=chart.label_y.to_string() text-anchor="middle">
                                {format!("{} {}", lang.tr("序时", "schedule"), format::percent(r.schedule.percent()))}
                            </text>
                        </svg>
                        <Show when=move || capped>
                            <p class="muted">{lang.tr("仅画出前60个单位；全部数字见通报表。", "Only the first 60 units are drawn; the results table lists all.")}</p>
                        </Show>
                    </figure>
                })
            })
        })
    }
}

/// A unit's year (SPEC §8): its completion of the first tier month by month against the
/// schedule, with its 当月 amounts as bars — from the closed months, so only once a month has
/// been closed. The unit is chosen here (the total by default).
#[component]
pub fn UnitYearChart(metric: usize) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let chosen = RwSignal::new(None::<String>);
    let unit_id = move || {
        chosen.get().or_else(|| {
            plan.with(|p| {
                p.total_index()
                    .or(Some(0))
                    .and_then(|i| p.units.get(i))
                    .map(|u| u.id.clone())
            })
        })
    };
    move || {
        let id = unit_id()?;
        plan.with(|p| {
            let year = unit_year(p, &id, metric)?;
            let metric_of = p.metrics.get(metric)?;
            let d = p.amount_decimals(metric_of);
            let tier = p.tiers.first().map(|t| t.name.clone()).unwrap_or_default();
            let (top, bottom, left, right) = (
                year.plot_top.to_string(),
                year.plot_bottom.to_string(),
                year.plot_left.to_string(),
                year.plot_right.to_string(),
            );
            let summary: Vec<String> = year
                .months
                .iter()
                .map(|m| match lang.get() {
                    Lang::Zh => format!(
                        "{}：完成率{}，序时{}，当月{}",
                        lang.period(m.month),
                        format::percent(m.completion),
                        format::percent(m.schedule),
                        format::amount(m.this_month, d)
                    ),
                    Lang::En => format!(
                        "{}: {} done, schedule {}, this month {}",
                        lang.period(m.month),
                        format::percent(m.completion),
                        format::percent(m.schedule),
                        format::amount(m.this_month, d)
                    ),
                })
                .collect();
            let title = match lang.get() {
                Lang::Zh => format!("{}全年走势（{}完成率与序时进度，柱为当月）", metric_of.name, tier),
                Lang::En => format!("{}: the year ({} completion vs schedule; bars: this month)", metric_of.name, tier),
            };
            let bars = year
                .months
                .iter()
                .filter_map(|m| {
                    let (x, y, h) = m.bar.clone()?;
                    let negative = m.this_month.is_some_and(|a| a.is_sign_negative());
                    Some(view! {
                        <rect class=if negative { "bar negative" } else { "bar" } x=x y=y width=year.bar_width.clone() height=h>
                            <title>{format!("{} {}", lang.month(m.month), format::amount(m.this_month, d))}</title>
                        </rect>
                    })
                })
                .collect_view();
            let dots = year
                .months
                .iter()
                .filter_map(|m| {
                    let y = m.completion_y.clone()?;
                    Some(view! {
                        <circle cx=m.x.clone() cy=y r="3" fill="#1f2328">
                            <title>{format!("{} {}", lang.month(m.month), format::percent(m.completion))}</title>
                        </circle>
                    })
                })
                .collect_view();
            let ticks = year
                .ticks
                .iter()
                .map(|(label, y)| view! {
                    <g class="tick">
                        <line x1=left.clone() x2=right.clone() y1=y.clone() y2=y.clone()/>
                        <text x=(year.plot_left - 6).to_string() y=y.clone() text-anchor="end" dominant-baseline="middle">{label.clone()}</text>
                    </g>
                })
                .collect_view();
            let month_ticks = year
                .months
                .iter()
                .map(|m| view! { <text class="month-tick" x=m.x.clone() y=(year.plot_bottom + 18).to_string() text-anchor="middle">{m.month.to_string()}</text> })
                .collect_view();
            let options = p
                .units
                .iter()
                .map(|u| view! { <option value=u.id.clone()>{u.name.clone()}</option> })
                .collect_view();
            Some(view! {
                <figure class="chart" data-testid=format!("unit-year-{metric}")>
                    <figcaption>
                        {title.clone()}
                        " "
                        <select
                            data-testid="unit-year-unit"
                            aria-label=move || lang.tr("单位", "Unit")
                            prop:value=id.clone()
                            on:change=move |ev| chosen.set(Some(event_target_value(&ev)))
                        >
                            {options}
                        </select>
                    </figcaption>
                    <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title preserveAspectRatio="xMidYMid meet">
                        <desc>{summary.join(lang.tr("；", "; "))}</desc>
                        {ticks}
                        <line class="axis" x1=left.clone() x2=right.clone() y1=bottom.clone() y2=bottom.clone()/>
                        {bars}
                        <polyline class="series schedule" points=year.schedule_points.clone() fill="none" stroke="#1a7f37" stroke-width="2" stroke-dasharray="4 3"/>
                        <polyline class="series actual" points=year.completion_points.clone() fill="none" stroke="#1f2328" stroke-width="2"/>
                        {dots}
                        {month_ticks}
                        <line class="now" x1=left.clone() x2=left y1=top.clone() y2=top/>
                    </svg>
                    <ul class="legend">
                        <li><span class="swatch" style="background:#1f2328"></span>{format!("{tier}{}", lang.tr("完成率", " completion"))}</li>
                        <li><span class="swatch" style="background:#1a7f37"></span>{lang.tr("序时进度", "Schedule")}</li>
                        <li><span class="swatch" style="background:#b6d4f2"></span>{format!("{}{}", lang.tr("当月", "This month"), lang.aside(&p.measure_unit(metric_of).label()))}</li>
                        {year.months.iter().any(|m| m.this_month.is_some_and(|a| a.is_sign_negative())).then(|| view! {
                            <li><span class="swatch" style="background:#f2c4c4"></span>{lang.tr("当月为负（柱高为其绝对值）", "This month negative (bar: its size)")}</li>
                        })}
                    </ul>
                    <ul class="sr-only" data-testid="unit-year-values">
                        {summary.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                </figure>
            })
        })
    }
}
