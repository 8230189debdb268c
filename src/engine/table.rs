//! The 通报 table's rows: which units are shown (a group filter), in which order (a sort on any
//! column, undefined values last), and their ranks within the rows shown.

use super::line::MetricFigures;
use super::plan::Plan;
use super::rank::{ranks, sort_positions};
use super::report::{Report, UnitRow};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// The plan's own order.
    Plan,
    Name,
    Actual(usize),
    Completion(usize, usize),
    Gap(usize, usize),
    YearOnYear(usize),
    Share(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

/// What 位次 ranks by, per metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBasis {
    /// Exact completion of the tier at this index.
    Completion(usize),
    Actual,
    YearOnYear,
}

impl SortKey {
    /// Whether the column exists in `plan` (its metric and tier): a choice made for another plan,
    /// or before a metric or tier was removed, may not.
    pub fn fits(self, plan: &Plan) -> bool {
        let metric = |m: usize| m < plan.metrics.len();
        match self {
            SortKey::Plan | SortKey::Name => true,
            SortKey::Actual(m) | SortKey::YearOnYear(m) | SortKey::Share(m) => metric(m),
            SortKey::Completion(m, t) | SortKey::Gap(m, t) => metric(m) && t < plan.tiers.len(),
        }
    }

    /// The numeric value of this column for one row, if it is numeric.
    fn value(self, report: &Report, row: &UnitRow) -> Option<Decimal> {
        let metric = |m: usize| row.metrics.get(m);
        match self {
            SortKey::Plan | SortKey::Name => None,
            SortKey::Actual(m) => metric(m)?.line.actual,
            SortKey::Completion(m, t) => metric(m)?.tiers.get(t)?.completion,
            SortKey::Gap(m, t) => metric(m)?.tiers.get(t)?.schedule_gap,
            SortKey::YearOnYear(m) => metric(m)?.year_on_year,
            SortKey::Share(m) => report.share(m, metric(m)?),
        }
    }
}

impl RankBasis {
    /// Whether the basis exists in `plan` (a tier's completion needs that tier).
    pub fn fits(self, plan: &Plan) -> bool {
        match self {
            RankBasis::Completion(t) => t < plan.tiers.len(),
            RankBasis::Actual | RankBasis::YearOnYear => true,
        }
    }

    pub fn value(self, figures: &MetricFigures) -> Option<Decimal> {
        match self {
            RankBasis::Completion(t) => figures.tiers.get(t)?.completion,
            RankBasis::Actual => figures.line.actual,
            RankBasis::YearOnYear => figures.year_on_year,
        }
    }
}

