//! What the user chooses about the 讲评稿 (issue 11): saved with the plan's settings as the
//! optional key `settings.briefing` of interchange version 1, omitted at its default
//! (docs/briefing.md).

use std::collections::BTreeSet;

/// The briefing's options. `Default` is what a plan without the key has: no rounding up, the
/// carry-over note included, no unit or group paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefingOptions {
    /// Round the required monthly amount (后n个月每月需) up to a whole hundred 万 in prose
    /// (2636 → `至少每月平均到帐2700万美元`, as the speech does). Amounts only, never counts.
    /// JSON `roundUpToHundred`, default false.
    pub round_up_to_hundred: bool,
    /// Say how the carry-over (上年结余) stands to the pace: `（不含上年结余1200万美元）`.
    /// JSON `carryoverNote`, default true.
    pub carryover_note: bool,
    /// Ids of the units that get a paragraph of their own. Ids the plan does not have (a unit
    /// deleted later) are kept and ignored, like SPEC §8's history. JSON `units`, default none.
    pub units: BTreeSet<String>,
    /// Names of the groups whose subtotal and counts get a paragraph; names no unit has any
    /// more are kept and ignored. JSON `groups`, default none.
    pub groups: BTreeSet<String>,
    /// Read out the data month's 文字说明 (docs/notes.md) after the counts. JSON `notes`,
    /// default false.
    pub notes: bool,
}

impl Default for BriefingOptions {
    fn default() -> Self {
        BriefingOptions {
            round_up_to_hundred: false,
            carryover_note: true,
            units: BTreeSet::new(),
            groups: BTreeSet::new(),
            notes: false,
        }
    }
}

impl BriefingOptions {
    /// Whether these are the defaults (the export then leaves the key out).
    pub fn is_default(&self) -> bool {
        *self == BriefingOptions::default()
    }

    /// Ticks (`on`) or unticks the unit with id `id`.
    pub fn tick_unit(&mut self, id: &str, on: bool) {
        tick(&mut self.units, id, on);
    }

    /// Ticks (`on`) or unticks the group named `name`.
    pub fn tick_group(&mut self, name: &str, on: bool) {
        tick(&mut self.groups, name, on);
    }
}

fn tick(set: &mut BTreeSet<String>, key: &str, on: bool) {
    if on {
        set.insert(key.to_string());
    } else {
        set.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticking_and_unticking_returns_to_the_default() {
        let mut options = BriefingOptions::default();
        assert!(options.is_default());
        options.tick_unit("devzone", true);
        options.tick_group("乡镇", true);
        assert!(!options.is_default());
        options.tick_unit("devzone", false);
        options.tick_group("乡镇", false);
        assert!(options.is_default());
    }
}
