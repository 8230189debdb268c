//! The thin binary: mounts the app in place of the static loading skeleton of `index.html`.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(pace::ui::App);
}
