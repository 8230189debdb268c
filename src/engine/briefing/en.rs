//! The briefing in plain English, from the same clauses as the Chinese: `January–July: registered
//! FDI 260.23 million USD, 61.36% and 45.22% of the annual assessment and stretch targets, 3.03
//! points ahead of schedule for the assessment target, …`.
//!
//! Amounts read in millions with two decimals (26023万美元 = 260.23 million USD; 47万 = 0.47
//! million; more decimals when the plan shows decimals of 万), counts as numbers. The default
//! names of SPEC §2 (新批注册外资, 考核目标 …) read in English; other names are the plan's own
//! data and read as entered (docs/briefing.md).

use super::clause::{
    percent_texts, point_texts, Amount, Carryover, Clause, GapWay, Growth, PaceSides, TierValue,
    Who,
};
use super::{End, Paragraph, Sentence};
use crate::engine::amount_unit::{Currency, Magnitude, MeasureUnit};
use crate::engine::format;
use crate::engine::round::{round2, round_half_away};
use rust_decimal::Decimal;

pub(super) fn paragraph(paragraph: &Paragraph) -> String {
    let mut previous = End::Stop;
    let mut texts = Vec::with_capacity(paragraph.sentences.len());
    for s in &paragraph.sentences {
        let text = sentence(s);
        // A sentence that continues the one before it (after `;`) starts in lower case.
        texts.push(match previous {
            End::Stop => capitalise(&text),
            End::Semicolon => text,
        });
        previous = s.end;
    }
    texts.join(" ")
}

fn sentence(sentence: &Sentence) -> String {
    let mut body = String::new();
    let mut previous: Option<&Clause> = None;
    for c in &sentence.clauses {
        if let Some(before) = previous {
            body.push_str(separator(before, c));
        }
        body.push_str(&clause(c));
        previous = Some(c);
    }
    let end = match sentence.end {
        End::Stop => ".",
        End::Semicolon => ";",
    };
    format!("{body}{end}")
}

/// What stands between two clauses: `January–July: …`; `…has been met; over the remaining…`
/// (two statements); otherwise a comma.
fn separator(before: &Clause, after: &Clause) -> &'static str {
    match (before, after) {
        (Clause::Period { .. }, _) => ": ",
        (Clause::TargetsMet(_), Clause::FutureMonthly { .. }) => "; ",
        _ => ", ",
    }
}

/// The first letter in upper case (`for registered FDI` → `For registered FDI`).
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// SPEC §2's default metric names (and their usual variants) in English; other names as entered.
fn metric(name: &str) -> String {
    match name {
        "新批注册外资" => "registered FDI",
        "注册外资实际到帐" | "注册外资实际到账" | "实际到帐外资" | "实际到账外资" => {
            "FDI received"
        }
        other => other,
    }
    .to_string()
}

/// SPEC §2's tier names as an English adjective (`assessment` target).
fn tier_adjective(name: &str) -> Option<&'static str> {
    match name {
        "考核目标" => Some("assessment"),
        "加压目标" => Some("stretch"),
        "力争目标" | "奋斗目标" => Some("aspiration"),
        "翻番目标" => Some("doubling"),
        _ => None,
    }
}

/// `the annual assessment and stretch targets`; with a name that has no English,
/// `the annual targets 考核任务 and 加压任务`.
fn targets(tiers: &[String], annual: bool) -> String {
    let the = if annual { "the annual" } else { "the" };
    let noun = if tiers.len() == 1 {
        "target"
    } else {
        "targets"
    };
    let adjectives: Option<Vec<String>> = tiers
        .iter()
        .map(|t| tier_adjective(t).map(str::to_string))
        .collect();
    match adjectives {
        Some(adjectives) => format!("{the} {} {noun}", list(&adjectives)),
        None => format!("{the} {noun} {}", list(tiers)),
    }
}

fn names<T>(values: &[TierValue<T>]) -> Vec<String> {
    values.iter().map(|v| v.tier.clone()).collect()
}

