//! Reading an Excel workbook (.xlsx) into rows of cell texts, the same shape as a block copied
//! from Excel: what the paste preview takes. Plain Rust (calamine), no web dependency; the page
//! runs it in a web worker of its own (`src/bin/sheets.rs`), so the main wasm does not carry it.
//!
//! A cell reads as Excel shows it in the General format: numbers as their shortest decimal text
//! (`327.12`, `14202`), text as it is (a number stored as text stays as written), a formula as its
//! cached value, a date as `YYYY-MM-DD`. A merged area's value stays in its top-left cell, as in
//! a copy from Excel (the paste reader carries a merged heading to the right itself). Rows start
//! at the sheet's first used row and column; empty rows inside are kept (the preview skips them),
//! and each row ends at its last non-empty cell.

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use std::io::Cursor;

/// The most rows plus cells a sheet may give (an empty row or cell inside the used area counts
/// too). A sheet of a thousand units and forty columns is 41,000; the cap keeps a sparse sheet
/// with one cell far away (`XFD1048576`) from filling memory with empty cells.
pub const MAX_SLOTS: usize = 1_000_000;

/// A workbook's worksheets and the cells of one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workbook {
    /// The names of the worksheets, in the workbook's order (chart sheets are not listed).
    pub sheets: Vec<String>,
    /// Which of `sheets` `cells` is from.
    pub sheet: usize,
    /// The sheet's rows of cell texts, from its first used row and column.
    pub cells: Vec<Vec<String>>,
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookError {
    /// Not an .xlsx workbook: not a zip archive, or a zip without a workbook in it (.docx, .zip).
    NotWorkbook,
    /// Protected by a password (encrypted).
    Encrypted,
    /// The workbook has no worksheet, or none at the asked position.
    NoSheet,
    /// The sheet is larger than `MAX_SLOTS`.
    TooLarge,
    /// The workbook is damaged; the reader's message.
    Damaged(String),
}

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::Password => WorkbookError::Encrypted,
            XlsxError::Zip(_) | XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
                WorkbookError::NotWorkbook
            }
            other => WorkbookError::Damaged(other.to_string()),
        }
    }
}

impl WorkbookError {
    /// A short code for the error, for passing it between the worker and the page.
    pub fn code(&self) -> &'static str {
        match self {
            WorkbookError::NotWorkbook => "not-workbook",
            WorkbookError::Encrypted => "encrypted",
            WorkbookError::NoSheet => "no-sheet",
            WorkbookError::TooLarge => "too-large",
            WorkbookError::Damaged(_) => "damaged",
        }
    }

    /// The reader's message, for `Damaged`; empty for the others.
    pub fn detail(&self) -> &str {
        match self {
            WorkbookError::Damaged(detail) => detail,
            _ => "",
        }
    }

    /// The error of `code` (an unknown code is `Damaged`, with the code in its detail).
    pub fn from_code(code: &str, detail: &str) -> WorkbookError {
        match code {
            "not-workbook" => WorkbookError::NotWorkbook,
            "encrypted" => WorkbookError::Encrypted,
            "no-sheet" => WorkbookError::NoSheet,
            "too-large" => WorkbookError::TooLarge,
            "damaged" => WorkbookError::Damaged(detail.to_string()),
            other => WorkbookError::Damaged(format!("{other} {detail}").trim().to_string()),
        }
    }
}

/// Separates the items of a list in one text (the worker's reply: `encode_list`).
const ITEM: char = '\u{1f}';
/// Separates the rows of a sheet in one text (`encode_rows`).
const ROW: char = '\u{1e}';

/// `text` without the two separators (a cell could hold them: .xlsx writes control characters
/// as `_x001F_`), each a space instead.
fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([ITEM, ROW]) {
        text.replace([ITEM, ROW], " ").into()
    } else {
        text.into()
    }
}

/// Texts in one text, for passing them from the worker to the page as a single string
/// (separators inside a text become spaces).
pub fn encode_list(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(ITEM);
        }
        out.push_str(&clean(item));
    }
    out
}

