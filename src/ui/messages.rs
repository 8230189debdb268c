//! The page's words for what the engine refuses: a typed entry, a setting, a pasted cell, a
//! pasted column left alone. The engine returns kinds (`Refusal`, `SettingError`, `Skip`); these
//! functions say them in either language.

use super::i18n::Lang;
use crate::engine::edit::SettingError;
use crate::engine::entry::edit_text;
use crate::engine::entry::{EntryError, Refusal};
use crate::engine::exact::MAX_DECIMALS;
use crate::engine::paste::{CellProblem, RowTarget, Skip, SumMismatch, UnitFit};
use crate::engine::plan::MAX_NAME_CHARS;

/// At most this many characters of a refused entry are quoted back.
const QUOTED_CHARS: usize = 40;

/// What was typed, as a message quotes it: whole, or its start and `…` (a tester's paste of
/// 100 000 characters into one cell came back as a message 26 000 px tall).
fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let start: String = chars.by_ref().take(QUOTED_CHARS).collect();
    if chars.next().is_some() {
        format!("{start}…")
    } else {
        start
    }
}

/// Why an entry was refused, naming what was typed: `“4762万元”无法识别：币种与单位“万美元”不符`.
pub fn entry_refusal(error: &EntryError, lang: Lang) -> String {
    let text = &quoted(&error.text);
    match lang {
        Lang::Zh => {
            let reason = match &error.refusal {
                Refusal::Percent => "这里填数值，不填百分比".to_string(),
                Refusal::OtherCurrency { expected } => format!("币种与单位“{expected}”不符"),
                Refusal::CurrencyWithoutMagnitude { expected } => {
                    format!("请写明万或亿，例如“4762{expected}”")
                }
                Refusal::Thousands => "千位分隔符后应恰好是三位数字".to_string(),
                Refusal::TwoPoints => "有两个小数点".to_string(),
                Refusal::NotANumber => "不是数字".to_string(),
                Refusal::TooLarge => "数值过大".to_string(),
                Refusal::TooManyDecimals => format!("小数位数过多（最多{MAX_DECIMALS}位）"),
                Refusal::Bracketed { negative } => {
                    format!("括号里的数如果是负数，请输入“{negative}”")
                }
            };
            format!("“{text}”无法识别：{reason}")
        }
        Lang::En => {
            let reason = match &error.refusal {
                Refusal::Percent => "enter a number here, not a percentage".to_string(),
                Refusal::OtherCurrency { expected } => {
                    format!("the currency does not match the unit {expected}")
                }
                Refusal::CurrencyWithoutMagnitude { expected } => {
                    format!("say 万 or 亿, e.g. \"4762{expected}\"")
                }
                Refusal::Thousands => {
                    "a thousands separator must be followed by three digits".to_string()
                }
                Refusal::TwoPoints => "it has two decimal points".to_string(),
                Refusal::NotANumber => "it is not a number".to_string(),
                Refusal::TooLarge => "the number is too large".to_string(),
                Refusal::TooManyDecimals => {
                    format!("too many decimal places (at most {MAX_DECIMALS})")
                }
                Refusal::Bracketed { negative } => {
                    format!("if the number in brackets is a negative, enter \"{negative}\"")
                }
            };
            format!("\"{text}\" was not accepted: {reason}")
        }
    }
}

/// Why a setting was refused.
pub fn setting_refusal(error: SettingError, lang: Lang) -> &'static str {
    match (error, lang) {
        (SettingError::ThresholdOrder, Lang::Zh) => "红色阈值不能高于黄色阈值",
        (SettingError::ThresholdOrder, Lang::En) => {
            "the red threshold cannot be above the yellow one"
        }
        (SettingError::PercentRange, Lang::Zh) => "序时进度应在 0 到 100 之间",
        (SettingError::PercentRange, Lang::En) => "the schedule must be between 0 and 100",
        (SettingError::Weights, Lang::Zh) => "权重不能为负，也不能全为 0",
        (SettingError::Weights, Lang::En) => "weights cannot be negative or all 0",
        (SettingError::Year, Lang::Zh) => "年份应为 1900 到 2999 之间的整数",
        (SettingError::Year, Lang::En) => "the year must be a whole number from 1900 to 2999",
        (SettingError::NameBlank, Lang::Zh) => "名称不能为空",
        (SettingError::NameBlank, Lang::En) => "the name cannot be blank",
        (SettingError::NameTaken, Lang::Zh) => "已有同名项，名称不能重复",
        (SettingError::NameTaken, Lang::En) => "another one already has this name",
    }
}

