//! The 通报表's columns: one description for the table on screen, its print, its copy (TSV) and
//! its CSV file — which columns each metric has and in which order, how each sorts, and what each
//! cell holds. The page words the headings (`ui/results_table.rs`, `column_label`); formatting
//! is `Cell::shown` for the screen and paper (SPEC §4's rounding) and `Cell::copied` for the
//! copies, which carry amounts at full precision so that a copy pasted back loses nothing.

use super::compare::{this_month, LastMonth, TierChange};
use super::entry::edit_text;
use super::figures::Need;
use super::format;
use super::line::MetricFigures;
use super::plan::Plan;
use super::report::Report;
use super::table::SortKey;
use rust_decimal::Decimal;

/// One column of a metric's block; tiers by index in the plan's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultColumn {
    /// 完成数 (the year-to-date actual).
    Actual,
    /// 完成率 of a tier.
    Completion(usize),
    /// 比序时 of a tier, in points.
    Gap(usize),
    /// 后n个月每月需 of a tier (SPEC §3).
    Need(usize),
    /// 同比.
    YearOnYear,
    /// 占全市 (the whole by its own name).
    Share,
    /// 位次 within the rows shown.
    Rank,
    /// 当月: A(m) − A(m−1) (SPEC §8).
    ThisMonth,
    /// 比上月 of a tier's completion, in points (SPEC §8).
    CompletionChange(usize),
}

/// The columns of each metric, in order: 完成数, 当月 (with `compare`), the completions, their
/// 比上月 (with `compare`), the gaps, the needs (with `need`, and only while months are left:
/// none in December), 同比, 占全市, 位次.
pub fn metric_columns(plan: &Plan, need: bool, compare: bool) -> Vec<ResultColumn> {
    let tiers = plan.tiers.len();
    let mut columns = vec![ResultColumn::Actual];
    if compare {
        columns.push(ResultColumn::ThisMonth);
    }
    columns.extend((0..tiers).map(ResultColumn::Completion));
    if compare {
        columns.extend((0..tiers).map(ResultColumn::CompletionChange));
    }
    columns.extend((0..tiers).map(ResultColumn::Gap));
    if need && plan.month < 12 {
        columns.extend((0..tiers).map(ResultColumn::Need));
    }
    columns.extend([
        ResultColumn::YearOnYear,
        ResultColumn::Share,
        ResultColumn::Rank,
    ]);
    columns
}

/// The most columns a printed 通报 holds in one table across the page (SPEC §7's plan has 20:
/// two metrics of 10). A wider table is printed as one table per metric, one under the other,
/// each across the page: three tiers with 当月 and 比上月 (34 columns) then print at the size of
/// 17 rather than of 34.
pub const PRINT_COLUMNS_IN_ONE_TABLE: usize = 20;

/// Whether the printed 通报 is one table per metric: the plan has several metrics and all their
/// `columns_per_metric` together exceed [`PRINT_COLUMNS_IN_ONE_TABLE`].
pub fn print_per_metric(plan: &Plan, columns_per_metric: usize) -> bool {
    plan.metrics.len() > 1
        && columns_per_metric.saturating_mul(plan.metrics.len()) > PRINT_COLUMNS_IN_ONE_TABLE
}

impl ResultColumn {
    /// What clicking the column's heading sorts by (`None`: not sortable).
    pub fn sort_key(self, metric: usize) -> Option<SortKey> {
        match self {
            ResultColumn::Actual => Some(SortKey::Actual(metric)),
            ResultColumn::Completion(t) => Some(SortKey::Completion(metric, t)),
            ResultColumn::Gap(t) => Some(SortKey::Gap(metric, t)),
            ResultColumn::YearOnYear => Some(SortKey::YearOnYear(metric)),
            ResultColumn::Share => Some(SortKey::Share(metric)),
            ResultColumn::Need(_)
            | ResultColumn::Rank
            | ResultColumn::ThisMonth
            | ResultColumn::CompletionChange(_) => None,
        }
    }
}

/// What one cell holds, before formatting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// An amount in the metric's unit, as entered or summed (exact).
    Amount(Option<Decimal>),
    /// A percentage (完成率, 同比, 占比), full precision.
    Percent(Option<Decimal>),
    /// Percentage points with a sign (比序时).
    Points(Option<Decimal>),
    Need(Option<Need>),
    Rank(Option<usize>),
}

