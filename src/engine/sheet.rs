//! The 通报表 as plain cells, for the clipboard (TSV, pasted into Excel or WPS) and for a CSV file
//! that Excel opens correctly (UTF-8 with a byte-order mark, CRLF). The same rows, order, ranks
//! and columns as the table on screen (`columns`), amounts at full precision; minus signs are
//! ASCII here so that spreadsheets read the cells as numbers.

use super::columns::{metric_columns, Before, Cell};
use super::compare::LastMonth;
use super::figures::Need;
use super::format;
use super::line::MetricFigures;
use super::plan::Plan;
use super::report::Report;
use super::round::round2;
use super::table::{ranks_within, RankBasis};
use rust_decimal::Decimal;

/// Which rows and columns a sheet has: the units in `shown` order (positions in
/// `Report::units`), ranked by `basis`; the subtotals of `group` only (all when `None`); the
/// 后n个月每月需 columns with `need`; the 当月 and 比上月 columns against `last_month` when given.
pub struct SheetLayout<'a> {
    pub shown: &'a [usize],
    pub basis: RankBasis,
    pub group: Option<&'a str>,
    pub need: bool,
    pub last_month: Option<&'a LastMonth>,
}

/// The words of a sheet in the page's language: the column headings in `metric_columns`'
/// order, and the row words.
pub struct SheetWords {
    /// One per column of `metric_columns(plan, layout.need, layout.last_month.is_some())`.
    pub labels: Vec<String>,
    pub seq: String,
    pub unit: String,
    /// The total row's name (全市, 全县 …).
    pub total: String,
    /// Put after a group's name for its subtotal row (小计).
    pub subtotal: String,
    /// A need already met (已完成).
    pub done: String,
}

/// One cell of the results sheet: a heading or a name, a 序号, or a figure with its metric's
/// amount decimals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetCell {
    Text(String),
    Number(usize),
    Figure { cell: Cell, decimals: u32 },
}

/// A cell as a spreadsheet file holds it: text, or an exact number with the number format that
/// shows it as the page does (`0`, `0.00`, `0.00%`, `+0.00;-0.00;0.00`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileCell {
    Text(String),
    Number { value: Decimal, format: String },
}

impl SheetCell {
    /// As copies carry it (`Cell::copied`: amounts at full precision), with an ASCII minus so
    /// that spreadsheets read the cell as a number (they read U+2212 as text).
    pub fn copied(&self, done: &str) -> String {
        let text = match self {
            SheetCell::Text(text) => return text.clone(),
            SheetCell::Number(n) => return n.to_string(),
            SheetCell::Figure { cell, decimals } => cell.copied(*decimals, done),
        };
        text.replace('\u{2212}', "-")
    }

    /// As a spreadsheet file holds it: figures as numbers (a percentage as its fraction, 61.36%
    /// as 0.6136), undefined ones as `—`, a need already met as `done`.
    pub fn for_file(&self, done: &str) -> FileCell {
        let amount = |decimals: u32| {
            if decimals == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(decimals as usize))
            }
        };
        let number = |value: Decimal, format: String| FileCell::Number { value, format };
        match self {
            SheetCell::Text(text) => FileCell::Text(text.clone()),
            SheetCell::Number(n) => number(Decimal::from(*n), "0".into()),
            SheetCell::Figure { cell, decimals } => match *cell {
                Cell::Amount(Some(v)) | Cell::Need(Some(Need::Amount(v))) => {
                    number(v, amount(*decimals))
                }
                Cell::Percent(Some(v)) => match round2(v).checked_div(Decimal::ONE_HUNDRED) {
                    Some(fraction) => number(fraction, "0.00%".into()),
                    None => FileCell::Text(format::UNDEFINED.into()),
                },
                Cell::Points(Some(v)) => number(round2(v), "+0.00;-0.00;0.00".into()),
                Cell::Rank(Some(r)) => number(Decimal::from(r), "0".into()),
                Cell::Need(Some(Need::Done)) => FileCell::Text(done.to_string()),
                _ => FileCell::Text(format::UNDEFINED.into()),
            },
        }
    }
}

