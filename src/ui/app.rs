use super::briefing_panel::BriefingPanel;
use super::counts::CountsBar;
use super::data_health::DataHealth;
use super::header::Header;
use super::i18n::{Lang, Language};
use super::notes_panel::NotesPanel;
use super::offline::{OfflineFooter, OfflineStatus, UpdateOffer};
use super::on_demand::{on_demand, OnDemand};
use super::paste_preview::PendingPaste;
use super::plans_menu::plans_panel;
use super::popup::focus;
use super::print_view::{print_page, PrintView, Printing};
use super::results_table::ResultsTable;
use super::safe_start::SafeStart;
use super::scroll_place::{keep_place, place_to_restore, restore_place, tab_to_restore};
use super::settings_panel::SettingsPanel;
use super::share::plan_in_address;
use super::summary::Summary;
use super::trouble::{problem_words, worded_view, Context, Problem};
use super::typed_for::stamp_focused_fields;
use super::unit_grid::UnitGrid;
use super::warnings::Warnings;
use super::what_if::WhatIfPanel;
use crate::engine::example::welcome_example;
use crate::engine::plan::Plan;
use crate::store::saved::{Library, Origin};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

// The tabs other than the 通报表, each loaded on demand (see `on_demand`). The plan's settings
// and scenarios are not a month's, so they stay locked while a closed month is edited
// (`plan_locked`); the entry tab only while the plan may not be changed (`read_only`).
on_demand!(entry_tab => {
    #[cfg(feature = "fault-injection")]
    crate::ui::crash::panic_if_asked("entry");
    view! {
        <EditLock locked=PlanStore::expect().read_only()><UnitGrid/> <NotesPanel/></EditLock>
    }.into_any()
});
on_demand!(what_if_tab => view! {
    <EditLock locked=PlanStore::expect().plan_locked()><WhatIfPanel/></EditLock>
}.into_any());
on_demand!(briefing_tab => view! { <BriefingPanel/> }.into_any());
on_demand!(settings_tab => view! {
    <EditLock locked=PlanStore::expect().plan_locked()><SettingsPanel/></EditLock>
}.into_any());

/// A tab that changes the plan, as one fieldset disabled while `locked` (a closed month looked
/// at, data of a newer Pace): every button and field in it says so, instead of seeming to work.
/// The fieldset is the tab's own, inside its module: 重试 of a tab not yet loaded stays usable.
#[component]
fn EditLock(locked: Signal<bool>, children: Children) -> impl IntoView {
    view! { <fieldset class="edit-lock" prop:disabled=locked>{children()}</fieldset> }
}

/// Every part loaded on demand, in the order they are fetched after the first frame: the print
/// view first, since the browser's own print renders it at once.
const PARTS: [fn(); 6] = [
    print_page::fetch,
    plans_panel::fetch,
    entry_tab::fetch,
    settings_tab::fetch,
    briefing_tab::fetch,
    what_if_tab::fetch,
];

/// Starts fetching `parts`, one part per task: starting a part's fetches takes about 10 ms at a
/// 4× slower CPU, and a key pressed or a click meanwhile waits for no more than one of them.
/// Every fetch is under way within a few tasks, so one that never arrives holds up no other.
fn fetch_parts(parts: &'static [fn()]) {
    if let Some((fetch, rest)) = parts.split_first() {
        fetch();
        set_timeout(move || fetch_parts(rest), Duration::ZERO);
    }
}

/// The tabs in their order on screen: each with its names and its element id (also its test id).
const TABS: [(Tab, &str, &str, &str); 5] = [
    (Tab::Results, "通报表", "Results", "tab-results"),
    (Tab::Entry, "录入数据", "Enter data", "tab-entry"),
    (Tab::WhatIf, "假设分析", "What if", "tab-what-if"),
    (Tab::Briefing, "讲评稿", "Briefing", "tab-briefing"),
    (Tab::Settings, "计划设置", "Plan settings", "tab-settings"),
];
/// The element id of `tab`'s button (see [`TABS`]).
fn tab_id(tab: Tab) -> &'static str {
    TABS.iter()
        .find(|(t, ..)| *t == tab)
        .map_or("tab-results", |(.., id)| *id)
}

