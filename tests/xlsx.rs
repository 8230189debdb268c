//! The 通报表 as an .xlsx file read back: every cell the page writes (`sheet::results_cells` →
//! `xlsx::write_xlsx`) reads back from the file (`workbook::read_xlsx`, the reader of opened
//! files) as the same text or the same number, the title and unit rows above it and the
//! footnote below; and the file pasted back into the plan changes nothing.
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::columns::metric_columns;
use pace::engine::example::welcome_example;
use pace::engine::paste::{analyse, ColumnRole, PasteChoices, RowTarget};
use pace::engine::plan::Plan;
use pace::engine::report::Report;
use pace::engine::sheet::{results_cells, FileCell, SheetLayout, SheetWords};
use pace::engine::table::{shown_rows, Direction, RankBasis, SortKey};
use pace::engine::workbook::read_xlsx;
use pace::engine::xlsx::{write_xlsx, ReportFile};

fn report_file(plan: &Plan, need: bool) -> ReportFile {
    let report = Report::new(plan);
    let shown = shown_rows(plan, &report, None, SortKey::Plan, Direction::Ascending);
    let layout = SheetLayout {
        shown: &shown,
        basis: RankBasis::Completion(0),
        group: None,
        need,
        last_month: None,
    };
    let words = SheetWords {
        labels: metric_columns(plan, need, false)
            .iter()
            .map(|c| format!("{c:?}"))
            .collect(),
        seq: "序号".into(),
        unit: "单位".into(),
        total: "全市".into(),
        subtotal: "小计".into(),
        done: "已完成".into(),
    };
    ReportFile {
        sheet: plan.title.clone(),
        title: format!("{} 完成情况通报", plan.title),
        unit: format!("单位：{}", plan.unit),
        rows: results_cells(plan, &report, &layout, &words)
            .iter()
            .map(|row| row.iter().map(|c| c.for_file(&words.done)).collect())
            .collect(),
        header_rows: 2,
        footnote: "注：序时进度为58.33%（1-7月）".into(),
    }
}

#[test]
fn every_cell_reads_back_as_written() {
    let plan = welcome_example();
    for need in [false, true] {
        let file = report_file(&plan, need);
        let bytes = write_xlsx(&file).expect("written");
        let book = read_xlsx(&bytes, None).expect("read back");
        assert_eq!(book.sheets.len(), 1);
        assert_eq!(book.cells[0][0], file.title);
        assert_eq!(book.cells[1][0], file.unit);
        let mut numbers = 0;
        for (r, row) in file.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let read = book.cells[r + 2].get(c).cloned().unwrap_or_default();
                let expected = match cell {
                    FileCell::Text(text) => text.clone(),
                    FileCell::Number { value, .. } => {
                        numbers += 1;
                        value.normalize().to_string()
                    }
                };
                assert_eq!(read, expected, "row {r}, column {c}");
            }
        }
        assert!(numbers > 20, "only {numbers} numbers");
        let below = file.rows.len() + 3;
        assert_eq!(book.cells[below][0], file.footnote);
    }
}

#[test]
fn the_exported_file_pasted_back_changes_nothing() {
    let plan = welcome_example();
    let file = report_file(&plan, false);
    let book = read_xlsx(&write_xlsx(&file).expect("written"), None).expect("read back");
    let paste = analyse(&plan, &book.cells, (0, 0), &PasteChoices::default());
    // Every unit is found, with every column a field of the grid or left out with a reason.
    let found = paste
        .rows
        .iter()
        .filter(|row| matches!(row.target, RowTarget::Unit(_)))
        .count();
    assert_eq!(found, plan.units.len(), "every unit, the total's row too");
    let values = paste
        .columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::Value { .. }))
        .count();
    assert_eq!(values, plan.metrics.len(), "each metric's 完成数");
    assert!(paste.changes.is_empty(), "{:?}", paste.changes);
    assert!(paste.mismatches.is_empty(), "{:?}", paste.mismatches);
    assert_eq!(paste.title_rows, 2, "the title and unit rows");
}
