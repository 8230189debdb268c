//! Import and file errors in the page's language. The engine says what went wrong and where
//! (`ImportError`: a `Fault`, a `Place` in the plan's terms and the JSON path); these plain
//! functions word it, in Chinese or English, naming the place as the page names it
//! (`第4个单位“乡镇甲”的注册外资实际到帐·加压目标：应为数字`), with the JSON path as the technical
//! detail (`位置：units[3].figures.arrived.targets.stretch`). Plain Rust, so unit-tested natively.

use super::i18n::Lang;
use crate::engine::interchange::{Fault, Field, ImportError, Item, Named, Part, Place};
use crate::engine::library::Unreadable;
use crate::engine::vault::SetAside;
use crate::engine::workbook::WorkbookError;
use leptos::prelude::*;
use std::fmt::{Display, Write};

/// A message and, shown smaller beside it, its technical detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worded {
    pub text: String,
    pub detail: Option<String>,
}

/// Why a document did not open, or a plan did not go out: what the import, share and export
/// banners say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// The browser could not read the picked or dropped file (moved, deleted, no permission);
    /// its own message is the detail.
    FileUnreadable(String),
    /// The file is not UTF-8 text: GBK (what Chinese Windows saves as “ANSI”), UTF-16 (`utf16`:
    /// it starts with a UTF-16 byte-order mark) or not text at all.
    NotUtf8 { utf16: bool },
    /// Over the document limit, refused before it is read (`bytes` as the browser reports).
    FileTooLarge { bytes: u64 },
    /// The document was read and refused.
    Document(ImportError),
    /// The document is fine, but the data in this browser belongs to a newer Pace, which this
    /// one may show but never write.
    NewerStorage,
    /// A share link that does not decode (cut short or altered); the browser's message is the
    /// detail.
    LinkDamaged(String),
    /// A share link that inflates past the document limit.
    LinkTooLarge,
    /// The export did not read back as the same plan; nothing was downloaded.
    ExportMismatch,
    /// The browser refused the download; its message is the detail.
    DownloadFailed(String),
    /// The share link could not be made; the browser's message is the detail.
    ShareFailed(String),
    /// The clipboard refused the link; the browser's message is the detail.
    CopyFailed(String),
    /// An Excel 97–2003 workbook (.xls), which Pace does not read.
    OldExcel,
    /// An .xlsx that the spreadsheet reader refused.
    Workbook(WorkbookError),
    /// A spreadsheet (.csv, .xlsx) over the size limit, refused before it is read.
    SheetTooLarge { bytes: u64 },
    /// A spreadsheet without any text in it.
    EmptySheet,
    /// The spreadsheet worker did not load or failed; the browser's message is the detail.
    SheetReaderFailed(String),
    /// The spreadsheet worker could not write the 通报表 as .xlsx; its message is the detail.
    SheetWriteFailed(String),
    /// Another tab let a new build take over while this page runs the old one: its spreadsheet
    /// workers would be the new build's, so none is started until the page is reloaded.
    RunsOldBuild,
    /// The code loaded on demand for what was asked (reading a file: `import_panels`)
    /// could not be fetched: the network is down (`old_build` false) or another tab let a new
    /// build take over, whose files replaced this page's (true).
    PartUnloaded { old_build: bool },
    /// Several files dropped at once: which one was meant is not guessed.
    SeveralFiles,
    /// 粘贴导入's box holds nothing but spaces.
    NothingPasted,
    /// 粘贴导入's box holds more than a file may (`MAX_DOCUMENT_BYTES`); `bytes` of UTF-8.
    PastedTooLarge { bytes: usize },
    /// A file (not a spreadsheet) with nothing but spaces in it.
    EmptyFile,
    /// Pasted text or a file holding several different share links (`PastedText::SeveralLinks`).
    SeveralLinks,
}

/// Megabytes, rounded up (`9 MB` for anything just over 8).
fn megabytes(bytes: usize) -> usize {
    bytes.div_ceil(1_048_576)
}

/// `template` with each `{}` replaced by the next of `args`. The messages are data rather than a
/// `format!` each (in two languages that would cost the page several kB of code).
fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut pieces = template.split("{}");
    let mut out = pieces.next().unwrap_or_default().to_string();
    let mut args = args.iter();
    for piece in pieces {
        if let Some(arg) = args.next() {
            let _ = write!(out, "{arg}");
        }
        out.push_str(piece);
    }
    out
}

/// The message for `lang`, filled in. Out of line: it is called from many places.
#[inline(never)]
fn say(lang: Lang, zh: &str, en: &str, args: &[&dyn Display]) -> String {
    fill(
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        args,
    )
}

/// `第4个单位“乡镇甲”` / `Unit 4 “乡镇甲”`.
fn item(lang: Lang, zh: &str, en: &str, item: &Item) -> String {
    let mut out = match lang {
        Lang::Zh => fill("第{}个{}", &[&item.position, &zh]),
        Lang::En => fill("{} {}", &[&en, &item.position]),
    };
    if let Some(name) = &item.name {
        if lang == Lang::En {
            out.push(' ');
        }
        out.push('“');
        out.push_str(name);
        out.push('”');
    }
    out
}

/// A metric or tier by its name, or by its id when the plan has no such id (`目标“goal”`).
fn named(lang: Lang, zh: &str, en: &str, named: &Named) -> String {
    match &named.name {
        Some(name) => name.clone(),
        None => say(
            lang,
            "{}“{}”",
            "{} “{}”",
            &[&if lang == Lang::Zh { zh } else { en }, &named.id],
        ),
    }
}

