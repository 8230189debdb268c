//! The rules that protect saved plans, as plain Rust: what is set aside, when a save holds back,
//! how two tabs' changes meet, what a deletion keeps for undo, and when a start is a safe start.
//! The `Vault` is a state machine over a key–value `Shelf`: localStorage in the page
//! (`store::saved` is the thin adapter that also owns the timers and browser events), a map in
//! the tests, which cover every case here natively.
//!
//! Nothing is ever lost on the way: a stored text that cannot be read is set aside and offered
//! for download, never replaced; data from a newer Pace is shown read-only; when storage fails
//! the work goes on in memory; a save never overwrites a change another tab made to the same plan
//! (it compares the stored text with what this tab last read or wrote, and merges or holds back).

use super::interchange::{read_plan, write_plan, ImportError};
use super::library::{
    aside_key, aside_origin, plan_id_of_key, plan_key, Catalogue, Entry, StoredCatalogue,
    StoredPlan, Unreadable, CATALOGUE_KEY, DISMISSED_KEY, FAULT_KEY, STARTING_KEY,
    STARTING_STALE_MS, TRASH_KEY,
};
use super::merge::merge;
use super::plan::Plan;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageTrouble {
    /// Storage cannot be reached at all (disabled, private mode, blocked).
    Unavailable(String),
    /// A save was refused, most often because the quota is used up.
    Full(String),
}

/// A key–value store of texts: the browser's localStorage, or a map in tests.
pub trait Shelf {
    /// The text under `key`; `Ok(None)` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, StorageTrouble>;
    fn set(&mut self, key: &str, text: &str) -> Result<(), StorageTrouble>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
    /// Whether the shelf can be used at all.
    fn reachable(&self) -> Result<(), String>;
}

/// A shelf in memory, with switches for the failures a browser's storage has.
#[derive(Clone, Debug, Default)]
pub struct MemoryShelf {
    pub items: BTreeMap<String, String>,
    /// Every `set` fails as a full storage does (removing still works).
    pub full: bool,
    /// Nothing can be read or written.
    pub unavailable: bool,
}

impl Shelf for MemoryShelf {
    fn get(&self, key: &str) -> Result<Option<String>, StorageTrouble> {
        self.reachable().map_err(StorageTrouble::Unavailable)?;
        Ok(self.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, text: &str) -> Result<(), StorageTrouble> {
        self.reachable().map_err(StorageTrouble::Unavailable)?;
        if self.full {
            return Err(StorageTrouble::Full("quota exceeded".into()));
        }
        self.items.insert(key.to_string(), text.to_string());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        if !self.unavailable {
            self.items.remove(key);
        }
    }
    fn keys(&self) -> Vec<String> {
        if self.unavailable {
            return Vec::new();
        }
        self.items.keys().cloned().collect()
    }
    fn reachable(&self) -> Result<(), String> {
        if self.unavailable {
            Err("storage is not available".into())
        } else {
            Ok(())
        }
    }
}

/// Where the plan on screen comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A saved plan, by id.
    Saved(String),
    /// The built-in example: saved as a new plan at the first change.
    Example,
    /// A copy opened from a share link: saved as a new plan at the first change.
    Shared,
    /// The open plan `id`, deleted in another tab while this one had nothing unsaved: kept on
    /// screen, saved as a new plan at the first change; the plan again if the other tab undoes
    /// the deletion first.
    DeletedElsewhere(String),
    /// Saved by a newer Pace (its document version): read-only.
    Newer(String, u64),
}

/// Text found in storage that could not be read, kept for the person to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    /// Where it was found.
    pub key: String,
    /// Where a copy was put (when the original key had to be reused), if anywhere.
    pub copy: Option<String>,
    pub text: String,
    /// Why it cannot be read; `None` for a copy set aside earlier that reads now.
    pub why: Option<Arc<Unreadable>>,
}

/// Something that happened without being asked, worth a line on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// Another tab saved this plan; its version is now shown.
    Synced,
    /// Another tab deleted this plan; it is shown unsaved.
    DeletedElsewhere,
    /// The plan asked for could not be read (it is listed among the set-aside texts).
    Unreadable,
    /// Another tab saved this plan while this tab had unsaved changes elsewhere in it: both
    /// sets of changes were kept.
    Merged,
}