/// A unit's name refused in the grid, and the name it keeps: `单位名称不能为空，仍为“开发区”`.
pub fn unit_name_refused(error: SettingError, kept: &str, lang: Lang) -> String {
    let why = setting_refusal(error, lang);
    match lang {
        Lang::Zh => format!("单位名称：{why}，仍为“{kept}”"),
        Lang::En => format!("Unit name: {why}; it stays “{kept}”"),
    }
}

/// A pasted cell that does not read, with where it is: `第2行第3列（开发区 · 完成数）“12a”无法识别：不是数字`.
pub fn paste_problem(problem: &CellProblem, lang: Lang) -> String {
    let (line, column) = (problem.line, problem.column);
    let (unit, heading) = (&problem.unit, &problem.heading);
    let why = entry_refusal(&problem.error, lang);
    match lang {
        Lang::Zh => format!("第{line}行第{column}列（{unit} · {heading}）{why}"),
        Lang::En => format!("Row {line}, column {column} ({unit} · {heading}): {why}"),
    }
}

/// Why a pasted column is left alone.
pub fn skipped_column(why: Skip, lang: Lang) -> &'static str {
    match (why, lang) {
        (Skip::NoHeading, Lang::Zh) => "无标题",
        (Skip::NoHeading, Lang::En) => "no heading",
        (Skip::Derived, Lang::Zh) => "计算得出",
        (Skip::Derived, Lang::En) => "a computed figure",
        (Skip::UnknownMetric, Lang::Zh) => "未识别的指标",
        (Skip::UnknownMetric, Lang::En) => "no metric of the plan named",
        (Skip::UnknownTier, Lang::Zh) => "未识别的目标档",
        (Skip::UnknownTier, Lang::En) => "no target tier of the plan named",
        (Skip::UnknownColumn, Lang::Zh) => "未识别的列",
        (Skip::UnknownColumn, Lang::En) => "not a column Pace knows",
        (Skip::OutsideGrid, Lang::Zh) => "超出表格",
        (Skip::OutsideGrid, Lang::En) => "outside the grid",
        (Skip::Monthly, Lang::Zh) => "当月数，Pace 用累计数",
        (Skip::Monthly, Lang::En) => "a month's own amount; Pace keeps the year to date",
        (Skip::Ambiguous, Lang::Zh) => "与另一列相同，请选择用哪一列",
        (Skip::Ambiguous, Lang::En) => "another column says the same: choose which to use",
        (Skip::NotUsed, Lang::Zh) => "未选用",
        (Skip::NotUsed, Lang::En) => "not used",
        (Skip::OtherCurrency, Lang::Zh) => "币种与本计划不同",
        (Skip::OtherCurrency, Lang::En) => "another currency than the plan's",
        (Skip::GroupsInClosedMonth, Lang::Zh) => "已结月份不改分组（在当前月份修改）",
        (Skip::GroupsInClosedMonth, Lang::En) => {
            "a closed month keeps its groups (change them in the current month)"
        }
    }
}

/// A pasted column as the preview names it: its heading, or, in a block without headers, its
/// place in the grid (`PasteColumn::heading` is then the grid column's number): `第5列`.
pub fn pasted_column(heading: &str, has_headers: bool, lang: Lang) -> String {
    match (has_headers, lang) {
        (true, _) => heading.to_string(),
        (false, Lang::Zh) => format!("第{heading}列"),
        (false, Lang::En) => format!("Column {heading}"),
    }
}

