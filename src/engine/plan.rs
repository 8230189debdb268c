//! The plan model of SPEC §2: metrics, target tiers, reporting units and their figures.

use super::amount_unit::{AmountUnit, MeasureUnit};
use super::briefing::BriefingOptions;
use super::closed_months::ClosedMonth;
use super::figures::{self, Status};
use super::scenario::Scenario;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the whole is called when the plan has no total unit (or it has no name).
pub const DEFAULT_TOTAL_NAME: &str = "全市";

/// One metric, e.g. 新批注册外资; `unit` is set only when it differs from the plan's (e.g. `个`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: Option<String>,
}

impl Metric {
    /// Whether the metric counts money arriving (实际到帐, 到位资金 …): its name says 到帐, 到账,
    /// 到位 or 到资. Pace figures are worded as arrivals (月均到帐, 每月应到帐) only for these;
    /// other metrics (新批注册外资, a count of projects) read as completions.
    pub fn is_arrival(&self) -> bool {
        ["到帐", "到账", "到位", "到资"]
            .iter()
            .any(|word| self.name.contains(word))
    }
}

/// One target tier, e.g. 考核目标.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tier {
    pub id: String,
    pub name: String,
}

/// The figures one unit reports for one metric. `None` always means "not reported", never 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figure {
    pub actual: Option<Decimal>,
    pub carryover: Option<Decimal>,
    pub last_year: Option<Decimal>,
    /// Annual target per tier id.
    pub targets: BTreeMap<String, Decimal>,
    /// Per-month amounts (not cumulative), January first; at most 12 entries.
    pub monthly: Vec<Option<Decimal>>,
}

impl Figure {
    pub fn is_empty(&self) -> bool {
        self.actual.is_none()
            && self.carryover.is_none()
            && self.last_year.is_none()
            && self.targets.is_empty()
            && self.monthly.iter().all(Option::is_none)
    }

    pub fn target(&self, tier_id: &str) -> Option<Decimal> {
        self.targets.get(tier_id).copied()
    }

    /// The sum of the entered months, or `None` when no month is entered.
    pub fn monthly_sum(&self) -> Option<Decimal> {
        let mut entered = self.monthly.iter().flatten().copied().peekable();
        entered.peek()?;
        // Entries are at most 10¹⁵ each; a sum that still overflows is undefined.
        entered.try_fold(Decimal::ZERO, |sum, x| sum.checked_add(x))
    }
}

/// A reporting unit (开发区, a 乡镇, a 部门 …) or the total (全市).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    /// Belongs to the whole and may be summed into it; false for a unit already inside another.
    pub in_total: bool,
    /// This unit is the total (at most one per plan).
    pub total: bool,
    /// Figures keyed by metric id.
    pub figures: BTreeMap<String, Figure>,
}

impl Unit {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Unit {
        Unit {
            id: id.into(),
            name: name.into(),
            group: None,
            in_total: true,
            total: false,
            figures: BTreeMap::new(),
        }
    }

    pub fn figure(&self, metric_id: &str) -> Option<&Figure> {
        self.figures.get(metric_id)
    }
}

/// A prescribed schedule percentage (e.g. 58.00) for one data month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScheduleOverride {
    pub month: u32,
    pub percent: Decimal,
}

/// SPEC §6's settings; every field at its default is omitted from the export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub carryover_in_pace: bool,
    pub schedule_override: Option<ScheduleOverride>,
    pub schedule_weights: Option<[Decimal; 12]>,
    pub status_yellow: Decimal,
    pub status_red: Decimal,
    /// `None` means the unit's default (0 for 万, 2 for 亿).
    pub amount_decimals: Option<u32>,
    /// The 讲评稿's options (issue 11; the optional key `briefing`).
    pub briefing: BriefingOptions,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            carryover_in_pace: false,
            schedule_override: None,
            schedule_weights: None,
            status_yellow: Decimal::ZERO,
            status_red: Decimal::from(-10),
            amount_decimals: None,
            briefing: BriefingOptions::default(),
        }
    }
}