/// Another tab changed the open plan while this tab had unsaved changes to the same parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The other tab saved a different version.
    Changed,
    /// The other tab deleted the plan.
    Deleted,
}

/// The previous start did not finish (it panicked or was killed while opening a plan): this start
/// opens no plan and offers each stored plan to open or download, with the fault if one was
/// recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeStart {
    /// The message of the last panic (`pace.v1.fault`), if the crash screen recorded one.
    pub fault: Option<String>,
}

/// The last deleted plan, kept until the next deletion so that it can be undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Trash {
    at: usize,
    entry: Entry,
    text: String,
}

/// What the page must do to its plan after an operation, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Show another plan: a fresh start (no undo), inputs of the old plan no longer edit.
    Load { plan: Plan, read_only: bool },
    /// Show a newer version of the same plan (another tab saved it).
    Refresh { plan: Plan, read_only: bool },
    /// Replace the plan on screen as one undoable edit (a merge with another tab's changes).
    Edit(Plan),
}

/// How a plan saved as new is titled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    /// As the plan has it: a document imported (or months joined) keeps its title, which is
    /// its printed headline and its file's name; a title shared with a saved plan is told apart
    /// in 我的计划 by when each was saved. It read `全市利用外资 1-7月 (2)` in the printed 通报
    /// (a tester).
    AsWritten,
    /// With " (2)", " (3)" … when a saved plan has the title: a copy, a new blank plan, this
    /// tab's version kept beside another tab's.
    Distinct,
}

/// The state of the saved plans as this page knows it.
#[derive(Clone, Debug)]
pub struct Vault {
    pub catalogue: Catalogue,
    pub origin: Origin,
    pub trouble: Option<StorageTrouble>,
    /// The catalogue was written by a newer Pace: everything is read-only.
    pub newer_layout: bool,
    pub set_aside: Vec<SetAside>,
    pub conflict: Option<Conflict>,
    /// Title of the last deleted plan, while it can be restored.
    pub deleted: Option<String>,
    pub note: Option<Note>,
    /// Set when this start is in safe mode (the last one did not finish).
    pub safe_start: Option<SafeStart>,
    /// The plan on screen may not be changed (newer data).
    pub read_only: bool,
    /// There are changes not yet written.
    dirty: bool,
    /// The stored text of the open plan as this tab last read or wrote it.
    synced: Option<String>,
    /// The last deleted plan when storage had no room to keep it for undo: it waits here, for
    /// this page's lifetime, so that deleting still frees space.
    trash_in_memory: Option<Trash>,
}

impl Vault {
    /// Opens the library: reads the catalogue, sets aside what cannot be read, and shows the
    /// plan that was open last (or the plan `example` makes, on a first visit or in safe mode).
    /// `example` is called only when it is shown: a start that opens a saved plan need not make
    /// it.
    pub fn start(
        shelf: &mut impl Shelf,
        example: impl FnOnce() -> Plan,
        now: i64,
    ) -> (Vault, Vec<Screen>) {
        let mut vault = Vault {
            catalogue: Catalogue::default(),
            origin: Origin::Example,
            trouble: None,
            newer_layout: false,
            set_aside: Vec::new(),
            conflict: None,
            deleted: None,
            note: None,
            safe_start: None,
            read_only: false,
            dirty: false,
            synced: None,
            trash_in_memory: None,
        };
        if let Err(why) = shelf.reachable() {
            vault.trouble = Some(StorageTrouble::Unavailable(why));
            let screens = vec![vault.show_example(example())];
            return (vault, screens);
        }
        vault.catalogue = vault.read_catalogue(shelf, now);
        vault.offer_earlier_set_asides(shelf);
        let fault = shelf.get(FAULT_KEY).ok().flatten();
        match shelf.get(STARTING_KEY).ok().flatten() {
            Some(marker) if fault.is_some() || !another_tab_is_starting(&marker, now) => {
                // The last start never rendered: open nothing that could fail the same way.
                vault.safe_start = Some(SafeStart { fault });
                let screens = vec![vault.show_example(example())];
                return (vault, screens);
            }
            // Another tab's start under way: its marker keeps its time, so that starts that
            // hang one after another, each closed and reopened within the 10 s, still add up
            // to safe mode.
            Some(_) => {}
            None => {
                // A fault recorded after the last start finished (a panic while editing) is not
                // a start's: it must not send a later start, or a tab beside it, to safe mode.
                if fault.is_some() {
                    shelf.remove(FAULT_KEY);
                }
                // Removed by `started` once the page has rendered.
                let _ = shelf.set(STARTING_KEY, &now.to_string());
            }
        }
        let open = vault
            .catalogue
            .open
            .clone()
            .filter(|id| vault.catalogue.entry(id).is_some());
        let candidates: Vec<String> = open
            .into_iter()
            .chain(vault.catalogue.plans.iter().map(|e| e.id.clone()))
            .collect();
        for id in candidates {
            if let Some(screen) = vault.show(shelf, &id) {
                return (vault, vec![screen]);
            }
        }
        let screens = vec![vault.show_example(example())];
        (vault, screens)
    }

