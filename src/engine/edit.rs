//! Every change a person can make to a plan, as plain methods, so that the store only has to
//! record them for undo and the views only have to call them.

use super::paste::compact;
use super::plan::{usable_name, Figure, Metric, Plan, Tier, Unit};
use rust_decimal::Decimal;
use std::sync::Arc;

/// An editable input of a unit's figure for one metric.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Actual,
    Carryover,
    LastYear,
    /// The annual target of the tier with this id.
    Target(String),
}

impl Field {
    /// This input's value in `figure` (`None`: not entered).
    pub fn of(&self, figure: &Figure) -> Option<Decimal> {
        match self {
            Field::Actual => figure.actual,
            Field::Carryover => figure.carryover,
            Field::LastYear => figure.last_year,
            Field::Target(tier) => figure.target(tier),
        }
    }
}

/// The inputs of one metric, in the order the grid shows them and a paste without headings
/// fills them: 完成数, 其中上年结余, 上年同期, then a target per tier (`tier_ids` in order).
pub fn metric_fields(tier_ids: &[String]) -> Vec<Field> {
    let mut fields = vec![Field::Actual, Field::Carryover, Field::LastYear];
    fields.extend(tier_ids.iter().cloned().map(Field::Target));
    fields
}

/// An id not yet used in `taken`: `prefix1`, `prefix2` … (the first of `FreshIds`).
pub(crate) fn fresh_id<'a>(prefix: &'static str, taken: impl Iterator<Item = &'a str>) -> String {
    FreshIds::new(prefix, taken)
        .next()
        .unwrap_or_else(|| prefix.to_string())
}

/// Renames the item at `index` of `items` (the metrics, the tiers), whose name `name_of` gives:
/// refused when the name is blank or another item's (see [`Plan::rename_metric`]).
fn rename_in<T>(
    items: &mut [T],
    index: usize,
    name: &str,
    name_of: fn(&mut T) -> &mut String,
) -> Result<(), SettingError> {
    let name = usable_name(name).ok_or(SettingError::NameBlank)?;
    // Spaces ignored, as a paste and the shared-name warning compare names: 新批 注册外资 beside
    // 新批注册外资 made a sheet's two columns one, and the 讲评稿 read both alike.
    let key = compact(name);
    let taken = items
        .iter_mut()
        .enumerate()
        .any(|(i, item)| i != index && compact(name_of(item)) == key);
    if taken {
        return Err(SettingError::NameTaken);
    }
    if let Some(item) = items.get_mut(index) {
        *name_of(item) = name.to_string();
    }
    Ok(())
}

/// `base` (trimmed) when no name of `taken` is it, otherwise `base2`, `base3` … the first free
/// (`New metric 2` after a Latin letter).
fn fresh_name<'a>(base: &str, taken: impl Iterator<Item = &'a str>) -> String {
    let base = base.trim();
    let taken: Vec<&str> = taken.map(str::trim).collect();
    if taken.contains(&base) {
        first_free(base, 2, &taken)
    } else {
        base.to_string()
    }
}

/// `base` numbered from `from` (`新单位3`, `New unit 3` after a Latin letter), the first number
/// no name of `taken` has.
fn first_free(base: &str, from: usize, taken: &[&str]) -> String {
    let gap = if base.ends_with(|c: char| c.is_ascii_alphabetic()) {
        " "
    } else {
        ""
    };
    (from..)
        .map(|n| format!("{base}{gap}{n}"))
        .find(|name| !taken.contains(&name.as_str()))
        .unwrap_or_else(|| base.to_string())
}

/// `base` with the number `count + 1`, or the next that no name of `taken` has: what the
/// page's 添加单位 and 添加方案 name what they add. Numbered by count alone, a unit added after
/// another was deleted took the name of one still there (新单位2 twice).
pub fn numbered_name<'a>(base: &str, count: usize, taken: impl Iterator<Item = &'a str>) -> String {
    let taken: Vec<&str> = taken.map(str::trim).collect();
    first_free(base.trim(), count.saturating_add(1), &taken)
}

/// Hands out ids `u1`, `u2` … that no unit has, in one pass: adding n units costs O(n), where
/// asking `fresh_id` each time would cost O(n²) (a 10 000-row paste took minutes).
pub(crate) struct FreshIds {
    prefix: &'static str,
    taken: std::collections::HashSet<String>,
    next: u64,
}

