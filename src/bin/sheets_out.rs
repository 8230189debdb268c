//! The spreadsheet writer, a web worker of its own (index.html builds it with Trunk as
//! `data-type="worker"`): the page starts it only when the 通报表 is exported as .xlsx, so
//! neither the main wasm nor the reader worker carries rust_xlsxwriter. `pace::workers` holds
//! the conversation; `src/ui/sheet_files.rs` is the page's side.
//!
//! Request: `{ write: text }` (`xlsx::ReportFile::encode`). Reply: `{ xlsx: Uint8Array }`, or
//! `{ error: "write", detail: text }`.

use js_sys::{Reflect, Uint8Array};
use pace::engine::xlsx::{write_xlsx, ReportFile};
use pace::workers::{reply, serve};
use wasm_bindgen::prelude::*;

fn main() {
    serve(answer);
}

/// Writes the .xlsx the request describes; the reply to post.
fn answer(request: &JsValue) -> JsValue {
    let text = Reflect::get(request, &JsValue::from_str("write"))
        .ok()
        .and_then(|w| w.as_string())
        .unwrap_or_default();
    let written = ReportFile::decode(&text)
        .ok_or_else(|| "the table's description did not read".to_string())
        .and_then(|file| write_xlsx(&file).map_err(|e| e.to_string()));
    match written {
        Ok(bytes) => reply(&[("xlsx", Uint8Array::from(bytes.as_slice()).into())]),
        Err(detail) => reply(&[
            ("error", JsValue::from_str("write")),
            ("detail", JsValue::from_str(&detail)),
        ]),
    }
}
