//! The 通报表 as an .xlsx file (rust_xlsxwriter): the title row, the 单位 row, the two header
//! rows with each metric's name merged over its columns, the rows of `sheet::results_cells` with
//! numbers as numbers in the page's number formats (`0`, `0.00%`, `+0.00;-0.00;0.00`), frozen
//! headings and names, column widths, the footnote with the time schedule, and a page setup
//! that prints it on A4 landscape, one page wide, with the headings repeated.
//!
//! The page describes the file (`ReportFile`, sent as text to the spreadsheet worker, which
//! writes it): the main wasm carries neither this writer nor the zip code behind it.

use super::sheet::FileCell;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use serde_json::{json, Value};

/// What the file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFile {
    /// The worksheet's name (Excel allows 31 characters and no `[]:*?/\`; cleaned here).
    pub sheet: String,
    /// The title row, e.g. `全市利用外资 1-7月完成情况通报`.
    pub title: String,
    /// The unit row, e.g. `单位：万美元`.
    pub unit: String,
    /// The header rows then the data rows: `sheet::results_cells` → `SheetCell::for_file`.
    pub rows: Vec<Vec<FileCell>>,
    /// How many of `rows` are headings (frozen, bold, centred, boxed).
    pub header_rows: usize,
    /// The footnote under the table (`注：序时进度为58.33%（1-7月）`).
    pub footnote: String,
}

/// The rows above the table: the title and the unit.
const ABOVE: u32 = 2;

impl ReportFile {
    /// The description as text for the worker (JSON; amounts as exact decimal text).
    pub fn encode(&self) -> String {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                Value::Array(
                    row.iter()
                        .map(|cell| match cell {
                            FileCell::Text(text) => Value::String(text.clone()),
                            FileCell::Number { value, format } => {
                                json!([value.to_string(), format])
                            }
                        })
                        .collect(),
                )
            })
            .collect();
        json!({
            "sheet": self.sheet,
            "title": self.title,
            "unit": self.unit,
            "headerRows": self.header_rows,
            "footnote": self.footnote,
            "rows": rows,
        })
        .to_string()
    }

    /// Reads `encode`'s text back; `None` when it is not such a description.
    pub fn decode(text: &str) -> Option<ReportFile> {
        let value: Value = serde_json::from_str(text).ok()?;
        let text_of = |key: &str| value.get(key)?.as_str().map(str::to_string);
        let rows = value
            .get("rows")?
            .as_array()?
            .iter()
            .map(|row| {
                row.as_array()?
                    .iter()
                    .map(|cell| match cell {
                        Value::String(text) => Some(FileCell::Text(text.clone())),
                        Value::Array(pair) => Some(FileCell::Number {
                            value: pair.first()?.as_str()?.parse::<Decimal>().ok()?,
                            format: pair.get(1)?.as_str()?.to_string(),
                        }),
                        _ => None,
                    })
                    .collect::<Option<Vec<FileCell>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ReportFile {
            sheet: text_of("sheet")?,
            title: text_of("title")?,
            unit: text_of("unit")?,
            rows,
            header_rows: usize::try_from(value.get("headerRows")?.as_u64()?).ok()?,
            footnote: text_of("footnote")?,
        })
    }
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not blank.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "通报表".to_string()
    } else {
        clean
    }
}

