//! What-if scenarios: named sets of future monthly inflows (months m+1..12) for the total or for
//! single units, laid over the base data without changing it, and the projections they give.
//!
//! The base is the run rate: every future month brings the pace so far. A scenario replaces
//! some months of some lines: for the total directly, or for a unit, whose difference from its
//! own run rate then moves the total too ("what if the big project slips a quarter").
//!
//! Every cumulative amount is kept multiplied by m (the data month), so that each figure is
//! one exact division at the end, like the run-rate projection of SPEC §3.

use super::entry::parse_percent_entry;
use super::figures::{self, Need, Reached};
use super::line::Line;
use super::plan::Plan;
use super::report::Report;
use super::schedule::Schedule;
use rust_decimal::Decimal;

/// The future inflows of one line (the total, or one unit) for one metric.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inflow {
    /// The unit's id; `None` for the total.
    pub unit: Option<String>,
    pub metric: String,
    /// One amount for every remaining month, unless a month has its own.
    pub uniform: Option<Decimal>,
    /// Amounts by month, January first (only months after the data month count).
    pub months: [Option<Decimal>; 12],
}

impl Inflow {
    /// The amount this inflow sets for month `k` (1–12), if it sets one.
    pub fn month(&self, k: u32) -> Option<Decimal> {
        self.months
            .get((k as usize).checked_sub(1)?)
            .copied()
            .flatten()
            .or(self.uniform)
    }

    pub fn is_empty(&self) -> bool {
        self.uniform.is_none() && self.months.iter().all(Option::is_none)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub inflows: Vec<Inflow>,
}

impl Scenario {
    fn inflow(&self, unit: Option<&str>, metric: &str) -> Option<&Inflow> {
        self.inflows
            .iter()
            .find(|f| f.unit.as_deref() == unit && f.metric == metric)
    }

    /// The inflow of a line and metric, listed (with nothing set) if it was not.
    fn inflow_or_add(&mut self, unit: Option<&str>, metric: &str) -> &mut Inflow {
        let at = match self
            .inflows
            .iter()
            .position(|f| f.unit.as_deref() == unit && f.metric == metric)
        {
            Some(at) => at,
            None => {
                self.inflows.push(Inflow {
                    unit: unit.map(str::to_string),
                    metric: metric.to_string(),
                    ..Inflow::default()
                });
                self.inflows.len().saturating_sub(1)
            }
        };
        // `at` is a position found above, or the inflow just pushed.
        #[allow(clippy::indexing_slicing)]
        &mut self.inflows[at]
    }
}

/// A line's cumulative amount at the end of each month from m to December.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    month: u32,
    /// Cumulative × m at the end of months m, m+1, …, 12.
    scaled: Vec<Decimal>,
}

impl Projection {
    fn scale(&self) -> Decimal {
        Decimal::from(self.month)
    }

    /// The cumulative amount at the end of month `k` (m ≤ k ≤ 12).
    pub fn at(&self, k: u32) -> Option<Decimal> {
        let i = k.checked_sub(self.month)? as usize;
        self.scaled.get(i)?.checked_div(self.scale())
    }

    /// The year-end amount.
    pub fn year_end(&self) -> Option<Decimal> {
        self.at(12)
    }

    /// The year-end amount's completion of `target`, in percent.
    pub fn completion(&self, target: Option<Decimal>) -> Option<Decimal> {
        let last = *self.scaled.last()?;
        last.checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(target?.checked_mul(self.scale())?)
    }

    /// The first month whose cumulative amount reaches `target`.
    pub fn first_reached(&self, target: Option<Decimal>) -> Option<Reached> {
        let due = target?.checked_mul(self.scale())?;
        if self.scaled.first()? >= &due {
            return Some(Reached::Already);
        }
        Some(
            self.scaled
                .iter()
                .position(|s| s >= &due)
                .map_or(Reached::NotThisYear, |i| {
                    Reached::Month(self.month.saturating_add(i as u32))
                }),
        )
    }

    /// At the end of month `k`: cumulative − target × S(k), in amounts (behind when negative).
    pub fn against_schedule(
        &self,
        k: u32,
        target: Option<Decimal>,
        by: &Schedule,
    ) -> Option<Decimal> {
        let i = k.checked_sub(self.month)? as usize;
        // (scaled / m) − T × num / den, over the common denominator m × den.
        let have = self.scaled.get(i)?.checked_mul(by.den)?;
        let due = target?.checked_mul(by.num)?.checked_mul(self.scale())?;
        have.checked_sub(due)?
            .checked_div(by.den.checked_mul(self.scale())?)
    }
}

