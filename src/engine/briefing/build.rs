//! From a report to a briefing's clauses: which figures are said, in which order. Every figure
//! is the report's (SPEC §3); a clause whose figure is undefined is not made.

use super::clause::{Amount, Carryover, Clause, GapWay, Growth, Noun, PartialSum, TierValue, Who};
use super::options::BriefingOptions;
use super::{Briefing, End, Paragraph, ParagraphKind, Sentence};
use crate::engine::amount_unit::{Magnitude, MeasureUnit};
use crate::engine::compare::{count_change, gap_trend, GapTrend, LastMonth};
use crate::engine::counts::{Counts, TierCount};
use crate::engine::figures::Need;
use crate::engine::line::{MetricFigures, YearOnYearWithheld};
use crate::engine::plan::{Metric, Plan, Tier, Unit, DEFAULT_TOTAL_NAME};
use crate::engine::report::Report;
use crate::engine::round::{round2, round_up_to_power};
use rust_decimal::Decimal;

pub(super) fn briefing(
    plan: &Plan,
    report: &Report,
    options: &BriefingOptions,
    last: Option<&LastMonth>,
) -> Briefing {
    let mut paragraphs = Vec::new();
    paragraphs.extend(totals(plan, report, last));
    paragraphs.extend((0..plan.metrics.len()).filter_map(|m| pace(plan, report, options, m)));
    paragraphs.extend(
        plan.units
            .iter()
            .enumerate()
            .filter(|(_, unit)| !unit.total && options.units.contains(&unit.id))
            .filter_map(|(i, unit)| unit_paragraph(plan, report, i, unit)),
    );
    let ticked_groups: Vec<_> = report
        .groups
        .iter()
        .filter(|g| options.groups.contains(&g.name))
        .collect();
    paragraphs.extend(ticked_groups.iter().filter_map(|group| {
        let who = Who::Group {
            name: group.name.clone(),
            // The units its figures sum (`report::summed_members`), not those inside another.
            units: group.summed,
            whole: whole_name(plan),
        };
        figures_paragraph(
            plan,
            report,
            ParagraphKind::Group {
                name: group.name.clone(),
            },
            who,
            &group.subtotal,
            |m| {
                let missing = *group.not_reported.get(m)?;
                PartialSum::of(group.summed, missing)
            },
        )
    }));
    // The counts over all units, unless a ticked group already holds every unit.
    if !ticked_groups
        .iter()
        .any(|g| g.members.len() == report.units.len())
    {
        let then = last.map(|l| (&l.report.counts, (!l.consecutive).then_some(l.month)));
        paragraphs.extend(counts(plan, &report.counts, then, None));
    }
    paragraphs.extend(ticked_groups.iter().filter_map(|g| {
        let then = last.and_then(|l| {
            let than = (!l.consecutive).then_some(l.month);
            Some((l.counts(Some(&g.name))?, than))
        });
        counts(plan, &g.counts, then, Some(&g.name))
    }));
    if options.notes {
        let sentences = plan
            .notes_of_month()
            .into_iter()
            .filter_map(|(i, text)| {
                Some(vec![Clause::Note {
                    unit: unit_name(plan.units.get(i)?),
                    // The sentence's end is the renderer's.
                    text: text.trim_end_matches(['。', '；', '.', ';']).to_string(),
                }])
            })
            .collect();
        paragraphs.extend(paragraph(ParagraphKind::Notes, None, sentences, End::Stop));
    }
    Briefing { paragraphs }
}

/// A paragraph of `sentences` (each a list of clauses), leaving out those that say nothing,
/// with `lead` before the first and `joiner` between them; `None` when nothing is left.
fn paragraph(
    kind: ParagraphKind,
    lead: Option<Clause>,
    sentences: Vec<Vec<Clause>>,
    joiner: End,
) -> Option<Paragraph> {
    let mut kept: Vec<Vec<Clause>> = sentences
        .into_iter()
        .filter(|clauses| clauses.iter().any(|c| !c.is_lead()))
        .collect();
    if let (Some(lead), Some(first)) = (lead, kept.first_mut()) {
        first.insert(0, lead);
    }
    let last = kept.len().checked_sub(1)?;
    let sentences = kept
        .into_iter()
        .enumerate()
        .map(|(i, clauses)| Sentence {
            clauses,
            end: if i == last { End::Stop } else { joiner },
        })
        .collect();
    Some(Paragraph { kind, sentences })
}