impl FreshIds {
    pub(crate) fn new<'a>(prefix: &'static str, taken: impl Iterator<Item = &'a str>) -> FreshIds {
        FreshIds {
            prefix,
            taken: taken.map(str::to_string).collect(),
            next: 1,
        }
    }
}

impl Iterator for FreshIds {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        loop {
            let id = format!("{}{}", self.prefix, self.next);
            self.next = self.next.checked_add(1)?;
            if self.taken.insert(id.clone()) {
                return Some(id);
            }
        }
    }
}

impl Plan {
    /// The stored value of one input (`None`: not reported).
    pub fn value(&self, unit: usize, metric_id: &str, field: &Field) -> Option<Decimal> {
        field.of(self.units.get(unit)?.figure(metric_id)?)
    }

    /// Sets one input; `None` clears it (not reported). Unknown units or metrics are ignored.
    pub fn set_value(
        &mut self,
        unit: usize,
        metric_id: &str,
        field: &Field,
        value: Option<Decimal>,
    ) {
        if let Field::Target(tier) = field {
            if !self.tiers.iter().any(|t| &t.id == tier) {
                return;
            }
        }
        self.edit_figure(unit, metric_id, |figure| match field {
            Field::Actual => figure.actual = value,
            Field::Carryover => figure.carryover = value,
            Field::LastYear => figure.last_year = value,
            Field::Target(tier) => match value {
                Some(v) => {
                    figure.targets.insert(tier.clone(), v);
                }
                None => {
                    figure.targets.remove(tier);
                }
            },
        });
    }

    /// Changes one unit's figure for one metric (created when missing, dropped when left
    /// empty). Unknown units or metrics are ignored.
    pub(crate) fn edit_figure(
        &mut self,
        unit: usize,
        metric_id: &str,
        change: impl FnOnce(&mut Figure),
    ) {
        if !self.metrics.iter().any(|m| m.id == metric_id) {
            return;
        }
        let Some(unit) = self.units.get_mut(unit).map(Arc::make_mut) else {
            return;
        };
        let figure = unit.figures.entry(metric_id.to_string()).or_default();
        change(figure);
        if figure.is_empty() {
            unit.figures.remove(metric_id);
        }
    }

    /// Appends a unit and returns its index.
    pub fn add_unit(&mut self, name: &str, group: Option<&str>) -> usize {
        let id = fresh_id("u", self.units.iter().map(|u| u.id.as_str()));
        self.add_unit_with_id(id, name, group)
    }