/// Why a pasted row is not imported as a unit (`None` for a unit's row).
pub fn skipped_row(target: &RowTarget, lang: Lang) -> Option<String> {
    let text = match (target, lang) {
        (RowTarget::Unit(_) | RowTarget::NewUnit(_), _) => return None,
        (RowTarget::Subtotal { group: Some(_) }, Lang::Zh) => "小计由 Pace 计算，不导入".into(),
        (RowTarget::Subtotal { group: Some(_) }, Lang::En) => {
            "a subtotal: Pace computes it, not imported".into()
        }
        (RowTarget::Subtotal { group: None }, Lang::Zh) => {
            "合计（本计划无合计行）由 Pace 计算，不导入".into()
        }
        (RowTarget::Subtotal { group: None }, Lang::En) => {
            "a total (the plan has no total row): Pace computes it, not imported".into()
        }
        (RowTarget::SheetTotal { whole }, Lang::Zh) => format!(
            "表中缺少本计划的部分单位，这是表中各行的合计，只作核对，不作为{whole}数导入（若它就是{whole}数，把名称改为“{whole}合计”再粘贴）"
        ),
        (RowTarget::SheetTotal { whole }, Lang::En) => format!(
            "the sheet leaves out some of the plan's units, so this is its rows' total: checked, not imported as {whole}'s figures (if it is {whole}'s, name the row “{whole}合计” and paste again)"
        ),
        (RowTarget::Section(group), Lang::Zh) => {
            format!("分组标题：其下尚未分组的单位归入“{group}”")
        }
        (RowTarget::Section(group), Lang::En) => {
            format!("a section heading: the units under it without a group go into “{group}”")
        }
        (RowTarget::NewInClosedMonth(_), Lang::Zh) => {
            "本计划没有此单位；已结月份不能新增单位，不导入（请在当前月份添加）".into()
        }
        (RowTarget::NewInClosedMonth(_), Lang::En) => {
            "not a unit of the plan: a closed month takes no new units, not imported (add it in the current month)".into()
        }
        (RowTarget::Note, Lang::Zh) => "说明文字，不导入".into(),
        (RowTarget::Note, Lang::En) => "a note, not imported".into(),
        (RowTarget::Outside, Lang::Zh) => "超出表格".into(),
        (RowTarget::Outside, Lang::En) => "outside the grid".into(),
        (RowTarget::Unnamed, Lang::Zh) => "没有单位名称，不导入".into(),
        (RowTarget::Unnamed, Lang::En) => "no unit name, not imported".into(),
        (RowTarget::TooLongName, Lang::Zh) => {
            format!("名称超过{MAX_NAME_CHARS}个字，不是单位名称，不导入")
        }
        (RowTarget::TooLongName, Lang::En) => {
            format!("a name of more than {MAX_NAME_CHARS} characters is no unit's, not imported")
        }
    };
    Some(text)
}

/// What happens to a sheet that states its own amount unit (`None` when it is the plan's).
pub fn unit_fit(fit: &UnitFit, plan_unit: &str, lang: Lang) -> Option<String> {
    Some(match (fit, lang) {
        (UnitFit::Same, _) => return None,
        (UnitFit::Converted(sheet), Lang::Zh) => {
            format!("表格单位为{}，金额已换算为{plan_unit}", sheet.label)
        }
        (UnitFit::Converted(sheet), Lang::En) => {
            format!("The sheet is in {}; amounts are converted into {plan_unit}", sheet.label)
        }
        (UnitFit::OtherCurrency(sheet), Lang::Zh) => format!(
            "表格单位为{}，本计划为{plan_unit}：币种不同，金额列不导入（请换算后再粘贴）",
            sheet.label
        ),
        (UnitFit::OtherCurrency(sheet), Lang::En) => format!(
            "The sheet is in {}, the plan in {plan_unit}: another currency, so no amount is imported (convert it first)",
            sheet.label
        ),
    })
}

/// A subtotal or total row that is not the sum of its units: `第5行“乡镇” · 完成数：表中 1200，各单位合计 1150`.
pub fn sum_mismatch(mismatch: &SumMismatch, lang: Lang) -> String {
    let (pasted, summed) = (
        edit_text(Some(mismatch.pasted)),
        edit_text(Some(mismatch.summed)),
    );
    let (line, name, heading) = (mismatch.line, &mismatch.name, &mismatch.heading);
    match lang {
        Lang::Zh => {
            format!("第{line}行“{name}” · {heading}：表中为 {pasted}，各单位相加为 {summed}")
        }
        Lang::En => format!(
            "Row {line} “{name}” · {heading}: the sheet says {pasted}, its units add up to {summed}"
        ),
    }
}