fn field(lang: Lang, field: &Field) -> String {
    // Fields with a value first; the rest are a plain table of names.
    match field {
        Field::Weight(month) => {
            return say(
                lang,
                "按月权重·{}月",
                "monthly weights · month {}",
                &[month],
            )
        }
        Field::Month(month) => return say(lang, "{}月", "month {}", &[month]),
        Field::Other(key) => return say(lang, "“{}”", "“{}”", &[key]),
        Field::Target(tier) => return named(lang, "目标", "tier", tier),
        _ => {}
    }
    let (zh, en) = match field {
        Field::Format => ("文件格式（format）", "format"),
        Field::Version => ("格式版本（version）", "format version"),
        Field::Title => ("标题", "title"),
        Field::Year => ("年份", "year"),
        Field::DataMonth => ("数据月份", "data month"),
        Field::AmountUnit => ("金额单位", "amount unit"),
        Field::Settings => ("计划设置", "settings"),
        Field::Metrics => ("指标列表", "list of metrics"),
        Field::Tiers => ("目标档次列表", "list of tiers"),
        Field::Units => ("单位列表", "list of units"),
        Field::Scenarios => ("假设方案列表", "list of scenarios"),
        Field::History => ("已结月份记录（history）", "closed months (history)"),
        Field::ClosedMonthNumber => ("月份", "month"),
        Field::Notes => ("文字说明（notes）", "notes"),
        Field::NoteUnit => ("单位", "unit"),
        Field::NoteMonth => ("月份", "month"),
        Field::NoteText => ("文字", "text"),
        Field::Id => ("编号（id）", "id"),
        Field::Name => ("名称", "name"),
        Field::MetricUnit => ("计量单位", "unit"),
        Field::Group => ("分组", "group"),
        Field::InTotal => ("计入全市合计", "counts in the total"),
        Field::Total => ("全市合计标记", "total"),
        Field::Figures => ("数据", "figures"),
        Field::Actual => ("完成数", "actual"),
        Field::Carryover => ("其中上年结余", "carry-over"),
        Field::LastYear => ("上年同期", "same period last year"),
        Field::Targets => ("目标", "targets"),
        Field::Monthly => ("月度数据", "monthly figures"),
        Field::CarryoverInPace => (
            "月均到帐包含上年结余",
            "monthly pace includes the carry-over",
        ),
        Field::ScheduleOverride => ("本月手工指定序时进度", "schedule prescribed for this month"),
        Field::OverrideMonth => ("本月手工指定序时进度·月份", "prescribed schedule · month"),
        Field::OverridePercent => (
            "本月手工指定序时进度·百分比",
            "prescribed schedule · percentage",
        ),
        Field::ScheduleWeights => ("按月权重", "monthly weights"),
        Field::StatusYellow => ("黄色阈值", "yellow threshold"),
        Field::StatusRed => ("红色阈值", "red threshold"),
        Field::AmountDecimals => ("金额小数位", "amount decimals"),
        Field::Inflows => ("各行", "lines"),
        Field::InflowMetric => ("指标", "metric"),
        Field::InflowUnit => ("单位", "unit"),
        Field::Uniform => ("每月金额", "each month"),
        Field::Months => ("按月金额", "by month"),
        Field::Weight(_) | Field::Month(_) | Field::Other(_) | Field::Target(_) => ("", ""),
    };
    say(lang, zh, en, &[])
}

/// Where a fault is, as the page names it: `第4个单位“乡镇甲”的注册外资实际到帐·加压目标` /
/// `Unit 4 “乡镇甲”, 注册外资实际到帐 · 加压目标`. Empty for the document as a whole.
pub fn place_words(lang: Lang, place: &Place) -> String {
    let unit = |it| item(lang, "单位", "Unit", it);
    let scenario = |it| item(lang, "假设方案", "Scenario", it);
    let closed = |position: usize, month: Option<u32>| match month {
        Some(m) => say(
            lang,
            "已结月份第{}项（{}月）",
            "Closed month {} (month {})",
            &[&position, &m],
        ),
        None => say(lang, "已结月份第{}项", "Closed month {}", &[&position]),
    };
    // The part, and whether its field reads as a further step (`注册外资实际到帐·加压目标`)
    // rather than as a field of it (`第4个单位“乡镇甲”的名称`).
    let (part, step) = match &place.part {
        Part::Document => (String::new(), true),
        Part::Settings => (say(lang, "计划设置", "Settings", &[]), true),
        Part::Metric(it) => (item(lang, "指标", "Metric", it), false),
        Part::Tier(it) => (item(lang, "目标档次", "Tier", it), false),
        Part::Unit(it) => (unit(it), false),
        Part::Scenario(it) => (scenario(it), false),
        Part::Figure { unit: it, metric } => (
            say(
                lang,
                "{}的{}",
                "{}, {}",
                &[&unit(it), &named(lang, "指标", "metric", metric)],
            ),
            true,
        ),
        Part::ClosedMonth { position, month } => (closed(*position, *month), false),
        Part::Note {
            position,
            month,
            unit,
        } => {
            let mut words = say(lang, "第{}条文字说明", "Note {}", &[position]);
            if let Some(unit) = unit {
                words.push_str(&say(
                    lang,
                    "（{}",
                    " ({}",
                    &[&named(lang, "单位", "unit", unit)],
                ));
                if let Some(m) = month {
                    words.push_str(&say(lang, "，{}月）", ", month {})", &[m]));
                } else {
                    words.push_str(&say(lang, "）", ")", &[]));
                }
            }
            (words, false)
        }
        Part::ClosedFigure {
            month,
            unit,
            metric,
        } => (
            say(
                lang,
                "{}月记录中{}的{}",
                "the month {} record, {}, {}",
                &[
                    &month.map_or_else(|| "?".to_string(), |m| m.to_string()),
                    &named(lang, "单位", "unit", unit),
                    &named(lang, "指标", "metric", metric),
                ],
            ),
            true,
        ),
        Part::Inflow {
            scenario: it,
            position,
        } => (
            say(
                lang,
                "{}的第{}行",
                "{}, line {}",
                &[&scenario(it), position],
            ),
            true,
        ),
    };
    let Some(f) = place.field.as_ref().map(|f| field(lang, f)) else {
        return part;
    };
    if part.is_empty() {
        return f;
    }
    let (zh, en) = if step {
        ("{}·{}", "{} · {}")
    } else {
        ("{}的{}", "{}, {}")
    };
    say(lang, zh, en, &[&part, &f])
}