impl Settings {
    /// 红黄绿 for a schedule gap under these thresholds.
    pub fn status(&self, gap: Option<Decimal>) -> Option<Status> {
        figures::status(gap, self.status_yellow, self.status_red)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub title: String,
    pub year: i32,
    /// The data month m: the figures cover months 1..=m.
    pub month: u32,
    pub unit: AmountUnit,
    pub settings: Settings,
    pub metrics: Vec<Metric>,
    pub tiers: Vec<Tier>,
    /// Shared, so that copying a plan (for undo, for each keystroke's new state) costs nothing
    /// per unit; an edit copies only the unit it changes (`Arc::make_mut`).
    pub units: Vec<Arc<Unit>>,
    /// What-if scenarios (issue 5): future inflows laid over the data, never changing it.
    pub scenarios: Vec<Scenario>,
    /// The closed months of the year (SPEC §8), oldest first, each below `month`.
    pub history: Vec<ClosedMonth>,
    /// 文字说明: a short note per unit and month, keyed by (month, unit id) (docs/notes.md).
    pub notes: Notes,
}

/// A unit's note for a month (文字说明: why it is behind, what is expected next), by (month, unit
/// id). Notes of ids the plan no longer has are kept.
pub type Notes = BTreeMap<(u32, String), String>;

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// The longest name the page gives a unit, a group, a metric or a tier, in characters: their
/// fields take no more, and a pasted row whose name is longer adds no unit
/// (`paste::RowTarget::TooLongName`). Real names are short (市经济技术开发区管理委员会 is 12); a
/// longer one is text pasted into the wrong column. A plan file's names are kept whatever their
/// length.
pub const MAX_NAME_CHARS: usize = 60;

/// The longest title the page's fields take, in characters (关于2026年1-7月全市招商引资工作
/// 进展情况的通报 is 25): a tester's 10 000-character title filled the first screen and named
/// the export file. A plan file's title is kept whatever its length.
pub const MAX_TITLE_CHARS: usize = 100;

/// Whether a unit's or group's name is long enough to wrap in the 通报表 and its print: more
/// than 20 characters (real names are shorter: 市经济技术开发区管理委员会 has 13). A plan file's
/// names have no limit, and one of 300 characters made the table thousands of pixels wide.
/// Shorter names never wrap: a rule for every name wrapped `园区 subtotal` in English.
pub fn wraps_in_table(name: &str) -> bool {
    name.chars().nth(20).is_some()
}

/// `text` as a plan's title or a metric's or a tier's name: trimmed, and `None` when nothing is
/// left (the cards, the 通报表, the print and the 讲评稿 say these; a blank metric had the 讲评稿
/// read its id, a blank title printed 完成情况通报 alone).
pub fn usable_name(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

impl Plan {
    /// The notes of the data month, in the plan's unit order: (unit index, text).
    pub fn notes_of_month(&self) -> Vec<(usize, &str)> {
        self.units
            .iter()
            .enumerate()
            .filter_map(|(i, unit)| {
                let text = self.notes.get(&(self.month, unit.id.clone()))?;
                (!text.trim().is_empty()).then_some((i, text.as_str()))
            })
            .collect()
    }

    /// Sets the note of the unit `unit_id` for the data month (an empty text removes it; a longer
    /// one is cut at `MAX_NOTE_CHARS`).
    pub fn set_note(&mut self, unit_id: &str, text: &str) {
        let key = (self.month, unit_id.to_string());
        let text: String = text.trim().chars().take(MAX_NOTE_CHARS).collect();
        if text.is_empty() {
            self.notes.remove(&key);
        } else {
            self.notes.insert(key, text);
        }
    }
}

impl Plan {
    /// An empty plan with SPEC §2's default metrics and tiers.
    pub fn empty(title: impl Into<String>, year: i32, month: u32) -> Plan {
        let metric = |id: &str, name: &str| Metric {
            id: id.into(),
            name: name.into(),
            unit: None,
        };
        let tier = |id: &str, name: &str| Tier {
            id: id.into(),
            name: name.into(),
        };
        let mut total = Unit::new("city", "全市");
        total.total = true;
        Plan {
            title: title.into(),
            year,
            month,
            unit: AmountUnit::default(),
            settings: Settings::default(),
            metrics: vec![
                metric("registered", "新批注册外资"),
                metric("arrived", "注册外资实际到帐"),
            ],
            tiers: vec![tier("assessment", "考核目标"), tier("stretch", "加压目标")],
            units: vec![Arc::new(total)],
            scenarios: Vec::new(),
            history: Vec::new(),
            notes: Notes::new(),
        }
    }

    /// The position of the unit with id `id`. Inputs edit by id, so that an edit that arrives
    /// after units moved (another tab deleted one) still reaches its own unit.
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }

    /// The index of the unit marked as the total, if any.
    pub fn total_index(&self) -> Option<usize> {
        self.units.iter().position(|u| u.total)
    }

    /// The name of the total unit (全市, 全县, 全区 …), when the plan has one with a name.
    /// Headings that speak of the whole (占全县, 全县数为各单位合计) use it; without it they
    /// say [`DEFAULT_TOTAL_NAME`].
    pub fn total_name(&self) -> Option<&str> {
        self.units
            .iter()
            .find(|u| u.total)
            .map(|u| u.name.trim())
            .filter(|name| !name.is_empty())
    }

    /// What `metric` is measured in: its own unit when it has one, else the plan's.
    pub fn measure_unit(&self, metric: &Metric) -> MeasureUnit {
        match &metric.unit {
            None => MeasureUnit::Amount(self.unit),
            Some(text) => match AmountUnit::parse(text) {
                Some(unit) => MeasureUnit::Amount(unit),
                None => MeasureUnit::Count(text.clone()),
            },
        }
    }

    /// The months after the data month, 12 − m (SPEC §3's 后n个月): 0 in December, 1 in
    /// November (then the need is December's alone).
    pub fn months_left(&self) -> u32 {
        12u32.saturating_sub(self.month)
    }

    /// Display decimals for `metric`'s amounts (SPEC §4: counts are integers).
    pub fn amount_decimals(&self, metric: &Metric) -> u32 {
        match self.measure_unit(metric) {
            MeasureUnit::Amount(unit) => self
                .settings
                .amount_decimals
                .unwrap_or_else(|| unit.default_decimals()),
            MeasureUnit::Count(_) => 0,
        }
    }

    /// The distinct group names of the non-total units, in order of first appearance.
    pub fn groups(&self) -> Vec<String> {
        let mut groups: Vec<String> = Vec::new();
        for unit in self.units.iter().filter(|u| !u.total) {
            if let Some(group) = &unit.group {
                if !groups.contains(group) {
                    groups.push(group.clone());
                }
            }
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::edit::SettingError;

    #[test]
    fn only_names_of_more_than_twenty_characters_wrap() {
        assert!(!wraps_in_table("市经济技术开发区管理委员会"));
        assert!(!wraps_in_table(&"区".repeat(20)));
        assert!(wraps_in_table(&"区".repeat(21)));
        assert!(!wraps_in_table("Industrial parks"));
    }

    #[test]
    fn arrivals_are_told_by_their_name() {
        let metric = |name: &str| Metric {
            id: "m".into(),
            name: name.into(),
            unit: None,
        };
        for name in ["注册外资实际到帐", "实际到账外资", "到位资金", "内资到资"]
        {
            assert!(metric(name).is_arrival(), "{name}");
        }
        for name in ["新批注册外资", "新批项目", "合同外资"] {
            assert!(!metric(name).is_arrival(), "{name}");
        }
    }

    #[test]
    fn the_whole_is_called_by_the_total_units_name() {
        let mut plan = Plan::empty("t", 2026, 7);
        assert_eq!(plan.total_name(), Some("全市"));
        assert_eq!(plan.rename_unit(0, "全县"), Ok(()));
        assert_eq!(plan.total_name(), Some("全县"));
        // A blank name is refused; a total without a name (a plan file's), or no total at all:
        // the callers say 全市.
        assert_eq!(plan.rename_unit(0, "  "), Err(SettingError::NameBlank));
        assert_eq!(plan.total_name(), Some("全县"));
        Arc::make_mut(&mut plan.units[0]).name = "  ".into();
        assert_eq!(plan.total_name(), None);
        assert_eq!(plan.rename_unit(0, "全区"), Ok(()));
        plan.set_total(None);
        assert_eq!(plan.total_name(), None);
    }
}
