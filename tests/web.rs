//! Browser-only checks (wasm-bindgen-test in headless Chromium): the app mounts into a real DOM
//! and reacts to a change of the data month.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use pace::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_app() -> web_sys::HtmlElement {
    let wrapper = document().create_element("section").unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let wrapper: web_sys::HtmlElement = wrapper.unchecked_into();
    // Keep the app mounted for the rest of the test.
    std::mem::forget(mount_to(wrapper.clone(), App));
    wrapper
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_app_shows_the_example_totals() {
    let root = mount_app();
    tick().await;
    assert!(text_of(&root, "[data-testid=schedule]").contains("58.33%"));
    let registered = text_of(&root, "[data-testid=summary-registered]");
    assert!(registered.contains("61.36%"), "{registered}");
    assert!(registered.contains("+3.03"), "{registered}");
    let arrived = text_of(&root, "[data-testid=summary-arrived]");
    assert!(arrived.contains("−14.50"), "{arrived}");
}

#[wasm_bindgen_test]
async fn changing_the_month_moves_the_schedule() {
    let root = mount_app();
    tick().await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("[data-testid=month]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("6");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert!(text_of(&root, "[data-testid=schedule]").contains("50.00%"));
}
