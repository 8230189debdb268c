//! The saved plans, kept in this browser's localStorage (through gloo-storage) under the keys of
//! `engine::library`. Every change is saved shortly after it is made (debounced, so typing stays
//! fast) and at once when the page is hidden or closed.
//!
//! Nothing is ever lost on the way: a stored text that cannot be read is set aside and offered for
//! download, never replaced; data from a newer Pace is shown read-only; when storage fails the
//! work goes on in memory with a warning; a save never overwrites a change another tab made to
//! the same plan (it compares the stored text with what this tab last read or wrote first).

use super::PlanStore;
use crate::engine::interchange::{read_plan, write_plan};
use crate::engine::library::{
    aside_key, aside_origin, plan_id_of_key, plan_key, Catalogue, Entry, StoredCatalogue,
    StoredPlan, CATALOGUE_KEY, DISMISSED_KEY, FAULT_KEY, STARTING_KEY, TRASH_KEY,
};
use crate::engine::merge::merge;
use crate::engine::plan::Plan;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// How long after the last change a save happens.
const SAVE_DELAY_MS: u64 = 600;

/// Why storage could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageTrouble {
    /// localStorage cannot be reached at all (disabled, private mode, blocked).
    Unavailable(String),
    /// A save was refused, most often because the quota is used up.
    Full(String),
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
    pub why: String,
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

/// Another tab changed the open plan while this tab had unsaved changes.
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

/// The last deleted plan, kept in storage until the next deletion so that it can be undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Trash {
    at: usize,
    entry: Entry,
    text: String,
}

#[derive(Clone, Copy)]
pub struct Library {
    store: PlanStore,
    catalogue: RwSignal<Catalogue>,
    origin: RwSignal<Origin>,
    trouble: RwSignal<Option<StorageTrouble>>,
    /// The catalogue was written by a newer Pace: everything is read-only.
    newer_layout: RwSignal<bool>,
    set_aside: RwSignal<Vec<SetAside>>,
    conflict: RwSignal<Option<Conflict>>,
    /// Title of the last deleted plan, while it can be restored.
    deleted: RwSignal<Option<String>>,
    /// The last deleted plan, when storage had no room to keep it for undo: then it waits here,
    /// for this page's lifetime (the page says so), so that deleting still frees space.
    trash_in_memory: StoredValue<Option<Trash>>,
    /// The browser agreed to keep the data when space runs low (`navigator.storage.persist()`).
    persisted: RwSignal<Option<bool>>,
    /// A note about something that happened without being asked (a sync from another tab).
    note: RwSignal<Option<Note>>,
    /// There are changes not yet written.
    dirty: StoredValue<bool>,
    /// The stored text of the open plan as this tab last read or wrote it.
    synced: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Set when this start is in safe mode (the last one did not finish).
    safe_start: RwSignal<Option<SafeStart>>,
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// localStorage, if this page may use it. gloo's `LocalStorage::raw()` panics when it may not,
/// so this asks first.
fn reachable() -> Result<(), String> {
    match window().local_storage() {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(js_message(&e)),
    }
}

/// The message of a JavaScript error (or whatever was thrown).
pub(crate) fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn read(key: &str) -> Result<Option<String>, StorageTrouble> {
    reachable().map_err(StorageTrouble::Unavailable)?;
    LocalStorage::raw()
        .get_item(key)
        .map_err(|e| StorageTrouble::Unavailable(js_message(&e)))
}

/// The readable plan stored under `key`, if there is one.
fn read_stored_plan(key: &str) -> Option<Plan> {
    read(key).ok().flatten().and_then(|t| read_plan(&t).ok())
}

fn write(key: &str, text: &str) -> Result<(), StorageTrouble> {
    reachable().map_err(StorageTrouble::Unavailable)?;
    LocalStorage::raw().set_item(key, text).map_err(|e| {
        let name = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.name()))
            .unwrap_or_default();
        if name.contains("Quota") {
            StorageTrouble::Full(js_message(&e))
        } else {
            StorageTrouble::Unavailable(js_message(&e))
        }
    })
}

fn remove(key: &str) {
    if reachable().is_ok() {
        LocalStorage::delete(key);
    }
}

