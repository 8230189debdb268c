//! The summary counts for all units or one group: 完成全年目标, 达到序时进度 (per metric and tier),
//! 双空白 and 未报, each as "N个，占X%" with the names on expand.

use super::i18n::Language;
use super::last_month as words;
use crate::engine::compare;
use crate::engine::counts::Counts;
use crate::engine::plan::Plan;
use crate::store::view::ViewState;
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

fn names(plan: &Plan, lang: Language, units: &[usize]) -> String {
    units
        .iter()
        .filter_map(|&u| plan.units.get(u).map(|x| x.name.as_str()))
        .collect::<Vec<_>>()
        .join(lang.tr("、", ", "))
}

/// Which counts have their names expanded, by key (the metric's id and the label: two metrics
/// have counts of the same label): kept across the re-renders of every
/// keystroke, and the names are only listed for those.
type Expanded = RwSignal<std::collections::HashSet<String>>;

/// One count: its label, its share of the units counted, the units, and how many there were in
/// the month compared with.
struct Count<'a> {
    label: String,
    share: Option<Decimal>,
    units: &'a [usize],
    then: Option<usize>,
    /// What `then` is (`上月`, or the closed month's period).
    than: &'a str,
    /// The units counted, when fewer than those shown (some have no such target).
    of: Option<usize>,
}

/// One count with its share and its change since the month compared with, and the names behind
/// it on expand.
fn count_item(
    plan: &Plan,
    lang: Language,
    expanded: Expanded,
    metric: Option<&str>,
    count: Count<'_>,
) -> impl IntoView {
    let Count {
        label,
        share,
        units,
        then,
        than,
        of,
    } = count;
    let key = format!("{}/{label}", metric.unwrap_or_default());
    let change = words::count_change(lang, compare::count_change(units.len(), then), than);
    let summary = format!(
        "{label} {}{change}",
        lang.count_with_share_of(units.len(), share, of)
    );
    if units.is_empty() {
        return view! { <li class="count">{summary}</li> }.into_any();
    }
    let open = expanded.with_untracked(|e| e.contains(&key));
    let who = open.then(|| names(plan, lang, units));
    view! {
        <li class="count">
            <details
                prop:open=open
                on:toggle=move |ev| {
                    let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    if now_open != open {
                        expanded.update(|e| {
                            if now_open {
                                e.insert(key.clone());
                            } else {
                                e.remove(&key);
                            }
                        });
                    }
                }
            >
                <summary>{summary}</summary>
                <p class="names">{who}</p>
            </details>
        </li>
    }
    .into_any()
}

/// The counts, each with its change since the month compared with (`then`: the same counts
/// then, when there is such a month).
fn counts_view(
    plan: &Plan,
    counts: &Counts,
    then: Option<&Counts>,
    than: &str,
    lang: Language,
    expanded: Expanded,
) -> impl IntoView {
    let per_metric = plan
        .metrics
        .iter()
        .zip(&counts.tiers)
        .enumerate()
        .map(|(m, (metric, tiers))| {
            let items = plan
                .tiers
                .iter()
                .zip(tiers)
                .enumerate()
                .filter(|(_, (_, c))| c.counted > 0)
                .map(|(t, (tier, c))| {
                    let before = c.compared(then.and_then(|x| x.tiers.get(m)).and_then(|x| x.get(t)));
                    let of = c.partial_base(counts.units);
                    view! {
                        {count_item(plan, lang, expanded, Some(&metric.id), Count { label: format!("{}{}", lang.tr("完成全年", "Met annual "), tier.name), share: c.completed_share(), units: &c.completed, then: before.map(|b| b.completed.len()), than, of })}
                        {count_item(plan, lang, expanded, Some(&metric.id), Count { label: format!("{}{}", lang.tr("达到序时进度·", "On schedule · "), tier.name), share: c.on_schedule_share(), units: &c.on_schedule, then: before.map(|b| b.on_schedule.len()), than, of })}
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
            {count_item(plan, lang, expanded, None, Count { label: all_zero_label.to_string(), share: None, units: &counts.all_zero, then: None, than, of: None })}
            {count_item(plan, lang, expanded, None, Count { label: lang.tr("未报", "Not reported").to_string(), share: None, units: &counts.not_reported, then: None, than, of: None })}
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
    let expanded: Expanded = RwSignal::new(Default::default());
    // Counts seldom change while a figure is typed: re-render only when they do.
    let last_month = store.last_month();
    let counts = Memo::new(move |_| {
        let group = view_state.group.get();
        let (name, now) = report.with(|r| {
            match group
                .as_ref()
                .and_then(|g| r.groups.iter().find(|x| &x.name == g))
            {
                Some(found) => (Some(found.name.clone()), found.counts.clone()),
                None => (None, r.counts.clone()),
            }
        });
        let (then, than) = last_month.with(|l| {
            let then = l.as_ref().and_then(|l| l.counts(name.as_deref()).cloned());
            let than = l.as_ref().map(|l| words::than(lang, l)).unwrap_or_default();
            (then, than)
        });
        (name, now, then, than)
    });
    view! {
        <section class="counts" data-testid="counts" aria-label=move || lang.tr("统计", "Counts")>
            {move || {
                expanded.track();
                // The plan is read untracked (it changes on every keystroke); names of units,
                // metrics and tiers are tracked through memos that change only when renamed.
                store.unit_names().track();
                store.metric_names().track();
                store.tiers().track();
                counts.with(|(group, counts, then, than)| {
                    plan.with_untracked(|p| {
                        let label = group
                            .clone()
                            .unwrap_or_else(|| lang.tr("全部单位", "All units").to_string());
                        view! {
                            <h2 class="counts-title">
                                {label}
                                <span class="muted">{format!(" ({}{})", counts.units, lang.tr("个", " units"))}</span>
                            </h2>
                            <div class="counts-body">{counts_view(p, counts, then.as_ref(), than, lang, expanded)}</div>
                        }
                    })
                })
            }}
        </section>
    }
}
