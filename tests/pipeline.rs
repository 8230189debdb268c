//! The engine is total: the whole pipeline the page runs — report, counts, ranks, tables, the
//! TSV/CSV sheets, charts, scenarios, catch-up, needed-for, monthly series, the briefing, closing
//! the month and 比上月, and export → import → export — never panics, on plans with extreme values: 0, −0,
//! negatives, 10¹⁵, 28-digit decimals, the decimal type's extremes, empty figures, zero and huge
//! weights.
//!
//! The number of cases follows `PROPTEST_CASES` (256 by default); `bench/fuzz.sh` runs a million.
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::briefing::{Briefing, Language};
use pace::engine::chart::{burn_up, completion_bars};
use pace::engine::closed_months::{close_month, plan_at};
use pace::engine::columns::metric_columns;
use pace::engine::compare::{count_change, gap_trend, this_month, LastMonth, TierChange};
use pace::engine::interchange::{read_plan, write_plan, Fault};
use pace::engine::line::Evaluator;
use pace::engine::line::MetricFigures;
use pace::engine::monthly::series;
use pace::engine::paste::{analyse, apply, parse_block, PasteChoices, RowTarget};
use pace::engine::plan::{Plan, ScheduleOverride, Settings};
use pace::engine::report::Report;
use pace::engine::scenario::{needed_for, project};
use pace::engine::sheet::{results_cells, results_sheet, to_csv, to_tsv, SheetLayout, SheetWords};
use pace::engine::table::{ranks_within, shown_rows, Direction, RankBasis, SortKey};
use pace::engine::workbook::read_xlsx;
use pace::engine::xlsx::{write_xlsx, ReportFile};
use proptest::prelude::*;

mod common;
use rust_decimal::Decimal;
use std::sync::Arc;

fn settings() -> impl Strategy<Value = Settings> + Clone {
    (
        any::<bool>(),
        prop::option::of((1u32..=12, common::extreme())),
        prop::option::of(prop::collection::vec(
            prop_oneof![Just(Decimal::ZERO), Just(Decimal::MAX), common::extreme()],
            12,
        )),
        (common::extreme(), common::extreme()),
        prop::option::of(0u32..=2),
        common::briefing_options(),
    )
        .prop_map(
            |(carry, over, weights, (yellow, red), decimals, briefing)| Settings {
                carryover_in_pace: carry,
                schedule_override: over.map(|(month, percent)| ScheduleOverride { month, percent }),
                schedule_weights: weights.map(|w| std::array::from_fn(|i| w[i])),
                status_yellow: yellow.max(red),
                status_red: yellow.min(red),
                amount_decimals: decimals,
                briefing,
            },
        )
}

fn plan() -> impl Strategy<Value = Plan> {
    common::with_history(
        common::plan_of(common::extreme(), settings()),
        common::extreme(),
    )
}

