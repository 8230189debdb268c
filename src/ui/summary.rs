//! The answer first: per metric, where the total stands against each tier, and every figure of
//! SPEC §3 for it — what the clerk reads out.
//!
//! Each card's text is formatted into one memo; the card's elements are built once (again only
//! when metrics or tiers are added or removed) and only their text changes as people type.

use super::i18n::{english_months_left, Lang, Language};
use super::last_month::{completion_change, gap_change, than};
use super::status::status_look;
use crate::engine::compare::{gap_trend, this_month, LastMonth, TierChange};
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::engine::report::{Report, TotalFigures};
use crate::store::PlanStore;
use leptos::prelude::*;

/// Everything one card shows, formatted.
#[derive(Clone, Debug, Default, PartialEq)]
struct CardText {
    id: String,
    name: String,
    actual: String,
    /// `1-7月完成`, the unit, `（含上年结余1200）`, where the total comes from.
    lead: String,
    unit_and_carryover: String,
    source: String,
    /// Per tier: name, completion, gap, status class, mark, spoken status, 比上月.
    tiers: Vec<[String; 7]>,
    /// 当月 (A(m) − A(m−1)), when there is a month before to compare with.
    this_month: String,
    /// 月均到帐 for an arrival, 月均完成 otherwise.
    pace_label: String,
    pace: String,
    run_rate: String,
    /// Per figure: its label and one value per tier.
    rows: Vec<(String, Vec<String>)>,
}

fn card_text(
    plan: &Plan,
    m: usize,
    total: &TotalFigures,
    last: Option<&LastMonth>,
    lang: Language,
) -> CardText {
    let metric = &plan.metrics[m];
    let d = plan.amount_decimals(metric);
    let f = &total.figures;
    let details = &total.details;
    let per_tier = |pick: &dyn Fn(&crate::engine::line::TierDetails) -> String| -> Vec<String> {
        details.tiers.iter().map(pick).collect()
    };
    let done = lang.tr("已完成", "met");
    // Arrivals (实际到帐) are worded as such; other metrics as completions.
    let arrival = metric.is_arrival();
    let words = |arrival_zh: &'static str, other_zh: &'static str, en: &'static str| {
        lang.tr(if arrival { arrival_zh } else { other_zh }, en)
            .to_string()
    };
    let months_left = plan.months_left();
    let mut rows = vec![
        (
            lang.tr("全年目标", "Annual target").to_string(),
            f.tiers
                .iter()
                .map(|t| format::amount(t.target, d))
                .collect(),
        ),
        (
            lang.tr("序时应完成", "Due by schedule").to_string(),
            per_tier(&|t| format::amount(t.schedule_amount, d)),
        ),
        (
            lang.tr("距序时进度", "Against schedule").to_string(),
            per_tier(&|t| {
                format::amount_in_words(
                    t.behind_schedule,
                    d,
                    lang.tr("差", "short"),
                    lang.tr("超", "ahead"),
                )
            }),
        ),
        (
            words("每月应到帐", "每月应完成", "Required pace"),
            per_tier(&|t| format::amount(t.required_pace, d)),
        ),
        (
            words("月均比应到", "月均比应完成", "Pace vs required"),
            per_tier(&|t| {
                format::amount_in_words(
                    t.pace_shortfall,
                    d,
                    lang.tr("少", "short"),
                    lang.tr("多", "ahead"),
                )
            }),
        ),
        (
            lang.tr("尚差", "Remaining").to_string(),
            per_tier(&|t| format::need(t.remaining, d, done)),
        ),
    ];
    if months_left > 0 {
        rows.push((
            match lang.get() {
                Lang::Zh => format!("后{months_left}个月每月需"),
                Lang::En => english_months_left(months_left, true),
            },
            per_tier(&|t| format::need(t.required_future_monthly, d, done)),
        ));
    }
    rows.push((
        lang.tr("按目前进度全年完成率", "Year-end at this pace")
            .to_string(),
        per_tier(&|t| format::percent(t.run_rate_completion)),
    ));
    let summed = match lang.get() {
        Lang::Zh => format!("{}数为各单位合计", lang.total_name(plan)),
        Lang::En => "Total summed from units".to_string(),
    };
    let source = if total.actual_entered {
        String::new()
    } else if total.units_sum.not_reported > 0 {
        let missing = format!(
            "{}{}",
            total.units_sum.not_reported,
            lang.tr("个未报", " not reported")
        );
        format!("{summed}{}", lang.aside(&missing))
    } else {
        summed
    };
    let carryover = f
        .line
        .carryover
        .filter(|c| !c.is_zero())
        .map(|c| {
            lang.aside(&format!(
                "{}{}",
                lang.tr("含上年结余", "incl. carry-over "),
                format::amount(Some(c), d)
            ))
        })
        .unwrap_or_default();
    CardText {
        id: metric.id.clone(),
        name: metric.name.clone(),
        lead: format!("{}{}", lang.period(plan.month), lang.tr("完成 ", ": ")),
        actual: format::amount(f.line.actual, d),
        unit_and_carryover: format!(" {}{carryover}", plan.measure_unit(metric).label()),
        source,
        tiers: plan
            .tiers
            .iter()
            .zip(&f.tiers)
            .enumerate()
            .map(|(i, (tier, t))| {
                let (class, mark, word) = status_look(plan.settings.status(t.schedule_gap), lang);
                let change = last.map(|last| {
                    let then = last.total_figures(total, m);
                    let gap_then = then
                        .and_then(|x| x.tiers.get(i))
                        .and_then(|x| x.schedule_gap);
                    [
                        completion_change(
                            lang,
                            TierChange::of(f, then, i).completion,
                            &than(lang, last),
                        ),
                        gap_change(lang, gap_trend(t.schedule_gap, gap_then)),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(lang.comma())
                });
                [
                    tier.name.clone(),
                    format::percent(t.completion),
                    format::points(t.schedule_gap),
                    format!("tier {class}"),
                    mark.to_string(),
                    word.to_string(),
                    change.unwrap_or_default(),
                ]
            })
            .collect(),
        this_month: last
            .and_then(|last| this_month(f, last.total_figures(total, m), last.consecutive))
            .map(|v| {
                format!(
                    "{}{}",
                    words("当月到帐 ", "当月完成 ", "This month "),
                    format::amount(Some(v), d)
                )
            })
            .unwrap_or_default(),
        pace_label: words("月均到帐 ", "月均完成 ", "Monthly pace "),
        pace: format::amount(details.pace_so_far, d),
        run_rate: format::amount(details.run_rate, d),
        rows,
    }
}

