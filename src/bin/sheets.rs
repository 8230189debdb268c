//! The spreadsheet reader, a web worker of its own (index.html builds it with Trunk as
//! `data-type="worker"`): the page starts it only when an .xlsx file is opened, so the main wasm
//! never carries the workbook reader (calamine, zip, XML).
//!
//! The conversation (`src/ui/sheet_files.rs` is the other side):
//! 1. the worker posts `"ready"` once it listens (a message posted to a worker before its wasm
//!    has started would be lost);
//! 2. the page posts `{ bytes: Uint8Array, sheet: "2" | undefined }`;
//! 3. the worker posts `{ sheets, sheet, cells }`, each one text (`workbook::encode_list`,
//!    `encode_rows`), or `{ error: code, detail: text }` with a `WorkbookError` code.
//!
//! A panic here (there should be none: the reader is total) ends only this worker; the page
//! sees its `error` event and says that the file could not be read.

use js_sys::{Object, Reflect, Uint8Array};
use pace::engine::workbook::{encode_list, encode_rows, read_xlsx};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let _ = reply.post_message(&answer(&ev.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the handler: it is ended by the page.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
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
    let reply = Object::new();
    let set = |key: &str, value: &str| {
        let _ = Reflect::set(&reply, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    match read_xlsx(&bytes, sheet) {
        Ok(book) => {
            set("sheets", &encode_list(&book.sheets));
            set("sheet", &book.sheet.to_string());
            set("cells", &encode_rows(&book.cells));
        }
        Err(error) => {
            set("error", error.code());
            set("detail", error.detail());
        }
    }
    reply.into()
}
