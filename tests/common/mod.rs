//! Generators shared by the property tests: plans of any shape, with the values and settings
//! a test chooses (everyday amounts for invariants, extremes for the no-panic pipeline).
#![allow(dead_code)]

use pace::engine::amount_unit::AmountUnit;
use pace::engine::briefing::BriefingOptions;
use pace::engine::closed_months::ClosedMonth;
use pace::engine::plan::{Figure, Metric, Plan, Settings, Tier, Unit};
use pace::engine::scenario::{Inflow, Scenario};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Any decimal a plan could hold, weighted towards the edges: zeros of both signs, the limits
/// of the format and of the engine, the smallest decimals, a figure that rounds up to the next
/// unit of 亿 (9999.6万), 28-digit decimals at any scale, and everyday amounts.
pub fn extreme() -> impl Strategy<Value = Decimal> + Clone {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(-Decimal::ZERO),
        Just(Decimal::ONE),
        Just(Decimal::from(1_000_000_000_000_000_i64)),
        Just(Decimal::from(-1_000_000_000_000_000_i64)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        Just(Decimal::new(-1, 12)),
        Just(Decimal::new(99996, 1)),
        (any::<i64>(), any::<u32>(), 0u32..=28).prop_map(|(hi, lo, scale)| {
            let mantissa = (i128::from(hi) << 32 | i128::from(lo)) % 10_i128.pow(28);
            Decimal::from_i128_with_scale(mantissa, scale)
        }),
        (-99_999_999_i64..=99_999_999, 0u32..=4).prop_map(|(n, s)| Decimal::new(n, s)),
    ]
}

fn figure<V>(tiers: usize, value: V) -> impl Strategy<Value = Figure>
where
    V: Strategy<Value = Decimal> + Clone + 'static,
{
    (
        prop::option::of(value.clone()),
        prop::option::of(value.clone()),
        prop::option::of(value.clone()),
        prop::collection::vec(prop::option::of(value.clone()), tiers),
        prop::collection::vec(prop::option::of(value), 0..=12),
    )
        .prop_map(|(actual, carryover, last_year, targets, monthly)| Figure {
            actual,
            carryover,
            last_year,
            targets: targets
                .into_iter()
                .enumerate()
                .filter_map(|(i, t)| Some((format!("t{i}"), t?)))
                .collect(),
            monthly,
        })
}

/// Plans of 1–3 metrics and tiers and up to 6 units (one of them maybe the total), with every
/// number drawn from `value` and settings from `settings`.
pub fn plan_of<V, S>(value: V, settings: S) -> impl Strategy<Value = Plan>
where
    V: Strategy<Value = Decimal> + Clone + 'static,
    S: Strategy<Value = Settings> + Clone + 'static,
{
    (1usize..=3, 1usize..=3).prop_flat_map(move |(metrics, tiers)| {
        let unit = (
            "[a-z]{0,3}",
            "\\PC{0,8}",
            prop::option::of("[乡镇部门<>\"&]{1,3}"),
            any::<bool>(),
            prop::collection::vec(figure(tiers, value.clone()), metrics),
        );
        (
            "\\PC{0,12}",
            2000i32..=2100,
            1u32..=12,
            0usize..4,
            settings.clone(),
            prop::collection::vec(unit, 0..6),
            prop::option::of(0usize..6),
            prop::collection::vec(scenario(metrics, value.clone()), 0..3),
        )
            .prop_map(
                move |(title, year, month, unit_at, settings, units, total, scenarios)| {
                    let mut plan = Plan {
                        title,
                        year,
                        month,
                        unit: AmountUnit::ALL[unit_at],
                        settings,
                        metrics: (0..metrics)
                            .map(|i| Metric {
                                id: format!("m{i}"),
                                name: format!("指标{i}"),
                                unit: (i == 2).then(|| "个".to_string()),
                            })
                            .collect(),
                        tiers: (0..tiers)
                            .map(|i| Tier {
                                id: format!("t{i}"),
                                name: format!("目标{i}"),
                            })
                            .collect(),
                        units: units
                            .into_iter()
                            .enumerate()
                            .map(|(i, (id, name, group, in_total, figures))| {
                                Arc::new(Unit {
                                    id: format!("{id}{i}"),
                                    name,
                                    group,
                                    in_total,
                                    total: total == Some(i),
                                    figures: figures
                                        .into_iter()
                                        .enumerate()
                                        .map(|(m, f)| (format!("m{m}"), f))
                                        .collect(),
                                })
                            })
                            .collect(),
                        scenarios: Vec::new(),
                        history: Vec::new(),
                        notes: Default::default(),
                    };
                    plan.scenarios = scenarios
                        .into_iter()
                        .enumerate()
                        .map(|(i, (name, inflows))| Scenario {
                            id: format!("s{i}"),
                            name,
                            inflows: inflows
                                .into_iter()
                                .map(|(unit, metric, uniform, months)| Inflow {
                                    unit: unit
                                        .and_then(|u| plan.units.get(u))
                                        .map(|u| u.id.clone()),
                                    metric: format!("m{metric}"),
                                    uniform,
                                    months: std::array::from_fn(|k| months[k]),
                                })
                                .collect(),
                        })
                        .collect();
                    plan
                },
            )
    })
}

