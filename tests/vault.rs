//! The rules that protect saved plans (engine::vault), case by case, on a shelf in memory: what
//! a start opens, what is set aside and stays offered, when a save holds back or merges, what a
//! deletion keeps, and how storage failures and a newer Pace's data are met.
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::edit::Field;
use pace::engine::example::speech_example;
use pace::engine::interchange::{read_plan, write_plan};
use pace::engine::library::{
    plan_id_of_key, plan_key, CATALOGUE_KEY, DISMISSED_KEY, FAULT_KEY, STARTING_KEY,
    STARTING_STALE_MS, TRASH_KEY,
};
use pace::engine::plan::Plan;
use pace::engine::vault::{
    Conflict, MemoryShelf, Naming, Note, Origin, Screen, StorageTrouble, Vault,
};
use rust_decimal::Decimal;

const NOW: i64 = 1_780_000_000_000;

/// The plan the last screen shows.
fn shown(screens: &[Screen]) -> Option<Plan> {
    screens.last().map(|s| match s {
        Screen::Load { plan, .. } | Screen::Refresh { plan, .. } | Screen::Edit(plan) => {
            plan.clone()
        }
    })
}

/// A page: its vault and the plan it shows.
struct Tab {
    vault: Vault,
    plan: Plan,
}

impl Tab {
    /// A start, and its first render (which ends the start: `started`).
    fn start(shelf: &mut MemoryShelf) -> Tab {
        let (vault, screens) = Vault::start(shelf, speech_example, NOW);
        let plan = shown(&screens).expect("a start shows a plan");
        vault.started(shelf);
        Tab { vault, plan }
    }

    fn apply(&mut self, screens: Vec<Screen>) {
        if let Some(plan) = shown(&screens) {
            self.plan = plan;
        }
    }

    /// Types `value` into the 开发区 actual of `metric`, as the grid does.
    fn type_actual(&mut self, metric: &str, value: i64) {
        self.plan
            .set_value(1, metric, &Field::Actual, Some(Decimal::from(value)));
        self.vault.changed();
    }

    fn flush(&mut self, shelf: &mut MemoryShelf) {
        let screens = self.vault.flush(shelf, &self.plan, NOW);
        self.apply(screens);
    }

    fn actual(&self, metric: &str) -> Option<Decimal> {
        self.plan.value(1, metric, &Field::Actual)
    }
}

fn stored_plan(shelf: &MemoryShelf, id: &str) -> Plan {
    read_plan(&shelf.items[&plan_key(id)]).unwrap()
}

/// A shelf with one saved plan (the example with 开发区's registered actual 15000), and its id.
fn shelf_with_a_plan() -> (MemoryShelf, String) {
    let mut shelf = MemoryShelf::default();
    let mut tab = Tab::start(&mut shelf);
    tab.type_actual("registered", 15000);
    tab.flush(&mut shelf);
    let id = tab.vault.open_id().unwrap().to_string();
    tab.vault.started(&mut shelf);
    (shelf, id)
}

#[test]
fn a_start_that_opens_a_saved_plan_does_not_make_the_example() {
    let (mut shelf, id) = shelf_with_a_plan();
    let (vault, screens) = Vault::start(&mut shelf, || panic!("the example was made"), NOW);
    assert_eq!(vault.open_id(), Some(id.as_str()));
    assert_eq!(shown(&screens), Some(stored_plan(&shelf, &id)));
}

#[test]
fn a_first_start_shows_the_example_and_the_first_change_saves_it() {
    let mut shelf = MemoryShelf::default();
    let (vault, screens) = Vault::start(&mut shelf, speech_example, NOW);
    assert_eq!(vault.origin, Origin::Example);
    assert_eq!(shown(&screens), Some(speech_example()));
    assert!(
        shelf.items.contains_key(STARTING_KEY),
        "set while the start is under way"
    );
    vault.started(&mut shelf);
    assert!(!shelf.items.contains_key(STARTING_KEY));
    let mut tab = Tab {
        vault,
        plan: speech_example(),
    };
    tab.type_actual("registered", 15000);
    tab.flush(&mut shelf);
    let id = tab.vault.open_id().unwrap().to_string();
    assert_eq!(stored_plan(&shelf, &id), tab.plan);
    assert!(!tab.vault.is_dirty());
    // The next start opens it again.
    let again = Tab::start(&mut shelf);
    assert_eq!(again.vault.open_id(), Some(id.as_str()));
    assert_eq!(again.actual("registered"), Some(Decimal::from(15000)));
}