/// What is wrong, as a clause: `应为数字` / `a number is expected`.
pub fn fault_words(lang: Lang, fault: &Fault) -> String {
    // The values in the message; then the message, a plain table of templates.
    let (a, b): (&dyn Display, &dyn Display) = match fault {
        Fault::TooLarge { bytes, limit } => {
            let (size, limit) = (megabytes(*bytes), megabytes(*limit));
            return say(
                lang,
                "文本有 {} MB，Pace 计划文件最大 {} MB",
                "the text is {} MB; a Pace plan is at most {} MB",
                &[&size, &limit],
            );
        }
        Fault::SecondTotal { first } => {
            return say(
                lang,
                "只能有一个全市合计，{}已是合计",
                "only one unit can be the total, and {} already is",
                &[&item(lang, "单位", "unit", first)],
            )
        }
        Fault::NotJson { line, column, .. } => (line, column),
        Fault::NewerVersion { version, newest } => (version, newest),
        Fault::ExpectedWholeNumber { min, max } => (min, max),
        Fault::TooManyDecimals { number, most } => (number, most),
        Fault::OtherFormat { found } | Fault::UnknownAmountUnit { found } => (found, &""),
        Fault::DuplicateKey { key } => (key, &""),
        Fault::NumberTooLarge { number } => (number, &""),
        Fault::DuplicateId { id }
        | Fault::UnknownMetric { id }
        | Fault::UnknownTier { id }
        | Fault::UnknownUnit { id } => (id, &""),
        Fault::WeightCount { found } | Fault::TooManyMonths { found } => (found, &""),
        Fault::RedAboveYellow { yellow } => (yellow, &""),
        Fault::ClosedMonthNotBefore { month, data_month } => (month, data_month),
        Fault::ClosedMonthTwice { month } => (month, &""),
        Fault::NoteTwice { month, unit } => (unit, month),
        Fault::TextTooLong { most } => (most, &""),
        _ => (&"", &""),
    };
    let (zh, en) = match fault {
        Fault::NotJson {
            cut_short: true, ..
        } => (
            "文本不完整，在第{}行第{}列中断（可能只复制了一部分，或文件被截断）",
            "the text ends early, at line {}, column {} (only part of it was copied, or the file was cut)",
        ),
        Fault::NotJson { .. } => (
            "不是有效的 JSON 文本（第{}行第{}列有误）",
            "not valid JSON (line {}, column {})",
        ),
        Fault::NotAPlan => (
            "这不是 Pace 计划文件（缺少 \"format\": \"pace-plan\"）",
            "this is not a Pace plan (no \"format\": \"pace-plan\")",
        ),
        Fault::OtherFormat { .. } => (
            "这不是 Pace 计划文件（格式为 {}，应为 \"pace-plan\"）",
            "this is not a Pace plan (its format is {}, not \"pace-plan\")",
        ),
        Fault::NewerVersion { .. } => (
            "此文件由更新版本的 Pace 生成（格式版本 {}，本版本只能读取版本 {} 及以前的文件），请用新版本打开",
            "this file was made by a newer Pace (format version {}; this one reads version {} and older): open it with the newer Pace",
        ),
        Fault::DuplicateKey { .. } => (
            "“{}”出现了两次，每项只能写一次",
            "“{}” appears twice; each key may appear once",
        ),
        Fault::Missing => ("缺失", "missing"),
        Fault::ExpectedObject => ("格式不对，应为对象（{…}）", "an object ({…}) is expected"),
        Fault::ExpectedArray => ("格式不对，应为列表（[…]）", "a list ([…]) is expected"),
        Fault::ExpectedText => ("应为文字", "text is expected"),
        Fault::ExpectedTrueOrFalse => ("应为 true 或 false", "true or false is expected"),
        Fault::ExpectedNumber => ("应为数字", "a number is expected"),
        Fault::ExpectedWholeNumber { .. } => (
            "应为 {} 到 {} 之间的整数",
            "a whole number from {} to {} is expected",
        ),
        Fault::NumberTooLarge { .. } => (
            "数值 {} 过大（绝对值最大 10¹⁵）",
            "the number {} is too large (at most 10¹⁵)",
        ),
        Fault::TooManyDecimals { .. } => (
            "数值 {} 的小数位数过多（最多 {} 位）",
            "the number {} has more than {} decimal places",
        ),
        Fault::UnknownAmountUnit { .. } => (
            "“{}”不是可用的金额单位（万美元、亿美元、万元、亿元）",
            "“{}” is not an amount unit (万美元, 亿美元, 万元 or 亿元)",
        ),
        Fault::EmptyId => ("不能为空", "must not be empty"),
        Fault::DuplicateId { .. } => (
            "编号“{}”重复，前面已有一项使用",
            "the id “{}” is used twice",
        ),
        Fault::UnknownMetric { .. } => (
            "计划中没有编号为“{}”的指标",
            "the plan has no metric with the id “{}”",
        ),
        Fault::UnknownTier { .. } => (
            "计划中没有编号为“{}”的目标档次",
            "the plan has no tier with the id “{}”",
        ),
        Fault::UnknownUnit { .. } => (
            "计划中没有编号为“{}”的单位",
            "the plan has no unit with the id “{}”",
        ),
        Fault::PercentOutOfRange => ("应在 0 到 100 之间", "must be from 0 to 100"),
        Fault::WeightCount { .. } => (
            "应为 12 个数字（每月一个），实际有 {} 个",
            "12 numbers are expected, one per month; found {}",
        ),
        Fault::NegativeWeight => ("权重不能为负", "a weight must not be negative"),
        Fault::AllWeightsZero => ("权重不能全为 0", "the weights must not all be 0"),
        Fault::TooManyMonths { .. } => (
            "最多 12 个月，实际有 {} 个",
            "at most 12 months; found {}",
        ),
        Fault::RedAboveYellow { .. } => (
            "红色阈值不能高于黄色阈值（{}）",
            "must not be above the yellow threshold ({})",
        ),
        Fault::ClosedMonthNotBefore { .. } => (
            "已结月份 {} 月不早于数据月份 {} 月（已结月份应在数据月份之前）",
            "the closed month {} is not before the data month {}",
        ),
        Fault::NoteTwice { .. } => (
            "单位“{}”{}月的文字说明出现了两次",
            "the unit “{}” has two notes for month {}",
        ),
        Fault::TextTooLong { .. } => ("文字过长（最多 {} 个字）", "the text is too long (at most {} characters)"),
        Fault::ClosedMonthTwice { .. } => (
            "{} 月的记录出现了两次",
            "month {} is recorded twice",
        ),
        Fault::TooLarge { .. } | Fault::SecondTotal { .. } => ("", ""),
    };
    say(lang, zh, en, &[a, b])
}

