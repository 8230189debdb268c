use super::header::Header;
use super::summary::Summary;
use crate::engine::example::speech_example;
use crate::store::PlanStore;
use leptos::prelude::*;

/// The whole page. Owns the root state and hands it down through context.
#[component]
pub fn App() -> impl IntoView {
    provide_context(PlanStore::new(speech_example(), true));
    view! {
        <div class="app" data-testid="app">
            <Header/>
            <main class="content">
                <Summary/>
            </main>
        </div>
    }
}
