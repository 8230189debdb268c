//! Spreadsheet files opened from the header's 导入 (picked or dropped): what kind a file is, a
//! CSV's text in whichever encoding Excel wrote it, and an .xlsx read by the spreadsheet worker
//! (`src/bin/sheets.rs`, started only when one is opened or the 通报表 is exported as .xlsx, so
//! the main wasm carries neither the workbook reader nor its writer). The cells then go to the paste preview, as a sheet copied from Excel would.

use super::trouble::Trouble;
use crate::engine::workbook::{decode_list, decode_rows, WorkbookError};
use crate::engine::xlsx::ReportFile;
use crate::store::saved::js_message;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What an opened file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A Pace plan (SPEC §6 JSON), or anything else that is not a spreadsheet: read as a plan.
    Plan,
    /// Comma-separated values.
    Csv,
    /// An Excel workbook (a zip archive).
    Xlsx,
    /// An Excel 97–2003 workbook (.xls, an OLE compound file), which Pace does not read.
    OldExcel,
    /// An OLE compound file named .xlsx: Office's password-protected (encrypted) workbook.
    EncryptedXlsx,
}

/// A zip archive's first bytes (every .xlsx starts with them).
const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";
/// An OLE compound file's first bytes (.xls, and encrypted .xlsx).
const OLE_MAGIC: [u8; 8] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/// `name`'s extension, lower case (`"csv"`), or empty.
fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Whether a file of this name is a spreadsheet by its name (for a size refusal's wording).
pub fn named_as_sheet(name: &str) -> bool {
    matches!(extension(name).as_str(), "csv" | "xlsx" | "xlsm" | "xls")
}

/// What the file `name` with these `bytes` is: workbooks by their content (a renamed .xlsx is
/// still one), CSV by its name, anything else a plan.
pub fn file_kind(name: &str, bytes: &[u8]) -> FileKind {
    let ext = extension(name);
    if bytes.starts_with(&ZIP_MAGIC) {
        FileKind::Xlsx
    } else if bytes.starts_with(&OLE_MAGIC) {
        if matches!(ext.as_str(), "xlsx" | "xlsm") {
            FileKind::EncryptedXlsx
        } else {
            FileKind::OldExcel
        }
    } else if matches!(ext.as_str(), "xlsx" | "xlsm") {
        // Named a workbook but not one (an empty or cut file): the reader says so.
        FileKind::Xlsx
    } else if ext == "csv" {
        FileKind::Csv
    } else {
        FileKind::Plan
    }
}

/// The text of a CSV file as the browser's TextDecoder reads it: UTF-16 when it starts with a
/// UTF-16 byte-order mark; else UTF-8 if the bytes are valid UTF-8 (with or without a BOM);
/// else GB18030, the superset of GBK that Chinese Excel and WPS write (“ANSI”). A UTF-8 BOM is
/// dropped by the decoder.
pub fn decode_text(bytes: &[u8]) -> Result<String, Trouble> {
    let decode = |label: &str, fatal: bool| -> Result<String, JsValue> {
        // A plain object: no glue for TextDecoderOptions' setter.
        let options = Object::new();
        let _ = Reflect::set(
            &options,
            &JsValue::from_str("fatal"),
            &JsValue::from_bool(fatal),
        );
        web_sys::TextDecoder::new_with_label_and_options(label, options.unchecked_ref())?
            .decode_with_u8_array(bytes)
    };
    let label = if bytes.starts_with(&[0xff, 0xfe]) {
        "utf-16le"
    } else if bytes.starts_with(&[0xfe, 0xff]) {
        "utf-16be"
    } else {
        "utf-8"
    };
    if label == "utf-8" {
        if let Ok(text) = decode(label, true) {
            return Ok(text);
        }
        return decode("gb18030", false).map_err(|e| Trouble::FileUnreadable(js_message(&e)));
    }
    decode(label, false).map_err(|e| Trouble::FileUnreadable(js_message(&e)))
}

/// Whether `cells` hold any text (a file of empty lines does not).
pub fn has_text(cells: &[Vec<String>]) -> bool {
    cells
        .iter()
        .any(|row| row.iter().any(|cell| !cell.trim().is_empty()))
}

/// A workbook as the spreadsheet worker read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadSheet {
    /// The workbook's worksheets.
    pub sheets: Vec<String>,
    /// Which of them `cells` is from.
    pub sheet: usize,
    pub cells: Vec<Vec<String>>,
}

/// The spreadsheet workers' loaders, ES modules written by Trunk beside index.html (not
/// content-hashed: a worker is named at run time): the reader (`src/bin/sheets.rs`) and the
/// writer (`src/bin/sheets_out.rs`).
const READER_URL: &str = "./sheets_loader.js";
const WRITER_URL: &str = "./sheets_out_loader.js";