    /// The page has rendered with the plan this start opened: the start finished.
    pub fn started(&self, shelf: &mut impl Shelf) {
        if self.safe_start.is_none() {
            shelf.remove(STARTING_KEY);
        }
    }

    /// Leaves safe mode by opening the saved plan `id` (or `example`, with `None`). The start
    /// marker is set again until the page has rendered (`started`), so that a plan that still
    /// fails leads back to safe mode rather than to a page that never starts.
    pub fn leave_safe_start(
        &mut self,
        shelf: &mut impl Shelf,
        id: Option<&str>,
        example: Plan,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let _ = shelf.set(STARTING_KEY, &now.to_string());
        shelf.remove(FAULT_KEY);
        self.safe_start = None;
        match id {
            Some(id) => self.open(shelf, id, current, now),
            None => {
                // The plan open when the fault happened is not opened by itself again.
                self.change_catalogue(shelf, |c| c.open = None);
                self.open_example(shelf, example, current, now)
            }
        }
    }

    /// The id of the saved plan on screen, if it is one.
    pub fn open_id(&self) -> Option<&str> {
        match &self.origin {
            Origin::Saved(id) => Some(id),
            _ => None,
        }
    }

    /// Whether there are changes not yet written.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Whether this page's changes are kept from storage: another tab's version stands in the
    /// way (`conflict`) or storage refused them (`trouble`). The data line must not then say
    /// when the plan was last saved as if they were in it.
    pub fn changes_held_back(&self) -> bool {
        self.dirty && (self.conflict.is_some() || self.trouble.is_some())
    }

    /// The catalogue in storage, with any plan found under its own key but missing from the list
    /// added back. A catalogue that cannot be read is set aside and rebuilt from the plans.
    fn read_catalogue(&mut self, shelf: &mut impl Shelf, now: i64) -> Catalogue {
        let mut catalogue = match shelf.get(CATALOGUE_KEY) {
            Ok(None) | Err(_) => Catalogue::default(),
            Ok(Some(text)) => match Catalogue::read(&text) {
                StoredCatalogue::Readable(c) => c,
                StoredCatalogue::Newer(c) => {
                    self.newer_layout = true;
                    return c;
                }
                StoredCatalogue::Unreadable { line, column } => {
                    let why = Unreadable::Catalogue { line, column };
                    self.keep_aside(shelf, CATALOGUE_KEY, text, why, Some(now));
                    Catalogue::default()
                }
            },
        };
        let mut found = false;
        for key in shelf.keys() {
            let Some(id) = plan_id_of_key(&key) else {
                continue;
            };
            if catalogue.entry(id).is_some() {
                continue;
            }
            let title = stored_plan(shelf, &key).map_or_else(|| id.to_string(), |p| p.title);
            catalogue.plans.push(Entry {
                id: id.to_string(),
                title,
                saved_at: None,
                exported_at: None,
            });
            found = true;
        }
        if found {
            self.write_catalogue(shelf, &catalogue);
        }
        catalogue
    }

