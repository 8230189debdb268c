//! One row of figures for one metric — a unit, a group subtotal or the total — and everything
//! SPEC §3 derives from it.

use super::figures::{self, Need, Status};
use super::plan::{Figure, Plan};
use super::schedule::Schedule;
use rust_decimal::Decimal;

/// The entered inputs of one row for one metric. Targets follow the plan's tier order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub actual: Option<Decimal>,
    pub carryover: Option<Decimal>,
    pub last_year: Option<Decimal>,
    pub targets: Vec<Option<Decimal>>,
}

impl Line {
    /// A unit's figure for one metric, with targets in the plan's tier order.
    pub fn of(figure: Option<&Figure>, plan: &Plan) -> Line {
        let targets = plan
            .tiers
            .iter()
            .map(|tier| figure.and_then(|f| f.target(&tier.id)))
            .collect();
        match figure {
            None => Line {
                targets,
                ..Line::default()
            },
            Some(f) => Line {
                actual: f.actual,
                carryover: f.carryover,
                last_year: f.last_year,
                targets,
            },
        }
    }
}

/// The sum of several lines. Reported actuals and carry-overs are added up (a missing
/// carry-over is none), and the lines that did not report an actual are counted. A summed
/// target, and the summed same period last year, exist only when every line has one: a partial
/// last year would make the sum's 同比 read far too high.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sum {
    pub line: Line,
    /// How many lines were summed.
    pub lines: usize,
    /// How many of the summed lines have no actual.
    pub not_reported: usize,
    /// How many of the summed lines have no same period last year.
    pub last_year_missing: usize,
}

/// Why a summed row (a group subtotal, or the total from its units) shows no 同比 although its
/// figures might give one: the two years would not cover the same units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearOnYearWithheld {
    /// Last year is the units' sum, and this many of them (not all) have no figure for it.
    LastYearIncomplete { units: usize },
    /// This year is the units' sum, and this many of them have not reported it.
    ActualIncomplete { units: usize },
    /// Last year is the units' sum, but the total's entered actual differs from theirs: the
    /// units are not the whole the total counts.
    TotalDiffers,
    /// Last year is negative (a net withdrawal): a growth rate from it has a misleading sign
    /// (−20 → +10 would read −150%); any row.
    NegativeLastYear,
}

fn add_up<'a>(values: impl Iterator<Item = Option<Decimal>> + 'a) -> Option<Decimal> {
    values
        .flatten()
        .try_fold(None, |sum: Option<Decimal>, v| {
            Some(Some(sum.unwrap_or_default().checked_add(v)?))
        })
        .flatten()
}

impl Sum {
    pub fn of(lines: &[&Line], tiers: usize) -> Sum {
        let targets = (0..tiers)
            .map(|t| {
                let all: Option<Vec<Decimal>> = lines
                    .iter()
                    .map(|l| l.targets.get(t).copied().flatten())
                    .collect();
                all.filter(|v| !v.is_empty())
                    .and_then(|v| add_up(v.into_iter().map(Some)))
            })
            .collect();
        let last_year_missing = lines.iter().filter(|l| l.last_year.is_none()).count();
        Sum {
            line: Line {
                actual: add_up(lines.iter().map(|l| l.actual)),
                carryover: add_up(lines.iter().map(|l| l.carryover)),
                last_year: if last_year_missing == 0 {
                    add_up(lines.iter().map(|l| l.last_year))
                } else {
                    None
                },
                targets,
            },
            lines: lines.len(),
            not_reported: lines.iter().filter(|l| l.actual.is_none()).count(),
            last_year_missing,
        }
    }

    /// Why the 同比 of a row built on this sum is withheld. `own` holds the row's own entered
    /// actual and last year (the total's; nothing for a group subtotal): each missing one is
    /// this sum's. Nothing to explain when no line has a last year at all (then no 同比 is
    /// expected).
    pub fn year_on_year_withheld(&self, own: &Line) -> Option<YearOnYearWithheld> {
        let last_year_summed = own.last_year.is_none();
        let actual_summed = own.actual.is_none();
        if last_year_summed && self.last_year_missing > 0 && self.last_year_missing < self.lines {
            return Some(YearOnYearWithheld::LastYearIncomplete {
                units: self.last_year_missing,
            });
        }
        own.last_year.or(self.line.last_year)?;
        if actual_summed && self.not_reported > 0 {
            return Some(YearOnYearWithheld::ActualIncomplete {
                units: self.not_reported,
            });
        }
        let differs = matches!((own.actual, self.line.actual), (Some(a), Some(b)) if a != b);
        (last_year_summed && differs).then_some(YearOnYearWithheld::TotalDiffers)
    }
}

/// The figures of one tier's target that every row needs (tables, counts, ranks, status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierFigures {
    pub target: Option<Decimal>,
    /// 完成率, full precision.
    pub completion: Option<Decimal>,
    /// 比序时进度, in points (already the difference of the rounded figures).
    pub schedule_gap: Option<Decimal>,
    /// 后n个月每月需 (SPEC §3): what each remaining month needs, or `Done`; none in December.
    pub required_future_monthly: Option<Need>,
}

