//! Chart geometry as plain numbers, so that the views only draw: the burn-up of one metric
//! (cumulative actual by month, each tier's schedule line, the run-rate and each scenario's
//! projection) and the units' completion bars against the schedule. Coordinates are exact
//! decimals written with one decimal place (no float formatting in the wasm).

use super::amount_unit::MeasureUnit;
use super::format;
use super::plan::Plan;
use super::report::{Report, UnitRow};
use super::round::round_half_away;
use super::scenario::project;
use super::schedule::Schedule;
use rust_decimal::Decimal;

/// The drawing area of the burn-up chart, in SVG user units.
pub const WIDTH: u32 = 640;
pub const HEIGHT: u32 = 280;
const LEFT: u32 = 64;
const RIGHT: u32 = 16;
const TOP: u32 = 12;
const BOTTOM: u32 = 28;

/// What a line of the burn-up shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    Actual,
    /// The schedule line of the tier at this index.
    Schedule(usize),
    RunRate,
    /// The projection of the scenario at this index.
    Scenario(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub kind: SeriesKind,
    /// (month, amount) from month 0 (or m) on.
    pub values: Vec<(u32, Decimal)>,
    /// The SVG `points` attribute.
    pub points: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    pub value: Decimal,
    /// The value as the axis writes it: every tick with the decimals of the step (`0.5`, `1.0`,
    /// `1.5`), so that the labels are exact and distinct.
    pub label: String,
    /// The coordinate across the axis (y for the value axis, x for months).
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BurnUp {
    /// What the values are measured in: the metric's own unit (`个`) or the plan's.
    pub unit: String,
    pub series: Vec<Series>,
    pub value_ticks: Vec<Tick>,
    pub month_ticks: Vec<(u32, String)>,
    /// The data month's x, for the "now" line.
    pub now_x: String,
    pub plot_top: u32,
    pub plot_bottom: u32,
    pub plot_left: u32,
    pub plot_right: u32,
}

fn coord(x: Decimal) -> String {
    round_half_away(x, 1).normalize().to_string()
}

/// A step of 1, 2 or 5 × 10ⁿ that splits `max` into about five parts, and at least `smallest`
/// (0.01 for amounts, 1 for counts: half a project is no tick). `max` is at most 10²⁸ here, so
/// the powers of ten stay below the type's maximum.
fn nice_step(max: Decimal, smallest: Decimal) -> Decimal {
    let rough = max.checked_div(Decimal::from(5)).unwrap_or(Decimal::ONE);
    let mut power = Decimal::ONE;
    while let Some(next) = power.checked_mul(Decimal::TEN).filter(|p| *p <= rough) {
        power = next;
    }
    while power > rough && power > smallest {
        power = power.checked_div(Decimal::TEN).unwrap_or(smallest);
    }
    [1, 2, 5, 10]
        .iter()
        .filter_map(|m| power.checked_mul(Decimal::from(*m)))
        .find(|s| *s >= rough)
        .unwrap_or(power)
        .max(smallest)
}

/// The decimals a tick label needs: those of the step (`0.5` → 1, `20000` → 0). Every tick is a
/// whole multiple of the step, so labels with these decimals are exact, and distinct.
fn tick_decimals(step: Decimal) -> u32 {
    step.normalize().scale()
}

/// The linear map from `[from_lo, from_hi]` onto `[to_lo, to_hi]`, checked: `None` when the
/// source range is empty or a step overflows.
fn scale(v: Decimal, from: (Decimal, Decimal), to: (Decimal, Decimal)) -> Option<Decimal> {
    let span = from.1.checked_sub(from.0)?;
    if span.is_zero() {
        return None;
    }
    let share = v.checked_sub(from.0)?.checked_div(span)?;
    to.0.checked_add(to.1.checked_sub(to.0)?.checked_mul(share)?)
}

/// The burn-up chart of one metric for the total, with the plan's scenarios.
pub fn burn_up(plan: &Plan, report: &Report, metric: usize) -> Option<BurnUp> {
    let total = report.totals.get(metric)?;
    let line = &total.figures.line;
    let actual = line.actual?;
    let m = plan.month;
    let mut series = Vec::new();

    // The actual so far: the total's own monthly entries when it has them, else a straight line.
    let monthly = report
        .total_unit
        .and_then(|t| plan.units.get(t)?.figure(&plan.metrics.get(metric)?.id))
        .map(|f| f.monthly.clone())
        .unwrap_or_default();
    let mut values = vec![(0, Decimal::ZERO)];
    if monthly.iter().take(m as usize).all(Option::is_some) && monthly.len() >= m as usize {
        let mut sum = Decimal::ZERO;
        for (k, x) in (1..).zip(monthly.iter().take(m as usize)) {
            sum = sum.checked_add(x.unwrap_or_default())?;
            values.push((k, sum));
        }
        // `actual` wins where the months disagree (SPEC §2); the last point is the actual.
        if let Some(last) = values.last_mut() {
            last.1 = actual;
        }
    } else {
        values.push((m, actual));
    }
    series.push((SeriesKind::Actual, values));
    for (t, target) in line.targets.iter().enumerate() {
        let Some(target) = target else { continue };
        let values: Option<Vec<_>> = (0..=12)
            .map(|k| {
                if k == 0 {
                    return Some((k, Decimal::ZERO));
                }
                Some((k, Schedule::curve(k, &plan.settings).amount_of(*target)?))
            })
            .collect();
        // A schedule line that cannot be computed (absurd weights) is left out.
        if let Some(values) = values {
            series.push((SeriesKind::Schedule(t), values));
        }
    }
    let projection_values = |scenario: Option<usize>| -> Option<Vec<(u32, Decimal)>> {
        let p = project(
            plan,
            report,
            metric,
            None,
            scenario.and_then(|s| plan.scenarios.get(s)),
        )?;
        (m..=12).map(|k| Some((k, p.at(k)?))).collect()
    };
    if m < 12 {
        if let Some(v) = projection_values(None) {
            series.push((SeriesKind::RunRate, v));
        }
        for s in 0..plan.scenarios.len() {
            if let Some(v) = projection_values(Some(s)) {
                series.push((SeriesKind::Scenario(s), v));
            }
        }
    }

    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|(_, y)| *y))
        .fold(Decimal::ZERO, Decimal::max);
    let min = series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|(_, y)| *y))
        .fold(Decimal::ZERO, Decimal::min);
    let measure = plan.measure_unit(plan.metrics.get(metric)?);
    let smallest = match measure {
        MeasureUnit::Amount(_) => Decimal::new(1, 2),
        MeasureUnit::Count(_) => Decimal::ONE,
    };
    let step = nice_step(max.checked_sub(min)?.max(Decimal::ONE), smallest);
    let decimals = tick_decimals(step);
    let bottom = min.checked_div(step)?.floor().checked_mul(step)?;
    // At least one step high, so that an all-zero chart still has an axis.
    let top = max
        .checked_div(step)?
        .ceil()
        .checked_mul(step)?
        .max(bottom.checked_add(step)?);
    let (left, right) = (Decimal::from(LEFT), Decimal::from(WIDTH - RIGHT));
    let (plot_top, plot_bottom) = (Decimal::from(TOP), Decimal::from(HEIGHT - BOTTOM));
    let x = |k: u32| {
        scale(
            Decimal::from(k),
            (Decimal::ZERO, Decimal::from(12)),
            (left, right),
        )
    };
    let y = |v: Decimal| scale(v, (bottom, top), (plot_bottom, plot_top));
    let series = series
        .into_iter()
        .map(|(kind, values)| {
            let points = values
                .iter()
                .map(|(k, v)| Some(format!("{},{}", coord(x(*k)?), coord(y(*v)?))))
                .collect::<Option<Vec<_>>>()?
                .join(" ");
            Some(Series {
                points,
                kind,
                values,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut value_ticks = Vec::new();
    let mut v = bottom;
    // At most a dozen ticks: `nice_step` splits the range into about five.
    while v <= top && value_ticks.len() < 12 {
        value_ticks.push(Tick {
            value: v,
            label: format::amount(Some(v), decimals),
            at: coord(y(v)?),
        });
        v = v.checked_add(step)?;
    }
    let month_ticks = (0..=12)
        .map(|k| Some((k, coord(x(k)?))))
        .collect::<Option<Vec<_>>>()?;
    Some(BurnUp {
        unit: measure.label(),
        series,
        value_ticks,
        month_ticks,
        now_x: coord(x(m)?),
        plot_top: TOP,
        plot_bottom: HEIGHT - BOTTOM,
        plot_left: LEFT,
        plot_right: WIDTH - RIGHT,
    })
}

/// One unit's bar: its completion of the first tier, drawn up to 150%.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Index of the unit in the plan.
    pub unit: usize,
    pub completion: Option<Decimal>,
    pub gap: Option<Decimal>,
    /// Bar length in user units (0 when undefined or not positive).
    pub length: String,
    /// The bar's top, and the baseline of its name and figures.
    pub y: u32,
    pub text_y: u32,
}

/// The bars' scale: 150% fills the width.
pub const BAR_FULL_PERCENT: u32 = 150;
/// Width of the bar area in user units.
pub const BAR_WIDTH: u32 = 360;

/// The bar length of `percent`, clamped to 0–150% first, so the arithmetic stays small.
fn bar_units(percent: Decimal) -> Decimal {
    let capped = percent.clamp(Decimal::ZERO, Decimal::from(BAR_FULL_PERCENT));
    scale(
        capped,
        (Decimal::ZERO, Decimal::from(BAR_FULL_PERCENT)),
        (Decimal::ZERO, Decimal::from(BAR_WIDTH)),
    )
    .unwrap_or_default()
}

fn bar_length(percent: Decimal) -> String {
    coord(bar_units(percent))
}

/// The completion bars laid out in SVG user units: one row per unit (at most `most`), the unit's
/// name right-aligned before its bar, the figures after it, the schedule line across.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    pub bars: Vec<Bar>,
    /// How many units have a bar in all (more than `bars` when capped).
    pub units: usize,
    pub width: u32,
    pub height: u32,
    /// Where names end (right-aligned) and bars start.
    pub name_x: u32,
    pub bar_x: u32,
    /// Where the figures after the bars start.
    pub value_x: u32,
    pub bar_height: u32,
    /// The schedule line's x and its foot (line end, label baseline).
    pub schedule_x: String,
    pub line_bottom: u32,
    pub label_y: u32,
}

/// Width of the names' column, height of a row.
const BAR_LABEL_WIDTH: u32 = 130;
const BAR_ROW: u32 = 22;

/// The units' completion of the first tier for one metric, in plan order (the first `most`),
/// laid out for drawing.
pub fn completion_bars(report: &Report, metric: usize, most: usize) -> BarChart {
    let all: Vec<&UnitRow> = report
        .units
        .iter()
        .filter(|row| row.metrics.get(metric).is_some())
        .map(|row| row.as_ref())
        .collect();
    let bars: Vec<Bar> = all
        .iter()
        .take(most)
        .zip(0u32..)
        .filter_map(|(row, i)| {
            let tier = row.metrics.get(metric)?.tiers.first();
            let completion = tier.and_then(|t| t.completion);
            let top = i.saturating_mul(BAR_ROW);
            Some(Bar {
                unit: row.unit,
                completion,
                gap: tier.and_then(|t| t.schedule_gap),
                length: bar_length(completion.unwrap_or_default()),
                y: top.saturating_add(4),
                text_y: top.saturating_add(15),
            })
        })
        .collect();
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    let height = rows.saturating_mul(BAR_ROW).saturating_add(24);
    let schedule = report.schedule.percent().unwrap_or_default();
    // A layout constant plus at most BAR_WIDTH: no overflow.
    let schedule_x = Decimal::from(BAR_LABEL_WIDTH).saturating_add(bar_units(schedule));
    BarChart {
        units: all.len(),
        bars,
        width: BAR_LABEL_WIDTH.saturating_add(BAR_WIDTH).saturating_add(90),
        height,
        name_x: BAR_LABEL_WIDTH.saturating_sub(8),
        bar_x: BAR_LABEL_WIDTH,
        value_x: BAR_LABEL_WIDTH.saturating_add(BAR_WIDTH).saturating_add(6),
        bar_height: BAR_ROW.saturating_sub(8),
        schedule_x: coord(schedule_x),
        line_bottom: height.saturating_sub(18),
        label_y: height.saturating_sub(4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;
    use crate::engine::scenario::When;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_burn_up_has_every_line_in_the_frame() {
        let mut plan = speech_example();
        let s = plan.add_scenario("3000");
        plan.set_inflow(s, None, "registered", When::EveryMonth, Some(d("3000")));
        let report = Report::new(&plan);
        let chart = burn_up(&plan, &report, 0).expect("defined");
        let kinds: Vec<&SeriesKind> = chart.series.iter().map(|s| &s.kind).collect();
        assert_eq!(
            kinds,
            [
                &SeriesKind::Actual,
                &SeriesKind::Schedule(0),
                &SeriesKind::Schedule(1),
                &SeriesKind::RunRate,
                &SeriesKind::Scenario(0)
            ]
        );
        // Actual: from (0, 0) to (7, 26023); the stretch target's schedule ends at 57545.
        assert_eq!(chart.series[0].values, [(0, d("0")), (7, d("26023"))]);
        assert_eq!(chart.series[2].values[12], (12, d("57545")));
        assert_eq!(
            chart.series[2].values[7],
            (7, d("57545") * d("7") / d("12"))
        );
        // Scenario: 26023 + 5 × 3000 = 41023 in December.
        assert_eq!(chart.series[4].values.last(), Some(&(12, d("41023"))));
        // Every point lies inside the plot; the top tick covers the largest value (57545).
        for s in &chart.series {
            for p in s.points.split(' ') {
                let (x, y) = p.split_once(',').unwrap();
                let (x, y) = (d(x), d(y));
                assert!(x >= d("64") && x <= d("624"), "{p}");
                assert!(y >= d("12") && y <= d("252"), "{p}");
            }
        }
        assert!(chart.value_ticks.last().unwrap().value >= d("57545"));
        assert_eq!(chart.value_ticks[0].value, d("0"));
        assert_eq!(chart.now_x, "390.7");
    }

    /// A small plan: one metric in the plan's unit (亿美元), one count of projects (个).
    fn small_plan(target: &str, projects: &str) -> Plan {
        crate::engine::interchange::read_plan(&format!(
            r#"{{"format":"pace-plan","version":1,"title":"t","year":2026,"month":6,"unit":"亿美元",
              "metrics":[{{"id":"a","name":"实际到帐"}},{{"id":"n","name":"新批项目","unit":"个"}}],
              "tiers":[{{"id":"t","name":"考核目标"}}],
              "units":[{{"id":"c","name":"全县","total":true,"figures":{{
                "a":{{"actual":1,"targets":{{"t":{target}}}}},
                "n":{{"actual":1,"targets":{{"t":{projects}}}}}}}}}]}}"#
        ))
        .unwrap()
    }

    fn labels(chart: &BurnUp) -> Vec<&str> {
        chart.value_ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn tick_labels_have_the_decimals_of_the_step_and_are_distinct() {
        let plan = small_plan("2.5", "2");
        let report = Report::new(&plan);
        let chart = burn_up(&plan, &report, 0).expect("defined");
        // A step of 0.5: with no decimals these read 0 1 1 2 2 3.
        assert_eq!(labels(&chart), ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
        assert_eq!(chart.unit, "亿美元");
        // A step of 10000 (亿 plans show two decimals elsewhere; ticks need none).
        let plan = small_plan("28000", "2");
        let chart = burn_up(&plan, &Report::new(&plan), 0).expect("defined");
        assert_eq!(labels(&chart), ["0", "10000", "20000", "30000"]);
    }

    #[test]
    fn a_count_is_charted_in_its_own_unit_with_whole_ticks() {
        let plan = small_plan("2.5", "2");
        let report = Report::new(&plan);
        let chart = burn_up(&plan, &report, 1).expect("defined");
        assert_eq!(chart.unit, "个");
        // Half a project is no tick.
        assert_eq!(labels(&chart), ["0", "1", "2"]);
    }

    #[test]
    fn bars_follow_completion_and_cap() {
        let plan = speech_example();
        let report = Report::new(&plan);
        let chart = completion_bars(&report, 0, 60);
        // 开发区 59.18% of 150% of 360 → 142.0; the schedule 58.33% → 140.0, after the names.
        assert_eq!(chart.bars.len(), 1);
        assert_eq!(chart.bars[0].length, "142");
        assert_eq!(chart.schedule_x, "270");
        assert_eq!((chart.bars[0].y, chart.bars[0].text_y), (4, 15));
        assert_eq!(chart.height, 22 + 24);
        // At most `most` rows are laid out; all are counted.
        let none = completion_bars(&report, 0, 0);
        assert_eq!((none.bars.len(), none.units, none.height), (0, 1, 24));
        assert_eq!(bar_length(d("400")), "360");
        assert_eq!(bar_length(d("-5")), "0");
        let cents = d("0.01");
        assert_eq!(nice_step(d("57545"), cents), d("20000"));
        assert_eq!(nice_step(d("10"), cents), d("2"));
        assert_eq!(nice_step(d("1"), cents), d("0.2"));
        assert_eq!(nice_step(d("1"), d("1")), d("1"));
    }
}