/// A refused document: where and what (`第4个单位“乡镇甲”的注册外资实际到帐·加压目标：应为数字`),
/// with the JSON path as the detail (`位置：units[3].figures.arrived.targets.stretch`).
pub fn import_error_words(lang: Lang, error: &ImportError) -> Worded {
    // Faults of the document as a whole say so themselves; their place would only repeat it.
    let whole = matches!(
        error.fault,
        Fault::TooLarge { .. }
            | Fault::NotJson { .. }
            | Fault::NotAPlan
            | Fault::OtherFormat { .. }
            | Fault::NewerVersion { .. }
    );
    let place = if whole {
        String::new()
    } else {
        place_words(lang, &error.place)
    };
    let fault = fault_words(lang, &error.fault);
    let text = if place.is_empty() {
        fault
    } else {
        say(lang, "{}：{}", "{}: {}", &[&place, &fault])
    };
    let detail =
        (!error.path.is_empty()).then(|| say(lang, "位置：{}", "path: {}", &[&error.path]));
    Worded { text, detail }
}

/// Why stored text cannot be read.
pub fn unreadable_words(lang: Lang, why: &Unreadable) -> Worded {
    match why {
        Unreadable::Plan(error) => import_error_words(lang, error),
        Unreadable::Catalogue { line, column } => Worded {
            text: say(
                lang,
                "计划目录无法读取（第{}行第{}列）",
                "the list of plans cannot be read (line {}, column {})",
                &[line, column],
            ),
            detail: None,
        },
    }
}

/// Text found in storage that cannot be read, and where it is kept:
/// `浏览器存储中有无法读取的数据（pace.v1.plan.x）：…。它已原样保留在“…”，没有被覆盖。`
pub fn set_aside_words(lang: Lang, item: &SetAside) -> Worded {
    let why = item.why.as_deref().map(|why| unreadable_words(lang, why));
    let kept = item.copy.as_ref().unwrap_or(&item.key);
    let (zh, en) = if why.is_some() {
        (
            "浏览器存储中有无法读取的数据（{}）：{}。它已原样保留在“{}”，没有被覆盖。",
            "Stored data could not be read ({}): {}. It is kept as it was under “{}”, not overwritten.",
        )
    } else {
        (
            "浏览器存储中有无法读取的数据（{}）{}。它已原样保留在“{}”，没有被覆盖。",
            "Stored data could not be read ({}){}. It is kept as it was under “{}”, not overwritten.",
        )
    };
    let (reason, detail) = why.map_or((String::new(), None), |w| (w.text, w.detail));
    Worded {
        text: say(lang, zh, en, &[&item.key, &reason, kept]),
        detail,
    }
}

