//! 假设分析: the inverse questions (what each remaining month needs for X% of a tier, or to be
//! back on schedule by month K), the base (run rate) and the plan's scenarios side by side, the
//! burn-up and completion charts, and the scenario editor. Scenarios are part of the plan (saved,
//! exported, undoable) but never change its data.

use super::amount_input::AmountInput;
use super::charts::{BurnUpChart, CompletionBars, UnitYearChart};
use super::i18n::{english_months_left, Lang, Language};
use super::monthly::MonthlySeries;
use super::typed_for::typed_for_plan_on_screen;
use crate::engine::edit::numbered_name;
use crate::engine::figures::Reached;
use crate::engine::format;
use crate::engine::line::Evaluator;
use crate::engine::scenario::{comparison, needed_for, read_share_of_target, When};
use crate::engine::schedule::catch_up_months;
use crate::store::view::ViewState;
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

fn reached_text(r: Option<Reached>, lang: Language) -> String {
    match r {
        None => format::UNDEFINED.to_string(),
        Some(Reached::Already) => lang.tr("已完成", "already").to_string(),
        Some(Reached::Month(k)) => lang.month(k),
        Some(Reached::NotThisYear) => lang.tr("年内完不成", "not this year").to_string(),
    }
}

/// The questions, the comparison and the charts of one metric.
#[component]
fn MetricWhatIf(metric: usize, by_month: RwSignal<u32>) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let report = store.report();
    let tier_choice = RwSignal::new(0usize);
    let percent_text = RwSignal::new("100".to_string());
    let name = move || {
        plan.with(|p| {
            p.metrics
                .get(metric)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    let decimals = move || plan.with(|p| p.metrics.get(metric).map_or(0, |m| p.amount_decimals(m)));

    // 后n个月每月需 for X% of the chosen tier.
    let needed = move || {
        let percent = read_share_of_target(&percent_text.get());
        let (Some(percent), m) = (percent, plan.with(|p| p.month)) else {
            return lang
                .tr("请输入百分数，如 100", "enter a percentage such as 100")
                .to_string();
        };
        let value = report.with(|r| {
            let line = &r.totals.get(metric)?.figures.line;
            needed_for(
                line.actual,
                *line.targets.get(tier_choice.get())?,
                percent,
                m,
            )
        });
        format::need(value, decimals(), lang.tr("已完成", "already reached"))
    };
    // K月底赶上序时进度, per tier.
    let catch_up = move || {
        let k = by_month.get();
        plan.with(|p| {
            report.with(|r| {
                let Some(line) = r.totals.get(metric).map(|t| &t.figures.line) else {
                    return String::new();
                };
                let evaluator = Evaluator::new(p);
                p.tiers
                    .iter()
                    .enumerate()
                    .map(|(t, tier)| {
                        let need = evaluator.catch_up_by(line, t, k);
                        format!(
                            "{} {}",
                            tier.name,
                            format::need(need, decimals(), lang.tr("已达序时", "on schedule"))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
        })
    };

    // The comparison: the run rate, then each scenario (the engine's `scenario::comparison`).
    let rows = move || {
        let k = by_month.get();
        plan.with(|p| {
            report.with(|r| {
                let d = p.metrics.get(metric).map_or(0, |m| p.amount_decimals(m));
                comparison(p, r, metric, k)
                    .into_iter()
                    .map(|row| {
                        let label = match row.scenario {
                            None => lang.tr("按目前进度", "At the current pace").to_string(),
                            Some(i) => p
                                .scenarios
                                .get(i)
                                .map(|s| s.name.clone())
                                .unwrap_or_default(),
                        };
                        let mut cells = vec![format::amount(row.year_end, d)];
                        for t in &row.tiers {
                            cells.push(format::percent(t.completion));
                            cells.push(reached_text(t.reached, lang));
                        }
                        for t in &row.tiers {
                            cells.push(format::amount_in_words(
                                t.against_schedule,
                                d,
                                lang.tr("超", "ahead"),
                                lang.tr("差", "behind"),
                            ));
                        }
                        (label, cells)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let headers = move || {
        let k = by_month.get();
        plan.with(|p| {
            let mut h = vec![lang.tr("年底累计", "Year end").to_string()];
            for t in &p.tiers {
                h.push(format!("{}{}", t.name, lang.tr("完成率", " %")));
                h.push(format!("{}{}", t.name, lang.tr("达成月份", " reached")));
            }
            for t in &p.tiers {
                h.push(match lang.get() {
                    Lang::Zh => format!("{k}月底比{}序时", t.name),
                    Lang::En => format!("vs {} schedule, end of {}", t.name, lang.month(k)),
                });
            }
            h
        })
    };

    view! {
        <section class="card what-if-metric" data-testid=format!("what-if-{metric}")>
            <h3>{name}</h3>
            <p class="inverse">
                {move || lang.tr("要在年底完成", "To reach ")}
                <select
                    aria-label=move || lang.tr("目标档", "Tier")
                    prop:value=move || tier_choice.get().to_string()
                    on:change=move |ev| tier_choice.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {move || plan.with(|p| p.tiers.iter().enumerate().map(|(t, tier)| view! { <option value=t.to_string()>{tier.name.clone()}</option> }).collect_view())}
                </select>
                {move || lang.tr("的", " at ")}
                <input
                    type="text"
                    class="num percent"
                    inputmode="decimal"
                    data-testid="needed-percent"
                    aria-label=move || lang.tr("完成百分比", "Percentage")
                    prop:value=move || percent_text.get()
                    on:input=move |ev| percent_text.set(event_target_value(&ev))
                />
                "%"
                {move || plan.with(|p| match lang.get() {
                    Lang::Zh => format!("，后{}个月每月需 ", p.months_left()),
                    Lang::En => format!(", {} needs ", english_months_left(p.months_left(), false)),
                })}
                <strong data-testid="needed">{needed}</strong>
            </p>
            <p class="inverse">
                {move || match lang.get() {
                    Lang::Zh => format!("要在{}月底赶上序时进度，每月需：", by_month.get()),
                    Lang::En => format!("To be on schedule by the end of {}, each month needs: ", lang.month(by_month.get())),
                }}
                <strong data-testid="catch-up">{catch_up}</strong>
            </p>
            // Focusable, so that a table wider than a phone can be scrolled with the keyboard.
            <div class="table-scroll" tabindex="0" role="group" aria-label=move || lang.tr("方案比较", "Scenarios compared")>
                <table class="results compare" data-testid="compare">
                    <thead>
                        <tr>
                            <th>{move || lang.tr("方案", "Scenario")}</th>
                            {move || headers().into_iter().map(|h| view! { <th class="num">{h}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|(label, cells)| view! {
                            <tr>
                                <th scope="row">{label}</th>
                                {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <BurnUpChart metric=metric/>
            <CompletionBars metric=metric/>
            <UnitYearChart metric=metric/>
        </section>
    }
}

/// One scenario's inputs for one metric: the total's uniform amount and months m+1..12.
#[component]
fn ScenarioInflows(scenario: usize, metric: usize) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let metric_id = move || {
        plan.with(|p| {
            p.metrics
                .get(metric)
                .map(|m| m.id.clone())
                .unwrap_or_default()
        })
    };
    let metric_name = move || {
        plan.with(|p| {
            p.metrics
                .get(metric)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    let inflow_value = move |unit: Option<String>, when: When| {
        Signal::derive(move || {
            plan.with(|p| {
                let f = p
                    .scenarios
                    .get(scenario)?
                    .inflows
                    .iter()
                    .find(|f| f.unit == unit && f.metric == metric_id())?;
                match when {
                    When::EveryMonth => f.uniform,
                    When::Month(k) => f
                        .months
                        .get((k as usize).checked_sub(1)?)
                        .copied()
                        .flatten(),
                }
            })
        })
    };
    let set = move |unit: Option<String>, when: When| {
        Callback::new(move |v: Option<Decimal>| {
            let id = metric_id();
            store.edit(None, |p| {
                p.set_inflow(scenario, unit.as_deref(), &id, when, v)
            });
        })
    };
    let months = move || plan.with(|p| (p.month + 1..=12).collect::<Vec<u32>>());
    // Units this scenario adjusts for this metric.
    let adjusted = move || {
        plan.with(|p| {
            p.scenarios
                .get(scenario)
                .map(|s| {
                    s.inflows
                        .iter()
                        .filter(|f| f.metric == metric_id())
                        .filter_map(|f| f.unit.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let line_row = move |unit: Option<String>| {
        let unit_name = {
            let unit = unit.clone();
            move || match &unit {
                None => plan.with(|p| lang.total_name(p)),
                Some(id) => plan.with(|p| {
                    p.units
                        .iter()
                        .find(|u| &u.id == id)
                        .map(|u| u.name.clone())
                        .unwrap_or_default()
                }),
            }
        };
        let label_of = {
            let unit_name = unit_name.clone();
            move |what: String| {
                Signal::derive({
                    let unit_name = unit_name.clone();
                    move || format!("{} · {} · {}", unit_name(), metric_name(), what)
                })
            }
        };
        let every = label_of(lang.tr("每月", "every month").to_string());
        let remove = {
            let unit = unit.clone();
            move |_| {
                let id = metric_id();
                store.edit(None, |p| p.remove_inflow(scenario, unit.as_deref(), &id));
            }
        };
        let month_inputs = {
            let unit = unit.clone();
            move || {
                months()
                    .into_iter()
                    .map(|k| {
                        let label = label_of(untrack(|| lang.month(k)));
                        view! {
                            <label class="month-input">
                                <span>{format!("{k}")}</span>
                                <AmountInput metric=metric value=inflow_value(unit.clone(), When::Month(k)) label=label on_commit=set(unit.clone(), When::Month(k))/>
                            </label>
                        }
                    })
                    .collect_view()
            }
        };
        let is_unit = unit.is_some();
        view! {
            <div class="inflow-row">
                <span class="inflow-name">{unit_name}</span>
                <label class="every">
                    {move || lang.tr("每月", "Each month")}
                    <AmountInput metric=metric value=inflow_value(unit.clone(), When::EveryMonth) label=every on_commit=set(unit.clone(), When::EveryMonth)/>
                </label>
                <span class="months-label">{move || lang.tr("或按月：", "or by month:")}</span>
                {month_inputs}
                <Show when=move || is_unit>
                    <button type="button" class="link danger" on:click=remove.clone()>{move || lang.tr("移除", "Remove")}</button>
                </Show>
            </div>
        }
    };
    let add_unit = move |ev: web_sys::Event| {
        let id = event_target_value(&ev);
        if id.is_empty() {
            return;
        }
        // Listed with nothing set: it follows its run rate until a month or amount is typed.
        let metric = metric_id();
        store.edit(None, |p| p.add_inflow(scenario, Some(&id), &metric));
    };
    view! {
        <div class="scenario-metric">
            <h4>{metric_name}</h4>
            {line_row(None)}
            {move || adjusted().into_iter().map(|u| line_row(Some(u))).collect_view()}
            <label class="add-unit">
                {move || lang.tr("调整单位：", "Adjust a unit: ")}
                <select data-testid="scenario-add-unit" on:change=add_unit prop:value="">
                    <option value="">{move || lang.tr("选择单位…", "choose…")}</option>
                    {move || plan.with(|p| p.units.iter().filter(|u| !u.total).map(|u| view! { <option value=u.id.clone()>{u.name.clone()}</option> }).collect_view())}
                </select>
            </label>
        </div>
    }
}

#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let by_month = ViewState::expect().catch_up;
    let metrics = move || plan.with(|p| p.metrics.len());
    let scenarios = move || plan.with(|p| p.scenarios.len());
    let add = move |_| {
        let base = match lang.get_untracked() {
            Lang::Zh => "方案",
            Lang::En => "Scenario",
        };
        store.edit(None, |p| {
            let name = numbered_name(
                base,
                p.scenarios.len(),
                p.scenarios.iter().map(|s| s.name.as_str()),
            );
            p.add_scenario(&name);
        });
    };
    view! {
        <section class="what-if" aria-label=move || lang.tr("假设分析", "What if")>
            <div class="table-toolbar">
                <label>
                    {move || lang.tr("赶上序时的月份", "Back on schedule by month")}
                    <select
                        data-testid="by-month"
                        prop:value=move || by_month.get().to_string()
                        on:change=move |ev| by_month.set(event_target_value(&ev).parse().unwrap_or(12))
                    >
                        {move || plan.with(|p| catch_up_months(p.month).map(|k| view! { <option value=k.to_string()>{move || lang.month(k)}</option> }).collect_view())}
                    </select>
                </label>
            </div>
            <section class="card scenarios">
                <h3>{move || lang.tr("假设方案（不改动数据）", "Scenarios (the data is not changed)")}</h3>
                {move || (0..scenarios()).map(|s| {
                    let name = move || plan.with(|p| p.scenarios.get(s).map(|x| x.name.clone()).unwrap_or_default());
                    view! {
                        <div class="scenario-card" data-testid="scenario">
                            <div class="scenario-head">
                                <input
                                    type="text"
                                    aria-label=move || lang.tr("方案名称", "Scenario name")
                                    prop:value=name
                                    on:change=move |ev| {
                                        // Not typing left over from a plan no longer shown.
                                        if typed_for_plan_on_screen(store, &ev) {
                                            let text = event_target_value(&ev);
                                            store.edit(None, |p| p.rename_scenario(s, &text));
                                        }
                                    }
                                />
                                <button type="button" class="link danger" on:click=move |_| store.edit(None, |p| p.remove_scenario(s))>
                                    {move || lang.tr("删除方案", "Delete scenario")}
                                </button>
                            </div>
                            {move || (0..metrics()).map(|m| view! { <ScenarioInflows scenario=s metric=m/> }).collect_view()}
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="add" data-testid="add-scenario" on:click=add>
                    {move || lang.tr("＋ 新建方案", "+ New scenario")}
                </button>
            </section>
            // The scenarios come first: each metric's comparison of them follows right below.
            {move || (0..metrics()).map(|m| view! { <MetricWhatIf metric=m by_month=by_month/> }).collect_view()}
            <MonthlySeries/>
        </section>
    }
}
