//! The Leptos views. Components read the store, format with `engine::format` and dispatch
//! changes to the store; they do no arithmetic of their own.

mod amount_cell;
mod amount_input;
mod app;
mod briefing_panel;
mod charts;
mod counts;
pub mod crash;
mod data_health;
mod file_io;
mod header;
pub mod i18n;
mod import_export;
mod import_panels;
mod last_month;
mod messages;
mod monthly;
mod notes_panel;
mod offline;
mod on_demand;
mod paste_preview;
mod plans_menu;
mod popup;
mod print_view;
mod results_table;
mod safe_start;
mod scroll_place;
mod settings_panel;
mod share;
mod sheet_files;
mod status;
mod storage_notices;
mod summary;
mod trouble;
mod typed_for;
mod unit_grid;
mod virtual_rows;
mod warnings;
mod what_if;

pub use app::App;
