//! Everything the page shows for a plan: the total per metric, every unit's row, group
//! subtotals, counts and the warnings where the data disagrees with itself.
//!
//! A report can be brought up to date from the previous one: the rows of units that did not
//! change (the same `Arc<Unit>`) under the same month, settings, metrics and tiers are reused,
//! so a keystroke in one cell re-evaluates one row, not thousands.

use super::counts::{count, Counts};
use super::figures;
use super::line::{Evaluator, Line, MetricDetails, MetricFigures, Sum, YearOnYearWithheld};
use super::paste::compact;
use super::plan::{Figure, Metric, Plan, Settings, Tier, Unit};
use super::schedule::Schedule;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// The total (全市) for one metric.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalFigures {
    pub figures: MetricFigures,
    /// Pace and projections: the total is what the summary reads out.
    pub details: MetricDetails,
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
        let diff = self
            .figures
            .line
            .actual?
            .checked_sub(self.units_sum.line.actual?)?;
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
    /// Per metric: the sum of the monthly entries where it differs from the actual.
    pub monthly_mismatch: Vec<Option<Decimal>>,
}

impl UnitRow {
    // `index` is a position in `plan.units` (the callers iterate over them).
    #[allow(clippy::indexing_slicing)]
    fn new(plan: &Plan, evaluator: &Evaluator, index: usize) -> UnitRow {
        let unit = &plan.units[index];
        let figures = plan.metrics.iter().map(|metric| unit.figure(&metric.id));
        UnitRow {
            unit: index,
            metrics: figures
                .clone()
                .map(|figure| evaluator.evaluate(Line::of(figure, plan)))
                .collect(),
            monthly_mismatch: figures.map(monthly_mismatch).collect(),
        }
    }
}

/// The sum of a figure's monthly entries where it differs from its actual (SPEC §2: the actual
/// wins and the page warns).
fn monthly_mismatch(figure: Option<&Figure>) -> Option<Decimal> {
    let figure = figure?;
    figure
        .monthly_sum()
        .filter(|sum| Some(*sum) != figure.actual)
}

/// A group (乡镇, 部门 …) with its subtotal row and counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupReport {
    pub name: String,
    /// Plan indices of the group's units.
    pub members: Vec<usize>,
    /// Per metric: the group's summed figures (乡镇小计).
    pub subtotal: Vec<MetricFigures>,
    /// Per metric: how many of the members summed have not reported an actual.
    pub not_reported: Vec<usize>,
    /// How many members the subtotal sums ([`summed_members`]).
    pub summed: usize,
    pub counts: Counts,
}

/// The members a group's subtotal sums (SPEC §2): those summed into the whole, unless none of
/// them is (a group whose units all sit inside another unit). A unit inside another of its own
/// group would be counted twice: a tester's 部门 (1491, its 83 departments) and 市招商局 (308,
/// one of them, 计入 unticked) made 部门小计 1799. `in_total` says whether a member is summed
/// into the whole.
pub fn summed_members<T: Copy>(members: &[T], in_total: impl Fn(T) -> bool) -> Vec<T> {
    let counted: Vec<T> = members.iter().copied().filter(|&m| in_total(m)).collect();
    if counted.is_empty() {
        members.to_vec()
    } else {
        counted
    }
}

/// Where the data disagrees with itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The entered total differs from the sum of its units.
    TotalDiffers {
        metric: usize,
        entered: Decimal,
        units_sum: Decimal,
        /// `entered` − `units_sum`.
        difference: Decimal,
    },
    /// Units that belong to the total have not reported this metric.
    UnitsNotReported { metric: usize, units: Vec<usize> },
    /// The total has no same period last year of its own, and only some of the units that
    /// belong to it have one (`units`: those without): the total's 同比 is withheld.
    LastYearIncomplete { metric: usize, units: Vec<usize> },
    /// A unit's 其中上年结余 (part of its actual) is more than its actual: one of the two is
    /// wrong (a tester's 300 with 500 carried over read 月均到帐 −29).
    CarryoverAboveActual {
        unit: usize,
        metric: usize,
        carryover: Decimal,
        actual: Decimal,
    },
    /// A unit's monthly entries do not add up to its actual (the actual wins).
    MonthlyMismatch {
        unit: usize,
        metric: usize,
        monthly_sum: Decimal,
        actual: Decimal,
    },
    /// A target below zero (a plan file's, or a typed `-`): its 完成率 and what is still needed
    /// follow SPEC §3's formulas but mean nothing (a tester's −1 read 完成率 −50000.00%).
    NegativeTarget {
        unit: usize,
        metric: usize,
        tier: usize,
        target: Decimal,
    },
    /// Several units, metrics or tiers share one name (`name`, as written; `count` of them):
    /// the 通报表 and the 讲评稿 cannot tell them apart, and a pasted sheet's rows of that name
    /// go to the units of that name in order.
    SameName {
        kind: NameKind,
        name: String,
        count: usize,
    },
}