#[test]
fn a_start_that_did_not_finish_leads_to_a_safe_start() {
    let (mut shelf, id) = shelf_with_a_plan();
    shelf.items.insert(STARTING_KEY.into(), "1".into());
    shelf
        .items
        .insert(FAULT_KEY.into(), "panicked at src/x.rs".into());
    let mut tab = Tab::start(&mut shelf);
    let safe = tab.vault.safe_start.clone().expect("safe mode");
    assert_eq!(safe.fault.as_deref(), Some("panicked at src/x.rs"));
    assert_eq!(tab.vault.origin, Origin::Example, "no saved plan opened");
    assert_eq!(tab.vault.catalogue.plans.len(), 1, "every plan is listed");
    // The marker stays while in safe mode; opening a plan sets it until the page has rendered.
    tab.vault.started(&mut shelf);
    assert!(shelf.items.contains_key(STARTING_KEY));
    let screens = tab.vault.leave_safe_start(
        &mut shelf,
        Some(&id),
        speech_example(),
        &tab.plan.clone(),
        NOW,
    );
    tab.apply(screens);
    assert_eq!(tab.vault.safe_start, None);
    assert_eq!(tab.actual("registered"), Some(Decimal::from(15000)));
    assert!(!shelf.items.contains_key(FAULT_KEY));
    tab.vault.started(&mut shelf);
    assert!(!shelf.items.contains_key(STARTING_KEY));
}

#[test]
fn two_tabs_starting_at_the_same_moment_both_open_the_plan() {
    let (mut shelf, id) = shelf_with_a_plan();
    // Restoring a browser session starts both tabs; the second reads the first's marker.
    let (first, _) = Vault::start(&mut shelf, speech_example, NOW);
    let (second, screens) = Vault::start(&mut shelf, speech_example, NOW + 900);
    assert_eq!(
        second.safe_start, None,
        "a start under way is not a start that failed"
    );
    assert_eq!(second.open_id(), Some(id.as_str()));
    assert_eq!(shown(&screens), Some(stored_plan(&shelf, &id)));
    first.started(&mut shelf);
    second.started(&mut shelf);
    assert!(!shelf.items.contains_key(STARTING_KEY));
}

#[test]
fn a_start_that_hung_without_a_fault_leads_to_a_safe_start() {
    let (mut shelf, _) = shelf_with_a_plan();
    // A start that never finished and recorded nothing (the tab was closed while it hung).
    let (hung, _) = Vault::start(&mut shelf, speech_example, NOW);
    assert_eq!(hung.safe_start, None);
    let (vault, _) = Vault::start(&mut shelf, speech_example, NOW + STARTING_STALE_MS);
    assert_eq!(vault.safe_start.map(|s| s.fault), Some(None));
    assert_eq!(vault.origin, Origin::Example);
    // Starts that hang one after another, each reopened within the 10 s, add up: the marker
    // keeps the first one's time.
    let (mut shelf, _) = shelf_with_a_plan();
    let (first, _) = Vault::start(&mut shelf, speech_example, NOW);
    let (second, _) = Vault::start(&mut shelf, speech_example, NOW + 6_000);
    assert_eq!((first.safe_start, second.safe_start), (None, None));
    let (third, _) = Vault::start(&mut shelf, speech_example, NOW + 12_000);
    assert!(third.safe_start.is_some(), "the hangs add up to safe mode");
    // A marker from the layout before it held a time, or from the future, is read the same way.
    for marker in ["1", &(NOW + 60_000).to_string()] {
        shelf.items.insert(STARTING_KEY.into(), marker.into());
        let (vault, _) = Vault::start(&mut shelf, speech_example, NOW);
        assert!(vault.safe_start.is_some(), "marker {marker:?}");
    }
}

#[test]
fn a_fault_decides_a_safe_start_only_while_a_start_is_under_way() {
    let (mut shelf, id) = shelf_with_a_plan();
    // A panic while editing, after the start finished: the next start opens the plan, and the
    // fault is forgotten so that a later tab starting beside it is not sent to safe mode.
    shelf
        .items
        .insert(FAULT_KEY.into(), "panicked while typing".into());
    let (vault, _) = Vault::start(&mut shelf, speech_example, NOW);
    assert_eq!(vault.safe_start, None);
    assert_eq!(vault.open_id(), Some(id.as_str()));
    assert!(!shelf.items.contains_key(FAULT_KEY));
    // A panic during a start (its marker is a second old): safe mode at once, with the fault.
    shelf
        .items
        .insert(FAULT_KEY.into(), "panicked while starting".into());
    let (vault, _) = Vault::start(&mut shelf, speech_example, NOW + 1_000);
    let safe = vault.safe_start.expect("safe mode");
    assert_eq!(safe.fault.as_deref(), Some("panicked while starting"));
}

