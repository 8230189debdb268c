//! The interchange format of SPEC §6: `read` imports a document with the path of any fault,
//! `write` produces the canonical export.

mod read;
mod write;

pub use read::{document_version, read_plan, read_plan_any_version, ImportError};
pub use write::{export_file_name, write_plan};

/// The `format` value of a Pace document.
pub const FORMAT: &str = "pace-plan";
/// The largest document read (8 MB, far above any real plan): bigger ones are refused before
/// parsing, so a hostile file cannot exhaust the page's memory.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// The newest version this build reads and the one it writes.
pub const VERSION: u64 = 1;