/// The reason part of a trouble: a clause after `无法导入“…”，没有任何改动：` for those about
/// reading, a whole sentence for those about sending a plan out. The browser's own message, if
/// any, is the detail.
pub fn trouble_words(lang: Lang, trouble: &Trouble) -> Worded {
    let limit = megabytes(crate::engine::interchange::MAX_DOCUMENT_BYTES);
    let size;
    let (zh, en, arg, browser): (&str, &str, &dyn Display, Option<&String>) = match trouble {
        Trouble::Document(error) => return import_error_words(lang, error),
        Trouble::FileUnreadable(message) => (
            "浏览器无法读取此文件（可能已被移动、删除或无权访问），请重新选择",
            "the browser could not read the file (it may have been moved, deleted or locked); choose it again",
            &"",
            Some(message),
        ),
        Trouble::NotUtf8 { utf16: true } => (
            "文件是 UTF-16 编码，请用记事本“另存为”UTF-8 编码后再导入",
            "the file is UTF-16 text; save it as UTF-8 (Notepad: Save as) and import it again",
            &"",
            None,
        ),
        Trouble::NotUtf8 { utf16: false } => (
            "文件不是 UTF-8 文本（可能是 GBK/ANSI 编码，或不是文本文件），请用记事本“另存为”UTF-8 编码后再导入",
            "the file is not UTF-8 text (perhaps GBK/ANSI, or not text at all); save it as UTF-8 (Notepad: Save as) and import it again",
            &"",
            None,
        ),
        Trouble::FileTooLarge { bytes } => {
            size = megabytes(usize::try_from(*bytes).unwrap_or(usize::MAX));
            (
                "文件有 {} MB，Pace 计划文件最大 {} MB",
                "the file is {} MB; a Pace plan is at most {} MB",
                &size,
                None,
            )
        }
        Trouble::PastedTooLarge { bytes } => {
            size = megabytes(*bytes);
            (
                "粘贴的内容有 {} MB，一次最多 {} MB，请只粘贴需要导入的部分",
                "the pasted text is {} MB; at most {} MB can be pasted in at once: paste only the part to import",
                &size,
                None,
            )
        }
        Trouble::SheetTooLarge { bytes } => {
            size = megabytes(usize::try_from(*bytes).unwrap_or(usize::MAX));
            (
                "文件有 {} MB，可导入的表格文件最大 {} MB，请只保留需要导入的工作表",
                "the file is {} MB; a spreadsheet to import is at most {} MB: keep only the sheet to import",
                &size,
                None,
            )
        }
        Trouble::OldExcel => (
            "这是旧版 Excel 文件（.xls），请在 Excel/WPS 中另存为 .xlsx 后再打开",
            "this is an old Excel file (.xls): save it as .xlsx in Excel or WPS and open that",
            &"",
            None,
        ),
        Trouble::EmptySheet => ("表格中没有数据", "the sheet has no data", &"", None),
        Trouble::SheetReaderFailed(message) => (
            "Excel 文件组件未能运行（可能网络中断，或 Pace 已更新），请刷新页面后重试",
            "the Excel file component could not run (the connection may have dropped, or Pace was updated): reload the page and try again",
            &"",
            Some(message),
        ),
        Trouble::RunsOldBuild => (
            "Pace 已在另一个标签页更新，请先刷新本页（数据不受影响），再打开或导出 Excel 文件",
            "Pace was updated in another tab: reload this page first (your data stays), then open or export the Excel file",
            &"",
            None,
        ),
        Trouble::PartUnloaded { old_build: false } => (
            "这一功能还没有下载到（网络已断开？），联网后再试一次",
            "this part of Pace has not been downloaded yet (is the network down?): reconnect and try again",
            &"",
            None,
        ),
        Trouble::PartUnloaded { old_build: true } => (
            "Pace 已在另一个标签页更新，请先刷新本页（数据不受影响）再试",
            "Pace was updated in another tab: reload this page first (your data stays), then try again",
            &"",
            None,
        ),
        Trouble::SeveralFiles => (
            "一次只能拖入一个文件，请逐个拖入",
            "drop one file at a time",
            &"",
            None,
        ),
        Trouble::EmptyFile => ("文件是空的", "the file is empty", &"", None),
        Trouble::SeveralLinks => (
            "其中有几个不同的分享链接，请只留下要打开的那一个",
            "it holds several different share links; keep only the one to open",
            &"",
            None,
        ),
        Trouble::NothingPasted => (
            "文本框是空的，请先粘贴从 Excel/WPS 复制的表格、导出的JSON文本或分享链接",
            "the box is empty: paste a table copied from Excel or WPS, an exported JSON document or a share link first",
            &"",
            None,
        ),
        Trouble::SheetWriteFailed(message) => (
            "未能生成 Excel 文件，可改用“导出CSV”",
            "the Excel file could not be written; “Export CSV” still works",
            &"",
            Some(message),
        ),
        Trouble::Workbook(error) => {
            let (zh, en) = match error {
                WorkbookError::NotWorkbook => (
                    "不是有效的 Excel 工作簿（.xlsx），文件可能已损坏",
                    "not a valid Excel workbook (.xlsx); the file may be damaged",
                ),
                WorkbookError::Encrypted => (
                    "工作簿设有打开密码，请在 Excel/WPS 中取消密码并保存后再打开",
                    "the workbook is protected by a password: remove the password in Excel or WPS, save it and open it again",
                ),
                WorkbookError::NoSheet => ("工作簿中没有工作表", "the workbook has no worksheet"),
                WorkbookError::TooLarge => (
                    "工作表过大（超过 100 万个单元格），请只保留需要导入的区域",
                    "the sheet is too large (over a million cells): keep only the part to import",
                ),
                WorkbookError::Damaged(_) => (
                    "工作簿已损坏，无法读取",
                    "the workbook is damaged and cannot be read",
                ),
            };
            let detail = error.detail();
            return Worded {
                text: say(lang, zh, en, &[]),
                detail: (!detail.is_empty())
                    .then(|| say(lang, "读取器信息：{}", "reader: {}", &[&detail])),
            };
        }
        Trouble::NewerStorage => (
            "本浏览器中的数据由更新版本的 Pace 保存，此版本只能查看，不能写入。请使用新版本导入",
            "the data in this browser was saved by a newer Pace, which this version may read but not write. Import it with the newer version",
            &"",
            None,
        ),
        Trouble::LinkDamaged(message) => (
            "链接内容不完整或已被改动，请复制完整的链接（聊天软件可能截断长链接或把它拆成几行），或请对方发送导出的JSON文件",
            "the link is incomplete or altered; copy the whole link (chat apps may cut a long link or break it over lines), or ask for the exported JSON file",
            &"",
            Some(message),
        ),
        Trouble::LinkTooLarge => (
            "链接中的计划超过 {} MB",
            "the plan in the link is larger than {} MB",
            &limit,
            None,
        ),
        Trouble::ExportMismatch => (
            "导出校验失败：导出的文件读回后与当前计划不一致，未下载。",
            "The export did not read back as the same plan; nothing was downloaded.",
            &"",
            None,
        ),
        Trouble::DownloadFailed(message) => (
            "浏览器未能下载文件。",
            "The browser could not download the file.",
            &"",
            Some(message),
        ),
        Trouble::ShareFailed(message) => (
            "无法生成分享链接，请改用导出的JSON文件。",
            "The share link could not be made; send the exported JSON file instead.",
            &"",
            Some(message),
        ),
        Trouble::CopyFailed(message) => (
            "无法写入剪贴板，请手动选中链接复制。",
            "The clipboard could not be written; select the link and copy it by hand.",
            &"",
            Some(message),
        ),
    };
    Worded {
        text: say(lang, zh, en, &[arg, &limit]),
        detail: browser
            .filter(|m| !m.is_empty())
            .map(|m| say(lang, "浏览器信息：{}", "browser: {}", &[m])),
    }
}

