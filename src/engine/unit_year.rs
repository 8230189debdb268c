//! A unit's year (SPEC §8): month by month from the closed months and the data month, its
//! completion of the first tier against the schedule of that month, and its 当月 amounts — as
//! figures and as chart geometry (the views only draw; coordinates are exact decimals with one
//! decimal place, as in `chart`).

use super::chart::{HEIGHT, WIDTH};
use super::closed_months::plan_at;
use super::format;
use super::line::MetricFigures;
use super::plan::Plan;
use super::report::Report;
use super::round::round_half_away;
use rust_decimal::Decimal;

const LEFT: u32 = 48;
const RIGHT: u32 = 16;
const TOP: u32 = 12;
const BOTTOM: u32 = 28;

/// One month of the unit's year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearMonth {
    pub month: u32,
    /// Completion of the first tier, in percent.
    pub completion: Option<Decimal>,
    /// S(month) × 100.
    pub schedule: Option<Decimal>,
    /// 当月: A(month) − A(month − 1), when the month before is closed too.
    pub this_month: Option<Decimal>,
    /// The month's x.
    pub x: String,
    /// The completion's and the schedule's y (`None`: undefined, not drawn).
    pub completion_y: Option<String>,
    pub schedule_y: Option<String>,
    /// The 当月 bar's left x, top y and height (drawn from the plot's bottom; a negative
    /// amount is drawn by its size and told apart by the view).
    pub bar: Option<(String, String, String)>,
}

/// The chart of a unit's year for one metric.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitYear {
    pub months: Vec<YearMonth>,
    /// The polylines' `points` (defined months only).
    pub completion_points: String,
    pub schedule_points: String,
    /// Percent ticks: (label, y).
    pub ticks: Vec<(String, String)>,
    /// The bars' width.
    pub bar_width: String,
    pub plot_top: u32,
    pub plot_bottom: u32,
    pub plot_left: u32,
    pub plot_right: u32,
}

fn coord(x: Decimal) -> String {
    round_half_away(x, 1).normalize().to_string()
}

/// The figures of the unit with id `unit` (or the total, for the total unit) in `report`.
fn figures_of<'a>(
    plan: &Plan,
    report: &'a Report,
    unit: &str,
    metric: usize,
) -> Option<&'a MetricFigures> {
    let index = plan.units.iter().position(|u| u.id == unit)?;
    if report.total_unit == Some(index) {
        return report.totals.get(metric).map(|t| &t.figures);
    }
    report.row_of(index)?.metrics.get(metric)
}

