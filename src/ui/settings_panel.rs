//! 计划设置: title, year, month, unit, decimals, pace and status settings, the schedule curve,
//! and the lists of metrics and target tiers.

use super::i18n::{Lang, Language};
use super::messages::{entry_refusal, setting_refusal};
use super::typed_for::typed_for_plan_on_screen;
use crate::engine::amount_unit::{AmountUnit, Currency, Magnitude, MeasureUnit};
use crate::engine::edit::SettingError;
use crate::engine::entry::{edit_text, parse_entry, parse_percent_entry};
use crate::engine::plan::{Plan, MAX_NAME_CHARS, MAX_TITLE_CHARS};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

/// A number field of the settings: read with the same entry rules as the grid, applied when
/// committed; a refused text shows why and the setting keeps its value.
#[component]
fn NumberSetting(
    label: Signal<&'static str>,
    #[prop(into)] value: Signal<Option<Decimal>>,
    /// Applies a committed value; may refuse it.
    apply: impl Fn(Option<Decimal>) -> Result<(), SettingError> + Send + Sync + 'static,
    #[prop(optional)] testid: &'static str,
    /// A setting in percent or points: a `%` after the number is taken (`58%`).
    #[prop(optional)]
    percent: bool,
) -> impl IntoView {
    number_setting(label, value, Box::new(apply), testid, percent)
}

/// How a [`NumberSetting`] applies a committed value.
type ApplySetting = dyn Fn(Option<Decimal>) -> Result<(), SettingError> + Send + Sync;

/// [`NumberSetting`]'s view, compiled once rather than once per setting.
fn number_setting(
    label: Signal<&'static str>,
    value: Signal<Option<Decimal>>,
    apply: Box<ApplySetting>,
    testid: &'static str,
    percent: bool,
) -> impl IntoView {
    let lang = Language::expect();
    let store = PlanStore::expect();
    let error = RwSignal::new(None::<String>);
    // The input is rebuilt from the stored value after every commit.
    let revision = RwSignal::new(0u32);
    let apply = StoredValue::new(apply);
    let commit = move |ev: web_sys::Event| {
        // A change event may arrive while the input is being removed, also because another
        // plan was opened: it is not for that plan.
        if error.is_disposed() || !typed_for_plan_on_screen(store, &ev) {
            return;
        }
        let text = event_target_value(&ev);
        let read = if percent {
            parse_percent_entry(&text)
        } else {
            parse_entry(&text, &MeasureUnit::Count(String::new()))
        };
        let result = read
            .map_err(|e| entry_refusal(&e, lang.get_untracked()))
            .and_then(|v| {
                apply
                    .with_value(|apply| apply(v))
                    .map_err(|e| setting_refusal(e, lang.get_untracked()).to_string())
            });
        error.set(result.err());
        revision.update(|r| *r += 1);
    };
    view! {
        <label class="setting">
            <span>{move || label.get()}</span>
            {move || {
                revision.track();
                // And whenever the setting changes otherwise (undo, another plan opened): the
                // field showed the old value (a review).
                value.track();
                view! {
                    <input
                        type="text"
                        inputmode="decimal"
                        class="num"
                        data-testid=testid
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=edit_text(value.get_untracked())
                        on:change=commit
                    />
                }
            }}
            {move || error.get().map(|e| view! { <span class="cell-error inline" role="alert">{e}</span> })}
        </label>
    }
}

/// Commits the text of the name field `ev` came from (the title, a metric's or tier's name)
/// with `apply`; a refused one puts `kept` back into the field. `None` when the typing was for
/// a plan no longer shown (nothing changes: `typed_for`), otherwise whether it was refused.
fn commit_name(
    store: PlanStore,
    ev: &web_sys::Event,
    kept: &str,
    apply: impl FnOnce(&mut Plan, &str) -> Result<(), SettingError>,
) -> Option<Result<(), SettingError>> {
    if !typed_for_plan_on_screen(store, ev) {
        return None;
    }
    let text = event_target_value(ev);
    let mut result = Ok(());
    store.edit(None, |p| result = apply(p, &text));
    if result.is_err() {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(kept);
        }
    }
    Some(result)
}