/// What a [`Warning::SameName`] is the name of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// Reporting units (and the total).
    Unit,
    /// Metrics (新批注册外资 …).
    Metric,
    /// Target tiers (考核目标 …).
    Tier,
}

/// `Warning::SameName` for each name that more than one of `names` has, spaces ignored as a
/// paste matches names (`西 区` is `西区`), in the order of the first of each; blank names are
/// not names. One pass: it runs on every keystroke, over plans of 10 000 units.
fn same_names<'a>(kind: NameKind, names: impl Iterator<Item = &'a str>) -> Vec<Warning> {
    let mut seen: HashMap<String, (usize, &str, usize)> = HashMap::new();
    for (at, name) in names.enumerate() {
        let key = compact(name);
        if key.is_empty() {
            continue;
        }
        let entry = seen.entry(key).or_insert((at, name.trim(), 0));
        entry.2 = entry.2.saturating_add(1);
    }
    let mut shared: Vec<(usize, &str, usize)> = seen
        .into_values()
        .filter(|&(_, _, count)| count > 1)
        .collect();
    shared.sort_unstable_by_key(|&(at, _, _)| at);
    shared
        .into_iter()
        .map(|(_, name, count)| Warning::SameName {
            kind,
            name: name.to_string(),
            count,
        })
        .collect()
}

/// `Warning::NegativeTarget` for every target below zero, unit by unit (the total among them,
/// in the plan's order), metric by metric, tier by tier.
fn negative_targets(plan: &Plan) -> Vec<Warning> {
    let mut found = Vec::new();
    for (u, unit) in plan.units.iter().enumerate() {
        for (m, metric) in plan.metrics.iter().enumerate() {
            let Some(figure) = unit.figure(&metric.id) else {
                continue;
            };
            for (t, tier) in plan.tiers.iter().enumerate() {
                if let Some(target) = figure.target(&tier.id).filter(|v| *v < Decimal::ZERO) {
                    found.push(Warning::NegativeTarget {
                        unit: u,
                        metric: m,
                        tier: t,
                        target,
                    });
                }
            }
        }
    }
    found
}

/// `Warning::CarryoverAboveActual` for `unit`'s metric `metric` when its carry-over is more
/// than its actual (both given).
fn carryover_above_actual(
    unit: usize,
    metric: usize,
    carryover: Option<Decimal>,
    actual: Option<Decimal>,
) -> Option<Warning> {
    let (carryover, actual) = carryover.zip(actual)?;
    (carryover > actual).then_some(Warning::CarryoverAboveActual {
        unit,
        metric,
        carryover,
        actual,
    })
}

/// What a report's rows were computed from, to tell which can be reused.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Basis {
    month: u32,
    settings: Settings,
    metrics: Vec<Metric>,
    tiers: Vec<Tier>,
    units: Vec<Arc<Unit>>,
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
    pub units: Vec<Arc<UnitRow>>,
    pub groups: Vec<GroupReport>,
    /// Over all non-total units.
    pub counts: Counts,
    pub warnings: Vec<Warning>,
    basis: Basis,
}

impl Report {
    /// The row of the unit at plan index `unit` (`None` for the total).
    pub fn row_of(&self, unit: usize) -> Option<&UnitRow> {
        self.shared_row_of(unit).map(|row| &**row)
    }