/// The year of the unit with id `unit` for the metric at index `metric`: the closed months and
/// the data month, in order. `None` when the plan has no closed month (nothing to draw a year
/// from) or no such unit.
pub fn unit_year(plan: &Plan, unit: &str, metric: usize) -> Option<UnitYear> {
    if plan.history.is_empty() || !plan.units.iter().any(|u| u.id == unit) {
        return None;
    }
    let mut months: Vec<u32> = plan
        .history
        .iter()
        .map(|c| c.month)
        .filter(|&m| m < plan.month)
        .collect();
    months.push(plan.month);
    // (month, completion, schedule, actual)
    type Point = (u32, Option<Decimal>, Option<Decimal>, Option<Decimal>);
    let mut points: Vec<Point> = Vec::new();
    for month in (1..=12u32).filter(|m| months.contains(m)) {
        let then = if month == plan.month {
            plan.clone()
        } else {
            plan_at(plan, month)?
        };
        let report = Report::new(&then);
        let figures = figures_of(&then, &report, unit, metric);
        let completion = figures.and_then(|f| f.tiers.first()?.completion);
        let actual = figures.and_then(|f| f.line.actual);
        points.push((month, completion, report.schedule.percent(), actual));
    }
    let plot_w = Decimal::from(WIDTH.saturating_sub(LEFT).saturating_sub(RIGHT));
    let plot_h = Decimal::from(HEIGHT.saturating_sub(TOP).saturating_sub(BOTTOM));
    let bottom = Decimal::from(HEIGHT.saturating_sub(BOTTOM));
    // The percent axis: 0 to at least 100, in steps of 20 (or 50 past 200).
    let highest = points
        .iter()
        .flat_map(|p| [p.1, p.2])
        .flatten()
        .fold(Decimal::ONE_HUNDRED, Decimal::max);
    let step = if highest > Decimal::from(200) {
        Decimal::from(50)
    } else {
        Decimal::from(20)
    };
    let top_value = highest
        .checked_div(step)?
        .ceil()
        .checked_mul(step)?
        .min(Decimal::from(1000));
    let y_of = |percent: Decimal| -> Option<String> {
        let clamped = percent.max(Decimal::ZERO).min(top_value);
        let share = clamped.checked_div(top_value)?;
        Some(coord(bottom.checked_sub(plot_h.checked_mul(share)?)?))
    };
    let x_of = |month: u32| -> Option<String> {
        let slot = plot_w.checked_div(Decimal::from(12))?;
        let at = Decimal::from(month).checked_sub(Decimal::new(5, 1))?;
        Some(coord(
            Decimal::from(LEFT).checked_add(slot.checked_mul(at)?)?,
        ))
    };
    // 当月 bars take at most two fifths of the plot's height.
    let amounts: Vec<Option<Decimal>> = points
        .iter()
        .enumerate()
        .map(|(i, (month, _, _, actual))| {
            let previous = points.get(i.checked_sub(1)?)?;
            if previous.0.checked_add(1) != Some(*month) {
                return None;
            }
            actual.as_ref()?.checked_sub(previous.3?)
        })
        .collect();
    let largest = amounts
        .iter()
        .flatten()
        .map(|a| a.abs())
        .fold(Decimal::ZERO, Decimal::max);
    let bar_room = plot_h.checked_mul(Decimal::new(4, 1))?;
    let bar_width = plot_w.checked_div(Decimal::from(24))?;
    let half_bar = bar_width.checked_div(Decimal::TWO)?;
    let mut year = Vec::new();
    for ((month, completion, schedule, _), this_month) in points.iter().zip(amounts) {
        let bar = this_month.filter(|_| !largest.is_zero()).and_then(|a| {
            let height = bar_room.checked_mul(a.abs().checked_div(largest)?)?;
            let slot = plot_w.checked_div(Decimal::from(12))?;
            let centre = Decimal::from(LEFT).checked_add(
                slot.checked_mul(Decimal::from(*month).checked_sub(Decimal::new(5, 1))?)?,
            )?;
            Some((
                coord(centre.checked_sub(half_bar)?),
                coord(bottom.checked_sub(height)?),
                coord(height),
            ))
        });
        year.push(YearMonth {
            month: *month,
            completion: *completion,
            schedule: *schedule,
            this_month,
            x: x_of(*month)?,
            completion_y: completion.and_then(y_of),
            schedule_y: schedule.and_then(y_of),
            bar,
        });
    }
    let line = |pick: fn(&YearMonth) -> Option<&String>| {
        year.iter()
            .filter_map(|m| Some(format!("{},{}", m.x, pick(m)?)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let completion_points = line(|m| m.completion_y.as_ref());
    let schedule_points = line(|m| m.schedule_y.as_ref());
    let mut ticks = Vec::new();
    let mut value = Decimal::ZERO;
    while value <= top_value {
        ticks.push((format!("{}%", format::amount(Some(value), 0)), y_of(value)?));
        value = value.checked_add(step)?;
    }
    Some(UnitYear {
        months: year,
        completion_points,
        schedule_points,
        ticks,
        bar_width: coord(bar_width),
        plot_top: TOP,
        plot_bottom: HEIGHT.saturating_sub(BOTTOM),
        plot_left: LEFT,
        plot_right: WIDTH.saturating_sub(RIGHT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::closed_months::close_month;
    use crate::engine::example::speech_example;
    use std::sync::Arc;

    #[test]
    fn a_units_year_is_its_closed_months_and_the_data_month() {
        let plan = speech_example();
        assert_eq!(unit_year(&plan, "devzone", 0), None, "no closed month yet");
        let mut august = close_month(&plan).unwrap();
        let unit = Arc::make_mut(&mut august.units[1]);
        unit.figures.get_mut("registered").unwrap().actual = Some(Decimal::from(15000));
        let year = unit_year(&august, "devzone", 0).unwrap();
        let months: Vec<u32> = year.months.iter().map(|m| m.month).collect();
        assert_eq!(months, [7, 8]);
        // July 14202/24000 = 59.175%, August 15000/24000 = 62.5%; schedules 58.33% and 66.67%.
        assert_eq!(
            year.months[0].completion.map(crate::engine::round::round2),
            Some(Decimal::new(5918, 2))
        );
        assert_eq!(year.months[1].completion, Some(Decimal::new(625, 1)));
        assert_eq!(year.months[0].this_month, None, "June is not closed");
        assert_eq!(year.months[1].this_month, Some(Decimal::from(798)));
        assert!(year.months[1].bar.is_some() && year.months[0].bar.is_none());
        assert_eq!(year.completion_points.split(' ').count(), 2);
        assert_eq!(year.ticks.first().map(|t| t.0.as_str()), Some("0%"));
        assert_eq!(year.ticks.last().map(|t| t.0.as_str()), Some("100%"));
        // The total's year too; a unit that does not exist has none.
        assert!(unit_year(&august, "city", 1).is_some());
        assert_eq!(unit_year(&august, "nobody", 0), None);
    }
}
