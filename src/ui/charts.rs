//! The charts, drawn as SVG from the geometry `engine::chart` works out: crisp in print, no
//! chart library. Every value is in a `<title>` (shown on hover) and the figure has a text
//! alternative listing the same values.

use super::i18n::{Lang, Language};
use super::status::status_look;
use crate::engine::chart::{burn_up, completion_bars, SeriesKind, HEIGHT, WIDTH};
use crate::engine::format;
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
