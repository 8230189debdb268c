//! What happens when Rust panics in the page anyway. With `panic = "abort"` the wasm instance is
//! gone after a panic, so the hook hands over to plain JavaScript (js/crash.js): it records the
//! fault under `pace.v1.fault` and covers the page with a message and two buttons (重新载入,
//! 导出原始数据) that work without the app. The next start sees the start marker that the crashed
//! start left behind and opens in safe mode (`store::saved`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/js/crash.js")]
extern "C" {
    #[wasm_bindgen(js_name = showCrash)]
    fn show_crash(message: &str);
}

/// Installs the panic hook: the message goes to the console (for developers and the tests) and
/// to the crash screen.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        crate::store::saved::note_crash();
        console_error_panic_hook::hook(info);
        show_crash(&info.to_string());
    }));
}

/// With the `fault-injection` feature (end-to-end tests only): panics when
/// `localStorage["pace.test.panic"]` is `place`, as a plan that crashes there would: "start"
/// while the page opens the plan, "table" while the 通报表 is drawn (after the first frame, on a
/// visit).
#[cfg(feature = "fault-injection")]
pub fn panic_if_asked(place: &str) {
    let asked = leptos::prelude::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("pace.test.panic").ok().flatten());
    if asked.as_deref() == Some(place) {
        panic!("fault injected for the tests (pace.test.panic = {place})");
    }
}
