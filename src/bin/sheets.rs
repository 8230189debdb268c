//! The spreadsheet reader, a web worker of its own (index.html builds it with Trunk as
//! `data-type="worker"`): the page starts it only when an .xlsx file is opened, so the main wasm
//! never carries the workbook reader (calamine, zip, XML). `pace::workers` holds the
//! conversation; `src/ui/sheet_files.rs` is the page's side.
//!
//! Request: `{ bytes: Uint8Array, sheet: "2" | undefined }`. Reply: `{ sheets, sheet, cells }`,
//! each one text (`workbook::encode_list`, `encode_rows`), or `{ error: code, detail: text }`
//! with a `WorkbookError` code.
//!
//! A panic here (there should be none: the reader is total) ends only this worker; the page
//! sees its `error` event and says that the file could not be read.

use js_sys::{Reflect, Uint8Array};
use pace::engine::workbook::{encode_list, encode_rows, read_xlsx};
use pace::workers::{reply, serve};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    serve(answer);
}

/// Reads the request's workbook; the reply to post.
fn answer(request: &JsValue) -> JsValue {
    let get = |key: &str| Reflect::get(request, &JsValue::from_str(key)).ok();
    let bytes = get("bytes")
        .and_then(|b| b.dyn_into::<Uint8Array>().ok())
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let sheet = get("sheet")
        .and_then(|s| s.as_string())
        .and_then(|s| s.parse().ok());
    let text = |t: &str| JsValue::from_str(t);
    match read_xlsx(&bytes, sheet) {
        Ok(book) => reply(&[
            ("sheets", text(&encode_list(&book.sheets))),
            ("sheet", text(&book.sheet.to_string())),
            ("cells", text(&encode_rows(&book.cells))),
        ]),
        Err(error) => reply(&[
            ("error", text(error.code())),
            ("detail", text(error.detail())),
        ]),
    }
}