/// What each future month of a line brings, × m: the run rate (the inflow so far) unless set.
fn scaled_future(
    line: &Line,
    month: u32,
    carryover_in_pace: bool,
    set: Option<&Inflow>,
    k: u32,
) -> Option<Decimal> {
    match set.and_then(|f| f.month(k)) {
        Some(x) => x.checked_mul(Decimal::from(month)),
        None => inflow_so_far(line, carryover_in_pace),
    }
}

/// The inflow of months 1..m (the actual less a carry-over that does not count in the pace).
fn inflow_so_far(line: &Line, carryover_in_pace: bool) -> Option<Decimal> {
    figures::inflow(line.actual, line.carryover, carryover_in_pace)
}

/// One row of 假设分析's comparison for the total of one metric: the run rate (`scenario` =
/// `None`) or a scenario (its index), projected to the year end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub scenario: Option<usize>,
    pub year_end: Option<Decimal>,
    /// Per tier.
    pub tiers: Vec<ComparedTier>,
}

/// One tier's figures in a comparison row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparedTier {
    /// The year-end amount's completion, in percent.
    pub completion: Option<Decimal>,
    /// The first month the target is reached.
    pub reached: Option<Reached>,
    /// At the end of month K: cumulative − target × S(K) (the schedule curve), negative behind.
    pub against_schedule: Option<Decimal>,
}