/// A name as entered, else the id, else `default`: the prose never has an empty name.
fn name_or(name: &str, id: &str, default: &str) -> String {
    [name, id]
        .into_iter()
        .map(str::trim)
        .find(|n| !n.is_empty())
        .unwrap_or(default)
        .to_string()
}

fn metric_name(metric: &Metric) -> String {
    name_or(&metric.name, &metric.id, "指标")
}

fn tier_name(tier: &Tier) -> String {
    name_or(&tier.name, &tier.id, "目标")
}

fn unit_name(unit: &Unit) -> String {
    name_or(&unit.name, &unit.id, "未命名单位")
}

fn unit_names(plan: &Plan, units: &[usize]) -> Vec<String> {
    units
        .iter()
        .filter_map(|&u| plan.units.get(u))
        .map(|u| unit_name(u))
        .collect()
}

/// The whole's name: 全市, 全县 … (`Plan::total_name`).
fn whole_name(plan: &Plan) -> String {
    plan.total_name().unwrap_or(DEFAULT_TOTAL_NAME).to_string()
}

fn amount(plan: &Plan, metric: &Metric, value: Decimal) -> Amount {
    Amount {
        value,
        unit: plan.measure_unit(metric),
        decimals: plan.amount_decimals(metric),
    }
}

/// The tiers a row has a target for (a target of 0 gives no completion, like a missing one).
fn tiers_in_play<'a>(plan: &'a Plan, figures: &MetricFigures) -> Vec<(usize, &'a Tier)> {
    plan.tiers
        .iter()
        .enumerate()
        .filter(|(t, _)| {
            figures
                .tiers
                .get(*t)
                .and_then(|f| f.target)
                .is_some_and(|target| !target.is_zero())
        })
        .collect()
}

/// 同比: the rate, 新增 from a base of 0, 上年同期为负; nothing when it cannot be said (a
/// missing base, or a sum whose two years do not cover the same units).
fn growth(figures: &MetricFigures) -> Option<Clause> {
    if let Some(rate) = figures.year_on_year {
        return Some(Clause::Growth(Growth::Rate(rate)));
    }
    match figures.year_on_year_withheld {
        Some(YearOnYearWithheld::NegativeLastYear) => Some(Clause::Growth(Growth::NegativeBase)),
        Some(_) => None,
        None => match (figures.line.actual, figures.line.last_year) {
            (Some(actual), Some(last)) if last.is_zero() && actual > Decimal::ZERO => {
                Some(Clause::Growth(Growth::New))
            }
            _ => None,
        },
    }
}

fn completion(plan: &Plan, figures: &MetricFigures) -> Option<Clause> {
    let values: Vec<TierValue<Decimal>> = tiers_in_play(plan, figures)
        .into_iter()
        .filter_map(|(t, tier)| {
            Some(TierValue {
                tier: tier_name(tier),
                value: figures.tiers.get(t)?.completion?,
            })
        })
        .collect();
    (!values.is_empty()).then_some(Clause::Completion(values))
}

/// 超…序时进度 / 离…序时进度还相差 / 达到…序时进度, tiers of the same sign together, in the
/// order their first tier comes.
fn schedule_gaps(plan: &Plan, figures: &MetricFigures) -> Vec<Clause> {
    let mut ahead = Vec::new();
    let mut behind = Vec::new();
    let mut even = Vec::new();
    let mut order: Vec<std::cmp::Ordering> = Vec::new();
    for (t, tier) in tiers_in_play(plan, figures) {
        let Some(gap) = figures.tiers.get(t).and_then(|f| f.schedule_gap) else {
            continue;
        };
        let sign = round2(gap).cmp(&Decimal::ZERO);
        let value = TierValue {
            tier: tier_name(tier),
            value: gap,
        };
        match sign {
            std::cmp::Ordering::Greater => ahead.push(value),
            std::cmp::Ordering::Less => behind.push(value),
            std::cmp::Ordering::Equal => even.push(value.tier),
        }
        if !order.contains(&sign) {
            order.push(sign);
        }
    }
    let mut clauses = Vec::new();
    for sign in order {
        clauses.push(match sign {
            std::cmp::Ordering::Greater => Clause::Ahead(std::mem::take(&mut ahead)),
            std::cmp::Ordering::Less => Clause::Behind(std::mem::take(&mut behind)),
            std::cmp::Ordering::Equal => Clause::OnSchedule(std::mem::take(&mut even)),
        });
    }
    clauses
}

