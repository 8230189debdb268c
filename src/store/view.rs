//! What the person is looking at: the tab, the table's sort, group filter and rank basis. Kept
//! apart from the plan: none of it is data, none of it is undone.

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
    /// 计划设置.
    Settings,
}

#[derive(Clone, Copy)]
pub struct ViewState {
    pub tab: RwSignal<Tab>,
    pub sort: RwSignal<(SortKey, Direction)>,
    /// Show only this group's units (`None`: all).
    pub group: RwSignal<Option<String>>,
    pub rank_basis: RwSignal<RankBasis>,
}

impl ViewState {
    pub fn new(tab: Tab) -> ViewState {
        ViewState {
            tab: RwSignal::new(tab),
            sort: RwSignal::new((SortKey::Plan, Direction::Ascending)),
            group: RwSignal::new(None),
            rank_basis: RwSignal::new(RankBasis::Completion(0)),
        }
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