/// Writes the file's bytes.
pub fn write_xlsx(file: &ReportFile) -> Result<Vec<u8>, XlsxError> {
    let width = file.rows.iter().map(Vec::len).max().unwrap_or(0);
    let last_column = u16::try_from(width.saturating_sub(1)).unwrap_or(u16::MAX);
    let header_rows = u32::try_from(file.header_rows).unwrap_or(0);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&file.sheet))?;

    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let unit = Format::new().set_align(FormatAlign::Right);
    let heading = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let boxed = Format::new().set_border(FormatBorder::Thin);
    // Text among the figures (—, 已完成) stands where the numbers do.
    let boxed_right = boxed.clone().set_align(FormatAlign::Right);

    if last_column > 0 {
        sheet.merge_range(0, 0, 0, last_column, &file.title, &title)?;
        sheet.merge_range(1, 0, 1, last_column, &file.unit, &unit)?;
    } else {
        sheet.write_string_with_format(0, 0, &file.title, &title)?;
        sheet.write_string_with_format(1, 0, &file.unit, &unit)?;
    }

    let mut formats: Vec<(String, Format)> = Vec::new();
    for (r, row) in file.rows.iter().enumerate() {
        let at = ABOVE.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let is_heading = at < ABOVE.saturating_add(header_rows);
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                FileCell::Text(text) if is_heading => {
                    sheet.write_string_with_format(at, c, text, &heading)?;
                }
                FileCell::Text(text) => {
                    let format = if c >= 2 { &boxed_right } else { &boxed };
                    sheet.write_string_with_format(at, c, text, format)?;
                }
                FileCell::Number { value, format } => {
                    // An .xlsx number is a binary double: the exact decimal is converted here,
                    // at the file's edge, and shown in the page's format.
                    let number = value.to_string().parse::<f64>().unwrap_or(0.0);
                    let shown = match formats.iter().find(|(f, _)| f == format) {
                        Some((_, shown)) => shown.clone(),
                        None => {
                            let shown = boxed.clone().set_num_format(format);
                            formats.push((format.clone(), shown.clone()));
                            shown
                        }
                    };
                    sheet.write_number_with_format(at, c, number, &shown)?;
                }
            }
        }
    }
    // Headings: a metric's name over its columns, and the columns before the metrics (序号,
    // 单位) over both heading rows.
    if header_rows == 2 {
        let top = file.rows.first().map(Vec::as_slice).unwrap_or_default();
        let text = |c: usize| match top.get(c) {
            Some(FileCell::Text(t)) => t.as_str(),
            _ => "",
        };
        let mut c = 0;
        while c < top.len() {
            let mut end = c;
            while end.saturating_add(1) < top.len() && text(end.saturating_add(1)).is_empty() {
                end = end.saturating_add(1);
            }
            let (first, last) = (
                u16::try_from(c).unwrap_or(u16::MAX),
                u16::try_from(end).unwrap_or(u16::MAX),
            );
            let lower_empty = matches!(
                file.rows.get(1).and_then(|r| r.get(c)),
                Some(FileCell::Text(t)) if t.is_empty()
            );
            if last > first {
                sheet.merge_range(ABOVE, first, ABOVE, last, text(c), &heading)?;
            } else if lower_empty {
                sheet.merge_range(
                    ABOVE,
                    first,
                    ABOVE.saturating_add(1),
                    first,
                    text(c),
                    &heading,
                )?;
            }
            c = end.saturating_add(1);
        }
    }
    sheet.set_freeze_panes(ABOVE.saturating_add(header_rows), 2)?;
    // On paper as the page prints it: A4 landscape, one page wide, the headings on every page.
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    if header_rows > 0 {
        sheet.set_repeat_rows(0, ABOVE.saturating_add(header_rows).saturating_sub(1))?;
    }
    sheet.set_column_width(0, 5)?;
    sheet.set_column_width(1, 14)?;
    if last_column >= 2 {
        sheet.set_column_range_width(2, last_column, 11)?;
    }
    sheet.set_row_height(ABOVE.saturating_add(1), 30)?;
    let below = ABOVE
        .saturating_add(u32::try_from(file.rows.len()).unwrap_or(u32::MAX))
        .saturating_add(1);
    sheet.write_string(below, 0, &file.footnote)?;
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> ReportFile {
        let number = |v: &str, f: &str| FileCell::Number {
            value: v.parse().unwrap(),
            format: f.into(),
        };
        let text = |t: &str| FileCell::Text(t.into());
        ReportFile {
            sheet: "全市/1-7月".into(),
            title: "全市利用外资 1-7月完成情况通报".into(),
            unit: "单位：万美元".into(),
            rows: vec![
                vec![text("序号"), text("单位"), text("新批注册外资"), text("")],
                vec![text(""), text(""), text("完成数"), text("考核目标完成率")],
                vec![
                    text(""),
                    text("全市"),
                    number("26023", "0"),
                    number("0.6136", "0.00%"),
                ],
                vec![
                    number("1", "0"),
                    text("开发区"),
                    number("14202.12", "0"),
                    text("—"),
                ],
            ],
            header_rows: 2,
            footnote: "注：序时进度为58.33%（1-7月）".into(),
        }
    }

    #[test]
    fn the_description_travels_as_text_unchanged() {
        let file = file();
        assert_eq!(ReportFile::decode(&file.encode()), Some(file));
        assert_eq!(ReportFile::decode("{}"), None);
        assert_eq!(ReportFile::decode("not json"), None);
    }

    #[test]
    fn the_file_is_an_xlsx_zip() {
        let bytes = write_xlsx(&file()).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"));
        assert_eq!(sheet_name("a/b[c]"), "abc");
        assert_eq!(sheet_name("  "), "通报表");
    }
}