/// 与…序时进度的差距比上月缩小/扩大…: the tiers behind the schedule in both months (SPEC §8),
/// narrowed first; the others say nothing here.
fn gap_changes(
    plan: &Plan,
    now: &MetricFigures,
    then: Option<&MetricFigures>,
    than: Option<u32>,
) -> Vec<Clause> {
    // The tiers of each way, the ways in the order of their first tier (as the sentence before
    // reads the tiers: 超考核…，离加压…); a tier unchanged is not said.
    let mut moved: Vec<(GapWay, Vec<TierValue<Decimal>>)> = Vec::new();
    for (t, tier) in tiers_in_play(plan, now) {
        let gap = |f: &MetricFigures| f.tiers.get(t).and_then(|x| x.schedule_gap);
        let (way, points) = match gap_trend(gap(now), then.and_then(gap)) {
            Some(GapTrend::Narrowed(v)) => (GapWay::Narrowed, v),
            Some(GapTrend::Widened(v)) => (GapWay::Widened, v),
            Some(GapTrend::LeadGrew(v)) => (GapWay::LeadGrew, v),
            Some(GapTrend::LeadShrank(v)) => (GapWay::LeadShrank, v),
            Some(GapTrend::Crossed(v)) if v.is_sign_negative() => (GapWay::FellBehind, v.abs()),
            Some(GapTrend::Crossed(v)) => (GapWay::MovedAhead, v),
            Some(GapTrend::Unchanged) | None => continue,
        };
        let value = TierValue {
            tier: tier_name(tier),
            value: points,
        };
        match moved.iter_mut().find(|(w, _)| *w == way) {
            Some((_, tiers)) => tiers.push(value),
            None => moved.push((way, vec![value])),
        }
    }
    moved
        .into_iter()
        .map(|(way, tiers)| Clause::GapChange { way, tiers, than })
        .collect()
}

/// 1-7月份，全市新批注册外资2.60亿美元，分别完成…，超…；注册外资实际到帐…。
fn totals(plan: &Plan, report: &Report, last: Option<&LastMonth>) -> Option<Paragraph> {
    let sentences = plan
        .metrics
        .iter()
        .zip(&report.totals)
        .enumerate()
        .map(|(m, (metric, total))| {
            let figures = &total.figures;
            let sum = &total.units_sum;
            let mut clauses = vec![Clause::Actual {
                who: (m == 0).then(|| Who::Total(whole_name(plan))),
                metric: metric_name(metric),
                amount: figures.line.actual.map(|a| amount(plan, metric, a)),
                partial: (!total.actual_entered)
                    .then(|| PartialSum::of(sum.lines, sum.not_reported))
                    .flatten(),
            }];
            clauses.extend(growth(figures));
            clauses.extend(completion(plan, figures));
            clauses.extend(schedule_gaps(plan, figures));
            if let Some(last) = last {
                let than = (!last.consecutive).then_some(last.month);
                clauses.extend(gap_changes(
                    plan,
                    figures,
                    last.total_figures(total, m),
                    than,
                ));
            }
            clauses
        })
        .collect();
    paragraph(
        ParagraphKind::Totals,
        Some(Clause::Period { month: plan.month }),
        sentences,
        End::Semicolon,
    )
}

/// The required monthly amount as the prose gives it: rounded up to a whole hundred 万 when
/// the option says so (amounts only; a count keeps its figure), else as it is.
fn future_amount(plan: &Plan, metric: &Metric, options: &BriefingOptions, x: Decimal) -> Amount {
    let unit = plan.measure_unit(metric);
    let value = match (&unit, options.round_up_to_hundred) {
        (MeasureUnit::Amount(a), true) => {
            // A hundred 万 is 10² in a 万 unit and 10⁻² in a 亿 unit.
            let power = match a.magnitude {
                Magnitude::Wan => 2,
                Magnitude::Yi => -2,
            };
            round_up_to_power(x, power).unwrap_or(x)
        }
        _ => x,
    };
    Amount {
        value,
        unit,
        decimals: plan.amount_decimals(metric),
    }
}

