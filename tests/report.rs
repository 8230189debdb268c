//! The report over many units: the derived total, group subtotals, counts, ranks, status and the
//! warnings where the data disagrees with itself.

use pace::engine::edit::Field;
use pace::engine::figures::Status;
use pace::engine::format::{amount, count_with_share, percent, points};
use pace::engine::interchange::read_plan;
use pace::engine::line::YearOnYearWithheld;
use pace::engine::rank::{order_by_rank, ranks};
use pace::engine::report::{Report, Warning};
use rust_decimal::Decimal;

/// A city with four towns (one not reported, one all-zero), two departments (one already inside
/// another, so not in the total) and no entered total actuals.
const TOWNS: &str = r#"{
  "format": "pace-plan", "version": 1, "title": "乡镇 1-6月", "year": 2026, "month": 6,
  "metrics": [ { "id": "reg", "name": "新批注册外资" }, { "id": "arr", "name": "注册外资实际到帐" } ],
  "tiers": [ { "id": "a", "name": "考核目标" }, { "id": "s", "name": "加压目标" } ],
  "units": [
    { "id": "city", "name": "全市", "total": true,
      "figures": { "reg": { "targets": { "a": 1000 } }, "arr": { "targets": { "a": 500 } } } },
    { "id": "t1", "name": "海门镇", "group": "乡镇",
      "figures": { "reg": { "actual": 120, "lastYear": 100, "targets": { "a": 100, "s": 150 } },
                   "arr": { "actual": 30, "targets": { "a": 60, "s": 80 } } } },
    { "id": "t2", "name": "货隆", "group": "乡镇",
      "figures": { "reg": { "actual": 45, "lastYear": 50, "targets": { "a": 100, "s": 150 } },
                   "arr": { "actual": 50, "targets": { "a": 100 } } } },
    { "id": "t3", "name": "包场", "group": "乡镇",
      "figures": { "reg": { "actual": 0, "targets": { "a": 100, "s": 150 } },
                   "arr": { "actual": 0, "targets": { "a": 100 } } } },
    { "id": "t4", "name": "三星", "group": "乡镇",
      "figures": { "reg": { "targets": { "a": 100, "s": 150 } },
                   "arr": { "actual": 10, "targets": { "a": 100 } } } },
    { "id": "d1", "name": "财政局", "group": "部门",
      "figures": { "reg": { "actual": 40, "targets": { "a": 60 } }, "arr": { "actual": 5 } } },
    { "id": "d2", "name": "市招商局", "group": "部门", "inTotal": false,
      "figures": { "reg": { "actual": 7, "targets": { "a": 10 } }, "arr": { "actual": 1,
                   "monthly": [0, 0, 1, null, 0, 0] } } }
  ]
}"#;

fn towns() -> Report {
    Report::new(&read_plan(TOWNS).unwrap())
}

#[test]
fn a_total_without_actuals_is_the_sum_of_the_units_in_it() {
    let report = towns();
    let reg = &report.totals[0];
    assert!(!reg.actual_entered);
    // 120 + 45 + 0 + 40; 三星 has not reported; 市招商局 is not in the total.
    assert_eq!(reg.figures.line.actual, Some(Decimal::from(205)));
    assert_eq!(reg.units_sum.not_reported, 1);
    assert_eq!(reg.actual_difference(), None);
    // The total's own target stands; targets are never summed into it.
    assert_eq!(percent(reg.figures.tiers[0].completion), "20.50%");
    assert_eq!(reg.figures.tiers[1].target, None);
    assert_eq!(reg.figures.tiers[1].completion, None);
    assert!(report.warnings.contains(&Warning::UnitsNotReported {
        metric: 0,
        units: vec![4]
    }));
}

