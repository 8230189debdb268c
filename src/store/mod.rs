//! The root state: one plan signal owned at the top of the app, the plan on screen (the plan
//! itself, or the plan as it was at a closed month being looked back at), the report derived
//! from it as a memo, and the undo steps. Views read through this handle and change the plan
//! only through `edit`, so that every change can be undone.

use crate::engine::closed_months::{keep_revised_targets, plan_at, previous_month, write_back};
use crate::engine::compare::LastMonth;
use crate::engine::plan::{Plan, Settings, Tier};
use crate::engine::report::Report;
use crate::engine::undo::{EditKey, UndoStack};
use leptos::prelude::*;

/// How many undo steps are kept.
const UNDO_LIMIT: usize = 200;

#[derive(Clone, Copy)]
pub struct PlanStore {
    /// The whole plan: what is saved, exported and edited.
    whole: RwSignal<Plan>,
    /// The closed month being looked at (read-only), if any (SPEC §8).
    looking_back: RwSignal<Option<u32>>,
    /// The closed month looked at may be edited ("修改已结月份", confirmed by the person).
    editing_closed: RwSignal<bool>,
    /// What the page shows: `whole`, or the plan as it was at `looking_back`.
    plan: Memo<Plan>,
    report: Memo<Report>,
    /// The month the figures on screen are compared with (比上月), if any.
    last_month: Memo<Option<LastMonth>>,
    settings: Memo<Settings>,
    tiers: Memo<Vec<Tier>>,
    metric_names: Memo<Vec<String>>,
    unit_names: Memo<Vec<String>>,
    steps: StoredValue<UndoStack<Plan>>,
    /// Bumped whenever the undo steps change, so that undo/redo buttons update.
    undo_version: RwSignal<u64>,
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
        let whole = RwSignal::new(plan);
        let looking_back = RwSignal::new(None::<u32>);
        let plan = Memo::new(move |_| {
            let back = looking_back.get();
            whole.with(|p| {
                back.and_then(|month| plan_at(p, month))
                    .unwrap_or_else(|| p.clone())
            })
        });
        // The plan as it was at the month compared with: a memo of its own, so that the month's
        // report is worked out again only when that plan changes (a target revised, a unit
        // renamed), not at every figure typed for this month.
        let then = Memo::new(move |_| {
            plan.with(|p| {
                let month = previous_month(p)?;
                Some((plan_at(p, month)?, p.month))
            })
        });
        let last_month = Memo::new(move |_| {
            then.with(|t| {
                t.as_ref()
                    .map(|(then, now)| LastMonth::new(then.clone(), *now))
            })
        });
        PlanStore {
            whole,
            looking_back,
            editing_closed: RwSignal::new(false),
            last_month,
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
            steps: StoredValue::new(UndoStack::new(UNDO_LIMIT)),
            undo_version: RwSignal::new(0),
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

    /// The plan on screen: the plan, or the plan as it was at the closed month looked at.
    pub fn plan(&self) -> Memo<Plan> {
        self.plan
    }

    /// The whole plan, whichever month is on screen: what is saved, exported and shared.
    pub fn whole(&self) -> ReadSignal<Plan> {
        self.whole.read_only()
    }

    /// The closed month on screen, if one is being looked back at.
    pub fn looking_back(&self) -> ReadSignal<Option<u32>> {
        self.looking_back.read_only()
    }

    /// Shows the closed `month` as it was, read-only; `None` (or a month not closed) shows the
    /// plan again.
    pub fn look_back(&self, month: Option<u32>) {
        let closed = month.filter(|&m| {
            self.whole
                .with_untracked(|p| p.history.iter().any(|c| c.month == m))
        });
        self.editing_closed.set(false);
        self.looking_back.set(closed);
    }

    /// Lets the closed month looked at be edited (or no longer): each edit is written back into
    /// that month (`closed_months::write_back`), one undo step as any other.
    pub fn edit_closed(&self, on: bool) {
        self.editing_closed
            .set(on && self.looking_back.with_untracked(Option::is_some));
    }

    /// Whether the closed month looked at is being edited.
    pub fn editing_closed(&self) -> ReadSignal<bool> {
        self.editing_closed.read_only()
    }

    pub fn report(&self) -> Memo<Report> {
        self.report
    }

    /// The month compared with (比上月, SPEC §8), if the plan on screen has one.
    pub fn last_month(&self) -> Memo<Option<LastMonth>> {
        self.last_month
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

    /// Whether the page may not change what it shows: data saved by a newer Pace, or a closed
    /// month being looked at.
    pub fn read_only(&self) -> Signal<bool> {
        let (read_only, looking_back, editing) =
            (self.read_only, self.looking_back, self.editing_closed);
        Signal::derive(move || {
            read_only.get() || (looking_back.with(Option::is_some) && !editing.get())
        })
    }

    /// Whether the plan's own parts — its units, their names and groups, its settings and
    /// scenarios — may not be changed: read-only, or a closed month on screen (whose figures
    /// alone can be edited, after 修改已结月份).
    pub fn plan_locked(&self) -> Signal<bool> {
        let (read_only, looking_back) = (self.read_only, self.looking_back);
        Signal::derive(move || read_only.get() || looking_back.with(Option::is_some))
    }

    fn locked(&self) -> bool {
        self.read_only.get_untracked()
            || (self.looking_back.with_untracked(Option::is_some)
                && !self.editing_closed.get_untracked())
    }

    /// Shows `plan` as a fresh start: not an edit, so nothing to undo and nothing to save.
    /// Inputs created for the plan shown before no longer edit (see `generation`).
    pub fn load(&self, plan: Plan, read_only: bool) {
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.looking_back.set(None);
        self.editing_closed.set(false);
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
        self.steps.update_value(|h| *h = UndoStack::new(UNDO_LIMIT));
        self.undo_version.update(|v| *v += 1);
        self.read_only.set(read_only);
        // A closed month looked at stays on screen while the plan still has it.
        let back = self.looking_back.get_untracked();
        if back.is_some_and(|m| !plan.history.iter().any(|c| c.month == m)) {
            self.look_back(None);
        }
        self.whole.set(plan);
    }

    /// Replaces the plan on screen as one undo step (a merge with another tab's changes).
    pub fn replace(&self, plan: Plan) {
        self.edit(None, move |p| *p = plan);
    }

    /// Changes the plan as one undo step. Edits with the same `key` in a row (the keystrokes
    /// typed into one cell) are one step until `seal` is called.
    pub fn edit(&self, key: Option<EditKey>, change: impl FnOnce(&mut Plan)) {
        self.edit_with(key, Box::new(change));
    }

    /// [`PlanStore::edit`]'s body, once in the wasm rather than once per kind of change.
    fn edit_with(&self, key: Option<EditKey>, change: Box<dyn FnOnce(&mut Plan) + '_>) {
        if self.locked() {
            return;
        }
        let before = self.whole.get_untracked();
        let mut changed = false;
        let back = self.looking_back.get_untracked();
        self.whole.maybe_update(|plan| {
            match back {
                // A closed month being edited: the change is made to the month as it was, and
                // written back into it.
                Some(month) => {
                    if let Some(mut then) = plan_at(plan, month) {
                        change(&mut then);
                        write_back(plan, month, &then);
                    }
                }
                None => {
                    change(plan);
                    // A target revised after a month was closed stays as it was in that month.
                    keep_revised_targets(&before, plan);
                }
            }
            changed = *plan != before;
            changed
        });
        if changed {
            self.steps.update_value(|h| {
                h.record(before, key);
            });
            self.undo_version.update(|v| *v += 1);
            self.revision.update(|v| *v += 1);
        }
    }

    /// Ends a coalesced edit (a cell was committed).
    pub fn seal(&self) {
        self.steps.update_value(UndoStack::seal);
    }

    pub fn undo(&self) {
        self.step(|h, current| h.undo(current));
    }

    pub fn redo(&self) {
        self.step(|h, current| h.redo(current));
    }

    fn step(&self, go: impl FnOnce(&mut UndoStack<Plan>, Plan) -> Option<Plan>) {
        if self.locked() {
            return;
        }
        let current = self.whole.get_untracked();
        let moved = self.steps.try_update_value(|h| go(h, current)).flatten();
        if let Some(plan) = moved {
            // An undone close takes the closed month looked at away: the page shows the plan.
            let back = self.looking_back.get_untracked();
            if back.is_some_and(|m| !plan.history.iter().any(|c| c.month == m)) {
                self.look_back(None);
            }
            self.whole.set(plan);
            self.undo_version.update(|v| *v += 1);
            self.revision.update(|v| *v += 1);
        }
    }

    pub fn can_undo(&self) -> Signal<bool> {
        let (steps, version) = (self.steps, self.undo_version);
        Signal::derive(move || {
            version.track();
            steps.with_value(UndoStack::can_undo)
        })
    }

    pub fn can_redo(&self) -> Signal<bool> {
        let (steps, version) = (self.steps, self.undo_version);
        Signal::derive(move || {
            version.track();
            steps.with_value(UndoStack::can_redo)
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

pub mod preference;
pub mod saved;
pub mod view;
