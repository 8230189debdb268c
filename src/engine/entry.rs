//! Number entry (SPEC §5): what people type or paste into an amount cell, read exactly.
//!
//! Accepted: ASCII and full-width digits, points and signs; thousands separators followed by
//! exactly three digits; surrounding spaces; the suffixes 万 / 亿, optionally followed by the
//! plan's currency, converted into the metric's unit; negatives. Blank markers mean "not
//! reported". Anything else is refused with the text typed and the reason, never read as 0.

use super::amount_unit::{Currency, Magnitude, MeasureUnit};
use super::exact::{read_exact, Limit};
use rust_decimal::Decimal;
use std::fmt;

pub use super::exact::{MAX_DECIMALS, MAX_MAGNITUDE};

/// Texts that mean "not reported" (SPEC §5).
const BLANK_MARKERS: [&str; 8] = ["", "—", "——", "－", "-", "/", "／", "–"];

/// Why an entry was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Percent,
    /// A currency other than the metric's (`4762万元` in a 万美元 plan).
    OtherCurrency {
        expected: String,
    },
    /// A currency without 万 or 亿 (`4762美元`): almost always a slip for 万美元.
    CurrencyWithoutMagnitude {
        expected: String,
    },
    /// A separator not followed by exactly three digits (`1,5`).
    Thousands,
    TwoPoints,
    /// Letters or other characters that are not part of a number.
    NotANumber,
    TooLarge,
    /// More decimal places than can be kept (`MAX_DECIMALS`, counted in the metric's unit).
    TooManyDecimals,
    /// A number in brackets, as accounting formats write a negative (`(100)`, `（1,200）`):
    /// refused rather than guessed, with the entry that would be read as that negative
    /// (`-100`, `-1,200`): a bracket may also be a note (`(预计)`).
    Bracketed {
        negative: String,
    },
}

impl From<Limit> for Refusal {
    fn from(limit: Limit) -> Refusal {
        match limit {
            Limit::NotANumber => Refusal::NotANumber,
            Limit::TooLarge => Refusal::TooLarge,
            Limit::TooManyDecimals => Refusal::TooManyDecimals,
        }
    }
}

/// A refused entry: what was typed and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    pub text: String,
    pub refusal: Refusal,
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The page words refusals (ui/messages.rs); this is for logs and tests.
        write!(f, "“{}” refused: {:?}", self.text, self.refusal)
    }
}

impl std::error::Error for EntryError {}

