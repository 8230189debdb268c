//! The time schedule (序时进度): what fraction of the year's target should be in by month k.

use super::plan::Settings;
use super::round::round2;
use rust_decimal::Decimal;

/// S(k) kept as an exact fraction `num / den`, so that `T × S(k)` is one exact division
/// (34050 × 7 / 12 = 19862.5, where 34050 × 0.58333… would round the wrong way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The month this schedule is for.
    pub month: u32,
    pub num: Decimal,
    pub den: Decimal,
    /// round2(S × 100), worked out once: every schedule gap subtracts it.
    rounded: Option<Decimal>,
}

impl Schedule {
    /// S(k) for the plan's settings (SPEC §3): k/12, or the share of the monthly weights, or the
    /// manual override when it was set for this very month.
    pub fn at(month: u32, settings: &Settings) -> Schedule {
        if let Some(o) = settings.schedule_override.filter(|o| o.month == month) {
            return Schedule::fraction(month, o.percent, Decimal::ONE_HUNDRED);
        }
        Self::curve(month, settings)
    }

    /// S(k) from the weights (or equal months), ignoring any override: the curve that targets
    /// for later months (catch up by month K) follow.
    pub fn curve(month: u32, settings: &Settings) -> Schedule {
        let month = month.min(12);
        match &settings.schedule_weights {
            Some(weights) => {
                let sum = |n: u32| {
                    weights
                        .iter()
                        .take(n as usize)
                        .try_fold(Decimal::ZERO, |acc, w| acc.checked_add(*w))
                };
                // Weights of at most 10¹⁵ each cannot overflow; anything else gives a zero
                // denominator, so every figure that needs the schedule is undefined (—).
                match (sum(month), sum(12)) {
                    (Some(num), Some(den)) => Schedule::fraction(month, num, den),
                    _ => Schedule::fraction(month, Decimal::ZERO, Decimal::ZERO),
                }
            }
            None => Schedule::fraction(month, Decimal::from(month), Decimal::from(12)),
        }
    }

    fn fraction(month: u32, num: Decimal, den: Decimal) -> Schedule {
        let rounded = num
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|n| n.checked_div(den))
            .map(round2);
        Schedule {
            month,
            num,
            den,
            rounded,
        }
    }

    /// S(k) × 100 at full precision.
    pub fn percent(&self) -> Option<Decimal> {
        self.num
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(self.den)
    }

    /// round2(S(k) × 100), the figure gaps are measured against.
    pub fn percent_rounded(&self) -> Option<Decimal> {
        self.rounded
    }

    /// T × S(k), exactly.
    pub fn amount_of(&self, target: Decimal) -> Option<Decimal> {
        target.checked_mul(self.num)?.checked_div(self.den)
    }
}

/// The months a "back on schedule by the end of month K" question can name after data month
/// `month`: the months still to come, `month + 1 ..= 12` (none in December).
pub fn catch_up_months(month: u32) -> std::ops::RangeInclusive<u32> {
    month.saturating_add(1)..=12
}

/// Month K for the catch-up question after data month `month`: `chosen` while it is still to
/// come, otherwise three months on (at most December). Applied whenever the plan or its data
/// month changes, so that a K chosen for another plan never names a month already past.
pub fn catch_up_month(month: u32, chosen: Option<u32>) -> u32 {
    chosen
        .filter(|k| catch_up_months(month).contains(k))
        .unwrap_or_else(|| month.saturating_add(3).min(12))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::plan::ScheduleOverride;

    #[test]
    fn equal_months_give_k_over_twelve() {
        let s = Schedule::at(7, &Settings::default());
        assert_eq!(s.percent_rounded().unwrap().to_string(), "58.33");
        assert_eq!(
            s.amount_of(Decimal::from(34050)).unwrap(),
            Decimal::new(198625, 1)
        );
        assert_eq!(
            Schedule::at(12, &Settings::default()).percent_rounded(),
            Some(Decimal::new(10000, 2))
        );
    }

    #[test]
    fn override_applies_to_its_month_only() {
        let settings = Settings {
            schedule_override: Some(ScheduleOverride {
                month: 7,
                percent: Decimal::from(58),
            }),
            ..Settings::default()
        };
        assert_eq!(
            Schedule::at(7, &settings)
                .percent_rounded()
                .unwrap()
                .to_string(),
            "58.00"
        );
        assert_eq!(
            Schedule::at(8, &settings)
                .percent_rounded()
                .unwrap()
                .to_string(),
            "66.67"
        );
        assert_eq!(
            Schedule::curve(7, &settings)
                .percent_rounded()
                .unwrap()
                .to_string(),
            "58.33"
        );
    }

    #[test]
    fn weights_give_their_cumulative_share() {
        let days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(Decimal::from);
        let settings = Settings {
            schedule_weights: Some(days),
            ..Settings::default()
        };
        // 212 of 365 days are in January–July.
        assert_eq!(
            Schedule::at(7, &settings)
                .percent_rounded()
                .unwrap()
                .to_string(),
            "58.08"
        );
    }

    #[test]
    fn catch_up_month_is_one_still_to_come() {
        assert_eq!(catch_up_months(7), 8..=12);
        assert!(catch_up_months(12).is_empty());
        assert_eq!(catch_up_month(7, None), 10);
        assert_eq!(catch_up_month(7, Some(8)), 8);
        // A K chosen in another plan (or before the data month moved on) is past now.
        assert_eq!(catch_up_month(9, Some(8)), 12);
        assert_eq!(catch_up_month(11, Some(9)), 12);
        assert_eq!(catch_up_month(12, Some(12)), 12);
    }
}