/// The tab whose button has the element id `id`.
fn tab_of(id: &str) -> Option<Tab> {
    TABS.iter().find(|(.., t)| *t == id).map(|(tab, ..)| *tab)
}

/// The id of the panel the tabs show.
const TAB_PANEL: &str = "tab-panel";

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes every edit, also while a cell has focus:
/// the cell is committed first, then the plan steps back.
fn undo_shortcuts(store: PlanStore) {
    let handle = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let redo = (key == "z" && ev.shift_key()) || key == "y";
        let undo = key == "z" && !ev.shift_key();
        if !(undo || redo) {
            return;
        }
        ev.prevent_default();
        if let Some(active) = document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = active.blur();
        }
        if redo {
            store.redo();
        } else {
            store.undo();
        }
    });
    on_cleanup(move || handle.remove());
}

/// The whole page. Owns the root state and hands it down through context.
#[component]
pub fn App() -> impl IntoView {
    // The store holds an empty plan only until the library has loaded the one to show (the
    // example is read from its JSON only when it is that one: 25 ms at a 4× slower CPU).
    let store = PlanStore::new(Plan::empty(String::new(), 2026, 1));
    provide_context(store);
    let library = Library::start(store, welcome_example);
    provide_context(library);
    #[cfg(feature = "fault-injection")]
    super::crash::panic_if_asked("start");
    // A share link in the address opens its plan as an unsaved copy.
    let link_error = RwSignal::new(None::<Arc<Problem>>);
    let open_link = move || {
        spawn_local(async move {
            match plan_in_address().await {
                Some(Ok(plan)) => {
                    link_error.set(None);
                    let _ = library.show_unsaved(plan, Origin::Shared);
                }
                Some(Err(trouble)) => link_error.set(Some(Arc::new(Problem {
                    context: Context::Link,
                    trouble,
                }))),
                None => {}
            }
        })
    };
    open_link();
    // Also when a link is pasted into the address bar of an open page (no reload then).
    let on_hash = window_event_listener(ev::hashchange, move |_| open_link());
    on_cleanup(move || on_hash.remove());
    let lang = Language::remembered();
    provide_context(lang);
    // Leaving a plan whose changes storage refused loses them: asked first, as closing the tab is.
    library.ask_before_leaving(Callback::new(move |()| {
        let question = lang.tr(
            "本页的修改还没有保存到浏览器（见页面上方的提示），打开其他计划后这些修改将会丢失。\n\n建议先点“取消”，再点提示中的“立即导出”保存一份。仍要打开其他计划吗？",
            "This page's changes are not saved in the browser (see the message at the top); opening another plan loses them.\n\nPress Cancel, then Export now in the message to keep a copy. Open the other plan anyway?",
        );
        window().confirm_with_message(question).unwrap_or(false)
    }));
    // A reload, back or forward shows the tab that was shown (not in safe mode, which shows its
    // own page).
    let safe_start = library.safe_start().with_untracked(Option::is_some);
    let tab = (!safe_start)
        .then(tab_to_restore)
        .flatten()
        .and_then(|id| tab_of(&id))
        .unwrap_or(Tab::Results);
    let view_state = store.plan().with_untracked(|p| ViewState::new(tab, p));
    provide_context(view_state);
    provide_context(OfflineStatus::start());
    Printing::provide();
    PendingPaste::provide();
    // The view's choices start afresh with another plan and are fitted to every change of this
    // one (its data month, a metric, tier or group removed).
    Effect::new(move |previous: Option<u64>| {
        let loads = store.loads().get();
        store.plan().with(|p| {
            if previous.is_some_and(|n| n != loads) {
                view_state.reset(p);
            } else {
                view_state.fit(p);
            }
        });
        loads
    });
    undo_shortcuts(store);
    stamp_focused_fields(store);
    // The first frame shows what is above the fold: the header, the cards and the counts. The
    // 通报表 below them (two thirds of the page's elements; it starts below 768 px at 1366 wide
    // and lower on a phone) is drawn once that frame is painted, and the other tabs' fetches
    // start then too (starting the 32 takes 60 ms at a 4× slower CPU): a timeout set in the
    // frame runs after it. The start has finished (see `Library::started`) in the task after the
    // table is drawn (its view is built in the microtasks of the task that asks for it): a plan
    // whose table cannot be drawn still opens in safe mode next time. A timeout, not a frame,
    // so that a tab hidden meanwhile also finishes its start.
    // A reload, back or forward that left the 通报表 scrolled down puts it back there in its
    // first frame, with the table drawn at once so that the page is as tall as it was. (Another
    // tab comes as a part on demand: it opens at its top.)
    keep_place(move || tab_id(view_state.tab.get_untracked()));
    let place = (!safe_start && tab == Tab::Results)
        .then(place_to_restore)
        .flatten();
    let draw_table = RwSignal::new(place.is_some());
    let after_first_frame = move || {
        if let Some(place) = place {
            restore_place(place);
        }
        set_timeout(
            move || {
                fetch_parts(&PARTS);
                draw_table.set(true);
                set_timeout(move || library.started(), Duration::ZERO);
            },
            Duration::ZERO,
        );
    };
    // A tab that starts hidden (opened in the background, or behind another when a browser
    // restores its session) gets no frames until it is shown: its start must still finish, or
    // its marker would send a later start to safe mode.
    if document().hidden() {
        set_timeout(after_first_frame, Duration::ZERO);
    } else {
        request_animation_frame(after_first_frame);
    }
    Effect::new(move |_| {
        let code = if lang.get() == Lang::Zh {
            "zh-CN"
        } else {
            "en"
        };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });

    // The WAI-ARIA tabs pattern: only the chosen tab is in the tab order; the arrow keys, Home
    // and End move along the tabs and choose as they go.
    let tab_button = move |at: usize| {
        let (tab, zh, en, id) = TABS[at];
        let chosen = move || view_state.tab.get() == tab;
        view! {
            <button
                type="button"
                role="tab"
                id=id
                data-testid=id
                aria-controls=TAB_PANEL
                aria-selected=move || chosen().to_string()
                tabindex=move || if chosen() { "0" } else { "-1" }
                class:active=chosen
                on:click=move |_| view_state.tab.set(tab)
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    let to = match ev.key().as_str() {
                        "ArrowRight" => (at + 1) % TABS.len(),
                        "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
                        "Home" => 0,
                        "End" => TABS.len() - 1,
                        _ => return,
                    };
                    ev.prevent_default();
                    view_state.tab.set(TABS[to].0);
                    focus(&format!("#{}", TABS[to].3));
                }
            >
                {move || lang.tr(zh, en)}
            </button>
        }
    };
    let chosen_tab_id = move || tab_id(view_state.tab.get());

    view! {
        <div class="app" data-testid="app">
            <Header/>
            <UpdateOffer/>
            <DataHealth/>
            {move || link_error.get().map(|why| view! {
                <div class="banner error" role="alert" data-testid="link-error">
                    {move || worded_view(problem_words(lang.get(), &why))}
                    " "
                    <button type="button" class="link" on:click=move |_| link_error.set(None)>
                        {move || lang.tr("关闭", "Dismiss")}
                    </button>
                </div>
            })}
            {move || library.safe_start().with(Option::is_some).then(|| view! { <SafeStart/> })}
            <main class="content" class:hidden=move || library.safe_start().with(Option::is_some)>
                <Summary/>
                <Warnings/>
                <CountsBar/>
                <nav class="tabs" role="tablist">
                    {(0..TABS.len()).map(tab_button).collect_view()}
                </nav>
                <div class="tab-panel" role="tabpanel" id=TAB_PANEL aria-labelledby=chosen_tab_id>
                    {move || match view_state.tab.get() {
                        // Until then, a page's height of room: the footer stays out of the
                        // first frame, and a page that will scroll has its scrollbar already.
                        Tab::Results => if draw_table.get() {
                            view! { <ResultsTable/> }.into_any()
                        } else {
                            view! { <div class="table-pending"></div> }.into_any()
                        },
                        Tab::Entry => view! { <OnDemand load=entry_tab::load/> }.into_any(),
                        Tab::WhatIf => view! { <OnDemand load=what_if_tab::load/> }.into_any(),
                        Tab::Briefing => view! { <OnDemand load=briefing_tab::load/> }.into_any(),
                        Tab::Settings => view! { <OnDemand load=settings_tab::load/> }.into_any(),
                    }}
                </div>
            </main>
            <OfflineFooter/>
            <PrintView/>
        </div>
    }
}