/// The results table's cells (the columns of `columns::metric_columns`): two header rows (metric
/// names over their columns, then the column headings), the total, the group subtotals, then the
/// units in `shown` order with 序号 and 位次.
pub fn results_cells(
    plan: &Plan,
    report: &Report,
    layout: &SheetLayout,
    words: &SheetWords,
) -> Vec<Vec<SheetCell>> {
    let text = |s: &str| SheetCell::Text(s.to_string());
    let columns = metric_columns(plan, layout.need, layout.last_month.is_some());
    let last = layout.last_month;
    let mut top = vec![text(&words.seq), text(&words.unit)];
    let mut names = vec![text(""), text("")];
    for metric in &plan.metrics {
        top.push(text(&metric.name));
        top.extend(std::iter::repeat_n(
            text(""),
            columns.len().saturating_sub(1),
        ));
        names.extend((0..columns.len()).map(|c| text(words.labels.get(c).map_or("", |l| l))));
    }
    let mut rows = vec![top, names];

    let cells = |figures: &MetricFigures,
                 m: usize,
                 rank: Option<usize>,
                 then: Option<&MetricFigures>|
     -> Vec<SheetCell> {
        let decimals = plan
            .metrics
            .get(m)
            .map_or(0, |metric| plan.amount_decimals(metric));
        let before = Before::of(last, then);
        columns
            .iter()
            .map(|&column| SheetCell::Figure {
                cell: Cell::of(column, report, m, figures, rank, before),
                decimals,
            })
            .collect::<Vec<_>>()
    };

    let mut total = vec![text(""), text(&words.total)];
    for (m, t) in report.totals.iter().enumerate() {
        let then = last.and_then(|l| l.total_figures(t, m));
        total.extend(cells(&t.figures, m, None, then));
    }
    rows.push(total);
    for g in report
        .groups
        .iter()
        .filter(|g| layout.group.is_none_or(|f| f == g.name))
    {
        let mut row = vec![
            text(""),
            SheetCell::Text(format!("{}{}", g.name, words.subtotal)),
        ];
        for (m, f) in g.subtotal.iter().enumerate() {
            let then = last.and_then(|l| l.group_figures(g, m));
            row.extend(cells(f, m, None, then));
        }
        rows.push(row);
    }
    let shown = layout.shown;
    let ranks: Vec<Vec<Option<usize>>> = (0..plan.metrics.len())
        .map(|m| ranks_within(report, shown, m, layout.basis))
        .collect();
    for (pos, &i) in shown.iter().enumerate() {
        let Some(unit_row) = report.units.get(i) else {
            continue;
        };
        let unit = plan.units.get(unit_row.unit);
        let name = unit.map_or("", |u| u.name.as_str());
        let mut row = vec![SheetCell::Number(pos.saturating_add(1)), text(name)];
        for (m, f) in unit_row.metrics.iter().enumerate() {
            let rank = ranks.get(m).and_then(|r| r.get(pos)).copied().flatten();
            let then = last.zip(unit).and_then(|(l, u)| l.unit_figures(&u.id, m));
            row.extend(cells(f, m, rank, then));
        }
        rows.push(row);
    }
    rows
}

/// The results table as the copy and the CSV carry it: `results_cells` as text, amounts at full
/// precision.
pub fn results_sheet(
    plan: &Plan,
    report: &Report,
    layout: &SheetLayout,
    words: &SheetWords,
) -> Vec<Vec<String>> {
    results_cells(plan, report, layout, words)
        .iter()
        .map(|row| row.iter().map(|c| c.copied(&words.done)).collect())
        .collect()
}

/// Whether `cell` is a number as the sheet writes them (`-14.50`, `61.36%`, `+3.03`).
fn is_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return: a unit named `=HYPERLINK(…)`) gets a leading `'`, as OWASP advises
/// against CSV injection; numbers stay numbers.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Quotes a cell the way spreadsheets do when it holds the separator, a quote or a line break,
/// after neutralising a formula.
fn quoted(cell: &str, separator: char) -> String {
    let cell = neutralised(cell);
    if cell.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.into_owned()
    }
}