    /// Texts set aside by an earlier start (copies under `pace.v1.aside.…`, and plans that
    /// cannot be read under their own key) stay offered at every start until the person
    /// dismisses them.
    fn offer_earlier_set_asides(&mut self, shelf: &mut impl Shelf) {
        let dismissed = dismissed_keys(shelf);
        for key in shelf.keys() {
            if plan_id_of_key(&key).is_none() || dismissed.contains(&key) {
                continue;
            }
            let Some(text) = shelf.get(&key).ok().flatten() else {
                continue;
            };
            if let StoredPlan::Unreadable(why) = StoredPlan::read(&text) {
                self.keep_aside(shelf, &key, text, Unreadable::Plan(why), None);
            }
        }
        for copy in shelf.keys() {
            let Some(origin) = aside_origin(&copy) else {
                continue;
            };
            let listed = self
                .set_aside
                .iter()
                .any(|s| s.copy.as_deref() == Some(copy.as_str()));
            if listed || dismissed.contains(&copy) {
                continue;
            }
            let Some(text) = shelf.get(&copy).ok().flatten() else {
                continue;
            };
            let why = if origin == CATALOGUE_KEY {
                match Catalogue::read(&text) {
                    StoredCatalogue::Unreadable { line, column } => {
                        Some(Arc::new(Unreadable::Catalogue { line, column }))
                    }
                    _ => None,
                }
            } else {
                match StoredPlan::read(&text) {
                    StoredPlan::Unreadable(why) => Some(Arc::new(Unreadable::Plan(why))),
                    _ => None,
                }
            };
            self.set_aside.push(SetAside {
                key: origin.to_string(),
                copy: Some(copy),
                text,
                why,
            });
        }
    }

    /// Remembers unreadable text so that the person can download it. With `copy_at` (a time
    /// stamp), the text is also copied to a key of its own first, because its key is about to
    /// be written.
    fn keep_aside(
        &mut self,
        shelf: &mut impl Shelf,
        key: &str,
        text: String,
        why: Unreadable,
        copy_at: Option<i64>,
    ) {
        let copy = copy_at
            .map(|stamp| aside_key(key, stamp))
            .filter(|k| shelf.set(k, &text).is_ok());
        if !self
            .set_aside
            .iter()
            .any(|s| s.key == key && s.text == text)
        {
            self.set_aside.push(SetAside {
                key: key.to_string(),
                copy,
                text,
                why: Some(Arc::new(why)),
            });
        }
    }

    /// Stops offering a set-aside text; it stays in storage wherever it was, and is not offered
    /// again at the next start.
    pub fn dismiss_set_aside(&mut self, shelf: &mut impl Shelf, key: &str) {
        // What is remembered as dismissed: the copy where there is one, else the key itself.
        let mut dismissed = dismissed_keys(shelf);
        dismissed.extend(
            self.set_aside
                .iter()
                .filter(|s| s.key == key)
                .map(|s| s.copy.clone().unwrap_or_else(|| s.key.clone())),
        );
        if let Ok(text) = serde_json::to_string(&dismissed) {
            let _ = shelf.set(DISMISSED_KEY, &text);
        }
        self.forget_set_aside(key);
    }

    /// No longer offers the set-aside text of `key` (dismissed, or its plan deleted). The note
    /// that an opened plan could not be read points at the plans' offers ("see above"): it goes
    /// with the last of them.
    fn forget_set_aside(&mut self, key: &str) {
        let offered = self.set_aside.len();
        self.set_aside.retain(|s| s.key != key);
        let plans_offered = self
            .set_aside
            .iter()
            .any(|s| plan_id_of_key(&s.key).is_some());
        if self.set_aside.len() < offered && !plans_offered && self.note == Some(Note::Unreadable) {
            self.note = None;
        }
    }

    fn write_catalogue(&mut self, shelf: &mut impl Shelf, catalogue: &Catalogue) {
        if self.newer_layout {
            return;
        }
        // Writing the catalogue over an unreadable one is safe only once a copy of it exists.
        let unsafe_to_write = self
            .set_aside
            .iter()
            .any(|s| s.key == CATALOGUE_KEY && s.copy.is_none());
        if unsafe_to_write {
            return;
        }
        if let Err(trouble) = shelf.set(CATALOGUE_KEY, &catalogue.write()) {
            self.trouble = Some(trouble);
        }
    }

