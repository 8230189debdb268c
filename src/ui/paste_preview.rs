//! 粘贴预览: a block pasted into the units grid (from Excel or WPS) is shown before anything
//! changes — which columns were recognised, each value that would change, the units that would
//! be added, the cells that do not read — with a 空白视为0 switch per column. Confirming applies
//! it as one undo step; cancelling leaves the plan as it was.

use super::i18n::{english_count, Lang, Language};
use super::messages::{
    ambiguous_names, contested_forms, new_unit_names, not_listed, paste_problem, pasted_column,
    repeated_unit, short_names, skipped_column, skipped_row, sum_mismatch, title_rows, unit_fit,
    whole_changes,
};
use super::unit_grid::field_label;
use crate::engine::entry::edit_text;
use crate::engine::paste::{
    analyse, analyse_sheet, apply, grid_columns, parse_block, Change, ColumnRole, Paste,
    PasteChoices, RowTarget, Skip, MAX_PASTE_COLUMNS,
};
use crate::engine::plan::{Plan, DEFAULT_TOTAL_NAME};
use crate::store::view::{Tab, ViewState};
use crate::store::PlanStore;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// How many changes the preview lists (all are applied).
const LISTED: usize = 200;

/// Pasted cells and the grid cell (unit, column) they were pasted at; none for a whole sheet (a
/// file, 粘贴导入), which its headings place.
type Block = (Vec<Vec<String>>, Option<(usize, usize)>);

/// A pasted block waiting for confirmation.
#[derive(Clone, Copy)]
pub struct PendingPaste {
    block: RwSignal<Option<Block>>,
    choices: RwSignal<PasteChoices>,
    /// How many blocks were offered so far: tells whose preview is shown.
    offered: RwSignal<u64>,
}

impl PendingPaste {
    /// One pending paste for the page (the grid, the header's 粘贴导入 and opened sheet files
    /// all offer theirs here), in context.
    pub fn provide() -> PendingPaste {
        let pending = PendingPaste {
            block: RwSignal::new(None),
            choices: RwSignal::new(PasteChoices::default()),
            offered: RwSignal::new(0),
        };
        provide_context(pending);
        pending
    }

    pub fn expect() -> PendingPaste {
        expect_context()
    }

    /// Takes pasted text. Only blocks (several cells) are previewed; `false` leaves a single
    /// value to the cell's own paste.
    pub fn offer(&self, text: &str, anchor: (usize, usize)) -> bool {
        if !text
            .trim_end_matches(['\r', '\n'])
            .contains(['\t', '\n', '\r'])
        {
            return false;
        }
        self.choices.set(PasteChoices::default());
        self.block.set(Some((parse_block(text), Some(anchor))));
        self.offered.update(|n| *n = n.wrapping_add(1));
        true
    }

    /// Which offer the open preview shows (a count of the offers so far), if one is open
    /// (tracked): the workbook whose sheet it was keeps its sheet choice only while it shows.
    pub fn showing(&self) -> Option<u64> {
        self.block.with(Option::is_some).then(|| self.offered.get())
    }

    /// The count of offers so far (the next preview's is one more).
    pub fn offers(&self) -> u64 {
        self.offered.get_untracked()
    }

    /// Takes a whole sheet (pasted into the header's 粘贴导入, or read from a .csv/.xlsx file)
    /// and shows its preview on the 录入数据 tab; its headings say what each column is.
    pub fn offer_cells(&self, cells: Vec<Vec<String>>) {
        self.choices.set(PasteChoices::default());
        self.block.set(Some((cells, None)));
        self.offered.update(|n| *n = n.wrapping_add(1));
        if let Some(view) = use_context::<ViewState>() {
            view.tab.set(Tab::Entry);
        }
    }
}

fn value_text(value: Option<Decimal>, lang: Language) -> String {
    match value {
        Some(v) => edit_text(Some(v)),
        None => lang.tr("未报", "not reported").to_string(),
    }
}

fn unit_name(plan: &Plan, paste: &Paste, row: usize) -> String {
    match paste.rows.get(row).map(|r| &r.target) {
        Some(RowTarget::Unit(i)) => plan
            .units
            .get(*i)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        Some(RowTarget::NewUnit(name)) => name.clone(),
        _ => String::new(),
    }
}

