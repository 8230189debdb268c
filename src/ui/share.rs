//! Share links: `#plan=` followed by the base64url of the deflate-raw compressed interchange
//! JSON. Compression is the browser's own (`CompressionStream`, in js/share.js), so the wasm
//! carries none. Opening a link shows the plan as an unsaved copy; saved plans are not touched.

use super::trouble::Trouble;
use crate::engine::interchange::{read_plan, share_link_readings, write_plan, MAX_DOCUMENT_BYTES};
use crate::engine::plan::Plan;
use crate::store::saved::js_message;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/js/share.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = deflateBase64url)]
    async fn deflate_base64url(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = inflateBase64url)]
    async fn inflate_base64url(code: &str, limit: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = copyText)]
    async fn copy_text(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = copyRich)]
    async fn copy_rich(html: &str, text: &str) -> Result<JsValue, JsValue>;
}

use crate::engine::interchange::SHARE_LINK_MARK as PREFIX;
/// Above this a link may be cut by chat apps; the page then suggests the JSON file instead.
pub const LONG_LINK_BYTES: usize = 8 * 1024;

fn js_error(e: JsValue) -> String {
    js_message(&e)
}

/// The link that opens `plan` in this page.
pub async fn share_link(plan: &Plan) -> Result<String, Trouble> {
    let failed = |e: JsValue| Trouble::ShareFailed(js_error(e));
    let code = deflate_base64url(&write_plan(plan))
        .await
        .map_err(failed)?
        .as_string()
        .ok_or_else(|| Trouble::ShareFailed(String::new()))?;
    let location = window().location();
    let base = format!(
        "{}{}",
        location.origin().map_err(failed)?,
        location.pathname().map_err(failed)?
    );
    Ok(format!("{base}{PREFIX}{code}"))
}

/// The plan in this page's address, if it is a share link (`None` when it is not one).
pub async fn plan_in_address() -> Option<Result<Plan, Trouble>> {
    let hash = window().location().hash().ok()?;
    let code = hash.strip_prefix(PREFIX)?.to_string();
    // The link has been read: a reload shows the saved plans again, not this copy.
    if let Ok(history) = window().history() {
        let path = window().location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
    Some(plan_of_code(&code).await)
}

/// The plan of a share link's code (what follows `#plan=`).
async fn plan_of_code(code: &str) -> Result<Plan, Trouble> {
    let text = match inflate_base64url(code, MAX_DOCUMENT_BYTES as u32).await {
        Ok(text) => text.as_string().unwrap_or_default(),
        // share.js throws a RangeError only for a plan past the limit.
        Err(e) if e.is_instance_of::<js_sys::RangeError>() => return Err(Trouble::LinkTooLarge),
        Err(e) => return Err(Trouble::LinkDamaged(js_error(e))),
    };
    read_plan(&text).map_err(Trouble::Document)
}

/// The fragment (`#plan=…`) that opens the one share link in `text`: the first of
/// `share_link_readings` whose plan reads (a link broken over lines in a chat, or with a word
/// stuck to its end, is mended). When none does, why: the trouble of the first reading that
/// inflated (that was the link; its plan is refused, or too large), else the link's as found
/// (cut or altered).
pub async fn link_that_opens(text: &str) -> Result<String, Trouble> {
    let (mut as_found, mut inflated) = (None, None);
    for reading in share_link_readings(text) {
        let code = reading.strip_prefix(PREFIX).unwrap_or_default();
        match plan_of_code(code).await {
            Ok(_) => return Ok(reading),
            Err(Trouble::LinkDamaged(message)) => {
                as_found.get_or_insert(Trouble::LinkDamaged(message));
            }
            // Tried on all the same: an inflater that took cut input would make any reading's
            // plan unreadable.
            Err(trouble) => {
                inflated.get_or_insert(trouble);
            }
        }
    }
    Err(inflated
        .or(as_found)
        .unwrap_or_else(|| Trouble::LinkDamaged(String::new())))
}

/// Puts `text` on the clipboard.
pub async fn copy_to_clipboard(text: &str) -> Result<(), Trouble> {
    copy_text(text)
        .await
        .map(|_| ())
        .map_err(|e| Trouble::CopyFailed(js_error(e)))
}

/// Puts `html` on the clipboard with `text` as its plain version (pasted into Word or WPS, the
/// paragraphs stay).
pub async fn copy_html_to_clipboard(html: &str, text: &str) -> Result<(), Trouble> {
    copy_rich(html, text)
        .await
        .map(|_| ())
        .map_err(|e| Trouble::CopyFailed(js_error(e)))
}