#[test]
fn an_unreadable_catalogue_is_copied_aside_and_stays_offered_until_dismissed() {
    let (mut shelf, id) = shelf_with_a_plan();
    let garbage = "{\"storage\": 1, \"plans\": [{\"id\": \"bro";
    shelf.items.insert(CATALOGUE_KEY.into(), garbage.into());
    let tab = Tab::start(&mut shelf);
    assert_eq!(tab.vault.set_aside.len(), 1);
    let copy = tab.vault.set_aside[0].copy.clone().expect("copied aside");
    assert_eq!(shelf.items[&copy], garbage);
    // Rebuilt from the plans found, and written only now that a copy exists.
    assert_eq!(tab.vault.catalogue.plans[0].id, id);
    assert_ne!(shelf.items[CATALOGUE_KEY], garbage);
    // Offered again at the next start …
    let mut tab = Tab::start(&mut shelf);
    assert_eq!(tab.vault.set_aside.len(), 1);
    assert_eq!(tab.vault.set_aside[0].copy.as_deref(), Some(copy.as_str()));
    // … until dismissed; the copy itself stays.
    tab.vault.dismiss_set_aside(&mut shelf, CATALOGUE_KEY);
    assert!(shelf.items[DISMISSED_KEY].contains(&copy));
    let tab = Tab::start(&mut shelf);
    assert!(tab.vault.set_aside.is_empty());
    assert_eq!(shelf.items[&copy], garbage);
}

#[test]
fn an_unreadable_plan_is_kept_as_it_was_and_offered() {
    let (mut shelf, _) = shelf_with_a_plan();
    let garbage = "{\"format\": \"pace-plan\", \"version\": 1, \"units\": [";
    shelf.items.insert(plan_key("broken"), garbage.into());
    let mut tab = Tab::start(&mut shelf);
    assert!(tab
        .vault
        .set_aside
        .iter()
        .any(|s| s.key == plan_key("broken")));
    let screens = tab.vault.open(&mut shelf, "broken", &tab.plan.clone(), NOW);
    assert!(shown(&screens).is_none());
    assert_eq!(tab.vault.note, Some(Note::Unreadable));
    tab.type_actual("arrived", 5000);
    tab.flush(&mut shelf);
    assert_eq!(shelf.items[&plan_key("broken")], garbage);
}

#[test]
fn a_plan_from_a_newer_pace_is_shown_read_only_and_never_written() {
    let (mut shelf, id) = shelf_with_a_plan();
    let newer = shelf.items[&plan_key(&id)].replace("\"version\": 1", "\"version\": 2");
    shelf.items.insert(plan_key(&id), newer.clone());
    let mut tab = Tab::start(&mut shelf);
    assert!(tab.vault.read_only);
    assert!(matches!(tab.vault.origin, Origin::Newer(_, 2)));
    tab.type_actual("registered", 1);
    tab.flush(&mut shelf);
    assert_eq!(shelf.items[&plan_key(&id)], newer);
}

#[test]
fn a_catalogue_from_a_newer_layout_makes_everything_read_only() {
    let (mut shelf, _) = shelf_with_a_plan();
    let catalogue = shelf.items[CATALOGUE_KEY].replace("\"storage\":1", "\"storage\":2");
    shelf.items.insert(CATALOGUE_KEY.into(), catalogue);
    let before = shelf.items.clone();
    let mut tab = Tab::start(&mut shelf);
    assert!(tab.vault.newer_layout);
    let current = tab.plan.clone();
    assert_eq!(
        tab.vault.create(
            &mut shelf,
            speech_example(),
            Naming::AsWritten,
            &current,
            NOW
        ),
        None
    );
    tab.type_actual("registered", 1);
    tab.flush(&mut shelf);
    shelf.items.remove(STARTING_KEY);
    let mut expected = before;
    expected.remove(STARTING_KEY);
    assert_eq!(shelf.items, expected);
}

