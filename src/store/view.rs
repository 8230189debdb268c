//! What the person is looking at: the tab, the table's sort, group filter and rank basis, and
//! its optional columns (remembered on this browser, for every plan). Kept apart from the plan:
//! none of it is data, none of it is undone.

use super::preference;
use crate::engine::library::TABLE_COLUMNS_KEY;
use crate::engine::plan::Plan;
use crate::engine::schedule::catch_up_month;
use crate::engine::table::{Direction, RankBasis, SortKey};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// 通报表: the results table.
    Results,
    /// 录入: the entry grid.
    Entry,
    /// 假设分析: scenarios, inverse questions, charts.
    WhatIf,
    /// 讲评稿: the text to read out.
    Briefing,
    /// 计划设置.
    Settings,
}

const DEFAULT_SORT: (SortKey, Direction) = (SortKey::Plan, Direction::Ascending);
const DEFAULT_RANK_BASIS: RankBasis = RankBasis::Completion(0);

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

#[derive(Clone, Copy)]
pub struct ViewState {
    pub tab: RwSignal<Tab>,
    pub sort: RwSignal<(SortKey, Direction)>,
    /// Show only this group's units (`None`: all).
    pub group: RwSignal<Option<String>>,
    pub rank_basis: RwSignal<RankBasis>,
    /// 假设分析's month K (赶上序时的月份).
    pub catch_up: RwSignal<u32>,
    /// The 通报表 shows each unit's 后n个月每月需 per tier (off by default: the table then fits a
    /// 1366 px screen).
    pub need_columns: RwSignal<bool>,
    /// The 通报表 shows 当月 and each tier's 比上月, when there is a closed month to compare
    /// with (off by default, like the needs).
    pub compare_columns: RwSignal<bool>,
}

impl ViewState {
    pub fn new(tab: Tab, plan: &Plan) -> ViewState {
        let shown = preference::remembered(TABLE_COLUMNS_KEY).unwrap_or_default();
        ViewState {
            tab: RwSignal::new(tab),
            sort: RwSignal::new(DEFAULT_SORT),
            group: RwSignal::new(None),
            rank_basis: RwSignal::new(DEFAULT_RANK_BASIS),
            catch_up: RwSignal::new(catch_up_month(plan.month, None)),
            need_columns: RwSignal::new(shown.contains("need")),
            compare_columns: RwSignal::new(shown.contains("compare")),
        }
    }

    /// Shows or hides the 通报表's 后n个月每月需 columns; remembered on this browser, as the
    /// 当月 and 比上月 columns are (a tester's next month printed without them: the tick had
    /// gone with the reload).
    pub fn show_need_columns(&self, on: bool) {
        self.need_columns.set(on);
        self.remember_columns();
    }

    /// Shows or hides the 当月 and 比上月 columns (see [`ViewState::show_need_columns`]).
    pub fn show_compare_columns(&self, on: bool) {
        self.compare_columns.set(on);
        self.remember_columns();
    }

    fn remember_columns(&self) {
        let shown: Vec<&str> = [
            (self.need_columns.get_untracked(), "need"),
            (self.compare_columns.get_untracked(), "compare"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect();
        let words = shown.join(" ");
        preference::remember(
            TABLE_COLUMNS_KEY,
            (!words.is_empty()).then_some(words.as_str()),
        );
    }

    /// Another plan is on screen: the choices made for the last one start afresh (the tab stays).
    pub fn reset(&self, plan: &Plan) {
        set_if_changed(self.sort, DEFAULT_SORT);
        set_if_changed(self.group, None);
        set_if_changed(self.rank_basis, DEFAULT_RANK_BASIS);
        set_if_changed(self.catch_up, catch_up_month(plan.month, None));
    }

    /// The plan changed (its data month, a metric, tier or group removed): each choice that no
    /// longer fits goes back to its default, so the table never filters by a group that is gone
    /// nor sorts by a column that is not there.
    pub fn fit(&self, plan: &Plan) {
        if !self.sort.with_untracked(|(key, _)| key.fits(plan)) {
            set_if_changed(self.sort, DEFAULT_SORT);
        }
        let group_gone = self
            .group
            .with_untracked(|g| g.as_ref().is_some_and(|g| !plan.groups().contains(g)));
        if group_gone {
            self.group.set(None);
        }
        if !self.rank_basis.get_untracked().fits(plan) {
            set_if_changed(self.rank_basis, DEFAULT_RANK_BASIS);
        }
        let k = catch_up_month(plan.month, Some(self.catch_up.get_untracked()));
        set_if_changed(self.catch_up, k);
    }

    pub fn expect() -> ViewState {
        expect_context::<ViewState>()
    }

    /// Sorts by `key`: a first click sorts numbers highest first (names A→Z), a second click on
    /// the same column reverses.
    pub fn sort_by(&self, key: SortKey) {
        self.sort.update(|(current, direction)| {
            if *current == key {
                *direction = match direction {
                    Direction::Ascending => Direction::Descending,
                    Direction::Descending => Direction::Ascending,
                };
            } else {
                *current = key;
                *direction = match key {
                    SortKey::Plan | SortKey::Name => Direction::Ascending,
                    _ => Direction::Descending,
                };
            }
        });
    }
}
