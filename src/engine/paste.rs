//! A block copied from Excel or WPS and pasted into the units grid. Nothing is applied here:
//! `analyse` works out what each column and row is and what would change (for a preview), and
//! `apply` makes exactly those changes once the person confirms.
//!
//! Two ways a block is read:
//! - **With headers** (the usual 通报 sheet): one or two header rows (the upper one with metric
//!   names over merged cells) name the columns — 单位, 分组, 完成数, 上年结余, 上年同期, tier
//!   names; 序号 and derived columns (完成率, 比序时, 同比, 占全市, 位次) are left alone. Rows
//!   are matched to units by name; 合计 / 全市 rows go to the total; 小计 rows are skipped
//!   (subtotals are computed); unknown names become new units.
//! - **Without headers**: the block lands at the focused cell, like a spreadsheet paste: rows
//!   are units in the grid's order, columns are the grid's columns from the focused one.

use super::edit::{Field, FreshIds};
use super::entry::{parse_entry, EntryError};
use super::plan::Plan;
use rust_decimal::Decimal;

/// Splits text as spreadsheets put it on the clipboard: rows by line breaks, cells by tabs, a
/// cell in double quotes may hold tabs, line breaks and doubled quotes. A final line break does
/// not start another row.
pub fn parse_block(text: &str) -> Vec<Vec<String>> {
    parse_cells(text, '\t')
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
    /// A figure Pace computes (完成率, 比序时, 同比, 占全市, 位次 …).
    Derived,
    /// The heading names none of the plan's metrics (and the plan has several).
    UnknownMetric,
    /// A target, but of no tier the plan has.
    UnknownTier,
    UnknownColumn,
    /// Pasted without headings past the grid's last column.
    OutsideGrid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteColumn {
    /// The heading as pasted (both header rows), or the grid column's position without headers.
    pub heading: String,
    pub role: ColumnRole,
    /// 空白视为0: a blank cell means 0 instead of "not reported".
    pub blank_as_zero: bool,
}

/// Which unit a pasted row goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowTarget {
    Unit(usize),
    /// A unit to add, with this name.
    NewUnit(String),
    /// A subtotal row (小计): computed by Pace, so skipped.
    Subtotal,
    /// Beyond the grid with no name to add it by.
    Outside,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteRow {
    /// 1-based line of the block, for messages.
    pub line: usize,
    /// The name as pasted (empty without a name column).
    pub name: String,
    pub target: RowTarget,
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paste {
    pub header_rows: usize,
    pub columns: Vec<PasteColumn>,
    pub rows: Vec<PasteRow>,
    pub changes: Vec<RowChange>,
    pub problems: Vec<CellProblem>,
}

impl Paste {
    /// Units the paste adds.
    pub fn new_units(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.target, RowTarget::NewUnit(_)))
            .count()
    }
}

/// The grid's columns in order: name, group, then for each metric its inputs.
pub fn grid_columns(plan: &Plan) -> Vec<ColumnRole> {
    let mut columns = vec![ColumnRole::Name, ColumnRole::Group];
    for metric in 0..plan.metrics.len() {
        for field in [Field::Actual, Field::Carryover, Field::LastYear]
            .into_iter()
            .chain(plan.tiers.iter().map(|t| Field::Target(t.id.clone())))
        {
            columns.push(ColumnRole::Value { metric, field });
        }
    }
    columns
}

