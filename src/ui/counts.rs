//! The summary counts for all units or one group: 完成全年目标, 达到序时进度 (per metric and tier),
//! 双空白 and 未报, each as "N个，占X%" with the names on expand.

use super::i18n::Language;
use crate::engine::counts::Counts;
use crate::engine::format;
use crate::engine::plan::Plan;
use crate::store::view::ViewState;
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

fn names(plan: &Plan, units: &[usize]) -> String {
    units
        .iter()
        .map(|&u| plan.units[u].name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// One count with its share, and the names behind it on expand.
fn count_item(label: String, n: usize, share: Option<Decimal>, who: String) -> impl IntoView {
    let summary = format!("{label} {}", format::count_with_share(n, share));
    if n == 0 {
        view! { <li class="count">{summary}</li> }.into_any()
    } else {
        view! {
            <li class="count">
                <details>
                    <summary>{summary}</summary>
                    <p class="names">{who}</p>
                </details>
            </li>
        }
        .into_any()
    }
}

fn counts_view(plan: &Plan, counts: &Counts, lang: Language) -> impl IntoView {
    let per_metric = plan
        .metrics
        .iter()
        .zip(&counts.tiers)
        .map(|(metric, tiers)| {
            let items = plan
                .tiers
                .iter()
                .zip(tiers)
                .filter(|(_, c)| c.counted > 0)
                .map(|(tier, c)| {
                    view! {
                        {count_item(
                            format!("{}{}", lang.tr("完成全年", "Met annual "), tier.name),
                            c.completed.len(),
                            c.completed_share(),
                            names(plan, &c.completed),
                        )}
                        {count_item(
                            format!("{}{}", lang.tr("达到序时进度·", "On schedule · "), tier.name),
                            c.on_schedule.len(),
                            c.on_schedule_share(),
                            names(plan, &c.on_schedule),
                        )}
                    }
                })
                .collect_view();
            view! {
                <div class="count-metric">
                    <span class="count-metric-name">{metric.name.clone()}</span>
                    <ul>{items}</ul>
                </div>
            }
        })
        .collect_view();
    let all_zero_label = if plan.metrics.len() == 2 {
        lang.tr("双空白", "Both zero")
    } else {
        lang.tr("全为零", "All zero")
    };
    view! {
        {per_metric}
        <ul class="count-metric">
            {count_item(all_zero_label.to_string(), counts.all_zero.len(), None, names(plan, &counts.all_zero))}
            {count_item(lang.tr("未报", "Not reported").to_string(), counts.not_reported.len(), None, names(plan, &counts.not_reported))}
        </ul>
    }
}

#[component]
pub fn CountsBar() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let view_state = ViewState::expect();
    let plan = store.plan();
    let report = store.report();
    view! {
        <section class="counts" data-testid="counts" aria-label=move || lang.tr("统计", "Counts")>
            {move || {
                let group = view_state.group.get();
                plan.with(|p| {
                    report.with(|r| {
                        let (label, counts) = match &group {
                            Some(g) => match r.groups.iter().find(|x| &x.name == g) {
                                Some(found) => (g.clone(), &found.counts),
                                None => (lang.tr("全部单位", "All units").to_string(), &r.counts),
                            },
                            None => (lang.tr("全部单位", "All units").to_string(), &r.counts),
                        };
                        view! {
                            <h2 class="counts-title">
                                {label}
                                <span class="muted">{format!(" ({}{})", counts.units, lang.tr("个", " units"))}</span>
                            </h2>
                            <div class="counts-body">{counts_view(p, counts, lang)}</div>
                        }
                    })
                })
            }}
        </section>
    }
}