/// Maps the full-width and typographic forms people type with Chinese input methods to ASCII.
fn to_ascii(c: char) -> char {
    match c {
        '０'..='９' => char::from_digit((c as u32).saturating_sub('０' as u32), 10).unwrap_or(c),
        '．' | '。' => '.',
        '－' | '−' | '–' => '-',
        '＋' => '+',
        '，' => ',',
        '％' => '%',
        _ => c,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// Reads one entry for a metric measured in `unit`. `Ok(None)` is "not reported".
pub fn parse_entry(text: &str, unit: &MeasureUnit) -> Result<Option<Decimal>, EntryError> {
    parse_entry_in(text, unit, None)
}

/// Reads a setting in percent or in points (the schedule prescribed for the month, the status
/// thresholds): a number as `parse_entry` reads a count, with an optional `%` after it (`58%`,
/// `５８．５％`, `-5%`): there the `%` says what the field already means. Any other `%` (`%`
/// alone, `5%%`, `%5`) is refused as not a number, never as "not a percentage".
pub fn parse_percent_entry(text: &str) -> Result<Option<Decimal>, EntryError> {
    let trimmed = text.trim_matches(is_space);
    let number = trimmed
        .strip_suffix(['%', '％'])
        .map_or(trimmed, |n| n.trim_end_matches(is_space));
    let refused = |refusal| EntryError {
        text: trimmed.to_string(),
        refusal,
    };
    if number.is_empty() && !trimmed.is_empty() {
        return Err(refused(Refusal::NotANumber));
    }
    parse_entry(number, &MeasureUnit::Count(String::new())).map_err(|e| {
        refused(match e.refusal {
            Refusal::Percent => Refusal::NotANumber,
            other => other,
        })
    })
}

/// `parse_entry` for a cell of a sheet that states its own amount unit (`单位：亿元` over a 万元
/// plan): a number without its own 万 or 亿 is taken in the sheet's magnitude, `sheet_power`
/// being its power of 10 000 (元 0, 万 1, 亿 2), and converted into the metric's. Counts (`个`)
/// are never converted.
pub fn parse_entry_in(
    text: &str,
    unit: &MeasureUnit,
    sheet_power: Option<u32>,
) -> Result<Option<Decimal>, EntryError> {
    let refuse = |refusal| EntryError {
        text: text.trim_matches(is_space).to_string(),
        refusal,
    };
    let trimmed = text.trim_matches(is_space);
    if BLANK_MARKERS.contains(&trimmed) {
        return Ok(None);
    }
    let normalized: String = trimmed.chars().map(to_ascii).collect();
    if normalized.contains('%') {
        return Err(refuse(Refusal::Percent));
    }
    if let Some(inner) = bracketed(trimmed) {
        // Offered only when what is inside reads as a positive entry of the same field, and
        // only one bracket deep: `((5))` is not a number, and a cell nested thousands deep must
        // not recurse as deep.
        let inner = inner.trim_matches(is_space);
        let unsigned = inner.trim_start_matches(['+', '＋']);
        if bracketed(unsigned).is_none() {
            match parse_entry_in(unsigned, unit, sheet_power) {
                Ok(Some(v)) if v > Decimal::ZERO => {
                    return Err(refuse(Refusal::Bracketed {
                        negative: format!("-{unsigned}"),
                    }))
                }
                // What is wrong inside says more than 不是数字 (`(4762万元)`: the currency).
                Err(inner) if inner.refusal != Refusal::NotANumber => {
                    return Err(refuse(inner.refusal))
                }
                _ => {}
            }
        }
        return Err(refuse(Refusal::NotANumber));
    }

    let (number, suffix) = split_suffix(&normalized);
    let magnitude = read_suffix(suffix.trim_matches(is_space), unit).map_err(refuse)?;
    let plain = read_number(number.trim_matches(is_space)).map_err(refuse)?;
    // The conversion into the metric's unit is a power of ten, applied as an exponent so that
    // the limits are judged on the value as stored (`0.00000000001亿` is a fine 万 amount).
    let power = match (magnitude, sheet_power, unit) {
        (None, Some(sheet), MeasureUnit::Amount(own)) => {
            // Powers are 0, 1 or 2.
            4_i64.saturating_mul(i64::from(sheet).saturating_sub(i64::from(own.magnitude.power())))
        }
        _ => unit.power_from(magnitude),
    };
    read_exact(&format!("{plain}e{power}"))
        .map(Some)
        .map_err(|limit| refuse(limit.into()))
}

/// What stands between `(` and `)` (ASCII or full-width) around the whole of `text`.
fn bracketed(text: &str) -> Option<&str> {
    let inner = text.strip_prefix(['(', '（'])?;
    inner.strip_suffix([')', '）'])
}

/// Splits `1.4亿美元` into `1.4` and `亿美元`: the suffix starts at the first character that
/// cannot be part of a number.
fn split_suffix(text: &str) -> (&str, &str) {
    let at = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+') || is_space(c)))
        .map_or(text.len(), |(i, _)| i);
    text.split_at(at)
}

/// Reads `万`, `亿`, `万美元`, `亿元`, the metric's own count unit (`个`) or nothing.
fn read_suffix(suffix: &str, unit: &MeasureUnit) -> Result<Option<Magnitude>, Refusal> {
    if suffix.is_empty() {
        return Ok(None);
    }
    let (magnitude, rest) = if let Some(rest) = suffix.strip_prefix('万') {
        (Some(Magnitude::Wan), rest)
    } else if let Some(rest) = suffix.strip_prefix('亿') {
        (Some(Magnitude::Yi), rest)
    } else {
        (None, suffix)
    };
    if rest.is_empty() {
        return Ok(magnitude);
    }
    match unit {
        MeasureUnit::Count(label) if rest == label => Ok(magnitude),
        MeasureUnit::Count(_) => Err(Refusal::NotANumber),
        MeasureUnit::Amount(amount_unit) => {
            let currency = match rest {
                "美元" => Currency::Usd,
                "元" | "人民币" => Currency::Cny,
                _ => return Err(Refusal::NotANumber),
            };
            let expected = amount_unit.to_string();
            if currency != amount_unit.currency {
                Err(Refusal::OtherCurrency { expected })
            } else if magnitude.is_none() {
                Err(Refusal::CurrencyWithoutMagnitude {
                    expected: amount_unit.currency.label().to_string(),
                })
            } else {
                Ok(magnitude)
            }
        }
    }
}

/// Checks `-1,392,476.5` (ASCII by now): a sign, digits with optional thousands groups, a point;
/// returns it without separators (`-1392476.5`) for `read_exact`.
fn read_number(text: &str) -> Result<String, Refusal> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if unsigned.is_empty()
        || !unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(Refusal::NotANumber);
    }
    if unsigned.matches('.').count() > 1 {
        return Err(Refusal::TwoPoints);
    }
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if fraction.contains(',') {
        return Err(Refusal::Thousands);
    }
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.len() > 1 {
        let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || groups.iter().skip(1).any(|g| g.len() != 3) {
            return Err(Refusal::Thousands);
        }
    }
    let digits = groups.concat();
    if digits.is_empty() && fraction.is_empty() {
        return Err(Refusal::NotANumber);
    }
    Ok(format!(
        "{}{}.{}",
        if negative { "-" } else { "" },
        if digits.is_empty() { "0" } else { &digits },
        if fraction.is_empty() { "0" } else { fraction }
    ))
}