#[test]
fn without_storage_or_with_storage_full_the_work_stays_in_memory() {
    let mut shelf = MemoryShelf {
        unavailable: true,
        ..MemoryShelf::default()
    };
    let mut tab = Tab::start(&mut shelf);
    assert!(matches!(
        tab.vault.trouble,
        Some(StorageTrouble::Unavailable(_))
    ));
    tab.type_actual("registered", 15000);
    tab.flush(&mut shelf);
    assert!(
        tab.vault.is_dirty(),
        "still to be saved (the page warns before leaving)"
    );

    let (mut shelf, id) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    let before = shelf.items[&plan_key(&id)].clone();
    shelf.full = true;
    tab.type_actual("registered", 17000);
    tab.flush(&mut shelf);
    assert!(matches!(tab.vault.trouble, Some(StorageTrouble::Full(_))));
    assert!(tab.vault.is_dirty());
    assert!(tab.vault.changes_held_back(), "the data line says so");
    assert_eq!(shelf.items[&plan_key(&id)], before);
    // Space again: the next save writes it, and the warning goes.
    shelf.full = false;
    tab.flush(&mut shelf);
    assert_eq!(tab.vault.trouble, None);
    assert!(!tab.vault.changes_held_back());
    assert_eq!(
        stored_plan(&shelf, &id).value(1, "registered", &Field::Actual),
        Some(Decimal::from(17000))
    );
}

#[test]
fn deleting_with_storage_full_frees_space_and_keeps_the_undo_in_memory() {
    let (mut shelf, first) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .create(
            &mut shelf,
            Plan::empty("新计划", 2026, 7),
            Naming::Distinct,
            &current,
            NOW + 1,
        )
        .unwrap();
    tab.apply(screens);
    shelf.full = true;
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .delete(&mut shelf, &first, speech_example(), &current, NOW);
    tab.apply(screens);
    assert!(!shelf.items.contains_key(&plan_key(&first)), "space freed");
    assert!(!shelf.items.contains_key(TRASH_KEY));
    assert!(tab.vault.undo_only_in_memory());
    assert_eq!(tab.vault.deleted.as_deref(), Some("全市利用外资 1-7月"));
    shelf.full = false;
    let current = tab.plan.clone();
    let screens = tab.vault.undo_delete(&mut shelf, &current, NOW);
    tab.apply(screens);
    assert_eq!(tab.vault.open_id(), Some(first.as_str()));
    assert_eq!(tab.actual("registered"), Some(Decimal::from(15000)));
    assert!(!tab.vault.undo_only_in_memory());
}

#[test]
fn two_tabs_follow_each_other_and_merge_changes_to_different_cells() {
    let (mut shelf, id) = shelf_with_a_plan();
    let mut a = Tab::start(&mut shelf);
    let mut b = Tab::start(&mut shelf);
    // A saves; B, with nothing unsaved, follows.
    a.type_actual("registered", 15500);
    a.flush(&mut shelf);
    let text = shelf.items[&plan_key(&id)].clone();
    let screens = b
        .vault
        .on_storage(&mut shelf, &plan_key(&id), Some(text), &b.plan.clone(), NOW);
    assert!(matches!(screens.as_slice(), [Screen::Refresh { .. }]));
    b.apply(screens);
    assert_eq!(b.vault.note, Some(Note::Synced));
    assert_eq!(b.actual("registered"), Some(Decimal::from(15500)));
    // Both type, into different cells, before either saves.
    a.type_actual("registered", 18000);
    b.type_actual("arrived", 5000);
    a.flush(&mut shelf);
    b.flush(&mut shelf);
    assert_eq!(b.vault.note, Some(Note::Merged));
    assert_eq!(b.vault.conflict, None);
    let stored = stored_plan(&shelf, &id);
    assert_eq!(
        stored.value(1, "registered", &Field::Actual),
        Some(Decimal::from(18000))
    );
    assert_eq!(
        stored.value(1, "arrived", &Field::Actual),
        Some(Decimal::from(5000))
    );
    assert_eq!(b.plan, stored, "B shows the merged plan");
    // A hears of B's save and follows (nothing unsaved there).
    let text = shelf.items[&plan_key(&id)].clone();
    let screens = a
        .vault
        .on_storage(&mut shelf, &plan_key(&id), Some(text), &a.plan.clone(), NOW);
    a.apply(screens);
    assert_eq!(a.plan, stored);
}