/// The rows above the headings that were skipped.
pub fn title_rows(rows: usize, lang: Lang) -> Option<String> {
    Some(match (rows, lang) {
        (0, _) => return None,
        (1, Lang::Zh) => "第1行是表格标题，不导入".into(),
        (n, Lang::Zh) => format!("第1–{n}行是表格标题，不导入"),
        (1, Lang::En) => "Row 1 is the sheet's title, not imported".into(),
        (n, Lang::En) => format!("Rows 1–{n} are the sheet's title, not imported"),
    })
}

/// How a [`listed`] line reads: rows of the sheet, each a clause (`；`, `另有3行`), or plain
/// names (`、`, `另有3个`).
#[derive(Clone, Copy)]
enum Listing {
    Rows,
    Names,
}

/// The first 12 of `items`, each worded by `item`, joined in the language's way, with how many
/// more there are (`“城关” → 城关镇；…；另有3行`, `“甲”、“乙”、另有3个`); `None` when there are
/// none.
fn listed<T>(
    items: &[T],
    listing: Listing,
    lang: Lang,
    item: impl Fn(&T) -> String,
) -> Option<String> {
    const SHOWN: usize = 12;
    if items.is_empty() {
        return None;
    }
    let separator = match (listing, lang) {
        (Listing::Rows, Lang::Zh) => "；",
        (Listing::Names, Lang::Zh) => "、",
        (Listing::Rows, Lang::En) => "; ",
        (Listing::Names, Lang::En) => ", ",
    };
    let mut text = items
        .iter()
        .take(SHOWN)
        .map(item)
        .collect::<Vec<_>>()
        .join(separator);
    let more = items.len().saturating_sub(SHOWN);
    if more > 0 {
        text.push_str(separator);
        text.push_str(&match (listing, lang) {
            (Listing::Rows, Lang::Zh) => format!("另有{more}行"),
            (Listing::Names, Lang::Zh) => format!("另有{more}个"),
            (Listing::Rows, Lang::En) => format!("{more} more rows"),
            (Listing::Names, Lang::En) => format!("{more} more"),
        });
    }
    Some(text)
}

/// The units a paste adds (`Paste::new_unit_names`), the first 12 named: a unit with no
/// figures has no line among the changes, and a clerk must see what is added (a tester's
/// `填报单位（盖章）` was a new unit nobody was shown).
pub fn new_unit_names(names: &[&str], lang: Lang) -> Option<String> {
    let list = listed(names, Listing::Names, lang, |name| format!("“{name}”"))?;
    Some(match lang {
        Lang::Zh => format!("新增单位：{list}"),
        Lang::En => format!("New units: {list}"),
    })
}

/// The changes a paste makes to the plan's whole (`Paste::whole_changes`), said first: a sheet's
/// 合计 row replaces the city's figures (`None` when it changes none of them).
pub fn whole_changes(count: usize, whole: &str, lang: Lang) -> Option<String> {
    Some(match (count, lang) {
        (0, _) => return None,
        (n, Lang::Zh) => format!("将修改{whole}的 {n} 项数字（列在下表最前）"),
        (1, Lang::En) => format!("1 of {whole}'s figures changes (listed first below)"),
        (n, Lang::En) => format!("{n} of {whole}'s figures change (listed first below)"),
    })
}

/// Rows matched to their units by the name written otherwise (`Paste::other_form_matches`, as
/// `(pasted name, unit's name)`): one line naming the first 12 (`None` when there are none).
pub fn short_names(matched: &[(&str, &str)], lang: Lang) -> Option<String> {
    let list = listed(matched, Listing::Rows, lang, |(pasted, unit)| {
        format!("“{pasted}” → {unit}")
    })?;
    Some(match lang {
        Lang::Zh => format!("按简称或全称对应到本计划的单位：{list}"),
        Lang::En => format!("Matched to the plan's units by a shorter or longer name: {list}"),
    })
}

