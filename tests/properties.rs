//! Invariants that hold for any input (proptest).
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::amount_unit::{AmountUnit, MeasureUnit};
use pace::engine::closed_months::{close_month, plan_at};
use pace::engine::compare::LastMonth;
use pace::engine::edit::Field;
use pace::engine::entry::{edit_text, parse_entry};
use pace::engine::figures::{self, Status};
use pace::engine::interchange::{
    read_plan, share_fragment, share_fragments, share_link_readings, write_plan,
};
use pace::engine::plan::{Plan, ScheduleOverride, Settings};
use pace::engine::report::Report;
use pace::engine::round::round2;
use pace::engine::schedule::Schedule;
use proptest::prelude::*;

mod common;
use rust_decimal::Decimal;

/// Amounts as people enter them: up to 12 digits and 4 decimals, either sign.
fn amount() -> impl Strategy<Value = Decimal> + Clone {
    (-999_999_999_999_i64..=999_999_999_999, 0u32..=4).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn optional_amount() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of(amount())
}

fn settings() -> impl Strategy<Value = Settings> + Clone {
    (
        any::<bool>(),
        prop::option::of((1u32..=12, 0u32..=10000)),
        prop::option::of(prop::collection::vec(1u32..=40, 12)),
        (-20i64..=5, 0i64..=20),
        prop::option::of(0u32..=2),
        common::briefing_options(),
    )
        .prop_map(
            |(carry, over, weights, (yellow, below), decimals, briefing)| Settings {
                carryover_in_pace: carry,
                schedule_override: over.map(|(month, p)| ScheduleOverride {
                    month,
                    percent: Decimal::new(p.into(), 2),
                }),
                schedule_weights: weights.map(|w| std::array::from_fn(|i| Decimal::from(w[i]))),
                status_yellow: Decimal::from(yellow),
                status_red: Decimal::from(yellow - below),
                amount_decimals: decimals,
                briefing,
            },
        )
}

fn plan() -> impl Strategy<Value = Plan> {
    common::plan_of(amount(), settings())
}

/// Plans with closed months (SPEC §8).
fn plan_with_history() -> impl Strategy<Value = Plan> {
    common::with_history(plan(), amount())
}

proptest! {
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn the_entry_parser_never_panics(text in "\\PC{0,20}") {
        let unit = MeasureUnit::Amount(AmountUnit::WAN_USD);
        let _ = parse_entry(&text, &unit);
    }

    #[test]
    fn share_links_are_read_out_of_any_text(
        text in "([\\PC\t\n]|#plan=|#plan=[A-Za-z0-9_=-]{0,4}|，){0,12}"
    ) {
        let fragments = share_fragments(&text);
        for fragment in &fragments {
            prop_assert!(fragment.starts_with("#plan=") && text.contains(fragment));
        }
        prop_assert_eq!(share_fragment(&text).is_some(), fragments.len() == 1);
        prop_assert!(fragments.len() <= 2);
        // Its readings: the link as found first, each a mark and code, at most 2 × 33.
        let readings: Vec<String> = share_link_readings(&text).collect();
        prop_assert_eq!(readings.first().map(String::as_str), share_fragment(&text));
        prop_assert!(readings.len() <= 66);
        for reading in &readings {
            prop_assert!(reading.starts_with("#plan="));
        }
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
    fn export_import_export_is_identical_with_closed_months(plan in plan_with_history()) {
        let first = write_plan(&plan);
        let imported = read_plan(&first).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(write_plan(&imported), first);
        prop_assert_eq!(imported, pace::engine::interchange::canonical(&plan));
    }

    #[test]
    fn a_closed_month_reads_back_as_the_plan_was(plan in plan_with_history()) {
        let plan = pace::engine::interchange::canonical(&plan);
        if let Some(next) = close_month(&plan) {
            prop_assert_eq!(next.month, plan.month + 1);
            let then = plan_at(&next, plan.month).expect("the month just closed");
            prop_assert_eq!(then.month, plan.month);
            prop_assert_eq!(&then.history, &plan.history);
            // Every unit as it was, its monthly entries up to the month closed.
            let months = plan.month as usize;
            for (was, is) in plan.units.iter().zip(&then.units) {
                let mut was = (**was).clone();
                for figure in was.figures.values_mut() {
                    figure.monthly.truncate(months);
                }
                was.figures.retain(|_, f| !f.is_empty());
                prop_assert_eq!(&was, &**is);
            }
            prop_assert_eq!(plan.units.len(), then.units.len());
            // The comparison with the month just closed is the plan with itself: no change.
            let last = LastMonth::of(&next).expect("a month to compare with");
            prop_assert_eq!(Report::new(&then), last.report);
        }
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
