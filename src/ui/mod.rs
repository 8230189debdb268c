//! The Leptos views. Components read the store, format with `engine::format` and dispatch
//! changes to the store; they do no arithmetic of their own.

mod app;
mod header;
mod summary;

pub use app::App;