/// Rows not matched to the unit their name written otherwise finds, since another row of the
/// sheet reaches that unit too (`Paste::contested_forms`, as `(pasted name, unit's name)`): they
/// are new units; one line naming the first 12 (`None` when there are none).
pub fn contested_forms(contested: &[(&str, &str)], lang: Lang) -> Option<String> {
    let list = listed(
        contested,
        Listing::Rows,
        lang,
        |(pasted, unit)| match lang {
            Lang::Zh => format!("“{pasted}”（本表另有一行也对应{unit}）"),
            Lang::En => format!("“{pasted}” (another row of the sheet also goes to {unit})"),
        },
    )?;
    Some(match lang {
        Lang::Zh => format!("作为新单位导入：{list}。若是同一单位，请只留一行再粘贴"),
        Lang::En => format!(
            "Imported as new units: {list}. If they are one unit, keep one row and paste again"
        ),
    })
}

/// New units whose names could be several of the plan's (`Paste::ambiguous_names`): none is
/// guessed; one line naming the first 12 (`None` when there are none).
pub fn ambiguous_names(ambiguous: &[(&str, Vec<&str>)], lang: Lang) -> Option<String> {
    let list = listed(
        ambiguous,
        Listing::Rows,
        lang,
        |(pasted, units)| match lang {
            Lang::Zh => format!("“{pasted}”（可能是{}）", units.join("或")),
            Lang::En => format!("“{pasted}” (could be {})", units.join(" or ")),
        },
    )?;
    Some(match lang {
        Lang::Zh => format!("无法确定是哪个单位，作为新单位导入：{list}。请在表中写全称再粘贴"),
        Lang::En => format!(
            "Not sure which unit, imported as new units: {list}. Write the full name in the sheet and paste again"
        ),
    })
}

/// The line after the first lines of a long list in the paste preview: how many are not shown.
pub fn not_listed(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("……另有 {more} 条未列出"),
        Lang::En => format!("… and {more} more not listed"),
    }
}

