//! The briefing in Chinese, in the speech's idiom: `1-7月份，全市新批注册外资2.60亿美元，分别完成
//! 全年考核目标和加压目标的61.36%和45.22%，超考核目标序时进度3.03个百分点，…`.

use super::clause::{
    percent_texts, point_texts, Amount, Carryover, Clause, GapWay, Growth, Noun, PaceSides,
    TierValue, Who,
};
use super::{End, Paragraph, Sentence};
use crate::engine::amount_unit::{Magnitude, MeasureUnit};
use crate::engine::format;
use crate::engine::round::{round2, round_half_away};
use rust_decimal::Decimal;

const TEN_THOUSAND: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

pub(super) fn paragraph(paragraph: &Paragraph) -> String {
    paragraph.sentences.iter().map(sentence).collect()
}

fn sentence(sentence: &Sentence) -> String {
    let body = sentence
        .clauses
        .iter()
        .map(clause)
        .collect::<Vec<_>>()
        .join("，");
    let end = match sentence.end {
        End::Stop => "。",
        End::Semicolon => "；",
    };
    format!("{body}{end}")
}

/// `a`, `a和b`, `a、b和c`.
fn list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}和{last}", rest.join("、")),
    }
}

fn names<T>(values: &[TierValue<T>]) -> Vec<String> {
    values.iter().map(|v| v.tier.clone()).collect()
}

/// An amount as a speech reads it: 1亿 or more as 亿 with two decimals (`2.60亿美元`), below that
/// as 万 at the plan's precision (`4762万美元`; in a 亿 plan with two decimals, 0.0680亿 is shown
/// 0.07 and reads `700万元`, so that the prose subtracts as the table does: SPEC §3's pace
/// shortfall); a count in its own unit (`12个`).
pub(super) fn amount(a: &Amount) -> String {
    let MeasureUnit::Amount(unit) = &a.unit else {
        return format!("{}{}", format::amount(Some(a.value), 0), a.unit.label());
    };
    let currency = unit.currency.label();
    // The figure as the plan shows it, in its own unit.
    let shown = round_half_away(a.value, a.decimals);
    let (wan, wan_decimals, yi) = match unit.magnitude {
        Magnitude::Wan => (Some(shown), a.decimals, a.value.checked_div(TEN_THOUSAND)),
        Magnitude::Yi => (shown.checked_mul(TEN_THOUSAND), 0, Some(a.value)),
    };
    // Decided on the figure as shown, so that 9999.6万 reads 1.00亿, not 10000万.
    match (wan, yi) {
        (Some(w), _) if w.abs() < TEN_THOUSAND => {
            format!("{}万{currency}", format::amount(Some(w), wan_decimals))
        }
        (_, Some(y)) => format!("{}亿{currency}", format::amount(Some(y), 2)),
        _ => format!("{}{unit}", format::amount(Some(a.value), a.decimals)),
    }
}

fn percents(values: &[TierValue<Decimal>]) -> String {
    list(&percent_texts(values))
}

/// Points as their magnitude, two decimals: `13.11`.
fn points(values: &[TierValue<Decimal>]) -> String {
    list(&point_texts(values))
}

fn amounts(values: &[TierValue<Amount>]) -> String {
    list(&values.iter().map(|v| amount(&v.value)).collect::<Vec<_>>())
}

fn who(who: &Who) -> String {
    match who {
        Who::Total(name) | Who::Unit(name) => name.clone(),
        Who::Group { name, units, whole } => format!("{whole}{units}个{name}合计"),
    }
}

fn noun(noun: &Noun) -> &str {
    match noun {
        Noun::Units => "单位",
        Noun::Group(name) => name,
    }
}

fn arrive(arrival: bool) -> &'static str {
    if arrival {
        "到帐"
    } else {
        "完成"
    }
}

fn carryover(note: &Option<Carryover>) -> String {
    match note {
        None => String::new(),
        Some(c) => format!(
            "（{}上年结余{}）",
            if c.included { "含" } else { "不含" },
            amount(&c.amount)
        ),
    }
}

/// 月均少658万美元和1541万美元 / 月均多… / 月均持平 / 月均分别多…和少….
fn pace_difference(values: &[TierValue<Amount>]) -> String {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let amounts = |all: &[Amount]| list(&all.iter().map(amount).collect::<Vec<_>>());
    match PaceSides::of(values) {
        PaceSides::All(Greater, all) => format!("月均少{}", amounts(&all)),
        PaceSides::All(Less, all) => format!("月均多{}", amounts(&all)),
        PaceSides::All(Equal, _) => "月均持平".to_string(),
        PaceSides::Mixed(each) => {
            let each: Vec<String> = each
                .iter()
                .map(|(side, a)| match side {
                    Greater => format!("少{}", amount(a)),
                    Less => format!("多{}", amount(a)),
                    Equal => "持平".to_string(),
                })
                .collect();
            format!("月均分别{}", list(&each))
        }
    }
}