/// Where a trouble arose: what its message is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// Importing the file of this name.
    File(String),
    /// Importing pasted text: from 粘贴导入's box (`in_box`), or as it was pasted into the empty
    /// box, without being put there (a large paste: the clipboard still has it).
    Pasted { in_box: bool },
    /// Opening a share link.
    Link,
    /// Exporting or sharing the plan on screen.
    Out,
    /// Several files dropped on the page at once, this many.
    Dropped(usize),
}

impl Context {
    /// Whether this is 粘贴导入's, said inside its panel.
    pub fn is_pasted(&self) -> bool {
        matches!(self, Context::Pasted { .. })
    }
}

/// A trouble and what it was about: what the import, share-link and export banners hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub context: Context,
    pub trouble: Trouble,
}

/// The whole message: `无法导入“乡镇.json”，没有任何改动：…。`, `分享链接无法打开（可能被截断），没有任何改动：…。`,
/// or for an export the reason alone.
pub fn problem_words(lang: Lang, problem: &Problem) -> Worded {
    let reason = trouble_words(lang, &problem.trouble);
    let source = match &problem.context {
        Context::File(name) => name.clone(),
        Context::Pasted { in_box: true } => say(lang, "粘贴的文本", "pasted text", &[]),
        Context::Pasted { in_box: false } => say(
            lang,
            "粘贴的文本（较大，未放入文本框；剪贴板中仍有）",
            "pasted text (large: not put in the box; the clipboard still has it)",
            &[],
        ),
        Context::Link => return Worded {
            text: say(
                lang,
                "分享链接无法打开（可能被截断），没有任何改动：{}。",
                "The share link cannot be opened (it may have been cut); nothing was changed: {}.",
                &[&reason.text],
            ),
            detail: reason.detail,
        },
        Context::Out => return reason,
        Context::Dropped(count) => {
            return Worded {
                text: say(
                    lang,
                    "没有导入拖入的 {} 个文件：{}。",
                    "The {} files dropped were not imported: {}.",
                    &[count, &reason.text],
                ),
                detail: reason.detail,
            }
        }
    };
    let (zh, en) = if problem.trouble == Trouble::NewerStorage {
        ("无法导入“{}”：{}。", "Could not import “{}”: {}.")
    } else {
        (
            "无法导入“{}”，没有任何改动：{}。",
            "Could not import “{}”; nothing was changed: {}.",
        )
    };
    Worded {
        text: say(lang, zh, en, &[&source, &reason.text]),
        detail: reason.detail,
    }
}