#[test]
fn group_subtotals_sum_members_and_need_every_target() {
    let report = towns();
    let towns = &report.groups[0];
    assert_eq!(towns.name, "乡镇");
    assert_eq!(towns.members, vec![1, 2, 3, 4]);
    let reg = &towns.subtotal[0];
    assert_eq!(reg.line.actual, Some(Decimal::from(165)));
    assert_eq!(towns.not_reported[0], 1);
    assert_eq!(reg.tiers[0].target, Some(Decimal::from(400)));
    assert_eq!(reg.tiers[1].target, Some(Decimal::from(600)));
    assert_eq!(percent(reg.tiers[0].completion), "41.25%");
    assert_eq!(percent(report.share(0, reg)), "80.49%");
    // Only 海门镇 has an arrived stretch target, so the towns have none together.
    assert_eq!(towns.subtotal[1].tiers[1].target, None);
    let departments = &report.groups[1];
    // 市招商局 is inside another department (not in the total): 财政局's 40 holds its 7 already.
    // A tester's 部门 (1491) and 市招商局 (308) made 部门小计 1799, printed in the 通报.
    assert_eq!(departments.members, vec![5, 6]);
    assert_eq!(departments.summed, 1);
    assert_eq!(departments.subtotal[0].line.actual, Some(Decimal::from(40)));
    // A group of units that are all inside another sums them all.
    let mut plan = read_plan(TOWNS).unwrap();
    std::sync::Arc::make_mut(&mut plan.units[5]).in_total = false;
    let report = Report::new(&plan);
    assert_eq!(report.groups[1].summed, 2);
    assert_eq!(
        report.groups[1].subtotal[0].line.actual,
        Some(Decimal::from(47))
    );
}

#[test]
fn counts_say_who_is_done_on_schedule_all_zero_or_not_reported() {
    let report = towns();
    let towns = &report.groups[0].counts;
    assert_eq!(towns.units, 4);
    let reg_assessment = &towns.tiers[0][0];
    assert_eq!(reg_assessment.counted, 4);
    assert_eq!(reg_assessment.completed, vec![1]);
    assert_eq!(
        count_with_share(
            reg_assessment.completed.len(),
            reg_assessment.completed_share()
        ),
        "1个，占25.00%"
    );
    // Schedule at June is 50.00%: 海门镇 120% is on schedule, 货隆 45% is not.
    assert_eq!(reg_assessment.on_schedule, vec![1]);
    let arr_assessment = &towns.tiers[1][0];
    // 货隆 50 / 100 = 50.00% is exactly on schedule; 海门镇 30 / 60 = 50.00% too.
    assert_eq!(arr_assessment.on_schedule, vec![1, 2]);
    let arr_stretch = &towns.tiers[1][1];
    assert_eq!(arr_stretch.counted, 1);
    // Its shares are of the 1 town with that target, not of the 4 shown: the page says so.
    assert_eq!(arr_stretch.partial_base(towns.units), Some(1));
    assert_eq!(reg_assessment.partial_base(towns.units), None);
    assert_eq!(towns.all_zero, vec![3]);
    assert_eq!(towns.not_reported, vec![4]);

    let overall = &report.counts;
    assert_eq!(overall.units, 6);
    assert_eq!(overall.tiers[0][0].counted, 6);
    assert_eq!(overall.tiers[0][0].completed, vec![1]);
    // 财政局 40/60 = 66.67% and 市招商局 7/10 = 70% are on schedule too.
    assert_eq!(overall.tiers[0][0].on_schedule, vec![1, 5, 6]);
    assert_eq!(
        count_with_share(3, overall.tiers[0][0].on_schedule_share()),
        "3个，占50.00%"
    );
}

#[test]
fn status_follows_the_first_tiers_gap() {
    let report = towns();
    let status: Vec<Option<Status>> = report.units.iter().map(|r| r.metrics[0].status).collect();
    // Gaps: +70, −5, −50, undefined, +16.67, +20.
    assert_eq!(
        status,
        vec![
            Some(Status::Green),
            Some(Status::Yellow),
            Some(Status::Red),
            None,
            Some(Status::Green),
            Some(Status::Green)
        ]
    );
    assert_eq!(
        points(report.units[1].metrics[0].tiers[0].schedule_gap),
        "−5.00"
    );
}

