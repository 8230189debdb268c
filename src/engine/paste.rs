//! A block copied from Excel or WPS and pasted into the units grid. Nothing is applied here:
//! `analyse` works out what each column and row is and what would change (for a preview), and
//! `apply` makes exactly those changes once the person confirms.
//!
//! Two ways a block is read:
//! - **With headers** (the usual 通报 sheet): one or two header rows (the upper one with metric
//!   names over merged cells) name the columns — 单位, 分组, 完成数, 上年结余, 上年同期, tier
//!   names; 序号 and derived columns (完成率, 比序时, 同比, 占全市, 位次) are left alone. Rows
//!   are matched to units by name; 合计 / 全市 rows go to the total; 小计 rows are skipped
//!   (subtotals are computed); a name written with or without its 市/县/区 or its 镇/乡/街道
//!   (城东 for 城东镇, 县商务局 for 商务局) finds its unit when it can be no other; unknown
//!   names become new units.
//! - **Without headers**: the block lands at the focused cell, like a spreadsheet paste: rows
//!   are units in the grid's order, columns are the grid's columns from the focused one.

use super::amount_unit::{Currency, MeasureUnit};
use super::edit::{metric_fields, Field, FreshIds};
use super::entry::{parse_entry, parse_entry_in, EntryError};
use super::interchange::share_fragments;
use super::plan::{Metric, Plan, Unit, DEFAULT_TOTAL_NAME, MAX_NAME_CHARS};
use super::report::summed_members;
use rust_decimal::Decimal;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Splits text as spreadsheets put it on the clipboard: rows by line breaks, cells by tabs, a
/// cell in double quotes may hold tabs, line breaks and doubled quotes. A final line break does
/// not start another row.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    parse_cells(text, '\t')
}

/// What text put into 粘贴导入 is (the header's box takes both a sheet and a plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PastedText {
    /// Nothing but spaces and line breaks.
    Blank,
    /// An exported plan (SPEC §6): its first character is `{`.
    Document,
    /// One share link, alone or in a message around it (`interchange::share_fragment`): it
    /// opens as the link would.
    Link,
    /// Several different share links (`interchange::share_fragments`): which one was meant is
    /// not guessed.
    SeveralLinks,
    /// Anything else is cells (by tabs and lines), even a single word: the paste preview says
    /// what it read or why it cannot (no headings), where reading it as JSON would only say
    /// that a `{` is missing.
    Sheet,
}

/// Tells a pasted sheet from an exported plan or a share link; a byte-order mark and spaces
/// around do not count. (A sheet whose first cell starts with `[`, such as `[单位]`, is a sheet.)
pub fn pasted_text(text: &str) -> PastedText {
    let text = text.trim_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if text.is_empty() {
        PastedText::Blank
    } else if text.starts_with('{') {
        PastedText::Document
    } else {
        match share_fragments(text).len() {
            0 => PastedText::Sheet,
            1 => PastedText::Link,
            _ => PastedText::SeveralLinks,
        }
    }
}

/// Whether a file's text that holds no plan (`pasted_text` is not `Document`) is JSON all the
/// same: an array (even one nested too deep to read), a string, a number, `null`, `true` or
/// `false`. A .json file of such text is read as a plan and told it is not one; a table saved
/// under .json still goes to the preview (a tester's `null` in a .pace.json was told
/// 没有找到表头, a sheet's trouble).
pub fn json_without_a_plan(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    // An array's first value starts as JSON does (`[单位]` is a table's heading).
    let array = text.strip_prefix('[').is_some_and(|rest| {
        rest.trim_start()
            .starts_with(|c: char| "[{]\"-ntf".contains(c) || c.is_ascii_digit())
    });
    array || serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// Splits delimited text into rows of cells: `parse_block` with any separator (`,` for a CSV
/// file, RFC 4180 quoting). A leading byte-order mark is not part of the first cell.
pub fn parse_cells(text: &str, separator: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            c if c == separator => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// What a pasted column holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// 序号: not data.
    Seq,
    /// The unit's name: how rows are matched (or, pasted at the name column, new names).
    Name,
    Group,
    /// One input of one metric (by index).
    Value {
        metric: usize,
        field: Field,
    },
    /// Left alone, with the reason.
    Ignored(Skip),
}

/// Why a pasted column is left alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    NoHeading,
    /// A figure Pace computes (完成率, 比序时, 同比, 占全市, 位次, anything in % …).
    Derived,
    /// A month's own amount (当月, 本月, 上月): Pace keeps the year to date (累计).
    Monthly,
    /// The heading names none of the plan's metrics (and the plan has several).
    UnknownMetric,
    /// A target, but of no tier the plan has.
    UnknownTier,
    UnknownColumn,
    /// Pasted without headings past the grid's last column.
    OutsideGrid,
    /// Another column says the same (two 完成数 for one metric): the person chooses which.
    Ambiguous,
    /// The person chose another column for this field.
    NotUsed,
    /// Amounts in another currency than the plan's (the sheet says `单位：万元` over 万美元).
    OtherCurrency,
    /// Groups, pasted into a closed month being edited (`PasteChoices::figures_only`).
    GroupsInClosedMonth,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteColumn {
    /// The heading as pasted (both header rows), or the grid column's position without headers.
    pub heading: String,
    /// What the heading says, before any choice or clash.
    pub found: ColumnRole,
    /// What the paste does with the column.
    pub role: ColumnRole,
    /// The person set `role` in the preview.
    pub chosen: bool,
    /// 空白视为0: a blank cell means 0 instead of "not reported".
    pub blank_as_zero: bool,
}

/// The person's choices in the preview, per pasted column (0-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasteChoices {
    /// 空白视为0 per column (missing entries are off).
    pub blank_as_zero: Vec<bool>,
    /// Roles set by hand, over what the headings say.
    pub roles: BTreeMap<usize, ColumnRole>,
    /// The plan pasted into is a closed month being edited (SPEC §8): only its figures are
    /// written back (`closed_months::write_back`), so rows of new units and changes of names or
    /// groups are not imported, and the preview says so rather than promising them.
    pub figures_only: bool,
}

impl PasteChoices {
    /// Sets one column's role; any other column that would fill the same field is left out
    /// (one column per field).
    pub fn choose(&mut self, paste: &Paste, column: usize, role: ColumnRole) {
        if is_field(&role) {
            for (c, other) in paste.columns.iter().enumerate() {
                if c != column && (other.role == role || other.found == role) {
                    self.roles.insert(c, ColumnRole::Ignored(Skip::NotUsed));
                }
            }
        }
        self.roles.insert(column, role);
    }

    pub fn set_blank_as_zero(&mut self, column: usize, on: bool) {
        if self.blank_as_zero.len() <= column {
            self.blank_as_zero.resize(column.saturating_add(1), false);
        }
        if let Some(slot) = self.blank_as_zero.get_mut(column) {
            *slot = on;
        }
    }
}

/// Whether a role fills something of a unit (one column at most may).
fn is_field(role: &ColumnRole) -> bool {
    matches!(
        role,
        ColumnRole::Name | ColumnRole::Group | ColumnRole::Value { .. }
    )
}

/// Which unit a pasted row goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowTarget {
    Unit(usize),
    /// A unit to add, with this name.
    NewUnit(String),
    /// A sum Pace computes — 小计, a row named after a group (乡镇, 区级, 部门合计), or a total
    /// row when the plan has no total unit (`group` is then `None`): skipped, and its figures
    /// checked against the sum of the group's units. A bare 小计 is its section's; outside any
    /// section its group is empty, and it is not checked.
    Subtotal {
        group: Option<String>,
    },
    /// A section heading (一、开发区, （三）部门): the rows under it belong to this group. Any
    /// figures on it are checked like a subtotal's.
    Section(String),
    /// A bare 合计 (总计, 共计) under rows that leave out some of the units the plan sums into
    /// its whole: the sheet's own total (a unit's sheet of its towns), not the whole's. Skipped,
    /// and checked against the sum of the sheet's rows. `whole` is what the plan calls its whole
    /// (全市 unless its total unit says otherwise): a row named `<whole>合计` is the whole's.
    SheetTotal {
        whole: String,
    },
    /// A unit the plan does not have, in a closed month being edited (`PasteChoices::
    /// figures_only`): units are added in the current month, not to a month gone by.
    NewInClosedMonth(String),
    /// A note under the table (注：…, 填报人 …).
    Note,
    /// Beyond the grid, in a block whose rows are the grid's rows (no name column).
    Outside,
    /// No unit name, in a block whose units are named: figures with nothing to put them to.
    Unnamed,
    /// A name the plan does not have and longer than any unit's (`MAX_NAME_CHARS`): not
    /// added as a unit.
    TooLongName,
}

/// Which unit a row's figures go to, also for a unit the paste adds: rows of one new name are
/// one new unit.
type UnitKey = (Option<usize>, String);