#[component]
pub fn PastePreview(pending: PendingPaste) -> impl IntoView {
    let store = PlanStore::expect();
    let lang = Language::expect();
    let plan = store.plan();
    let analysis = Memo::new(move |_| {
        let mut choices = pending.choices.get();
        choices.figures_only = store.editing_closed().get();
        pending.block.with(|block| {
            block.as_ref().map(|(cells, anchor)| {
                plan.with(|p| match anchor {
                    Some(anchor) => analyse(p, cells, *anchor, &choices),
                    None => analyse_sheet(p, cells, &choices),
                })
            })
        })
    });
    let close = move || pending.block.set(None);
    let confirm = move |_| {
        if let Some(paste) = analysis.get_untracked().filter(|p| !p.needs_choice()) {
            store.edit(None, |p| apply(p, &paste));
        }
        close();
    };

    move || {
        analysis.get().map(|paste| {
            // A sheet that cannot be read: why (test id, words), nothing else, and 关闭.
            let refusal = move |test_id: &'static str, why: Box<dyn Fn() -> String + Send + Sync>| {
                view! {
                    <div class="paste-preview banner panel" role="dialog" tabindex="-1" id="paste-preview" data-testid="paste-preview"
                        aria-label=move || lang.tr("粘贴预览", "Paste preview")>
                        <p role="alert" data-testid=test_id>{move || why()}</p>
                        <button type="button" class="link" data-testid="paste-cancel" on:click=move |_| close()>
                            {move || lang.tr("关闭", "Close")}
                        </button>
                    </div>
                }
                .into_any()
            };
            if let Some(width) = paste.too_wide {
                return refusal("paste-too-wide", Box::new(move || match lang.get() {
                    Lang::Zh => format!("表格过宽：第 {width} 列还有内容，最多读取 {MAX_PASTE_COLUMNS} 列。请删去右侧多余的列（或只复制需要导入的区域）后再试，没有任何改动。"),
                    Lang::En => format!("The sheet is too wide: column {width} has text, and at most {MAX_PASTE_COLUMNS} columns are read. Delete the extra columns on the right (or copy only the part to import) and try again; nothing was changed."),
                }));
            }
            if paste.no_headings {
                return refusal("paste-no-headings", Box::new(move || {
                    lang.tr(
                        "没有找到表头：整张表格（文件或粘贴导入）按第一行的表头（如“单位”“完成数”“考核目标”）导入，没有表头就不知道各列是什么。请加上表头再导入，或在录入数据的表格中选中起始单元格后粘贴这些数字。没有任何改动。",
                        "No headings found: a whole sheet (a file, or Paste in) is imported by the headings in its first row (such as 单位 for the unit, 完成数 for the actual, or a metric's or target's name); without them the columns cannot be known. Add headings and import it again, or select the starting cell in Enter data's grid and paste the figures there. Nothing was changed.",
                    )
                    .to_string()
                }));
            }
            let bad = paste.problems.len();
            let nothing = paste.changes_nothing();
            let summary = match lang.get() {
                Lang::Zh if nothing => format!(
                    "没有要导入的改动：粘贴的内容与当前计划相同，或没有读到可导入的列{}。",
                    if bad > 0 { format!("；{bad} 个单元格无法识别") } else { String::new() }
                ),
                Lang::En if nothing => format!(
                    "Nothing to import: the pasted figures are the plan's already, or no column could be imported{}.",
                    if bad > 0 { format!("; {} not read", english_count(bad, "cell")) } else { String::new() }
                ),
                Lang::Zh => format!(
                    "将修改 {} 处，新增 {} 个单位{}。",
                    paste.changes.len(),
                    paste.new_units(),
                    if bad > 0 { format!("；{bad} 个单元格无法识别，不会导入") } else { String::new() }
                ),
                Lang::En => format!(
                    "{}, {}{}.",
                    english_count(paste.changes.len(), "change"),
                    english_count(paste.new_units(), "new unit"),
                    if bad > 0 {
                        format!("; {} not read and not imported", english_count(bad, "cell"))
                    } else {
                        String::new()
                    }
                ),
            };
            // The roles a column can be given: not imported, or one of the grid's fields.
            let offered = plan.with_untracked(grid_columns);
            // An offered role's name (only the grid's fields are offered).
            let role_label = move |role: &ColumnRole| {
                plan.with_untracked(|p| match role {
                    ColumnRole::Name => lang.tr("单位名称", "Unit name").to_string(),
                    ColumnRole::Group => lang.tr("分组", "Group").to_string(),
                    ColumnRole::Value { metric, field } => format!(
                        "{} · {}",
                        p.metrics.get(*metric).map_or("", |x| x.name.as_str()),
                        field_label(field, &p.tiers, lang.get_untracked())
                    ),
                    ColumnRole::Seq | ColumnRole::Ignored(_) => lang.tr("不导入", "skip").to_string(),
                })
            };
            let shared = paste.clone();
            let columns = paste
                .columns
                .iter()
                .enumerate()
                .map(|(c, column)| {
                    // What the select cannot say: why a column is left out.
                    let why = match column.role {
                        ColumnRole::Ignored(why) => Some(skipped_column(why, lang.get_untracked())),
                        ColumnRole::Seq => Some(lang.tr("序号", "numbering")),
                        _ => None,
                    };
                    let is_value = matches!(column.role, ColumnRole::Value { .. });
                    let ambiguous = column.role == ColumnRole::Ignored(Skip::Ambiguous);
                    let checked = column.blank_as_zero;
                    let selected = offered.iter().position(|r| *r == column.role);
                    let options = offered
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            view! { <option value=i.to_string() selected=selected == Some(i)>{role_label(r)}</option> }
                        })
                        .collect_view();
                    let offered = offered.clone();
                    let shared = shared.clone();
                    let on_choose = move |ev: leptos::ev::Event| {
                        let value = event_target_value(&ev);
                        let role = value
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| offered.get(i).cloned())
                            .unwrap_or(ColumnRole::Ignored(Skip::NotUsed));
                        pending.choices.update(|ch| ch.choose(&shared, c, role));
                    };
                    let heading = pasted_column(&column.heading, paste.header_rows > 0, lang.get_untracked());
                    let aria = format!("{}{}", lang.tr("导入为：", "Import as: "), heading);
                    view! {
                        <li class:ambiguous=ambiguous data-testid="paste-column">
                            <span class="heading">{heading}</span>
                            " → "
                            <select data-testid="paste-choose" aria-label=aria on:change=on_choose>
                                <option value="skip" selected=selected.is_none()>{lang.tr("不导入", "skip")}</option>
                                {options}
                            </select>
                            {why.map(|why| view! { <span class="muted" data-testid="paste-why">{why}</span> })}
                            <Show when=move || is_value>
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-testid="blank-as-zero"
                                        prop:checked=checked
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            pending.choices.update(|ch| ch.set_blank_as_zero(c, on));
                                        }
                                    />
                                    {move || lang.tr("空白视为0", "blank = 0")}
                                </label>
                            </Show>
                        </li>
                    }
                })
                .collect_view();
            let changes = plan.with_untracked(|p| {
                paste
                    .changes_whole_first(p)
                    .into_iter()
                    .take(LISTED)
                    .map(|ch| {
                        let unit = unit_name(p, &paste, ch.row);
                        let (what, before, after) = match &ch.change {
                            Change::Value { metric, field, before, after } => (
                                format!("{} · {}", p.metrics.get(*metric).map_or("", |x| x.name.as_str()), field_label(field, &p.tiers, lang.get_untracked())),
                                value_text(*before, lang),
                                value_text(*after, lang),
                            ),
                            Change::Name { before, after } => (lang.tr("名称", "Name").to_string(), before.clone(), after.clone()),
                            Change::Group { before, after } => (
                                lang.tr("分组", "Group").to_string(),
                                before.clone().unwrap_or_default(),
                                after.clone().unwrap_or_default(),
                            ),
                        };
                        let is_new = matches!(paste.rows.get(ch.row).map(|r| &r.target), Some(RowTarget::NewUnit(_)));
                        view! {
                            <tr class:new-unit=is_new>
                                <td>{unit}{is_new.then(|| lang.tr("（新增）", " (new)"))}</td>
                                <td>{what}</td>
                                <td class="num">{before}</td>
                                <td class="num">{after}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            });
            let more = paste.changes.len().saturating_sub(LISTED);
            // Each list shows its first LISTED lines (a tester's 9 MB of chat had a line per row,
            // and drawing them froze the page), then how many more there are.
            let more_line = |more: usize| (more > 0).then(|| view! { <li class="muted">{not_listed(more, lang.get_untracked())}</li> });
            let problems = paste
                .problems
                .iter()
                .take(LISTED)
                .map(|p| view! { <li>{paste_problem(p, lang.get_untracked())}</li> })
                .collect_view();
            let more_problems = more_line(paste.problems.len().saturating_sub(LISTED));
            let (repeated, more_repeated) = plan.with_untracked(|p| {
                let units = paste.repeated_units(p);
                let more = more_line(units.len().saturating_sub(LISTED));
                let listed = units
                    .into_iter()
                    .take(LISTED)
                    .map(|(name, lines)| view! { <li>{repeated_unit(&name, &lines, lang.get_untracked())}</li> })
                    .collect_view();
                (listed, more)
            });
            let row_label = move |line: usize| match lang.get_untracked() {
                Lang::Zh => format!("第{line}行"),
                Lang::En => format!("Row {line}"),
            };
            let mut skipped_rows = paste
                .rows
                .iter()
                .filter_map(|r| Some((r, skipped_row(&r.target, lang.get_untracked())?)));
            let skipped = skipped_rows
                .by_ref()
                .take(LISTED)
                .map(|(r, why)| view! { <li>{format!("{} {}{}{why}", row_label(r.line), r.name, lang.colon())}</li> })
                .collect_view();
            let more_skipped = more_line(skipped_rows.count());
            let matched = plan.with_untracked(|p| short_names(&paste.other_form_matches(p), lang.get_untracked()));
            let contested = plan.with_untracked(|p| contested_forms(&paste.contested_forms(p), lang.get_untracked()));
            let notes = [
                plan.with_untracked(|p| whole_changes(paste.whole_changes(p), p.total_name().unwrap_or(DEFAULT_TOTAL_NAME), lang.get_untracked())),
                title_rows(paste.title_rows, lang.get_untracked()),
                new_unit_names(&paste.new_unit_names(), lang.get_untracked()),
                matched,
                contested,
                plan.with_untracked(|p| ambiguous_names(&paste.ambiguous_names(p), lang.get_untracked())),
                plan.with_untracked(|p| unit_fit(&paste.unit_fit, &p.unit.to_string(), lang.get_untracked())),
            ]
            .into_iter()
            .flatten()
            .map(|text| view! { <li>{text}</li> })
            .collect_view();
            let mismatches = paste
                .mismatches
                .iter()
                .take(LISTED)
                .map(|m| view! { <li class="mismatch">{sum_mismatch(m, lang.get_untracked())}</li> })
                .collect_view();
            let more_mismatches = more_line(paste.mismatches.len().saturating_sub(LISTED));
            let needs_choice = paste.needs_choice();
            view! {
                <div class="paste-preview banner panel" role="dialog" tabindex="-1" id="paste-preview" data-testid="paste-preview"
                    aria-label=move || lang.tr("粘贴预览", "Paste preview")>
                    <h3>{move || lang.tr("粘贴预览：确认前不会改动任何数据", "Paste preview: nothing changes until you confirm")}</h3>
                    <p data-testid="paste-summary">{summary}</p>
                    <ul class="paste-notes" data-testid="paste-notes">{notes}</ul>
                    <Show when=move || store.read_only().get()>
                        <p class="paste-choice" role="alert" data-testid="paste-read-only">
                            {move || lang.tr("正在查看只读数据（已结月份，或更新版本保存的数据），不能导入；请先回到当前月份。", "The data on screen is read-only (a closed month, or saved by a newer Pace): go back to the current month to import.")}
                        </p>
                    </Show>
                    <Show when=move || needs_choice>
                        <p class="paste-choice" role="alert" data-testid="paste-needs-choice">
                            {move || lang.tr("有两列对应同一项，请在下方为其中一列选择导入，另一列选“不导入”。", "Two columns say the same field: choose below which one to import.")}
                        </p>
                    </Show>
                    <ul class="paste-columns">{columns}</ul>
                    <div class="paste-changes" hidden=nothing>
                        <table class="results">
                            <thead><tr>
                                <th>{move || lang.tr("单位", "Unit")}</th>
                                <th>{move || lang.tr("项目", "Field")}</th>
                                <th class="num">{move || lang.tr("原值", "Before")}</th>
                                <th class="num">{move || lang.tr("新值", "After")}</th>
                            </tr></thead>
                            <tbody>{changes}</tbody>
                        </table>
                        <Show when=move || { more > 0 }>
                            <p class="muted">{move || match lang.get() {
                                Lang::Zh => format!("另有 {more} 处修改未列出，确认后一并导入。"),
                                Lang::En => format!("{more} more changes not listed are applied too."),
                            }}</p>
                        </Show>
                    </div>
                    <ul class="paste-problems" data-testid="paste-problems">{repeated}{more_repeated}{problems}{more_problems}{mismatches}{more_mismatches}</ul>
                    // Rows read as what they are (titles, subtotals, notes): information, not
                    // trouble, so not in red (a tester read them as errors).
                    <ul class="paste-notes paste-skipped" data-testid="paste-skipped">{skipped}{more_skipped}</ul>
                    <div class="paste-actions">
                        <Show when=move || !nothing>
                            <button type="button" data-testid="paste-apply" disabled=needs_choice on:click=confirm>
                                {move || lang.tr("确认导入", "Apply")}
                            </button>
                        </Show>
                        <button type="button" class="link" data-testid="paste-cancel" on:click=move |_| close()>
                            {move || if nothing { lang.tr("关闭", "Close") } else { lang.tr("取消", "Cancel") }}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        })
    }
}
