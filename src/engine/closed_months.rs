//! A year in one plan (SPEC §8): the months a plan has closed (`Plan::history`), closing the data
//! month, the plan as it was at a closed month, and targets revised after a month was closed.
//!
//! A closed month keeps every unit's year-to-date figures (`actual`, `carryover`, `lastYear`)
//! by unit id and metric id, and a target only where it differed from the plan's target now
//! (a target revised mid-year, 调整目标). Ids the plan no longer has are kept and take part in no
//! figure.

use super::plan::{Figure, Plan};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One closed month of a plan: each unit's figures at the end of that month.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClosedMonth {
    /// The data month that was closed (1–11), below the plan's `month`.
    pub month: u32,
    /// Unit id → metric id → the figure then, without `monthly`; `targets` only where they
    /// differed from the plan's now. A unit that had no figure then is present and empty.
    pub units: BTreeMap<String, BTreeMap<String, Figure>>,
}

/// The figure as a closed month keeps it: the year-to-date amounts, no targets, no months.
fn year_to_date(figure: &Figure) -> Figure {
    Figure {
        actual: figure.actual,
        carryover: figure.carryover,
        last_year: figure.last_year,
        targets: BTreeMap::new(),
        monthly: Vec::new(),
    }
}

/// `plan` with its data month closed ("开始下月", SPEC §8): the year-to-date figures of every
/// unit go into `history` under the data month, the data month moves on by one (with the title's
/// month when it named it), and `actual` and `lastYear` are cleared for entry. Carry-overs,
/// targets, units, groups, settings, scenarios and monthly entries stay. `None` in December.
pub fn close_month(plan: &Plan) -> Option<Plan> {
    if plan.month >= 12 {
        return None;
    }
    let units = plan
        .units
        .iter()
        .map(|unit| {
            let figures = unit
                .figures
                .iter()
                .map(|(metric, figure)| (metric.clone(), year_to_date(figure)))
                .filter(|(_, figure)| !figure.is_empty())
                .collect();
            (unit.id.clone(), figures)
        })
        .collect();
    let mut next = plan.clone();
    next.history.retain(|closed| closed.month < plan.month);
    next.history.push(ClosedMonth {
        month: plan.month,
        units,
    });
    next.set_data_month(plan.month.saturating_add(1));
    for unit in &mut next.units {
        let unit = Arc::make_mut(unit);
        for figure in unit.figures.values_mut() {
            figure.actual = None;
            figure.last_year = None;
        }
        unit.figures.retain(|_, f| !f.is_empty());
    }
    Some(next)
}

/// `history` in month order (months 1–12; a month twice is kept once). Not a sort: a sort would
/// cost the page's wasm some 19 kB for at most twelve items.
pub fn in_month_order(history: &[ClosedMonth]) -> Vec<&ClosedMonth> {
    (1..=12)
        .filter_map(|month| history.iter().find(|c| c.month == month))
        .collect()
}

/// The latest closed month before the data month: what 比上月 compares with.
pub fn previous_month(plan: &Plan) -> Option<u32> {
    plan.history
        .iter()
        .map(|closed| closed.month)
        .filter(|&month| month < plan.month)
        .max()
}

/// The closed month the data month follows, while no actual has been entered for the data month
/// (right after 开始下月): the page says so, or every card at — reads as figures lost (a
/// tester's). `None` once any unit has an actual, or with no closed month before.
pub fn month_awaiting_figures(plan: &Plan) -> Option<u32> {
    let closed = previous_month(plan)?;
    let nothing_entered = plan
        .units
        .iter()
        .all(|u| u.figures.values().all(|f| f.actual.is_none()));
    nothing_entered.then_some(closed)
}