#[test]
fn year_on_year_and_ranks() {
    let report = towns();
    let yoy: Vec<String> = report.units[..3]
        .iter()
        .map(|r| percent(r.metrics[0].year_on_year))
        .collect();
    assert_eq!(yoy, vec!["20.00%", "−10.00%", "—"]);
    let completion: Vec<Option<Decimal>> = report
        .units
        .iter()
        .map(|r| r.metrics[1].tiers[0].completion)
        .collect();
    // arrived vs assessment: 50, 50, 0, 10, —, —.
    assert_eq!(
        ranks(&completion),
        vec![Some(1), Some(1), Some(4), Some(3), None, None]
    );
    assert_eq!(order_by_rank(&completion), vec![0, 1, 3, 2, 4, 5]);
}

#[test]
fn monthly_entries_that_disagree_with_the_actual_are_warned_about() {
    let mut plan = read_plan(TOWNS).unwrap();
    assert!(!Report::new(&plan)
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::MonthlyMismatch { .. })));
    let figure = std::sync::Arc::make_mut(&mut plan.units[6])
        .figures
        .get_mut("arr")
        .unwrap();
    figure.monthly[5] = Some(Decimal::from(3));
    let report = Report::new(&plan);
    assert!(report.warnings.contains(&Warning::MonthlyMismatch {
        unit: 6,
        metric: 1,
        monthly_sum: Decimal::from(4),
        actual: Decimal::from(1),
    }));
}

#[test]
fn an_entered_total_that_differs_from_its_units_is_warned_about() {
    let mut plan = read_plan(TOWNS).unwrap();
    plan.set_value(
        0,
        "reg",
        &pace::engine::edit::Field::Actual,
        Some(Decimal::from(300)),
    );
    let report = Report::new(&plan);
    assert_eq!(
        report.totals[0].figures.line.actual,
        Some(Decimal::from(300))
    );
    assert!(report.warnings.contains(&Warning::TotalDiffers {
        metric: 0,
        entered: Decimal::from(300),
        units_sum: Decimal::from(205),
        difference: Decimal::from(95),
    }));
}

#[test]
fn december_and_a_met_target() {
    let mut plan = read_plan(TOWNS).unwrap();
    plan.month = 12;
    let report = Report::new(&plan);
    let t1 = &report.units[0].metrics[0];
    let details = pace::engine::line::Evaluator::new(&plan).details(0, &t1.line);
    assert_eq!(details.tiers[0].required_future_monthly, None);
    assert_eq!(amount(details.run_rate, 0), "120");
    assert_eq!(percent(report.schedule.percent()), "100.00%");
}

#[test]
fn a_plan_without_units_or_total_is_all_undefined_not_a_panic() {
    let plan = read_plan(
        r#"{"format":"pace-plan","version":1,"title":"空","year":2026,"month":3,
            "metrics":[{"id":"m","name":"x"}],"tiers":[{"id":"t","name":"y"}],"units":[]}"#,
    )
    .unwrap();
    let report = Report::new(&plan);
    assert_eq!(report.totals[0].figures.line.actual, None);
    assert_eq!(percent(report.totals[0].figures.tiers[0].completion), "—");
    assert_eq!(report.counts.units, 0);
}

#[test]
fn a_total_without_its_own_last_year_sums_it_only_when_every_unit_has_one() {
    let report = towns();
    let reg = &report.totals[0].figures;
    // Only 海门镇 (100) and 货隆 (50) have a last year; 包场, 三星 and 财政局 have none. A sum of
    // 150 would give 205 / 150: +36.67%, a rise made of the missing figures.
    assert_eq!(reg.line.last_year, None);
    assert_eq!(percent(reg.year_on_year), "—");
    assert_eq!(
        reg.year_on_year_withheld,
        Some(YearOnYearWithheld::LastYearIncomplete { units: 3 })
    );
    assert!(report.warnings.contains(&Warning::LastYearIncomplete {
        metric: 0,
        units: vec![3, 4, 5]
    }));
    // No unit has an arrived last year: nothing is withheld, there is simply none.
    assert_eq!(report.totals[1].figures.year_on_year_withheld, None);
    assert!(!report
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::LastYearIncomplete { metric: 1, .. })));
}