/// The same row in the month compared with (比上月): its figures then (`None`: the row had none)
/// and whether that month is the one just before (当月 is defined only then).
#[derive(Clone, Copy, Debug)]
pub struct Before<'a> {
    pub figures: Option<&'a MetricFigures>,
    pub consecutive: bool,
}

impl<'a> Before<'a> {
    /// The row's `figures` in `last`, the month compared with; `None` without such a month.
    pub fn of(last: Option<&LastMonth>, figures: Option<&'a MetricFigures>) -> Option<Before<'a>> {
        last.map(|l| Before {
            figures,
            consecutive: l.consecutive,
        })
    }
}

impl Cell {
    /// The cell of `column` for one row's figures of metric `metric`; `rank` is the row's 位次
    /// (none for the total and subtotals); `before` the row in the month compared with.
    pub fn of(
        column: ResultColumn,
        report: &Report,
        metric: usize,
        figures: &MetricFigures,
        rank: Option<usize>,
        before: Option<Before<'_>>,
    ) -> Cell {
        let then = before.and_then(|b| b.figures);
        let tier = |t: usize| figures.tiers.get(t);
        match column {
            ResultColumn::Actual => Cell::Amount(figures.line.actual),
            ResultColumn::Completion(t) => Cell::Percent(tier(t).and_then(|x| x.completion)),
            ResultColumn::Gap(t) => Cell::Points(tier(t).and_then(|x| x.schedule_gap)),
            ResultColumn::Need(t) => Cell::Need(tier(t).and_then(|x| x.required_future_monthly)),
            ResultColumn::YearOnYear => Cell::Percent(figures.year_on_year),
            ResultColumn::Share => Cell::Percent(report.share(metric, figures)),
            ResultColumn::Rank => Cell::Rank(rank),
            ResultColumn::ThisMonth => {
                Cell::Amount(before.and_then(|b| this_month(figures, b.figures, b.consecutive)))
            }
            ResultColumn::CompletionChange(t) => {
                Cell::Points(TierChange::of(figures, then, t).completion)
            }
        }
    }

    /// As the screen and paper show it: amounts at the metric's `decimals`, percentages and
    /// points at 2 (SPEC §4), `done` for a need already met, `—` for undefined.
    pub fn shown(self, decimals: u32, done: &str) -> String {
        match self {
            Cell::Amount(v) => format::amount(v, decimals),
            Cell::Percent(v) => format::percent(v),
            Cell::Points(v) => format::points(v),
            Cell::Need(v) => format::need(v, decimals, done),
            Cell::Rank(r) => r.map_or_else(|| format::UNDEFINED.to_string(), |r| r.to_string()),
        }
    }

    /// As copies and files carry it: an amount exactly as entered or summed (327.12 stays
    /// 327.12, never the screen's 327), other figures as shown.
    pub fn copied(self, decimals: u32, done: &str) -> String {
        match self {
            Cell::Amount(Some(v)) => edit_text(Some(v)),
            other => other.shown(decimals, done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;

    #[test]
    fn each_metric_has_its_columns_in_order_and_needs_only_while_months_are_left() {
        let mut plan = speech_example();
        use ResultColumn::*;
        assert_eq!(
            metric_columns(&plan, false, false),
            [
                Actual,
                Completion(0),
                Completion(1),
                Gap(0),
                Gap(1),
                YearOnYear,
                Share,
                Rank
            ]
        );
        assert_eq!(metric_columns(&plan, true, false).len(), 10);
        plan.month = 12;
        assert_eq!(metric_columns(&plan, true, false).len(), 8);
    }

    #[test]
    fn copies_keep_amounts_exact_and_the_screen_rounds_them() {
        let value = Cell::Amount(Some(Decimal::new(32712, 2)));
        assert_eq!(value.shown(0, "已完成"), "327");
        assert_eq!(value.copied(0, "已完成"), "327.12");
        let percent = Cell::Percent(Some(Decimal::new(654_240_000, 7)));
        assert_eq!(percent.copied(0, ""), percent.shown(0, ""));
        assert_eq!(Cell::Amount(None).copied(0, ""), "—");
    }
}