fn keys() -> Vec<String> {
    if reachable().is_err() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    let count = raw.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| raw.key(i).ok().flatten())
        .collect()
}

impl Library {
    /// Opens the library: reads the catalogue, sets aside what cannot be read, and shows the plan
    /// that was open last (or the example on a first visit).
    pub fn start(store: PlanStore, example: Plan) -> Library {
        let library = Library {
            store,
            catalogue: RwSignal::new(Catalogue::default()),
            origin: RwSignal::new(Origin::Example),
            trouble: RwSignal::new(None),
            newer_layout: RwSignal::new(false),
            set_aside: RwSignal::new(Vec::new()),
            conflict: RwSignal::new(None),
            deleted: RwSignal::new(None),
            trash_in_memory: StoredValue::new(None),
            persisted: RwSignal::new(None),
            note: RwSignal::new(None),
            dirty: StoredValue::new(false),
            synced: StoredValue::new(None),
            timer: StoredValue::new(None),
            safe_start: RwSignal::new(None),
        };
        if let Err(why) = reachable() {
            library.trouble.set(Some(StorageTrouble::Unavailable(why)));
            store.load(example, false);
            return library;
        }
        library.catalogue.set(library.read_catalogue());
        library.offer_earlier_set_asides();
        if read(STARTING_KEY).ok().flatten().is_some() {
            // The last start never rendered: open nothing that could fail the same way.
            let fault = read(FAULT_KEY).ok().flatten();
            library.safe_start.set(Some(SafeStart { fault }));
            library.show_example(example);
            library.listen();
            return library;
        }
        // Removed by `started` once the page has rendered.
        let _ = write(STARTING_KEY, "1");
        let open = library
            .catalogue
            .with_untracked(|c| c.open.clone().filter(|id| c.entry(id).is_some()));
        let candidates: Vec<String> = open
            .into_iter()
            .chain(
                library
                    .catalogue
                    .with_untracked(|c| c.plans.iter().map(|e| e.id.clone()).collect::<Vec<_>>()),
            )
            .collect();
        if !candidates.iter().any(|id| library.show(id)) {
            library.show_example(example);
        }
        library.listen();
        library
    }

    /// The catalogue in storage, with any plan found under its own key but missing from the list
    /// added back. A catalogue that cannot be read is set aside and rebuilt from the plans.
    fn read_catalogue(&self) -> Catalogue {
        let mut catalogue = match read(CATALOGUE_KEY) {
            Ok(None) | Err(_) => Catalogue::default(),
            Ok(Some(text)) => match Catalogue::read(&text) {
                StoredCatalogue::Readable(c) => c,
                StoredCatalogue::Newer(c) => {
                    self.newer_layout.set(true);
                    return c;
                }
                StoredCatalogue::Unreadable(why) => {
                    self.keep_aside(CATALOGUE_KEY, text, why, true);
                    Catalogue::default()
                }
            },
        };
        let mut found = false;
        for key in keys() {
            let Some(id) = plan_id_of_key(&key) else {
                continue;
            };
            if catalogue.entry(id).is_some() {
                continue;
            }
            let title = read_stored_plan(&key).map_or_else(|| id.to_string(), |p| p.title);
            catalogue.plans.push(Entry {
                id: id.to_string(),
                title,
                saved_at: None,
                exported_at: None,
            });
            found = true;
        }
        if found {
            self.write_catalogue(&catalogue);
        }
        catalogue
    }

    /// Texts set aside by an earlier start (copies under `pace.v1.aside.…`, and plans that
    /// cannot be read under their own key) stay offered at every start until the person
    /// dismisses them.
    fn offer_earlier_set_asides(&self) {
        let dismissed = dismissed_keys();
        for key in keys() {
            if plan_id_of_key(&key).is_none() || dismissed.contains(&key) {
                continue;
            }
            let Some(text) = read(&key).ok().flatten() else {
                continue;
            };
            if let StoredPlan::Unreadable(why) = StoredPlan::read(&text) {
                self.keep_aside(&key, text, why, false);
            }
        }
        for copy in keys() {
            let Some(origin) = aside_origin(&copy) else {
                continue;
            };
            let listed = self.set_aside.with_untracked(|list| {
                list.iter()
                    .any(|s| s.copy.as_deref() == Some(copy.as_str()))
            });
            if listed || dismissed.contains(&copy) {
                continue;
            }
            let Some(text) = read(&copy).ok().flatten() else {
                continue;
            };
            let why = if origin == CATALOGUE_KEY {
                match Catalogue::read(&text) {
                    StoredCatalogue::Unreadable(why) => why,
                    _ => String::new(),
                }
            } else {
                match StoredPlan::read(&text) {
                    StoredPlan::Unreadable(why) => why,
                    _ => String::new(),
                }
            };
            let entry = SetAside {
                key: origin.to_string(),
                copy: Some(copy),
                text,
                why,
            };
            self.set_aside.update(|list| list.push(entry));
        }
    }

