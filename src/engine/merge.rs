//! Two tabs on one plan: a three-way merge of their edits. Each tab knows the version it last
//! read or wrote (`base`); when the other tab has saved meanwhile (`theirs`), this tab's version
//! (`mine`) is merged with it part by part: a part changed on one side only takes that side's
//! value; a part changed on both sides to different values is a real conflict, left to the
//! person. So two people typing into different cells both keep their figures.
//!
//! A side that closed a month or moved the data month (SPEC §8) conflicts with any change on the
//! other side: those figures were typed for another month.
//!
//! The parts: the title, year, month, unit, settings, metrics, tiers and scenarios (each whole);
//! the list of units with their names, groups and flags (whole); and, per unit id and metric id,
//! each field of a figure (actual, carry-over, last year, each tier's target, the monthly list).

use super::plan::{Figure, Plan, Unit};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The value of one part after merging, or `None` when both sides changed it differently.
fn pick<T: Clone + PartialEq>(base: &T, mine: &T, theirs: &T) -> Option<T> {
    if mine == base || mine == theirs {
        Some(theirs.clone())
    } else if theirs == base {
        Some(mine.clone())
    } else {
        None
    }
}

/// A unit without its figures: what the list of units is made of.
#[derive(Clone, PartialEq)]
struct Shell {
    id: String,
    name: String,
    group: Option<String>,
    in_total: bool,
    total: bool,
}

fn shells(plan: &Plan) -> Vec<Shell> {
    plan.units
        .iter()
        .map(|u| Shell {
            id: u.id.clone(),
            name: u.name.clone(),
            group: u.group.clone(),
            in_total: u.in_total,
            total: u.total,
        })
        .collect()
}

fn figure<'a>(plan: &'a Plan, unit: &str, metric: &str) -> Option<&'a Figure> {
    plan.units
        .iter()
        .find(|u| u.id == unit)?
        .figures
        .get(metric)
}

/// One figure merged field by field.
fn merge_figure(base: &Figure, mine: &Figure, theirs: &Figure) -> Option<Figure> {
    let tiers: BTreeSet<&String> = base
        .targets
        .keys()
        .chain(mine.targets.keys())
        .chain(theirs.targets.keys())
        .collect();
    let mut targets = BTreeMap::new();
    for tier in tiers {
        let get = |f: &Figure| f.targets.get(tier).copied();
        if let Some(value) = pick::<Option<Decimal>>(&get(base), &get(mine), &get(theirs))? {
            targets.insert(tier.clone(), value);
        }
    }
    Some(Figure {
        actual: pick(&base.actual, &mine.actual, &theirs.actual)?,
        carryover: pick(&base.carryover, &mine.carryover, &theirs.carryover)?,
        last_year: pick(&base.last_year, &mine.last_year, &theirs.last_year)?,
        targets,
        monthly: pick(&base.monthly, &mine.monthly, &theirs.monthly)?,
    })
}

