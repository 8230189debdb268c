//! Pace · 招商引资进度计算器: the engine (plain Rust), the root state and the Leptos views.

pub mod engine;
pub mod store;
pub mod ui;
pub mod workers;