/// A scenario's name and inflows (unit index, metric index, uniform amount, months).
#[allow(clippy::type_complexity)]
fn scenario<V>(
    metrics: usize,
    value: V,
) -> impl Strategy<
    Value = (
        String,
        Vec<(Option<usize>, usize, Option<Decimal>, Vec<Option<Decimal>>)>,
    ),
>
where
    V: Strategy<Value = Decimal> + Clone + 'static,
{
    (
        "\\PC{0,6}",
        prop::collection::vec(
            (
                prop::option::of(0usize..6),
                0..metrics,
                prop::option::of(value.clone()),
                prop::collection::vec(prop::option::of(value), 12),
            ),
            0..3,
        ),
    )
}

/// The 讲评稿's options: ticked unit ids and group names drawn like `plan_of`'s (so that some
/// name a unit or group of the plan and some name nothing), both switches either way.
pub fn briefing_options() -> impl Strategy<Value = BriefingOptions> + Clone {
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::btree_set("[a-z]{0,3}[0-5]", 0..4),
        prop::collection::btree_set("[乡镇部门<>\"&]{1,3}", 0..3),
        any::<bool>(),
    )
        .prop_map(|(round_up, note, units, groups, notes)| BriefingOptions {
            round_up_to_hundred: round_up,
            carryover_note: note,
            units,
            groups,
            notes,
        })
}

/// `plans` with closed months (SPEC §8): up to three months below each plan's data month, each
/// with some of its units' figures (values from `value`, a target now and then: revised
/// mid-year) and, sometimes, a unit, metric and tier the plan no longer has; and notes
/// (docs/notes.md) of any month for some units and for a unit the plan no longer has.
pub fn with_history<P, V>(plans: P, value: V) -> impl Strategy<Value = Plan>
where
    P: Strategy<Value = Plan>,
    V: Strategy<Value = Decimal> + Clone + 'static,
{
    let closed_unit = (
        any::<bool>(),
        prop::option::of(value.clone()),
        prop::option::of(value.clone()),
        prop::option::of(value),
    );
    let closed = (
        1u32..=11,
        prop::collection::vec(closed_unit, 0..6),
        any::<bool>(),
    );
    let note = (1u32..=12, 0usize..7, "\\PC{0,30}");
    (
        plans,
        prop::collection::vec(closed, 0..4),
        prop::collection::vec(note, 0..5),
    )
        .prop_map(|(mut plan, months, notes)| {
            for (month, unit, text) in notes {
                let id = plan
                    .units
                    .get(unit)
                    .map_or_else(|| "gone-unit".to_string(), |u| u.id.clone());
                plan.notes.insert((month, id), text);
            }
            for (month, units, gone) in months {
                if month >= plan.month || plan.history.iter().any(|c| c.month == month) {
                    continue;
                }
                let mut closed = ClosedMonth {
                    month,
                    ..ClosedMonth::default()
                };
                for (unit, (kept, actual, last_year, target)) in plan.units.iter().zip(units) {
                    if !kept {
                        continue;
                    }
                    let figure = Figure {
                        actual,
                        last_year,
                        targets: target.map(|t| ("t0".to_string(), t)).into_iter().collect(),
                        ..Figure::default()
                    };
                    closed
                        .units
                        .insert(unit.id.clone(), [("m0".to_string(), figure)].into());
                }
                if gone {
                    let figure = Figure {
                        actual: Some(Decimal::ONE),
                        targets: [("gone-tier".to_string(), Decimal::TEN)].into(),
                        ..Figure::default()
                    };
                    closed.units.insert(
                        "gone-unit".into(),
                        [("gone-metric".to_string(), figure)].into(),
                    );
                }
                plan.history.push(closed);
            }
            plan.history.sort_by_key(|c| c.month);
            plan
        })
}
