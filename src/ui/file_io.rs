//! Files in and out of the browser: read a picked file's bytes, check that they are UTF-8 text,
//! offer text as a download.

use super::trouble::Trouble;
use crate::store::saved::js_message;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The bytes of a picked or dropped file.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, Trouble> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| Trouble::FileUnreadable(js_message(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of a file's bytes, which must be UTF-8 (a byte-order mark is left for the reader to
/// skip). Checked, not decoded by the browser, which would silently turn a GBK file's Chinese
/// into replacement characters.
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, Trouble> {
    // UTF-16 starts with its byte-order mark or, without one, has a zero byte beside each ASCII
    // character; any other zero byte means a file that is not text (JSON never holds one).
    let zero_at = |i: usize| bytes.get(i) == Some(&0);
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (zero_at(0) && zero_at(2))
        || (zero_at(1) && zero_at(3));
    if utf16 || bytes.contains(&0) {
        return Err(Trouble::NotUtf8 { utf16 });
    }
    String::from_utf8(bytes).map_err(|_| Trouble::NotUtf8 { utf16 })
}

/// Offers `text` as a file download named `file_name`; the browser's message if it refuses.
pub fn download_text(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    download(file_name, &wasm_bindgen::JsValue::from_str(text), mime)
}

/// Offers `bytes` as a file download named `file_name`; the browser's message if it refuses.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    download(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

/// Offers one blob part (a string or bytes) as a file download.
fn download(file_name: &str, part: &wasm_bindgen::JsValue, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| js_message(&e))?;
    let document = leptos::prelude::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| js_message(&e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
