//! 月度数据: one unit's monthly entries for one metric (SPEC §2 `monthly`), with 当月, 累计 and
//! 环比, and whether the months add up to the unit's actual.

use super::amount_input::AmountInput;
use super::i18n::{Lang, Language};
use crate::engine::format;
use crate::engine::monthly::series;
use crate::store::PlanStore;
use leptos::prelude::*;

#[component]
pub fn MonthlySeries() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let metric = RwSignal::new(0usize);
    let unit = RwSignal::new(0usize);
    // The chosen unit, or the first once the chosen one is gone (units removed meanwhile):
    // entries never go to a unit the menu does not show.
    let shown_unit = move || {
        let chosen = unit.get();
        plan.with(|p| if chosen < p.units.len() { chosen } else { 0 })
    };
    // The chosen metric likewise (a metric removed, or a plan with fewer opened).
    let shown_metric = move || {
        let chosen = metric.get();
        plan.with(|p| if chosen < p.metrics.len() { chosen } else { 0 })
    };
    let metric_id = move || {
        plan.with(|p| {
            p.metrics
                .get(shown_metric())
                .map(|m| m.id.clone())
                .unwrap_or_default()
        })
    };
    let decimals = move || {
        plan.with(|p| {
            p.metrics
                .get(shown_metric())
                .map_or(0, |m| p.amount_decimals(m))
        })
    };
    let months = move || plan.with(|p| series(&p.monthly(shown_unit(), &metric_id()), p.month));
    let label = move |k: u32| {
        Signal::derive(move || {
            plan.with(|p| {
                let u = p
                    .units
                    .get(shown_unit())
                    .map(|u| u.name.clone())
                    .unwrap_or_default();
                let m = p
                    .metrics
                    .get(shown_metric())
                    .map(|m| m.name.clone())
                    .unwrap_or_default();
                match lang.get() {
                    Lang::Zh => format!("{u} · {m} · {k}月当月"),
                    Lang::En => format!("{u} · {m} · {}", lang.month(k)),
                }
            })
        })
    };
    // Whether the entered months add up to the actual (the page's warnings say so too).
    let check = move || {
        plan.with(|p| {
            let id = metric_id();
            let figure = p.units.get(shown_unit()).and_then(|u| u.figure(&id))?;
            let sum = figure.monthly_sum()?;
            let actual = figure.actual?;
            let d = decimals();
            Some(if sum == actual {
                lang.tr("各月合计与完成数一致。", "The months add up to the actual.").to_string()
            } else {
                match lang.get() {
                    Lang::Zh => format!("各月合计 {}，完成数 {}：不一致（以完成数为准）。", format::amount(Some(sum), d), format::amount(Some(actual), d)),
                    Lang::En => format!("The months add up to {}, the actual is {}: they differ (the actual counts).", format::amount(Some(sum), d), format::amount(Some(actual), d)),
                }
            })
        })
    };
    view! {
        <section class="card monthly" data-testid="monthly">
            <h3>{move || lang.tr("月度数据（当月 · 累计 · 环比）", "Monthly series (month · cumulative · month on month)")}</h3>
            <div class="table-toolbar">
                <label>
                    {move || lang.tr("指标", "Metric")}
                    <select data-testid="monthly-metric" on:change=move |ev| metric.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || plan.with(|p| p.metrics.iter().enumerate().map(|(i, m)| view! { <option value=i.to_string() selected=i == untrack(shown_metric)>{m.name.clone()}</option> }).collect_view())}
                    </select>
                </label>
                <label>
                    {move || lang.tr("单位", "Unit")}
                    <select data-testid="monthly-unit" on:change=move |ev| unit.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {move || plan.with(|p| p.units.iter().enumerate().map(|(i, u)| view! { <option value=i.to_string() selected=i == untrack(shown_unit)>{u.name.clone()}</option> }).collect_view())}
                    </select>
                </label>
            </div>
            // Without units or metrics there is nothing to enter months for: boxes whose entries
            // went nowhere were shown (a tester).
            <Show
                when=move || plan.with(|p| !p.units.is_empty() && !p.metrics.is_empty())
                fallback=move || view! {
                    <p class="muted" data-testid="monthly-empty">
                        {move || if plan.with(|p| p.units.is_empty()) {
                            lang.tr(
                                "计划还没有单位：先在“录入数据”中添加单位，再录入各月数字。",
                                "The plan has no units yet: add units in Enter data first, then enter their months.",
                            )
                        } else {
                            lang.tr(
                                "计划还没有指标：先在“计划设置”中添加指标，再录入各月数字。",
                                "The plan has no metrics yet: add one in Plan settings first, then enter its months.",
                            )
                        }}
                    </p>
                }
            >
            // Locked, its inputs are disabled: the box itself takes focus, so that it can still be
            // scrolled with the keyboard.
            <div class="table-scroll" tabindex=move || store.plan_locked().get().then_some("0")>
                <table class="results monthly-table">
                    <thead>
                        <tr>
                            <th><span class="sr-only">{move || lang.tr("项目", "Item")}</span></th>
                            {move || months().into_iter().map(|m| view! { <th class="num">{lang.month(m.month)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">{move || lang.tr("当月", "Month")}</th>
                            {move || months().into_iter().map(|m| {
                                let k = m.month;
                                let value = Signal::derive(move || plan.with(|p| p.monthly(shown_unit(), &metric_id()).get(k as usize - 1).copied().flatten()));
                                let on_commit = Callback::new(move |v| {
                                    let id = metric_id();
                                    let u = untrack(shown_unit);
                                    store.edit(None, |p| p.set_month_amount(u, &id, k, v));
                                });
                                view! { <td><AmountInput metric=untrack(shown_metric) value=value label=label(k) on_commit=on_commit/></td> }
                            }).collect_view()}
                        </tr>
                        <tr data-testid="monthly-cumulative">
                            <th scope="row">{move || lang.tr("累计", "Cumulative")}</th>
                            {move || months().into_iter().map(|m| view! { <td class="num">{format::amount(m.cumulative, decimals())}</td> }).collect_view()}
                        </tr>
                        <tr data-testid="monthly-mom">
                            <th scope="row">{move || lang.tr("环比", "Month on month")}</th>
                            {move || months().into_iter().map(|m| view! { <td class="num">{format::percent(m.month_on_month)}</td> }).collect_view()}
                        </tr>
                    </tbody>
                </table>
            </div>
            <p class="muted" data-testid="monthly-check">{check}</p>
            </Show>
        </section>
    }
}