/// `1,234.56`, `−0.47`: rounded half away from zero, thousands grouped.
fn number(value: Decimal, decimals: u32) -> String {
    let text = format::fixed(value, decimals);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        let left = whole.len().saturating_sub(i);
        if i > 0 && left % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An amount in millions (`260.23 million USD`), a count as a number (with its unit unless it
/// is a measure word such as 个).
fn amount(a: &Amount) -> String {
    let unit = match &a.unit {
        MeasureUnit::Count(label) => {
            let word = if ["个", "项", "家", "件", "户", "人"].contains(&label.as_str()) {
                String::new()
            } else {
                format!(" {label}")
            };
            return format!("{}{word}", number(a.value, a.decimals));
        }
        MeasureUnit::Amount(unit) => unit,
    };
    let currency = match unit.currency {
        Currency::Usd => "USD",
        Currency::Cny => "CNY",
    };
    // The figure as the plan shows it, in millions: 1万 = 0.01 million (two more decimals keep
    // what the 万 figure shows), 1亿 = 100 million.
    let hundred = Decimal::ONE_HUNDRED;
    let shown = round_half_away(a.value, a.decimals);
    let millions = match unit.magnitude {
        Magnitude::Wan => shown
            .checked_div(hundred)
            .map(|m| (m, a.decimals.saturating_add(2))),
        Magnitude::Yi => shown.checked_mul(hundred).map(|m| (m, 2)),
    };
    match millions {
        Some((m, decimals)) => format!("{} million {currency}", number(m, decimals)),
        // Only a 亿 amount beyond any real figure: in billions (1亿 = 0.1 billion).
        None => match shown.checked_div(Decimal::TEN) {
            Some(billions) => format!("{} billion {currency}", number(billions, 2)),
            None => format!("{} hundred million {currency}", number(shown, 2)),
        },
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
        Who::Total(_) => String::new(),
        Who::Unit(name) => format!("{name}: "),
        Who::Group { name, units: n, .. } => format!("{name} ({}) together: ", units(*n)),
    }
}

/// `1 unit`, `3 units`.
fn units(n: usize) -> String {
    format!("{n} {}", if n == 1 { "unit" } else { "units" })
}

fn carryover(note: &Option<Carryover>) -> String {
    match note {
        None => String::new(),
        Some(c) => format!(
            " ({} {} carried over from last year)",
            if c.included { "including" } else { "excluding" },
            amount(&c.amount)
        ),
    }
}

fn respectively(values: usize) -> &'static str {
    if values > 1 {
        " respectively"
    } else {
        ""
    }
}

fn pace_difference(values: &[TierValue<Amount>]) -> String {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let amounts = |all: &[Amount]| list(&all.iter().map(amount).collect::<Vec<_>>());
    match PaceSides::of(values) {
        PaceSides::All(Greater, all) => format!("short by {} a month", amounts(&all)),
        PaceSides::All(Less, all) => format!("ahead by {} a month", amounts(&all)),
        PaceSides::All(Equal, _) => "level with the required pace".to_string(),
        PaceSides::Mixed(each) => {
            let each: Vec<String> = each
                .iter()
                .map(|(side, a)| match side {
                    Greater => format!("short by {}", amount(a)),
                    Less => format!("ahead by {}", amount(a)),
                    Equal => "level".to_string(),
                })
                .collect();
            format!("{} a month respectively", list(&each))
        }
    }
}

/// What a 比上月 compares with: `last month`, or the end of that month.
fn than_words(than: Option<u32>) -> String {
    than.map_or_else(
        || "last month".to_string(),
        |m| format!("the end of {}", month_name(m)),
    )
}

fn metric_prefix(name: &Option<String>) -> String {
    name.as_deref()
        .map(|n| format!("for {}, ", metric(n)))
        .unwrap_or_default()
}

fn month_name(month: u32) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    month
        .checked_sub(1)
        .and_then(|i| NAMES.get(i as usize))
        .map_or_else(|| month.to_string(), |m| (*m).to_string())
}

fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