    /// Changes the catalogue as it is in storage now (another tab may have changed it).
    fn change_catalogue(&mut self, shelf: &mut impl Shelf, change: impl FnOnce(&mut Catalogue)) {
        self.change_catalogue_with(shelf, Box::new(change));
    }

    /// [`Vault::change_catalogue`]'s body, compiled once rather than once per kind of change.
    fn change_catalogue_with(
        &mut self,
        shelf: &mut impl Shelf,
        change: Box<dyn FnOnce(&mut Catalogue) + '_>,
    ) {
        let mut fresh = match shelf.get(CATALOGUE_KEY) {
            Ok(Some(text)) => match Catalogue::read(&text) {
                StoredCatalogue::Readable(c) => c,
                _ => self.catalogue.clone(),
            },
            _ => self.catalogue.clone(),
        };
        let before = fresh.clone();
        change(&mut fresh);
        // Opening a plan that is already the open one, say, changes nothing: no write.
        if fresh != before {
            self.write_catalogue(shelf, &fresh);
        }
        self.catalogue = fresh;
    }

    /// Shows the saved plan `id`; `None` when it cannot be read (it is then set aside).
    fn show(&mut self, shelf: &mut impl Shelf, id: &str) -> Option<Screen> {
        let key = plan_key(id);
        let text = shelf.get(&key).ok().flatten()?;
        // The same plan again (another tab saved it): its inputs stay valid.
        let same_plan = self.open_id() == Some(id);
        match StoredPlan::read(&text) {
            StoredPlan::Readable(plan) => {
                let read_only = self.newer_layout;
                self.origin = Origin::Saved(id.to_string());
                self.synced = Some(text);
                self.dirty = false;
                self.conflict = None;
                self.read_only = read_only;
                if !read_only {
                    self.change_catalogue(shelf, |c| c.open = Some(id.to_string()));
                }
                Some(if same_plan {
                    Screen::Refresh { plan, read_only }
                } else {
                    Screen::Load { plan, read_only }
                })
            }
            StoredPlan::Newer {
                version,
                plan: Some(plan),
            } => {
                self.origin = Origin::Newer(id.to_string(), version);
                self.synced = Some(text);
                self.dirty = false;
                self.read_only = true;
                Some(Screen::Load {
                    plan,
                    read_only: true,
                })
            }
            StoredPlan::Newer {
                version,
                plan: None,
            } => {
                let why = Unreadable::Plan(ImportError::newer(version));
                self.keep_aside(shelf, &key, text, why, None);
                None
            }
            StoredPlan::Unreadable(why) => {
                self.keep_aside(shelf, &key, text, Unreadable::Plan(why), None);
                None
            }
        }
    }

    fn show_example(&mut self, example: Plan) -> Screen {
        self.origin = Origin::Example;
        self.synced = None;
        self.dirty = false;
        self.read_only = self.newer_layout;
        Screen::Load {
            plan: example,
            read_only: self.newer_layout,
        }
    }

    /// Shows a plan that is not saved yet (a shared link's copy); the first change saves it.
    pub fn show_unsaved(
        &mut self,
        shelf: &mut impl Shelf,
        plan: Plan,
        origin: Origin,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let mut screens = self.flush(shelf, current, now);
        self.origin = origin;
        self.synced = None;
        self.dirty = false;
        self.read_only = self.newer_layout;
        screens.push(Screen::Load {
            plan,
            read_only: self.newer_layout,
        });
        screens
    }

    /// Saves `plan` as a new plan (its title as `naming` says) and opens it. `None` (nothing
    /// changes) while the stored data belongs to a newer Pace, which this one must not write.
    pub fn create(
        &mut self,
        shelf: &mut impl Shelf,
        mut plan: Plan,
        naming: Naming,
        current: &Plan,
        now: i64,
    ) -> Option<Vec<Screen>> {
        let mut screens = self.flush(shelf, current, now);
        if self.newer_layout {
            return None;
        }
        if naming == Naming::Distinct {
            plan.title = self.catalogue.unique_title(&plan.title);
        }
        let id = self.catalogue.new_id(now);
        self.origin = Origin::Saved(id);
        self.synced = None;
        self.dirty = true;
        self.read_only = false;
        screens.extend(self.flush(shelf, &plan, now));
        screens.push(Screen::Load {
            plan,
            read_only: false,
        });
        Some(screens)
    }