/// A message with its detail beside it, smaller (an empty detail shows nothing).
pub fn worded_view(worded: Worded) -> impl IntoView {
    view! {
        <span class="fault-text">{worded.text}</span>
        " "
        <small class="fault-detail" data-testid="fault-detail">{worded.detail.unwrap_or_default()}</small>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::SPEECH_EXAMPLE_JSON;
    use crate::engine::interchange::read_plan;

    fn refusal(text: &str) -> ImportError {
        read_plan(text).expect_err("refused")
    }

    /// A town plan of four units where the 4th unit's 加压目标 of 注册外资实际到帐 is text.
    fn town_fault() -> ImportError {
        let mut doc: serde_json::Value = serde_json::from_str(SPEECH_EXAMPLE_JSON).unwrap();
        let units = doc["units"].as_array_mut().unwrap();
        for (id, name) in [("t1", "乡镇乙"), ("t2", "乡镇甲")] {
            let mut unit = units[1].clone();
            unit["id"] = id.into();
            unit["name"] = name.into();
            units.push(unit);
        }
        doc["units"][3]["figures"]["arrived"]["targets"]["stretch"] = "很多".into();
        refusal(&doc.to_string())
    }

    #[test]
    fn a_fault_names_the_unit_metric_and_tier_with_the_path_as_detail() {
        let e = town_fault();
        assert_eq!(
            import_error_words(Lang::Zh, &e),
            Worded {
                text: "第4个单位“乡镇甲”的注册外资实际到帐·加压目标：应为数字".into(),
                detail: Some("位置：units[3].figures.arrived.targets.stretch".into()),
            }
        );
        assert_eq!(
            import_error_words(Lang::En, &e),
            Worded {
                text: "Unit 4 “乡镇甲”, 注册外资实际到帐 · 加压目标: a number is expected".into(),
                detail: Some("path: units[3].figures.arrived.targets.stretch".into()),
            }
        );
    }

    #[test]
    fn whole_document_faults_have_no_english_inside_chinese() {
        let newer = refusal(&SPEECH_EXAMPLE_JSON.replace("\"version\": 1", "\"version\": 9"));
        let zh = import_error_words(Lang::Zh, &newer);
        assert_eq!(
            zh.text,
            "此文件由更新版本的 Pace 生成（格式版本 9，本版本只能读取版本 1 及以前的文件），请用新版本打开"
        );
        assert_eq!(zh.detail.as_deref(), Some("位置：version"));
        let broken = refusal(&SPEECH_EXAMPLE_JSON.chars().take(120).collect::<String>());
        let zh = import_error_words(Lang::Zh, &broken);
        assert!(zh.text.starts_with("文本不完整，在第"), "{}", zh.text);
        assert_eq!(zh.detail, None);
        let not_json = refusal("{ \"format\": pace }");
        assert_eq!(
            import_error_words(Lang::Zh, &not_json).text,
            "不是有效的 JSON 文本（第1行第13列有误）"
        );
        assert_eq!(
            import_error_words(Lang::En, &not_json).text,
            "not valid JSON (line 1, column 13)"
        );
        for text in [
            "[1]",
            "{}",
            &SPEECH_EXAMPLE_JSON.replace("pace-plan", "excel"),
        ] {
            let zh = import_error_words(Lang::Zh, &refusal(text)).text;
            assert!(zh.contains("这不是 Pace 计划文件"), "{zh}");
        }
    }

    #[test]
    fn settings_items_and_references_are_named_in_the_pages_words() {
        let set = |from: &str, to: &str| refusal(&SPEECH_EXAMPLE_JSON.replacen(from, to, 1));
        let cases = [
            (
                set("\"month\": 7", "\"month\": 13"),
                "数据月份：应为 1 到 12 之间的整数",
            ),
            (
                set(
                    "\"unit\": \"万美元\",",
                    "\"unit\": \"万美元\", \"settings\": { \"statusRed\": 5 },",
                ),
                "计划设置·红色阈值：红色阈值不能高于黄色阈值（0）",
            ),
            (
                set(
                    "\"unit\": \"万美元\",",
                    "\"unit\": \"万美元\", \"settings\": { \"scheduleWeights\": [1,1,1,1,1,-1,1,1,1,1,1,1] },",
                ),
                "计划设置·按月权重·6月：权重不能为负",
            ),
            (
                set("\"id\": \"devzone\"", "\"id\": \"city\""),
                "第2个单位“开发区”的编号（id）：编号“city”重复，前面已有一项使用",
            ),
            (
                set("\"name\": \"加压目标\"", "\"name\": 5"),
                "第2个目标档次的名称：应为文字",
            ),
            (
                set("\"assessment\": 24000", "\"goal\": 24000"),
                "第2个单位“开发区”的新批注册外资·目标“goal”：计划中没有编号为“goal”的目标档次",
            ),
            (
                set("\"lastYear\": 2930.8", "\"lastYear\": 2930.8, \"lastYear\": 1"),
                "第2个单位“开发区”的注册外资实际到帐·上年同期：“lastYear”出现了两次，每项只能写一次",
            ),
            (
                set(
                    "\"id\": \"devzone\",",
                    "\"id\": \"devzone\", \"total\": true,",
                ),
                "第2个单位“开发区”的全市合计标记：只能有一个全市合计，第1个单位“全市”已是合计",
            ),
        ];
        for (error, zh) in cases {
            assert_eq!(import_error_words(Lang::Zh, &error).text, zh);
        }
    }

    #[test]
    fn spreadsheet_troubles_are_worded_in_both_languages() {
        let file = |trouble| Problem {
            context: Context::File("通报.xls".into()),
            trouble,
        };
        assert_eq!(
            problem_words(Lang::Zh, &file(Trouble::OldExcel)).text,
            "无法导入“通报.xls”，没有任何改动：这是旧版 Excel 文件（.xls），请在 Excel/WPS 中另存为 .xlsx 后再打开。"
        );
        assert_eq!(
            problem_words(Lang::En, &file(Trouble::OldExcel)).text,
            "Could not import “通报.xls”; nothing was changed: this is an old Excel file (.xls): save it as .xlsx in Excel or WPS and open that."
        );
        let damaged = Trouble::Workbook(WorkbookError::Damaged("XmlEof".into()));
        assert_eq!(
            trouble_words(Lang::Zh, &damaged).detail.as_deref(),
            Some("读取器信息：XmlEof")
        );
        let big = Trouble::SheetTooLarge {
            bytes: 9 * 1_048_576,
        };
        assert_eq!(
            trouble_words(Lang::Zh, &big).text,
            "文件有 9 MB，可导入的表格文件最大 8 MB，请只保留需要导入的工作表"
        );
        // Every kind says something in each language, and the two differ.
        for trouble in [
            Trouble::OldExcel,
            Trouble::EmptySheet,
            Trouble::NothingPasted,
            Trouble::EmptyFile,
            Trouble::SeveralLinks,
            Trouble::PastedTooLarge { bytes: 9_000_000 },
            Trouble::LinkDamaged("x".into()),
            Trouble::SheetReaderFailed("x".into()),
            Trouble::SheetWriteFailed("x".into()),
            Trouble::RunsOldBuild,
            Trouble::PartUnloaded { old_build: false },
            Trouble::PartUnloaded { old_build: true },
            big,
            Trouble::Workbook(WorkbookError::NotWorkbook),
            Trouble::Workbook(WorkbookError::Encrypted),
            Trouble::Workbook(WorkbookError::NoSheet),
            Trouble::Workbook(WorkbookError::TooLarge),
            damaged,
        ] {
            let (zh, en) = (
                trouble_words(Lang::Zh, &trouble),
                trouble_words(Lang::En, &trouble),
            );
            assert!(!zh.text.is_empty() && !en.text.is_empty(), "{trouble:?}");
            assert!(zh.text.chars().any(|c| c > '\u{2e80}'), "{}", zh.text);
            assert!(en.text.is_ascii() || en.text.contains('“'), "{}", en.text);
        }
    }

    #[test]
    fn file_and_link_troubles_are_worded_in_the_pages_language() {
        let file = |name: &str, trouble| Problem {
            context: Context::File(name.into()),
            trouble,
        };
        let w = problem_words(
            Lang::Zh,
            &file("乡镇.json", Trouble::NotUtf8 { utf16: false }),
        );
        assert!(w
            .text
            .starts_with("无法导入“乡镇.json”，没有任何改动：文件不是 UTF-8 文本"));
        let unreadable = Trouble::FileUnreadable("NotReadableError: the file changed".into());
        let w = problem_words(Lang::Zh, &file("a.json", unreadable));
        assert!(!w.text.contains("NotReadableError"), "{}", w.text);
        assert_eq!(
            w.detail.as_deref(),
            Some("浏览器信息：NotReadableError: the file changed")
        );
        let big = Trouble::FileTooLarge {
            bytes: 8 * 1_048_576 + 1,
        };
        assert_eq!(
            problem_words(Lang::Zh, &file("big.json", big)).text,
            "无法导入“big.json”，没有任何改动：文件有 9 MB，Pace 计划文件最大 8 MB。"
        );
        let pasted = Problem {
            context: Context::Pasted { in_box: true },
            trouble: Trouble::Document(refusal("{")),
        };
        assert!(problem_words(Lang::En, &pasted).text.starts_with(
            "Could not import “pasted text”; nothing was changed: the text ends early"
        ));
        // Pasted straight in (a large paste), the text is not in the box to mend: said so.
        let straight_in = Problem {
            context: Context::Pasted { in_box: false },
            trouble: Trouble::SeveralLinks,
        };
        assert!(problem_words(Lang::Zh, &straight_in)
            .text
            .starts_with("无法导入“粘贴的文本（较大，未放入文本框；剪贴板中仍有）”，没有任何改动：其中有几个不同的分享链接"));
        assert!(problem_words(Lang::En, &straight_in)
            .text
            .starts_with("Could not import “pasted text (large: not put in the box; the clipboard still has it)”"));
        let link = Problem {
            context: Context::Link,
            trouble: Trouble::LinkTooLarge,
        };
        assert_eq!(
            problem_words(Lang::En, &link).text,
            "The share link cannot be opened (it may have been cut); nothing was changed: the plan in the link is larger than 8 MB."
        );
        let dropped = Problem {
            context: Context::Dropped(3),
            trouble: Trouble::SeveralFiles,
        };
        assert_eq!(
            problem_words(Lang::Zh, &dropped).text,
            "没有导入拖入的 3 个文件：一次只能拖入一个文件，请逐个拖入。"
        );
        assert_eq!(
            problem_words(Lang::En, &dropped).text,
            "The 3 files dropped were not imported: drop one file at a time."
        );
        let unloaded = Problem {
            context: Context::File("乡镇.json".into()),
            trouble: Trouble::PartUnloaded { old_build: false },
        };
        assert_eq!(
            problem_words(Lang::En, &unloaded).text,
            "Could not import “乡镇.json”; nothing was changed: this part of Pace has not been downloaded yet (is the network down?): reconnect and try again."
        );
        let catalogue = SetAside {
            key: "pace.v1.catalogue".into(),
            copy: Some("pace.v1.aside.catalogue.1".into()),
            text: "[1, 2".into(),
            why: Some(std::sync::Arc::new(Unreadable::Catalogue {
                line: 1,
                column: 5,
            })),
        };
        assert_eq!(
            set_aside_words(Lang::Zh, &catalogue).text,
            "浏览器存储中有无法读取的数据（pace.v1.catalogue）：计划目录无法读取（第1行第5列）。它已原样保留在“pace.v1.aside.catalogue.1”，没有被覆盖。"
        );
    }
}