/// The rest of one tier's figures, worked out on demand (the summary, a unit's detail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierDetails {
    /// 序时应完成.
    pub schedule_amount: Option<Decimal>,
    /// T × S(m) − A; negative means ahead.
    pub behind_schedule: Option<Decimal>,
    /// 每月应到帐.
    pub required_pace: Option<Decimal>,
    /// 月均少, from the rounded figures.
    pub pace_shortfall: Option<Decimal>,
    /// 尚差.
    pub remaining: Option<Need>,
    /// 后n个月每月需.
    pub required_future_monthly: Option<Need>,
    /// The run-rate projection's completion.
    pub run_rate_completion: Option<Decimal>,
}

/// What every row shows for one metric.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricFigures {
    pub line: Line,
    /// 同比增长, in percent.
    pub year_on_year: Option<Decimal>,
    /// Why a summed row's 同比 is undefined (`None` for a unit's own row).
    pub year_on_year_withheld: Option<YearOnYearWithheld>,
    /// 红黄绿 by the first tier's gap.
    pub status: Option<Status>,
    pub tiers: Vec<TierFigures>,
}

/// The pace and projection figures of one row and metric, worked out on demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricDetails {
    /// 月均到帐.
    pub pace_so_far: Option<Decimal>,
    /// 按目前进度全年可完成.
    pub run_rate: Option<Decimal>,
    pub tiers: Vec<TierDetails>,
}

/// Evaluates lines under one plan's month, schedule and settings.
#[derive(Clone, Debug)]
pub struct Evaluator<'a> {
    pub plan: &'a Plan,
    /// S(m), override included.
    pub schedule: Schedule,
}

impl<'a> Evaluator<'a> {
    pub fn new(plan: &'a Plan) -> Evaluator<'a> {
        Evaluator {
            plan,
            schedule: Schedule::at(plan.month, &plan.settings),
        }
    }

    fn month(&self) -> u32 {
        self.plan.month
    }

    fn carryover_in_pace(&self) -> bool {
        self.plan.settings.carryover_in_pace
    }

    /// The figures every row shows of `line` for one metric. (The share of the total is the
    /// report's to work out: it changes with every other unit.)
    pub fn evaluate(&self, line: Line) -> MetricFigures {
        let tiers: Vec<TierFigures> = line
            .targets
            .iter()
            .map(|&target| {
                let completion = figures::completion(line.actual, target);
                TierFigures {
                    target,
                    completion,
                    schedule_gap: figures::schedule_gap(completion, &self.schedule),
                    required_future_monthly: figures::required_future_monthly(
                        line.actual,
                        target,
                        self.month(),
                    ),
                }
            })
            .collect();
        let status = self
            .plan
            .settings
            .status(tiers.first().and_then(|t| t.schedule_gap));
        let negative_base = line.actual.is_some()
            && line
                .last_year
                .is_some_and(|p| p.is_sign_negative() && !p.is_zero());
        MetricFigures {
            year_on_year: figures::year_on_year(line.actual, line.last_year),
            year_on_year_withheld: negative_base.then_some(YearOnYearWithheld::NegativeLastYear),
            status,
            tiers,
            line,
        }
    }

    /// The figures of a summed row: those of `evaluate`, with no 同比 when it is `withheld`.
    pub fn evaluate_sum(&self, line: Line, withheld: Option<YearOnYearWithheld>) -> MetricFigures {
        let mut figures = self.evaluate(line);
        if withheld.is_some() {
            figures.year_on_year = None;
            figures.year_on_year_withheld = withheld;
        }
        figures
    }

    /// The pace and projection figures of `line` for the metric at index `metric`.
    pub fn details(&self, metric: usize, line: &Line) -> MetricDetails {
        let m = self.month();
        let decimals = self
            .plan
            .metrics
            .get(metric)
            .map_or(0, |metric| self.plan.amount_decimals(metric));
        let pace = figures::pace_so_far(line.actual, line.carryover, m, self.carryover_in_pace());
        let tiers = line
            .targets
            .iter()
            .map(|&target| TierDetails {
                schedule_amount: figures::schedule_amount(target, &self.schedule),
                behind_schedule: figures::behind_schedule(line.actual, target, &self.schedule),
                required_pace: figures::required_pace(target),
                pace_shortfall: figures::pace_shortfall(target, pace, decimals),
                remaining: figures::remaining(line.actual, target),
                required_future_monthly: figures::required_future_monthly(line.actual, target, m),
                run_rate_completion: figures::run_rate_completion(
                    line.actual,
                    line.carryover,
                    m,
                    self.carryover_in_pace(),
                    target,
                ),
            })
            .collect();
        MetricDetails {
            pace_so_far: pace,
            run_rate: figures::run_rate_projection(
                line.actual,
                line.carryover,
                m,
                self.carryover_in_pace(),
            ),
            tiers,
        }
    }

    /// K月底赶上序时进度 for the tier at index `tier`.
    pub fn catch_up_by(&self, line: &Line, tier: usize, by_month: u32) -> Option<Need> {
        let by = Schedule::curve(by_month, &self.plan.settings);
        figures::catch_up_by(line.actual, *line.targets.get(tier)?, self.month(), &by)
    }
}