/// The texts of `encode_list` (an empty text is an empty list).
pub fn decode_list(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(ITEM).map(str::to_string).collect()
}

/// A sheet's rows in one text.
pub fn encode_rows(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(ROW);
        }
        out.push_str(&encode_list(row));
    }
    out
}

/// The rows of `encode_rows`.
pub fn decode_rows(text: &str) -> Vec<Vec<String>> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(ROW).map(decode_list).collect()
}

/// Reads the worksheet at position `sheet` of `sheets` (by default the first visible one) of the
/// .xlsx file `bytes`.
pub fn read_xlsx(bytes: &[u8], sheet: Option<usize>) -> Result<Workbook, WorkbookError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))?;
    let worksheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let chosen = match sheet {
        Some(i) if i < worksheets.len() => i,
        Some(_) => return Err(WorkbookError::NoSheet),
        None => worksheets
            .iter()
            .position(|(_, visible)| *visible)
            .unwrap_or(0),
    };
    let name = worksheets
        .get(chosen)
        .map(|(name, _)| name.clone())
        .ok_or(WorkbookError::NoSheet)?;
    let mut grid = Grid::default();
    {
        let mut reader = book.worksheet_cells_reader(&name)?;
        while let Some(cell) = reader.next_cell()? {
            let text = cell_text(cell.get_value());
            if !text.is_empty() {
                let (row, column) = cell.get_position();
                grid.put(row, column, text)?;
            }
        }
    }
    // A formula saved without its value (written by a program that does not calculate) would
    // read as an empty cell, and an empty cell clears a figure: it reads as its formula
    // instead (`=SUM(B2:B9)`), which the preview lists as a cell that does not read.
    if let Ok(formulas) = book.worksheet_formula(&name) {
        if let Some((top, left)) = formulas.start() {
            let valued: std::collections::HashSet<(u32, u32)> =
                grid.cells.iter().map(|c| (c.0, c.1)).collect();
            for (r, c, formula) in formulas.used_cells() {
                let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                    continue;
                };
                let at = (top.saturating_add(r), left.saturating_add(c));
                if !formula.is_empty() && !valued.contains(&at) {
                    grid.put(at.0, at.1, format!("={formula}"))?;
                }
            }
        }
    }
    Ok(Workbook {
        sheets: worksheets.into_iter().map(|(name, _)| name).collect(),
        sheet: chosen,
        cells: grid.rows()?,
    })
}

/// Non-empty cells by position, gathered in any order.
#[derive(Default)]
struct Grid {
    cells: Vec<(u32, u32, String)>,
}

impl Grid {
    fn put(&mut self, row: u32, column: u32, text: String) -> Result<(), WorkbookError> {
        if self.cells.len() >= MAX_SLOTS {
            return Err(WorkbookError::TooLarge);
        }
        self.cells.push((row, column, text));
        Ok(())
    }

    /// The rows, from the first used row and column; a position given twice keeps its last text.
    fn rows(self) -> Result<Vec<Vec<String>>, WorkbookError> {
        let Grid { mut cells } = self;
        let top = cells.iter().map(|c| c.0).min().unwrap_or(0);
        let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
        cells.sort_by_key(|c| (c.0, c.1));
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut slots = 0usize;
        for (row, column, text) in cells {
            // Both at least `top` / `left`, their minimums.
            let (r, c) = (row.saturating_sub(top), column.saturating_sub(left));
            let (Ok(r), Ok(c)) = (usize::try_from(r), usize::try_from(c)) else {
                continue;
            };
            // Sorted by row: only the last row grows; rows in between are empty.
            let len = r.saturating_add(1);
            if rows.len() < len {
                slots = slots.saturating_add(len.saturating_sub(rows.len()));
                if slots > MAX_SLOTS {
                    return Err(WorkbookError::TooLarge);
                }
                rows.resize_with(len, Vec::new);
            }
            let Some(cells) = rows.get_mut(r) else {
                continue;
            };
            let width = c.saturating_add(1);
            if cells.len() < width {
                slots = slots.saturating_add(width.saturating_sub(cells.len()));
                if slots > MAX_SLOTS {
                    return Err(WorkbookError::TooLarge);
                }
                cells.resize_with(width, String::new);
            }
            if let Some(cell) = cells.get_mut(c) {
                *cell = text;
            }
        }
        Ok(rows)
    }
}