/// Text `k` of tier `t` of a card; empty while a tier that is going away is still drawn (the
/// card's text can change before its shape does).
fn tier_text(card: &CardText, t: usize, k: usize) -> String {
    card.tiers
        .get(t)
        .and_then(|texts| texts.get(k))
        .cloned()
        .unwrap_or_default()
}

#[component]
fn MetricCard(m: usize, cards: Memo<Vec<CardText>>) -> impl IntoView {
    let lang = Language::expect();
    let text = move |pick: fn(&CardText) -> String| {
        move || cards.with(|c| c.get(m).map(pick).unwrap_or_default())
    };
    // A memo, so that the card's elements are rebuilt only when tiers or rows come or go.
    let shape = Memo::new(move |_| {
        cards.with(|c| {
            c.get(m)
                .map(|c| (c.tiers.len(), c.rows.len()))
                .unwrap_or_default()
        })
    });
    view! {
        <article class="card" data-testid=move || format!("summary-{}", cards.with(|c| c.get(m).map(|c| c.id.clone()).unwrap_or_default()))>
            <h2>{text(|c| c.name.clone())}</h2>
            <div class="card-actual">
                {text(|c| c.lead.clone())}
                <strong class="num">{text(|c| c.actual.clone())}</strong>
                {text(|c| c.unit_and_carryover.clone())}
                <span class="source">{text(|c| c.source.clone())}</span>
                <span class="card-month" data-testid="this-month">{text(|c| c.this_month.clone())}</span>
            </div>
            {move || {
                let (tiers, rows) = shape.get();
                let cell = move |pick: fn(&CardText, usize, usize) -> String, i: usize, j: usize| {
                    move || cards.with(|c| c.get(m).map(|c| pick(c, i, j)).unwrap_or_default())
                };
                let headline = (0..tiers)
                    .map(|t| {
                        view! {
                            <div class=cell(|c, t, _| tier_text(c, t, 3), t, 0)>
                                <span class="tier-name">{cell(|c, t, _| tier_text(c, t, 0), t, 0)}</span>
                                <span class="tier-completion num">{cell(|c, t, _| tier_text(c, t, 1), t, 0)}</span>
                                <span class="tier-gap num" title=cell(|c, t, _| tier_text(c, t, 5), t, 0)>
                                    <span class="mark" aria-hidden="true">{cell(|c, t, _| tier_text(c, t, 4), t, 0)}</span>
                                    {cell(|c, t, _| tier_text(c, t, 2), t, 0)}
                                </span>
                                <span class="tier-change" data-testid="tier-change">{cell(|c, t, _| tier_text(c, t, 6), t, 0)}</span>
                            </div>
                        }
                    })
                    .collect_view();
                let table_rows = (0..rows)
                    .map(|r| {
                        view! {
                            <tr>
                                <th scope="row">{cell(|c, r, _| c.rows.get(r).map(|x| x.0.clone()).unwrap_or_default(), r, 0)}</th>
                                {(0..tiers)
                                    .map(|t| view! { <td class="num">{cell(|c, r, t| c.rows.get(r).and_then(|x| x.1.get(t)).cloned().unwrap_or_default(), r, t)}</td> })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="tiers">{headline}</div>
                    <div class="card-pace">
                        {text(|c| c.pace_label.clone())}
                        <strong class="num" data-testid="pace">{text(|c| c.pace.clone())}</strong>
                        " · "
                        {move || lang.tr("按目前进度全年可完成 ", "Year-end at this pace ")}
                        <strong class="num">{text(|c| c.run_rate.clone())}</strong>
                    </div>
                    <table class="figures">
                        <thead>
                            <tr>
                                <th><span class="sr-only">{move || lang.tr("项目", "Item")}</span></th>
                                {(0..tiers).map(|t| view! { <th class="num">{cell(|c, t, _| tier_text(c, t, 0), t, 0)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                }
            }}
        </article>
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    let last_month = store.last_month();
    let cards = Memo::new(move |_| {
        plan.with(|plan| {
            report.with(|report: &Report| {
                last_month.with(|last| {
                    report
                        .totals
                        .iter()
                        .enumerate()
                        .map(|(m, total)| card_text(plan, m, total, last.as_ref(), lang))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let count = Memo::new(move |_| cards.with(Vec::len));
    view! {
        <section class="summary" aria-label=move || match lang.get() {
            Lang::Zh => format!("{}完成情况", plan.with(|p| lang.total_name(p))),
            Lang::En => "Where the total stands".to_string(),
        }>
            {move || (0..count.get()).map(|m| view! { <MetricCard m=m cards=cards/> }).collect_view()}
        </section>
    }
}