/// The plan as it was at the closed `month`: that month as the data month, the units that had
/// figures then (in today's order, with today's names and groups), their figures then, targets
/// as they were (today's where the month kept none), monthly entries up to that month, and
/// only the months closed before it. `None` when `month` is not closed.
pub fn plan_at(plan: &Plan, month: u32) -> Option<Plan> {
    let closed = plan.history.iter().find(|c| c.month == month)?;
    let mut then = plan.clone();
    then.history.retain(|c| c.month < month);
    then.set_data_month(month);
    let months = usize::try_from(month).unwrap_or(12);
    then.units = plan
        .units
        .iter()
        .filter_map(|unit| {
            let figures_then = closed.units.get(&unit.id)?;
            let mut unit = (**unit).clone();
            let metrics: Vec<String> = unit
                .figures
                .keys()
                .chain(figures_then.keys())
                .cloned()
                .collect();
            for metric in metrics {
                let now = unit.figures.get(&metric).cloned().unwrap_or_default();
                let past = figures_then.get(&metric);
                let mut targets = now.targets.clone();
                if let Some(past) = past {
                    targets.extend(past.targets.iter().map(|(t, v)| (t.clone(), *v)));
                }
                let figure = Figure {
                    actual: past.and_then(|p| p.actual),
                    carryover: past.and_then(|p| p.carryover),
                    last_year: past.and_then(|p| p.last_year),
                    targets,
                    monthly: now.monthly.iter().take(months).copied().collect(),
                };
                if figure.is_empty() {
                    unit.figures.remove(&metric);
                } else {
                    unit.figures.insert(metric, figure);
                }
            }
            Some(Arc::new(unit))
        })
        .collect();
    Some(then)
}

/// Writes the figures of `then` (the plan as it was at the closed `month`, `plan_at`, after an
/// edit: "修改已结月份") back into that closed month: each unit's `actual`, `carryover` and
/// `lastYear`, and its targets where they differ from the plan's now. Names, groups, units
/// added or removed and monthly entries belong to the plan, not to a month, and are not written.
/// Nothing happens when `month` is not closed.
pub fn write_back(plan: &mut Plan, month: u32, then: &Plan) {
    let Plan { units, history, .. } = plan;
    let Some(closed) = history.iter_mut().find(|c| c.month == month) else {
        return;
    };
    for unit in &then.units {
        let Some(figures) = closed.units.get_mut(&unit.id) else {
            continue;
        };
        let now = units.iter().find(|u| u.id == unit.id);
        figures.clear();
        for (metric, figure) in &unit.figures {
            let mut kept = year_to_date(figure);
            kept.targets = figure
                .targets
                .iter()
                .filter(|(tier, value)| {
                    now.and_then(|u| u.figure(metric))
                        .and_then(|f| f.target(tier))
                        != Some(**value)
                })
                .map(|(tier, value)| (tier.clone(), *value))
                .collect();
            if !kept.is_empty() {
                figures.insert(metric.clone(), kept);
            }
        }
    }
}

/// Why plans cannot be joined into one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinRefusal {
    /// Fewer than two plans.
    TooFew,
    /// Plans of different years.
    Years(Vec<i32>),
    /// Two plans of the same data month.
    MonthTwice(u32),
    /// The plan of `month` measures `metric` (the joined plan's name) in `then`, the latest plan
    /// in `now` (万美元 against 亿美元): its figures would be read as the other's.
    Units {
        month: u32,
        metric: String,
        then: String,
        now: String,
    },
}

/// What a join matched: per earlier plan (by its data month), the units matched to the joined
/// plan's units (by id, else by name) and those not matched, which are kept under their own ids
/// (SPEC §8: ids the plan does not have are kept and take part in no figure).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Joined {
    /// The data months joined, ascending; the last is the joined plan's.
    pub months: Vec<u32>,
    /// Per closed month: how many units were matched, and the names of those not matched.
    pub matched: Vec<(u32, usize, Vec<String>)>,
    /// Months between the first and the last joined that no plan has (their 当月 is then
    /// undefined for the month after).
    pub missing: Vec<u32>,
}

