//! The saved plans in this browser: the thin adapter between the page and `engine::vault`, whose
//! plain-Rust rules decide what is written, set aside, merged or held back. This file only moves
//! text in and out of localStorage (through gloo-storage), owns the save timer and the browser's
//! events (hidden, closed, another tab's writes), and mirrors the vault's state into signals.
//!
//! Every change is saved shortly after it is made (debounced, so typing stays fast) and at once
//! when the page is hidden or closed.

use super::PlanStore;
use crate::engine::edit::SettingError;
use crate::engine::library::{plan_key, Catalogue};
use crate::engine::plan::{usable_name, Plan};
pub use crate::engine::vault::Naming;
use crate::engine::vault::{Screen, Shelf, Vault};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

pub use crate::engine::vault::{Conflict, Note, Origin, SafeStart, SetAside, StorageTrouble};

/// How long after the last change a save happens.
const SAVE_DELAY_MS: u64 = 600;

/// Set by the panic hook: after a panic the app's state may be half-changed, so nothing more is
/// saved, and the start marker stays for the next start to find (safe mode).
static CRASHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called by the panic hook (`ui::crash`).
pub fn note_crash() {
    CRASHED.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn crashed() -> bool {
    CRASHED.load(std::sync::atomic::Ordering::Relaxed)
}

/// localStorage as the vault's shelf.
struct Browser;

impl Shelf for Browser {
    fn get(&self, key: &str) -> Result<Option<String>, StorageTrouble> {
        self.reachable().map_err(StorageTrouble::Unavailable)?;
        LocalStorage::raw()
            .get_item(key)
            .map_err(|e| StorageTrouble::Unavailable(js_message(&e)))
    }

    fn set(&mut self, key: &str, text: &str) -> Result<(), StorageTrouble> {
        self.reachable().map_err(StorageTrouble::Unavailable)?;
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

    fn remove(&mut self, key: &str) {
        if self.reachable().is_ok() {
            LocalStorage::delete(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        if self.reachable().is_err() {
            return Vec::new();
        }
        let raw = LocalStorage::raw();
        let count = raw.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| raw.key(i).ok().flatten())
            .collect()
    }

    /// gloo's `LocalStorage::raw()` panics when localStorage may not be used, so this asks first.
    fn reachable(&self) -> Result<(), String> {
        match window().local_storage() {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err("localStorage is not available".into()),
            Err(e) => Err(js_message(&e)),
        }
    }
}

/// The message of a JavaScript error (or whatever was thrown).
pub(crate) fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// One operation on the vault, as [`Library::run`] runs it.
type VaultOperation<'a> = dyn FnOnce(&mut Vault, &mut Browser, &Plan, i64) -> Vec<Screen> + 'a;

#[derive(Clone, Copy)]
pub struct Library {
    store: PlanStore,
    vault: StoredValue<Vault>,
    /// Bumped whenever the vault's state changes, so that the views reading it update.
    version: RwSignal<u64>,
    /// The browser agreed to keep the data when space runs low (`navigator.storage.persist()`).
    persisted: RwSignal<Option<bool>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// Asks whether to leave the plan on screen although storage refused its changes (`true`:
    /// leave). Given by the page (`Library::ask_before_leaving`), in its language.
    leave_anyway: StoredValue<Option<Callback<(), bool>>>,
}

/// What became of a request to show another plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    Done,
    /// The plan on screen has changes storage refused, and the person chose to stay with them.
    Stayed,
    /// The stored data belongs to a newer Pace, which this one must not write.
    Refused,
}

impl Library {
    /// Opens the library and shows the plan that was open last (the one `example` makes on a
    /// first visit or in safe mode; it is not made otherwise).
    pub fn start(store: PlanStore, example: fn() -> Plan) -> Library {
        let (vault, screens) = Vault::start(&mut Browser, example, now());
        let library = Library {
            store,
            vault: StoredValue::new(vault),
            version: RwSignal::new(0),
            persisted: RwSignal::new(None),
            timer: StoredValue::new(None),
            leave_anyway: StoredValue::new(None),
        };
        library.show(screens);
        library.listen();
        library
    }

    /// Runs one vault operation with the plan on screen, then shows what it says to show.
    fn run(&self, operation: impl FnOnce(&mut Vault, &mut Browser, &Plan, i64) -> Vec<Screen>) {
        self.run_boxed(Box::new(operation));
    }

    /// [`Library::run`]'s body, compiled once rather than once per operation.
    fn run_boxed(&self, operation: Box<VaultOperation<'_>>) {
        let current = self.store.whole().get_untracked();
        let mut screens = Vec::new();
        self.vault.update_value(|vault| {
            screens = operation(vault, &mut Browser, &current, now());
        });
        self.show(screens);
    }

    fn show(&self, screens: Vec<Screen>) {
        // A merge shown just before another plan is loaded was already saved: showing it would
        // only mark the newly loaded plan as changed.
        let last_load = screens
            .iter()
            .rposition(|s| matches!(s, Screen::Load { .. }));
        for (i, screen) in screens.into_iter().enumerate() {
            if matches!(screen, Screen::Edit(_)) && last_load.is_some_and(|l| l > i) {
                continue;
            }
            match screen {
                Screen::Load { plan, read_only } => self.store.load(plan, read_only),
                Screen::Refresh { plan, read_only } => self.store.refresh(plan, read_only),
                Screen::Edit(plan) => self.store.replace(plan),
            }
        }
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    /// A view of the vault's state that updates when it changes.
    fn read<T: Send + Sync + 'static>(
        &self,
        get: impl Fn(&Vault) -> T + Send + Sync + 'static,
    ) -> Signal<T> {
        let (vault, version) = (self.vault, self.version);
        Signal::derive(move || {
            version.track();
            vault.with_value(&get)
        })
    }

    /// The page has rendered with the plan this start opened: the start finished.
    pub fn started(&self) {
        if crashed() {
            return;
        }
        self.vault.with_value(|v| v.started(&mut Browser));
    }

    /// Leaves safe mode by opening the saved plan `id` (or the example, with `None`).
    pub fn leave_safe_start(&self, id: Option<&str>, example: Plan) {
        self.run(|v, shelf, current, now| v.leave_safe_start(shelf, id, example, current, now));
        let library = *self;
        request_animation_frame(move || library.started());
    }

    /// The text stored under the plan key of `id`, as it is (readable or not).
    pub fn stored_text(&self, id: &str) -> Option<String> {
        Browser.get(&plan_key(id)).ok().flatten()
    }

    /// Shows a plan that is not saved yet (a shared link's copy); the first change saves it.
    pub fn show_unsaved(&self, plan: Plan, origin: Origin) -> Switch {
        self.switch(|v, shelf, current, now| v.show_unsaved(shelf, plan, origin, current, now))
    }

    /// Saves `plan` as a new plan (titled as `naming` says) and opens it. `Refused` (nothing
    /// changes) while the stored data belongs to a newer Pace, which this one must not write.
    #[must_use]
    pub fn create(&self, plan: Plan, naming: Naming) -> Switch {
        if !self.may_leave() {
            return Switch::Stayed;
        }
        let mut created = false;
        self.run(|v, shelf, current, now| {
            let screens = v.create(shelf, plan, naming, current, now);
            created = screens.is_some();
            screens.unwrap_or_default()
        });
        self.saved();
        if created {
            Switch::Done
        } else {
            Switch::Refused
        }
    }

    /// Opens the saved plan `id`, saving the one on screen first.
    pub fn open(&self, id: &str) -> Switch {
        self.switch(|v, shelf, current, now| v.open(shelf, id, current, now))
    }

    /// Opens the built-in example (not saved until it is changed).
    pub fn open_example(&self, example: Plan) -> Switch {
        self.switch(|v, shelf, current, now| v.open_example(shelf, example, current, now))
    }

    /// Saves a copy of the saved plan `id` and opens it.
    pub fn duplicate(&self, id: &str) -> Switch {
        self.switch(|v, shelf, current, now| v.duplicate(shelf, id, current, now))
    }

    /// Runs `operation`, which shows another plan, once the plan on screen may be left.
    fn switch(
        &self,
        operation: impl FnOnce(&mut Vault, &mut Browser, &Plan, i64) -> Vec<Screen>,
    ) -> Switch {
        if !self.may_leave() {
            return Switch::Stayed;
        }
        self.run(operation);
        Switch::Done
    }

    /// How the page asks whether to leave a plan whose changes storage refused (full, or
    /// another tab's version in the way): without it, such changes are left without a word.
    pub fn ask_before_leaving(&self, ask: Callback<(), bool>) {
        self.leave_anyway.set_value(Some(ask));
    }

    /// Whether the plan on screen may be left for another: its changes are saved (tried once
    /// more now), or storage refuses them and the person chose to leave them (a tester's
    /// figures, typed while storage was full, were gone once another plan was opened).
    fn may_leave(&self) -> bool {
        self.flush();
        !self.vault.with_value(Vault::changes_held_back)
            || self.leave_anyway.get_value().is_none_or(|ask| ask.run(()))
    }

    /// Renames the saved plan `id` (the plan's own title, which the list shows). A blank title
    /// is refused (`SettingError::NameBlank`) and the title stays.
    pub fn rename(&self, id: &str, title: &str) -> Result<(), SettingError> {
        let title = usable_name(title).ok_or(SettingError::NameBlank)?;
        if self.open_id().as_deref() == Some(id) {
            // Usable, so not refused.
            self.store.edit(None, |p| {
                let _ = p.set_title(title);
            });
            self.flush();
            return Ok(());
        }
        self.run(|v, shelf, _, _| {
            v.rename_stored(shelf, id, title);
            Vec::new()
        });
        Ok(())
    }

    /// Deletes the saved plan `id`; `undo_delete` brings it back until the next deletion.
    pub fn delete(&self, id: &str, example: Plan) {
        self.run(|v, shelf, current, now| v.delete(shelf, id, example, current, now));
    }

    /// Brings back the last deleted plan and opens it.
    pub fn undo_delete(&self) {
        self.run(|v, shelf, current, now| v.undo_delete(shelf, current, now));
    }

    /// The id of the saved plan on screen, if it is one.
    pub fn open_id(&self) -> Option<String> {
        self.vault.with_value(|v| v.open_id().map(str::to_string))
    }

    /// A change was made: save soon.
    fn changed(&self) {
        self.vault.update_value(Vault::changed);
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
        if crashed() {
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        if !self.vault.with_value(Vault::is_dirty) {
            return;
        }
        measure_save_start();
        self.run(|v, shelf, current, now| v.flush(shelf, current, now));
        measure_save_end();
        self.saved();
    }

    /// Commits the entry being typed (as leaving its cell would) and saves at once. An input
    /// that commits on `change` edits the plan during the blur; the autosave hears of that
    /// edit only later, so it is marked here.
    fn commit_and_flush(&self) {
        if crashed() {
            return;
        }
        let before = self.store.revision().get_untracked();
        commit_active_entry();
        if self.store.revision().get_untracked() != before {
            self.vault.update_value(Vault::changed);
        }
        self.flush();
    }

    /// After a write: ask once for persistent storage.
    fn saved(&self) {
        if self
            .vault
            .with_value(|v| !v.is_dirty() && v.open_id().is_some())
        {
            self.ask_to_persist();
        }
    }

    /// Notes that the open plan was exported just now.
    pub fn exported(&self) {
        self.run(|v, shelf, current, now| v.exported(shelf, current, now));
    }

    /// Resolves a conflict with another tab by taking the version it saved.
    pub fn take_theirs(&self, example: Plan) {
        self.run(|v, shelf, _, _| v.take_theirs(shelf, example));
    }

    /// Resolves a conflict with another tab by saving this tab's version as a new plan.
    pub fn keep_mine_as_new(&self) {
        self.run(|v, shelf, current, now| v.keep_mine_as_new(shelf, current, now));
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
                persisted.try_set(Some(granted.as_bool() == Some(true)));
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
                    library.commit_and_flush();
                }
            },
        );
        let flush_on_leave = window_event_listener(
            leptos::ev::Custom::<web_sys::Event>::new("pagehide"),
            move |_| {
                library.commit_and_flush();
                // A start that is left before its first frame (a tab opened in the background
                // and closed unseen) did finish: no safe mode next time.
                library.started();
            },
        );
        // Leaving with changes that cannot be saved (a conflict with another tab, storage full
        // or unavailable): the browser asks the person first.
        let warn_before_leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if crashed() {
                return; // the crash screen offers the reload and the export
            }
            library.commit_and_flush();
            let unsaved = library.vault.with_value(|v| v.is_dirty() && !v.read_only);
            if unsaved {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        let follow_other_tabs = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else {
                return;
            };
            let new_value = ev.new_value();
            library
                .run(|v, shelf, current, now| v.on_storage(shelf, &key, new_value, current, now));
        });
        on_cleanup(move || {
            flush_when_hidden.remove();
            flush_on_leave.remove();
            warn_before_leaving.remove();
            follow_other_tabs.remove();
        });
    }

    pub fn catalogue(&self) -> Signal<Catalogue> {
        self.read(|v| v.catalogue.clone())
    }
    pub fn origin(&self) -> Signal<Origin> {
        self.read(|v| v.origin.clone())
    }
    /// `Vault::changes_held_back`.
    pub fn changes_held_back(&self) -> Signal<bool> {
        self.read(Vault::changes_held_back)
    }
    pub fn trouble(&self) -> Signal<Option<StorageTrouble>> {
        self.read(|v| v.trouble.clone())
    }
    pub fn newer_layout(&self) -> Signal<bool> {
        self.read(|v| v.newer_layout)
    }
    pub fn set_aside(&self) -> Signal<Vec<SetAside>> {
        self.read(|v| v.set_aside.clone())
    }
    /// Stops offering a set-aside text (it stays in storage wherever it was).
    pub fn dismiss_set_aside(&self, key: &str) {
        self.run(|v, shelf, _, _| {
            v.dismiss_set_aside(shelf, key);
            Vec::new()
        });
    }
    /// Whether storage has anything to say: a trouble, data of a newer Pace, another tab's change,
    /// a text set aside, a deletion to undo or a note (the banners of `ui::storage_notices`).
    pub fn has_notices(&self) -> Signal<bool> {
        self.read(|v| {
            v.trouble.is_some()
                || v.newer_layout
                || v.conflict.is_some()
                || !v.set_aside.is_empty()
                || v.deleted.is_some()
                || v.note.is_some()
        })
    }
    pub fn conflict(&self) -> Signal<Option<Conflict>> {
        self.read(|v| v.conflict.clone())
    }
    pub fn deleted(&self) -> Signal<Option<String>> {
        self.read(|v| v.deleted.clone())
    }
    pub fn dismiss_deleted(&self) {
        self.run(|v, _, _, _| {
            v.deleted = None;
            Vec::new()
        });
    }
    /// Whether the last deletion can only be undone while this page stays open (storage had no
    /// room for the undo copy).
    pub fn undo_only_in_memory(&self) -> bool {
        self.vault.with_value(Vault::undo_only_in_memory)
    }
    pub fn persisted(&self) -> Signal<Option<bool>> {
        self.persisted.into()
    }
    pub fn note(&self) -> Signal<Option<Note>> {
        self.read(|v| v.note)
    }
    pub fn dismiss_note(&self) {
        self.run(|v, _, _, _| {
            v.note = None;
            Vec::new()
        });
    }
    /// Safe mode's state: `Some` while this start is in safe mode.
    pub fn safe_start(&self) -> Signal<Option<SafeStart>> {
        self.read(|v| v.safe_start.clone())
    }

    /// The library provided by the app root.
    pub fn expect() -> Library {
        expect_context::<Library>()
    }
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