impl RowTarget {
    /// The unit the row's figures go to (`None` for a row that goes to no unit).
    fn unit_key(&self) -> Option<UnitKey> {
        match self {
            RowTarget::Unit(i) => Some((Some(*i), String::new())),
            RowTarget::NewUnit(name) => Some((None, compact(name))),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteRow {
    /// 1-based line of the block, for messages.
    pub line: usize,
    /// The name as pasted (empty without a name column).
    pub name: String,
    pub target: RowTarget,
    /// Matched to its unit by its name written otherwise (城东 for 城东镇, `NameForm`): the
    /// preview says so.
    pub by_other_form: bool,
    /// The unit its name written otherwise would have found, had another row of the sheet not
    /// reached that unit too (`unmatch_contested`): a new unit instead, and the preview says why.
    pub instead_of: Option<usize>,
    /// The units a new unit's name could be written otherwise (城东 with 城东镇 and 城东街道):
    /// none is guessed, and the preview says so. Empty unless there are two or more.
    pub could_be: Vec<usize>,
    /// The section the row stands under (its group, when the block has no group column).
    pub section: Option<String>,
}

/// One change the paste would make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Value {
        metric: usize,
        field: Field,
        before: Option<Decimal>,
        after: Option<Decimal>,
    },
    Name {
        before: String,
        after: String,
    },
    Group {
        before: Option<String>,
        after: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowChange {
    /// Index into `Paste::rows`.
    pub row: usize,
    pub change: Change,
}

/// A cell that does not read: where it is and why (the page words it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellProblem {
    pub line: usize,
    /// 1-based column of the block.
    pub column: usize,
    /// The row's unit as pasted (or the unit it goes to).
    pub unit: String,
    /// The column's heading as pasted.
    pub heading: String,
    pub error: EntryError,
}

/// A subtotal or total row whose figure is not the sum of its units' after the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SumMismatch {
    pub line: usize,
    /// The row's name as pasted.
    pub name: String,
    pub heading: String,
    pub pasted: Decimal,
    pub summed: Decimal,
}

/// The amount unit a sheet states (`单位：万元`, a heading's `（亿元）`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetUnit {
    /// As written, e.g. `亿元`.
    pub label: String,
    /// Power of 10 000: 元 0, 万 1, 亿 2.
    pub power: u32,
    /// `None` when only 万 or 亿 is written.
    pub currency: Option<Currency>,
}

/// How the sheet's amount unit meets the plan's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitFit {
    /// The same unit, or none stated.
    Same,
    /// Another magnitude of the plan's currency: amounts are converted.
    Converted(SheetUnit),
    /// Another currency: the amount columns are not imported.
    OtherCurrency(SheetUnit),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paste {
    /// Rows above the headings (a title, 单位：万元): skipped.
    pub title_rows: usize,
    pub header_rows: usize,
    pub unit_fit: UnitFit,
    pub columns: Vec<PasteColumn>,
    pub rows: Vec<PasteRow>,
    pub changes: Vec<RowChange>,
    pub problems: Vec<CellProblem>,
    pub mismatches: Vec<SumMismatch>,
    /// The sheet's width (its last column with text) when it is over `MAX_PASTE_COLUMNS`: the
    /// sheet is not read, and nothing can be applied.
    pub too_wide: Option<usize>,
    /// A whole sheet (a file, 粘贴导入) without headings: with no grid cell to start from, its
    /// columns cannot be known, so nothing is read (`analyse_sheet`).
    pub no_headings: bool,
}

/// The widest sheet read (columns up to the last one with text): a 通报表 of three metrics with
/// every tier's figures has about 40; a stray cell far to the right (XFD1) would otherwise make
/// a preview of 16,384 columns.
pub const MAX_PASTE_COLUMNS: usize = 256;

impl Paste {
    /// The changes, those to the plan's whole (全市) first: a sheet's 合计 row changes the city's
    /// figures, which the preview must not leave at the end of a long list.
    pub fn changes_whole_first(&self, plan: &Plan) -> Vec<&RowChange> {
        let (whole, others): (Vec<&RowChange>, Vec<&RowChange>) =
            self.changes.iter().partition(self.changes_the_whole(plan));
        whole.into_iter().chain(others).collect()
    }

    /// How many changes go to the plan's whole (its total unit).
    pub fn whole_changes(&self, plan: &Plan) -> usize {
        self.changes
            .iter()
            .filter(self.changes_the_whole(plan))
            .count()
    }

