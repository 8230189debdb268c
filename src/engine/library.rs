//! The saved plans: what the browser keeps, under which keys, and how stored text is judged when
//! it is read back. Plain Rust; `store::saved` only moves text in and out of localStorage.
//!
//! Each plan is stored as its SPEC §6 document (the same bytes an export writes), so the stored
//! text can always be downloaded and imported elsewhere. A small catalogue lists the plans.

use super::interchange::{
    document_version, read_plan, read_plan_any_version, ImportError, VERSION,
};
use super::plan::Plan;
use serde::{Deserialize, Serialize};

/// The version of the storage layout (the catalogue and its keys). A catalogue written by a
/// newer layout is read but never written.
pub const STORAGE_VERSION: u32 = 1;
/// Every key of this layout starts with this.
pub const PREFIX: &str = "pace.v1.";
/// The catalogue of saved plans.
pub const CATALOGUE_KEY: &str = "pace.v1.catalogue";
/// Where a plan's document is kept.
pub fn plan_key(id: &str) -> String {
    format!("{PREFIX}plan.{id}")
}
/// The id of the plan stored under `key`, if it is a plan key.
pub fn plan_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(PREFIX)?.strip_prefix("plan.")
}
/// Where unreadable text found under `key` is set aside (never overwritten: `stamp` is unique).
pub fn aside_key(key: &str, stamp: i64) -> String {
    format!("{PREFIX}aside.{stamp}.{key}")
}
/// Whether `key` holds text set aside.
pub fn is_aside_key(key: &str) -> bool {
    aside_origin(key).is_some()
}
/// The key whose text was set aside under `key` (`pace.v1.aside.<stamp>.<key>`).
pub fn aside_origin(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(PREFIX)?.strip_prefix("aside.")?;
    Some(rest.split_once('.')?.1)
}
/// The set-aside copies the person has dismissed (a JSON list of keys): they stay in storage,
/// and are no longer offered at every start.
pub const DISMISSED_KEY: &str = "pace.v1.dismissed";
/// Where the last deleted plan waits for undo.
pub const TRASH_KEY: &str = "pace.v1.trash";
/// Set while a start is opening a plan (its value: when, in milliseconds since 1970), removed
/// once the page has rendered. Found at the next start with a recorded fault, or older than
/// [`STARTING_STALE_MS`], it means that start did not finish, and the page opens in safe mode.
pub const STARTING_KEY: &str = "pace.v1.starting";
/// How old a start marker without a recorded fault must be to count as a start that did not
/// finish. A younger one is another tab starting at the same moment (restoring a browser
/// session opens them together); a start that hangs is closed by a person only after the
/// browser has said it is not responding, which takes longer than this.
pub const STARTING_STALE_MS: i64 = 10_000;
/// The 通报表's optional columns as last shown on this browser: `need`, `compare` or both
/// (`need compare`), absent for neither (the default). A choice of the person, not of the plan.
pub const TABLE_COLUMNS_KEY: &str = "pace.v1.tableColumns";
/// The page's language as last chosen: `en`, or absent for Chinese (the default).
pub const LANG_KEY: &str = "pace.v1.lang";
/// The message of the last panic, written by the crash screen (`ui/js/crash.js`).
pub const FAULT_KEY: &str = "pace.v1.fault";

/// One saved plan as the catalogue lists it. Times are milliseconds since 1970 (UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<i64>,
}

/// The list of saved plans and which one was open last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalogue {
    pub storage: u32,
    pub plans: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open: Option<String>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue {
            storage: STORAGE_VERSION,
            plans: Vec::new(),
            open: None,
        }
    }
}

/// How a stored catalogue reads.
#[derive(Debug, PartialEq)]
pub enum StoredCatalogue {
    Readable(Catalogue),
    /// Written by a newer Pace: shown, never written.
    Newer(Catalogue),
    /// Not in the layout this Pace writes: where the reader stopped (1-based).
    Unreadable {
        line: usize,
        column: usize,
    },
}

/// Why text found in storage cannot be read (the page words it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// A plan's document, refused as an import would refuse it (a newer Pace's document that
    /// this one cannot read at all says so).
    Plan(ImportError),
    /// The catalogue of plans, with where the reader stopped.
    Catalogue { line: usize, column: usize },
}

impl Catalogue {
    pub fn read(text: &str) -> StoredCatalogue {
        match serde_json::from_str::<Catalogue>(text) {
            Ok(c) if c.storage > STORAGE_VERSION => StoredCatalogue::Newer(c),
            Ok(c) => StoredCatalogue::Readable(c),
            Err(e) => StoredCatalogue::Unreadable {
                line: e.line(),
                column: e.column(),
            },
        }
    }

    pub fn write(&self) -> String {
        // Strings and integers only: serialising cannot fail, but an empty text would be read
        // back as unreadable and set aside, never lost.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.plans.iter().find(|e| e.id == id)
    }