/// A cell's text as Excel shows it in the General format (empty for an empty cell).
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
            let date = format!("{year:04}-{month:02}-{day:02}");
            let time = format!("{hour:02}:{minute:02}:{second:02}");
            if d.as_f64().fract() == 0.0 {
                date
            } else if d.as_f64() < 1.0 {
                time
            } else {
                format!("{date} {time}")
            }
        }
        DataRef::DateTime(d) => number_text(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// The shortest decimal text that reads back as `value`: 327.12 → `327.12`, 14202.0 → `14202`.
///
/// Why f64 is exact enough here: Excel keeps every number as an f64 and shows at most 15
/// significant digits. Any decimal of up to 15 significant digits (every amount a person types:
/// `327.12`, `26023.5`) converts to an f64 from which it is the shortest text that converts back,
/// and Rust's `Display` for f64 prints exactly that shortest round-trip text, never with an
/// exponent. So a typed amount comes back as the digits typed, and the app then reads that text
/// as an exact decimal. Only a value with more digits than Excel shows (a formula's
/// `0.1+0.2` = 0.30000000000000004) is first rounded to 15 significant digits, as Excel shows it.
pub fn number_text(value: f64) -> String {
    if value == 0.0 {
        // Also -0.
        return "0".to_string();
    }
    let shortest = value.to_string();
    if !value.is_finite() || significant_digits(&shortest) <= 15 {
        return shortest;
    }
    match format!("{value:.14e}").parse::<f64>() {
        Ok(rounded) => rounded.to_string(),
        Err(_) => shortest,
    }
}

/// Digits from the first non-zero one to the last non-zero one (`0.0012300` → 3, `1200` → 2).
fn significant_digits(text: &str) -> usize {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    let first = digits.iter().position(|&d| d != b'0');
    let last = digits.iter().rposition(|&d| d != b'0');
    match (first, last) {
        (Some(first), Some(last)) => last.saturating_sub(first).saturating_add(1),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook as Writer};

    /// The 通报 sheet as an office keeps it: a title row, metric names merged over two header
    /// rows, a formula (its cached value), numbers stored as text, a date, an empty row, and a
    /// second sheet.
    fn fixture() -> Vec<u8> {
        let mut book = Writer::new();
        let sheet = book.add_worksheet();
        sheet.set_name("通报").unwrap();
        let merged = Format::new();
        // Starts at B2: the used area is what is read.
        sheet.merge_range(1, 1, 2, 1, "单位", &merged).unwrap();
        sheet
            .merge_range(1, 2, 1, 3, "新批注册外资", &merged)
            .unwrap();
        sheet
            .merge_range(1, 4, 1, 5, "注册外资实际到帐", &merged)
            .unwrap();
        for (c, text) in ["完成数", "考核目标", "完成数", "上年同期"]
            .iter()
            .enumerate()
        {
            sheet.write_string(2, 2 + c as u16, *text).unwrap();
        }
        sheet.write_string(3, 1, "开发区").unwrap();
        sheet.write_number(3, 2, 14202.0).unwrap();
        sheet.write_number(3, 3, 24000).unwrap();
        sheet.write_number(3, 4, 327.12).unwrap();
        sheet
            .write_formula(3, 5, Formula::new("=E4*2").set_result("654.24"))
            .unwrap();
        // Row 5 is empty.
        sheet.write_string(5, 1, "临港镇").unwrap();
        sheet.write_string(5, 2, "3500.50").unwrap();
        sheet.write_string(5, 3, "0012").unwrap();
        sheet.write_number(5, 4, 0.1 + 0.2).unwrap();
        sheet.write_number(5, 5, -0.0).unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let day = ExcelDateTime::from_ymd(2025, 7, 31).unwrap();
        sheet.write_datetime_with_format(6, 1, &day, &date).unwrap();
        sheet.write_boolean(6, 2, true).unwrap();
        let other = book.add_worksheet();
        other.set_name("说明").unwrap();
        other.write_string(0, 0, "第二张表").unwrap();
        book.save_to_buffer().unwrap()
    }

    /// The workbook the end-to-end tests open (tests/e2e/fixtures/通报.xlsx): the example plan's
    /// units under metric names merged over two header rows, a formula, a number stored as
    /// text, an empty row, and a second sheet. Written by
    /// `PACE_WRITE_FIXTURES=1 cargo test --lib e2e_fixture`.
    fn e2e_fixture() -> Vec<u8> {
        let mut book = Writer::new();
        let sheet = book.add_worksheet();
        sheet.set_name("1-7月").unwrap();
        let merged = Format::new();
        sheet.merge_range(0, 0, 1, 0, "单位", &merged).unwrap();
        sheet
            .merge_range(0, 1, 0, 2, "新批注册外资", &merged)
            .unwrap();
        sheet
            .merge_range(0, 3, 0, 4, "注册外资实际到帐", &merged)
            .unwrap();
        for (c, text) in ["完成数", "考核目标", "完成数", "上年同期"]
            .iter()
            .enumerate()
        {
            sheet.write_string(1, 1 + c as u16, *text).unwrap();
        }
        sheet.write_string(2, 0, "开发区").unwrap();
        sheet.write_number(2, 1, 15000.5).unwrap();
        sheet
            .write_formula(2, 2, Formula::new("=12000*2").set_result("24000"))
            .unwrap();
        sheet.write_number(2, 3, 4762.25).unwrap();
        sheet.write_string(2, 4, "3000").unwrap();
        sheet.write_string(4, 0, "临港镇").unwrap();
        sheet.write_number(4, 1, 3500).unwrap();
        sheet.write_number(4, 2, 5000).unwrap();
        let notes = book.add_worksheet();
        notes.set_name("说明").unwrap();
        notes.write_string(0, 0, "数据来源：商务局").unwrap();
        book.save_to_buffer().unwrap()
    }

    const E2E_FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/fixtures/通报.xlsx");

    #[test]
    fn e2e_fixture_reads_as_the_end_to_end_tests_expect() {
        if std::env::var_os("PACE_WRITE_FIXTURES").is_some() {
            std::fs::write(E2E_FIXTURE, e2e_fixture()).unwrap();
        }
        let book = read_xlsx(&std::fs::read(E2E_FIXTURE).unwrap(), None).unwrap();
        assert_eq!(book.sheets, ["1-7月", "说明"]);
        assert_eq!(
            book.cells,
            vec![
                row(&["单位", "新批注册外资", "", "注册外资实际到帐"]),
                row(&["", "完成数", "考核目标", "完成数", "上年同期"]),
                row(&["开发区", "15000.5", "24000", "4762.25", "3000"]),
                vec![],
                row(&["临港镇", "3500", "5000"]),
            ]
        );
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_sheet_reads_as_excel_shows_it() {
        let book = read_xlsx(&fixture(), None).unwrap();
        assert_eq!(book.sheets, ["通报", "说明"]);
        assert_eq!(book.sheet, 0);
        assert_eq!(
            book.cells,
            vec![
                row(&["单位", "新批注册外资", "", "注册外资实际到帐"]),
                row(&["", "完成数", "考核目标", "完成数", "上年同期"]),
                row(&["开发区", "14202", "24000", "327.12", "654.24"]),
                vec![],
                row(&["临港镇", "3500.50", "0012", "0.3", "0"]),
                row(&["2025-07-31", "TRUE"]),
            ]
        );
    }

    /// Found by a tester: a formula saved without its value read as an empty cell, and the
    /// preview offered to clear 高新区's 4300.
    #[test]
    fn a_formula_without_its_value_reads_as_the_formula() {
        // Hand-written sheet XML (rust_xlsxwriter always writes a result): B2 `<f>1/0</f>` with
        // its error value, B3 `<f>SUM(1,2)</f>` with no `<v>`.
        let bytes = include_bytes!("../../tests/fixtures/formula-without-value.xlsx");
        let book = read_xlsx(bytes, None).unwrap();
        assert_eq!(book.cells[1], row(&["开发区", "#DIV/0!"]));
        assert_eq!(book.cells[2], row(&["高新区", "=SUM(1,2)"]));
    }

    #[test]
    fn another_sheet_is_read_by_position() {
        let book = read_xlsx(&fixture(), Some(1)).unwrap();
        assert_eq!(book.sheet, 1);
        assert_eq!(book.cells, vec![row(&["第二张表"])]);
        assert_eq!(read_xlsx(&fixture(), Some(2)), Err(WorkbookError::NoSheet));
    }

    #[test]
    fn errors_pass_between_worker_and_page_as_codes() {
        for error in [
            WorkbookError::NotWorkbook,
            WorkbookError::Encrypted,
            WorkbookError::NoSheet,
            WorkbookError::TooLarge,
            WorkbookError::Damaged("bad XML".into()),
        ] {
            assert_eq!(
                WorkbookError::from_code(error.code(), error.detail()),
                error
            );
        }
        assert_eq!(
            WorkbookError::from_code("odd", ""),
            WorkbookError::Damaged("odd".into())
        );
    }

    #[test]
    fn rows_pass_between_worker_and_page_in_one_text() {
        let rows = vec![
            row(&["单位", "", "完成数"]),
            vec![],
            row(&["开发区", "1\u{1f}2\u{1e}3"]),
            row(&[""]),
        ];
        let back = decode_rows(&encode_rows(&rows));
        assert_eq!(back[0], rows[0]);
        assert_eq!(back[1], Vec::<String>::new());
        assert_eq!(back[2], row(&["开发区", "1 2 3"]));
        // A row of one empty cell comes back as an empty row: the same to the preview.
        assert_eq!(back[3], Vec::<String>::new());
        assert_eq!(back.len(), 4);
        assert_eq!(decode_rows(""), Vec::<Vec<String>>::new());
        let names = row(&["通报", "说明"]);
        assert_eq!(decode_list(&encode_list(&names)), names);
    }

    #[test]
    fn numbers_read_back_as_typed() {
        for (value, text) in [
            (327.12, "327.12"),
            (14202.0, "14202"),
            (-5.5, "-5.5"),
            (0.1 + 0.2, "0.3"),
            (1e15, "1000000000000000"),
            (123456789012345.6, "123456789012346"),
            (0.000_001_5, "0.0000015"),
            (-0.0, "0"),
        ] {
            assert_eq!(number_text(value), text, "{value}");
        }
        assert_eq!(number_text(f64::NAN), "NaN");
    }

    #[test]
    fn files_that_are_not_workbooks_are_refused_without_a_panic() {
        assert_eq!(read_xlsx(b"", None), Err(WorkbookError::NotWorkbook));
        assert_eq!(
            read_xlsx(b"PK\x03\x04 not really a zip", None),
            Err(WorkbookError::NotWorkbook)
        );
        // Every cut of a real workbook is refused or read; none panics.
        let bytes = fixture();
        for len in (0..bytes.len()).step_by(97) {
            let _ = read_xlsx(bytes.get(..len).unwrap(), None);
        }
        // Flipped bytes inside the archive.
        for at in (30..bytes.len()).step_by(131) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x55;
            let _ = read_xlsx(&damaged, None);
        }
    }

    #[test]
    fn a_far_away_cell_does_not_fill_memory() {
        let mut book = Writer::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "A1").unwrap();
        sheet.write_string(1_048_575, 16_383, "XFD1048576").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(read_xlsx(&bytes, None), Err(WorkbookError::TooLarge));
    }
}