fn clause(clause: &Clause) -> String {
    match clause {
        Clause::Period { month } if *month <= 1 => month_name(1),
        Clause::Period { month } => format!("{}–{}", month_name(1), month_name(*month)),
        Clause::Actual {
            who: w,
            metric: m,
            amount: a,
            partial,
        } => format!(
            "{}{} {}{}",
            w.as_ref().map(who).unwrap_or_default(),
            metric(m),
            a.as_ref()
                .map_or_else(|| "not reported".to_string(), amount),
            partial.map_or_else(String::new, |p| format!(
                " (the sum of the {} that have reported; {} not yet)",
                units(p.reported),
                units(p.not_reported)
            ))
        ),
        Clause::Growth(Growth::Rate(rate)) => {
            let rate = round2(*rate);
            match rate.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => {
                    format!("up {} year on year", format::percent(Some(rate)))
                }
                std::cmp::Ordering::Less => {
                    format!("down {} year on year", format::percent(Some(rate.abs())))
                }
                std::cmp::Ordering::Equal => "level with the same period last year".to_string(),
            }
        }
        Clause::Growth(Growth::New) => "new (zero in the same period last year)".to_string(),
        Clause::Growth(Growth::NegativeBase) => {
            "the same period last year was negative".to_string()
        }
        Clause::Share { percent, .. } => {
            format!("{} of the total", format::percent(Some(*percent)))
        }
        Clause::Completion(values) => {
            format!("{} of {}", percents(values), targets(&names(values), true))
        }
        Clause::Ahead(values) => format!(
            "{} points ahead of schedule for {}{}",
            points(values),
            targets(&names(values), false),
            respectively(values.len())
        ),
        Clause::Behind(values) => format!(
            "{} points behind schedule for {}{}",
            points(values),
            targets(&names(values), false),
            respectively(values.len())
        ),
        Clause::OnSchedule(tiers) => format!("on schedule for {}", targets(tiers, false)),
        Clause::Topic { metric: m } => format!("for {}", metric(m)),
        Clause::Pace {
            amount: a,
            carryover: note,
            ..
        } => format!(
            "the monthly average so far is {}{}",
            amount(a),
            carryover(note)
        ),
        Clause::RequiredPace {
            after_pace, tiers, ..
        } => {
            let (subject, verb) = match tiers.as_slice() {
                [one] => (targets(std::slice::from_ref(&one.tier), true), "requires"),
                _ => ("the annual targets".to_string(), "require"),
            };
            format!(
                "{}{subject} {verb} {} a month",
                if *after_pace { "while " } else { "" },
                amounts(tiers)
            )
        }
        Clause::PaceDifference(values) => pace_difference(values),
        Clause::TargetsMet(tiers) => format!(
            "{} {} been met",
            targets(tiers, true),
            if tiers.len() == 1 { "has" } else { "have" }
        ),
        Clause::FutureMonthly {
            months_left, tiers, ..
        } => {
            // With one month left, that month's amount: no "over the remaining 1 month … a month".
            let (when, each) = match months_left {
                1 => ("in December".to_string(), ""),
                n => (format!("over the remaining {n} months"), " a month"),
            };
            format!(
                "{when}, at least {}{each} {} needed to meet {}{}",
                amounts(tiers),
                is_are(tiers.len()),
                targets(&names(tiers), true),
                respectively(tiers.len())
            )
        }
        Clause::CountScope { units: n, noun, .. } => match noun {
            super::Noun::Units => format!("of the {}", units(*n)),
            super::Noun::Group(name) => format!("of the {} in {name}", units(*n)),
        },
        Clause::Completed {
            metric: m,
            tier,
            units,
        } => format!(
            "{}{} met {} ({})",
            metric_prefix(m),
            units.len(),
            targets(std::slice::from_ref(tier), true),
            units.join(", ")
        ),
        Clause::OnScheduleCount {
            metric: m,
            tier,
            count,
            ..
        } => format!(
            "{}{count} {} on schedule for {}",
            metric_prefix(m),
            is_are(*count),
            targets(std::slice::from_ref(tier), false)
        ),
        Clause::NoneOnSchedule {
            metric: m, tiers, ..
        } => format!(
            "{}none is on schedule for {}",
            metric_prefix(m),
            targets(tiers, false)
        ),
        Clause::Note { unit, text } => format!("{unit}: {text}"),
        Clause::GapChange { way, tiers, than } => {
            let plural = if tiers.len() > 1 { "s" } else { "" };
            let (targets, points, than, respectively) = (
                targets(&names(tiers), false),
                points(tiers),
                than_words(*than),
                respectively(tiers.len()),
            );
            match way {
                GapWay::Narrowed | GapWay::Widened => format!(
                    "the gap{plural} to the schedule for {targets} {} by {points} points on {than}{respectively}",
                    if *way == GapWay::Narrowed { "narrowed" } else { "widened" }
                ),
                GapWay::LeadGrew | GapWay::LeadShrank => format!(
                    "the lead{plural} over the schedule for {targets} {} by {points} points on {than}{respectively}",
                    if *way == GapWay::LeadGrew { "grew" } else { "shrank" }
                ),
                GapWay::FellBehind => format!(
                    "it fell behind the schedule for {targets}, down {points} points on {than}{respectively}"
                ),
                GapWay::MovedAhead => format!(
                    "it moved ahead of the schedule for {targets}, up {points} points on {than}{respectively}"
                ),
            }
        }
        Clause::OnScheduleChange {
            tier,
            fewer,
            metrics: changes,
            noun,
            than,
        } => {
            // 1 more unit than last month is on schedule…; 5 and 2 fewer units… are…
            let one = matches!(changes.as_slice(), [(_, 1)]);
            let word = match (noun, one) {
                (super::Noun::Units, true) => "unit".to_string(),
                (super::Noun::Units, false) => "units".to_string(),
                (super::Noun::Group(name), true) => format!("unit in {name}"),
                (super::Noun::Group(name), false) => format!("units in {name}"),
            };
            // "than last month", "than at the end of June".
            let than = match than {
                None => than_words(None),
                Some(_) => format!("at {}", than_words(*than)),
            };
            format!(
                "for {}, {} {} {word} than {than} {} on schedule for {}{}",
                list(&changes.iter().map(|(m, _)| metric(m)).collect::<Vec<_>>()),
                list(
                    &changes
                        .iter()
                        .map(|(_, n)| n.to_string())
                        .collect::<Vec<_>>()
                ),
                if *fewer { "fewer" } else { "more" },
                if one { "is" } else { "are" },
                targets(std::slice::from_ref(tier), false),
                respectively(changes.len())
            )
        }
        Clause::AllZero { metrics, units } => {
            let what = match metrics.as_slice() {
                [one] => metric(one),
                [_, _] => "both metrics".to_string(),
                _ => "every metric".to_string(),
            };
            format!(
                "{} reported zero for {what} ({})",
                units.len(),
                units.join(", ")
            )
        }
        Clause::NotReported {
            metric: missing,
            units,
        } => format!(
            "{} {} not reported{} ({})",
            units.len(),
            if units.len() == 1 { "has" } else { "have" },
            missing
                .as_deref()
                .map(|m| format!(" {}", metric(m)))
                .unwrap_or_default(),
            units.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(d("260.23"), 2), "260.23");
        assert_eq!(number(d("1234.567"), 2), "1,234.57");
        assert_eq!(number(d("-1234567"), 0), "−1,234,567");
        assert_eq!(number(d("123456"), 0), "123,456");
        assert_eq!(number(d("-0.001"), 2), "0.00");
    }

    #[test]
    fn lists_and_targets_read_as_english() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(list(&names(&["a", "b", "c"])), "a, b and c");
        assert_eq!(
            targets(&names(&["考核目标", "加压目标"]), true),
            "the annual assessment and stretch targets"
        );
        assert_eq!(
            targets(&names(&["考核目标", "市里任务"]), false),
            "the targets 考核目标 and 市里任务"
        );
    }
}