/// What a 比上月 compares with: `上月`, or `1-7月` when that month is not the one before.
fn than_words(than: Option<u32>) -> String {
    than.map_or_else(|| "上月".to_string(), format::zh_period)
}

fn metric_prefix(metric: &Option<String>) -> &str {
    metric.as_deref().unwrap_or("")
}

fn clause(clause: &Clause) -> String {
    match clause {
        Clause::Period { month } => format!("{}份", format::zh_period(*month)),
        Clause::Actual {
            who: w,
            metric,
            amount: a,
            partial,
        } => format!(
            "{}{metric}{}{}",
            w.as_ref().map(who).unwrap_or_default(),
            a.as_ref().map_or_else(|| "未报".to_string(), amount),
            partial.map_or_else(String::new, |p| format!(
                "（为已报的{}个单位合计，另有{}个单位未报）",
                p.reported, p.not_reported
            ))
        ),
        Clause::Growth(Growth::Rate(rate)) => {
            let rate = round2(*rate);
            match rate.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => format!("同比增长{}", format::percent(Some(rate))),
                std::cmp::Ordering::Less => {
                    format!("同比下降{}", format::percent(Some(rate.abs())))
                }
                std::cmp::Ordering::Equal => "与上年同期持平".to_string(),
            }
        }
        Clause::Growth(Growth::New) => "上年同期为零，属新增".to_string(),
        Clause::Growth(Growth::NegativeBase) => "上年同期为负".to_string(),
        Clause::Share { whole, percent } => {
            format!("占{whole}完成数的{}", format::percent(Some(*percent)))
        }
        Clause::Completion(values) => match values.as_slice() {
            [one] => format!("完成全年{}的{}", one.tier, format::percent(Some(one.value))),
            _ => format!("分别完成全年{}的{}", list(&names(values)), percents(values)),
        },
        Clause::Ahead(values) => match values.as_slice() {
            [one] => format!("超{}序时进度{}个百分点", one.tier, points(values)),
            _ => format!(
                "分别超{}序时进度{}个百分点",
                list(&names(values)),
                points(values)
            ),
        },
        Clause::Behind(values) => match values.as_slice() {
            [one] => format!("离{}序时进度还相差{}个百分点", one.tier, points(values)),
            _ => format!(
                "离{}序时进度还分别相差{}个百分点",
                list(&names(values)),
                points(values)
            ),
        },
        Clause::OnSchedule(tiers) => format!("达到{}序时进度", list(tiers)),
        Clause::Topic { metric } => format!("从{metric}看"),
        Clause::Pace {
            arrival,
            amount: a,
            carryover: note,
        } => format!("平均月{}{}{}", arrive(*arrival), amount(a), carryover(note)),
        Clause::RequiredPace {
            arrival,
            after_pace,
            tiers,
        } => {
            // The tiers were just named (分别完成全年考核目标和加压目标); one is named again.
            let target = match tiers.as_slice() {
                [one] => one.tier.as_str(),
                _ => "目标",
            };
            format!(
                "{}按全年{target}每月应平均{}{}",
                if *after_pace { "而" } else { "" },
                arrive(*arrival),
                amounts(tiers)
            )
        }
        Clause::PaceDifference(values) => pace_difference(values),
        Clause::TargetsMet(tiers) => format!("已完成全年{}", list(tiers)),
        Clause::FutureMonthly {
            months_left,
            arrival,
            tiers,
        } => {
            // With one month left it is that month's amount, not a monthly average over "1个月".
            let when = match months_left {
                1 => "12月份至少需".to_string(),
                n => format!("在接下来的{n}个月中，至少每月平均"),
            };
            format!(
                "{when}{}{}，才能完成全年{}",
                arrive(*arrival),
                amounts(tiers),
                list(&names(tiers))
            )
        }
        Clause::CountScope {
            whole,
            units,
            noun: n,
        } => format!("{whole}{units}个{}中", noun(n)),
        Clause::Completed {
            metric,
            tier,
            units,
        } => format!(
            "{}完成全年{tier}的有{}个：{}",
            metric_prefix(metric),
            units.len(),
            units.join("、")
        ),
        Clause::OnScheduleCount {
            metric,
            tier,
            count,
            noun: n,
        } => format!(
            "{}达到{tier}序时进度的有{count}个{}",
            metric_prefix(metric),
            noun(n)
        ),
        Clause::NoneOnSchedule {
            metric,
            tiers,
            noun: n,
        } => format!(
            "{}尚无{}达到{}序时进度",
            metric_prefix(metric),
            noun(n),
            list(tiers)
        ),
        Clause::AllZero { metrics, units } => {
            let label = match metrics.as_slice() {
                [one] => format!("{one}为零的有"),
                [_, _] => "双空白的有".to_string(),
                _ => "各项均为零的有".to_string(),
            };
            format!("{label}{}个：{}", units.len(), units.join("、"))
        }
        Clause::Note { unit, text } => format!("{unit}：{text}"),
        Clause::GapChange { way, tiers, than } => {
            let than = than_words(*than);
            let each = if tiers.len() > 1 { "分别" } else { "" };
            let (tiers, points) = (list(&names(tiers)), points(tiers));
            match way {
                GapWay::Narrowed | GapWay::Widened => format!(
                    "与{tiers}序时进度的差距比{than}{each}{}{points}个百分点",
                    if *way == GapWay::Narrowed {
                        "缩小"
                    } else {
                        "扩大"
                    }
                ),
                GapWay::LeadGrew | GapWay::LeadShrank => format!(
                    "超{tiers}序时进度的幅度比{than}{each}{}{points}个百分点",
                    if *way == GapWay::LeadGrew {
                        "扩大"
                    } else {
                        "缩小"
                    }
                ),
                GapWay::FellBehind => {
                    format!("由超{tiers}序时进度转为落后，比序时进度{each}下降{points}个百分点")
                }
                GapWay::MovedAhead => {
                    format!("由落后转为超{tiers}序时进度，比序时进度{each}上升{points}个百分点")
                }
            }
        }
        Clause::OnScheduleChange {
            tier,
            fewer,
            metrics,
            noun: n,
            than,
        } => {
            let than = than_words(*than);
            let way = if *fewer { "少" } else { "多" };
            let counts: Vec<String> = metrics.iter().map(|(_, n)| format!("{n}个")).collect();
            let names: Vec<String> = metrics.iter().map(|(name, _)| name.clone()).collect();
            let respectively = if metrics.len() > 1 { "分别" } else { "" };
            format!(
                "{}达到{tier}序时进度的{respectively}比{than}{way}{}{}",
                list(&names),
                list(&counts),
                noun(n)
            )
        }
        Clause::NotReported { metric, units } => format!(
            "{}未报的有{}个：{}",
            metric.as_deref().unwrap_or_default(),
            units.len(),
            units.join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::amount_unit::AmountUnit;
    use std::str::FromStr;

    fn read(value: &str, unit: &str, decimals: u32) -> String {
        amount(&Amount {
            value: Decimal::from_str(value).unwrap(),
            unit: match AmountUnit::parse(unit) {
                Some(a) => MeasureUnit::Amount(a),
                None => MeasureUnit::Count(unit.to_string()),
            },
            decimals,
        })
    }

    #[test]
    fn amounts_read_as_yi_or_wan() {
        assert_eq!(read("26023", "万美元", 0), "2.60亿美元");
        assert_eq!(read("14202", "万美元", 0), "1.42亿美元");
        assert_eq!(read("10000", "万美元", 0), "1.00亿美元");
        assert_eq!(read("9999.5", "万美元", 0), "1.00亿美元");
        assert_eq!(read("9999.4", "万美元", 0), "9999万美元");
        assert_eq!(read("4762", "万元", 0), "4762万元");
        assert_eq!(read("1297.43", "万美元", 2), "1297.43万美元");
        assert_eq!(read("-500", "万美元", 0), "−500万美元");
        assert_eq!(read("2.6023", "亿美元", 2), "2.60亿美元");
        assert_eq!(read("0.4762", "亿元", 2), "4800万元");
        assert_eq!(read("0.995", "亿元", 2), "1.00亿元");
        assert_eq!(read("123456", "个", 0), "123456个");
        assert_eq!(
            read("79228162514264337593543950335", "亿元", 2),
            "79228162514264337593543950335.00亿元"
        );
    }

    #[test]
    fn lists_read_as_chinese() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["考核目标"])), "考核目标");
        assert_eq!(
            list(&names(&["考核目标", "加压目标"])),
            "考核目标和加压目标"
        );
        assert_eq!(list(&names(&["a", "b", "c"])), "a、b和c");
    }
}
