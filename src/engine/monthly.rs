//! The monthly series of one unit and metric (SPEC §2 `monthly`): each month's own amount
//! (当月), the running total (累计) and the change on the month before (环比).

use super::figures;
use super::plan::Plan;
use rust_decimal::Decimal;

/// One month of a series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthFigures {
    pub month: u32,
    /// 当月: the amount entered for this month.
    pub amount: Option<Decimal>,
    /// 累计: the sum of months 1..=month, when every one of them is entered.
    pub cumulative: Option<Decimal>,
    /// 环比: (this month − last month) / last month × 100; undefined for January, or when
    /// either month is missing or last month is 0.
    pub month_on_month: Option<Decimal>,
}

/// Months 1..=`upto` of a series of monthly amounts (January first).
pub fn series(monthly: &[Option<Decimal>], upto: u32) -> Vec<MonthFigures> {
    let mut running = Some(Decimal::ZERO);
    (1..=upto)
        .map(|month| {
            let at = |k: u32| {
                (k as usize)
                    .checked_sub(1)
                    .and_then(|i| monthly.get(i))
                    .copied()
                    .flatten()
            };
            let amount = at(month);
            running = match (running, amount) {
                (Some(sum), Some(x)) => sum.checked_add(x),
                _ => None,
            };
            let previous = month.checked_sub(1).and_then(at);
            MonthFigures {
                month,
                amount,
                cumulative: running,
                // The same formula as 同比, against the month before.
                month_on_month: figures::year_on_year(amount, previous),
            }
        })
        .collect()
}

impl Plan {
    /// The monthly amounts of one unit and metric (empty when none are entered).
    pub fn monthly(&self, unit: usize, metric_id: &str) -> Vec<Option<Decimal>> {
        self.units
            .get(unit)
            .and_then(|u| u.figure(metric_id))
            .map(|f| f.monthly.clone())
            .unwrap_or_default()
    }

    /// Sets (or with `None` clears) month `month` (1–12) of one unit and metric.
    pub fn set_month_amount(
        &mut self,
        unit: usize,
        metric_id: &str,
        month: u32,
        value: Option<Decimal>,
    ) {
        if !(1..=12).contains(&month) {
            return;
        }
        self.edit_figure(unit, metric_id, |figure| {
            // 1 ≤ month ≤ 12 (checked above).
            let at = (month as usize).saturating_sub(1);
            if figure.monthly.len() <= at {
                figure.monthly.resize(at.saturating_add(1), None);
            }
            if let Some(slot) = figure.monthly.get_mut(at) {
                *slot = value;
            }
            while figure.monthly.last() == Some(&None) {
                figure.monthly.pop();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn month_cumulative_and_month_on_month() {
        let months = [d("1000"), d("1500"), None, d("0"), d("-200"), d("300")];
        let s = series(&months, 7);
        assert_eq!(s.len(), 7);
        assert_eq!(s[0].cumulative, d("1000"));
        assert_eq!(s[0].month_on_month, None);
        assert_eq!(s[1].cumulative, d("2500"));
        assert_eq!(s[1].month_on_month, d("50"));
        // March missing: no running total from there on, no 环比 either side of it.
        assert_eq!(s[2].cumulative, None);
        assert_eq!(s[3].month_on_month, None);
        // After a zero month 环比 is undefined, and after a negative one (撤资) too: −200 → 300
        // would read −250% (docs/decisions.md).
        assert_eq!(s[4].month_on_month, None);
        assert_eq!(s[5].month_on_month, None);
        assert_eq!(s[6].amount, None);
    }

    #[test]
    fn months_are_set_and_cleared() {
        let mut plan = speech_example();
        plan.set_month_amount(1, "arrived", 3, d("500"));
        assert_eq!(plan.monthly(1, "arrived"), [None, None, d("500")]);
        plan.set_month_amount(1, "arrived", 1, d("100"));
        plan.set_month_amount(1, "arrived", 3, None);
        assert_eq!(plan.monthly(1, "arrived"), [d("100")]);
        plan.set_month_amount(1, "arrived", 13, d("1"));
        assert_eq!(plan.monthly(1, "arrived"), [d("100")]);
    }
}
