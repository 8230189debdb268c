//! How figures are shown on the page (SPEC §4): fixed decimals, signs on points, `—` for undefined.
//! Display uses the typographic minus `−`; the edit formatter in `entry` writes ASCII `-`.

use super::figures::Need;
use super::round::{round2, round_half_away};
use rust_decimal::Decimal;

/// The mark for an undefined figure.
pub const UNDEFINED: &str = "—";

/// `x` rounded half away from zero (SPEC §4) to `decimals` decimals, written with all of them
/// (ASCII `-`). A value too large to hold that many decimals (a completion of 10^27 %, with a
/// target a hair above zero) is rounded as far as it can be and padded with zeros: it read
/// `1000000000000000000000000000.0%` with one decimal.
pub fn fixed(x: Decimal, decimals: u32) -> String {
    let mut text = round_half_away(x, decimals).to_string();
    let have = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    let missing = usize::try_from(decimals).unwrap_or(0).saturating_sub(have);
    if missing > 0 {
        if have == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', missing));
    }
    text
}

/// `x` as [`fixed`] writes it, with the typographic minus.
fn with_minus(x: Decimal, decimals: u32) -> String {
    let text = fixed(x, decimals);
    match text.strip_prefix('-') {
        Some(magnitude) => format!("−{magnitude}"),
        None => text,
    }
}

/// The year to date up to `month` in Chinese: `1-7月`, and `1月` for January alone (not
/// `1-1月`).
pub fn zh_period(month: u32) -> String {
    if month <= 1 {
        "1月".to_string()
    } else {
        format!("1-{month}月")
    }
}

/// An amount with `decimals` decimals: `1297`, `−1284`, `0.47`.
pub fn amount(value: Option<Decimal>, decimals: u32) -> String {
    value.map_or_else(|| UNDEFINED.to_string(), |v| with_minus(v, decimals))
}

/// An amount in a sentence that compares or subtracts it (a total against its units' sum and
/// the difference; the months against the actual): at least `decimals` decimals, and every one
/// the exact value has, so that what is said adds up. At the plan's 0 decimals, 35600 against a
/// sum of 30450.5 read `30451` and a difference of `5150`; here `30450.5` and `5149.5`.
pub fn exact_amount(value: Decimal, decimals: u32) -> String {
    amount(Some(value), decimals.max(value.normalize().scale()))
}

/// A percentage: `61.36%`, `495.69%`.
pub fn percent(value: Option<Decimal>) -> String {
    value.map_or_else(
        || UNDEFINED.to_string(),
        |v| format!("{}%", with_minus(v, 2)),
    )
}

/// Percentage points with their sign: `+3.03`, `−14.50`, `0.00`.
pub fn points(value: Option<Decimal>) -> String {
    value.map_or_else(
        || UNDEFINED.to_string(),
        |v| {
            if round2(v) > Decimal::ZERO {
                format!("+{}", fixed(v, 2))
            } else {
                with_minus(v, 2)
            }
        },
    )
}

/// An amount that reads as words either side of zero: `差 7545` / `超 1284` (the magnitude after
/// the word), or `0`.
pub fn amount_in_words(
    value: Option<Decimal>,
    decimals: u32,
    positive: &str,
    negative: &str,
) -> String {
    match value.map(|v| (v, round_half_away(v, decimals))) {
        None => UNDEFINED.to_string(),
        Some((v, rounded)) if rounded.is_zero() => fixed(v, decimals),
        Some((v, rounded)) if rounded > Decimal::ZERO => {
            format!("{positive} {}", fixed(v, decimals))
        }
        Some((v, _)) => format!("{negative} {}", fixed(v.abs(), decimals)),
    }
}

/// A figure that is an amount or already achieved (`done`, e.g. 已完成 / 已达序时).
pub fn need(value: Option<Need>, decimals: u32, done: &str) -> String {
    match value {
        Some(Need::Amount(v)) => amount(Some(v), decimals),
        Some(Need::Done) => done.to_string(),
        None => UNDEFINED.to_string(),
    }
}

/// A count with its share, as reports write it: `3个，占13.04%`.
pub fn count_with_share(count: usize, share: Option<Decimal>) -> String {
    match share {
        Some(_) => format!("{count}个，占{}", percent(share)),
        None => format!("{count}个"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    /// The month menu read 1-1月 (a tester).
    #[test]
    fn january_alone_is_1月() {
        assert_eq!(zh_period(1), "1月");
        assert_eq!(zh_period(7), "1-7月");
    }

    /// Found by a tester: 全市填报 35600，各单位合计 30451，相差 5150 (35600 − 30451 = 5149).
    #[test]
    fn compared_amounts_add_up() {
        let exact = |s: &str, decimals| exact_amount(d(s).unwrap(), decimals);
        assert_eq!(exact("30450.5", 0), "30450.5");
        assert_eq!(exact("5149.50", 0), "5149.5");
        assert_eq!(exact("35600", 0), "35600");
        assert_eq!(exact("1.5", 2), "1.50");
        assert_eq!(exact("-0.125", 2), "−0.125");
    }

    /// A completion too large for two decimals in a `Decimal` (a target a hair above zero) read
    /// `1000000000000000000000000000.0%` (a tester's negative and tiny targets).
    #[test]
    fn huge_figures_keep_their_decimals() {
        let huge = Decimal::from_str("1000000000000000000000000000").unwrap();
        assert_eq!(percent(Some(huge)), "1000000000000000000000000000.00%");
        assert_eq!(percent(Some(-huge)), "−1000000000000000000000000000.00%");
        assert_eq!(points(Some(huge)), "+1000000000000000000000000000.00");
        assert_eq!(amount(Some(huge), 2), "1000000000000000000000000000.00");
        assert_eq!(
            amount_in_words(Some(-huge), 1, "超", "差"),
            "差 1000000000000000000000000000.0"
        );
        assert_eq!(fixed(Decimal::MAX, 2), format!("{}.00", Decimal::MAX));
        assert_eq!(fixed(Decimal::new(5, 1), 0), "1");
        assert_eq!(
            amount_in_words(Some(Decimal::new(-4, 1)), 0, "超", "差"),
            "0"
        );
    }

    #[test]
    fn formats_like_a_report() {
        assert_eq!(percent(d("30.2")), "30.20%");
        assert_eq!(percent(d("495.6931")), "495.69%");
        assert_eq!(percent(None), "—");
        assert_eq!(points(d("3.03")), "+3.03");
        assert_eq!(points(d("-14.5")), "−14.50");
        assert_eq!(points(d("0")), "0.00");
        assert_eq!(points(d("-0.001")), "0.00");
        assert_eq!(amount(d("1297.428"), 0), "1297");
        assert_eq!(amount(d("-1284"), 0), "−1284");
        assert_eq!(amount(d("0.4762"), 2), "0.48");
        assert_eq!(amount(None, 0), "—");
        assert_eq!(count_with_share(3, d("13.043")), "3个，占13.04%");
        assert_eq!(count_with_share(0, None), "0个");
        assert_eq!(amount_in_words(d("7545.4"), 0, "差", "超"), "差 7545");
        assert_eq!(amount_in_words(d("-1283.83"), 0, "差", "超"), "超 1284");
        assert_eq!(amount_in_words(d("0.2"), 0, "差", "超"), "0");
        assert_eq!(need(Some(Need::Done), 0, "已完成"), "已完成");
        assert_eq!(
            need(Some(Need::Amount(Decimal::new(26355, 1))), 0, "已完成"),
            "2636"
        );
        assert_eq!(need(None, 0, "已完成"), "—");
    }
}