/// Words that mark a column as a figure Pace computes, never an input.
const DERIVED: [&str; 10] = [
    "完成率",
    "比序时",
    "序时",
    "同比",
    "占全市",
    "占比",
    "位次",
    "排名",
    "增幅",
    "增长",
];

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a row looks like headings: some known heading word, and no cell that reads as a
/// number.
fn is_header_row(plan: &Plan, row: &[String]) -> bool {
    let words = [
        "序号", "单位", "名称", "完成", "目标", "同期", "结余", "分组", "实际",
    ];
    let known = row.iter().any(|c| {
        let c = compact(c);
        !c.is_empty()
            && (words.iter().any(|w| c.contains(w))
                || plan.metrics.iter().any(|m| c.contains(&compact(&m.name)))
                || plan.tiers.iter().any(|t| c.contains(&compact(&t.name))))
    });
    let numbers = row.iter().any(|c| {
        let c = c.trim();
        !c.is_empty() && c.chars().next().is_some_and(|ch| ch.is_ascii_digit())
    });
    known && !numbers
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
    if metric.is_none() {
        if rest == "单位" || rest.contains("单位名称") || rest == "名称" || rest.contains("地区")
        {
            return ColumnRole::Name;
        }
        if rest.contains("分组") || rest.contains("类别") || rest.contains("片区") {
            return ColumnRole::Group;
        }
    }
    let metric = match metric {
        Some((m, _)) => m,
        None if plan.metrics.len() == 1 => 0,
        None => return ColumnRole::Ignored(Skip::UnknownMetric),
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
    } else if rest.contains("目标") && plan.tiers.len() == 1 {
        Field::Target(plan.tiers.first().map(|t| t.id.clone()).unwrap_or_default())
    } else if rest.contains("目标") {
        return ColumnRole::Ignored(Skip::UnknownTier);
    } else if rest.is_empty()
        || ["完成", "实际", "累计", "金额", "到帐", "到账", "数"]
            .iter()
            .any(|w| rest.contains(w))
    {
        Field::Actual
    } else {
        return ColumnRole::Ignored(Skip::UnknownColumn);
    };
    ColumnRole::Value { metric, field }
}

/// Which unit a pasted name is.
/// The plan's units by name (spaces ignored), the first of each name: built once per paste so
/// that matching rows costs O(rows), not O(rows × units).
fn units_by_name(plan: &Plan) -> std::collections::HashMap<String, usize> {
    let mut by_name = std::collections::HashMap::new();
    for (i, unit) in plan.units.iter().enumerate() {
        by_name.entry(compact(&unit.name)).or_insert(i);
    }
    by_name
}

fn row_target(
    plan: &Plan,
    by_name: &std::collections::HashMap<String, usize>,
    name: &str,
) -> RowTarget {
    let key = compact(name);
    if key.is_empty() {
        return RowTarget::Outside;
    }
    if let Some(&i) = by_name.get(&key) {
        return RowTarget::Unit(i);
    }
    if key.ends_with("小计") {
        return RowTarget::Subtotal;
    }
    if ["合计", "总计", "全市", "全市合计", "全县", "全区"].contains(&key.as_str()) {
        if let Some(i) = plan.units.iter().position(|u| u.total) {
            return RowTarget::Unit(i);
        }
    }
    RowTarget::NewUnit(name.trim().to_string())
}