    /// Opens the saved plan `id`, saving the one on screen first.
    pub fn open(
        &mut self,
        shelf: &mut impl Shelf,
        id: &str,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let mut screens = self.flush(shelf, current, now);
        match self.show(shelf, id) {
            Some(screen) => screens.push(screen),
            None => self.note = Some(Note::Unreadable),
        }
        screens
    }

    /// Opens the built-in example (not saved until it is changed).
    pub fn open_example(
        &mut self,
        shelf: &mut impl Shelf,
        example: Plan,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let mut screens = self.flush(shelf, current, now);
        screens.push(self.show_example(example));
        screens
    }

    /// Saves a copy of the saved plan `id` and opens it.
    pub fn duplicate(
        &mut self,
        shelf: &mut impl Shelf,
        id: &str,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let mut screens = self.flush(shelf, current, now);
        if let Some(plan) = stored_plan(shelf, &plan_key(id)) {
            screens.extend(
                self.create(shelf, plan, Naming::Distinct, current, now)
                    .unwrap_or_default(),
            );
        }
        screens
    }

    /// Renames the saved plan `id` that is not the one on screen (the open one is renamed by an
    /// edit of its title).
    pub fn rename_stored(&mut self, shelf: &mut impl Shelf, id: &str, title: &str) {
        let key = plan_key(id);
        let Some(mut plan) = stored_plan(shelf, &key) else {
            return;
        };
        plan.title = title.to_string();
        match shelf.set(&key, &write_plan(&plan)) {
            Ok(()) => self.change_catalogue(shelf, |c| {
                if let Some(e) = c.entry_mut(id) {
                    e.title = plan.title.clone();
                }
            }),
            Err(trouble) => self.trouble = Some(trouble),
        }
    }

    /// Deletes the saved plan `id`; `undo_delete` brings it back until the next deletion. With
    /// storage full the deletion still happens (it frees space) and the undo copy waits in
    /// memory (`undo_only_in_memory`).
    pub fn delete(
        &mut self,
        shelf: &mut impl Shelf,
        id: &str,
        example: Plan,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        let mut screens = self.flush(shelf, current, now);
        let key = plan_key(id);
        let text = shelf.get(&key).ok().flatten().unwrap_or_default();
        let Some(at) = self.catalogue.plans.iter().position(|e| e.id == id) else {
            return screens;
        };
        let Some(entry) = self.catalogue.plans.get(at).cloned() else {
            return screens;
        };
        let trash = Trash {
            at,
            entry: entry.clone(),
            text,
        };
        let trash_text = serde_json::to_string(&trash).unwrap_or_default();
        // The previous deletion can no longer be undone once this one happens: make room.
        shelf.remove(TRASH_KEY);
        self.trash_in_memory = None;
        if shelf.set(TRASH_KEY, &trash_text).is_err() {
            self.trash_in_memory = Some(trash);
        }
        shelf.remove(&key);
        self.forget_set_aside(&key);
        self.change_catalogue(shelf, |c| {
            c.remove(id);
        });
        self.deleted = Some(entry.title);
        if self.open_id() == Some(id) {
            let next = self.catalogue.plans.first().map(|e| e.id.clone());
            match next.and_then(|id| self.show(shelf, &id)) {
                Some(screen) => screens.push(screen),
                None => screens.push(self.show_example(example)),
            }
        }
        screens
    }

    /// Whether the last deletion can only be undone while this page stays open.
    pub fn undo_only_in_memory(&self) -> bool {
        self.trash_in_memory.is_some()
    }