    /// Adds a unit with the given (unused) id; returns its index.
    pub(crate) fn add_unit_with_id(
        &mut self,
        id: String,
        name: &str,
        group: Option<&str>,
    ) -> usize {
        let mut unit = Unit::new(id, name);
        unit.group = group
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string);
        self.units.push(Arc::new(unit));
        self.units.len().saturating_sub(1)
    }

    /// Removes the unit at `index`, and the scenario inflows that name it (an inflow of a unit
    /// the plan no longer has would make the saved document unreadable).
    pub fn remove_unit(&mut self, index: usize) {
        if index < self.units.len() {
            self.units.remove(index);
            self.drop_dangling_inflows();
        }
    }

    /// Drops scenario inflows that name a unit or metric the plan does not have.
    pub(crate) fn drop_dangling_inflows(&mut self) {
        let (units, metrics) = (&self.units, &self.metrics);
        for scenario in &mut self.scenarios {
            scenario.inflows.retain(|f| {
                metrics.iter().any(|m| m.id == f.metric)
                    && f.unit
                        .as_ref()
                        .is_none_or(|id| units.iter().any(|u| &u.id == id))
            });
        }
    }

    /// Moves the unit at `from` to position `to` (both clamped to the list).
    pub fn move_unit(&mut self, from: usize, to: usize) {
        if from < self.units.len() {
            let unit = self.units.remove(from);
            let to = to.min(self.units.len());
            self.units.insert(to, unit);
        }
    }

    /// Renames a unit (trimmed). A blank name is refused (`NameBlank`) and the name stays: the
    /// 讲评稿 would read the unit's id (a tester's 完成全年考核目标的有1个：chengguan).
    pub fn rename_unit(&mut self, index: usize, name: &str) -> Result<(), SettingError> {
        let name = usable_name(name).ok_or(SettingError::NameBlank)?;
        if let Some(u) = self.units.get_mut(index).map(Arc::make_mut) {
            u.name = name.to_string();
        }
        Ok(())
    }

    /// Sets a unit's group; blank text removes it from any group.
    pub fn set_group(&mut self, index: usize, group: &str) {
        if let Some(u) = self.units.get_mut(index).map(Arc::make_mut) {
            let group = group.trim();
            u.group = (!group.is_empty()).then(|| group.to_string());
        }
    }

    pub fn set_in_total(&mut self, index: usize, in_total: bool) {
        if let Some(u) = self.units.get_mut(index).map(Arc::make_mut) {
            u.in_total = in_total;
        }
    }

    /// Makes the unit at `index` the total (at most one is), or none with `None`.
    pub fn set_total(&mut self, index: Option<usize>) {
        for (i, u) in self.units.iter_mut().enumerate() {
            if u.total != (Some(i) == index) {
                Arc::make_mut(u).total = Some(i) == index;
            }
        }
    }

    /// Adds a metric named `name`, or `name2`, `name3` … when that is taken (two 新指标 could
    /// not be told apart); returns its index.
    pub fn add_metric(&mut self, name: &str) -> usize {
        let id = fresh_id("m", self.metrics.iter().map(|m| m.id.as_str()));
        let name = fresh_name(name, self.metrics.iter().map(|m| m.name.as_str()));
        self.metrics.push(Metric {
            id,
            name,
            unit: None,
        });
        self.metrics.len().saturating_sub(1)
    }

    /// Sets the plan's title; a blank one is refused (`SettingError::NameBlank`: it printed
    /// 完成情况通报 alone) and the title stays.
    pub fn set_title(&mut self, title: &str) -> Result<(), SettingError> {
        self.title = usable_name(title)
            .ok_or(SettingError::NameBlank)?
            .to_string();
        Ok(())
    }

    /// Renames a metric. Refused, and the name stays: a blank name (`SettingError::NameBlank`;
    /// the 讲评稿 read the id) and another metric's (`NameTaken`: 分别完成 … 和 … read the same
    /// name twice).
    pub fn rename_metric(&mut self, index: usize, name: &str) -> Result<(), SettingError> {
        rename_in(&mut self.metrics, index, name, |m| &mut m.name)
    }

    /// Sets a metric's own unit (`个`); blank means the plan's unit.
    pub fn set_metric_unit(&mut self, index: usize, unit: &str) {
        if let Some(m) = self.metrics.get_mut(index) {
            let unit = unit.trim();
            m.unit = (!unit.is_empty()).then(|| unit.to_string());
        }
    }

    /// Removes a metric and every unit's figures for it.
    pub fn remove_metric(&mut self, index: usize) {
        if index < self.metrics.len() {
            let metric = self.metrics.remove(index);
            for unit in &mut self.units {
                if unit.figures.contains_key(&metric.id) {
                    Arc::make_mut(unit).figures.remove(&metric.id);
                }
            }
            self.drop_dangling_inflows();
        }
    }

    /// Adds a tier named `name`, or `name2` … when that is taken; returns its index.
    pub fn add_tier(&mut self, name: &str) -> usize {
        let id = fresh_id("t", self.tiers.iter().map(|t| t.id.as_str()));
        let name = fresh_name(name, self.tiers.iter().map(|t| t.name.as_str()));
        self.tiers.push(Tier { id, name });
        self.tiers.len().saturating_sub(1)
    }

    /// Renames a tier, refused as [`Plan::rename_metric`] refuses.
    pub fn rename_tier(&mut self, index: usize, name: &str) -> Result<(), SettingError> {
        rename_in(&mut self.tiers, index, name, |t| &mut t.name)
    }

    /// Removes a tier and every target set for it.
    pub fn remove_tier(&mut self, index: usize) {
        if index < self.tiers.len() {
            let tier = self.tiers.remove(index);
            for unit in &mut self.units {
                if unit
                    .figures
                    .values()
                    .any(|f| f.targets.contains_key(&tier.id))
                {
                    let unit = Arc::make_mut(unit);
                    for figure in unit.figures.values_mut() {
                        figure.targets.remove(&tier.id);
                    }
                    unit.figures.retain(|_, f: &mut Figure| !f.is_empty());
                }
            }
        }
    }

    /// Moves a tier one place; the first tier is the one statuses follow.
    pub fn move_tier(&mut self, from: usize, to: usize) {
        if from < self.tiers.len() && to < self.tiers.len() {
            let tier = self.tiers.remove(from);
            self.tiers.insert(to, tier);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;

    /// 新单位2 deleted of three: the next unit was numbered 3 by count, a name 新单位3 had.
    #[test]
    fn a_numbered_name_skips_the_numbers_taken() {
        let taken = ["新单位1", "新单位3"];
        assert_eq!(numbered_name("新单位", 2, taken.into_iter()), "新单位4");
        assert_eq!(numbered_name("新单位", 0, taken.into_iter()), "新单位2");
        assert_eq!(numbered_name("新单位", 0, std::iter::empty()), "新单位1");
        assert_eq!(
            numbered_name("Scenario", 1, ["Scenario 2 "].into_iter()),
            "Scenario 3"
        );
    }

    #[test]
    fn a_year_outside_1900_to_2999_is_refused_and_the_year_stays() {
        let mut plan = Plan::empty("t", 2026, 7);
        for bad in [
            Some(Decimal::from(1899)),
            Some(Decimal::from(3000)),
            Some(Decimal::new(20265, 1)),
            None,
        ] {
            assert_eq!(plan.set_year(bad), Err(SettingError::Year));
            assert_eq!(plan.year, 2026);
        }
        assert_eq!(plan.set_year(Some(Decimal::from(2027))), Ok(()));
        assert_eq!(plan.year, 2027);
    }

    #[test]
    fn setting_and_clearing_values() {
        let mut plan = Plan::empty("t", 2026, 7);
        let unit = plan.add_unit("开发区", Some("开发区"));
        let target = Field::Target("assessment".into());
        plan.set_value(
            unit,
            "registered",
            &Field::Actual,
            Some(Decimal::from(14202)),
        );
        plan.set_value(unit, "registered", &target, Some(Decimal::from(24000)));
        assert_eq!(
            plan.value(unit, "registered", &Field::Actual),
            Some(Decimal::from(14202))
        );
        assert_eq!(
            plan.value(unit, "registered", &target),
            Some(Decimal::from(24000))
        );
        plan.set_value(unit, "registered", &Field::Actual, None);
        plan.set_value(unit, "registered", &target, None);
        assert!(
            plan.units[unit].figures.is_empty(),
            "an empty figure is dropped"
        );
        // Unknown metrics and tiers change nothing.
        plan.set_value(unit, "nope", &Field::Actual, Some(Decimal::ONE));
        plan.set_value(
            unit,
            "arrived",
            &Field::Target("nope".into()),
            Some(Decimal::ONE),
        );
        assert!(plan.units[unit].figures.is_empty());
    }

    #[test]
    fn units_get_fresh_ids_and_can_be_moved_and_removed() {
        let mut plan = Plan::empty("t", 2026, 7);
        let a = plan.add_unit("甲", None);
        let b = plan.add_unit("乙", Some(" 乡镇 "));
        assert_ne!(plan.units[a].id, plan.units[b].id);
        assert_eq!(plan.units[b].group.as_deref(), Some("乡镇"));
        plan.set_group(a, "  ");
        assert_eq!(plan.units[a].group, None);
        plan.move_unit(b, 0);
        assert_eq!(plan.units[0].name, "乙");
        plan.remove_unit(0);
        assert_eq!(
            plan.units
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>(),
            ["全市", "甲"]
        );
        plan.set_total(Some(1));
        assert!(!plan.units[0].total && plan.units[1].total);
    }

    #[test]
    fn removing_a_metric_or_tier_removes_its_figures() {
        let mut plan = speech_example();
        plan.remove_tier(1);
        assert!(plan
            .units
            .iter()
            .flat_map(|u| u.figures.values())
            .all(|f| !f.targets.contains_key("stretch")));
        plan.remove_metric(0);
        assert!(plan
            .units
            .iter()
            .all(|u| !u.figures.contains_key("registered")));
        let m = plan.add_metric("新批增资项目");
        plan.set_metric_unit(m, "个");
        assert_eq!(plan.metrics[m].unit.as_deref(), Some("个"));
        assert_ne!(plan.metrics[m].id, plan.metrics[0].id);
    }
}

/// Why a setting was refused (the page words it: ui/messages.rs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingError {
    /// statusRed above statusYellow.
    ThresholdOrder,
    /// A schedule percentage outside 0–100.
    PercentRange,
    /// A negative weight, or all weights 0.
    Weights,
    /// A year that is not a whole number from 1900 to 2999 (SPEC §6's range), or none.
    Year,
    /// A metric's or tier's name left blank.
    NameBlank,
    /// A metric's or tier's name that another metric or tier of the plan has.
    NameTaken,
}