/// Joins plans of one year made one per month (the old 开始下月) into one plan with history
/// ("合并为一个计划"): the plan of the latest month is the plan, each earlier plan becomes a
/// closed month of it — its units' year-to-date figures by the matched unit's id (else its own),
/// its metrics by id, else by name, and its targets where they differ from the plan's. Plans'
/// own closed months are kept when no plan of that month is joined.
pub fn join(plans: &[Plan]) -> Result<(Plan, Joined), JoinRefusal> {
    if plans.len() < 2 {
        return Err(JoinRefusal::TooFew);
    }
    let mut years: Vec<i32> = plans.iter().map(|p| p.year).collect();
    years.dedup();
    if years.iter().any(|&y| Some(&y) != years.first()) {
        years.sort_unstable();
        years.dedup();
        return Err(JoinRefusal::Years(years));
    }
    let mut ordered: Vec<&Plan> = Vec::with_capacity(plans.len());
    for month in 1..=12u32 {
        let of_month: Vec<&Plan> = plans.iter().filter(|p| p.month == month).collect();
        if of_month.len() > 1 {
            return Err(JoinRefusal::MonthTwice(month));
        }
        ordered.extend(of_month);
    }
    let Some((&latest, earlier)) = ordered.split_last() else {
        return Err(JoinRefusal::TooFew);
    };
    let mut joined = latest.clone();
    let months: Vec<u32> = ordered.iter().map(|p| p.month).collect();
    let (first, last) = (
        months.first().copied().unwrap_or(1),
        months.last().copied().unwrap_or(1),
    );
    // A month the latest plan closed itself is not missing (its own record stays).
    let closed_already = |m: &u32| latest.history.iter().any(|c| c.month == *m);
    let mut report = Joined {
        missing: (first..last)
            .filter(|m| !months.contains(m) && !closed_already(m))
            .collect(),
        months,
        matched: Vec::new(),
    };
    // Amounts in different units would be joined as the same numbers (a tester's 0.7亿 beside
    // 6000万, 当月 −0.30).
    for old in earlier {
        for metric in &old.metrics {
            let now = latest
                .metrics
                .iter()
                .find(|m| m.id == metric.id)
                .or_else(|| latest.metrics.iter().find(|m| m.name == metric.name));
            if let Some(now) = now {
                let (then_unit, now_unit) = (old.measure_unit(metric), latest.measure_unit(now));
                if then_unit != now_unit {
                    return Err(JoinRefusal::Units {
                        month: old.month,
                        metric: now.name.clone(),
                        then: then_unit.label(),
                        now: now_unit.label(),
                    });
                }
            }
        }
    }
    for old in earlier {
        let metric_id = |id: &str| -> String {
            let name = old
                .metrics
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.name.as_str());
            latest
                .metrics
                .iter()
                .find(|m| m.id == id)
                .or_else(|| {
                    latest
                        .metrics
                        .iter()
                        .find(|m| Some(m.name.as_str()) == name)
                })
                .map_or_else(|| id.to_string(), |m| m.id.clone())
        };
        let mut units = BTreeMap::new();
        let mut matched = 0usize;
        let mut unmatched = Vec::new();
        for unit in &old.units {
            // A unit already taken by another of this plan's units (甲 and "甲 ") is not matched
            // again: the second would overwrite the first's figures.
            let free = |u: &&Arc<super::plan::Unit>| !units.contains_key(&u.id);
            let now = latest
                .units
                .iter()
                .filter(free)
                .find(|u| u.id == unit.id)
                .or_else(|| {
                    latest
                        .units
                        .iter()
                        .filter(free)
                        .find(|u| u.name.trim() == unit.name.trim())
                });
            match now {
                Some(_) => matched = matched.saturating_add(1),
                None => unmatched.push(unit.name.clone()),
            }
            let id = now.map_or_else(|| unit.id.clone(), |u| u.id.clone());
            let figures: BTreeMap<String, Figure> = unit
                .figures
                .iter()
                .map(|(metric, figure)| {
                    let metric = metric_id(metric);
                    let mut kept = year_to_date(figure);
                    kept.targets = figure
                        .targets
                        .iter()
                        .filter(|(tier, value)| {
                            now.and_then(|u| u.figure(&metric))
                                .and_then(|f| f.target(tier))
                                != Some(**value)
                        })
                        .map(|(tier, value)| (tier.clone(), *value))
                        .collect();
                    (metric, kept)
                })
                .filter(|(_, f)| !f.is_empty())
                .collect();
            units.insert(id, figures);
        }
        joined.history.retain(|c| c.month != old.month);
        joined.history.push(ClosedMonth {
            month: old.month,
            units,
        });
        for ((month, unit), text) in &old.notes {
            joined
                .notes
                .entry((*month, unit.clone()))
                .or_insert_with(|| text.clone());
        }
        report.matched.push((old.month, matched, unmatched));
    }
    joined.history = in_month_order(&joined.history)
        .into_iter()
        .cloned()
        .collect();
    Ok((joined, report))
}