/// `mine` and `theirs`, both descended from `base`, as one plan; `None` when some part was
/// changed on both sides to different values (a real conflict).
pub fn merge(base: &Plan, mine: &Plan, theirs: &Plan) -> Option<Plan> {
    // The data month is what every figure belongs to: when one side closed a month or moved
    // the data month, the other side's figures were typed for another month, and a part-by-part
    // merge would file them under the wrong one. The person decides.
    let month_moved = |p: &Plan| p.month != base.month || p.history != base.history;
    if (month_moved(mine) || month_moved(theirs)) && mine != theirs {
        let changed = |p: &Plan| p != base;
        if changed(mine) && changed(theirs) {
            return None;
        }
    }
    let shells = pick(&shells(base), &shells(mine), &shells(theirs))?;
    // A unit one side deleted while the other typed into it: its figures would be dropped
    // without a word (a tester's 7777 for 高新区, deleted in the other tab). The person decides.
    let kept: BTreeSet<&str> = shells.iter().map(|s| s.id.as_str()).collect();
    for side in [mine, theirs] {
        for unit in side.units.iter().filter(|u| !kept.contains(u.id.as_str())) {
            let before = base.units.iter().find(|u| u.id == unit.id);
            if before.map(|u| &u.figures) != Some(&unit.figures) {
                return None;
            }
        }
    }
    let metric_ids: BTreeSet<&String> = base
        .metrics
        .iter()
        .chain(&mine.metrics)
        .chain(&theirs.metrics)
        .map(|m| &m.id)
        .collect();
    let empty = Figure::default();
    let mut units = Vec::with_capacity(shells.len());
    for shell in shells {
        let mut figures = BTreeMap::new();
        for metric in &metric_ids {
            let (b, m, t) = (
                figure(base, &shell.id, metric).unwrap_or(&empty),
                figure(mine, &shell.id, metric).unwrap_or(&empty),
                figure(theirs, &shell.id, metric).unwrap_or(&empty),
            );
            let merged = merge_figure(b, m, t)?;
            if !merged.is_empty() {
                figures.insert((*metric).clone(), merged);
            }
        }
        // Keep the unit shared with a side whose unit is exactly this (cheap undo copies).
        let unit = Unit {
            id: shell.id,
            name: shell.name,
            group: shell.group,
            in_total: shell.in_total,
            total: shell.total,
            figures,
        };
        let shared = [mine, theirs]
            .into_iter()
            .flat_map(|p| p.units.iter())
            .find(|u| ***u == unit)
            .cloned();
        units.push(shared.unwrap_or_else(|| Arc::new(unit)));
    }
    let mut merged = Plan {
        title: pick(&base.title, &mine.title, &theirs.title)?,
        year: pick(&base.year, &mine.year, &theirs.year)?,
        month: pick(&base.month, &mine.month, &theirs.month)?,
        unit: pick(&base.unit, &mine.unit, &theirs.unit)?,
        settings: pick(&base.settings, &mine.settings, &theirs.settings)?,
        metrics: pick(&base.metrics, &mine.metrics, &theirs.metrics)?,
        tiers: pick(&base.tiers, &mine.tiers, &theirs.tiers)?,
        units,
        scenarios: pick(&base.scenarios, &mine.scenarios, &theirs.scenarios)?,
        history: pick(&base.history, &mine.history, &theirs.history)?,
        notes: pick(&base.notes, &mine.notes, &theirs.notes)?,
    };
    // Inflows of units or metrics that the merged plan no longer has are dropped, as deleting
    // does (one tab removed a unit while the other planned an inflow for it).
    merged.drop_dangling_inflows();
    // Figures of metrics that the merged plan no longer has are dropped, as deleting does.
    let kept: BTreeSet<String> = merged.metrics.iter().map(|m| m.id.clone()).collect();
    for unit in &mut merged.units {
        if unit.figures.keys().any(|k| !kept.contains(k)) {
            Arc::make_mut(unit).figures.retain(|k, _| kept.contains(k));
        }
    }
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::edit::Field;
    use crate::engine::example::speech_example;

    fn set(plan: &Plan, unit: usize, metric: &str, field: Field, value: i64) -> Plan {
        let mut p = plan.clone();
        p.set_value(unit, metric, &field, Some(Decimal::from(value)));
        p
    }

    #[test]
    fn edits_to_different_cells_both_survive() {
        let base = speech_example();
        let mine = set(&base, 1, "registered", Field::Actual, 18000);
        let theirs = set(&base, 1, "arrived", Field::Actual, 5000);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(
            merged.value(1, "registered", &Field::Actual),
            Some(Decimal::from(18000))
        );
        assert_eq!(
            merged.value(1, "arrived", &Field::Actual),
            Some(Decimal::from(5000))
        );
        // The same field of the same figure, on the other hand: actual and last year differ.
        let theirs = set(&base, 1, "registered", Field::LastYear, 9000);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(
            merged.value(1, "registered", &Field::LastYear),
            Some(Decimal::from(9000))
        );
        assert_eq!(
            merged.value(1, "registered", &Field::Actual),
            Some(Decimal::from(18000))
        );
    }

    #[test]
    fn the_same_cell_changed_differently_is_a_conflict() {
        let base = speech_example();
        let mine = set(&base, 1, "registered", Field::Actual, 18000);
        let theirs = set(&base, 1, "registered", Field::Actual, 19000);
        assert_eq!(merge(&base, &mine, &theirs), None);
        // … unless both typed the same.
        let same = set(&base, 1, "registered", Field::Actual, 18000);
        assert_eq!(merge(&base, &mine, &same), Some(mine.clone()));
    }

    #[test]
    fn a_month_closed_on_one_side_and_a_figure_typed_on_the_other_is_a_conflict() {
        // Found by a tester: a figure typed for July into a blank cell in the other tab landed
        // in August (the cell was blank on both sides of the close, so it merged silently).
        let mut base = speech_example();
        Arc::make_mut(&mut base.units[1])
            .figures
            .get_mut("registered")
            .unwrap()
            .actual = None;
        let mine = crate::engine::closed_months::close_month(&base).unwrap();
        let theirs = set(&base, 1, "registered", Field::Actual, 15000);
        assert_eq!(merge(&base, &mine, &theirs), None);
        assert_eq!(merge(&base, &theirs, &mine), None);
        // With nothing typed on the other side, the close is simply taken.
        assert_eq!(merge(&base, &base, &mine), Some(mine.clone()));
        assert_eq!(merge(&base, &mine, &base), Some(mine.clone()));
    }

    #[test]
    fn a_unit_deleted_on_one_side_and_typed_into_on_the_other_is_a_conflict() {
        let base = speech_example();
        let mine = set(&base, 1, "registered", Field::Actual, 7777);
        let mut theirs = base.clone();
        theirs.remove_unit(1);
        assert_eq!(merge(&base, &mine, &theirs), None);
        assert_eq!(merge(&base, &theirs, &mine), None);
        // A figure typed into another unit: the deletion is simply taken.
        let elsewhere = set(&base, 0, "registered", Field::Actual, 30000);
        let merged = merge(&base, &elsewhere, &theirs).unwrap();
        assert!(merged.units.iter().all(|u| u.id != base.units[1].id));
        assert_eq!(
            merged.value(0, "registered", &Field::Actual),
            Some(Decimal::from(30000))
        );
    }

    #[test]
    fn a_unit_added_on_one_side_and_a_figure_typed_on_the_other() {
        let base = speech_example();
        let mut mine = base.clone();
        let added = mine.add_unit("乡镇甲", Some("乡镇"));
        mine.set_value(
            added,
            "registered",
            &Field::Actual,
            Some(Decimal::from(300)),
        );
        let theirs = set(&base, 1, "arrived", Field::Actual, 5000);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.units.len(), 3);
        assert_eq!(
            merged.value(2, "registered", &Field::Actual),
            Some(Decimal::from(300))
        );
        assert_eq!(
            merged.value(1, "arrived", &Field::Actual),
            Some(Decimal::from(5000))
        );
        // Both sides adding units is a conflict of the unit list.
        let mut theirs = base.clone();
        theirs.add_unit("乡镇乙", None);
        assert_eq!(merge(&base, &mine, &theirs), None);
    }

    #[test]
    fn nothing_changed_here_takes_theirs_and_nothing_there_keeps_mine() {
        let base = speech_example();
        let other = set(&base, 0, "arrived", Field::Carryover, 1300);
        assert_eq!(merge(&base, &base, &other), Some(other.clone()));
        assert_eq!(merge(&base, &other, &base), Some(other));
    }
}