/// Runs everything the page computes from `plan`.
fn run_pipeline(plan: &Plan) {
    let report = Report::new(plan);
    let evaluator = Evaluator::new(plan);
    let groups: Vec<Option<String>> = std::iter::once(None)
        .chain(plan.groups().into_iter().map(Some))
        .collect();
    for metric in 0..plan.metrics.len() {
        let mut keys = vec![
            SortKey::Plan,
            SortKey::Name,
            SortKey::Actual(metric),
            SortKey::YearOnYear(metric),
            SortKey::Share(metric),
        ];
        for tier in 0..plan.tiers.len() {
            keys.push(SortKey::Completion(metric, tier));
            keys.push(SortKey::Gap(metric, tier));
        }
        let mut bases = vec![RankBasis::Actual, RankBasis::YearOnYear];
        bases.extend((0..plan.tiers.len()).map(RankBasis::Completion));
        for group in &groups {
            for key in &keys {
                for direction in [Direction::Ascending, Direction::Descending] {
                    let _ = shown_rows(plan, &report, group.as_deref(), *key, direction);
                }
            }
            let shown = shown_rows(
                plan,
                &report,
                group.as_deref(),
                SortKey::Plan,
                Direction::Ascending,
            );
            for basis in &bases {
                let _ = ranks_within(&report, &shown, metric, *basis);
                for need in [false, true] {
                    let layout = SheetLayout {
                        shown: &shown,
                        basis: *basis,
                        group: group.as_deref(),
                        need,
                        last_month: None,
                    };
                    let words = SheetWords {
                        labels: metric_columns(plan, need, false)
                            .iter()
                            .map(|c| format!("{c:?}"))
                            .collect(),
                        seq: "No.".into(),
                        unit: "Unit".into(),
                        total: "Total".into(),
                        subtotal: " subtotal".into(),
                        done: "done".into(),
                    };
                    let sheet = results_sheet(plan, &report, &layout, &words);
                    let _ = (to_tsv(&sheet), to_csv(&sheet));
                    // The .xlsx export, written and read back (once per metric: it zips).
                    if need && metric == 0 {
                        let file = ReportFile {
                            sheet: plan.title.clone(),
                            title: plan.title.clone(),
                            unit: plan.unit.to_string(),
                            rows: results_cells(plan, &report, &layout, &words)
                                .iter()
                                .map(|row| row.iter().map(|c| c.for_file("done")).collect())
                                .collect(),
                            header_rows: 2,
                            footnote: String::new(),
                        };
                        let bytes = write_xlsx(&file).expect("an .xlsx is always written");
                        read_xlsx(&bytes, None).expect("and reads back");
                    }
                }
            }
        }
        let _ = burn_up(plan, &report, metric);
        let _ = completion_bars(&report, metric, 60);
        let metric_id = &plan.metrics[metric].id;
        let lines = report.totals.iter().map(|t| t.figures.line.clone()).chain(
            report
                .units
                .iter()
                .flat_map(|u| u.metrics.iter().map(|f| f.line.clone())),
        );
        for line in lines {
            let _ = evaluator.details(metric, &line);
            for tier in 0..plan.tiers.len() {
                for by in 0..=13 {
                    let _ = evaluator.catch_up_by(&line, tier, by);
                }
                for percent in [
                    Decimal::ZERO,
                    Decimal::ONE_HUNDRED,
                    Decimal::MAX,
                    Decimal::MIN,
                ] {
                    let _ = needed_for(
                        line.actual,
                        line.targets.get(tier).copied().flatten(),
                        percent,
                        plan.month,
                    );
                }
            }
        }
        // 假设分析's comparison, as the page shows it, at every month K.
        for k in 0..=13 {
            let _ = pace::engine::scenario::comparison(plan, &report, metric, k);
        }
        for scenario in std::iter::once(None).chain(plan.scenarios.iter().map(Some)) {
            for unit in std::iter::once(None).chain((0..plan.units.len()).map(Some)) {
                if let Some(p) = project(plan, &report, metric, unit, scenario) {
                    let _ = p.year_end();
                    for tier in 0..plan.tiers.len() {
                        let target = report.totals[metric].figures.line.targets[tier];
                        let _ = (p.completion(target), p.first_reached(target));
                        for k in 0..=13 {
                            let by = pace::engine::schedule::Schedule::curve(k, &plan.settings);
                            let _ = p.against_schedule(k, target, &by);
                        }
                    }
                }
            }
        }
        for unit in 0..plan.units.len() {
            let _ = series(&plan.monthly(unit, metric_id), plan.month);
        }
    }
    let briefing = Briefing::new(plan, &report);
    for language in [Language::Chinese, Language::English] {
        let _ = (briefing.text(language), briefing.html(language));
    }
    // The year's months: closing this one, looking back at each closed month, and every
    // 比上月 against the month before.
    for closed in &plan.history {
        if let Some(then) = plan_at(plan, closed.month) {
            let _ = Report::new(&then);
        }
    }
    if let Some(next) = close_month(plan) {
        compare_with_last_month(&next);
        for unit in &next.units {
            let _ = pace::engine::unit_year::unit_year(&next, &unit.id, 0);
        }
    }
    compare_with_last_month(plan);
}

