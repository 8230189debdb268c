//! The 通报表 as plain cells, for the clipboard (TSV, pasted into Excel or WPS) and for a CSV file
//! that Excel opens correctly (UTF-8 with a byte-order mark, CRLF). The same rows, order, ranks
//! and formatting as the table on screen; minus signs are ASCII here so that spreadsheets read
//! the cells as numbers.

use super::format;
use super::line::MetricFigures;
use super::plan::{Plan, DEFAULT_TOTAL_NAME};
use super::report::Report;
use super::table::{ranks_within, RankBasis};

/// The results table's cells: two header rows (metric names over their columns, then the column
/// names), the total, the group subtotals, then the units in `shown` order with 序号 and 位次.
pub fn results_sheet(
    plan: &Plan,
    report: &Report,
    shown: &[usize],
    basis: RankBasis,
    group: Option<&str>,
) -> Vec<Vec<String>> {
    // The whole by its own name: 全市, 全县, 全区 ….
    let total_name = plan.total_name().unwrap_or(DEFAULT_TOTAL_NAME);
    // 完成数, a completion and a gap per tier, 同比, 占全市 and 位次 (a handful of tiers).
    let per_metric = plan.tiers.len().saturating_mul(2).saturating_add(4);
    let mut top = vec!["序号".to_string(), "单位".to_string()];
    let mut names = vec![String::new(), String::new()];
    for metric in &plan.metrics {
        top.push(metric.name.clone());
        top.extend(std::iter::repeat_n(
            String::new(),
            per_metric.saturating_sub(1),
        ));
        names.push("完成数".into());
        names.extend(plan.tiers.iter().map(|t| format!("{}完成率", t.name)));
        names.extend(plan.tiers.iter().map(|t| format!("比序时{}", t.name)));
        names.extend([
            "同比".to_string(),
            format!("占{total_name}"),
            "位次".to_string(),
        ]);
    }
    let mut rows = vec![top, names];

    let cells = |figures: &MetricFigures, m: usize, rank: Option<usize>| -> Vec<String> {
        let decimals = plan
            .metrics
            .get(m)
            .map_or(0, |metric| plan.amount_decimals(metric));
        let mut out = vec![format::amount(figures.line.actual, decimals)];
        out.extend(figures.tiers.iter().map(|t| format::percent(t.completion)));
        out.extend(figures.tiers.iter().map(|t| format::points(t.schedule_gap)));
        out.push(format::percent(figures.year_on_year));
        out.push(format::percent(report.share(m, figures)));
        out.push(rank.map_or_else(|| format::UNDEFINED.to_string(), |r| r.to_string()));
        out
    };

    let mut total = vec![String::new(), total_name.to_string()];
    for (m, t) in report.totals.iter().enumerate() {
        total.extend(cells(&t.figures, m, None));
    }
    rows.push(total);
    for g in report
        .groups
        .iter()
        .filter(|g| group.is_none_or(|f| f == g.name))
    {
        let mut row = vec![String::new(), format!("{}小计", g.name)];
        for (m, f) in g.subtotal.iter().enumerate() {
            row.extend(cells(f, m, None));
        }
        rows.push(row);
    }
    let ranks: Vec<Vec<Option<usize>>> = (0..plan.metrics.len())
        .map(|m| ranks_within(report, shown, m, basis))
        .collect();
    for (pos, &i) in shown.iter().enumerate() {
        let Some(unit_row) = report.units.get(i) else {
            continue;
        };
        let name = plan
            .units
            .get(unit_row.unit)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let mut row = vec![pos.saturating_add(1).to_string(), name];
        for (m, f) in unit_row.metrics.iter().enumerate() {
            let rank = ranks.get(m).and_then(|r| r.get(pos)).copied().flatten();
            row.extend(cells(f, m, rank));
        }
        rows.push(row);
    }
    // Spreadsheets read U+2212 as text; the ASCII minus makes −14.50 a number there.
    for cell in rows.iter_mut().flatten() {
        if cell.contains('\u{2212}') {
            *cell = cell.replace('\u{2212}', "-");
        }
    }
    rows
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

/// The CSV file name for a plan title (the same characters replaced as in SPEC §6's).
pub fn csv_file_name(title: &str) -> String {
    let json = super::interchange::export_file_name(title);
    format!(
        "{}-通报表.csv",
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
    use crate::engine::table::{shown_rows, Direction, SortKey};

    fn sheet() -> Vec<Vec<String>> {
        let plan = speech_example();
        let report = Report::new(&plan);
        let shown = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
        results_sheet(&plan, &report, &shown, RankBasis::Completion(0), None)
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
    fn the_share_heading_and_the_total_row_name_the_whole() {
        let rows = sheet();
        assert_eq!(rows[1][8], "占全市");
        let mut plan = speech_example();
        plan.rename_unit(0, "全县");
        let report = Report::new(&plan);
        let shown = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
        let rows = results_sheet(&plan, &report, &shown, RankBasis::Completion(0), None);
        assert_eq!(rows[1][8], "占全县");
        assert_eq!(rows[1][16], "占全县");
        assert_eq!(rows[2][1], "全县");
        // Without a total, the whole is 全市.
        plan.set_total(None);
        let report = Report::new(&plan);
        let shown = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
        let rows = results_sheet(&plan, &report, &shown, RankBasis::Completion(0), None);
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
        assert_eq!(csv_file_name("全市 1/7月"), "全市 1_7月-通报表.csv");
    }
}