    /// Remembers unreadable text so that the person can download it. With `copy`, the text is
    /// also copied to a key of its own first, because its key is about to be written.
    fn keep_aside(&self, key: &str, text: String, why: String, copy: bool) {
        let copy = copy
            .then(|| aside_key(key, now()))
            .filter(|k| write(k, &text).is_ok());
        self.set_aside.update(|list| {
            if !list.iter().any(|s| s.key == key && s.text == text) {
                list.push(SetAside {
                    key: key.to_string(),
                    copy,
                    text,
                    why,
                });
            }
        });
    }

    fn write_catalogue(&self, catalogue: &Catalogue) {
        if self.newer_layout.get_untracked() {
            return;
        }
        // Writing the catalogue over an unreadable one is safe only once a copy of it exists.
        let unsafe_to_write = self.set_aside.with_untracked(|list| {
            list.iter()
                .any(|s| s.key == CATALOGUE_KEY && s.copy.is_none())
        });
        if unsafe_to_write {
            return;
        }
        if let Err(trouble) = write(CATALOGUE_KEY, &catalogue.write()) {
            self.trouble.set(Some(trouble));
        }
    }

    /// Changes the catalogue as it is in storage now (another tab may have changed it).
    fn change_catalogue(&self, change: impl FnOnce(&mut Catalogue)) {
        let mut fresh = match read(CATALOGUE_KEY) {
            Ok(Some(text)) => match Catalogue::read(&text) {
                StoredCatalogue::Readable(c) => c,
                _ => self.catalogue.get_untracked(),
            },
            _ => self.catalogue.get_untracked(),
        };
        let before = fresh.clone();
        change(&mut fresh);
        // Opening a plan that is already the open one, say, changes nothing: no write.
        if fresh != before {
            self.write_catalogue(&fresh);
        }
        self.catalogue.set(fresh);
    }

    /// Shows the saved plan `id`; false when it cannot be read (it is then set aside).
    fn show(&self, id: &str) -> bool {
        let key = plan_key(id);
        let text = match read(&key) {
            Ok(Some(text)) => text,
            _ => return false,
        };
        // The same plan again (another tab saved it): its inputs stay valid.
        let same_plan = self.open_id().as_deref() == Some(id);
        match StoredPlan::read(&text) {
            StoredPlan::Readable(plan) => {
                let read_only = self.newer_layout.get_untracked();
                if same_plan {
                    self.store.refresh(plan, read_only);
                } else {
                    self.store.load(plan, read_only);
                }
                self.origin.set(Origin::Saved(id.to_string()));
                self.synced.set_value(Some(text));
                self.dirty.set_value(false);
                self.conflict.set(None);
                if !read_only {
                    self.change_catalogue(|c| c.open = Some(id.to_string()));
                }
                true
            }
            StoredPlan::Newer {
                version,
                plan: Some(plan),
            } => {
                self.store.load(plan, true);
                self.origin.set(Origin::Newer(id.to_string(), version));
                self.synced.set_value(Some(text));
                self.dirty.set_value(false);
                true
            }
            StoredPlan::Newer {
                version,
                plan: None,
            } => {
                let why = format!("saved by a newer Pace (document version {version})");
                self.keep_aside(&key, text, why, false);
                false
            }
            StoredPlan::Unreadable(why) => {
                self.keep_aside(&key, text, why, false);
                false
            }
        }
    }