    pub fn entry_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.plans.iter_mut().find(|e| e.id == id)
    }

    /// An id no plan has: the time in base 36, then a counter if needed.
    pub fn new_id(&self, now_ms: i64) -> String {
        let base = format!("p{}", base36(now_ms.unsigned_abs()));
        let mut id = base.clone();
        let mut n: u64 = 2;
        while self.entry(&id).is_some() {
            id = format!("{base}-{n}");
            n = n.saturating_add(1);
        }
        id
    }

    /// Whether more than one saved plan has `title` (an import keeps its title: `Naming`):
    /// the list then says when each was saved.
    pub fn title_shared(&self, title: &str) -> bool {
        let title = title.trim();
        self.plans
            .iter()
            .filter(|e| e.title.trim() == title)
            .nth(1)
            .is_some()
    }

    /// `title`, or with " (2)", " (3)" … when a saved plan already has that title.
    pub fn unique_title(&self, title: &str) -> String {
        let taken = |t: &str| self.plans.iter().any(|e| e.title == t);
        if !taken(title) {
            return title.to_string();
        }
        // One of the first `plans.len() + 1` suffixes is free.
        (2..=self.plans.len().saturating_add(2))
            .map(|n| format!("{title} ({n})"))
            .find(|t| !taken(t))
            .unwrap_or_else(|| title.to_string())
    }

    /// Adds a plan at the end of the list, or updates its entry.
    pub fn upsert(&mut self, id: &str, title: &str, saved_at: i64) {
        match self.entry_mut(id) {
            Some(e) => {
                e.title = title.to_string();
                e.saved_at = Some(saved_at);
            }
            None => self.plans.push(Entry {
                id: id.to_string(),
                title: title.to_string(),
                saved_at: Some(saved_at),
                exported_at: None,
            }),
        }
    }

    /// Removes a plan's entry and returns it with its position.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Entry)> {
        let at = self.plans.iter().position(|e| e.id == id)?;
        if self.open.as_deref() == Some(id) {
            self.open = None;
        }
        Some((at, self.plans.remove(at)))
    }

    /// Puts back an entry taken out by `remove`.
    pub fn restore(&mut self, at: usize, entry: Entry) {
        if self.entry(&entry.id).is_none() {
            let at = at.min(self.plans.len());
            self.plans.insert(at, entry);
        }
    }
}

fn base36(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.extend(char::from_digit((n % 36) as u32, 36));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

/// How a stored plan document reads.
#[derive(Debug, PartialEq)]
pub enum StoredPlan {
    Readable(Plan),
    /// Written by a newer Pace. `plan` is what this version could make of it (shown read-only),
    /// if anything.
    Newer {
        version: u64,
        plan: Option<Plan>,
    },
    /// Cannot be read at all: why and where.
    Unreadable(ImportError),
}

impl StoredPlan {
    pub fn read(text: &str) -> StoredPlan {
        match read_plan(text) {
            Ok(plan) => StoredPlan::Readable(plan),
            Err(fault) => match document_version(text) {
                Some(version) if version > VERSION => StoredPlan::Newer {
                    version,
                    plan: read_plan_any_version(text).ok(),
                },
                _ => StoredPlan::Unreadable(fault),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;
    use crate::engine::interchange::write_plan;

    #[test]
    fn stored_plans_are_judged() {
        let plan = speech_example();
        let text = write_plan(&plan);
        assert_eq!(StoredPlan::read(&text), StoredPlan::Readable(plan.clone()));
        let newer = text.replacen("\"version\": 1", "\"version\": 2", 1);
        assert_eq!(
            StoredPlan::read(&newer),
            StoredPlan::Newer {
                version: 2,
                plan: Some(plan)
            }
        );
        match StoredPlan::read("{\"format\": \"pace-plan\", \"vers") {
            StoredPlan::Unreadable(why) => assert!(
                matches!(
                    why.fault,
                    crate::engine::interchange::Fault::NotJson {
                        line: 1,
                        cut_short: true,
                        ..
                    }
                ),
                "{why}"
            ),
            other => panic!("expected unreadable, got {other:?}"),
        }
    }

    #[test]
    fn catalogue_round_trips_and_knows_newer_layouts() {
        let mut c = Catalogue::default();
        c.upsert("a", "全市 1-7月", 1000);
        c.open = Some("a".into());
        assert_eq!(
            Catalogue::read(&c.write()),
            StoredCatalogue::Readable(c.clone())
        );
        let mut newer = c.clone();
        newer.storage = STORAGE_VERSION + 1;
        assert_eq!(
            Catalogue::read(&newer.write()),
            StoredCatalogue::Newer(newer)
        );
        assert_eq!(
            Catalogue::read("[1, 2"),
            StoredCatalogue::Unreadable { line: 1, column: 5 }
        );
    }

    #[test]
    fn titles_made_distinct_and_ids_are_unique() {
        let mut c = Catalogue::default();
        assert_eq!(c.unique_title("全市"), "全市");
        c.upsert("a", "全市", 1);
        c.upsert("b", "全市 (2)", 1);
        assert_eq!(c.unique_title("全市"), "全市 (3)");
        assert!(!c.title_shared("全市"));
        c.upsert("c", "全市 ", 2);
        assert!(c.title_shared("全市"));
        let id = c.new_id(1_700_000_000_000);
        c.upsert(&id, "x", 1);
        let again = c.new_id(1_700_000_000_000);
        assert_ne!(id, again);
        assert_eq!(plan_id_of_key(&plan_key(&again)), Some(again.as_str()));
    }

    #[test]
    fn removed_entries_come_back_in_place() {
        let mut c = Catalogue::default();
        for id in ["a", "b", "c"] {
            c.upsert(id, id, 1);
        }
        c.open = Some("b".into());
        let (at, entry) = c.remove("b").expect("b is listed");
        assert_eq!(c.open, None);
        c.restore(at, entry);
        let ids: Vec<&str> = c.plans.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
