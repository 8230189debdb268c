//! 比上月 (SPEC §8): the figures of the data month against those of the latest closed month
//! before it. Completions and gaps change by the difference of their displayed (two-decimal)
//! values, in points; 当月 is A(m) − A(p) when p = m − 1; counts compare N now with N then.
//! Where a unit or figure has no value then, the comparison is undefined (`None`, shown `—`),
//! never 0.

use super::closed_months::{plan_at, previous_month};
use super::counts::Counts;
use super::line::MetricFigures;
use super::plan::Plan;
use super::report::{GroupReport, Report, TotalFigures};
use super::round::round2;
use rust_decimal::Decimal;

/// The month compared with: the plan as it was at the latest closed month p < m, and its
/// report (every figure with the schedule of month p).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastMonth {
    /// p.
    pub month: u32,
    pub plan: Plan,
    pub report: Report,
    /// p = m − 1: 当月 is defined.
    pub consecutive: bool,
}

impl LastMonth {
    /// The month `plan` compares with; `None` without a closed month before its data month.
    pub fn of(plan: &Plan) -> Option<LastMonth> {
        let month = previous_month(plan)?;
        Some(LastMonth::new(plan_at(plan, month)?, plan.month))
    }

    /// The month compared with, from the plan as it was then (`closed_months::plan_at`) and
    /// the data month now.
    pub fn new(then: Plan, data_month: u32) -> LastMonth {
        let report = Report::new(&then);
        LastMonth {
            month: then.month,
            consecutive: then.month.checked_add(1) == Some(data_month),
            plan: then,
            report,
        }
    }

    /// The figures then of the unit with id `unit` for the metric at index `metric` (the
    /// total's for the total unit); `None` when the unit had no figures then.
    pub fn unit_figures(&self, unit: &str, metric: usize) -> Option<&MetricFigures> {
        let index = self.plan.units.iter().position(|u| u.id == unit)?;
        if self.report.total_unit == Some(index) {
            return self.report.totals.get(metric).map(|t| &t.figures);
        }
        self.report.row_of(index)?.metrics.get(metric)
    }

    /// The subtotal then of the group `now` for the metric at index `metric`; `None` when
    /// some unit of the group has no actual now or had none then: the two sums would not cover
    /// the same units (a 当月 of −3502 for a member not yet reported).
    pub fn group_figures(&self, now: &GroupReport, metric: usize) -> Option<&MetricFigures> {
        let then = self.report.groups.iter().find(|g| g.name == now.name)?;
        let complete = |g: &GroupReport| g.not_reported.get(metric).is_some_and(|&n| n == 0);
        if !complete(now) || !complete(then) {
            return None;
        }
        then.subtotal.get(metric)
    }

    /// The total's figures then for the metric at index `metric`; `None` when the total is
    /// summed from its units and some of them have no actual now or had none then, or when one
    /// month's total was entered and the other's summed, and the entered one is not its units'
    /// sum: the two measure different things (a tester's 当月 read −950 when July's 全市 was
    /// entered above its units' sum and August's was left to the units).
    pub fn total_figures(&self, now: &TotalFigures, metric: usize) -> Option<&MetricFigures> {
        let then = self.report.totals.get(metric)?;
        let complete = |t: &TotalFigures| t.actual_entered || t.units_sum.not_reported == 0;
        if !complete(now) || !complete(then) {
            return None;
        }
        let is_units_sum = |t: &TotalFigures| !t.actual_entered || t.actual_difference().is_none();
        if now.actual_entered != then.actual_entered && !(is_units_sum(now) && is_units_sum(then)) {
            return None;
        }
        Some(&then.figures)
    }

    /// The counts then of the group `group` (all units for `None`).
    pub fn counts(&self, group: Option<&str>) -> Option<&Counts> {
        match group {
            None => Some(&self.report.counts),
            Some(name) => self
                .report
                .groups
                .iter()
                .find(|g| g.name == name)
                .map(|g| &g.counts),
        }
    }
}

/// How one row's figures for one metric and tier moved since the month compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TierChange {
    /// Completion now − completion then, of the two-decimal values, in points.
    pub completion: Option<Decimal>,
    /// 比序时 now − 比序时 then, in points: positive when the row gained on the schedule.
    pub gap: Option<Decimal>,
}