    /// Brings back the last deleted plan and opens it.
    pub fn undo_delete(&mut self, shelf: &mut impl Shelf, current: &Plan, now: i64) -> Vec<Screen> {
        let stored = || {
            shelf
                .get(TRASH_KEY)
                .ok()
                .flatten()
                .and_then(|t| serde_json::from_str::<Trash>(&t).ok())
        };
        // Only the deletion this page made (another tab may have deleted since: its trash is
        // not this page's to restore).
        let Some(trash) = self
            .trash_in_memory
            .clone()
            .or_else(stored)
            .filter(|t| self.deleted.as_deref() == Some(t.entry.title.as_str()))
        else {
            self.deleted = None;
            return Vec::new();
        };
        let key = plan_key(&trash.entry.id);
        if let Err(trouble) = shelf.set(&key, &trash.text) {
            self.trouble = Some(trouble);
            return Vec::new();
        }
        shelf.remove(TRASH_KEY);
        self.trash_in_memory = None;
        let id = trash.entry.id.clone();
        self.change_catalogue(shelf, |c| c.restore(trash.at, trash.entry));
        self.deleted = None;
        self.open(shelf, &id, current, now)
    }

    /// A change was made to the plan on screen: it is to be saved.
    pub fn changed(&mut self) {
        self.dirty = true;
    }

    /// Writes unsaved changes of `current` (the plan on screen) now. A version another tab
    /// saved meanwhile is merged with this one when they changed different parts (the merged
    /// plan is returned as a `Screen::Edit` to show); otherwise nothing is written and the
    /// conflict is left to the person.
    pub fn flush(&mut self, shelf: &mut impl Shelf, current: &Plan, now: i64) -> Vec<Screen> {
        if !self.dirty || self.read_only || self.conflict.is_some() {
            return Vec::new();
        }
        let id = match &self.origin {
            Origin::Saved(id) => id.clone(),
            // The first change to an unsaved plan makes it a saved one (once written).
            Origin::Example | Origin::Shared | Origin::DeletedElsewhere(_) => {
                self.catalogue.new_id(now)
            }
            Origin::Newer(..) => return Vec::new(),
        };
        let key = plan_key(&id);
        let mut screens = Vec::new();
        let mut plan = current;
        let merged;
        // Never write over a version this tab has not seen: merge with it, or hold back.
        match shelf.get(&key) {
            Ok(stored) if stored != self.synced => {
                match stored
                    .as_deref()
                    .and_then(|theirs| self.merged_with(current, theirs))
                {
                    Some(m) => {
                        merged = m;
                        plan = &merged;
                        self.synced = stored;
                        self.note = Some(Note::Merged);
                        if merged != *current {
                            screens.push(Screen::Edit(merged.clone()));
                        }
                    }
                    None => {
                        self.conflict = Some(if stored.is_none() {
                            Conflict::Deleted
                        } else {
                            Conflict::Changed
                        });
                        return screens;
                    }
                }
            }
            Ok(_) => {}
            Err(trouble) => {
                self.trouble = Some(trouble);
                return screens;
            }
        }
        let text = write_plan(plan);
        match shelf.set(&key, &text) {
            Ok(()) => {
                self.origin = Origin::Saved(id.clone());
                self.synced = Some(text);
                self.dirty = false;
                self.trouble = None;
                let title = plan.title.clone();
                self.change_catalogue(shelf, |c| {
                    c.upsert(&id, &title, now);
                    c.open = Some(id.clone());
                });
            }
            Err(trouble) => self.trouble = Some(trouble),
        }
        screens
    }

    /// `current` merged with `theirs` (the stored text another tab wrote), against the version
    /// this tab last saw (`engine::merge`); `None` when they changed the same part differently.
    fn merged_with(&self, current: &Plan, theirs: &str) -> Option<Plan> {
        let base = read_plan(self.synced.as_deref()?).ok()?;
        merge(&base, current, &read_plan(theirs).ok()?)
    }

    /// Notes that the open plan was exported just now.
    pub fn exported(&mut self, shelf: &mut impl Shelf, current: &Plan, now: i64) -> Vec<Screen> {
        let screens = self.flush(shelf, current, now);
        if let Some(id) = self.open_id().map(str::to_string) {
            self.change_catalogue(shelf, |c| {
                if let Some(e) = c.entry_mut(&id) {
                    e.exported_at = Some(now);
                }
            });
        }
        screens
    }