    /// The shared row of the unit at plan index `unit`, for reuse by the next report.
    fn shared_row_of(&self, unit: usize) -> Option<&Arc<UnitRow>> {
        self.units
            .binary_search_by_key(&unit, |row| row.unit)
            .ok()
            .and_then(|i| self.units.get(i))
    }

    /// 占全市完成数 of a row's figures for the metric at index `metric`, in percent.
    pub fn share(&self, metric: usize, figures: &MetricFigures) -> Option<Decimal> {
        figures::share(
            figures.line.actual,
            self.totals.get(metric)?.figures.line.actual,
        )
    }

    pub fn new(plan: &Plan) -> Report {
        Report::update(plan, None)
    }

    /// The report of `plan`, reusing the rows of `previous` whose units did not change.
    // Every index here is in bounds by construction: rows are made from positions in
    // `plan.units` (or the previous basis's units) and hold one entry per metric; `members` has
    // one list per group name.
    #[allow(clippy::indexing_slicing)]
    pub fn update(plan: &Plan, previous: Option<&Report>) -> Report {
        let evaluator = Evaluator::new(plan);
        let total_unit = plan.total_index();
        let tiers = plan.tiers.len();
        let basis = Basis {
            month: plan.month,
            settings: plan.settings.clone(),
            metrics: plan.metrics.clone(),
            tiers: plan.tiers.clone(),
            units: plan.units.clone(),
        };
        // The previous report's rows can be reused if they were computed under the same month,
        // settings, metrics and tiers, from the very same unit (the same `Arc`).
        let previous = previous.filter(|p| {
            p.basis.month == basis.month
                && p.basis.settings == basis.settings
                && p.basis.metrics == basis.metrics
                && p.basis.tiers == basis.tiers
        });
        // Units added or removed shift the rest: find them by pointer. Otherwise (the usual
        // keystroke) compare place by place.
        let by_pointer: HashMap<*const Unit, &Arc<UnitRow>> = previous
            .filter(|p| p.basis.units.len() != plan.units.len())
            .map(|p| {
                p.units
                    .iter()
                    .map(|row| (Arc::as_ptr(&p.basis.units[row.unit]), row))
                    .collect()
            })
            .unwrap_or_default();
        let units: Vec<Arc<UnitRow>> = (0..plan.units.len())
            .filter(|&i| Some(i) != total_unit)
            .map(|i| {
                let unit = &plan.units[i];
                let reused = match previous {
                    Some(p) if by_pointer.is_empty() => p
                        .basis
                        .units
                        .get(i)
                        .filter(|old| Arc::ptr_eq(old, unit))
                        .and_then(|_| p.shared_row_of(i)),
                    _ => by_pointer.get(&Arc::as_ptr(unit)).copied(),
                };
                match reused {
                    Some(row) if row.unit == i => Arc::clone(row),
                    Some(row) => Arc::new(UnitRow {
                        unit: i,
                        ..UnitRow::clone(row)
                    }),
                    None => Arc::new(UnitRow::new(plan, &evaluator, i)),
                }
            })
            .collect();

        let mut warnings = Vec::new();
        let totals: Vec<TotalFigures> = plan
            .metrics
            .iter()
            .enumerate()
            .map(|(m, metric)| {
                let counted: Vec<&Line> = units
                    .iter()
                    .filter(|row| plan.units[row.unit].in_total)
                    .map(|row| &row.metrics[m].line)
                    .collect();
                let units_sum = Sum::of(&counted, tiers);
                let missing: Vec<usize> = units
                    .iter()
                    .filter(|row| {
                        plan.units[row.unit].in_total && row.metrics[m].line.actual.is_none()
                    })
                    .map(|row| row.unit)
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
                // Each input falls back to the units' sum on its own; targets never do. The
                // summed last year exists only when every unit has one (`Sum::of`), and the 同比
                // only when both years cover the same units.
                let line = Line {
                    actual: entered.actual.or(units_sum.line.actual),
                    carryover: entered.carryover.or(units_sum.line.carryover),
                    last_year: entered.last_year.or(units_sum.line.last_year),
                    targets: entered.targets.clone(),
                };
                let withheld = units_sum.year_on_year_withheld(&entered);
                if let Some(YearOnYearWithheld::LastYearIncomplete { .. }) = withheld {
                    warnings.push(Warning::LastYearIncomplete {
                        metric: m,
                        units: units
                            .iter()
                            .filter(|row| {
                                plan.units[row.unit].in_total
                                    && row.metrics[m].line.last_year.is_none()
                            })
                            .map(|row| row.unit)
                            .collect(),
                    });
                }
                let total = TotalFigures {
                    details: evaluator.details(m, &line),
                    figures: evaluator.evaluate_sum(line, withheld),
                    actual_entered: entered.actual.is_some(),
                    units_sum,
                };
                if let (Some(difference), Some(entered), Some(units_sum)) = (
                    total.actual_difference(),
                    entered.actual,
                    total.units_sum.line.actual,
                ) {
                    warnings.push(Warning::TotalDiffers {
                        metric: m,
                        entered,
                        units_sum,
                        difference,
                    });
                }
                total
            })
            .collect();

        for m in 0..plan.metrics.len() {
            // The total's own monthly entries are checked like any unit's.
            let total_figure = total_unit
                .and_then(|t| plan.units.get(t))
                .zip(plan.metrics.get(m))
                .and_then(|(unit, metric)| unit.figure(&metric.id));
            if let (Some(t), Some(monthly_sum), Some(actual)) = (
                total_unit,
                monthly_mismatch(total_figure),
                total_figure.and_then(|f| f.actual),
            ) {
                warnings.push(Warning::MonthlyMismatch {
                    unit: t,
                    metric: m,
                    monthly_sum,
                    actual,
                });
            }
            if let (Some(t), Some(figure)) = (total_unit, total_figure) {
                warnings.extend(carryover_above_actual(
                    t,
                    m,
                    figure.carryover,
                    figure.actual,
                ));
            }
            warnings.extend(units.iter().filter_map(|row| {
                let line = &row.metrics[m].line;
                carryover_above_actual(row.unit, m, line.carryover, line.actual)
            }));
            for row in &units {
                if let (Some(monthly_sum), Some(actual)) =
                    (row.monthly_mismatch[m], row.metrics[m].line.actual)
                {
                    warnings.push(Warning::MonthlyMismatch {
                        unit: row.unit,
                        metric: m,
                        monthly_sum,
                        actual,
                    });
                }
            }
        }

        warnings.extend(negative_targets(plan));
        warnings.extend(same_names(
            NameKind::Unit,
            plan.units.iter().map(|u| u.name.as_str()),
        ));
        warnings.extend(same_names(
            NameKind::Metric,
            plan.metrics.iter().map(|m| m.name.as_str()),
        ));
        warnings.extend(same_names(
            NameKind::Tier,
            plan.tiers.iter().map(|t| t.name.as_str()),
        ));

        let group_names = plan.groups();
        let mut members: Vec<Vec<&UnitRow>> = vec![Vec::new(); group_names.len()];
        for row in &units {
            if let Some(group) = &plan.units[row.unit].group {
                if let Some(g) = group_names.iter().position(|name| name == group) {
                    members[g].push(row);
                }
            }
        }
        let groups = group_names
            .into_iter()
            .zip(members)
            .map(|(name, members)| {
                let summed = summed_members(&members, |row| plan.units[row.unit].in_total);
                let sums: Vec<Sum> = (0..plan.metrics.len())
                    .map(|m| {
                        let member_lines: Vec<&Line> =
                            summed.iter().map(|row| &row.metrics[m].line).collect();
                        Sum::of(&member_lines, tiers)
                    })
                    .collect();
                GroupReport {
                    members: members.iter().map(|row| row.unit).collect(),
                    summed: summed.len(),
                    not_reported: sums.iter().map(|s| s.not_reported).collect(),
                    subtotal: sums
                        .into_iter()
                        .map(|sum| {
                            let withheld = sum.year_on_year_withheld(&Line::default());
                            evaluator.evaluate_sum(sum.line, withheld)
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
            basis,
        }
    }
}