    fn show_example(&self, example: Plan) {
        self.store.load(example, self.newer_layout.get_untracked());
        self.origin.set(Origin::Example);
        self.synced.set_value(None);
        self.dirty.set_value(false);
    }

    /// Shows a plan that is not saved yet (a shared link's copy); the first change saves it.
    pub fn show_unsaved(&self, plan: Plan, origin: Origin) {
        self.flush();
        self.store.load(plan, self.newer_layout.get_untracked());
        self.origin.set(origin);
        self.synced.set_value(None);
        self.dirty.set_value(false);
    }

    /// Saves `plan` as a new plan (its title made unique) and opens it. Refused (false, nothing
    /// changes) while the stored data belongs to a newer Pace, which this one must not write.
    #[must_use]
    pub fn create(&self, mut plan: Plan) -> bool {
        self.flush();
        if self.newer_layout.get_untracked() {
            return false;
        }
        plan.title = self
            .catalogue
            .with_untracked(|c| c.unique_title(&plan.title));
        let id = self.catalogue.with_untracked(|c| c.new_id(now()));
        self.store.load(plan, false);
        self.origin.set(Origin::Saved(id));
        self.synced.set_value(None);
        self.dirty.set_value(true);
        self.flush();
        true
    }

    /// Opens the saved plan `id`, saving the one on screen first.
    pub fn open(&self, id: &str) {
        self.flush();
        if !self.show(id) {
            self.note.set(Some(Note::Unreadable));
        }
    }

    /// Opens the built-in example (not saved until it is changed).
    pub fn open_example(&self, example: Plan) {
        self.flush();
        self.show_example(example);
    }

    /// Saves a copy of the saved plan `id` and opens it.
    pub fn duplicate(&self, id: &str) {
        self.flush();
        if let Some(plan) = read_stored_plan(&plan_key(id)) {
            let _ = self.create(plan);
        }
    }

    /// Renames the saved plan `id` (the plan's own title, which the list shows).
    pub fn rename(&self, id: &str, title: &str) {
        let title = title.trim();
        if title.is_empty() {
            return;
        }
        if self.open_id().as_deref() == Some(id) {
            self.store.edit(None, |p| p.title = title.to_string());
            self.flush();
            return;
        }
        let key = plan_key(id);
        let Some(mut plan) = read_stored_plan(&key) else {
            return;
        };
        plan.title = title.to_string();
        match write(&key, &write_plan(&plan)) {
            Ok(()) => self.change_catalogue(|c| {
                if let Some(e) = c.entry_mut(id) {
                    e.title = plan.title.clone();
                }
            }),
            Err(trouble) => self.trouble.set(Some(trouble)),
        }
    }

    /// Deletes the saved plan `id`; `undo_delete` brings it back until the next deletion.
    pub fn delete(&self, id: &str, example: Plan) {
        self.flush();
        let key = plan_key(id);
        let text = read(&key).ok().flatten().unwrap_or_default();
        let Some((at, entry)) = self.catalogue.with_untracked(|c| {
            c.plans
                .iter()
                .position(|e| e.id == id)
                .map(|at| (at, c.plans[at].clone()))
        }) else {
            return;
        };
        let trash = Trash {
            at,
            entry: entry.clone(),
            text,
        };
        let trash_text = serde_json::to_string(&trash).unwrap_or_default();
        // The previous deletion can no longer be undone once this one happens: make room.
        remove(TRASH_KEY);
        self.trash_in_memory.set_value(None);
        if write(TRASH_KEY, &trash_text).is_err() {
            // Storage is full: deleting must still free space (it is what the warning asks the
            // person to do), so the undo copy waits in memory for this page's lifetime.
            self.trash_in_memory.set_value(Some(trash));
        }
        remove(&key);
        self.set_aside.update(|list| list.retain(|s| s.key != key));
        self.change_catalogue(|c| {
            c.remove(id);
        });
        self.deleted.set(Some(entry.title));
        if self.open_id().as_deref() == Some(id) {
            let next = self
                .catalogue
                .with_untracked(|c| c.plans.first().map(|e| e.id.clone()));
            if !next.is_some_and(|id| self.show(&id)) {
                self.show_example(example);
            }
        }
    }

