//! The root state: one plan signal owned at the top of the app, and the report derived from it
//! as a memo. Views read through this handle and change the plan only through its methods.

use crate::engine::plan::Plan;
use crate::engine::report::Report;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct PlanStore {
    plan: RwSignal<Plan>,
    report: Memo<Report>,
    /// The plan on screen is the built-in example rather than the user's own.
    is_example: RwSignal<bool>,
}

impl PlanStore {
    pub fn new(plan: Plan, is_example: bool) -> PlanStore {
        let plan = RwSignal::new(plan);
        PlanStore {
            plan,
            report: Memo::new(move |_| plan.with(Report::new)),
            is_example: RwSignal::new(is_example),
        }
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

    pub fn is_example(&self) -> Signal<bool> {
        self.is_example.into()
    }

    /// Sets the data month m (1–12); other values are ignored.
    pub fn set_month(&self, month: u32) {
        if (1..=12).contains(&month) {
            self.plan.update(|plan| plan.month = month);
        }
    }
}
