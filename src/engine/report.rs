//! Everything the page shows for a plan, computed in one pass: the total per metric, every
//! unit's row, group subtotals, counts and the warnings where the data disagrees with itself.

use super::counts::{count, Counts};
use super::line::{Evaluator, Line, MetricFigures, Sum};
use super::plan::Plan;
use super::schedule::Schedule;
use rust_decimal::Decimal;

/// The total (全市) for one metric.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalFigures {
    pub figures: MetricFigures,
    /// The actual was entered for the total rather than summed from the units.
    pub actual_entered: bool,
    /// The sum over the units that belong to the total (`inTotal`).
    pub units_sum: Sum,
}

impl TotalFigures {
    /// Entered total minus the sum of its units, when both exist and differ.
    pub fn actual_difference(&self) -> Option<Decimal> {
        if !self.actual_entered {
            return None;
        }
        let diff = self.figures.line.actual? - self.units_sum.line.actual?;
        (!diff.is_zero()).then_some(diff)
    }
}

/// One reporting unit's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRow {
    /// Index into `plan.units`.
    pub unit: usize,
    /// Per metric, in the plan's order.
    pub metrics: Vec<MetricFigures>,
}

/// A group (乡镇, 部门 …) with its subtotal row and counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupReport {
    pub name: String,
    /// Plan indices of the group's units.
    pub members: Vec<usize>,
    /// Per metric: the group's summed figures (乡镇小计).
    pub subtotal: Vec<MetricFigures>,
    /// Per metric: how many members have not reported an actual.
    pub not_reported: Vec<usize>,
    pub counts: Counts,
}

/// Where the data disagrees with itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The entered total differs from the sum of its units.
    TotalDiffers {
        metric: usize,
        entered: Decimal,
        units_sum: Decimal,
    },
    /// Units that belong to the total have not reported this metric.
    UnitsNotReported { metric: usize, units: Vec<usize> },
    /// A unit's monthly entries do not add up to its actual (the actual wins).
    MonthlyMismatch {
        unit: usize,
        metric: usize,
        monthly_sum: Decimal,
        actual: Decimal,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// S(m).
    pub schedule: Schedule,
    /// Index of the total unit, if the plan has one.
    pub total_unit: Option<usize>,
    /// Per metric.
    pub totals: Vec<TotalFigures>,
    /// Every non-total unit, in the plan's order.
    pub units: Vec<UnitRow>,
    pub groups: Vec<GroupReport>,
    /// Over all non-total units.
    pub counts: Counts,
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The row of the unit at plan index `unit` (`None` for the total).
    pub fn row_of(&self, unit: usize) -> Option<&UnitRow> {
        self.units
            .binary_search_by_key(&unit, |row| row.unit)
            .ok()
            .map(|i| &self.units[i])
    }

    pub fn new(plan: &Plan) -> Report {
        let evaluator = Evaluator::new(plan);
        let total_unit = plan.total_index();
        let tiers = plan.tiers.len();
        let unit_indices: Vec<usize> = (0..plan.units.len())
            .filter(|&i| Some(i) != total_unit)
            .collect();
        // lines[metric][position in unit_indices]
        let lines: Vec<Vec<Line>> = plan
            .metrics
            .iter()
            .map(|metric| {
                unit_indices
                    .iter()
                    .map(|&i| Line::of(plan.units[i].figure(&metric.id), plan))
                    .collect()
            })
            .collect();

        let mut warnings = Vec::new();
        let totals: Vec<TotalFigures> = plan
            .metrics
            .iter()
            .enumerate()
            .map(|(m, metric)| {
                let counted: Vec<&Line> = unit_indices
                    .iter()
                    .zip(&lines[m])
                    .filter(|(&i, _)| plan.units[i].in_total)
                    .map(|(_, line)| line)
                    .collect();
                let units_sum = Sum::of(&counted, tiers);
                let missing: Vec<usize> = unit_indices
                    .iter()
                    .zip(&lines[m])
                    .filter(|(&i, line)| plan.units[i].in_total && line.actual.is_none())
                    .map(|(&i, _)| i)
                    .collect();
                if !missing.is_empty() {
                    warnings.push(Warning::UnitsNotReported {
                        metric: m,
                        units: missing,
                    });
                }
                let entered = Line::of(
                    total_unit.and_then(|t| plan.units[t].figure(&metric.id)),
                    plan,
                );
                // Each input falls back to the units' sum on its own; targets never do.
                let line = Line {
                    actual: entered.actual.or(units_sum.line.actual),
                    carryover: entered.carryover.or(units_sum.line.carryover),
                    last_year: entered.last_year.or(units_sum.line.last_year),
                    targets: entered.targets.clone(),
                };
                let actual = line.actual;
                let total = TotalFigures {
                    figures: evaluator.evaluate(m, line, actual),
                    actual_entered: entered.actual.is_some(),
                    units_sum,
                };
                if let (Some(diff), Some(entered), Some(units_sum)) = (
                    total.actual_difference(),
                    entered.actual,
                    total.units_sum.line.actual,
                ) {
                    debug_assert!(!diff.is_zero());
                    warnings.push(Warning::TotalDiffers {
                        metric: m,
                        entered,
                        units_sum,
                    });
                }
                total
            })
            .collect();

        let units: Vec<UnitRow> = unit_indices
            .iter()
            .enumerate()
            .map(|(pos, &unit)| UnitRow {
                unit,
                metrics: (0..plan.metrics.len())
                    .map(|m| {
                        evaluator.evaluate(m, lines[m][pos].clone(), totals[m].figures.line.actual)
                    })
                    .collect(),
            })
            .collect();

        for (m, metric) in plan.metrics.iter().enumerate() {
            for row in &units {
                let Some(figure) = plan.units[row.unit].figure(&metric.id) else {
                    continue;
                };
                if let (Some(monthly_sum), Some(actual)) = (figure.monthly_sum(), figure.actual) {
                    if monthly_sum != actual {
                        warnings.push(Warning::MonthlyMismatch {
                            unit: row.unit,
                            metric: m,
                            monthly_sum,
                            actual,
                        });
                    }
                }
            }
        }

        let groups = plan
            .groups()
            .into_iter()
            .map(|name| {
                let members: Vec<&UnitRow> = units
                    .iter()
                    .filter(|row| plan.units[row.unit].group.as_deref() == Some(name.as_str()))
                    .collect();
                let sums: Vec<Sum> = (0..plan.metrics.len())
                    .map(|m| {
                        let member_lines: Vec<&Line> =
                            members.iter().map(|row| &row.metrics[m].line).collect();
                        Sum::of(&member_lines, tiers)
                    })
                    .collect();
                GroupReport {
                    members: members.iter().map(|row| row.unit).collect(),
                    not_reported: sums.iter().map(|s| s.not_reported).collect(),
                    subtotal: sums
                        .into_iter()
                        .enumerate()
                        .map(|(m, sum)| {
                            evaluator.evaluate(m, sum.line, totals[m].figures.line.actual)
                        })
                        .collect(),
                    counts: count(members.iter().map(|row| (row.unit, row.metrics.as_slice()))),
                    name,
                }
            })
            .collect();

        Report {
            schedule: evaluator.schedule,
            total_unit,
            counts: count(units.iter().map(|row| (row.unit, row.metrics.as_slice()))),
            totals,
            units,
            groups,
            warnings,
        }
    }
}
