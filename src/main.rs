//! The thin binary: mounts the app in place of the static loading skeleton of `index.html`.

fn main() {
    pace::ui::crash::install_panic_hook();
    if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(pace::ui::App);
}
