//! The interchange format of SPEC §6: `read` imports a document with the path of any fault,
//! `write` produces the canonical export.

mod read;
mod write;

pub use read::{read_plan, ImportError};
pub use write::{export_file_name, write_plan};

/// The `format` value of a Pace document.
pub const FORMAT: &str = "pace-plan";
/// The newest version this build reads and the one it writes.
pub const VERSION: u64 = 1;