/// The words of one list editor, in the current language.
struct NameListLabels {
    /// The language of its messages.
    lang: Language,
    legend: &'static str,
    name: &'static str,
    remove: &'static str,
    add: &'static str,
}

/// An editable list of names (the metrics, the tiers): rename, remove (never the last one), add;
/// `extra` adds an item's own controls after its name.
fn name_list(
    store: PlanStore,
    labels: NameListLabels,
    names: Vec<String>,
    rename: fn(&mut Plan, usize, &str) -> Result<(), SettingError>,
    remove: fn(&mut Plan, usize),
    add: impl Fn(&mut Plan) + Send + Sync + 'static,
    extra: impl Fn(usize) -> AnyView,
) -> impl IntoView {
    let lang = labels.lang;
    let count = names.len();
    // A refused name: which field, and why (the field shows the name that stays).
    let refused = RwSignal::new(None::<(usize, SettingError)>);
    let items = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            view! {
                <div class="list-item">
                    <input
                        type="text"
                        aria-label=labels.name
                        maxlength=MAX_NAME_CHARS
                        prop:value=name.clone()
                        aria-invalid=move || refused.with(|r| r.is_some_and(|(at, _)| at == i)).to_string()
                        on:change=move |ev| {
                            if let Some(result) = commit_name(store, &ev, &name, |p, t| rename(p, i, t)) {
                                refused.set(result.err().map(|e| (i, e)));
                            }
                        }
                    />
                    {extra(i)}
                    <button
                        type="button"
                        class="icon danger"
                        disabled=count <= 1
                        aria-label=labels.remove
                        on:click=move |_| store.edit(None, |p| remove(p, i))
                    >
                        "✕"
                    </button>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="settings-group">
            <legend>{labels.legend}</legend>
            {items}
            {move || refused.get().map(|(_, e)| view! {
                <p class="cell-error inline" role="alert">{setting_refusal(e, lang.get())}</p>
            })}
            <button type="button" class="add" on:click=move |_| store.edit(None, &add)>
                {labels.add}
            </button>
        </fieldset>
    }
}

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let settings = store.settings();
    let label = move |zh: &'static str, en: &'static str| Signal::derive(move || lang.tr(zh, en));

    let title_refused = RwSignal::new(None::<SettingError>);
    let general = view! {
        <fieldset class="settings-group">
            <legend>{move || lang.tr("基本信息", "General")}</legend>
            <label class="setting">
                <span>{move || lang.tr("标题", "Title")}</span>
                <input
                    type="text"
                    data-testid="title"
                    maxlength=MAX_TITLE_CHARS
                    prop:value=move || {
                        // Shown again after an undo that leaves the plan as it was (typing
                        // committed by Ctrl+Z, then undone).
                        store.revision().track();
                        plan.with(|p| p.title.clone())
                    }
                    on:change=move |ev| {
                        let kept = plan.with_untracked(|p| p.title.clone());
                        if let Some(result) = commit_name(store, &ev, &kept, Plan::set_title) {
                            title_refused.set(result.err());
                        }
                    }
                />
                {move || title_refused.get().map(|e| view! {
                    <span class="cell-error inline" role="alert">{setting_refusal(e, lang.get())}</span>
                })}
            </label>
            <NumberSetting
                label=label("年份", "Year")
                testid="year"
                value=Signal::derive(move || plan.with(|p| Some(Decimal::from(p.year))))
                apply=move |v| {
                    let mut result = Ok(());
                    store.edit(None, |p| result = p.set_year(v));
                    result
                }
            />
            <label class="setting">
                <span>{move || lang.tr("金额单位", "Amount unit")}</span>
                <select
                    data-testid="amount-unit"
                    prop:value=move || plan.with(|p| p.unit.to_string())
                    on:change=move |ev| {
                        if let Some(unit) = AmountUnit::parse(&event_target_value(&ev)) {
                            store.edit(None, |p| p.unit = unit);
                        }
                    }
                >
                    {AmountUnit::ALL.iter().map(|u| {
                        let unit = *u;
                        view! { <option value=unit.to_string() lang="zh-CN">{unit.to_string()}{move || (lang.get() == Lang::En).then(|| in_english(unit))}</option> }
                    }).collect_view()}
                </select>
                <span class="hint">{move || lang.tr("只改标签，不换算已填数值", "Relabels; stored amounts are not converted")}</span>
            </label>
            <label class="setting">
                <span>{move || lang.tr("金额小数位", "Amount decimals")}</span>
                <select
                    prop:value=move || settings.with(|s| s.amount_decimals.map_or("default".to_string(), |d| d.to_string()))
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<u32>().ok();
                        store.edit(None, |p| p.settings.amount_decimals = v);
                    }
                >
                    <option value="default">{move || lang.tr("默认（万为0，亿为2）", "Default (0 for ten-thousands, 2 for hundred-millions)")}</option>
                    <option value="0">"0"</option>
                    <option value="1">"1"</option>
                    <option value="2">"2"</option>
                </select>
            </label>
            <label class="setting check">
                <input
                    type="checkbox"
                    data-testid="carryover-in-pace"
                    prop:checked=move || settings.with(|s| s.carryover_in_pace)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        store.edit(None, |p| p.settings.carryover_in_pace = on);
                    }
                />
                <span>{move || lang.tr("月均到帐包含上年结余", "Monthly pace includes the carry-over")}</span>
            </label>
        </fieldset>
    };

    let status = view! {
        <fieldset class="settings-group">
            <legend>{move || lang.tr("红黄绿阈值（比序时进度，个百分点）", "Status thresholds (points against schedule)")}</legend>
            <NumberSetting
                label=label("绿：不低于", "Green: at least")
                percent=true
                value=Signal::derive(move || settings.with(|s| Some(s.status_yellow)))
                apply=move |v| {
                    let red = settings.with_untracked(|s| s.status_red);
                    let mut result = Ok(());
                    if let Some(y) = v {
                        store.edit(None, |p| result = p.set_status_thresholds(y, red));
                    }
                    result
                }
            />
            <NumberSetting
                label=label("黄：不低于（再低为红）", "Yellow: at least (below is red)")
                percent=true
                value=Signal::derive(move || settings.with(|s| Some(s.status_red)))
                apply=move |v| {
                    let yellow = settings.with_untracked(|s| s.status_yellow);
                    let mut result = Ok(());
                    if let Some(r) = v {
                        store.edit(None, |p| result = p.set_status_thresholds(yellow, r));
                    }
                    result
                }
            />
        </fieldset>
    };

    let schedule = view! {
        <fieldset class="settings-group">
            <legend>{move || lang.tr("序时进度", "Schedule")}</legend>
            <NumberSetting
                label=label("本月手工指定（%，空白为按月计算）", "Prescribed for this month (%, blank: computed)")
                percent=true
                testid="schedule-override"
                value=Signal::derive(move || plan.with(|p| p.settings.schedule_override.filter(|o| o.month == p.month).map(|o| o.percent)))
                apply=move |v| {
                    let mut result = Ok(());
                    store.edit(None, |p| result = p.set_schedule_override(v));
                    result
                }
            />
            <label class="setting check">
                <input
                    type="checkbox"
                    prop:checked=move || settings.with(|s| s.schedule_weights.is_some())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let weights = on.then(|| [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(Decimal::from));
                        store.edit(None, |p| {
                            let _ = p.set_schedule_weights(weights);
                        });
                    }
                />
                <span>{move || lang.tr("按月权重计算（默认每月天数）", "Weighted months (days per month by default)")}</span>
            </label>
            {move || {
                settings.with(|s| s.schedule_weights).map(|weights| {
                    (0..12usize)
                        .map(|i| {
                            view! {
                                <NumberSetting
                                    label=Signal::derive(move || match lang.get() {
                                        Lang::Zh => ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"][i],
                                        Lang::En => ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][i],
                                    })
                                    value=Signal::derive(move || Some(weights[i]))
                                    apply=move |v| {
                                        let mut w = weights;
                                        w[i] = v.unwrap_or_default();
                                        let mut result = Ok(());
                                        store.edit(None, |p| result = p.set_schedule_weights(Some(w)));
                                        result
                                    }
                                />
                            }
                        })
                        .collect_view()
                })
            }}
        </fieldset>
    };

    // The lists are drawn again after every edit, undo and redo, also one that leaves the plan
    // as it was: typing committed by Ctrl+Z and then undone stayed in the field (a tester).
    let metrics = move || {
        store.revision().track();
        let list: Vec<(String, Option<String>)> = plan.with(|p| {
            p.metrics
                .iter()
                .map(|m| (m.name.clone(), m.unit.clone()))
                .collect()
        });
        let units: Vec<String> = list
            .iter()
            .map(|(_, u)| u.clone().unwrap_or_default())
            .collect();
        let new_name = lang.tr("新指标", "New metric");
        name_list(
            store,
            NameListLabels {
                lang,
                legend: lang.tr("指标", "Metrics"),
                name: lang.tr("指标名称", "Metric name"),
                remove: lang.tr("删除指标（可撤销）", "Remove metric (undoable)"),
                add: lang.tr("＋ 添加指标", "+ Add metric"),
            },
            list.into_iter().map(|(name, _)| name).collect(),
            Plan::rename_metric,
            Plan::remove_metric,
            move |p| {
                p.add_metric(new_name);
            },
            move |i| {
                view! {
                    <input
                        type="text"
                        class="short"
                        aria-label=lang.tr("单位（空白为计划单位，如“个”）", "Unit (blank: the plan's amount unit; a count's unit otherwise)")
                        placeholder=move || plan.with(|p| p.unit.to_string())
                        prop:value=units[i].clone()
                        on:change=move |ev| {
                            if !typed_for_plan_on_screen(store, &ev) {
                                return;
                            }
                            let t = event_target_value(&ev);
                            store.edit(None, |p| p.set_metric_unit(i, &t));
                        }
                    />
                }
                .into_any()
            },
        )
    };

    let tiers = move || {
        store.revision().track();
        let list: Vec<String> = plan.with(|p| p.tiers.iter().map(|t| t.name.clone()).collect());
        let new_name = lang.tr("新目标", "New tier");
        name_list(
            store,
            NameListLabels {
                lang,
                legend: lang.tr(
                    "目标档次（第一档决定红黄绿）",
                    "Target tiers (the first sets the status)",
                ),
                name: lang.tr("目标名称", "Tier name"),
                remove: lang.tr("删除目标（可撤销）", "Remove tier (undoable)"),
                add: lang.tr("＋ 添加目标档次", "+ Add tier"),
            },
            list,
            Plan::rename_tier,
            Plan::remove_tier,
            move |p| {
                p.add_tier(new_name);
            },
            move |i| {
                view! {
                    <button
                        type="button"
                        class="icon"
                        disabled=i == 0
                        aria-label=lang.tr("上移", "Move up")
                        on:click=move |_| store.edit(None, |p| p.move_tier(i, i - 1))
                    >
                        "↑"
                    </button>
                }
                .into_any()
            },
        )
    };

    view! {
        <section class="settings" data-testid="settings" aria-label=move || lang.tr("计划设置", "Plan settings")>
            {general}
            {status}
            {schedule}
            {metrics}
            {tiers}
        </section>
    }
}

/// An amount unit explained in English: ` (10,000 USD)`.
fn in_english(unit: AmountUnit) -> String {
    let scale = match unit.magnitude {
        Magnitude::Wan => "10,000",
        Magnitude::Yi => "100 million",
    };
    let currency = match unit.currency {
        Currency::Usd => "USD",
        Currency::Cny => "CNY",
    };
    format!(" ({scale} {currency})")
}