    /// Whether a change goes to the plan's whole: the total unit is found once, not per change
    /// (in a plan without one, each of a large paste's changes scanned every unit).
    fn changes_the_whole(&self, plan: &Plan) -> impl Fn(&&RowChange) -> bool + '_ {
        let total = plan.total_index();
        move |change| {
            matches!(
                self.rows.get(change.row).map(|r| &r.target),
                Some(RowTarget::Unit(i)) if Some(*i) == total
            )
        }
    }

    /// Units the paste adds.
    pub fn new_units(&self) -> usize {
        self.new_unit_names().len()
    }

    /// The names of the units the paste adds, each once, in the sheet's order.
    pub fn new_unit_names(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.rows
            .iter()
            .filter_map(|r| match &r.target {
                RowTarget::NewUnit(name) => seen.insert(compact(name)).then_some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The rows matched to a unit by its name written otherwise (`PasteRow::by_other_form`),
    /// as (the name pasted, the unit's name), in the sheet's order.
    pub fn other_form_matches<'a>(&'a self, plan: &'a Plan) -> Vec<(&'a str, &'a str)> {
        self.rows
            .iter()
            .filter(|r| r.by_other_form)
            .filter_map(|r| match r.target {
                RowTarget::Unit(i) => Some((r.name.as_str(), plan.units.get(i)?.name.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Rows whose name written otherwise would have found a unit another row also reaches (西塘
    /// beside 西塘镇), as `(pasted name, the unit's name)`: they are new units
    /// (`PasteRow::instead_of`).
    pub fn contested_forms<'a>(&'a self, plan: &'a Plan) -> Vec<(&'a str, &'a str)> {
        self.rows
            .iter()
            .filter(|r| matches!(r.target, RowTarget::NewUnit(_)))
            .filter_map(|r| {
                Some((
                    r.name.as_str(),
                    plan.units.get(r.instead_of?)?.name.as_str(),
                ))
            })
            .collect()
    }

    /// New units whose names could be several units' written otherwise (城东 with 城东镇 and
    /// 城东街道), as `(pasted name, those units' names)` (`PasteRow::could_be`).
    pub fn ambiguous_names<'a>(&'a self, plan: &'a Plan) -> Vec<(&'a str, Vec<&'a str>)> {
        self.rows
            .iter()
            .filter(|r| matches!(r.target, RowTarget::NewUnit(_)) && !r.could_be.is_empty())
            .map(|r| {
                let units = r
                    .could_be
                    .iter()
                    .filter_map(|&i| Some(plan.units.get(i)?.name.as_str()))
                    .collect();
                (r.name.as_str(), units)
            })
            .collect()
    }

    /// Units more than one row of the sheet goes to (西塘镇 twice, or a new 县招商局 twice), as
    /// (the unit's name, the rows' lines in order), in the order of their first rows: the last
    /// row's figures are the ones imported, and a new unit is added once.
    pub fn repeated_units(&self, plan: &Plan) -> Vec<(String, Vec<usize>)> {
        let mut units: Vec<(String, Vec<usize>)> = Vec::new();
        let mut seen: HashMap<UnitKey, usize> = HashMap::new();
        for row in &self.rows {
            let Some(key) = row.target.unit_key() else {
                continue;
            };
            let name = match &row.target {
                RowTarget::Unit(i) => plan.units.get(*i).map_or("", |u| u.name.as_str()),
                RowTarget::NewUnit(name) => name.as_str(),
                _ => continue,
            };
            let at = *seen.entry(key).or_insert_with(|| {
                units.push((name.to_string(), Vec::new()));
                units.len().saturating_sub(1)
            });
            if let Some((_, lines)) = units.get_mut(at) {
                lines.push(row.line);
            }
        }
        units.retain(|(_, lines)| lines.len() > 1);
        units
    }

    /// Whether confirming would change nothing: no choice is waiting, no value, name or group
    /// differs and no unit is added (the preview then offers no 确认导入).
    pub fn changes_nothing(&self) -> bool {
        !self.needs_choice() && self.changes.is_empty() && self.new_units() == 0
    }

    /// Columns that must be chosen between before the paste can be applied.
    pub fn needs_choice(&self) -> bool {
        if self.too_wide.is_some() || self.no_headings {
            return true;
        }
        self.columns
            .iter()
            .any(|c| c.role == ColumnRole::Ignored(Skip::Ambiguous))
    }
}

/// The grid's columns in order: name, group, then for each metric its inputs. The one list of
/// input fields: the grid's columns, a paste without headers, and the roles the preview offers.
pub fn grid_columns(plan: &Plan) -> Vec<ColumnRole> {
    let tier_ids: Vec<String> = plan.tiers.iter().map(|t| t.id.clone()).collect();
    let fields = metric_fields(&tier_ids);
    let mut columns = vec![ColumnRole::Name, ColumnRole::Group];
    for metric in 0..plan.metrics.len() {
        columns.extend(fields.iter().map(|field| ColumnRole::Value {
            metric,
            field: field.clone(),
        }));
    }
    columns
}

/// Words that mark a column as a figure Pace computes, never an input.
const DERIVED: [&str; 18] = [
    "完成率",
    "比序时",
    "序时",
    "同比",
    "占全",
    "占比",
    "比重",
    "位次",
    "排名",
    "增幅",
    "增长",
    "%",
    "％",
    "进度",
    "每月需",
    "应完成",
    "差距",
    "缺口",
];

/// Words of a heading a sheet's header rows hold.
const HEADING_WORDS: [&str; 26] = [
    "序号", "单位", "名称", "完成", "目标", "同期", "结余", "分组", "实际", "当月", "本月", "累计",
    "到位", "到帐", "到账", "任务", "计划", "金额", "地区", "县区", "乡镇", "预算", "增幅", "排名",
    "位次", "%",
];

/// Words under which a column holds the year-to-date actual.
const ACTUAL_WORDS: [&str; 9] = [
    "完成", "实际", "累计", "金额", "到帐", "到账", "到位", "资金", "数",
];

/// Words under which a column holds an annual target.
const TARGET_WORDS: [&str; 4] = ["目标", "任务", "计划", "预算"];

/// Words of a metric counting arrivals, to find it when the heading does not name it.
const ARRIVAL_WORDS: [&str; 4] = ["到帐", "到账", "到位", "到资"];

/// Words a group of units goes by in 通报 sheets (a subtotal row carries them as its name).
const GROUP_WORDS: [&str; 10] = [
    "乡镇",
    "镇",
    "街道",
    "镇街",
    "乡镇街道",
    "部门",
    "园区",
    "县直部门",
    "市直部门",
    "区直部门",
];

/// How notes under a table start (`数据截至2026年7月31日`, `填报单位（盖章）`).
const NOTE_STARTS: [&str; 19] = [
    "注：",
    "注:",
    "备注",
    "说明",
    "填报人",
    "填表人",
    "填报单位",
    "填表单位",
    "报送单位",
    "填报日期",
    "填表日期",
    "数据截至",
    "截至",
    "截止",
    "数据来源",
    "制表",
    "审核",
    "联系人",
    "联系电话",
];

/// How the cells above the headings that state the unit or the source start.
const TITLE_NOTE_STARTS: [&str; 9] = [
    "单位：",
    "单位:",
    "金额单位",
    "计量单位",
    "填报单位",
    "填报日期",
    "制表",
    "截至",
    "统计时间",
];

/// How many rows above the headings may be titles.
const MAX_TITLE_ROWS: usize = 6;

pub(crate) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a cell reads as a number (a data cell, never a heading): `150`, `2.6亿`, `—` is not.
fn is_number(cell: &str) -> bool {
    matches!(
        parse_entry(cell, &MeasureUnit::Count(String::new())),
        Ok(Some(_))
    )
}

fn non_empty(row: &[String]) -> impl Iterator<Item = &str> {
    row.iter().map(|c| c.trim()).filter(|c| !c.is_empty())
}

/// A cell above the headings that states the unit, the source or the date.
fn is_title_note(cell: &str) -> bool {
    let cell = compact(cell);
    TITLE_NOTE_STARTS.iter().any(|w| cell.starts_with(w))
}

/// Whether a cell names a row — a unit of the plan, the whole, a subtotal or a section — and so
/// is data, whatever heading word it holds (乡镇, 一、乡镇, 全县合计).
fn is_row_name(plan: &Plan, key: &str) -> bool {
    section_heading(key).is_some()
        || key.ends_with("小计")
        || key.ends_with("合计")
        || is_total_name(plan, key)
        || plan.units.iter().any(|u| compact(&u.name) == key)
}

fn is_heading_cell(plan: &Plan, cell: &str) -> bool {
    let c = compact(cell);
    !c.is_empty()
        && !is_title_note(&c)
        && !is_row_name(plan, &c)
        && (HEADING_WORDS.iter().any(|w| c.contains(w))
            || plan
                .metrics
                .iter()
                .any(|m| !m.name.is_empty() && c.contains(&compact(&m.name)))
            || plan
                .tiers
                .iter()
                .any(|t| !t.name.is_empty() && c.contains(&compact(&t.name))))
}

/// Whether a row is headings: some heading word, no cell that reads as a number, and (in a
/// block wider than one column) more than one cell — a lone cell is a title.
fn is_header_row(plan: &Plan, row: &[String], width: usize) -> bool {
    let cells: Vec<&str> = non_empty(row).collect();
    cells.len() >= width.min(2)
        && cells.iter().any(|c| is_heading_cell(plan, c))
        && !cells
            .iter()
            .any(|c| is_number(c) || is_row_name(plan, &compact(c)))
}

/// The lower of two header rows: headings under the upper one's merged names (完成数 考核目标,
/// 当月 累计 为预算的% …); one cell is enough.
fn is_lower_header_row(plan: &Plan, row: &[String]) -> bool {
    let cells: Vec<&str> = non_empty(row).collect();
    cells.iter().any(|c| is_heading_cell(plan, c))
        && !cells
            .iter()
            .any(|c| is_number(c) || is_row_name(plan, &compact(c)))
}

/// A row above the headings: one cell (a title such as 招商引资完成情况表) or only cells that
/// state the unit, the source or the date.
fn is_title_row(row: &[String], width: usize) -> bool {
    let cells: Vec<&str> = non_empty(row).collect();
    !cells.iter().any(|c| is_number(c))
        && ((width > 1 && cells.len() <= 1) || cells.iter().all(|c| is_title_note(c)))
}

/// The amount unit a text states: after `单位：` or in brackets (`完成数（亿元）`).
fn sheet_unit_in(text: &str) -> Option<SheetUnit> {
    let text = compact(text);
    let after = ["单位：", "单位:", "（", "("]
        .iter()
        .filter_map(|w| text.find(w).map(|at| at.saturating_add(w.len())))
        .filter_map(|at| text.get(at..))
        .collect::<Vec<_>>();
    // Longest first: 万美元 before 美元 before 元.
    let units: [(&str, u32, Option<Currency>); 7] = [
        ("万美元", 1, Some(Currency::Usd)),
        ("亿美元", 2, Some(Currency::Usd)),
        ("万元", 1, Some(Currency::Cny)),
        ("亿元", 2, Some(Currency::Cny)),
        ("美元", 0, Some(Currency::Usd)),
        ("元", 0, Some(Currency::Cny)),
        ("万", 1, None),
    ];
    after.iter().find_map(|rest| {
        units
            .iter()
            .find(|(label, _, _)| {
                rest.strip_prefix(label)
                    .is_some_and(|r| r.is_empty() || r.starts_with(['）', ')', '，', ',', ' ']))
            })
            .map(|&(label, power, currency)| SheetUnit {
                label: label.to_string(),
                power,
                currency,
            })
    })
}

/// How the top of a block reads: title rows, then one or two header rows (none: the block is
/// data for the focused cell).
fn read_top(plan: &Plan, cells: &[Vec<String>], width: usize) -> (usize, usize) {
    let row = |r: usize| cells.get(r).map_or(&[][..], Vec::as_slice);
    for titles in 0..=MAX_TITLE_ROWS.min(cells.len()) {
        if (0..titles).any(|r| !is_title_row(row(r), width)) {
            break;
        }
        if titles < cells.len() && is_header_row(plan, row(titles), width) {
            let next = titles.saturating_add(1);
            let lower = next < cells.len() && is_lower_header_row(plan, row(next));
            return (titles, if lower { 2 } else { 1 });
        }
    }
    (0, 0)
}

/// What a column is, from its heading (the upper header row's text, carried over merged cells,
/// and the lower one's).
fn column_role(plan: &Plan, upper: &str, lower: &str) -> ColumnRole {
    let heading = compact(&format!("{upper}{lower}"));
    if heading.is_empty() {
        return ColumnRole::Ignored(Skip::NoHeading);
    }
    if heading.contains("序号") {
        return ColumnRole::Seq;
    }
    if DERIVED.iter().any(|w| heading.contains(w)) {
        return ColumnRole::Ignored(Skip::Derived);
    }
    // The metric: the longest metric name the heading contains, or the only metric.
    let metric = plan
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.name.is_empty() && heading.contains(&compact(&m.name)))
        .max_by_key(|(_, m)| m.name.chars().count())
        .map(|(i, m)| (i, compact(&m.name)));
    let rest = match &metric {
        Some((_, name)) => heading.replacen(name.as_str(), "", 1),
        None => heading.clone(),
    };
    let rest = without_amount_unit(&rest);
    if metric.is_none() {
        let bare: String = rest.chars().filter(|c| !"（）()".contains(*c)).collect();
        let name_words = [
            "单位", "名称", "地区", "县区", "区县", "乡镇", "镇街", "部门",
        ];
        if name_words.contains(&bare.as_str())
            || bare.contains("单位名称")
            || bare.ends_with("名称")
            || bare == "乡镇街道"
            || bare == "乡镇部门"
        {
            return ColumnRole::Name;
        }
        if rest.contains("分组") || rest.contains("类别") || rest.contains("片区") {
            return ColumnRole::Group;
        }
    }
    if ["当月", "本月", "上月"].iter().any(|w| rest.contains(w)) && !rest.contains("累计") {
        return ColumnRole::Ignored(Skip::Monthly);
    }
    let arrivals: Vec<usize> = plan
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_arrival())
        .map(|(i, _)| i)
        .collect();
    let metric = match (metric, arrivals.as_slice()) {
        (Some((m, _)), _) => m,
        (None, _) if plan.metrics.len() == 1 => 0,
        // 到位资金 in a plan whose one arrival metric is 实际到帐.
        (None, [only]) if ARRIVAL_WORDS.iter().any(|w| rest.contains(w)) => *only,
        (None, _) => return ColumnRole::Ignored(Skip::UnknownMetric),
    };
    let tier = plan
        .tiers
        .iter()
        .filter(|t| !t.name.is_empty() && rest.contains(&compact(&t.name)))
        .max_by_key(|t| t.name.chars().count());
    let field = if rest.contains("结余") {
        Field::Carryover
    } else if rest.contains("同期") || rest.contains("上年") || rest.contains("去年") {
        Field::LastYear
    } else if let Some(tier) = tier {
        Field::Target(tier.id.clone())
    } else if TARGET_WORDS.iter().any(|w| rest.contains(w)) {
        // A target that names no tier is the first tier's (考核目标 in most plans).
        match plan.tiers.first() {
            Some(first) => Field::Target(first.id.clone()),
            None => return ColumnRole::Ignored(Skip::UnknownTier),
        }
    } else if is_period(&rest) || ACTUAL_WORDS.iter().any(|w| rest.contains(w)) {
        Field::Actual
    } else {
        return ColumnRole::Ignored(Skip::UnknownColumn);
    };
    ColumnRole::Value { metric, field }
}

/// A heading's rest without the amount unit it states in brackets: `（万美元）` says the sheet's
/// unit (`unit_fit` reads it), not which field the column is.
fn without_amount_unit(rest: &str) -> String {
    let unit = rest.split_once(['（', '(']).and_then(|(before, inner)| {
        let (unit, after) = inner.split_once(['）', ')'])?;
        sheet_unit_in(&format!("（{unit}）")).map(|_| format!("{before}{after}"))
    });
    unit.unwrap_or_else(|| rest.to_string())
}

/// Whether what is left of a heading besides the metric's name only says the period
/// (`1-7月`, `2024年1—5月份`, `截至7月`): the metric's year-to-date actual.
fn is_period(rest: &str) -> bool {
    rest.chars()
        .all(|c| c.is_ascii_digit() || "０１２３４５６７８９-－—~～至月份年日止截本今".contains(c))
}

/// The plan's units by name, built once per paste so that matching rows costs O(rows), not
/// O(rows × units).
struct UnitNames {
    /// By the name with spaces ignored: the units of that name, in the plan's order (one, but
    /// for a plan that names several units alike: `Warning::SameName`).
    exact: HashMap<String, Vec<usize>>,
    /// Each unit's `NameForm`s by their stem.
    forms: HashMap<String, Vec<(usize, NameForm)>>,
}

impl UnitNames {
    fn new(plan: &Plan) -> Self {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut forms: HashMap<String, Vec<(usize, NameForm)>> = HashMap::new();
        for (i, unit) in plan.units.iter().enumerate() {
            let key = compact(&unit.name);
            for form in name_forms(&key) {
                forms.entry(form.stem.clone()).or_default().push((i, form));
            }
            exact.entry(key).or_default().push(i);
        }
        UnitNames { exact, forms }
    }

    /// The unit the `seen`-th row named `name` goes to, when several units have that name
    /// (spaces ignored): the second 西区 row of the sheet to the plan's second 西区 (each went
    /// to the first, the second overwriting its figures). `None` for a name one unit has, and
    /// for rows beyond their number (they stay with the first, which then counts as reached
    /// twice). `seen` counts the rows of each such name so far.
    fn in_order(&self, name: &str, seen: &mut HashMap<String, usize>) -> Option<RowTarget> {
        let key = compact(name);
        let units = self.exact.get(&key).filter(|units| units.len() > 1)?;
        let nth = seen.entry(key).or_default();
        let unit = units.get(*nth).copied();
        *nth = nth.saturating_add(1);
        unit.map(RowTarget::Unit)
    }

    /// Every unit whose name `key` (spaces ignored) could be, written otherwise (`NameForm`),
    /// in the plan's order.
    fn other_forms(&self, key: &str) -> Vec<usize> {
        let mut found: Vec<usize> = name_forms(key)
            .iter()
            .flat_map(|form| {
                self.forms
                    .get(&form.stem)
                    .into_iter()
                    .flatten()
                    .filter(|(_, theirs)| form.fits(theirs))
                    .map(|(i, _)| *i)
            })
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// A row matched by its name written otherwise to a unit another row also reaches (城东 and
/// 城东镇 in one sheet, or 城东 twice) is not that unit's: one row's figures would overwrite
/// the other's. It becomes a new unit, as any name not found does.
fn unmatch_contested(rows: &mut [PasteRow]) {
    let mut reached: HashMap<usize, usize> = HashMap::new();
    for row in rows.iter() {
        if let RowTarget::Unit(i) = row.target {
            let n = reached.entry(i).or_default();
            *n = n.saturating_add(1);
        }
    }
    for row in rows.iter_mut().filter(|r| r.by_other_form) {
        if let RowTarget::Unit(i) = row.target {
            if reached.get(&i).is_some_and(|&n| n > 1) {
                row.target = RowTarget::NewUnit(row.name.trim().to_string());
                row.by_other_form = false;
                row.instead_of = Some(i);
            }
        }
    }
}

/// A unit's name read as a leading 市, 县 or 区 (or none), a stem, and a trailing kind of
/// place (or none): 城东镇 is (none, 城东, 镇), 市商务局 is (市, 商务局, none). Sheets leave
/// the prefix and the kind off or add them: 城东 for 城东镇, 招商局 for 市招商局.
#[derive(Clone, Debug, PartialEq, Eq)]
struct NameForm {
    prefix: Option<&'static str>,
    stem: String,
    /// Index into `KINDS`.
    kind: Option<usize>,
}

/// The leading words a sheet may add or leave off.
const PREFIXES: [&str; 3] = ["市", "县", "区"];
/// The trailing kinds of place a sheet may add or leave off, each with its ways of writing it
/// (a 街道 is also 街道办, 街道办事处 or 办事处).
const KINDS: [&[&str]; 4] = [
    &["街道办事处", "街道办", "街道", "办事处"],
    &["镇"],
    &["乡"],
    &["管委会"],
];

impl NameForm {
    /// Whether two forms are one name: the same stem, and neither says a different prefix or
    /// kind (城东街道 is not 城东镇, 市商务局 is not 县商务局).
    fn fits(&self, other: &NameForm) -> bool {
        fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            a.is_none() || b.is_none() || a == b
        }
        self.stem == other.stem && agree(self.prefix, other.prefix) && agree(self.kind, other.kind)
    }
}

/// A row's name without what numbers or qualifies it in a sheet: a leading item number (`1.`,
/// `2、`, `（3）`, `(4)`, and the one-character numbers `①`, `⑴`, `⒈` that Word and WPS lists
/// use) or `其中：`, and a trailing 人民政府 (东林镇人民政府 is 东林镇).
fn bare_name(key: &str) -> &str {
    let key = key.strip_suffix("人民政府").unwrap_or(key);
    let key = ["其中：", "其中:"]
        .iter()
        .find_map(|w| key.strip_prefix(w))
        .unwrap_or(key);
    key.strip_prefix(|c: char| ('①'..='⑳').contains(&c) || ('⑴'..='⒛').contains(&c))
        .or_else(|| after_item_number(key, |c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
        .unwrap_or(key)
}

/// What follows a leading item number written with `numeral` characters: `（三）部门` and
/// `三、部门` give 部门 (section headings), `（2）东林镇` and `1.城关镇` the name. `None`
/// without such a number.
fn after_item_number(key: &str, numeral: impl Fn(char) -> bool) -> Option<&str> {
    let (inner, ends): (&str, &[char]) = match key.strip_prefix(['（', '(']) {
        Some(inner) => (inner, &['）', ')']),
        None => (key, &['、', '.', '．']),
    };
    let rest = inner.trim_start_matches(numeral);
    if rest.len() == inner.len() {
        return None;
    }
    rest.strip_prefix(ends)
}

/// Every way of reading `key` (a name, spaces ignored) as a `NameForm` whose stem has two
/// characters or more: with and without its prefix and its kind. 市场监管局 is read both as
/// 市场监管局 and as 市 + 场监管局, so that 县市场监管局 finds it.
fn name_forms(key: &str) -> Vec<NameForm> {
    let bare = bare_name(key);
    let prefixed = PREFIXES
        .iter()
        .find_map(|p| Some((Some(*p), bare.strip_prefix(p)?)));
    let mut forms = Vec::new();
    for (prefix, rest) in std::iter::once((None, bare)).chain(prefixed) {
        let kinded = KINDS.iter().enumerate().find_map(|(k, words)| {
            words
                .iter()
                .find_map(|w| Some((Some(k), rest.strip_suffix(w)?)))
        });
        for (kind, stem) in std::iter::once((None, rest)).chain(kinded) {
            if stem.chars().count() >= 2 {
                forms.push(NameForm {
                    prefix,
                    stem: stem.to_string(),
                    kind,
                });
            }
        }
    }
    forms
}

/// The group a section heading opens: `一、开发区` → 开发区, `（三）部门` and `㈢部门` → 部门.
fn section_heading(key: &str) -> Option<String> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let rest = key
        .strip_prefix(|c: char| ('㈠'..='㈩').contains(&c))
        .or_else(|| after_item_number(key, |c| NUMERALS.contains(c)))?;
    let group = rest
        .trim_end_matches("小计")
        .trim_end_matches("合计")
        .to_string();
    (!group.is_empty()).then_some(group)
}

/// Whether a row's name is the whole's: 合计, 总计, 全县合计, 全区总计, 合计（全市）, the total
/// unit's own name …
fn is_total_name(plan: &Plan, key: &str) -> bool {
    let bare = without_brackets(key);
    if bare.is_empty() {
        return false; // brackets alone (`（）`) name nothing, least of all the whole
    }
    let rest = TOTAL_WORDS
        .iter()
        .fold(bare.clone(), |s, w| s.replacen(w, "", 1));
    let whole = |s: &str| {
        let mut chars = s.chars();
        chars.next() == Some('全')
            && chars
                .next()
                .is_some_and(|c| "市县区省州旗盟镇乡".contains(c))
            && chars.next().is_none()
    };
    rest.is_empty()
        || whole(&rest)
        || plan
            .total_name()
            .is_some_and(|name| compact(name) == rest && rest != bare)
}

/// Whether a row's name is only a total's word (合计, 总计, 共计, in brackets or not), naming no
/// whole (全市合计, 合计（全县）) and no unit: whose total it is depends on the rows above it.
fn is_bare_total(key: &str) -> bool {
    TOTAL_WORDS.contains(&without_brackets(key).as_str())
}

/// The words a total's row is named by.
const TOTAL_WORDS: [&str; 3] = ["合计", "总计", "共计"];

/// A row's name without its brackets: `合计（全市）` → `合计全市`.
fn without_brackets(key: &str) -> String {
    key.chars()
        .filter(|c| !"（）()【】[]".contains(*c))
        .collect()
}

/// A bare 合计 row (`is_bare_total`) is the whole's only when the rows name every unit the plan
/// sums into its whole (a plan with none takes any sheet's 合计 as its whole's). Otherwise it
/// totals the sheet's rows alone, and would put a town sheet's 合计 over the city's figures.
fn sheet_totals(plan: &Plan, rows: &mut [PasteRow]) {
    let named: HashSet<usize> = rows
        .iter()
        .filter_map(|r| match r.target {
            RowTarget::Unit(i) => Some(i),
            _ => None,
        })
        .collect();
    let covers_the_whole = plan
        .units
        .iter()
        .enumerate()
        .all(|(i, u)| u.total || !u.in_total || named.contains(&i));
    if covers_the_whole {
        return;
    }
    let total = plan.total_index();
    for row in rows.iter_mut() {
        let is_the_total = match row.target {
            RowTarget::Unit(i) => Some(i) == total,
            RowTarget::Subtotal { group: None } => true,
            _ => false,
        };
        if is_the_total && is_bare_total(&compact(&row.name)) {
            row.target = RowTarget::SheetTotal {
                whole: plan.total_name().unwrap_or(DEFAULT_TOTAL_NAME).to_string(),
            };
        }
    }
}

/// Whether a row's name is a group's (a subtotal row): one of the plan's groups, a usual group
/// word (乡镇, 部门 …) or a level (区级, 县级).
fn is_group_name(groups: &[String], key: &str) -> bool {
    groups.iter().any(|g| compact(g) == key)
        || GROUP_WORDS.contains(&key)
        || (key.chars().count() == 2 && key.ends_with('级'))
}

/// How a row was read: what it is, and how its name was matched.
struct Reading {
    target: RowTarget,
    /// Its unit was found by its name exactly (spaces ignored): rows of a name several units
    /// share go to them in order (`UnitNames::in_order`).
    by_exact_name: bool,
    /// Its unit was found by its name written otherwise (`PasteRow::by_other_form`).
    by_other_form: bool,
    /// A new unit whose name could be several units' written otherwise (`PasteRow::could_be`).
    could_be: Vec<usize>,
}

impl From<RowTarget> for Reading {
    fn from(target: RowTarget) -> Self {
        Reading {
            target,
            by_exact_name: false,
            by_other_form: false,
            could_be: Vec::new(),
        }
    }
}

/// What a named row is, in a block with headers, and how its name was matched: exactly, or
/// written otherwise (`NameForm`) when it can be one unit only.
fn row_target(plan: &Plan, groups: &[String], names: &UnitNames, name: &str) -> Reading {
    let target = Reading::from;
    let key = compact(name);
    if key.is_empty() {
        return target(RowTarget::Unnamed);
    }
    if let Some(&i) = names.exact.get(&key).and_then(|units| units.first()) {
        return Reading {
            by_exact_name: true,
            ..target(RowTarget::Unit(i))
        };
    }
    if let Some(group) = section_heading(&key) {
        return target(RowTarget::Section(group));
    }
    if let Some(group) = key.strip_suffix("小计") {
        // A bare 小计 is its section's (`analyse` says which), or no group's.
        return target(RowTarget::Subtotal {
            group: Some(group.to_string()),
        });
    }
    if is_total_name(plan, &key) {
        return target(match plan.total_index() {
            Some(i) => RowTarget::Unit(i),
            None => RowTarget::Subtotal { group: None },
        });
    }
    if let Some(group) = key
        .strip_suffix("合计")
        .or_else(|| key.strip_suffix("总计"))
    {
        return target(RowTarget::Subtotal {
            group: Some(group.to_string()),
        });
    }
    if is_group_name(groups, &key) {
        return target(RowTarget::Subtotal { group: Some(key) });
    }
    if NOTE_STARTS.iter().any(|w| key.starts_with(w)) {
        return target(RowTarget::Note);
    }
    let found = names.other_forms(&key);
    match found.as_slice() {
        [one] => Reading {
            by_other_form: true,
            ..target(RowTarget::Unit(*one))
        },
        // None, or several: none is guessed.
        _ => Reading {
            could_be: found,
            ..target(RowTarget::NewUnit(name.trim().to_string()))
        },
    }
}

/// The sheet's amount unit (from the title rows and the headings) against the plan's.
fn unit_fit(plan: &Plan, cells: &[Vec<String>], rows: usize) -> UnitFit {
    let stated = cells
        .iter()
        .take(rows)
        .flatten()
        .find_map(|cell| sheet_unit_in(cell));
    match stated {
        None => UnitFit::Same,
        Some(sheet) if sheet.currency.is_some_and(|c| c != plan.unit.currency) => {
            UnitFit::OtherCurrency(sheet)
        }
        Some(sheet) if sheet.power == plan.unit.magnitude.power() => UnitFit::Same,
        Some(sheet) => UnitFit::Converted(sheet),
    }
}

/// The columns' roles, from the headings (or the grid from the focused column), then the
/// person's choices, then the rule of one column per field.
fn read_columns(
    plan: &Plan,
    cells: &[Vec<String>],
    top: (usize, usize),
    anchor: (usize, usize),
    choices: &PasteChoices,
) -> Vec<PasteColumn> {
    let (titles, header_rows) = top;
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, c: usize| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", |s| s.trim())
    };
    let found: Vec<(String, ColumnRole)> = if header_rows > 0 {
        let mut upper_carried = String::new();
        (0..width)
            .map(|c| {
                let (mut upper, lower) = if header_rows == 2 {
                    (
                        cell(titles, c).to_string(),
                        cell(titles.saturating_add(1), c),
                    )
                } else {
                    (String::new(), cell(titles, c))
                };
                // A merged cell's text stands over the empty cells to its right.
                if header_rows == 2 {
                    if upper.is_empty() && !lower.is_empty() {
                        upper = upper_carried.clone();
                    } else {
                        upper_carried = upper.clone();
                    }
                }
                let heading = [upper.as_str(), lower]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                (heading, column_role(plan, &upper, lower))
            })
            .collect()
    } else {
        let grid = grid_columns(plan);
        (0..width)
            .map(|c| {
                let at = anchor.1.saturating_add(c);
                let role = grid
                    .get(at)
                    .cloned()
                    .unwrap_or(ColumnRole::Ignored(Skip::OutsideGrid));
                (format!("{}", at.saturating_add(1)), role)
            })
            .collect()
    };
    let other_currency = matches!(
        unit_fit(plan, cells, titles.saturating_add(header_rows)),
        UnitFit::OtherCurrency(_)
    );
    let mut columns: Vec<PasteColumn> = found
        .into_iter()
        .enumerate()
        .map(|(c, (heading, found))| {
            let chosen = choices.roles.get(&c).cloned();
            let amount = |role: &ColumnRole| match role {
                ColumnRole::Value { metric, .. } => plan
                    .metrics
                    .get(*metric)
                    .is_some_and(|m| matches!(plan.measure_unit(m), MeasureUnit::Amount(_))),
                _ => false,
            };
            let role = match &chosen {
                Some(role) => role.clone(),
                None if other_currency && amount(&found) => {
                    ColumnRole::Ignored(Skip::OtherCurrency)
                }
                None => found.clone(),
            };
            PasteColumn {
                heading,
                found,
                role,
                chosen: chosen.is_some(),
                blank_as_zero: choices.blank_as_zero.get(c).copied().unwrap_or(false),
            }
        })
        .collect();
    // One column per field: two columns that the headings give the same field both wait for a
    // choice (a chosen one keeps it).
    let roles: Vec<ColumnRole> = columns.iter().map(|c| c.role.clone()).collect();
    for (c, column) in columns.iter_mut().enumerate() {
        let clash = is_field(&column.role)
            && roles
                .iter()
                .enumerate()
                .any(|(o, role)| o != c && *role == column.role);
        if clash && !column.chosen {
            column.role = ColumnRole::Ignored(Skip::Ambiguous);
        }
    }
    columns
}

/// Works out what a whole sheet would do (a .csv or .xlsx opened, a block in 粘贴导入): as
/// [`analyse`], but its headings must say what its columns are. Without them a block is read
/// from the grid cell it was pasted at, and a sheet has none: read from the grid's top left, a
/// sheet of names and figures renamed 全市 and made its figures groups (a tester's CSV). Such a
/// sheet reads nothing (`Paste::no_headings`).
pub fn analyse_sheet(plan: &Plan, cells: &[Vec<String>], choices: &PasteChoices) -> Paste {
    let paste = analyse(plan, cells, (0, 0), choices);
    if paste.header_rows > 0 || paste.too_wide.is_some() {
        return paste;
    }
    Paste {
        columns: Vec::new(),
        rows: Vec::new(),
        changes: Vec::new(),
        problems: Vec::new(),
        mismatches: Vec::new(),
        no_headings: true,
        ..paste
    }
}

/// Works out what pasting `cells` would do. `anchor` is the focused grid cell (unit index, grid
/// column index of `grid_columns`), used when the block has no headers; `choices` are the
/// person's from the preview.
pub fn analyse(
    plan: &Plan,
    cells: &[Vec<String>],
    anchor: (usize, usize),
    choices: &PasteChoices,
) -> Paste {
    let used = cells
        .iter()
        .filter_map(|row| row.iter().rposition(|c| !c.trim().is_empty()))
        .max()
        .map_or(0, |last| last.saturating_add(1));
    if used > MAX_PASTE_COLUMNS {
        return Paste {
            title_rows: 0,
            header_rows: 0,
            unit_fit: UnitFit::Same,
            columns: Vec::new(),
            rows: Vec::new(),
            changes: Vec::new(),
            problems: Vec::new(),
            mismatches: Vec::new(),
            too_wide: Some(used),
            no_headings: false,
        };
    }
    // Empty columns past the last with text, when there are very many of them (a CSV of
    // trailing commas, a sheet's formatted empty cells), are not read as columns.
    if cells.iter().any(|row| row.len() > MAX_PASTE_COLUMNS) {
        let trimmed: Vec<Vec<String>> = cells
            .iter()
            .map(|row| row.iter().take(used).cloned().collect())
            .collect();
        return analyse(plan, &trimmed, anchor, choices);
    }
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let (title_rows, header_rows) = read_top(plan, cells, width);
    let top = title_rows.saturating_add(header_rows);
    let fit = unit_fit(plan, cells, top);
    let sheet_power = match &fit {
        UnitFit::Converted(sheet) => Some(sheet.power),
        _ => None,
    };
    let cell = |r: usize, c: usize| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    let mut columns = read_columns(plan, cells, (title_rows, header_rows), anchor, choices);
    // A closed month keeps the plan's groups (they are the year's, not a month's): a group
    // column is listed as not imported, rather than read and then dropped without a word.
    if choices.figures_only {
        for column in columns.iter_mut().filter(|c| c.role == ColumnRole::Group) {
            column.role = ColumnRole::Ignored(Skip::GroupsInClosedMonth);
        }
    }
    let name_column = columns.iter().position(|c| c.role == ColumnRole::Name);
    let group_column = columns.iter().any(|c| c.role == ColumnRole::Group);

    let names = UnitNames::new(plan);
    let groups = plan.groups();
    let mut rows = Vec::new();
    let mut section: Option<String> = None;
    let mut shared_names_seen = HashMap::new();
    for (r, line) in cells.iter().enumerate().skip(top) {
        if line.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut name = name_column.map_or(String::new(), |c| cell(r, c).trim().to_string());
        let Reading {
            mut target,
            by_exact_name,
            by_other_form,
            could_be,
        } = if header_rows > 0 {
            match name_column {
                // A section heading or a note merged across 序号 and 单位 stands in the first
                // cell.
                Some(_) if name.is_empty() => {
                    name = non_empty(line).next().unwrap_or_default().to_string();
                    let key = compact(&name);
                    let target = match section_heading(&key) {
                        Some(group) => RowTarget::Section(group),
                        None if NOTE_STARTS.iter().any(|w| key.starts_with(w)) => RowTarget::Note,
                        // 合计 merged across 序号 and 单位 (Excel copies it into the first).
                        None if is_total_name(plan, &key) => {
                            row_target(plan, &groups, &names, &name).target
                        }
                        None => RowTarget::Unnamed,
                    };
                    Reading::from(target)
                }
                Some(_) => row_target(plan, &groups, &names, &name),
                // Headers but no names: rows are the grid's rows from the top.
                None => {
                    let i = r.saturating_sub(top);
                    let target = if i < plan.units.len() {
                        RowTarget::Unit(i)
                    } else {
                        RowTarget::Outside
                    };
                    Reading::from(target)
                }
            }
        } else {
            let i = anchor.0.saturating_add(r);
            let target = if i < plan.units.len() {
                RowTarget::Unit(i)
            } else if !name.is_empty() {
                RowTarget::NewUnit(name.clone())
            } else if name_column.is_some() {
                RowTarget::Unnamed
            } else {
                RowTarget::Outside
            };
            Reading::from(target)
        };
        if by_exact_name {
            if let Some(unit) = names.in_order(&name, &mut shared_names_seen) {
                target = unit;
            }
        }
        if let RowTarget::Section(group) = &target {
            section = Some(group.clone());
        }
        // A bare 小计 under 一、园区 is 园区's.
        if let (RowTarget::Subtotal { group: Some(group) }, Some(s)) = (&mut target, &section) {
            if group.is_empty() {
                group.clone_from(s);
            }
        }
        rows.push(PasteRow {
            line: r.saturating_add(1),
            name,
            by_other_form,
            instead_of: None,
            could_be,
            target,
            section: section.clone(),
        });
    }
    unmatch_contested(&mut rows);
    if header_rows > 0 {
        sheet_totals(plan, &mut rows);
    }
    // A name no unit has (a paragraph pasted into the name column) adds no unit.
    for row in &mut rows {
        if let RowTarget::NewUnit(name) = &row.target {
            if name.chars().count() > MAX_NAME_CHARS {
                row.target = RowTarget::TooLongName;
            }
        }
    }

    let read = |text: &str, metric: &Metric, column: &PasteColumn| match parse_entry_in(
        text,
        &plan.measure_unit(metric),
        sheet_power,
    ) {
        Ok(None) if column.blank_as_zero => Ok(Some(Decimal::ZERO)),
        other => other,
    };
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let unit = match &row.target {
            RowTarget::Unit(i) => plan.units.get(*i),
            RowTarget::NewUnit(_) => None,
            _ => continue,
        };
        let r = row.line.saturating_sub(1);
        for (c, column) in columns.iter().enumerate() {
            let text = cell(r, c);
            match &column.role {
                ColumnRole::Value { metric, field } => {
                    let Some(m) = plan.metrics.get(*metric) else {
                        continue;
                    };
                    let after = match read(text, m, column) {
                        Ok(value) => value,
                        Err(e) => {
                            problems.push(CellProblem {
                                line: row.line,
                                column: c.saturating_add(1),
                                unit: if row.name.is_empty() {
                                    unit.map_or("", |u| u.name.as_str())
                                } else {
                                    row.name.as_str()
                                }
                                .to_string(),
                                heading: column.heading.clone(),
                                error: e,
                            });
                            continue;
                        }
                    };
                    let before = unit.and_then(|u| field.of(u.figure(&m.id)?));
                    if before != after {
                        changes.push(RowChange {
                            row: index,
                            change: Change::Value {
                                metric: *metric,
                                field: field.clone(),
                                before,
                                after,
                            },
                        });
                    }
                }
                ColumnRole::Name if header_rows == 0 => {
                    let after = text.trim().to_string();
                    if let Some(u) = unit {
                        if !after.is_empty() && after != u.name {
                            changes.push(RowChange {
                                row: index,
                                change: Change::Name {
                                    before: u.name.clone(),
                                    after,
                                },
                            });
                        }
                    }
                }
                ColumnRole::Group => {
                    let after = Some(text.trim().to_string()).filter(|g| !g.is_empty());
                    let before = unit.and_then(|u| u.group.clone());
                    if before != after {
                        changes.push(RowChange {
                            row: index,
                            change: Change::Group { before, after },
                        });
                    }
                }
                _ => {}
            }
        }
        // Under a section heading (and no group column): the section is the group of a unit
        // that has none. A unit's group in the plan stays: a unit's own sheet heads it in its
        // words (一、开发区 over a unit the plan has under 园区), and a group renamed by a paste
        // would take its subtotal, its counts and the 讲评稿's paragraph ticked for it along.
        if let (Some(group), false) = (&row.section, group_column) {
            let before = unit.and_then(|u| u.group.clone());
            let is_total = unit.is_some_and(|u| u.total);
            if !is_total && before.is_none() {
                changes.push(RowChange {
                    row: index,
                    change: Change::Group {
                        before,
                        after: Some(group.clone()),
                    },
                });
            }
        }
    }
    // A unit several rows go to (`Paste::repeated_units`) takes the last row's cells, as the
    // preview says: the earlier rows' changes would be applied and then overwritten, or, where
    // the last row leaves a figure as it is, applied alone.
    // Each row's key once (a new unit's is its compacted name), not once per change.
    let keys: Vec<Option<UnitKey>> = rows.iter().map(|r| r.target.unit_key()).collect();
    let mut last_row: HashMap<&UnitKey, usize> = HashMap::new();
    for (index, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            last_row.insert(key, index);
        }
    }
    let superseded: Vec<bool> = keys
        .iter()
        .enumerate()
        .map(|(index, key)| {
            key.as_ref()
                .is_some_and(|k| last_row.get(k) != Some(&index))
        })
        .collect();
    changes.retain(|c| !superseded.get(c.row).copied().unwrap_or(false));
    // Nor are an earlier row's unreadable cells counted as not imported: none of it is.
    let superseded_lines: std::collections::HashSet<usize> = rows
        .iter()
        .zip(&superseded)
        .filter(|(_, &s)| s)
        .map(|(r, _)| r.line)
        .collect();
    problems.retain(|p| !superseded_lines.contains(&p.line));
    if choices.figures_only {
        for row in &mut rows {
            if let RowTarget::NewUnit(name) = &row.target {
                row.target = RowTarget::NewInClosedMonth(name.clone());
            }
        }
        changes.retain(|c| {
            matches!(c.change, Change::Value { .. })
                && rows
                    .get(c.row)
                    .is_some_and(|r| matches!(r.target, RowTarget::Unit(_)))
        });
    }
    let mut paste = Paste {
        title_rows,
        header_rows,
        unit_fit: fit,
        columns,
        rows,
        changes,
        problems,
        mismatches: Vec::new(),
        too_wide: None,
        no_headings: false,
    };
    paste.mismatches = sum_mismatches(
        plan,
        &paste,
        |r, c| cell(r, c),
        |text, m, column| read(text, m, column).ok().flatten(),
    );
    paste
}

/// The subtotal, section, total-without-unit and sheet-total rows whose figures differ from the
/// sum of their units' once the paste is applied (a sheet total's units are the sheet's rows').
/// A group no unit has after the paste is not checked.
fn sum_mismatches<'a>(
    plan: &Plan,
    paste: &Paste,
    cell: impl Fn(usize, usize) -> &'a str,
    read: impl Fn(&str, &Metric, &PasteColumn) -> Option<Decimal>,
) -> Vec<SumMismatch> {
    // What a row sums: a group's units (`None`: all the plan sums into its whole), or the
    // sheet's own rows' (`SHEET`).
    const SHEET: Option<Option<&str>> = None;
    let sums: Vec<(&PasteRow, Option<Option<&str>>)> = paste
        .rows
        .iter()
        .filter_map(|row| match &row.target {
            RowTarget::Subtotal { group } => Some((row, Some(group.as_deref()))),
            RowTarget::Section(group) => Some((row, Some(Some(group.as_str())))),
            RowTarget::SheetTotal { .. } => Some((row, SHEET)),
            _ => None,
        })
        .collect();
    if sums.is_empty() {
        return Vec::new();
    }
    let mut after = plan.clone();
    apply(&mut after, paste);
    // A section whose units did not all join its group (a unit keeps the group it has) has no
    // group to check its figures against. Found in one pass, and the groups' units gathered
    // once: a sheet of 30 000 subtotal rows scanned every row and unit for each (10 s).
    let kept_apart: HashSet<&str> = paste
        .rows
        .iter()
        .filter_map(|r| {
            let section = r.section.as_deref()?;
            let RowTarget::Unit(i) = r.target else {
                return None;
            };
            let unit = after.units.get(i)?;
            (!unit.total && unit.group.as_deref().map(compact) != Some(compact(section)))
                .then_some(section)
        })
        .collect();
    let counted: Vec<&Unit> = after
        .units
        .iter()
        .filter(|u| !u.total && u.in_total)
        .map(|u| &**u)
        .collect();
    // Each group's units as its subtotal sums them (`report::summed_members`).
    let mut by_group: HashMap<String, Vec<&Unit>> = HashMap::new();
    for unit in after.units.iter().filter(|u| !u.total) {
        if let Some(group) = &unit.group {
            by_group.entry(compact(group)).or_default().push(unit);
        }
    }
    for members in by_group.values_mut() {
        *members = summed_members(members, |u| u.in_total);
    }
    // The sheet's rows' units after the paste: a new unit is added under its name, at the end.
    let added: HashMap<String, &Unit> = after
        .units
        .iter()
        .skip(plan.units.len())
        .map(|u| (compact(&u.name), &**u))
        .collect();
    let mut on_sheet: Vec<&Unit> = Vec::new();
    let mut seen = HashSet::new();
    for row in &paste.rows {
        let unit = match &row.target {
            RowTarget::Unit(i) => after.units.get(*i).map(|u| &**u),
            RowTarget::NewUnit(name) => added.get(&compact(name)).copied(),
            _ => None,
        };
        if let Some(unit) = unit.filter(|u| !u.total && seen.insert(u.id.as_str())) {
            on_sheet.push(unit);
        }
    }
    // A group's subtotal on a sheet may sum the group's units the sheet lists (a sheet of some of
    // its towns: a retest's 小计 1730 of 城关镇 alone was compared with every town, 6030) or
    // all of the group's (a published sheet naming its larger towns only): it is said when it is
    // neither, against all of the group's.
    let listed: HashSet<&str> = on_sheet.iter().map(|u| u.id.as_str()).collect();
    let sum_of = |members: &[&Unit], m: &Metric, field: &Field, listed_only: bool| {
        let values: Vec<Decimal> = members
            .iter()
            .filter(|u| !listed_only || listed.contains(u.id.as_str()))
            .filter_map(|u| field.of(u.figure(&m.id)?))
            .collect();
        if values.is_empty() {
            return None;
        }
        values
            .iter()
            .try_fold(Decimal::ZERO, |s, v| s.checked_add(*v))
    };
    let mut mismatches = Vec::new();
    for (row, sums) in sums {
        let (members, of_group): (&[&Unit], bool) = match sums {
            SHEET => (&on_sheet, false),
            Some(Some(g)) if kept_apart.contains(g) => continue,
            Some(None) => (&counted, false),
            Some(Some(g)) => (by_group.get(&compact(g)).map_or(&[], Vec::as_slice), true),
        };
        for (c, column) in paste.columns.iter().enumerate() {
            let ColumnRole::Value { metric, field } = &column.role else {
                continue;
            };
            let Some(m) = plan.metrics.get(*metric) else {
                continue;
            };
            let Some(pasted) = read(cell(row.line.saturating_sub(1), c), m, column) else {
                continue;
            };
            let Some(summed) = sum_of(members, m, field, false) else {
                continue;
            };
            let of_those_listed = || of_group && sum_of(members, m, field, true) == Some(pasted);
            if summed != pasted && !of_those_listed() {
                mismatches.push(SumMismatch {
                    line: row.line,
                    name: row.name.clone(),
                    heading: column.heading.clone(),
                    pasted,
                    summed,
                });
            }
        }
    }
    mismatches
}

/// Makes the changes `analyse` found: adds the new units (at the end, in the block's order),
/// then sets every changed value, name and group.
pub fn apply(plan: &mut Plan, paste: &Paste) {
    let mut ids = FreshIds::new("u", plan.units.iter().map(|u| u.id.as_str()));
    // Rows of one new name are one new unit (`Paste::repeated_units` lists them).
    let mut added: HashMap<String, usize> = HashMap::new();
    let units: Vec<Option<usize>> = paste
        .rows
        .iter()
        .map(|row| match &row.target {
            RowTarget::Unit(i) => Some(*i),
            RowTarget::NewUnit(name) => match added.entry(compact(name)) {
                Entry::Occupied(unit) => Some(*unit.get()),
                Entry::Vacant(slot) => {
                    Some(*slot.insert(plan.add_unit_with_id(ids.next()?, name, None)))
                }
            },
            _ => None,
        })
        .collect();
    for RowChange { row, change } in &paste.changes {
        let Some(&Some(unit)) = units.get(*row) else {
            continue;
        };
        match change {
            Change::Value {
                metric,
                field,
                after,
                ..
            } => {
                if let Some(id) = plan.metrics.get(*metric).map(|m| m.id.clone()) {
                    plan.set_value(unit, &id, field, *after);
                }
            }
            // A name read from a cell is never blank (`analyse` leaves those).
            Change::Name { after, .. } => {
                let _ = plan.rename_unit(unit, after);
            }
            Change::Group { after, .. } => plan.set_group(unit, after.as_deref().unwrap_or("")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;
    use std::str::FromStr;

    #[test]
    fn new_units_get_fresh_ids_and_a_large_paste_applies_whole() {
        let mut plan = speech_example();
        let mut text = String::from("单位\t新批注册外资完成数\r\n");
        for i in 1..=3000 {
            text.push_str(&format!("新单位{i}\t{i}\r\n"));
        }
        let paste = analyse(&plan, &parse_block(&text), (0, 0), &PasteChoices::default());
        assert_eq!(paste.new_units(), 3000);
        apply(&mut plan, &paste);
        assert_eq!(plan.units.len(), 3002);
        let ids: std::collections::HashSet<&str> =
            plan.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids.len(), 3002, "every id is distinct");
        assert_eq!(plan.units[2].id, "u1");
        assert_eq!(plan.units[3001].name, "新单位3000");
        assert_eq!(plan.units[3001].figures["registered"].actual, dec("3000"));
    }

    fn dec(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn blocks_split_like_spreadsheets_write_them() {
        assert_eq!(
            parse_block("a\tb\r\n\"x\ty\"\t\"say \"\"hi\"\"\nthere\"\r\n"),
            vec![
                vec!["a".to_string(), "b".into()],
                vec!["x\ty".into(), "say \"hi\"\nthere".into()]
            ]
        );
        assert_eq!(
            parse_block("1\t\t3"),
            vec![vec!["1".to_string(), String::new(), "3".into()]]
        );
    }

    /// The 通报 sheet as Excel copies it: two header rows with the metric names merged over
    /// their columns, 序号, a total row, a subtotal row, derived columns.
    const SHEET: &str = "序号\t单位\t新批注册外资\t\t\t\t注册外资实际到帐\t\t\r\n\
        \t\t完成数\t考核目标\t考核目标完成率\t上年同期\t完成数\t其中上年结余\t加压目标\r\n\
        \t合计\t2.6023亿\t42,410\t61.36%\t\t10282\t1200\t34050\r\n\
        \t开发区小计\t14202\t\t\t\t\t\t\r\n\
        1\t开 发 区\t１４２０２\t24000\t59.18%\t10642\t4762\t—\t17000\r\n\
        2\t临港镇\t3,500\t5000\t70.00%\t\t\t\t\r\n";

    #[test]
    fn a_two_row_header_sheet_maps_columns_and_rows() {
        let plan = speech_example();
        let paste = analyse(&plan, &parse_block(SHEET), (0, 0), &PasteChoices::default());
        assert_eq!(paste.header_rows, 2);
        let roles: Vec<&ColumnRole> = paste.columns.iter().map(|c| &c.role).collect();
        let value = |metric, field| ColumnRole::Value { metric, field };
        let tier = |id: &str| Field::Target(id.to_string());
        assert_eq!(
            roles,
            [
                &ColumnRole::Seq,
                &ColumnRole::Name,
                &value(0, Field::Actual),
                &value(0, tier("assessment")),
                &ColumnRole::Ignored(Skip::Derived),
                &value(0, Field::LastYear),
                &value(1, Field::Actual),
                &value(1, Field::Carryover),
                &value(1, tier("stretch")),
            ]
        );
        let targets: Vec<&RowTarget> = paste.rows.iter().map(|r| &r.target).collect();
        assert_eq!(
            targets,
            [
                &RowTarget::Unit(0),
                &RowTarget::Subtotal {
                    group: Some("开发区".into())
                },
                &RowTarget::Unit(1),
                &RowTarget::NewUnit("临港镇".into())
            ]
        );
        assert!(paste.problems.is_empty(), "{:?}", paste.problems);
        // Everything on 全市 and 开发区 already matches the example except the cleared
        // carry-over (— means not reported) … which 开发区 never had: no change there either.
        let existing: Vec<&RowChange> = paste.changes.iter().filter(|c| c.row != 3).collect();
        assert_eq!(existing, Vec::<&RowChange>::new());
        let mut after = plan.clone();
        apply(&mut after, &paste);
        assert_eq!(after.units.len(), 3);
        assert_eq!(after.units[2].name, "临港镇");
        assert_eq!(after.value(2, "registered", &Field::Actual), dec("3500"));
        assert_eq!(
            after.value(2, "registered", &tier("assessment")),
            dec("5000")
        );
        assert_eq!(after.value(2, "arrived", &Field::Actual), None);
    }

    #[test]
    fn changed_values_bad_cells_and_blank_as_zero() {
        let plan = speech_example();
        let block =
            "单位\t新批注册外资完成数\t注册外资实际到帐完成数\n开发区\t15000\t12a\n全市\t\t\n";
        let paste = analyse(&plan, &parse_block(block), (0, 0), &PasteChoices::default());
        assert_eq!(paste.header_rows, 1);
        assert_eq!(
            paste.changes,
            [
                RowChange {
                    row: 0,
                    change: Change::Value {
                        metric: 0,
                        field: Field::Actual,
                        before: dec("14202"),
                        after: dec("15000")
                    }
                },
                RowChange {
                    row: 1,
                    change: Change::Value {
                        metric: 0,
                        field: Field::Actual,
                        before: dec("26023"),
                        after: None
                    }
                },
                RowChange {
                    row: 1,
                    change: Change::Value {
                        metric: 1,
                        field: Field::Actual,
                        before: dec("10282"),
                        after: None
                    }
                },
            ]
        );
        assert_eq!(paste.problems.len(), 1);
        let problem = &paste.problems[0];
        assert_eq!((problem.line, problem.column), (2, 3));
        assert_eq!(problem.unit, "开发区");
        assert_eq!(problem.heading, "注册外资实际到帐完成数");
        assert_eq!(
            (problem.error.text.as_str(), &problem.error.refusal),
            ("12a", &crate::engine::entry::Refusal::NotANumber)
        );
        // 空白视为0 on the second column: 全市's blank becomes 0.
        let zero = analyse(
            &plan,
            &parse_block(block),
            (0, 0),
            &PasteChoices {
                blank_as_zero: vec![false, true],
                ..PasteChoices::default()
            },
        );
        assert!(zero.changes.contains(&RowChange {
            row: 1,
            change: Change::Value {
                metric: 0,
                field: Field::Actual,
                before: dec("26023"),
                after: Some(Decimal::ZERO)
            }
        }));
    }

    #[test]
    fn a_block_without_headers_lands_at_the_focused_cell() {
        let plan = speech_example();
        // Focus on 开发区's 新批 actual (grid column 2): two values to the right.
        let paste = analyse(
            &plan,
            &parse_block("1.5亿\t300\n"),
            (1, 2),
            &PasteChoices::default(),
        );
        assert_eq!(paste.header_rows, 0);
        let mut after = plan.clone();
        apply(&mut after, &paste);
        assert_eq!(after.value(1, "registered", &Field::Actual), dec("15000"));
        assert_eq!(after.value(1, "registered", &Field::Carryover), dec("300"));
        // Names pasted at the name column below the last unit add units.
        let names = analyse(
            &plan,
            &parse_block("开发区\n甲镇\n乙镇"),
            (1, 0),
            &PasteChoices::default(),
        );
        assert_eq!(names.new_units(), 2);
        let mut after = plan.clone();
        apply(&mut after, &names);
        let got: Vec<&str> = after.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(got, ["全市", "开发区", "甲镇", "乙镇"]);
    }
}
