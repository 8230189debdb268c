//! The derived figures of SPEC §3, one pure function each. Every function returns `None` where
//! the figure is undefined (a missing input, a zero divisor, an overflow): never NaN, never a
//! panic. Where a figure involves a division, it is arranged as one exact division at the end.

use super::round::{round2, round_half_away};
use super::schedule::Schedule;
use rust_decimal::Decimal;

/// A figure that is either an amount still needed or already achieved (已完成 / 已达序时).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Amount(Decimal),
    Done,
}

/// 红黄绿, by the first tier's schedule gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Green,
    Yellow,
    Red,
}

/// When a projected cumulative amount first reaches a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// Already reached by the data month.
    Already,
    Month(u32),
    NotThisYear,
}

fn months(n: u32) -> Decimal {
    Decimal::from(n)
}

/// 完成率: A / T × 100.
pub fn completion(actual: Option<Decimal>, target: Option<Decimal>) -> Option<Decimal> {
    actual?
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(target?)
}

/// 比序时进度: round2(completion) − round2(S(m) × 100), in points.
pub fn schedule_gap(completion: Option<Decimal>, schedule: &Schedule) -> Option<Decimal> {
    round2(completion?).checked_sub(schedule.percent_rounded()?)
}

/// 序时应完成: T × S(m).
pub fn schedule_amount(target: Option<Decimal>, schedule: &Schedule) -> Option<Decimal> {
    schedule.amount_of(target?)
}

/// T × S(m) − A: positive is behind schedule, negative ahead.
pub fn behind_schedule(
    actual: Option<Decimal>,
    target: Option<Decimal>,
    schedule: &Schedule,
) -> Option<Decimal> {
    let numerator = target?
        .checked_mul(schedule.num)?
        .checked_sub(actual?.checked_mul(schedule.den)?)?;
    numerator.checked_div(schedule.den)
}

/// The part of the actual that counts as this year's inflow: A − C, or A when the carry-over
/// counts in the pace (`carryoverInPace`).
pub fn inflow(
    actual: Option<Decimal>,
    carryover: Option<Decimal>,
    carryover_in_pace: bool,
) -> Option<Decimal> {
    let carryover = if carryover_in_pace {
        Decimal::ZERO
    } else {
        carryover.unwrap_or_default()
    };
    actual?.checked_sub(carryover)
}

/// 月均到帐: (A − C) / m, or A / m with `carryoverInPace`.
pub fn pace_so_far(
    actual: Option<Decimal>,
    carryover: Option<Decimal>,
    month: u32,
    carryover_in_pace: bool,
) -> Option<Decimal> {
    inflow(actual, carryover, carryover_in_pace)?.checked_div(months(month))
}

/// 每月应到帐: T / 12, the uniform pace (also when weights are set).
pub fn required_pace(target: Option<Decimal>) -> Option<Decimal> {
    target?.checked_div(months(12))
}

/// 月均少: the rounded required pace minus the rounded pace so far (the speech subtracts the
/// figures it prints).
pub fn pace_shortfall(
    target: Option<Decimal>,
    pace_so_far: Option<Decimal>,
    decimals: u32,
) -> Option<Decimal> {
    let required = round_half_away(required_pace(target)?, decimals);
    required.checked_sub(round_half_away(pace_so_far?, decimals))
}

/// 尚差: T − A, or `Done` once the target is met (the carry-over counts toward it).
pub fn remaining(actual: Option<Decimal>, target: Option<Decimal>) -> Option<Need> {
    let (actual, target) = (actual?, target?);
    Some(if actual >= target {
        Need::Done
    } else {
        Need::Amount(target.checked_sub(actual)?)
    })
}

/// 后n个月每月需: remaining / (12 − m); undefined in December.
pub fn required_future_monthly(
    actual: Option<Decimal>,
    target: Option<Decimal>,
    month: u32,
) -> Option<Need> {
    if month >= 12 {
        return None;
    }
    match remaining(actual, target)? {
        Need::Done => Some(Need::Done),
        Need::Amount(left) => Some(Need::Amount(
            left.checked_div(months(12u32.checked_sub(month)?))?,
        )),
    }
}

/// K月底赶上序时进度: (T × S(K) − A) / (K − m) for m < K ≤ 12; `Done` when A ≥ T × S(K).
/// `by` is the schedule at month K (the curve, not a manual override for month m).
pub fn catch_up_by(
    actual: Option<Decimal>,
    target: Option<Decimal>,
    month: u32,
    by: &Schedule,
) -> Option<Need> {
    if by.month <= month || by.month > 12 {
        return None;
    }
    let (actual, target) = (actual?, target?);
    let due = target.checked_mul(by.num)?;
    let have = actual.checked_mul(by.den)?;
    if have >= due {
        return Some(Need::Done);
    }
    let per_month = due
        .checked_sub(have)?
        .checked_div(by.den.checked_mul(months(by.month.checked_sub(month)?))?)?;
    Some(Need::Amount(per_month))
}

/// 按目前进度全年可完成: A + pace so far × (12 − m), as one division:
/// (A × m + inflow × (12 − m)) / m.
pub fn run_rate_projection(
    actual: Option<Decimal>,
    carryover: Option<Decimal>,
    month: u32,
    carryover_in_pace: bool,
) -> Option<Decimal> {
    let a = actual?;
    let flow = inflow(actual, carryover, carryover_in_pace)?;
    let rest = months(12u32.saturating_sub(month));
    a.checked_mul(months(month))?
        .checked_add(flow.checked_mul(rest)?)?
        .checked_div(months(month))
}

