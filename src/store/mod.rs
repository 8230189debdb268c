//! The root state: one plan signal owned at the top of the app, the report derived from it as a
//! memo, and the undo history. Views read through this handle and change the plan only through
//! `edit`, so that every change can be undone.

use crate::engine::history::{EditKey, History};
use crate::engine::plan::{Plan, Settings, Tier};
use crate::engine::report::Report;
use leptos::prelude::*;

/// How many undo steps are kept.
const UNDO_LIMIT: usize = 200;

#[derive(Clone, Copy)]
pub struct PlanStore {
    plan: RwSignal<Plan>,
    report: Memo<Report>,
    settings: Memo<Settings>,
    tiers: Memo<Vec<Tier>>,
    metric_names: Memo<Vec<String>>,
    unit_names: Memo<Vec<String>>,
    history: StoredValue<History<Plan>>,
    /// Bumped whenever the history changes, so that undo/redo buttons update.
    history_version: RwSignal<u64>,
    /// Bumped by every change the person makes (edits, undo, redo), not by loading a plan:
    /// what autosave listens to.
    revision: RwSignal<u64>,
    /// The plan on screen may be looked at but not changed (data saved by a newer Pace).
    read_only: RwSignal<bool>,
    /// Bumped each time another plan is loaded: an input created for an earlier plan (whose
    /// late blur or change event arrives while it is being removed) must not edit this one.
    generation: StoredValue<u64>,
    /// Counts the plans loaded, for what starts afresh with another plan (the view's choices).
    loads: RwSignal<u64>,
}

impl PlanStore {
    pub fn new(plan: Plan) -> PlanStore {
        let plan = RwSignal::new(plan);
        PlanStore {
            plan,
            // Each report is brought up to date from the last: only changed units are re-evaluated.
            report: Memo::new(move |previous: Option<&Report>| {
                plan.with(|p| Report::update(p, previous))
            }),
            settings: Memo::new(move |_| plan.with(|p| p.settings.clone())),
            tiers: Memo::new(move |_| plan.with(|p| p.tiers.clone())),
            metric_names: Memo::new(move |_| {
                plan.with(|p| p.metrics.iter().map(|m| m.name.clone()).collect())
            }),
            unit_names: Memo::new(move |_| {
                plan.with(|p| p.units.iter().map(|u| u.name.clone()).collect())
            }),
            history: StoredValue::new(History::new(UNDO_LIMIT)),
            history_version: RwSignal::new(0),
            revision: RwSignal::new(0),
            read_only: RwSignal::new(false),
            generation: StoredValue::new(0),
            loads: RwSignal::new(0),
        }
    }

    /// Which loaded plan is on screen (see `generation`); read it when an input is created.
    pub fn generation(&self) -> u64 {
        self.generation.try_get_value().unwrap_or_default()
    }

    /// Whether the plan an input was created for (its `generation`) is still the one on screen.
    pub fn is_current(&self, generation: u64) -> bool {
        self.generation.try_get_value() == Some(generation)
    }

    /// The store provided by the app root.
    pub fn expect() -> PlanStore {
        expect_context::<PlanStore>()
    }

    pub fn plan(&self) -> ReadSignal<Plan> {
        self.plan.read_only()
    }

    pub fn report(&self) -> Memo<Report> {
        self.report
    }

    /// The plan's settings, changing only when they do (not on every value typed).
    pub fn settings(&self) -> Memo<Settings> {
        self.settings
    }

    /// The target tiers, changing only when they do.
    pub fn tiers(&self) -> Memo<Vec<Tier>> {
        self.tiers
    }

    /// The metrics' names, changing only when they do.
    pub fn metric_names(&self) -> Memo<Vec<String>> {
        self.metric_names
    }

    /// The units' names in plan order, changing only when a unit is renamed, added or removed.
    pub fn unit_names(&self) -> Memo<Vec<String>> {
        self.unit_names
    }

    /// Changes made by the person so far (see `revision`).
    pub fn revision(&self) -> ReadSignal<u64> {
        self.revision.read_only()
    }

    pub fn read_only(&self) -> Signal<bool> {
        self.read_only.into()
    }

    /// Shows `plan` as a fresh start: not an edit, so nothing to undo and nothing to save.
    /// Inputs created for the plan shown before no longer edit (see `generation`).
    pub fn load(&self, plan: Plan, read_only: bool) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.refresh(plan, read_only);
        self.loads.update(|n| *n = n.wrapping_add(1));
    }

    /// Changes each time another plan is loaded (reactive).
    pub fn loads(&self) -> ReadSignal<u64> {
        self.loads.read_only()
    }

    /// Shows a newer version of the same plan (saved by another tab) as a fresh start; the
    /// inputs on screen stay valid for it unless its units moved (they edit by position).
    pub fn refresh(&self, plan: Plan, read_only: bool) {
        self.history.update_value(|h| *h = History::new(UNDO_LIMIT));
        self.history_version.update(|v| *v += 1);
        self.read_only.set(read_only);
        self.plan.set(plan);
    }

    /// Replaces the plan on screen as one undo step (a merge with another tab's changes).
    pub fn replace(&self, plan: Plan) {
        self.edit(None, move |p| *p = plan);
    }

    /// Changes the plan as one undo step. Edits with the same `key` in a row (the keystrokes
    /// typed into one cell) are one step until `seal` is called.
    pub fn edit(&self, key: Option<EditKey>, change: impl FnOnce(&mut Plan)) {
        if self.read_only.get_untracked() {
            return;
        }
        let before = self.plan.get_untracked();
        let mut changed = false;
        self.plan.maybe_update(|plan| {
            change(plan);
            changed = *plan != before;
            changed
        });
        if changed {
            self.history.update_value(|h| {
                h.record(before, key);
            });
            self.history_version.update(|v| *v += 1);
            self.revision.update(|v| *v += 1);
        }
    }

    /// Ends a coalesced edit (a cell was committed).
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    pub fn undo(&self) {
        self.step(|h, current| h.undo(current));
    }

    pub fn redo(&self) {
        self.step(|h, current| h.redo(current));
    }

    fn step(&self, go: impl FnOnce(&mut History<Plan>, Plan) -> Option<Plan>) {
        if self.read_only.get_untracked() {
            return;
        }
        let current = self.plan.get_untracked();
        let moved = self.history.try_update_value(|h| go(h, current)).flatten();
        if let Some(plan) = moved {
            self.plan.set(plan);
            self.history_version.update(|v| *v += 1);
            self.revision.update(|v| *v += 1);
        }
    }

    pub fn can_undo(&self) -> Signal<bool> {
        let (history, version) = (self.history, self.history_version);
        Signal::derive(move || {
            version.track();
            history.with_value(History::can_undo)
        })
    }

    pub fn can_redo(&self) -> Signal<bool> {
        let (history, version) = (self.history, self.history_version);
        Signal::derive(move || {
            version.track();
            history.with_value(History::can_redo)
        })
    }

    /// Sets the data month m (1–12; other values are ignored), with the title's month when it
    /// named the old one (`Plan::set_data_month`): one undo step.
    pub fn set_month(&self, month: u32) {
        if (1..=12).contains(&month) {
            self.edit(None, |plan| plan.set_data_month(month));
        }
    }
}

pub mod saved;
pub mod view;