/// Keeps the targets closed months had when an edit from `before` to `after` revises them: a
/// closed month that kept no target of its own had the one `before` had, so that one is written
/// into it; a target a closed month kept that equals the revised one is dropped (SPEC §8: an
/// entry keeps a target only where it differed). Units the edit did not touch (the same
/// `Arc`) are skipped, so a keystroke costs one unit.
pub fn keep_revised_targets(before: &Plan, after: &mut Plan) {
    if after.history.is_empty() {
        return;
    }
    let Plan { units, history, .. } = after;
    for (i, unit) in units.iter().enumerate() {
        // Most units are the same `Arc` at the same place: skipped without a search, so a
        // keystroke in a large plan costs one pass, not one search per unit.
        if before
            .units
            .get(i)
            .is_some_and(|old| Arc::ptr_eq(old, unit))
        {
            continue;
        }
        let Some(old) = before.units.iter().find(|u| u.id == unit.id) else {
            continue;
        };
        if Arc::ptr_eq(old, unit) {
            continue;
        }
        for closed in history.iter_mut() {
            let Some(figures) = closed.units.get_mut(&unit.id) else {
                continue;
            };
            for (metric, old_figure) in &old.figures {
                for (tier, old_target) in &old_figure.targets {
                    let new_target = unit.figure(metric).and_then(|f| f.target(tier));
                    if new_target == Some(*old_target) {
                        continue;
                    }
                    let then = figures.entry(metric.clone()).or_default();
                    then.targets.entry(tier.clone()).or_insert(*old_target);
                }
            }
            for (metric, then) in figures.iter_mut() {
                then.targets.retain(|tier, value| {
                    unit.figure(metric).and_then(|f| f.target(tier)) != Some(*value)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::amount_unit::AmountUnit;
    use crate::engine::example::speech_example;
    use rust_decimal::Decimal;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn closing_keeps_the_month_and_clears_the_year_to_date() {
        let plan = speech_example();
        let next = close_month(&plan).expect("July has a next month");
        assert_eq!(next.month, 8);
        assert_eq!(next.title, "全市利用外资 1-8月");
        assert_eq!(next.history.len(), 1);
        let closed = &next.history[0];
        assert_eq!(closed.month, 7);
        assert_eq!(closed.units.len(), plan.units.len());
        for (before, after) in plan.units.iter().zip(&next.units) {
            let then = &closed.units[&before.id];
            for (metric, figure) in &before.figures {
                assert_eq!(then[metric].actual, figure.actual);
                assert_eq!(then[metric].last_year, figure.last_year);
                assert!(then[metric].targets.is_empty());
                let now = after.figure(metric).expect("targets keep the figure");
                assert_eq!(now.actual, None);
                assert_eq!(now.last_year, None);
                assert_eq!(now.carryover, figure.carryover);
                assert_eq!(now.targets, figure.targets);
            }
        }
        // The plan as it was at 7 is the plan before closing, to the figure.
        let then = plan_at(&next, 7).expect("7 is closed");
        assert_eq!(then.month, 7);
        assert_eq!(then.title, plan.title);
        assert_eq!(then.units, plan.units);
        assert!(then.history.is_empty());
        assert_eq!(previous_month(&next), Some(7));
        assert_eq!(previous_month(&plan), None);
        assert_eq!(plan_at(&next, 6), None);
        let mut december = plan.clone();
        december.month = 12;
        assert_eq!(close_month(&december), None);
    }

    #[test]
    fn a_target_revised_after_closing_stays_as_it_was_in_the_closed_month() {
        let plan = speech_example();
        let next = close_month(&plan).unwrap();
        let mut revised = next.clone();
        let unit = Arc::make_mut(&mut revised.units[0]);
        let figure = unit.figures.get_mut("registered").unwrap();
        let old = figure.targets["assessment"];
        figure.targets.insert("assessment".into(), dec("50000"));
        keep_revised_targets(&next, &mut revised);
        let kept = &revised.history[0].units[&plan.units[0].id]["registered"];
        assert_eq!(kept.targets.get("assessment"), Some(&old));
        let then = plan_at(&revised, 7).unwrap();
        assert_eq!(then.units, plan.units, "July reads as it was");

        // Revised back: the closed month keeps no target of its own again.
        let mut back = revised.clone();
        let unit = Arc::make_mut(&mut back.units[0]);
        unit.figures
            .get_mut("registered")
            .unwrap()
            .targets
            .insert("assessment".into(), old);
        keep_revised_targets(&revised, &mut back);
        assert!(back.history[0].units[&plan.units[0].id]["registered"]
            .targets
            .is_empty());
    }

    #[test]
    fn an_edit_of_a_closed_month_is_written_back_into_it() {
        let plan = speech_example();
        let next = close_month(&plan).unwrap();
        let mut then = plan_at(&next, 7).unwrap();
        let devzone = Arc::make_mut(&mut then.units[1]);
        let figure = devzone.figures.get_mut("registered").unwrap();
        figure.actual = Some(dec("15000"));
        figure.targets.insert("stretch".into(), dec("36000"));
        devzone.name = "改名".into();
        let mut edited = next.clone();
        write_back(&mut edited, 7, &then);
        let july = plan_at(&edited, 7).unwrap();
        let figure = july.units[1].figure("registered").unwrap();
        assert_eq!(figure.actual, Some(dec("15000")));
        assert_eq!(figure.target("stretch"), Some(dec("36000")));
        // The target now is untouched, and so is the name (a plan's, not a month's).
        assert_eq!(
            edited.units[1]
                .figure("registered")
                .unwrap()
                .target("stretch"),
            Some(dec("35000"))
        );
        assert_eq!(july.units[1].name, "开发区");
        // Written back unchanged, the month is as it was.
        let mut same = next.clone();
        write_back(&mut same, 7, &plan_at(&next, 7).unwrap());
        assert_eq!(same, next);
    }

    #[test]
    fn plans_made_one_per_month_join_into_one_with_history() {
        // The old 开始下月 made a second plan for August; a unit was renamed in August's.
        let july = speech_example();
        let mut august = close_month(&july).unwrap();
        august.history.clear();
        Arc::make_mut(&mut august.units[1])
            .figures
            .get_mut("registered")
            .unwrap()
            .actual = Some(dec("15000"));
        let mut old_july = july.clone();
        Arc::make_mut(&mut old_july.units[1]).id = "dz".into(); // a different id, the same name
        let (joined, report) = join(&[august.clone(), old_july]).unwrap();
        assert_eq!(report.months, [7, 8]);
        assert_eq!(report.matched, [(7, 2, Vec::<String>::new())]);
        assert!(report.missing.is_empty());
        assert_eq!(joined.month, 8);
        let then = plan_at(&joined, 7).unwrap();
        assert_eq!(then.units, july.units, "July as the July plan had it");
        // A month no plan has is said.
        let mut september = august.clone();
        september.month = 9;
        let (_, report) = join(&[july.clone(), september]).unwrap();
        assert_eq!(report.missing, [8]);
        // Refusals.
        assert_eq!(join(std::slice::from_ref(&july)), Err(JoinRefusal::TooFew));
        assert_eq!(
            join(&[july.clone(), july.clone()]),
            Err(JoinRefusal::MonthTwice(7))
        );
        let mut other_year = august.clone();
        other_year.year = 2025;
        assert_eq!(
            join(&[july.clone(), other_year]),
            Err(JoinRefusal::Years(vec![2025, 2026]))
        );
    }

    /// Found by a hostile tester: a June plan in 万美元 joined to a July plan in 亿美元 read 6000
    /// as 6000亿 (当月 −0.30); two June units named 甲 and "甲 " both went to July's 甲, the
    /// second's figures over the first's; and a June the July plan had closed itself was said
    /// to be missing.
    #[test]
    fn a_join_refuses_other_units_matches_each_unit_once_and_knows_its_own_closed_months() {
        let july = speech_example();
        let mut june = july.clone();
        june.month = 6;
        june.unit = AmountUnit::parse("亿美元").unwrap();
        assert_eq!(
            join(&[june.clone(), july.clone()]),
            Err(JoinRefusal::Units {
                month: 6,
                metric: july.metrics[0].name.clone(),
                then: "亿美元".into(),
                now: "万美元".into(),
            })
        );
        let mut june = july.clone();
        june.month = 6;
        let mut twin = (*june.units[1]).clone();
        twin.id = "twin".into();
        twin.name = format!("{} ", twin.name);
        june.units.push(Arc::new(twin));
        let (joined, report) = join(&[june, july.clone()]).unwrap();
        assert_eq!(report.matched[0].2, [format!("{} ", july.units[1].name)]);
        let closed = &joined.history[0].units;
        assert!(closed.contains_key(&july.units[1].id) && closed.contains_key("twin"));
        // May closed inside the July plan, and a May plan joined with it: nothing is missing.
        let mut may = july.clone();
        may.month = 5;
        let mut july_with_june = july.clone();
        july_with_june.history.push(ClosedMonth {
            month: 6,
            units: BTreeMap::new(),
        });
        let (_, report) = join(&[may, july_with_june]).unwrap();
        assert!(report.missing.is_empty(), "{:?}", report.missing);
    }

    #[test]
    fn a_unit_added_after_closing_is_not_in_the_closed_month() {
        let plan = speech_example();
        let mut next = close_month(&plan).unwrap();
        next.units
            .push(Arc::new(crate::engine::plan::Unit::new("new", "新单位")));
        let then = plan_at(&next, 7).unwrap();
        assert!(then.units.iter().all(|u| u.id != "new"));
        assert_eq!(then.units.len(), plan.units.len());
    }
}