#[test]
fn two_tabs_changing_the_same_cell_never_overwrite_each_other() {
    let (mut shelf, id) = shelf_with_a_plan();
    let mut a = Tab::start(&mut shelf);
    let mut b = Tab::start(&mut shelf);
    a.type_actual("registered", 18000);
    b.type_actual("registered", 19000);
    a.flush(&mut shelf);
    b.flush(&mut shelf);
    assert_eq!(b.vault.conflict, Some(Conflict::Changed));
    assert!(b.vault.is_dirty());
    // A tester saw "已保存 10:32" beside the banner saying B's change was not saved.
    assert!(b.vault.changes_held_back());
    assert!(!a.vault.changes_held_back());
    assert_eq!(
        stored_plan(&shelf, &id).value(1, "registered", &Field::Actual),
        Some(Decimal::from(18000))
    );
    // B keeps its version as a new plan: both are stored.
    let current = b.plan.clone();
    let screens = b.vault.keep_mine_as_new(&mut shelf, &current, NOW + 5);
    b.apply(screens);
    assert_eq!(b.vault.conflict, None);
    let new_id = b.vault.open_id().unwrap().to_string();
    assert_ne!(new_id, id);
    assert_eq!(
        stored_plan(&shelf, &new_id).value(1, "registered", &Field::Actual),
        Some(Decimal::from(19000))
    );
    assert_eq!(stored_plan(&shelf, &new_id).title, "全市利用外资 1-7月 (2)");
}

#[test]
fn a_plan_deleted_in_another_tab_while_this_one_has_changes_is_a_conflict() {
    let (mut shelf, id) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    tab.type_actual("registered", 1);
    let deleted = shelf.items.remove(&plan_key(&id)).unwrap();
    let screens = tab
        .vault
        .on_storage(&mut shelf, &plan_key(&id), None, &tab.plan.clone(), NOW);
    assert!(screens.is_empty());
    assert_eq!(tab.vault.conflict, Some(Conflict::Deleted));
    // The other tab undoes the deletion: the conflict goes, and this tab's change is saved to
    // the plan (a tester: the banner went on saying "deleted").
    shelf.items.insert(plan_key(&id), deleted.clone());
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .on_storage(&mut shelf, &plan_key(&id), Some(deleted), &current, NOW);
    tab.apply(screens);
    assert_eq!(tab.vault.conflict, None);
    assert_eq!(stored_plan(&shelf, &id), tab.plan, "saved");
    // Without changes here, it stays on screen as an unsaved copy.
    let (mut shelf, id) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    shelf.items.remove(&plan_key(&id));
    let _ = tab
        .vault
        .on_storage(&mut shelf, &plan_key(&id), None, &tab.plan.clone(), NOW);
    // Not "a copy from a share link", as it was labelled (a tester).
    assert_eq!(tab.vault.origin, Origin::DeletedElsewhere(id.clone()));
    assert_eq!(tab.vault.note, Some(Note::DeletedElsewhere));
    assert!(!write_plan(&tab.plan).is_empty());
    // The other tab undoes the deletion: this one is that plan again, and a change saves it
    // there (it made a second copy).
    let text = write_plan(&tab.plan);
    shelf.items.insert(plan_key(&id), text.clone());
    let screens = tab.vault.on_storage(
        &mut shelf,
        &plan_key(&id),
        Some(text),
        &tab.plan.clone(),
        NOW,
    );
    tab.apply(screens);
    assert_eq!(tab.vault.origin, Origin::Saved(id.clone()));
    tab.type_actual("registered", 2);
    tab.flush(&mut shelf);
    let plans = shelf
        .items
        .keys()
        .filter(|k| plan_id_of_key(k).is_some())
        .count();
    assert_eq!(plans, 1, "no second copy");
}

#[test]
fn leaving_safe_mode_with_the_example_does_not_reopen_the_plan_that_failed() {
    let (mut shelf, id) = shelf_with_a_plan();
    shelf.items.insert(STARTING_KEY.into(), "1".into());
    let mut tab = Tab::start(&mut shelf);
    assert!(tab.vault.safe_start.is_some());
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .leave_safe_start(&mut shelf, None, speech_example(), &current, NOW);
    tab.apply(screens);
    tab.vault.started(&mut shelf);
    assert_eq!(tab.vault.catalogue.open, None);
    // The next start shows the first saved plan through the ordinary path, not safe mode; the
    // failing plan is not named as the one open last.
    let next = Tab::start(&mut shelf);
    assert!(next.vault.safe_start.is_none());
    assert_eq!(next.vault.catalogue.plans[0].id, id);
}