/// 假设分析's comparison for the total of `metric` at month `k`: the run rate first, then each
/// of the plan's scenarios in order. Empty for a metric the plan does not have.
pub fn comparison(plan: &Plan, report: &Report, metric: usize, k: u32) -> Vec<Comparison> {
    let Some(line) = report.totals.get(metric).map(|t| &t.figures.line) else {
        return Vec::new();
    };
    let by = Schedule::curve(k, &plan.settings);
    std::iter::once(None)
        .chain((0..plan.scenarios.len()).map(Some))
        .map(|scenario| {
            let projection = project(
                plan,
                report,
                metric,
                None,
                scenario.and_then(|i| plan.scenarios.get(i)),
            );
            let p = projection.as_ref();
            Comparison {
                scenario,
                year_end: p.and_then(Projection::year_end),
                tiers: line
                    .targets
                    .iter()
                    .map(|&target| ComparedTier {
                        completion: p.and_then(|x| x.completion(target)),
                        reached: p.and_then(|x| x.first_reached(target)),
                        against_schedule: p.and_then(|x| x.against_schedule(k, target, &by)),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The projection of one metric's line — the total (`unit` = `None`) or a unit (its index in
/// the plan) — under `scenario` (the run rate alone with `None`).
pub fn project(
    plan: &Plan,
    report: &Report,
    metric: usize,
    unit: Option<usize>,
    scenario: Option<&Scenario>,
) -> Option<Projection> {
    let m = plan.month;
    let metric_id = &plan.metrics.get(metric)?.id;
    let in_pace = plan.settings.carryover_in_pace;
    let line = match unit {
        None => &report.totals.get(metric)?.figures.line,
        Some(u) => &report.row_of(u)?.metrics.get(metric)?.line,
    };
    let unit_id = match unit {
        Some(u) => Some(plan.units.get(u)?.id.as_str()),
        None => None,
    };
    let own = scenario.and_then(|s| s.inflow(unit_id, metric_id));
    // For the total: the units' scenarios move it by their difference from their run rates.
    let unit_changes: Vec<(&Line, &Inflow)> = match (unit, scenario) {
        (None, Some(s)) => s
            .inflows
            .iter()
            .filter(|f| &f.metric == metric_id)
            .filter_map(|f| {
                let id = f.unit.as_deref()?;
                let u = plan.unit_index(id)?;
                let unit = plan.units.get(u)?;
                if unit.total || !unit.in_total {
                    return None;
                }
                Some((&report.row_of(u)?.metrics.get(metric)?.line, f))
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut cumulative = line.actual?.checked_mul(Decimal::from(m))?;
    let mut scaled = vec![cumulative];
    for k in m.saturating_add(1)..=12 {
        let mut this_month = scaled_future(line, m, in_pace, own, k)?;
        if own.and_then(|f| f.month(k)).is_none() {
            for (unit_line, f) in &unit_changes {
                if let Some(x) = f.month(k) {
                    let base = inflow_so_far(unit_line, in_pace).unwrap_or_default();
                    this_month = this_month
                        .checked_add(x.checked_mul(Decimal::from(m))?)?
                        .checked_sub(base)?;
                }
            }
        }
        cumulative = cumulative.checked_add(this_month)?;
        scaled.push(cumulative);
    }
    Some(Projection { month: m, scaled })
}

/// The percentage typed for 后n个月每月需, read as every number is (SPEC §5: full-width digits,
/// an optional `%`; no `1e15`, which the page read as 10¹⁵): `None` when it is no number or
/// below zero (a share of the target cannot be negative; −50 read 已完成).
pub fn read_share_of_target(text: &str) -> Option<Decimal> {
    parse_percent_entry(text)
        .ok()
        .flatten()
        .filter(|p| !p.is_sign_negative())
}

/// "To reach `percent`% of `target` by December, each remaining month needs …":
/// (T × X / 100 − A) / (12 − m), or `Done` when that is zero or less (already reached).
/// Undefined in December.
pub fn needed_for(
    actual: Option<Decimal>,
    target: Option<Decimal>,
    percent: Decimal,
    month: u32,
) -> Option<Need> {
    if month >= 12 {
        return None;
    }
    let goal = target?.checked_mul(percent)?;
    let have = actual?.checked_mul(Decimal::ONE_HUNDRED)?;
    let each = goal
        .checked_sub(have)?
        .checked_div(Decimal::ONE_HUNDRED.checked_mul(Decimal::from(12u32.checked_sub(month)?))?)?;
    Some(if each <= Decimal::ZERO {
        Need::Done
    } else {
        Need::Amount(each)
    })
}

/// Which month(s) of an inflow an edit sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Every remaining month (the uniform amount).
    EveryMonth,
    /// One month, 1–12.
    Month(u32),
}

impl Plan {
    /// Adds a scenario named `name` and returns its index.
    pub fn add_scenario(&mut self, name: &str) -> usize {
        let id = super::edit::fresh_id("s", self.scenarios.iter().map(|s| s.id.as_str()));
        self.scenarios.push(Scenario {
            id,
            name: name.trim().to_string(),
            inflows: Vec::new(),
        });
        self.scenarios.len().saturating_sub(1)
    }

    pub fn rename_scenario(&mut self, index: usize, name: &str) {
        if let Some(s) = self.scenarios.get_mut(index) {
            s.name = name.trim().to_string();
        }
    }

    pub fn remove_scenario(&mut self, index: usize) {
        if index < self.scenarios.len() {
            self.scenarios.remove(index);
        }
    }

    /// Sets a scenario's future inflow for a line (`unit` id, or the total with `None`) and a
    /// metric; `None` clears it. An inflow with nothing set stays listed (it changes nothing,
    /// and the export leaves it out) until `remove_inflow`.
    pub fn set_inflow(
        &mut self,
        scenario: usize,
        unit: Option<&str>,
        metric: &str,
        when: When,
        value: Option<Decimal>,
    ) {
        let Some(inflow) = self
            .scenarios
            .get_mut(scenario)
            .map(|s| s.inflow_or_add(unit, metric))
        else {
            return;
        };
        match when {
            When::EveryMonth => inflow.uniform = value,
            When::Month(k) => {
                if let Some(month) = (k as usize)
                    .checked_sub(1)
                    .and_then(|i| inflow.months.get_mut(i))
                {
                    *month = value;
                }
            }
        }
    }

    /// Lists a line in a scenario with nothing set yet (it follows its run rate until edited).
    pub fn add_inflow(&mut self, scenario: usize, unit: Option<&str>, metric: &str) {
        if let Some(s) = self.scenarios.get_mut(scenario) {
            s.inflow_or_add(unit, metric);
        }
    }

    /// Removes a scenario's inflow for one line and metric.
    pub fn remove_inflow(&mut self, scenario: usize, unit: Option<&str>, metric: &str) {
        if let Some(s) = self.scenarios.get_mut(scenario) {
            s.inflows
                .retain(|f| !(f.unit.as_deref() == unit && f.metric == metric));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;
    use crate::engine::round::round_half_away;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A hostile tester's 1e15 was read as 10¹⁵, full-width １５０ and 1,000 were refused, and
    /// −50 read 已完成: the share is typed as any number is.
    #[test]
    fn the_share_of_the_target_reads_as_any_number() {
        for (text, read) in [
            ("100", Some("100")),
            ("１５０", Some("150")),
            ("1,000", Some("1000")),
            ("80%", Some("80")),
            (" 95.5 ", Some("95.5")),
            ("1e15", None),
            ("-50", None),
            ("", None),
            ("abc", None),
        ] {
            assert_eq!(read_share_of_target(text), read.map(d), "{text}");
        }
    }

    fn total(plan: &Plan, metric: usize, scenario: Option<&Scenario>) -> Projection {
        project(plan, &Report::new(plan), metric, None, scenario).expect("defined")
    }

    fn uniform(unit: Option<&str>, metric: &str, x: &str) -> Inflow {
        Inflow {
            unit: unit.map(str::to_string),
            metric: metric.into(),
            uniform: Some(d(x)),
            ..Inflow::default()
        }
    }

    fn scenario(inflows: Vec<Inflow>) -> Scenario {
        Scenario {
            id: "s".into(),
            name: "s".into(),
            inflows,
        }
    }

    #[test]
    fn the_base_is_the_run_rate_projection() {
        let plan = speech_example();
        // SPEC §7: 26023 after 7 months → 44611 (105.19% / 77.52%).
        let p = total(&plan, 0, None);
        assert_eq!(round_half_away(p.year_end().unwrap(), 0), d("44611"));
        assert_eq!(
            round_half_away(p.completion(Some(d("42410"))).unwrap(), 2),
            d("105.19")
        );
        // 26023/7 a month: 42410 is passed in December (26023 × 11/7 = 40893 < 42410 ≤ 44611).
        assert_eq!(p.first_reached(Some(d("42410"))), Some(Reached::Month(12)));
        assert_eq!(p.first_reached(Some(d("20000"))), Some(Reached::Already));
        assert_eq!(
            p.first_reached(Some(d("57545"))),
            Some(Reached::NotThisYear)
        );
    }

    #[test]
    fn a_uniform_amount_for_the_total() {
        let plan = speech_example();
        // 到帐 10282 (1200 carried over); 3000 a month from August: 10282 + 5 × 3000 = 25282.
        let s = scenario(vec![uniform(None, "arrived", "3000")]);
        let p = total(&plan, 1, Some(&s));
        assert_eq!(p.year_end(), Some(d("25282")));
        assert_eq!(p.at(8), Some(d("13282")));
        // 23460 is reached when the cumulative passes it: 10282 + 3000 × 5 = 25282 in December,
        // 22282 in November.
        assert_eq!(p.first_reached(Some(d("23460"))), Some(Reached::Month(12)));
        // Against the schedule at October (10/12 of 23460 = 19550): 19282 − 19550 = −268.
        let oct = Schedule::curve(10, &plan.settings);
        assert_eq!(
            p.against_schedule(10, Some(d("23460")), &oct),
            Some(d("-268"))
        );
    }

    #[test]
    fn a_units_months_move_the_total_by_their_difference() {
        let plan = speech_example();
        // 开发区 到帐 4762 in 7 months (680.285…/month). If it brings 0 in Aug–Oct and its run
        // rate after, the total loses 3 × 4762/7 against its own run rate.
        let mut slip = Inflow {
            unit: Some("devzone".into()),
            metric: "arrived".into(),
            ..Inflow::default()
        };
        for k in 8..=10 {
            slip.months[k - 1] = Some(Decimal::ZERO);
        }
        let s = scenario(vec![slip]);
        // Base: (10282 × 7 + 9082 × 5) / 7 = 117384 / 7; three months lose 3 × 4762 (× 7).
        assert_eq!(total(&plan, 1, None).year_end(), Some(d("117384") / d("7")));
        assert_eq!(
            total(&plan, 1, Some(&s)).year_end(),
            Some(d("103098") / d("7"))
        );
        let unit = project(&plan, &Report::new(&plan), 1, Some(1), Some(&s)).unwrap();
        assert_eq!(unit.at(10), Some(d("4762")));
    }

    #[test]
    fn scenarios_are_edited_without_touching_the_data() {
        let mut plan = speech_example();
        let data = plan.units.clone();
        let s = plan.add_scenario(" 每月3000 ");
        plan.set_inflow(s, None, "arrived", When::EveryMonth, Some(d("3000")));
        plan.set_inflow(s, Some("devzone"), "arrived", When::Month(8), Some(d("0")));
        assert_eq!(plan.scenarios[s].name, "每月3000");
        assert_eq!(plan.scenarios[s].inflows.len(), 2);
        assert_eq!(plan.scenarios[s].inflows[1].month(8), Some(d("0")));
        assert_eq!(plan.units, data);
        // A cleared line stays listed, changes nothing, and is left out of the export.
        plan.set_inflow(s, Some("devzone"), "arrived", When::Month(8), None);
        assert!(plan.scenarios[s].inflows[1].is_empty());
        let report = Report::new(&plan);
        let only_total = scenario(vec![uniform(None, "arrived", "3000")]);
        assert_eq!(
            project(&plan, &report, 1, None, Some(&plan.scenarios[s])),
            project(&plan, &report, 1, None, Some(&only_total))
        );
        let text = crate::engine::interchange::write_plan(&plan);
        assert!(!text.contains("devzone\",\n          \"metric"));
        plan.add_inflow(s, Some("devzone"), "registered");
        assert_eq!(plan.scenarios[s].inflows.len(), 3);
        plan.remove_inflow(s, Some("devzone"), "arrived");
        assert_eq!(plan.scenarios[s].inflows.len(), 2);
        // Ids stay unique.

        let t = plan.add_scenario("b");
        assert_ne!(plan.scenarios[s].id, plan.scenarios[t].id);
        plan.remove_scenario(s);
        assert_eq!(plan.scenarios.len(), 1);
    }

    #[test]
    fn edge_cases() {
        let mut plan = speech_example();
        // December: nothing left to project; the year end is the actual.
        plan.month = 12;
        let p = total(
            &plan,
            0,
            Some(&scenario(vec![uniform(None, "registered", "5000")])),
        );
        assert_eq!(p.year_end(), Some(d("26023")));
        assert_eq!(needed_for(Some(d("1")), Some(d("2")), d("100"), 12), None);
        // Negative months (撤资) lower the cumulative.
        let mut plan = speech_example();
        plan.month = 10;
        let p = total(
            &plan,
            0,
            Some(&scenario(vec![uniform(None, "registered", "-100")])),
        );
        assert_eq!(p.year_end(), Some(d("25823")));
        // Zero pace: nothing in so far, nothing projected; the target is not reached this year,
        // and a target already met counts as reached.
        let mut plan = speech_example();
        plan.set_value(
            1,
            "registered",
            &crate::engine::edit::Field::Actual,
            Some(Decimal::ZERO),
        );
        let report = Report::new(&plan);
        let unit = project(&plan, &report, 0, Some(1), None).unwrap();
        assert_eq!(unit.year_end(), Some(Decimal::ZERO));
        assert_eq!(
            unit.first_reached(Some(d("24000"))),
            Some(Reached::NotThisYear)
        );
        assert_eq!(
            unit.first_reached(Some(Decimal::ZERO)),
            Some(Reached::Already)
        );
        assert_eq!(unit.completion(Some(d("24000"))), Some(Decimal::ZERO));
        // Needed for X%.
        assert_eq!(
            needed_for(Some(d("26023")), Some(d("42410")), d("100"), 7),
            Some(Need::Amount(d("3277.4")))
        );
        assert_eq!(
            needed_for(Some(d("50000")), Some(d("42410")), d("100"), 7),
            Some(Need::Done)
        );
        assert_eq!(
            needed_for(Some(d("26023")), Some(d("42410")), d("80"), 7),
            Some(Need::Amount(d("1581")))
        );
    }

    #[test]
    fn the_comparison_starts_with_the_run_rate_then_each_scenario() {
        let mut plan = crate::engine::example::speech_example();
        plan.add_scenario("方案1");
        let report = Report::new(&plan);
        let rows = comparison(&plan, &report, 1, 10);
        assert_eq!(rows.len(), 2);
        let run_rate = &rows[0];
        assert_eq!(run_rate.scenario, None);
        // SPEC §7: the arrived run rate 16769 → 71.48% / 49.25%, reached in neither tier.
        assert_eq!(
            run_rate.year_end.map(|x| round_half_away(x, 0)),
            Some(Decimal::from(16769))
        );
        let percent = |t: usize| {
            run_rate.tiers[t]
                .completion
                .map(crate::engine::round::round2)
        };
        assert_eq!(percent(0), Some(Decimal::new(7148, 2)));
        assert_eq!(percent(1), Some(Decimal::new(4925, 2)));
        assert_eq!(run_rate.tiers[0].reached, Some(Reached::NotThisYear));
        assert!(run_rate.tiers[0]
            .against_schedule
            .is_some_and(|a| a < Decimal::ZERO));
        // A scenario with nothing set is the run rate.
        assert_eq!(rows[1].scenario, Some(0));
        assert_eq!(rows[1].year_end, run_rate.year_end);
        assert!(comparison(&plan, &report, 9, 10).is_empty());
    }
}