/// A text field of `value` (empty when there is none).
fn text(value: &JsValue, key: &str) -> String {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The worker's reply as a workbook, or its error. Its fields are texts (`workbook::encode`):
/// lists in one text each cost the page no further JavaScript glue.
pub fn read_reply(reply: &JsValue) -> Result<ReadSheet, Trouble> {
    let error = text(reply, "error");
    if !error.is_empty() {
        return Err(Trouble::Workbook(WorkbookError::from_code(
            &error,
            &text(reply, "detail"),
        )));
    }
    Ok(ReadSheet {
        sheets: decode_list(&text(reply, "sheets")),
        sheet: text(reply, "sheet").parse().unwrap_or(0),
        cells: decode_rows(&text(reply, "cells")),
    })
}

/// Reads the worksheet at `sheet` (by default the first visible one) of the .xlsx `bytes` in a
/// spreadsheet worker started for it, and ends the worker.
pub async fn read_workbook(bytes: &[u8], sheet: Option<usize>) -> Result<ReadSheet, Trouble> {
    let request = Object::new();
    set(&request, "bytes", &Uint8Array::from(bytes));
    if let Some(sheet) = sheet {
        set(&request, "sheet", &JsValue::from_str(&sheet.to_string()));
    }
    read_reply(&ask_worker(READER_URL, request).await?)
}

/// The bytes of the .xlsx that `file` describes, written by a spreadsheet worker started for
/// it (the main wasm carries no workbook writer).
pub async fn write_workbook(file: &ReportFile) -> Result<Vec<u8>, Trouble> {
    let request = Object::new();
    set(&request, "write", &JsValue::from_str(&file.encode()));
    let reply = ask_worker(WRITER_URL, request).await?;
    let bytes = Reflect::get(&reply, &JsValue::from_str("xlsx"))
        .ok()
        .and_then(|b| b.dyn_into::<Uint8Array>().ok());
    match bytes {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(Trouble::SheetWriteFailed(text(&reply, "detail"))),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

/// Starts the worker at `url`, posts it `request` once it is listening (`pace::workers`), and
/// ends it after its one reply, which is returned.
async fn ask_worker(url: &str, request: Object) -> Result<JsValue, Trouble> {
    // Never this page's build with another build's worker.
    if super::offline::runs_old_build() {
        return Err(Trouble::RunsOldBuild);
    }
    let failed = |e: JsValue| Trouble::SheetReaderFailed(js_message(&e));
    let options = Object::new();
    set(&options, "type", &JsValue::from_str("module"));
    let worker = web_sys::Worker::new_with_options(url, options.unchecked_ref()).map_err(failed)?;
    let mut settle = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some((resolve, reject)) = settle else {
        worker.terminate();
        return Err(Trouble::SheetReaderFailed(String::new()));
    };
    let to_worker = worker.clone();
    // One listener for the worker's messages and for its failing to load (offline after an
    // update) or failing while working.
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let data = Reflect::get(&ev, &JsValue::from_str("data")).unwrap_or(JsValue::UNDEFINED);
        if ev.type_() != "message" {
            ev.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&text(&ev, "message")));
        } else if data.as_string().as_deref() == Some("ready") {
            if let Err(e) = to_worker.post_message(&request) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        } else {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    for event in ["message", "error", "messageerror"] {
        let _ = worker.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    let reply = JsFuture::from(promise).await;
    worker.terminate();
    drop(listener);
    reply.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbooks_are_known_by_their_content_and_csv_by_its_name() {
        let zip = b"PK\x03\x04rest";
        let ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
        assert_eq!(file_kind("通报.xlsx", zip), FileKind::Xlsx);
        // Renamed, or saved as .xls by WPS while being an .xlsx inside.
        assert_eq!(file_kind("通报.xls", zip), FileKind::Xlsx);
        assert_eq!(file_kind("通报.XLS", &ole), FileKind::OldExcel);
        assert_eq!(file_kind("通报.dat", &ole), FileKind::OldExcel);
        assert_eq!(file_kind("加密.xlsx", &ole), FileKind::EncryptedXlsx);
        assert_eq!(file_kind("通报.CSV", b"a,b"), FileKind::Csv);
        assert_eq!(file_kind("plan.pace.json", b"{"), FileKind::Plan);
        assert_eq!(file_kind("noextension", b"{"), FileKind::Plan);
        assert_eq!(file_kind("a.csv", b""), FileKind::Csv);
        // An empty or cut file named .xlsx goes to the workbook reader, which refuses it as
        // a workbook (not as a plan's JSON).
        assert_eq!(file_kind("空.xlsx", b""), FileKind::Xlsx);
        assert!(named_as_sheet("a.XLSX") && named_as_sheet("b.csv") && !named_as_sheet("c.json"));
    }

    #[test]
    fn a_file_of_empty_lines_has_no_text() {
        assert!(!has_text(&[vec![], vec![String::new(), " ".into()]]));
        assert!(has_text(&[vec![], vec![String::new(), "开发区".into()]]));
    }
}