/// Works out what pasting `cells` would do. `anchor` is the focused grid cell (unit index, grid
/// column index of `grid_columns`), used when the block has no headers. `blank_as_zero` holds the
/// 空白视为0 switch per pasted column (missing entries are off).
pub fn analyse(
    plan: &Plan,
    cells: &[Vec<String>],
    anchor: (usize, usize),
    blank_as_zero: &[bool],
) -> Paste {
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, c: usize| {
        cells
            .get(r)
            .and_then(|row| row.get(c))
            .map_or("", String::as_str)
    };
    let header_rows = match cells.first() {
        Some(first) if is_header_row(plan, first) => {
            if cells
                .get(1)
                .is_some_and(|second| is_header_row(plan, second))
            {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let roles: Vec<(String, ColumnRole)> = if header_rows > 0 {
        let mut upper_carried = String::new();
        (0..width)
            .map(|c| {
                let (mut upper, lower) = if header_rows == 2 {
                    (cell(0, c).trim().to_string(), cell(1, c).trim().to_string())
                } else {
                    (String::new(), cell(0, c).trim().to_string())
                };
                // A merged cell's text stands over the empty cells to its right.
                if header_rows == 2 {
                    if upper.is_empty() && !lower.is_empty() {
                        upper = upper_carried.clone();
                    } else {
                        upper_carried = upper.clone();
                    }
                }
                let heading = [upper.as_str(), lower.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                (heading, column_role(plan, &upper, &lower))
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
    let columns: Vec<PasteColumn> = roles
        .into_iter()
        .enumerate()
        .map(|(c, (heading, role))| PasteColumn {
            heading,
            role,
            blank_as_zero: blank_as_zero.get(c).copied().unwrap_or(false),
        })
        .collect();
    let name_column = columns.iter().position(|c| c.role == ColumnRole::Name);

    let by_name = units_by_name(plan);
    let mut rows = Vec::new();
    for (r, line) in cells.iter().enumerate().skip(header_rows) {
        if line.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let name = name_column.map_or(String::new(), |c| cell(r, c).trim().to_string());
        let target = if header_rows > 0 {
            match name_column {
                Some(_) => row_target(plan, &by_name, &name),
                // Headers but no names: rows are the grid's rows from the top.
                None => {
                    let i = r.saturating_sub(header_rows);
                    if i < plan.units.len() {
                        RowTarget::Unit(i)
                    } else {
                        RowTarget::Outside
                    }
                }
            }
        } else {
            let i = anchor.0.saturating_add(r.saturating_sub(header_rows));
            if i < plan.units.len() {
                RowTarget::Unit(i)
            } else if !name.is_empty() {
                RowTarget::NewUnit(name.clone())
            } else {
                RowTarget::Outside
            }
        };
        rows.push(PasteRow {
            line: r.saturating_add(1),
            name,
            target,
        });
    }

    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let unit = match &row.target {
            RowTarget::Unit(i) => plan.units.get(*i),
            RowTarget::NewUnit(_) => None,
            RowTarget::Subtotal | RowTarget::Outside => continue,
        };
        let r = row.line.saturating_sub(1);
        for (c, column) in columns.iter().enumerate() {
            let text = cell(r, c);
            match &column.role {
                ColumnRole::Value { metric, field } => {
                    let Some(m) = plan.metrics.get(*metric) else {
                        continue;
                    };
                    let parsed = parse_entry(text, &plan.measure_unit(m));
                    let after = match parsed {
                        Ok(None) if column.blank_as_zero => Some(Decimal::ZERO),
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
                    let before = unit.and_then(|u| {
                        let f = u.figure(&m.id)?;
                        match field {
                            Field::Actual => f.actual,
                            Field::Carryover => f.carryover,
                            Field::LastYear => f.last_year,
                            Field::Target(t) => f.target(t),
                        }
                    });
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
    }
    Paste {
        header_rows,
        columns,
        rows,
        changes,
        problems,
    }
}

/// Makes the changes `analyse` found: adds the new units (at the end, in the block's order),
/// then sets every changed value, name and group.
pub fn apply(plan: &mut Plan, paste: &Paste) {
    let mut ids = FreshIds::new("u", plan.units.iter().map(|u| u.id.as_str()));
    let units: Vec<Option<usize>> = paste
        .rows
        .iter()
        .map(|row| match &row.target {
            RowTarget::Unit(i) => Some(*i),
            RowTarget::NewUnit(name) => Some(plan.add_unit_with_id(ids.next()?, name, None)),
            RowTarget::Subtotal | RowTarget::Outside => None,
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
            Change::Name { after, .. } => plan.rename_unit(unit, after),
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
        let paste = analyse(&plan, &parse_block(&text), (0, 0), &[]);
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
        let paste = analyse(&plan, &parse_block(SHEET), (0, 0), &[]);
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
                &RowTarget::Subtotal,
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
        let paste = analyse(&plan, &parse_block(block), (0, 0), &[]);
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
        let zero = analyse(&plan, &parse_block(block), (0, 0), &[false, true]);
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
        let paste = analyse(&plan, &parse_block("1.5亿\t300\n"), (1, 2), &[]);
        assert_eq!(paste.header_rows, 0);
        let mut after = plan.clone();
        apply(&mut after, &paste);
        assert_eq!(after.value(1, "registered", &Field::Actual), dec("15000"));
        assert_eq!(after.value(1, "registered", &Field::Carryover), dec("300"));
        // Names pasted at the name column below the last unit add units.
        let names = analyse(&plan, &parse_block("开发区\n甲镇\n乙镇"), (1, 0), &[]);
        assert_eq!(names.new_units(), 2);
        let mut after = plan.clone();
        apply(&mut after, &names);
        let got: Vec<&str> = after.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(got, ["全市", "开发区", "甲镇", "乙镇"]);
    }
}