#[test]
fn undo_restores_only_the_deletion_this_page_made() {
    let (mut shelf, first) = shelf_with_a_plan();
    let mut a = Tab::start(&mut shelf);
    let current = a.plan.clone();
    let screens = a
        .vault
        .create(
            &mut shelf,
            Plan::empty("第二个", 2026, 7),
            Naming::Distinct,
            &current,
            NOW + 1,
        )
        .unwrap();
    a.apply(screens);
    let second = a.vault.open_id().unwrap().to_string();
    let mut b = Tab::start(&mut shelf);
    // A deletes the first plan, then B deletes the second: the trash now holds B's.
    let current = a.plan.clone();
    let screens = a
        .vault
        .delete(&mut shelf, &first, speech_example(), &current, NOW);
    a.apply(screens);
    let current = b.plan.clone();
    let screens = b
        .vault
        .delete(&mut shelf, &second, speech_example(), &current, NOW);
    b.apply(screens);
    // A's undo must not bring back B's deletion in A's name.
    let current = a.plan.clone();
    let screens = a.vault.undo_delete(&mut shelf, &current, NOW);
    assert!(screens.is_empty());
    assert!(!shelf.items.contains_key(&plan_key(&second)));
    // B's own undo still works.
    let current = b.plan.clone();
    let screens = b.vault.undo_delete(&mut shelf, &current, NOW);
    b.apply(screens);
    assert!(shelf.items.contains_key(&plan_key(&second)));
}

/// An imported plan keeps its title, its printed headline and its file's name: a taken one read
/// `全市利用外资 1-7月 (2)` in the printed 通报 (a tester). A copy is still told apart by " (2)",
/// as are a new plan of a taken title and this tab's version kept beside another's
/// (`Naming::Distinct`).
#[test]
fn an_imported_plan_keeps_its_title() {
    let (mut shelf, _) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    let title = tab.plan.title.clone();
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .create(
            &mut shelf,
            current.clone(),
            Naming::AsWritten,
            &current,
            NOW + 1,
        )
        .unwrap();
    tab.apply(screens);
    assert_eq!(tab.plan.title, title);
    let imported = tab.vault.open_id().unwrap().to_string();
    assert_eq!(stored_plan(&shelf, &imported).title, title);
    let titles = |tab: &Tab| -> Vec<String> {
        tab.vault
            .catalogue
            .plans
            .iter()
            .map(|e| e.title.clone())
            .collect()
    };
    assert_eq!(titles(&tab), [title.clone(), title.clone()]);
    // A copy (复制) is told apart.
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .duplicate(&mut shelf, &imported, &current, NOW + 2);
    tab.apply(screens);
    assert_eq!(tab.plan.title, format!("{title} (2)"));
}

#[test]
fn the_unreadable_note_goes_with_the_offer_it_points_at() {
    // A tester deleted an unreadable plan: its offer above went, the note "see above" stayed.
    let (mut shelf, broken) = shelf_with_a_plan();
    let mut tab = Tab::start(&mut shelf);
    let mut other = String::new();
    for title in ["新计划", "另一计划"] {
        let current = tab.plan.clone();
        let screens = tab
            .vault
            .create(
                &mut shelf,
                Plan::empty(title, 2026, 7),
                Naming::Distinct,
                &current,
                NOW + 1,
            )
            .unwrap();
        tab.apply(screens);
        other = tab.vault.open_id().unwrap().to_string();
    }
    shelf
        .items
        .insert(plan_key(&broken), "{\"units\": [".into());
    let opened_broken = |shelf: &mut MemoryShelf| {
        let mut tab = Tab::start(shelf);
        let current = tab.plan.clone();
        let screens = tab.vault.open(shelf, &broken, &current, NOW);
        assert!(shown(&screens).is_none());
        assert_eq!(tab.vault.note, Some(Note::Unreadable));
        tab
    };
    // Dismissed: the note goes with the offer.
    let mut dismissing = opened_broken(&mut shelf);
    dismissing
        .vault
        .dismiss_set_aside(&mut shelf, &plan_key(&broken));
    assert_eq!(dismissing.vault.note, None, "dismissed");
    shelf.items.remove(DISMISSED_KEY);
    // Another plan deleted: the offer is still above, and so is the note.
    let mut tab = opened_broken(&mut shelf);
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .delete(&mut shelf, &other, speech_example(), &current, NOW);
    tab.apply(screens);
    assert_eq!(
        tab.vault.note,
        Some(Note::Unreadable),
        "another plan deleted"
    );
    // The unreadable plan deleted: both go.
    let current = tab.plan.clone();
    let screens = tab
        .vault
        .delete(&mut shelf, &broken, speech_example(), &current, NOW);
    tab.apply(screens);
    assert!(tab.vault.set_aside.is_empty());
    assert_eq!(tab.vault.note, None, "deleted");
}
