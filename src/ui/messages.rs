//! The page's words for what the engine refuses: a typed entry, a setting, a pasted cell, a
//! pasted column left alone. The engine returns kinds (`Refusal`, `SettingError`, `Skip`); these
//! functions say them in either language.

use super::i18n::Lang;
use crate::engine::edit::SettingError;
use crate::engine::entry::{EntryError, Refusal};
use crate::engine::exact::MAX_DECIMALS;
use crate::engine::paste::{CellProblem, Skip};

/// Why an entry was refused, naming what was typed: `“4762万元”无法识别：币种与单位“万美元”不符`.
pub fn entry_refusal(error: &EntryError, lang: Lang) -> String {
    let text = &error.text;
    match lang {
        Lang::Zh => {
            let reason = match &error.refusal {
                Refusal::Percent => "这里填金额，不填百分比".to_string(),
                Refusal::OtherCurrency { expected } => format!("币种与单位“{expected}”不符"),
                Refusal::CurrencyWithoutMagnitude { expected } => {
                    format!("请写明万或亿，例如“4762{expected}”")
                }
                Refusal::Thousands => "千位分隔符后应恰好是三位数字".to_string(),
                Refusal::TwoPoints => "有两个小数点".to_string(),
                Refusal::NotANumber => "不是数字".to_string(),
                Refusal::TooLarge => "数值过大".to_string(),
                Refusal::TooManyDecimals => format!("小数位数过多（最多{MAX_DECIMALS}位）"),
            };
            format!("“{text}”无法识别：{reason}")
        }
        Lang::En => {
            let reason = match &error.refusal {
                Refusal::Percent => "enter an amount here, not a percentage".to_string(),
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
        (Skip::Derived, Lang::Zh) => "计算得出，不导入",
        (Skip::Derived, Lang::En) => "a computed figure, not imported",
        (Skip::UnknownMetric, Lang::Zh) => "未识别的指标",
        (Skip::UnknownMetric, Lang::En) => "no metric of the plan named",
        (Skip::UnknownTier, Lang::Zh) => "未识别的目标档",
        (Skip::UnknownTier, Lang::En) => "no target tier of the plan named",
        (Skip::UnknownColumn, Lang::Zh) => "未识别的列",
        (Skip::UnknownColumn, Lang::En) => "not a column Pace knows",
        (Skip::OutsideGrid, Lang::Zh) => "超出表格",
        (Skip::OutsideGrid, Lang::En) => "outside the grid",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::amount_unit::{AmountUnit, MeasureUnit};
    use crate::engine::entry::parse_entry;

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
}