/// The run-rate projection's completion of `target`, as one division.
pub fn run_rate_completion(
    actual: Option<Decimal>,
    carryover: Option<Decimal>,
    month: u32,
    carryover_in_pace: bool,
    target: Option<Decimal>,
) -> Option<Decimal> {
    let a = actual?;
    let flow = inflow(actual, carryover, carryover_in_pace)?;
    let rest = months(12u32.saturating_sub(month));
    let numerator = a
        .checked_mul(months(month))?
        .checked_add(flow.checked_mul(rest)?)?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    numerator.checked_div(target?.checked_mul(months(month))?)
}

/// The year-end amount when each month after m brings `future[i]` (month m + 1 + i).
pub fn what_if_monthly(actual: Option<Decimal>, future: &[Decimal]) -> Option<Decimal> {
    future
        .iter()
        .try_fold(actual?, |sum, month| sum.checked_add(*month))
}

/// 同比增长: (A − P) / P × 100; undefined when P is 0 or missing, and when P is negative (a
/// growth rate from a net withdrawal has a sign that misleads: −20 → +10 would read −150%;
/// docs/decisions.md).
pub fn year_on_year(actual: Option<Decimal>, last_year: Option<Decimal>) -> Option<Decimal> {
    let p = last_year.filter(|p| !p.is_sign_negative() || p.is_zero())?;
    actual?
        .checked_sub(p)?
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(p)
}

/// 占全市完成数: A(unit) / A(total) × 100.
pub fn share(actual: Option<Decimal>, total_actual: Option<Decimal>) -> Option<Decimal> {
    completion(actual, total_actual)
}

/// 红黄绿: green at or above `yellow`, yellow down to `red` inclusive, red below.
pub fn status(gap: Option<Decimal>, yellow: Decimal, red: Decimal) -> Option<Status> {
    let gap = gap?;
    Some(if gap >= yellow {
        Status::Green
    } else if gap >= red {
        Status::Yellow
    } else {
        Status::Red
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::plan::Settings;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    fn r2(x: Option<Decimal>) -> String {
        round2(x.unwrap()).to_string()
    }

    #[test]
    fn undefined_inputs_give_undefined_figures() {
        let s = Schedule::at(7, &Settings::default());
        assert_eq!(completion(None, d("100")), None);
        assert_eq!(completion(d("100"), None), None);
        assert_eq!(completion(d("100"), d("0")), None);
        assert_eq!(schedule_gap(None, &s), None);
        assert_eq!(year_on_year(d("5"), d("0")), None);
        assert_eq!(year_on_year(d("5"), None), None);
        // From a negative base (a net withdrawal last year) the sign would mislead.
        assert_eq!(year_on_year(d("10"), d("-20")), None);
        assert_eq!(year_on_year(d("-10"), d("-20")), None);
        assert_eq!(year_on_year(d("-10"), d("20")), d("-150"));
        assert_eq!(share(d("5"), d("0")), None);
        assert_eq!(required_future_monthly(d("1"), d("2"), 12), None);
        assert_eq!(status(None, Decimal::ZERO, Decimal::from(-10)), None);
        assert_eq!(pace_so_far(None, None, 7, false), None);
    }

    #[test]
    fn completion_above_one_hundred_is_normal() {
        assert_eq!(r2(completion(d("4956.9"), d("1000"))), "495.69");
    }

    #[test]
    fn status_thresholds_are_inclusive_as_specified() {
        let (y, r) = (Decimal::ZERO, Decimal::from(-10));
        assert_eq!(status(d("0"), y, r), Some(Status::Green));
        assert_eq!(status(d("-0.01"), y, r), Some(Status::Yellow));
        assert_eq!(status(d("-10"), y, r), Some(Status::Yellow));
        assert_eq!(status(d("-10.01"), y, r), Some(Status::Red));
    }

    #[test]
    fn remaining_and_future_monthly_report_a_met_target() {
        assert_eq!(remaining(d("100"), d("100")), Some(Need::Done));
        assert_eq!(
            required_future_monthly(d("120"), d("100"), 7),
            Some(Need::Done)
        );
        assert_eq!(
            required_future_monthly(d("40"), d("100"), 7),
            Some(Need::Amount(Decimal::from(12)))
        );
    }

    #[test]
    fn catch_up_is_only_for_later_months() {
        let settings = Settings::default();
        let by = |k| Schedule::curve(k, &settings);
        assert_eq!(catch_up_by(d("10"), d("120"), 7, &by(7)), None);
        assert_eq!(
            catch_up_by(d("100"), d("120"), 7, &by(10)),
            Some(Need::Done)
        );
        // Due by October: 100; 40 in, 3 months to go.
        assert_eq!(
            catch_up_by(d("40"), d("120"), 7, &by(10)),
            Some(Need::Amount(Decimal::from(20)))
        );
        // K = 12 is the required future monthly.
        assert_eq!(
            catch_up_by(d("40"), d("120"), 7, &by(12)),
            required_future_monthly(d("40"), d("120"), 7)
        );
    }
}
