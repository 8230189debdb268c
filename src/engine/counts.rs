//! 完成全年目标 / 达到序时进度 / 双空白 / 未报: how many units stand where, as "N个，占X%".

use super::line::MetricFigures;
use rust_decimal::Decimal;

/// For one metric and tier: the units that have that target, and which of them are done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TierCount {
    /// Units with this target (the denominator).
    pub counted: usize,
    /// Plan indices of the units with A ≥ T.
    pub completed: Vec<usize>,
    /// Plan indices of the units with round2(completion) ≥ round2(S(m) × 100).
    pub on_schedule: Vec<usize>,
    /// How many of the counted units have no actual (not reported).
    pub not_reported: usize,
}

impl TierCount {
    /// The same count in the month compared with (`then`), when the two can be compared: every
    /// counted unit reported in both. A month not reported yet (right after 开始下月) would
    /// otherwise read as units falling behind (达到序时进度的比上月少1个).
    pub fn compared<'a>(&self, then: Option<&'a TierCount>) -> Option<&'a TierCount> {
        then.filter(|then| self.not_reported == 0 && then.not_reported == 0)
    }

    fn share(&self, n: usize) -> Option<Decimal> {
        Decimal::from(n)
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(Decimal::from(self.counted))
    }

    /// X in "完成全年目标 N个，占X%".
    pub fn completed_share(&self) -> Option<Decimal> {
        self.share(self.completed.len())
    }

    /// X in "达到序时进度 N个，占X%".
    pub fn on_schedule_share(&self) -> Option<Decimal> {
        self.share(self.on_schedule.len())
    }

    /// The shares' base when it is not all of the `units` in scope (some have no such target):
    /// the page then says it (占设有该目标的4个单位的50.00%).
    pub fn partial_base(&self, units: usize) -> Option<usize> {
        (self.counted < units).then_some(self.counted)
    }
}

/// The counts over a set of units (all non-total units, or one group).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// How many units were looked at.
    pub units: usize,
    /// `[metric][tier]`.
    pub tiers: Vec<Vec<TierCount>>,
    /// Units that reported every metric, each exactly 0 (双空白 with two metrics).
    pub all_zero: Vec<usize>,
    /// Units that have not reported at least one metric (未报).
    pub not_reported: Vec<usize>,
}

/// Counts `rows`: each a unit's plan index and its figures per metric.
pub fn count<'a>(rows: impl IntoIterator<Item = (usize, &'a [MetricFigures])>) -> Counts {
    let mut counts = Counts::default();
    for (unit, metrics) in rows {
        counts.units = counts.units.saturating_add(1);
        if counts.tiers.is_empty() {
            counts.tiers = metrics
                .iter()
                .map(|m| vec![TierCount::default(); m.tiers.len()])
                .collect();
        }
        for (metric, figures) in metrics.iter().enumerate() {
            for (tier, t) in figures.tiers.iter().enumerate() {
                let Some(target) = t.target else { continue };
                let Some(count) = counts.tiers.get_mut(metric).and_then(|m| m.get_mut(tier)) else {
                    continue;
                };
                count.counted = count.counted.saturating_add(1);
                if figures.line.actual.is_none() {
                    count.not_reported = count.not_reported.saturating_add(1);
                }
                let completed = figures.line.actual.is_some_and(|a| a >= target);
                if completed {
                    count.completed.push(unit);
                }
                // A unit that met its annual target is on schedule, also where the gap is
                // undefined (a target of 0: the 讲评稿 said all ten met it, then that none was on
                // schedule).
                if completed || t.schedule_gap.is_some_and(|gap| gap >= Decimal::ZERO) {
                    count.on_schedule.push(unit);
                }
            }
        }
        if metrics.iter().any(|m| m.line.actual.is_none()) {
            counts.not_reported.push(unit);
        } else if !metrics.is_empty()
            && metrics.iter().all(|m| m.line.actual == Some(Decimal::ZERO))
        {
            counts.all_zero.push(unit);
        }
    }
    counts
}