/// Every comparison the page makes between `plan` and its last closed month.
fn compare_with_last_month(plan: &Plan) {
    let Some(last) = LastMonth::of(plan) else {
        return;
    };
    let report = Report::new(plan);
    let briefing = Briefing::compared(plan, &report, Some(&last));
    for language in [Language::Chinese, Language::English] {
        let _ = briefing.text(language);
    }
    for metric in 0..plan.metrics.len() {
        let total = &report.totals[metric];
        let mut rows = vec![(&total.figures, last.total_figures(total, metric))];
        for group in &report.groups {
            rows.push((&group.subtotal[metric], last.group_figures(group, metric)));
        }
        for row in &report.units {
            let id = &plan.units[row.unit].id;
            rows.push((&row.metrics[metric], last.unit_figures(id, metric)));
        }
        for (now, then) in rows {
            let _ = this_month(now, then, last.consecutive);
            for tier in 0..plan.tiers.len() {
                let _ = TierChange::of(now, then, tier);
                let gap = |f: &MetricFigures| f.tiers.get(tier).and_then(|t| t.schedule_gap);
                let _ = gap_trend(gap(now), then.and_then(gap));
            }
        }
        for tier in 0..plan.tiers.len() {
            for group in
                std::iter::once(None).chain(report.groups.iter().map(|g| Some(g.name.as_str())))
            {
                let now = match group {
                    None => &report.counts,
                    Some(name) => {
                        &report
                            .groups
                            .iter()
                            .find(|g| g.name == name)
                            .unwrap()
                            .counts
                    }
                };
                let count = |c: &pace::engine::counts::Counts| {
                    c.tiers
                        .get(metric)
                        .and_then(|t| t.get(tier))
                        .map(|t| t.on_schedule.len())
                };
                if let Some(n) = count(now) {
                    let _ = count_change(n, last.counts(group).and_then(count));
                }
            }
        }
    }
}

proptest! {
    // `ProptestConfig::default()` reads PROPTEST_CASES (256 when unset).
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn the_whole_pipeline_never_panics(plan in plan()) {
        run_pipeline(&plan);
        // Export always works; what import accepts exports the same bytes again, and a plan
        // within the limits is always accepted.
        let exported = write_plan(&plan);
        if let Ok(imported) = read_plan(&exported) {
            run_pipeline(&imported);
            prop_assert_eq!(write_plan(&imported), exported);
        }
    }

    #[test]
    fn an_updated_report_survives_extreme_edits(
        plan in plan(),
        edits in prop::collection::vec((0usize..6, 0usize..3, prop::option::of(common::extreme())), 1..4),
    ) {
        let before = Report::new(&plan);
        let mut after = plan.clone();
        for (unit, metric, value) in edits {
            let metric_id = format!("m{}", metric % after.metrics.len());
            after.set_value(unit, &metric_id, &pace::engine::edit::Field::Actual, value);
        }
        prop_assert_eq!(&Report::update(&after, Some(&before)), &Report::new(&after));
    }

    /// Any block pasted at any cell — headings the reader knows, names written short, long or
    /// not at all, sums, sections, notes, extreme and broken numbers — is previewed and applied
    /// without a panic, and the plan it leaves runs through the pipeline.
    #[test]
    fn any_pasted_block_is_read_and_applied_without_a_panic(
        plan in plan(),
        unit_names in prop::collection::vec(place_name(), 0..6),
        cells in prop_oneof![any_block(), named_block()],
        anchor in (0usize..8, 0usize..30),
        blank_as_zero in any::<bool>(),
    ) {
        // Units named as sheets name them, so that rows find them as they are and otherwise.
        let mut plan = plan;
        for (unit, name) in plan.units.iter_mut().zip(unit_names) {
            Arc::make_mut(unit).name = name;
        }
        let mut choices = PasteChoices::default();
        choices.set_blank_as_zero(0, blank_as_zero);
        let paste = analyse(&plan, &cells, anchor, &choices);
        let text: String = cells.iter().map(|r| r.join("\t") + "\n").collect();
        let _ = analyse(&plan, &parse_block(&text), anchor, &choices);
        let mut after = plan.clone();
        apply(&mut after, &paste);
        prop_assert_eq!(after.units.len(), plan.units.len() + paste.new_units());
        // A unit found by its name written otherwise is reached by that row alone.
        for (i, row) in paste.rows.iter().enumerate().filter(|(_, r)| r.by_other_form) {
            let RowTarget::Unit(unit) = row.target else {
                return Err(TestCaseError::fail("matched otherwise, yet not a unit"));
            };
            prop_assert!(paste
                .rows
                .iter()
                .enumerate()
                .all(|(j, other)| j == i || other.target != RowTarget::Unit(unit)));
        }
        run_pipeline(&after);
    }
}

/// Any cells under any headings.
fn any_block() -> impl Strategy<Value = Vec<Vec<String>>> {
    (
        prop::collection::vec(heading(), 0..7),
        prop::collection::vec(prop::collection::vec(pasted_cell(), 0..7), 0..10),
    )
        .prop_map(|(header, rows)| std::iter::once(header).chain(rows).collect())
}