impl Plan {
    /// Sets the plan's year: a whole number from 1900 to 2999; anything else is refused and the
    /// year stays.
    pub fn set_year(&mut self, year: Option<Decimal>) -> Result<(), SettingError> {
        let year = year
            .filter(|y| y.fract().is_zero())
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1900..=2999).contains(y))
            .ok_or(SettingError::Year)?;
        self.year = year;
        Ok(())
    }

    /// Sets the status thresholds in points (green ≥ yellow; red below `red`).
    pub fn set_status_thresholds(
        &mut self,
        yellow: Decimal,
        red: Decimal,
    ) -> Result<(), SettingError> {
        if red > yellow {
            return Err(SettingError::ThresholdOrder);
        }
        self.settings.status_yellow = yellow;
        self.settings.status_red = red;
        Ok(())
    }

    /// Prescribes S(m) for the plan's current month (e.g. 58.00), or removes the override.
    pub fn set_schedule_override(&mut self, percent: Option<Decimal>) -> Result<(), SettingError> {
        match percent {
            None => self.settings.schedule_override = None,
            Some(p) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                return Err(SettingError::PercentRange)
            }
            Some(p) => {
                self.settings.schedule_override = Some(super::plan::ScheduleOverride {
                    month: self.month,
                    percent: p,
                })
            }
        }
        Ok(())
    }

    /// Sets the schedule curve's weights, or equal months with `None`.
    pub fn set_schedule_weights(
        &mut self,
        weights: Option<[Decimal; 12]>,
    ) -> Result<(), SettingError> {
        if let Some(w) = &weights {
            if w.iter().any(|x| x.is_sign_negative() && !x.is_zero())
                || w.iter()
                    .try_fold(Decimal::ZERO, |sum, x| sum.checked_add(*x))
                    .is_none_or(|sum| sum.is_zero())
            {
                return Err(SettingError::Weights);
            }
        }
        self.settings.schedule_weights = weights;
        Ok(())
    }
}

