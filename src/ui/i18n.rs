//! Chinese by default, English on request. Each label is written where it is used, in both
//! languages, so that a reader sees at once what a view says.

use crate::engine::plan::{Plan, DEFAULT_TOTAL_NAME};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// The current language, provided by the app root.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

impl Language {
    pub fn expect() -> Language {
        expect_context::<Language>()
    }

    pub fn get(&self) -> Lang {
        self.0.get()
    }

    /// Picks the label for the current language (reactive).
    pub fn tr(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.0.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What the page calls the whole (reactive): see [`total_name`].
    pub fn total_name(&self, plan: &Plan) -> String {
        total_name(plan, self.get())
    }

    pub fn get_untracked(&self) -> Lang {
        self.0.get_untracked()
    }

    pub fn toggle(&self) {
        self.0.update(|l| {
            *l = match l {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }
        });
    }
}

/// What the page calls the whole: the total unit's own name (全市, 全县, 全区 …) in either
/// language, as the plan spells it; without a total, 全市 or "Total".
pub fn total_name(plan: &Plan, lang: Lang) -> String {
    match (plan.total_name(), lang) {
        (Some(name), _) => name.to_string(),
        (None, Lang::Zh) => DEFAULT_TOTAL_NAME.to_string(),
        (None, Lang::En) => "Total".to_string(),
    }
}
