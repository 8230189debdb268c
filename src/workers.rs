//! The worker side of the spreadsheet workers (`src/bin/sheets.rs` reads .xlsx files,
//! `src/bin/sheets_out.rs` writes the 通报表 as one): each is a second wasm that the page starts
//! only when it needs it (`ui::sheet_files` is the page's side), so the main wasm carries
//! neither calamine nor rust_xlsxwriter, and opening a file does not load the writer.
//!
//! The conversation: the worker posts `"ready"` once it listens (a message posted to a worker
//! before its wasm has started would be lost); the page posts one request; the worker posts one
//! reply; the page ends the worker.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Answers each message posted to this worker with `answer(request)`, after saying `"ready"`.
pub fn serve(answer: fn(&JsValue) -> JsValue) {
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

/// A reply object with these fields.
pub fn reply(fields: &[(&str, JsValue)]) -> JsValue {
    let reply = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&reply, &JsValue::from_str(key), value);
    }
    reply.into()
}
