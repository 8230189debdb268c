//! Invariants that hold for any input (proptest).
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::amount_unit::{AmountUnit, MeasureUnit};
use pace::engine::edit::Field;
use pace::engine::entry::{edit_text, parse_entry};
use pace::engine::figures::{self, Status};
use pace::engine::interchange::{read_plan, write_plan};
use pace::engine::plan::{Figure, Metric, Plan, ScheduleOverride, Settings, Tier, Unit};
use pace::engine::report::Report;
use pace::engine::round::round2;
use pace::engine::scenario::{Inflow, Scenario};
use pace::engine::schedule::Schedule;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Amounts as people enter them: up to 12 digits and 4 decimals, either sign.
fn amount() -> impl Strategy<Value = Decimal> {
    (-999_999_999_999_i64..=999_999_999_999, 0u32..=4).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn optional_amount() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of(amount())
}

fn figure(tiers: usize) -> impl Strategy<Value = Figure> {
    (
        optional_amount(),
        optional_amount(),
        optional_amount(),
        prop::collection::vec(optional_amount(), tiers),
        prop::collection::vec(optional_amount(), 0..=12),
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

fn settings() -> impl Strategy<Value = Settings> {
    (
        any::<bool>(),
        prop::option::of((1u32..=12, 0u32..=10000)),
        prop::option::of(prop::collection::vec(1u32..=40, 12)),
        (-20i64..=5, 0i64..=20),
        prop::option::of(0u32..=2),
    )
        .prop_map(
            |(carry, over, weights, (yellow, below), decimals)| Settings {
                carryover_in_pace: carry,
                schedule_override: over.map(|(month, p)| ScheduleOverride {
                    month,
                    percent: Decimal::new(p.into(), 2),
                }),
                schedule_weights: weights.map(|w| std::array::from_fn(|i| Decimal::from(w[i]))),
                status_yellow: Decimal::from(yellow),
                status_red: Decimal::from(yellow - below),
                amount_decimals: decimals,
            },
        )
}

fn plan() -> impl Strategy<Value = Plan> {
    (1usize..=3, 1usize..=3).prop_flat_map(|(metrics, tiers)| {
        let unit = (
            "[a-z]{0,3}",
            "\\PC{0,8}",
            prop::option::of("[乡镇部门<>\"&]{1,3}"),
            any::<bool>(),
            prop::collection::vec(figure(tiers), metrics),
        );
        (
            "\\PC{0,12}",
            2000i32..=2100,
            1u32..=12,
            0usize..4,
            settings(),
            prop::collection::vec(unit, 0..6),
            prop::option::of(0usize..6),
            prop::collection::vec(scenario(metrics), 0..3),
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
fn scenario(
    metrics: usize,
) -> impl Strategy<
    Value = (
        String,
        Vec<(Option<usize>, usize, Option<Decimal>, Vec<Option<Decimal>>)>,
    ),
> {
    (
        "\\PC{0,6}",
        prop::collection::vec(
            (
                prop::option::of(0usize..6),
                0..metrics,
                prop::option::of(amount()),
                prop::collection::vec(prop::option::of(amount()), 12),
            ),
            0..3,
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn the_entry_parser_never_panics(text in "\\PC{0,20}") {
        let unit = MeasureUnit::Amount(AmountUnit::WAN_USD);
        let _ = parse_entry(&text, &unit);
    }

    #[test]
    fn the_entry_parser_never_panics_on_number_like_text(
        text in "[-－+0-9０-９.．,，万亿美元% ]{0,16}"
    ) {
        for unit in AmountUnit::ALL {
            let _ = parse_entry(&text, &MeasureUnit::Amount(unit));
        }
    }

    #[test]
    fn the_parser_reads_back_what_the_edit_formatter_writes(value in optional_amount()) {
        let unit = MeasureUnit::Amount(AmountUnit::WAN_USD);
        prop_assert_eq!(parse_entry(&edit_text(value), &unit).unwrap(), value);
    }

    #[test]
    fn export_import_export_is_identical(plan in plan()) {
        let first = write_plan(&plan);
        let imported = read_plan(&first).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(write_plan(&imported), first);
        // The page's export check: what is read back is the plan without its empty parts.
        prop_assert_eq!(imported, pace::engine::interchange::canonical(&plan));
    }

    #[test]
    fn completion_gap_and_status_agree(
        actual in amount(), target in amount(), month in 1u32..=12,
        yellow in -20i64..=5, below in 0i64..=20,
    ) {
        let schedule = Schedule::at(month, &Settings::default());
        let completion = figures::completion(Some(actual), Some(target));
        let gap = figures::schedule_gap(completion, &schedule);
        let (yellow, red) = (Decimal::from(yellow), Decimal::from(yellow - below));
        let status = figures::status(gap, yellow, red);
        prop_assert_eq!(completion.is_none(), target.is_zero());
        prop_assert_eq!(gap.is_some(), completion.is_some());
        if let (Some(c), Some(g)) = (completion, gap) {
            prop_assert_eq!(g, round2(c) - schedule.percent_rounded().unwrap());
            let expected = if g >= yellow { Status::Green } else if g >= red { Status::Yellow } else { Status::Red };
            prop_assert_eq!(status, Some(expected));
        } else {
            prop_assert_eq!(status, None);
        }
    }

    #[test]
    fn an_updated_report_equals_one_computed_afresh(
        plan in plan(),
        edits in prop::collection::vec((0usize..6, 0usize..3, optional_amount()), 1..4),
        month in 1u32..=12,
        move_from in 0usize..6,
    ) {
        let before = Report::new(&plan);
        let mut after = plan.clone();
        for (unit, metric, value) in edits {
            let metric_id = format!("m{}", metric % after.metrics.len());
            after.set_value(unit, &metric_id, &Field::Actual, value);
        }
        prop_assert_eq!(&Report::update(&after, Some(&before)), &Report::new(&after));
        // Moving a unit, then changing the month, reuse nothing wrongly either.
        after.move_unit(move_from, 0);
        prop_assert_eq!(&Report::update(&after, Some(&before)), &Report::new(&after));
        after.month = month;
        prop_assert_eq!(&Report::update(&after, Some(&before)), &Report::new(&after));
    }

    #[test]
    fn counts_never_exceed_the_units_counted(plan in plan()) {
        let report = Report::new(&plan);
        let check = |counts: &pace::engine::counts::Counts| -> Result<(), TestCaseError> {
            prop_assert!(counts.all_zero.len() + counts.not_reported.len() <= counts.units);
            for tier in counts.tiers.iter().flatten() {
                prop_assert!(tier.counted <= counts.units);
                prop_assert!(tier.completed.len() <= tier.counted);
                prop_assert!(tier.on_schedule.len() <= tier.counted);
            }
            Ok(())
        };
        check(&report.counts)?;
        let non_total = plan.units.iter().filter(|u| !u.total).count();
        prop_assert_eq!(report.counts.units, non_total);
        for group in &report.groups {
            check(&group.counts)?;
            prop_assert_eq!(group.counts.units, group.members.len());
        }
    }
}