#[test]
fn a_group_subtotal_has_a_last_year_only_when_every_member_has_one() {
    let report = towns();
    let towns = &report.groups[0].subtotal[0];
    assert_eq!(towns.line.last_year, None);
    assert_eq!(towns.year_on_year, None);
    assert_eq!(
        towns.year_on_year_withheld,
        Some(YearOnYearWithheld::LastYearIncomplete { units: 2 })
    );
}

/// The towns plan with a registered last year for every unit.
fn towns_with_every_last_year() -> pace::engine::plan::Plan {
    let mut plan = read_plan(TOWNS).unwrap();
    for (u, last_year) in [(3, 10), (4, 20), (5, 30), (6, 5)] {
        plan.set_value(u, "reg", &Field::LastYear, Some(Decimal::from(last_year)));
    }
    plan
}

#[test]
fn a_sum_with_every_last_year_but_a_partial_actual_has_no_year_on_year() {
    // Every unit has a last year (100 + 50 + 10 + 20 + 30 in the total), but 三星 has not
    // reported this year: 205 against 210 would read as a fall that is only a missing report.
    let report = Report::new(&towns_with_every_last_year());
    let reg = &report.totals[0].figures;
    assert_eq!(reg.line.last_year, Some(Decimal::from(210)));
    assert_eq!(reg.year_on_year, None);
    assert_eq!(
        reg.year_on_year_withheld,
        Some(YearOnYearWithheld::ActualIncomplete { units: 1 })
    );
    let towns = &report.groups[0].subtotal[0];
    assert_eq!(
        towns.year_on_year_withheld,
        Some(YearOnYearWithheld::ActualIncomplete { units: 1 })
    );
    // The departments (财政局 40 / 30; 市招商局 inside it) have both years: 40 / 30 → +33.33%.
    let departments = &report.groups[1].subtotal[0];
    assert_eq!(departments.year_on_year_withheld, None);
    assert_eq!(percent(departments.year_on_year), "33.33%");
}

#[test]
fn a_complete_sum_gives_the_totals_year_on_year() {
    let mut plan = towns_with_every_last_year();
    plan.set_value(4, "reg", &Field::Actual, Some(Decimal::from(25)));
    let report = Report::new(&plan);
    let reg = &report.totals[0].figures;
    // 230 against 210.
    assert_eq!(reg.line.actual, Some(Decimal::from(230)));
    assert_eq!(percent(reg.year_on_year), "9.52%");
    assert_eq!(reg.year_on_year_withheld, None);
    // An entered total equal to its units' sum keeps it; one that differs does not.
    plan.set_value(0, "reg", &Field::Actual, Some(Decimal::from(230)));
    let report = Report::new(&plan);
    assert_eq!(percent(report.totals[0].figures.year_on_year), "9.52%");
    plan.set_value(0, "reg", &Field::Actual, Some(Decimal::from(300)));
    let report = Report::new(&plan);
    assert_eq!(report.totals[0].figures.year_on_year, None);
    assert_eq!(
        report.totals[0].figures.year_on_year_withheld,
        Some(YearOnYearWithheld::TotalDiffers)
    );
    // With its own last year, the total's rate is its own, whatever its units hold.
    plan.set_value(0, "reg", &Field::LastYear, Some(Decimal::from(250)));
    let report = Report::new(&plan);
    assert_eq!(percent(report.totals[0].figures.year_on_year), "20.00%");
    assert_eq!(report.totals[0].figures.year_on_year_withheld, None);
}