/// 从X看，平均月到帐…，而按全年目标每月应平均到帐…，月均少…。在接下来的n个月中，…。
fn pace(plan: &Plan, report: &Report, options: &BriefingOptions, m: usize) -> Option<Paragraph> {
    let metric = plan.metrics.get(m)?;
    let total = report.totals.get(m)?;
    let details = &total.details;
    let tiers = tiers_in_play(plan, &total.figures);
    let arrival = metric.is_arrival();
    let amount = |x: Decimal| amount(plan, metric, x);
    // A clause that reads its tiers without naming them (按全年目标…X和Y) needs every one.
    let every_tier = |f: &dyn Fn(usize) -> Option<Decimal>| -> Option<Vec<TierValue<Amount>>> {
        if tiers.is_empty() {
            return None;
        }
        tiers
            .iter()
            .map(|&(t, tier)| {
                Some(TierValue {
                    tier: tier_name(tier),
                    value: amount(f(t)?),
                })
            })
            .collect()
    };

    let mut so_far = Vec::new();
    if let Some(pace) = details.pace_so_far {
        let carryover = total
            .figures
            .line
            .carryover
            .filter(|c| options.carryover_note && *c > Decimal::ZERO)
            .map(|c| Carryover {
                amount: amount(c),
                included: plan.settings.carryover_in_pace,
            });
        so_far.push(Clause::Pace {
            arrival,
            amount: amount(pace),
            carryover,
        });
    }
    if let Some(required) = every_tier(&|t| details.tiers.get(t)?.required_pace) {
        so_far.push(Clause::RequiredPace {
            arrival,
            after_pace: details.pace_so_far.is_some(),
            tiers: required,
        });
    }
    if let Some(shortfall) = every_tier(&|t| details.tiers.get(t)?.pace_shortfall) {
        so_far.push(Clause::PaceDifference(shortfall));
    }

    let mut met = Vec::new();
    let mut needed = Vec::new();
    for &(t, tier) in &tiers {
        let Some(d) = details.tiers.get(t) else {
            continue;
        };
        match (d.remaining, d.required_future_monthly) {
            (Some(Need::Done), _) => met.push(tier_name(tier)),
            (_, Some(Need::Amount(x))) => needed.push(TierValue {
                tier: tier_name(tier),
                value: future_amount(plan, metric, options, x),
            }),
            _ => {}
        }
    }
    let mut rest = Vec::new();
    if !met.is_empty() {
        rest.push(Clause::TargetsMet(met));
    }
    if !needed.is_empty() {
        rest.push(Clause::FutureMonthly {
            months_left: plan.months_left(),
            arrival,
            tiers: needed,
        });
    }
    paragraph(
        ParagraphKind::Pace { metric: m },
        Some(Clause::Topic {
            metric: metric_name(metric),
        }),
        vec![so_far, rest],
        End::Stop,
    )
}

/// 开发区新批注册外资1.42亿美元，同比增长33.45%，占全市完成数的54.57%，分别完成…；…。
fn figures_paragraph(
    plan: &Plan,
    report: &Report,
    kind: ParagraphKind,
    who: Who,
    rows: &[MetricFigures],
    partial: impl Fn(usize) -> Option<PartialSum>,
) -> Option<Paragraph> {
    let sentences = plan
        .metrics
        .iter()
        .zip(rows)
        .enumerate()
        .map(|(m, (metric, figures))| {
            let mut clauses = vec![Clause::Actual {
                who: (m == 0).then(|| who.clone()),
                metric: metric_name(metric),
                amount: figures.line.actual.map(|a| amount(plan, metric, a)),
                partial: partial(m),
            }];
            clauses.extend(growth(figures));
            clauses.extend(report.share(m, figures).map(|percent| Clause::Share {
                whole: whole_name(plan),
                percent,
            }));
            clauses.extend(completion(plan, figures));
            clauses
        })
        .collect();
    paragraph(kind, None, sentences, End::Semicolon)
}

fn unit_paragraph(plan: &Plan, report: &Report, index: usize, unit: &Unit) -> Option<Paragraph> {
    let row = report.row_of(index)?;
    figures_paragraph(
        plan,
        report,
        ParagraphKind::Unit { unit: index },
        Who::Unit(unit_name(unit)),
        &row.metrics,
        |_| None,
    )
}

/// 全市23个乡镇中，新批注册外资完成全年考核目标的有3个：…，达到考核目标序时进度的有9个乡镇；…；
/// 双空白的有2个：…；未报的有1个：…。
/// Per tier, the metrics whose count on schedule moved since the month compared with (`then`),
/// fewer first (the speech's 分别比上月少5个和2个乡镇).
fn on_schedule_changes(
    plan: &Plan,
    now: &Counts,
    then: &Counts,
    noun: &Noun,
    than: Option<u32>,
) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (t, tier) in plan.tiers.iter().enumerate() {
        let mut fewer = Vec::new();
        let mut more = Vec::new();
        for (m, metric) in plan.metrics.iter().enumerate() {
            let Some(now) = tier_count(now, m, t).filter(|x| x.counted > 0) else {
                continue;
            };
            let then = now
                .compared(tier_count(then, m, t))
                .map(|x| x.on_schedule.len());
            let Some(change) = count_change(now.on_schedule.len(), then) else {
                continue;
            };
            let entry = (metric_name(metric), change.unsigned_abs());
            match change.signum() {
                -1 => fewer.push(entry),
                1 => more.push(entry),
                _ => {}
            }
        }
        for (is_fewer, metrics) in [(true, fewer), (false, more)] {
            if !metrics.is_empty() {
                clauses.push(Clause::OnScheduleChange {
                    tier: tier_name(tier),
                    fewer: is_fewer,
                    metrics,
                    noun: noun.clone(),
                    than,
                });
            }
        }
    }
    clauses
}