#[cfg(test)]
mod setting_tests {
    use super::*;

    #[test]
    fn settings_are_validated() {
        let mut plan = Plan::empty("t", 2026, 7);
        assert_eq!(
            plan.set_status_thresholds(Decimal::from(-5), Decimal::ZERO),
            Err(SettingError::ThresholdOrder)
        );
        assert_eq!(plan.settings.status_red, Decimal::from(-10));
        plan.set_status_thresholds(Decimal::from(2), Decimal::from(-5))
            .unwrap();
        assert_eq!(plan.settings.status_yellow, Decimal::from(2));
        assert_eq!(
            plan.set_schedule_override(Some(Decimal::from(101))),
            Err(SettingError::PercentRange)
        );
        plan.set_schedule_override(Some(Decimal::from(58))).unwrap();
        assert_eq!(plan.settings.schedule_override.unwrap().month, 7);
        let mut weights = [Decimal::ZERO; 12];
        assert_eq!(
            plan.set_schedule_weights(Some(weights)),
            Err(SettingError::Weights)
        );
        weights[0] = Decimal::ONE;
        weights[1] = Decimal::from(-1);
        assert_eq!(
            plan.set_schedule_weights(Some(weights)),
            Err(SettingError::Weights)
        );
        weights[1] = Decimal::ONE;
        plan.set_schedule_weights(Some(weights)).unwrap();
        assert!(plan.settings.schedule_weights.is_some());
    }
}