#[test]
fn a_missing_carryover_is_none_so_the_reported_ones_are_summed() {
    let mut plan = read_plan(TOWNS).unwrap();
    plan.set_value(1, "arr", &Field::Carryover, Some(Decimal::from(12)));
    plan.set_value(2, "arr", &Field::Carryover, Some(Decimal::from(8)));
    let report = Report::new(&plan);
    // 海门镇 12 + 货隆 8; the others carried nothing over.
    assert_eq!(
        report.totals[1].figures.line.carryover,
        Some(Decimal::from(20))
    );
}

/// The total's own monthly entries are checked against its entered actual, like any unit's.
#[test]
fn the_totals_monthly_entries_that_disagree_with_its_actual_are_warned_about() {
    let mut plan = pace::engine::example::speech_example();
    let total = plan.units.iter().position(|u| u.total).unwrap();
    for month in 1..=7 {
        plan.set_month_amount(total, "registered", month, Some(Decimal::from(3000)));
    }
    let report = Report::new(&plan);
    let warning = report
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::MonthlyMismatch { unit, .. } if *unit == total));
    assert_eq!(
        warning,
        Some(&Warning::MonthlyMismatch {
            unit: total,
            metric: 0,
            monthly_sum: Decimal::from(21000),
            actual: Decimal::from(26023),
        })
    );
    // Months that add up to the actual raise nothing.
    plan.set_month_amount(total, "registered", 7, Some(Decimal::from(8023)));
    let report = Report::new(&plan);
    assert!(!report
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::MonthlyMismatch { .. })));
}

/// A 同比 from a negative base is `—` with its reason (上年同期为负), for any row.
#[test]
fn a_negative_last_year_gives_no_year_on_year_and_says_why() {
    let mut plan = pace::engine::example::speech_example();
    let unit = plan.units.iter().position(|u| !u.total).unwrap();
    plan.set_value(
        unit,
        "registered",
        &Field::LastYear,
        Some(Decimal::from(-20)),
    );
    plan.set_value(unit, "registered", &Field::Actual, Some(Decimal::from(10)));
    let report = Report::new(&plan);
    let row = report.row_of(unit).unwrap();
    assert_eq!(row.metrics[0].year_on_year, None);
    assert_eq!(
        row.metrics[0].year_on_year_withheld,
        Some(YearOnYearWithheld::NegativeLastYear)
    );
    // A positive base has its rate and no reason.
    assert!(row.metrics[1].year_on_year.is_some());
    assert_eq!(row.metrics[1].year_on_year_withheld, None);
}