/// Where the gap to the schedule went, as the speech says it (差距缩小2.30个百分点).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapTrend {
    /// Behind the schedule both months, by less now: by how many points.
    Narrowed(Decimal),
    /// Behind the schedule both months, by more now.
    Widened(Decimal),
    /// Ahead of (or on) the schedule both months, by more now.
    LeadGrew(Decimal),
    /// Ahead of (or on) the schedule both months, by less now.
    LeadShrank(Decimal),
    /// 比序时 as then.
    Unchanged,
    /// Behind one month and ahead the other: the signed change of 比序时, in points.
    Crossed(Decimal),
}

impl TierChange {
    /// The change of `tier` between `now` and `then` (the same row a month before).
    pub fn of(now: &MetricFigures, then: Option<&MetricFigures>, tier: usize) -> TierChange {
        let (Some(now), Some(then)) = (now.tiers.get(tier), then.and_then(|t| t.tiers.get(tier)))
        else {
            return TierChange::default();
        };
        TierChange {
            completion: points(now.completion, then.completion),
            // 比序时 is already the difference of displayed values.
            gap: now
                .schedule_gap
                .zip(then.schedule_gap)
                .and_then(|(now, then)| now.checked_sub(then)),
        }
    }
}

/// The difference of two percentages as displayed (two decimals), in points.
pub fn points(now: Option<Decimal>, then: Option<Decimal>) -> Option<Decimal> {
    round2(now?).checked_sub(round2(then?))
}

/// Where the gap to the schedule went between `then` and `now` (比序时, in points).
pub fn gap_trend(now: Option<Decimal>, then: Option<Decimal>) -> Option<GapTrend> {
    let (now, then) = (now?, then?);
    let change = now.checked_sub(then)?;
    let behind = (now < Decimal::ZERO, then < Decimal::ZERO);
    Some(match (behind, change.cmp(&Decimal::ZERO)) {
        (_, std::cmp::Ordering::Equal) => GapTrend::Unchanged,
        ((true, true), std::cmp::Ordering::Greater) => GapTrend::Narrowed(change),
        ((true, true), std::cmp::Ordering::Less) => GapTrend::Widened(change.abs()),
        ((false, false), std::cmp::Ordering::Greater) => GapTrend::LeadGrew(change),
        ((false, false), std::cmp::Ordering::Less) => GapTrend::LeadShrank(change.abs()),
        _ => GapTrend::Crossed(change),
    })
}

/// 当月: A(m) − A(p), when p = m − 1 and both are reported.
pub fn this_month(
    now: &MetricFigures,
    then: Option<&MetricFigures>,
    consecutive: bool,
) -> Option<Decimal> {
    if !consecutive {
        return None;
    }
    now.line.actual?.checked_sub(then?.line.actual?)
}

/// N now − N then (`比上月多2个` is +2); `None` without a month to compare with.
pub fn count_change(now: usize, then: Option<usize>) -> Option<i64> {
    let now = i64::try_from(now).ok()?;
    now.checked_sub(i64::try_from(then?).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_gap_trend_says_which_way_the_schedule_gap_went() {
        let trend = |now: &str, then: &str| gap_trend(Some(d(now)), Some(d(then)));
        assert_eq!(
            trend("-14.50", "-16.80"),
            Some(GapTrend::Narrowed(d("2.30")))
        );
        assert_eq!(
            trend("-17.65", "-14.50"),
            Some(GapTrend::Widened(d("3.15")))
        );
        assert_eq!(trend("1.71", "3.03"), Some(GapTrend::LeadShrank(d("1.32"))));
        assert_eq!(trend("4.00", "0.00"), Some(GapTrend::LeadGrew(d("4.00"))));
        assert_eq!(trend("-4.17", "0.85"), Some(GapTrend::Crossed(d("-5.02"))));
        assert_eq!(trend("-2.00", "-2.00"), Some(GapTrend::Unchanged));
        assert_eq!(gap_trend(None, Some(d("1"))), None);
        assert_eq!(gap_trend(Some(Decimal::MAX), Some(Decimal::MIN)), None);
    }

    #[test]
    fn points_are_differences_of_the_displayed_values() {
        // 61.364 shows as 61.36 and 59.175 as 59.18: 2.18, not 2.189.
        assert_eq!(
            points(Some(d("61.364")), Some(d("59.175"))),
            Some(d("2.18"))
        );
        assert_eq!(points(None, Some(d("1"))), None);
        assert_eq!(count_change(3, Some(8)), Some(-5));
        assert_eq!(count_change(3, None), None);
    }
}
