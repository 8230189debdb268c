//! Safe mode: shown instead of the calculator when the previous start did not finish (it
//! panicked or was killed while opening a plan). Nothing is opened by itself; every stored plan
//! can be opened or downloaded as the raw text kept in storage, and the fault is shown.

use super::file_io::download_text;
use super::i18n::Language;
use crate::engine::example::welcome_example;
use crate::store::saved::Library;
use leptos::prelude::*;

#[component]
pub fn SafeStart() -> impl IntoView {
    let library = Library::expect();
    let lang = Language::expect();
    let fault = move || library.safe_start().get().and_then(|s| s.fault);
    let plans = move || library.catalogue().get().plans;
    view! {
        <section class="safe-start card" data-testid="safe-start" role="alert">
            <h2>{move || lang.tr("安全模式", "Safe mode")}</h2>
            <p>
                {move || lang.tr(
                    "上次启动没有完成，所以这次没有自动打开任何计划。所有计划仍保存在本浏览器中：可以逐个打开，或下载其原始文本备份。",
                    "The last start did not finish, so no plan was opened this time. Every plan is still stored in this browser: open them one by one, or download the raw text of each as a backup.",
                )}
            </p>
            {move || fault().map(|f| view! {
                <details class="fault" open>
                    <summary>{move || lang.tr("出错信息", "The fault")}</summary>
                    <pre data-testid="safe-start-fault">{f}</pre>
                </details>
            })}
            <ul class="safe-plans">
                <For
                    each=plans
                    key=|entry| entry.id.clone()
                    children=move |entry| {
                        let (open_id, raw_id) = (entry.id.clone(), entry.id.clone());
                        let file_name = format!("{}.raw.txt", entry.title);
                        view! {
                            <li data-testid="safe-plan">
                                <span class="title">{entry.title.clone()}</span>
                                <button
                                    type="button"
                                    on:click=move |_| library.leave_safe_start(Some(&open_id), welcome_example())
                                >
                                    {move || lang.tr("打开", "Open")}
                                </button>
                                <button
                                    type="button"
                                    on:click=move |_| {
                                        if let Some(text) = library.stored_text(&raw_id) {
                                            let _ = download_text(&file_name, &text, "text/plain");
                                        }
                                    }
                                >
                                    {move || lang.tr("下载原始文本", "Download raw text")}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <button type="button" on:click=move |_| library.leave_safe_start(None, welcome_example())>
                {move || lang.tr("打开示例", "Open the example")}
            </button>
        </section>
    }
}