/// 其中上年结余 is part of the actual: more than the actual is a typing slip, and was silent (a
/// tester's 300 with 500 carried over read 月均到帐 −29). The total's own entry is checked too.
#[test]
fn a_carryover_above_the_actual_is_warned_about() {
    let mut plan = read_plan(TOWNS).unwrap();
    let carried = |plan: &pace::engine::plan::Plan| -> Vec<(usize, Decimal, Decimal)> {
        Report::new(plan)
            .warnings
            .iter()
            .filter_map(|w| match w {
                Warning::CarryoverAboveActual {
                    unit,
                    carryover,
                    actual,
                    ..
                } => Some((*unit, *carryover, *actual)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(carried(&plan), []);
    let actual = |plan: &pace::engine::plan::Plan, unit: usize| {
        plan.units[unit]
            .figure("arr")
            .and_then(|f| f.actual)
            .unwrap()
    };
    let over = actual(&plan, 1) + Decimal::ONE;
    plan.set_value(1, "arr", &Field::Carryover, Some(over));
    plan.set_value(2, "arr", &Field::Carryover, Some(actual(&plan, 2)));
    assert_eq!(carried(&plan), [(1, over, actual(&plan, 1))]);
    let total = plan.units.iter().position(|u| u.total).unwrap();
    plan.set_value(total, "arr", &Field::Actual, Some(Decimal::from(100)));
    let over_total = actual(&plan, total) + Decimal::ONE;
    plan.set_value(total, "arr", &Field::Carryover, Some(over_total));
    assert_eq!(
        carried(&plan).first(),
        Some(&(total, over_total, actual(&plan, total)))
    );
}

/// Two units of one name could not be told apart in the 通报表, and a paste went to the first;
/// two tiers of one name read 分别完成全年加压目标和加压目标 (a tester). Each shared name is one
/// warning, whatever the kind; names differing only in surrounding spaces are the same.
#[test]
fn shared_names_are_warned_about() {
    use pace::engine::report::NameKind;
    let plan = read_plan(TOWNS).unwrap();
    let shared = |plan: &pace::engine::plan::Plan| -> Vec<(NameKind, String, usize)> {
        Report::new(plan)
            .warnings
            .iter()
            .filter_map(|w| match w {
                Warning::SameName { kind, name, count } => Some((*kind, name.clone(), *count)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(shared(&plan), []);
    // A plan file may name two tiers alike (the settings refuse it).
    let mut plan =
        read_plan(&TOWNS.replace(r#""name": "加压目标""#, r#""name": "考核目标""#)).unwrap();
    // As a plan file may write them: with spaces, and two units without a name (not a shared
    // name: blank is no name).
    std::sync::Arc::make_mut(&mut plan.units[2]).name = " 海门 镇".into();
    plan.rename_unit(3, "海门镇").unwrap();
    std::sync::Arc::make_mut(&mut plan.units[5]).name = "".into();
    std::sync::Arc::make_mut(&mut plan.units[6]).name = " ".into();
    assert_eq!(
        shared(&plan),
        [
            (NameKind::Unit, "海门镇".to_string(), 3),
            (NameKind::Tier, "考核目标".to_string(), 2)
        ]
    );
}

/// A target below zero gave 完成率 −50000.00% without a word (a tester): each one is named.
#[test]
fn a_negative_target_is_warned_about() {
    let mut plan = read_plan(TOWNS).unwrap();
    let negative = |plan: &pace::engine::plan::Plan| -> Vec<(usize, usize, usize, Decimal)> {
        Report::new(plan)
            .warnings
            .iter()
            .filter_map(|w| match w {
                Warning::NegativeTarget {
                    unit,
                    metric,
                    tier,
                    target,
                } => Some((*unit, *metric, *tier, *target)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(negative(&plan), []);
    let s = Field::Target("s".into());
    plan.set_value(2, "reg", &s, Some(Decimal::from(-1)));
    plan.set_value(
        0,
        "arr",
        &Field::Target("a".into()),
        Some(Decimal::from(-5)),
    );
    plan.set_value(3, "reg", &s, Some(Decimal::ZERO));
    assert_eq!(
        negative(&plan),
        [(0, 1, 0, Decimal::from(-5)), (2, 0, 1, Decimal::from(-1))]
    );
}

/// Found by a hostile tester: ten units with 0 done of a target of 0 were read out as having all
/// met the annual target, then as none on schedule. Meeting the target is being on schedule.
#[test]
fn a_unit_that_met_its_target_is_on_schedule_even_without_a_completion() {
    let plan = read_plan(
        r#"{
  "format": "pace-plan", "version": 1, "title": "零目标", "year": 2026, "month": 6,
  "metrics": [ { "id": "reg", "name": "新批注册外资" } ],
  "tiers": [ { "id": "a", "name": "考核目标" } ],
  "units": [
    { "id": "z", "name": "零镇", "figures": { "reg": { "actual": 0, "targets": { "a": 0 } } } },
    { "id": "h", "name": "半镇", "figures": { "reg": { "actual": 40, "targets": { "a": 100 } } } }
  ]
}"#,
    )
    .unwrap();
    let report = Report::new(&plan);
    let count = &report.counts.tiers[0][0];
    assert_eq!(report.units[0].metrics[0].tiers[0].completion, None);
    assert_eq!(count.completed, vec![0]);
    assert_eq!(count.on_schedule, vec![0]);
}