/// A unit that several rows of a pasted sheet go to (`Paste::repeated_units`): which rows, and
/// that the last one's figures are imported.
pub fn repeated_unit(unit: &str, lines: &[usize], lang: Lang) -> String {
    // The first 12 rows are named (a tester's 40 000 rows of one unit made one line of them all).
    const SHOWN: usize = 12;
    let last = lines.last().copied().unwrap_or_default();
    // One more is named rather than counted.
    let more = match lines.len().saturating_sub(SHOWN) {
        1 => 0,
        more => more,
    };
    let all = |sep: &str| {
        let mut text = lines
            .iter()
            .take(if more > 0 { SHOWN } else { lines.len() })
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(sep);
        if more > 0 {
            text.push_str(&match lang {
                Lang::Zh => format!("行等共{}", lines.len()),
                Lang::En => format!(" and {more} more"),
            });
        }
        text
    };
    match lang {
        Lang::Zh => format!("第{}行都是“{unit}”：导入的是第{last}行的数", all("、")),
        Lang::En if lines.len() == 2 => format!(
            "Rows {} are both “{unit}”: the figures of row {last} are imported",
            all(" and ")
        ),
        Lang::En => format!(
            "Rows {} are all “{unit}”: the figures of row {last} are imported",
            all(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::amount_unit::{AmountUnit, MeasureUnit};
    use crate::engine::entry::parse_entry;

    #[test]
    fn a_long_refused_entry_is_quoted_by_its_start() {
        let unit = MeasureUnit::Amount(AmountUnit::default());
        let long = "1a".repeat(50_000);
        let error = parse_entry(&long, &unit).unwrap_err();
        let zh = entry_refusal(&error, Lang::Zh);
        assert_eq!(zh, format!("“{}…”无法识别：不是数字", "1a".repeat(20)));
        let en = entry_refusal(&error, Lang::En);
        assert!(
            en.starts_with(&format!("\"{}…\" was not accepted", "1a".repeat(20))),
            "{en}"
        );
        // A short entry whole, and exactly 40 characters without `…`.
        let error = parse_entry(&"x".repeat(40), &unit).unwrap_err();
        assert_eq!(
            entry_refusal(&error, Lang::Zh),
            format!("“{}”无法识别：不是数字", "x".repeat(40))
        );
    }

    #[test]
    fn two_rows_of_one_unit_are_both_in_english() {
        assert_eq!(
            repeated_unit("开发区", &[2, 3], Lang::En),
            "Rows 2 and 3 are both “开发区”: the figures of row 3 are imported"
        );
        assert_eq!(
            repeated_unit("开发区", &[2, 3, 5], Lang::En),
            "Rows 2, 3, 5 are all “开发区”: the figures of row 5 are imported"
        );
        assert_eq!(
            repeated_unit("开发区", &[2, 3], Lang::Zh),
            "第2、3行都是“开发区”：导入的是第3行的数"
        );
        // Many rows: the first 12 are named, then how many in all (or more).
        let many: Vec<usize> = (2..=40_001).collect();
        assert_eq!(
            repeated_unit("开发区", &many, Lang::Zh),
            "第2、3、4、5、6、7、8、9、10、11、12、13行等共40000行都是“开发区”：导入的是第40001行的数"
        );
        assert_eq!(
            repeated_unit("开发区", &many, Lang::En),
            "Rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 and 39988 more are all “开发区”: the figures of row 40001 are imported"
        );
        let thirteen: Vec<usize> = (1..=13).collect();
        assert!(repeated_unit("开发区", &thirteen, Lang::En)
            .starts_with("Rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 are all"));
    }

    #[test]
    fn refusals_name_the_text_and_the_reason_in_either_language() {
        let unit = MeasureUnit::Amount(AmountUnit::WAN_USD);
        let err = parse_entry(" 4762万元 ", &unit).unwrap_err();
        assert_eq!(
            entry_refusal(&err, Lang::Zh),
            "“4762万元”无法识别：币种与单位“万美元”不符"
        );
        assert_eq!(
            entry_refusal(&err, Lang::En),
            "\"4762万元\" was not accepted: the currency does not match the unit 万美元"
        );
        let err = parse_entry("0.00000000001", &unit).unwrap_err();
        assert_eq!(
            entry_refusal(&err, Lang::Zh),
            "“0.00000000001”无法识别：小数位数过多（最多10位）"
        );
    }

    #[test]
    fn paste_notes_name_twelve_rows_and_count_the_rest() {
        assert_eq!(short_names(&[], Lang::Zh), None);
        let pairs = [("城关", "城关镇"), ("东林", "东林镇")];
        assert_eq!(
            short_names(&pairs, Lang::Zh).as_deref(),
            Some("按简称或全称对应到本计划的单位：“城关” → 城关镇；“东林” → 东林镇")
        );
        let many = vec![("西塘", "西塘镇"); 14];
        let zh = contested_forms(&many, Lang::Zh).unwrap_or_default();
        assert_eq!(zh.matches("（本表另有一行也对应西塘镇）").count(), 12);
        assert!(
            zh.ends_with("；另有2行。若是同一单位，请只留一行再粘贴"),
            "{zh}"
        );
        assert_eq!(
            ambiguous_names(&[("城东", vec!["城东镇", "城东街道"])], Lang::Zh).as_deref(),
            Some("无法确定是哪个单位，作为新单位导入：“城东”（可能是城东镇或城东街道）。请在表中写全称再粘贴")
        );
        let en = contested_forms(&many, Lang::En).unwrap_or_default();
        assert!(en.contains("; 2 more rows. If they are one unit"), "{en}");
        // Names are a list of names, not of rows (they were joined with ；, a tester).
        let names: Vec<String> = (1..=13).map(|n| format!("甲{n}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            new_unit_names(&names[..2], Lang::Zh).as_deref(),
            Some("新增单位：“甲1”、“甲2”")
        );
        let zh = new_unit_names(&names, Lang::Zh).unwrap_or_default();
        assert!(zh.ends_with("、“甲12”、另有1个"), "{zh}");
        let en = new_unit_names(&names, Lang::En).unwrap_or_default();
        assert!(en.ends_with(", “甲12”, 1 more"), "{en}");
    }
}
