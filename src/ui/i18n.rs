//! Chinese by default, English on request. Each label is written where it is used, in both
//! languages, so that a reader sees at once what a view says.

use crate::engine::format;
use crate::engine::library::LANG_KEY;
use crate::engine::plan::{Plan, DEFAULT_TOTAL_NAME};
use crate::store::preference;
use leptos::prelude::*;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// The current language, provided by the app root.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

impl Language {
    /// The language last chosen on this browser (Chinese when none was, or storage is out of
    /// reach).
    pub fn remembered() -> Language {
        let lang = match preference::remembered(LANG_KEY).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        };
        Language(RwSignal::new(lang))
    }

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

    /// Month k by itself (reactive): `7月`, `Jul`.
    pub fn month(&self, k: u32) -> String {
        month_name(k, self.get())
    }

    /// The year to date up to month m (reactive): `1-7月`, `Jan–Jul`.
    pub fn period(&self, m: u32) -> String {
        match self.get() {
            Lang::Zh => crate::engine::format::zh_period(m),
            Lang::En if m == 1 => month_name(1, Lang::En),
            Lang::En => format!("Jan–{}", month_name(m, Lang::En)),
        }
    }

    /// The colon after a label (reactive): `：` or `: `.
    pub fn colon(&self) -> &'static str {
        self.tr("：", ": ")
    }

    /// The comma between clauses (reactive): `，` or `, `.
    pub fn comma(&self) -> &'static str {
        self.tr("，", ", ")
    }

    /// `text` in brackets after what it explains (reactive): `（…）` or ` (…)`.
    pub fn aside(&self, text: &str) -> String {
        match self.get() {
            Lang::Zh => format!("（{text}）"),
            Lang::En => format!(" ({text})"),
        }
    }

    /// A count of units with its share of the units counted (reactive): `3个，占13.04%`,
    /// `3 (13.04%)`; without a share, `3个` or `3`.
    pub fn count_with_share(&self, count: usize, share: Option<Decimal>) -> String {
        match (self.get(), share) {
            // The reports' own idiom, which the engine's prose shares.
            (Lang::Zh, _) => format::count_with_share(count, share),
            (Lang::En, Some(_)) => format!("{count} ({})", format::percent(share)),
            (Lang::En, None) => count.to_string(),
        }
    }

    /// [`Language::count_with_share`] when the share's base is not every unit shown: `of` is
    /// how many units have the target (SPEC §3's counts are over those). Found by a tester: 全部单位
    /// (5个) above 2个，占50.00% left the clerk guessing that the base was 4.
    pub fn count_with_share_of(
        &self,
        count: usize,
        share: Option<Decimal>,
        of: Option<usize>,
    ) -> String {
        match (self.get(), share, of) {
            (Lang::Zh, Some(_), Some(of)) => {
                format!(
                    "{count}个，占设有该目标的{of}个单位的{}",
                    format::percent(share)
                )
            }
            (Lang::En, Some(_), Some(of)) => format!(
                "{count} ({} of the {of} with this target)",
                format::percent(share)
            ),
            _ => self.count_with_share(count, share),
        }
    }

    pub fn get_untracked(&self) -> Lang {
        self.0.get_untracked()
    }

    /// Switches the language and remembers the choice (a failed write only means it is not
    /// remembered).
    pub fn toggle(&self) {
        self.0.update(|l| {
            *l = match l {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }
        });
        let stored = match self.0.get_untracked() {
            Lang::En => Some("en"),
            Lang::Zh => None,
        };
        preference::remember(LANG_KEY, stored);
    }
}

/// `n` of a countable English noun: `1 unit`, `3 units`.
/// The months still to come as English heads a need with them: `December` when it is the only
/// one (not "each of the next 1 months"), `each of the next 5 months` (`Each` at the start of
/// a label).
pub fn english_months_left(months_left: u32, label: bool) -> String {
    let each = if label { "Each" } else { "each" };
    match months_left {
        1 => "December".to_string(),
        n => format!("{each} of the next {n} months"),
    }
}

pub fn english_count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Month k's name: `7月`, `Jul` (a number outside 1–12 as it is).
pub fn month_name(k: u32, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{k}月"),
        Lang::En => k
            .checked_sub(1)
            .and_then(|i| EN.get(i as usize))
            .map_or_else(|| k.to_string(), |m| (*m).to_string()),
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