    /// Resolves a conflict with another tab by taking the version it saved.
    pub fn take_theirs(&mut self, shelf: &mut impl Shelf, example: Plan) -> Vec<Screen> {
        self.conflict = None;
        self.dirty = false;
        let shown = self
            .open_id()
            .map(str::to_string)
            .and_then(|id| self.show(shelf, &id));
        vec![shown.unwrap_or_else(|| self.show_example(example))]
    }

    /// Resolves a conflict with another tab by saving this tab's version as a new plan.
    pub fn keep_mine_as_new(
        &mut self,
        shelf: &mut impl Shelf,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        self.conflict = None;
        self.dirty = false;
        self.create(shelf, current.clone(), Naming::Distinct, current, now)
            .unwrap_or_default()
    }

    /// Shows the version of plan `id` another tab saved, saying so.
    fn follow(&mut self, shelf: &mut impl Shelf, id: &str) -> Vec<Screen> {
        let shown = self.show(shelf, id);
        if shown.is_some() {
            self.note = Some(Note::Synced);
        }
        shown.into_iter().collect()
    }

    /// Another tab wrote `new_value` under `key` (`None`: removed it). With `current` the plan
    /// on screen.
    pub fn on_storage(
        &mut self,
        shelf: &mut impl Shelf,
        key: &str,
        new_value: Option<String>,
        current: &Plan,
        now: i64,
    ) -> Vec<Screen> {
        if key == CATALOGUE_KEY {
            if let Some(StoredCatalogue::Readable(c)) = new_value.as_deref().map(Catalogue::read) {
                self.catalogue = c;
            }
            return Vec::new();
        }
        if let Origin::DeletedElsewhere(id) = &self.origin {
            // The deletion undone in the other tab while nothing changed here: this is that
            // plan again (a change would have saved it anew, and a second copy would follow).
            if self.dirty || new_value.is_none() || key != plan_key(id) {
                return Vec::new();
            }
            let id = id.clone();
            return self.follow(shelf, &id);
        }
        let Some(id) = self.open_id().map(str::to_string) else {
            return Vec::new();
        };
        if key != plan_key(&id) {
            return Vec::new();
        }
        if new_value.is_some() && self.conflict == Some(Conflict::Deleted) {
            // The deletion undone there: no conflict is left (the banner went on saying
            // "deleted"); this tab's changes are saved as any others, merged with the plan's
            // if it changed meanwhile.
            self.conflict = None;
            return self.flush(shelf, current, now);
        }
        if new_value == self.synced {
            return Vec::new();
        }
        if self.dirty {
            // Both tabs hold changes: merge them when they touch different parts, and save.
            if new_value.is_some() {
                return self.flush(shelf, current, now);
            }
            self.conflict = Some(Conflict::Deleted);
            Vec::new()
        } else if new_value.is_some() {
            self.follow(shelf, &id)
        } else {
            // Deleted elsewhere with nothing unsaved here: keep showing it, unsaved.
            self.origin = Origin::DeletedElsewhere(id);
            self.synced = None;
            self.note = Some(Note::DeletedElsewhere);
            Vec::new()
        }
    }
}

/// The readable plan stored under `key`, if there is one.
fn stored_plan(shelf: &impl Shelf, key: &str) -> Option<Plan> {
    read_plan(&shelf.get(key).ok().flatten()?).ok()
}

/// The set-aside copies dismissed so far.
fn dismissed_keys(shelf: &impl Shelf) -> Vec<String> {
    shelf
        .get(DISMISSED_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Whether a start marker (`STARTING_KEY`'s text: when it was set, in milliseconds since 1970)
/// was set by another tab starting at about the same moment rather than by a start that did not
/// finish: it is younger than `STARTING_STALE_MS` at `now`. An unreadable marker (earlier builds
/// wrote `1`) or one from the future (the clock was set back) counts as a start that did not
/// finish, the cautious reading.
fn another_tab_is_starting(marker: &str, now: i64) -> bool {
    marker
        .parse::<i64>()
        .ok()
        .and_then(|set| now.checked_sub(set))
        .is_some_and(|age| (0..STARTING_STALE_MS).contains(&age))
}