/// A unit's sheet as most are: 单位 and one figure, a name and a number on each row.
fn named_block() -> impl Strategy<Value = Vec<Vec<String>>> {
    (
        heading(),
        prop::collection::vec((place_name(), pasted_cell()), 0..10),
    )
        .prop_map(|(heading, rows)| {
            std::iter::once(vec!["单位".to_string(), heading])
                .chain(rows.into_iter().map(|(name, value)| vec![name, value]))
                .collect()
        })
}

/// A name as plans and sheets write them: with and without 镇, 街道, 县, 市, and sums' names.
fn place_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "城东",
        "城东镇",
        "城东街道",
        "城 东",
        "城西",
        "城西镇",
        "商务局",
        "县商务局",
        "市商务局",
        "合计",
        "乡镇",
        "乡镇小计",
        "",
    ])
    .prop_map(str::to_string)
}

/// A heading of a pasted sheet: the words the reader knows, the example plans' metric and tier
/// names, or anything.
fn heading() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "序号",
            "单位",
            "分组",
            "完成数",
            "上年结余",
            "上年同期",
            "考核目标",
            "目标0",
            "指标0完成数",
            "指标1目标1",
            "当月",
            "累计",
            "完成率",
            "位次",
            "1-7月指标0",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

/// A cell of a pasted row: a name (short, long, a sum's, a section's, a note's), a number as
/// sheets write them, or anything.
fn pasted_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "城东",
            "城东镇",
            "城东街道",
            "市",
            "镇",
            "县商务局",
            "乡镇",
            "合计",
            "全县合计",
            "乡镇小计",
            "一、开发区",
            "（三）部门",
            "注：单位万元",
            "",
            "—",
            "-",
            "1,234.5",
            "１２３",
            "58%",
            "2.6亿",
            "-0",
            "99999999999999999999999999999",
            "0.0000000000000000000000000001",
            "1e5",
            "(300)",
        ])
        .prop_map(str::to_string),
        common::extreme().prop_map(|d| d.to_string()),
        "\\PC{0,8}",
    ]
}

/// The reported panics, one by one (issue 9): each ran into an unchecked operation.
#[test]
fn the_reported_panics_are_gone() {
    use pace::engine::example::speech_example;
    // 1. A blank plan whose total has actual 0 and no target: the burn-up divided by zero.
    let mut plan = speech_example();
    plan.units.truncate(1);
    let total = Arc::make_mut(&mut plan.units[0]);
    for figure in total.figures.values_mut() {
        figure.actual = Some(Decimal::ZERO);
        figure.targets.clear();
    }
    let report = Report::new(&plan);
    let chart = burn_up(&plan, &report, 0).expect("an all-zero chart still has an axis");
    assert!(chart.value_ticks.len() >= 2);
    // 2. Weights and target of 10¹⁵: T × (sum of weights) overflowed.
    let mut plan = speech_example();
    plan.settings.schedule_weights = Some([Decimal::from(1_000_000_000_000_000_i64); 12]);
    Arc::make_mut(&mut plan.units[0])
        .figures
        .get_mut("registered")
        .unwrap()
        .targets
        .insert(
            "assessment".into(),
            Decimal::from(1_000_000_000_000_000_i64),
        );
    run_pipeline(&plan);
    // 3. An actual of −792281625142643.3759354395033 against a target of 0.000000000001.
    let mut plan = speech_example();
    let unit = Arc::make_mut(&mut plan.units[1]);
    let figure = unit.figures.get_mut("registered").unwrap();
    figure.actual = Some("-792281625142643.3759354395033".parse().unwrap());
    figure
        .targets
        .insert("assessment".into(), "0.000000000001".parse().unwrap());
    run_pipeline(&plan);
    // … and such a file is refused at import with the path, not stored.
    let text = write_plan(&plan);
    let refused = read_plan(&text).unwrap_err();
    assert!(
        refused.path.starts_with("units[1].figures.registered.")
            && matches!(refused.fault, Fault::TooManyDecimals { most: 10, .. }),
        "{refused}"
    );
}

/// The example a first visitor sees goes through everything the page computes.
#[test]
fn the_welcome_example_runs_through_the_pipeline() {
    run_pipeline(&pace::engine::example::welcome_example());
}
