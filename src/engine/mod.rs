//! The calculation engine: plain Rust with no web dependency. The plan model, number entry,
//! every derived figure of SPEC §3 with the rounding of §4, and the interchange format of §6.

pub mod amount_unit;
pub mod chart;
pub mod counts;
pub mod edit;
pub mod entry;
pub mod example;
pub mod figures;
pub mod format;
pub mod history;
pub mod interchange;
pub mod library;
pub mod line;
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