fn joined(rows: &[Vec<String>], separator: char) -> String {
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row.iter().map(|c| quoted(c, separator)).collect();
        out.push_str(&line.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Tab-separated, as Excel puts cells on the clipboard.
pub fn to_tsv(rows: &[Vec<String>]) -> String {
    joined(rows, '\t')
}

/// CSV that Excel opens with the Chinese intact: a UTF-8 byte-order mark, commas, CRLF.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    format!("\u{feff}{}", joined(rows, ','))
}

/// The file name of the 通报表 for a plan title, with `extension` (`csv`, `xlsx`): the same
/// characters replaced as in SPEC §6's.
pub fn table_file_name(title: &str, extension: &str) -> String {
    let json = super::interchange::export_file_name(title);
    format!(
        "{}-通报表.{extension}",
        json.strip_suffix(".pace.json").unwrap_or(&json)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;

    #[test]
    fn names_that_look_like_formulas_are_neutralised_and_numbers_are_not() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://x\",\"a\")".to_string(),
            "+cmd".into(),
            "-2+3".into(),
            "@SUM(1,2)".into(),
            "\tx".into(),
            "-14.50".into(),
            "+3.03".into(),
            "61.36%".into(),
            "开发区".into(),
        ]];
        assert_eq!(
            to_tsv(&rows),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\"\t'+cmd\t'-2+3\t'@SUM(1,2)\t\"'\tx\"\t-14.50\t+3.03\t61.36%\t开发区\r\n"
        );
        assert_eq!(
            to_csv(&rows),
            "\u{feff}\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",'+cmd,'-2+3,\"'@SUM(1,2)\",'\tx,-14.50,+3.03,61.36%,开发区\r\n"
        );
    }
    use crate::engine::columns::ResultColumn;
    use crate::engine::table::{shown_rows, Direction, SortKey};

    /// Chinese words, as the page gives them.
    fn words(plan: &Plan, need: bool) -> SheetWords {
        let tier = |t: usize| plan.tiers.get(t).map_or("", |x| x.name.as_str());
        let total = plan.total_name().unwrap_or("全市").to_string();
        SheetWords {
            labels: metric_columns(plan, need, false)
                .into_iter()
                .map(|c| match c {
                    ResultColumn::Actual => "完成数".to_string(),
                    ResultColumn::Completion(t) => format!("{}完成率", tier(t)),
                    ResultColumn::Gap(t) => format!("比序时{}", tier(t)),
                    ResultColumn::Need(t) => format!("每月需{}", tier(t)),
                    ResultColumn::YearOnYear => "同比".into(),
                    ResultColumn::Share => format!("占{total}"),
                    ResultColumn::Rank => "位次".into(),
                    ResultColumn::ThisMonth => "当月".into(),
                    ResultColumn::CompletionChange(t) => format!("比上月{}", tier(t)),
                })
                .collect(),
            seq: "序号".into(),
            unit: "单位".into(),
            total,
            subtotal: "小计".into(),
            done: "已完成".into(),
        }
    }

    fn sheet_of(plan: &Plan, need: bool) -> Vec<Vec<String>> {
        let report = Report::new(plan);
        let shown = shown_rows(plan, &report, None, SortKey::Plan, Direction::Ascending);
        let layout = SheetLayout {
            shown: &shown,
            basis: RankBasis::Completion(0),
            group: None,
            need,
            last_month: None,
        };
        results_sheet(plan, &report, &layout, &words(plan, need))
    }

    fn sheet() -> Vec<Vec<String>> {
        sheet_of(&speech_example(), false)
    }

    #[test]
    fn copies_carry_amounts_at_full_precision_and_the_need_columns() {
        let mut plan = speech_example();
        plan.set_value(
            1,
            "registered",
            &crate::engine::edit::Field::Actual,
            Some(rust_decimal::Decimal::new(1420212, 2)),
        );
        let rows = sheet_of(&plan, true);
        // 14202.12 as entered, not the screen's 14202.
        assert_eq!(rows[4][2], "14202.12");
        // Two metrics × 10 columns with the needs (m = 7: five months left).
        assert!(rows.iter().all(|r| r.len() == 2 + 2 * 10));
        assert_eq!(rows[1][7..9], ["每月需考核目标", "每月需加压目标"]);
        // 开发区's 考核目标 need: (24000 − 14202.12) / 5 = 1959.576 → 1960 at 0 decimals.
        assert_eq!(rows[4][7], "1960");
    }

    #[test]
    fn the_sheet_has_the_tables_rows_and_figures() {
        let rows = sheet();
        // Two metrics × (完成数, 2 completions, 2 gaps, 同比, 占全市, 位次) + 序号, 单位.
        assert!(rows.iter().all(|r| r.len() == 2 + 2 * 8));
        assert_eq!(rows[0][2], "新批注册外资");
        assert_eq!(rows[0][10], "注册外资实际到帐");
        assert_eq!(
            rows[1][2..6],
            [
                "完成数",
                "考核目标完成率",
                "加压目标完成率",
                "比序时考核目标"
            ]
        );
        // SPEC §7: the total and 开发区.
        assert_eq!(
            rows[2][1..7],
            ["全市", "26023", "61.36%", "45.22%", "+3.03", "-13.11"]
        );
        assert_eq!(rows[3][1], "开发区小计");
        assert_eq!(
            rows[4][..7],
            [
                "1",
                "开发区",
                "14202",
                "59.18%",
                "40.58%",
                "+0.85",
                "-17.75"
            ]
        );
        assert_eq!(rows[4][13], "-18.65");
    }

    #[test]
    fn files_hold_figures_as_numbers_with_the_pages_formats() {
        let plan = speech_example();
        let report = Report::new(&plan);
        let shown = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
        let layout = SheetLayout {
            shown: &shown,
            basis: RankBasis::Completion(0),
            group: None,
            need: true,
            last_month: None,
        };
        let rows = results_cells(&plan, &report, &layout, &words(&plan, true));
        let file = |r: usize, c: usize| rows[r][c].for_file("已完成");
        let number = |value: &str, format: &str| FileCell::Number {
            value: value.parse().unwrap(),
            format: format.into(),
        };
        // The total: 26023, 61.36% (0.6136), +3.03 points; 开发区 is 序号 1.
        assert_eq!(file(2, 2), number("26023", "0"));
        assert_eq!(file(2, 3), number("0.6136", "0.00%"));
        assert_eq!(file(2, 5), number("3.03", "+0.00;-0.00;0.00"));
        assert_eq!(file(4, 0), number("1", "0"));
        assert_eq!(file(2, 1), FileCell::Text("全市".into()));
        // The total has no rank: —.
        assert_eq!(file(2, 11), FileCell::Text("—".into()));
        // The text the copy carries is the same figure.
        assert_eq!(rows[2][3].copied("已完成"), "61.36%");
    }

    #[test]
    fn the_share_heading_and_the_total_row_name_the_whole() {
        let rows = sheet();
        assert_eq!(rows[1][8], "占全市");
        let mut plan = speech_example();
        plan.rename_unit(0, "全县").unwrap();
        let rows = sheet_of(&plan, false);
        assert_eq!(rows[1][8], "占全县");
        assert_eq!(rows[1][16], "占全县");
        assert_eq!(rows[2][1], "全县");
        // Without a total, the whole is 全市.
        plan.set_total(None);
        let rows = sheet_of(&plan, false);
        assert_eq!(rows[1][8], "占全市");
        assert_eq!(rows[2][1], "全市");
    }

    #[test]
    fn tsv_and_csv_are_what_spreadsheets_expect() {
        let rows = vec![
            vec!["单位".to_string(), "a,b".into(), "say \"hi\"".into()],
            vec!["x\ty".into(), "1".into(), String::new()],
        ];
        assert_eq!(
            to_tsv(&rows),
            "单位\ta,b\t\"say \"\"hi\"\"\"\r\n\"x\ty\"\t1\t\r\n"
        );
        let csv = to_csv(&rows);
        assert!(csv.starts_with('\u{feff}'));
        assert_eq!(
            &csv['\u{feff}'.len_utf8()..],
            "单位,\"a,b\",\"say \"\"hi\"\"\"\r\nx\ty,1,\r\n"
        );
        assert_eq!(
            table_file_name("全市 1/7月", "csv"),
            "全市 1_7月-通报表.csv"
        );
    }
}
