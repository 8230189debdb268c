//! Chinese by default, English on request. Each label is written where it is used, in both
//! languages, so that a reader sees at once what a view says.

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