/// The count of `metric` and `tier` (plan indices).
fn tier_count(counts: &Counts, metric: usize, tier: usize) -> Option<&TierCount> {
    counts.tiers.get(metric)?.get(tier)
}

fn counts(
    plan: &Plan,
    counts: &Counts,
    then: Option<(&Counts, Option<u32>)>,
    group: Option<&String>,
) -> Option<Paragraph> {
    if counts.units == 0 {
        return None;
    }
    let noun = group.map_or(Noun::Units, |g| Noun::Group(g.clone()));
    let mut sentences: Vec<Vec<Clause>> = plan
        .metrics
        .iter()
        .zip(&counts.tiers)
        .map(|(metric, tiers)| {
            let counted: Vec<_> = plan
                .tiers
                .iter()
                .zip(tiers)
                .filter(|(_, c)| c.counted > 0)
                .collect();
            let mut clauses: Vec<Clause> = counted
                .iter()
                .filter(|(_, c)| !c.completed.is_empty())
                .map(|(tier, c)| Clause::Completed {
                    metric: None,
                    tier: tier_name(tier),
                    units: unit_names(plan, &c.completed),
                })
                .collect();
            clauses.extend(
                counted
                    .iter()
                    .filter(|(_, c)| !c.on_schedule.is_empty())
                    .map(|(tier, c)| Clause::OnScheduleCount {
                        metric: None,
                        tier: tier_name(tier),
                        count: c.on_schedule.len(),
                        noun: noun.clone(),
                    }),
            );
            let none: Vec<String> = counted
                .iter()
                .filter(|(_, c)| c.on_schedule.is_empty())
                .map(|(tier, _)| tier_name(tier))
                .collect();
            if !none.is_empty() {
                clauses.push(Clause::NoneOnSchedule {
                    metric: None,
                    tiers: none,
                    noun: noun.clone(),
                });
            }
            // The metric's name opens its sentence.
            if let Some(
                Clause::Completed { metric: name, .. }
                | Clause::OnScheduleCount { metric: name, .. }
                | Clause::NoneOnSchedule { metric: name, .. },
            ) = clauses.first_mut()
            {
                *name = Some(metric_name(metric));
            }
            clauses
        })
        .collect();
    if let Some((then, than)) = then {
        let changes = on_schedule_changes(plan, counts, then, &noun, than);
        if !changes.is_empty() {
            sentences.push(changes);
        }
    }
    if !counts.all_zero.is_empty() {
        sentences.push(vec![Clause::AllZero {
            metrics: plan.metrics.iter().map(metric_name).collect(),
            units: unit_names(plan, &counts.all_zero),
        }]);
    }
    // Per metric when there are several: a unit read out for one metric is not 未报 as a whole
    // (a tester's 开发区, whose 新批注册外资 was just read, listed as 未报 for its 到帐).
    if !counts.not_reported.is_empty() {
        let several = plan.metrics.len() > 1;
        let clauses = plan
            .metrics
            .iter()
            .filter_map(|metric| {
                let missing: Vec<usize> = counts
                    .not_reported
                    .iter()
                    .copied()
                    .filter(|&u| {
                        plan.units
                            .get(u)
                            .and_then(|unit| unit.figure(&metric.id))
                            .and_then(|f| f.actual)
                            .is_none()
                    })
                    .collect();
                (!missing.is_empty()).then(|| Clause::NotReported {
                    metric: several.then(|| metric_name(metric)),
                    units: unit_names(plan, &missing),
                })
            })
            .collect();
        sentences.push(clauses);
    }
    paragraph(
        ParagraphKind::Counts {
            group: group.cloned(),
        },
        Some(Clause::CountScope {
            whole: whole_name(plan),
            units: counts.units,
            noun,
        }),
        sentences,
        End::Semicolon,
    )
}