/// The text an editable cell shows for a stored value: full precision, ASCII, no separators,
/// so that `parse_entry` reads back exactly the same value. Blank for "not reported".
pub fn edit_text(value: Option<Decimal>) -> String {
    value.map_or_else(String::new, |v| {
        let mut v = v.normalize();
        if v.is_zero() {
            v.set_sign_positive(true);
        }
        v.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::amount_unit::AmountUnit;
    use std::str::FromStr;

    fn wan_usd() -> MeasureUnit {
        MeasureUnit::Amount(AmountUnit::WAN_USD)
    }

    /// Found by a tester: 本月手工指定（%） refused `58%` as 这里填金额，不填百分比.
    #[test]
    fn a_percent_setting_takes_its_sign() {
        let read = |text: &str| parse_percent_entry(text).map(|v| v.map(|d| d.to_string()));
        for (text, value) in [
            ("58%", "58"),
            ("58", "58"),
            (" ５８．５％ ", "58.5"),
            ("-5 %", "-5"),
            ("－５％", "-5"),
        ] {
            assert_eq!(read(text), Ok(Some(value.to_string())), "{text:?}");
        }
        assert_eq!(read(""), Ok(None));
        let refused = parse_percent_entry(" % ").unwrap_err();
        assert_eq!(
            (refused.text.as_str(), refused.refusal),
            ("%", Refusal::NotANumber)
        );
        for text in ["5%%", "%5"] {
            assert_eq!(
                parse_percent_entry(text).unwrap_err().refusal,
                Refusal::NotANumber
            );
        }
        assert_eq!(parse_percent_entry("5x%").unwrap_err().text, "5x%");
    }

    fn ok(text: &str) -> Option<String> {
        parse_entry(text, &wan_usd())
            .unwrap_or_else(|e| panic!("{text:?} refused: {e}"))
            .map(|v| v.to_string())
    }

    fn refusal(text: &str, unit: &MeasureUnit) -> Refusal {
        match parse_entry(text, unit) {
            Err(e) => e.refusal,
            Ok(v) => panic!("{text:?} accepted as {v:?}"),
        }
    }

    #[test]
    fn reads_the_forms_people_type() {
        assert_eq!(ok("14202"), Some("14202".into()));
        assert_eq!(ok("  2930.8 "), Some("2930.8".into()));
        assert_eq!(ok("１２３"), Some("123".into()));
        assert_eq!(ok("１２３．５"), Some("123.5".into()));
        assert_eq!(ok("－５"), Some("-5".into()));
        assert_eq!(ok("−5"), Some("-5".into()));
        assert_eq!(ok("1,392,476"), Some("1392476".into()));
        assert_eq!(ok("１，２３４"), Some("1234".into()));
        assert_eq!(ok("\u{3000}42\u{3000}"), Some("42".into()));
        assert_eq!(ok("+7"), Some("7".into()));
        assert_eq!(ok(".5"), Some("0.5".into()));
        assert_eq!(ok("5."), Some("5".into()));
        assert_eq!(ok("12。5"), Some("12.5".into()));
    }

    /// An accounting negative (`(100)`, copied from a sheet formatted that way) is refused
    /// with the entry it would be, never read as 100 or as -100 silently (a tester).
    #[test]
    fn a_bracketed_number_is_offered_as_a_negative() {
        for (text, negative) in [
            ("(100)", "-100"),
            (" （1,200） ", "-1,200"),
            ("(１２．５)", "-１２．５"),
            ("( 4762万 )", "-4762万"),
        ] {
            assert_eq!(
                refusal(text, &wan_usd()),
                Refusal::Bracketed {
                    negative: negative.to_string()
                },
                "{text:?}"
            );
        }
        assert_eq!(
            refusal("(+5)", &wan_usd()),
            Refusal::Bracketed {
                negative: "-5".to_string()
            }
        );
        let deep = format!("{}5{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(refusal(&deep, &wan_usd()), Refusal::NotANumber);
        assert!(matches!(
            refusal("(4762万元)", &wan_usd()),
            Refusal::OtherCurrency { .. }
        ));
        for text in ["()", "(预计)", "(-5)", "(0)", "((5))", "(5"] {
            assert_eq!(refusal(text, &wan_usd()), Refusal::NotANumber, "{text:?}");
        }
        assert_eq!(ok("-1,200"), Some("-1200".into()));
    }

    #[test]
    fn converts_wan_and_yi_into_the_plans_unit() {
        assert_eq!(ok("1.4亿"), Some("14000".into()));
        assert_eq!(ok("1.4亿美元"), Some("14000".into()));
        assert_eq!(ok("4762万美元"), Some("4762".into()));
        assert_eq!(ok("4762万"), Some("4762".into()));
        assert_eq!(ok("4762 万美元"), Some("4762".into()));
        assert_eq!(ok("-300万"), Some("-300".into()));
        let yi = MeasureUnit::Amount(AmountUnit::parse("亿美元").unwrap());
        assert_eq!(
            parse_entry("4762万美元", &yi).unwrap(),
            Some(Decimal::from_str("0.4762").unwrap())
        );
        let yuan = MeasureUnit::Amount(AmountUnit::parse("万元").unwrap());
        assert_eq!(
            parse_entry("3亿元", &yuan).unwrap(),
            Some(Decimal::from(30000))
        );
        assert_eq!(
            parse_entry("3亿人民币", &yuan).unwrap(),
            Some(Decimal::from(30000))
        );
    }

    #[test]
    fn counts_take_their_own_unit() {
        let count = MeasureUnit::Count("个".into());
        assert_eq!(
            parse_entry("12个", &count).unwrap(),
            Some(Decimal::from(12))
        );
        assert_eq!(
            parse_entry("1万", &count).unwrap(),
            Some(Decimal::from(10_000))
        );
        assert_eq!(refusal("12万美元", &count), Refusal::NotANumber);
    }

    #[test]
    fn blank_markers_mean_not_reported() {
        for blank in ["", "   ", "—", "——", "－", "-", "/", "／", "–"] {
            assert_eq!(ok(blank), None, "{blank:?}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        let unit = wan_usd();
        assert_eq!(
            refusal("4762万元", &unit),
            Refusal::OtherCurrency {
                expected: "万美元".into()
            }
        );
        assert_eq!(refusal("58%", &unit), Refusal::Percent);
        assert_eq!(refusal("58％", &unit), Refusal::Percent);
        assert_eq!(refusal("1,5", &unit), Refusal::Thousands);
        assert_eq!(refusal("1,5000", &unit), Refusal::Thousands);
        assert_eq!(refusal("1234,567", &unit), Refusal::Thousands);
        assert_eq!(refusal("1.5,000", &unit), Refusal::Thousands);
        assert_eq!(refusal("1.2.3", &unit), Refusal::TwoPoints);
        assert_eq!(refusal("abc", &unit), Refusal::NotANumber);
        assert_eq!(refusal("12a", &unit), Refusal::NotANumber);
        assert_eq!(refusal("1 2", &unit), Refusal::NotANumber);
        assert_eq!(refusal("--5", &unit), Refusal::NotANumber);
        assert_eq!(refusal(".", &unit), Refusal::NotANumber);
        assert_eq!(refusal("万", &unit), Refusal::NotANumber);
        assert_eq!(
            refusal("4762美元", &unit),
            Refusal::CurrencyWithoutMagnitude {
                expected: "美元".into()
            }
        );
        assert_eq!(refusal("999999999999亿", &unit), Refusal::TooLarge);
    }

    #[test]
    fn what_cannot_be_held_exactly_is_refused_never_rounded() {
        let unit = wan_usd();
        for text in [
            "0.00000000000000000000000000001",
            "1.00000000000000000000000000001",
            "9501.2911995555219525500109551",
            "0.00000000001",
        ] {
            assert_eq!(refusal(text, &unit), Refusal::TooManyDecimals, "{text}");
        }
        // Ten decimals are kept as typed; the limit counts the stored value's decimals.
        assert_eq!(ok("9501.2911995555"), Some("9501.2911995555".into()));
        assert_eq!(ok("0.00000000001亿"), Some("0.0000001".into()));
        let yi = MeasureUnit::Amount(AmountUnit::ALL[1]);
        assert_eq!(refusal("0.0000001万", &yi), Refusal::TooManyDecimals);
        let err = parse_entry("0.00000000001", &unit).unwrap_err();
        assert_eq!(err.text, "0.00000000001");
    }

    #[test]
    fn a_refusal_keeps_the_text_as_typed_without_its_spaces() {
        let err = parse_entry(" 4762万元 ", &wan_usd()).unwrap_err();
        assert_eq!(err.text, "4762万元");
        assert_eq!(
            err.refusal,
            Refusal::OtherCurrency {
                expected: "万美元".into()
            }
        );
    }

    #[test]
    fn edit_text_is_full_precision_and_reads_back() {
        let v = Decimal::from_str("2930.80").unwrap();
        assert_eq!(edit_text(Some(v)), "2930.8");
        assert_eq!(edit_text(None), "");
        assert_eq!(
            parse_entry(&edit_text(Some(v)), &wan_usd()).unwrap(),
            Some(v)
        );
    }
}