/// The positions in `report.units` of the rows to show: those in `group` (all when `None`),
/// sorted by `key`. Numeric columns put undefined values last in either direction; ties keep
/// the plan's order.
pub fn shown_rows(
    plan: &Plan,
    report: &Report,
    group: Option<&str>,
    key: SortKey,
    direction: Direction,
) -> Vec<usize> {
    let unit = |i: usize| plan.units.get(report.units.get(i)?.unit);
    let mut rows: Vec<usize> = (0..report.units.len())
        .filter(|&i| group.is_none() || unit(i).and_then(|u| u.group.as_deref()) == group)
        .collect();
    let flip = |o: Ordering| match direction {
        Direction::Ascending => o,
        Direction::Descending => o.reverse(),
    };
    match key {
        SortKey::Plan => {
            if direction == Direction::Descending {
                rows.reverse();
            }
        }
        SortKey::Name => {
            let name = |i: usize| unit(i).map(|u| u.name.as_str());
            sort_positions(&mut rows, &|a, b| flip(name(a).cmp(&name(b))));
        }
        _ => sort_positions(&mut rows, &|a, b| {
            let value = |i: usize| key.value(report, report.units.get(i)?);
            match (value(a), value(b)) {
                (Some(x), Some(y)) => flip(x.cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }),
    }
    rows
}

/// 位次 of each shown row (positions in `report.units`) for one metric, within those rows.
pub fn ranks_within(
    report: &Report,
    rows: &[usize],
    metric: usize,
    basis: RankBasis,
) -> Vec<Option<usize>> {
    let values: Vec<Option<Decimal>> = rows
        .iter()
        .map(|&i| {
            report
                .units
                .get(i)?
                .metrics
                .get(metric)
                .and_then(|f| basis.value(f))
        })
        .collect();
    ranks(&values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::edit::Field;
    use crate::engine::plan::Plan;

    fn plan() -> Plan {
        let mut plan = Plan::empty("t", 2026, 6);
        for (name, group, actual, target) in [
            ("甲", "乡镇", Some(50), 100),
            ("乙", "部门", Some(80), 100),
            ("丙", "乡镇", None, 100),
            ("丁", "乡镇", Some(80), 100),
        ] {
            let u = plan.add_unit(name, Some(group));
            plan.set_value(u, "registered", &Field::Actual, actual.map(Decimal::from));
            plan.set_value(
                u,
                "registered",
                &Field::Target("assessment".into()),
                Some(Decimal::from(target)),
            );
        }
        plan
    }

    fn names_of(plan: &Plan, report: &Report, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&i| plan.units[report.units[i].unit].name.clone())
            .collect()
    }

    fn shown(plan: &Plan, group: Option<&str>, key: SortKey, dir: Direction) -> Vec<String> {
        let report = Report::new(plan);
        let rows = shown_rows(plan, &report, group, key, dir);
        names_of(plan, &report, &rows)
    }

    #[test]
    fn sorting_puts_undefined_last_and_keeps_ties_in_plan_order() {
        let plan = plan();
        let key = SortKey::Completion(0, 0);
        assert_eq!(
            shown(&plan, None, key, Direction::Descending),
            ["乙", "丁", "甲", "丙"]
        );
        assert_eq!(
            shown(&plan, None, key, Direction::Ascending),
            ["甲", "乙", "丁", "丙"]
        );
        assert_eq!(
            shown(&plan, None, SortKey::Plan, Direction::Ascending),
            ["甲", "乙", "丙", "丁"]
        );
        assert_eq!(
            shown(&plan, None, SortKey::Plan, Direction::Descending),
            ["丁", "丙", "乙", "甲"]
        );
    }

    #[test]
    fn filtering_by_group_and_ranking_within_the_rows_shown() {
        let plan = plan();
        let report = Report::new(&plan);
        let rows = shown_rows(
            &plan,
            &report,
            Some("乡镇"),
            SortKey::Plan,
            Direction::Ascending,
        );
        assert_eq!(names_of(&plan, &report, &rows), ["甲", "丙", "丁"]);
        assert_eq!(
            ranks_within(&report, &rows, 0, RankBasis::Completion(0)),
            [Some(2), None, Some(1)]
        );
        let all = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
        assert_eq!(
            ranks_within(&report, &all, 0, RankBasis::Actual),
            [Some(3), Some(1), None, Some(1)]
        );
    }

    #[test]
    fn choices_that_name_a_metric_or_tier_the_plan_lacks_do_not_fit() {
        let mut plan = plan();
        let (metrics, tiers) = (plan.metrics.len(), plan.tiers.len());
        assert!(SortKey::Completion(metrics - 1, tiers - 1).fits(&plan));
        assert!(!SortKey::Completion(metrics, 0).fits(&plan));
        assert!(!SortKey::Gap(0, tiers).fits(&plan));
        assert!(!SortKey::Share(metrics).fits(&plan));
        assert!(SortKey::Name.fits(&plan));
        assert!(RankBasis::Completion(tiers - 1).fits(&plan));
        plan.remove_tier(tiers - 1);
        assert!(!RankBasis::Completion(tiers - 1).fits(&plan));
        assert!(RankBasis::Actual.fits(&plan));
    }
}
