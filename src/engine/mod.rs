//! The calculation engine: plain Rust with no web dependency. The plan model, number entry,
//! every derived figure of SPEC §3 with the rounding of §4, and the interchange format of §6.
//!
//! The engine is total: no input can make it panic (a panic aborts the wasm and the page dies).
//! These lints keep it so: arithmetic is checked (`checked_*`, or bounds shown in a comment with
//! an `allow`), slices are read with `get`, and nothing unwraps. Tests may do all of these.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod amount_unit;
pub mod briefing;
pub mod chart;
pub mod closed_months;
pub mod columns;
pub mod compare;
pub mod counts;
pub mod edit;
pub mod entry;
pub mod exact;
pub mod example;
pub mod figures;
pub mod format;
pub mod interchange;
pub mod library;
pub mod line;
pub mod merge;
pub mod monthly;
pub mod paste;
pub mod plan;
pub mod rank;
pub mod report;
pub mod round;
pub mod scenario;
pub mod schedule;
pub mod sheet;
pub mod table;
pub mod title;
pub mod undo;
pub mod unit_year;
pub mod vault;
pub mod workbook;
pub mod xlsx;