    /// Brings back the last deleted plan and opens it.
    pub fn undo_delete(&self) {
        let stored = || {
            read(TRASH_KEY)
                .ok()
                .flatten()
                .and_then(|t| serde_json::from_str::<Trash>(&t).ok())
        };
        let Some(trash) = self.trash_in_memory.get_value().or_else(stored) else {
            self.deleted.set(None);
            return;
        };
        let key = plan_key(&trash.entry.id);
        if let Err(trouble) = write(&key, &trash.text) {
            self.trouble.set(Some(trouble));
            return;
        }
        remove(TRASH_KEY);
        self.trash_in_memory.set_value(None);
        let id = trash.entry.id.clone();
        self.change_catalogue(|c| c.restore(trash.at, trash.entry));
        self.deleted.set(None);
        self.open(&id);
    }

    /// The id of the saved plan on screen, if it is one.
    pub fn open_id(&self) -> Option<String> {
        match self.origin.get_untracked() {
            Origin::Saved(id) => Some(id),
            _ => None,
        }
    }

    /// A change was made: save soon.
    fn changed(&self) {
        self.dirty.set_value(true);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let library = *self;
        let handle = set_timeout_with_handle(
            move || library.flush(),
            std::time::Duration::from_millis(SAVE_DELAY_MS),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Writes unsaved changes now.
    pub fn flush(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        if !self.dirty.get_value() || self.store.read_only().get_untracked() {
            return;
        }
        if self.conflict.get_untracked().is_some() {
            return;
        }
        let id = match self.origin.get_untracked() {
            Origin::Saved(id) => id,
            Origin::Example | Origin::Shared => {
                // The first change to an unsaved plan makes it a saved one (once written).
                self.catalogue.with_untracked(|c| c.new_id(now()))
            }
            Origin::Newer(..) => return,
        };
        let key = plan_key(&id);
        // Never write over a version this tab has not seen: merge with it, or hold back.
        match read(&key) {
            Ok(stored) if stored != self.synced.get_value() => {
                if !stored
                    .as_deref()
                    .is_some_and(|theirs| self.merge_with(theirs))
                {
                    let conflict = if stored.is_none() {
                        Conflict::Deleted
                    } else {
                        Conflict::Changed
                    };
                    self.conflict.set(Some(conflict));
                    return;
                }
            }
            Ok(_) => {}
            Err(trouble) => {
                self.trouble.set(Some(trouble));
                return;
            }
        }
        let (text, title) = self
            .store
            .plan()
            .with_untracked(|p| (write_plan(p), p.title.clone()));
        measure_save_start();
        let written = write(&key, &text);
        match written {
            Ok(()) => {
                let at = now();
                if self.open_id().as_deref() != Some(id.as_str()) {
                    self.origin.set(Origin::Saved(id.clone()));
                }
                self.synced.set_value(Some(text));
                self.dirty.set_value(false);
                self.trouble.set(None);
                self.change_catalogue(|c| {
                    c.upsert(&id, &title, at);
                    c.open = Some(id.clone());
                });
                self.ask_to_persist();
            }
            Err(trouble) => self.trouble.set(Some(trouble)),
        }
        measure_save_end();
    }

    /// Merges this tab's unsaved changes with the version another tab saved (`theirs`, the
    /// stored text), when no part was changed differently on both sides (`engine::merge`): the
    /// merged plan is shown (one undo step), and `theirs` becomes the version this tab has seen.
    /// False when they cannot be merged.
    fn merge_with(&self, theirs: &str) -> bool {
        let Some(base) = self.synced.get_value().and_then(|t| read_plan(&t).ok()) else {
            return false;
        };
        let Ok(their_plan) = read_plan(theirs) else {
            return false;
        };
        let mine = self.store.plan().get_untracked();
        let Some(merged) = merge(&base, &mine, &their_plan) else {
            return false;
        };
        self.synced.set_value(Some(theirs.to_string()));
        if merged != mine {
            self.store.edit(None, move |p| *p = merged);
        }
        self.note.set(Some(Note::Merged));
        true
    }

    /// Notes that the open plan was exported just now.
    pub fn exported(&self) {
        self.flush();
        if let Some(id) = self.open_id() {
            let at = now();
            self.change_catalogue(|c| {
                if let Some(e) = c.entry_mut(&id) {
                    e.exported_at = Some(at);
                }
            });
        }
    }

    /// Resolves a conflict with another tab by taking the version it saved.
    pub fn take_theirs(&self, example: Plan) {
        self.conflict.set(None);
        self.dirty.set_value(false);
        match self.open_id() {
            Some(id) if self.show(&id) => {}
            _ => self.show_example(example),
        }
    }

    /// Resolves a conflict with another tab by saving this tab's version as a new plan.
    pub fn keep_mine_as_new(&self) {
        self.conflict.set(None);
        let plan = self.store.plan().get_untracked();
        self.dirty.set_value(false);
        let _ = self.create(plan);
    }

    /// Asks the browser once to keep this site's data when space runs low.
    fn ask_to_persist(&self) {
        if self.persisted.get_untracked().is_some() {
            return;
        }
        self.persisted.set(Some(false));
        let Ok(navigator) = js_sys::Reflect::get(&window(), &"navigator".into()) else {
            return;
        };
        let Ok(manager) = js_sys::Reflect::get(&navigator, &"storage".into()) else {
            return;
        };
        let Ok(persist) = js_sys::Reflect::get(&manager, &"persist".into()) else {
            return;
        };
        let Some(persist) = persist.dyn_ref::<js_sys::Function>() else {
            return;
        };
        let Ok(promise) = persist.call0(&manager) else {
            return;
        };
        let persisted = self.persisted;
        leptos::task::spawn_local(async move {
            if let Ok(granted) =
                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
            {
                persisted.set(Some(granted.as_bool() == Some(true)));
            }
        });
    }

    /// Saves on every change, flushes when the page is hidden or closed, and follows other tabs.
    fn listen(&self) {
        let library = *self;
        Effect::watch(
            move || library.store.revision().get(),
            move |_, _, _| library.changed(),
            false,
        );
        let flush_when_hidden = window_event_listener(
            leptos::ev::Custom::<web_sys::Event>::new("visibilitychange"),
            move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Hidden {
                    commit_active_entry();
                    library.flush();
                }
            },
        );
        let flush_on_leave = window_event_listener(
            leptos::ev::Custom::<web_sys::Event>::new("pagehide"),
            move |_| {
                commit_active_entry();
                library.flush();
            },
        );
        // Leaving with changes that cannot be saved (a conflict with another tab, storage full
        // or unavailable): the browser asks the person first.
        let warn_before_leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
            commit_active_entry();
            library.flush();
            if library.dirty.get_value() && !library.store.read_only().get_untracked() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        let follow_other_tabs =
            window_event_listener(leptos::ev::storage, move |ev| library.on_storage(&ev));
        on_cleanup(move || {
            flush_when_hidden.remove();
            flush_on_leave.remove();
            warn_before_leaving.remove();
            follow_other_tabs.remove();
        });
    }

    /// Another tab changed storage.
    fn on_storage(&self, ev: &web_sys::StorageEvent) {
        let Some(key) = ev.key() else {
            return;
        };
        if key == CATALOGUE_KEY {
            if let Some(StoredCatalogue::Readable(c)) = ev.new_value().map(|t| Catalogue::read(&t))
            {
                self.catalogue.set(c);
            }
            return;
        }
        let Some(id) = self.open_id() else {
            return;
        };
        if key != plan_key(&id) || ev.new_value() == self.synced.get_value() {
            return;
        }
        if self.dirty.get_value() {
            // Both tabs hold changes: merge them when they touch different parts, and save.
            if ev
                .new_value()
                .is_some_and(|theirs| self.merge_with(&theirs))
            {
                self.flush();
                return;
            }
            self.conflict.set(Some(if ev.new_value().is_some() {
                Conflict::Changed
            } else {
                Conflict::Deleted
            }));
        } else if ev.new_value().is_some() && self.show(&id) {
            self.note.set(Some(Note::Synced));
        } else if ev.new_value().is_none() {
            // Deleted elsewhere with nothing unsaved here: keep showing it, unsaved.
            self.origin.set(Origin::Shared);
            self.synced.set_value(None);
            self.note.set(Some(Note::DeletedElsewhere));
        }
    }

    pub fn catalogue(&self) -> Signal<Catalogue> {
        self.catalogue.into()
    }
    pub fn origin(&self) -> Signal<Origin> {
        self.origin.into()
    }
    pub fn trouble(&self) -> Signal<Option<StorageTrouble>> {
        self.trouble.into()
    }
    pub fn newer_layout(&self) -> Signal<bool> {
        self.newer_layout.into()
    }
    pub fn set_aside(&self) -> Signal<Vec<SetAside>> {
        self.set_aside.into()
    }
    /// Stops offering a set-aside text (it stays in storage wherever it was).
    pub fn dismiss_set_aside(&self, key: &str) {
        // What is remembered as dismissed: the copy where there is one, else the key itself.
        let copies: Vec<String> = self.set_aside.with_untracked(|list| {
            list.iter()
                .filter(|s| s.key == key)
                .map(|s| s.copy.clone().unwrap_or_else(|| s.key.clone()))
                .collect()
        });
        if !copies.is_empty() {
            let mut dismissed = dismissed_keys();
            dismissed.extend(copies);
            if let Ok(text) = serde_json::to_string(&dismissed) {
                let _ = write(DISMISSED_KEY, &text);
            }
        }
        self.set_aside.update(|list| list.retain(|s| s.key != key));
    }
    pub fn conflict(&self) -> Signal<Option<Conflict>> {
        self.conflict.into()
    }
    pub fn deleted(&self) -> Signal<Option<String>> {
        self.deleted.into()
    }
    pub fn dismiss_deleted(&self) {
        self.deleted.set(None);
    }
    /// Whether the last deletion can only be undone while this page stays open (storage had no
    /// room for the undo copy).
    pub fn undo_only_in_memory(&self) -> bool {
        self.trash_in_memory.with_value(Option::is_some)
    }
    pub fn persisted(&self) -> Signal<Option<bool>> {
        self.persisted.into()
    }
    pub fn note(&self) -> Signal<Option<Note>> {
        self.note.into()
    }
    pub fn dismiss_note(&self) {
        self.note.set(None);
    }

    /// The page has rendered with the plan this start opened: the start finished.
    pub fn started(&self) {
        if self.safe_start.get_untracked().is_none() {
            remove(STARTING_KEY);
        }
    }

    /// Safe mode's state: `Some` while this start is in safe mode.
    pub fn safe_start(&self) -> Signal<Option<SafeStart>> {
        self.safe_start.into()
    }

    /// Leaves safe mode by opening the saved plan `id` (or the example, with `None`). The start
    /// marker is set again until the page has rendered, so that a plan that still fails leads
    /// back to safe mode rather than to a page that never starts.
    pub fn leave_safe_start(&self, id: Option<&str>, example: Plan) {
        let _ = write(STARTING_KEY, "1");
        remove(FAULT_KEY);
        self.safe_start.set(None);
        match id {
            Some(id) => self.open(id),
            None => self.open_example(example),
        }
        let library = *self;
        request_animation_frame(move || library.started());
    }

    /// The text stored under the plan key of `id`, as it is (readable or not).
    pub fn stored_text(&self, id: &str) -> Option<String> {
        read(&plan_key(id)).ok().flatten()
    }

    /// The library provided by the app root.
    pub fn expect() -> Library {
        expect_context::<Library>()
    }
}

/// The set-aside copies dismissed so far.
fn dismissed_keys() -> Vec<String> {
    read(DISMISSED_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Commits the entry being typed, as leaving the cell would: the typed text if it reads, the
/// value from before the entry otherwise. While typing, results follow every keystroke that
/// happens to read (`1,234` on the way to `1,2345`); what is saved when the page goes away must
/// be what the person would get on leaving the cell, never such a prefix.
fn commit_active_entry() {
    if let Some(active) = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

// Saves are timed with the Performance API so that bench/latency.mjs can report them.
fn measure_save_start() {
    if let Some(p) = window().performance() {
        let _ = p.mark("pace-save-start");
    }
}

fn measure_save_end() {
    if let Some(p) = window().performance() {
        let _ = p.measure_with_start_mark("pace-save", "pace-save-start");
    }
}
