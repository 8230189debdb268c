//! Numbers held exactly, within the limits that keep every derived figure computable.
//!
//! Every amount, weight and threshold Pace stores comes through here, whether typed (SPEC §5) or
//! imported (SPEC §6). Two limits are enforced, so that a stored number is always exactly what was
//! written and no derived figure can overflow the 28-digit decimal arithmetic:
//!
//! - magnitude at most 10¹⁵ (`MAX_MAGNITUDE`): far above any real figure in 万 or 亿;
//! - at most 10 decimal places (`MAX_DECIMALS`), counted on the stored value (after 万 → 亿).
//!
//! Together they bound a stored number to 16 + 10 = 26 significant digits, which the decimal type
//! holds exactly, and bound every quotient: A × 100 / T ≤ 10¹⁷ / 10⁻¹⁰ = 10²⁷, below the type's
//! maximum of about 7.9 × 10²⁸. The text is read digit by digit rather than through
//! `Decimal::from_str`, which would silently round a 29th digit away.

use rust_decimal::Decimal;

/// The largest magnitude a stored number may have, in the metric's unit.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;

/// The most decimal places a stored number may have.
pub const MAX_DECIMALS: u32 = 10;

/// Why a number cannot be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Not of the form `[+-]digits[.digits][e[+-]digits]`.
    NotANumber,
    /// Above `MAX_MAGNITUDE` in magnitude.
    TooLarge,
    /// More than `MAX_DECIMALS` decimal places.
    TooManyDecimals,
}

/// Reads `text` (ASCII: an optional sign, digits, an optional fraction and an optional exponent,
/// as JSON and SPEC §5 entries write numbers) as the exact decimal it names. `-0` reads as 0.
///
/// Errors: `NotANumber` for any other shape, `TooLarge` above 10¹⁵, `TooManyDecimals` beyond 10
/// decimal places. Never rounds.
pub fn read_exact(text: &str) -> Result<Decimal, Limit> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, read_exponent(e)?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (whole.is_empty() && fraction.is_empty())
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return Err(Limit::NotANumber);
    }
    // The value is `digits × 10^power`, with no leading or trailing zeros in `digits`.
    let all_digits = format!("{whole}{fraction}");
    let trimmed = all_digits.trim_start_matches('0');
    let significant = trimmed.trim_end_matches('0');
    if significant.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let fraction_len = i64::try_from(fraction.len()).map_err(|_| Limit::TooLarge)?;
    let dropped = i64::try_from(trimmed.len().saturating_sub(significant.len()))
        .map_err(|_| Limit::TooLarge)?;
    let power = exponent
        .checked_sub(fraction_len)
        .and_then(|p| p.checked_add(dropped))
        .ok_or(Limit::TooLarge)?;
    let digit_count = i64::try_from(significant.len()).map_err(|_| Limit::TooLarge)?;
    // Digits before the point: at most 16 for anything up to 10¹⁵.
    if digit_count.saturating_add(power) > 16 {
        return Err(Limit::TooLarge);
    }
    if power.saturating_add(i64::from(MAX_DECIMALS)) < 0 {
        return Err(Limit::TooManyDecimals);
    }
    // Now at most 26 significant digits with a power from −10 to 16: exact in i128 and Decimal.
    let mut mantissa: i128 = significant.parse().map_err(|_| Limit::TooLarge)?;
    let mut scale = 0u32;
    if power >= 0 {
        for _ in 0..power {
            mantissa = mantissa.checked_mul(10).ok_or(Limit::TooLarge)?;
        }
    } else {
        scale = u32::try_from(power.unsigned_abs()).map_err(|_| Limit::TooManyDecimals)?;
    }
    if negative {
        mantissa = mantissa.checked_neg().ok_or(Limit::TooLarge)?;
    }
    let value = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Limit::TooLarge)?;
    within_limits(value)
}

/// The exponent of `1.5e3`: a sign and digits. Exponents beyond ±10⁶ are clamped there: a
/// non-zero number with such an exponent is out of range or has too many decimals either way.
fn read_exponent(text: &str) -> Result<i64, Limit> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Limit::NotANumber);
    }
    let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX).min(1_000_000);
    Ok(if negative {
        magnitude.saturating_neg()
    } else {
        magnitude
    })
}

/// Checks a number already held (for example `1.2345万` converted into a 亿 plan) against the
/// limits, and returns it normalised (no trailing zeros, never −0).
pub fn within_limits(value: Decimal) -> Result<Decimal, Limit> {
    if value.abs() > Decimal::from(MAX_MAGNITUDE) {
        return Err(Limit::TooLarge);
    }
    let mut value = value.normalize();
    if value.scale() > MAX_DECIMALS {
        return Err(Limit::TooManyDecimals);
    }
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        read_exact(text).map(|d| d.to_string()).unwrap_or_default()
    }

    #[test]
    fn reads_plain_and_scientific_numbers_exactly() {
        assert_eq!(ok("14202"), "14202");
        assert_eq!(ok("2930.80"), "2930.8");
        assert_eq!(ok("-12.345"), "-12.345");
        assert_eq!(ok("+7"), "7");
        assert_eq!(ok(".5"), "0.5");
        assert_eq!(ok("5."), "5");
        assert_eq!(ok("1.5e3"), "1500");
        assert_eq!(ok("15E-1"), "1.5");
        assert_eq!(ok("-0"), "0");
        assert_eq!(ok("-0.000"), "0");
        assert_eq!(ok("0e99999999999999999999"), "0");
        assert_eq!(ok("1000000000000000"), "1000000000000000");
        assert_eq!(ok("-1000000000000000"), "-1000000000000000");
        assert_eq!(ok("0.0000000001"), "0.0000000001");
        assert_eq!(
            ok("999999999999999.9999999999"),
            "999999999999999.9999999999"
        );
        assert_eq!(ok("9501.2911995555"), "9501.2911995555");
        assert_eq!(ok("00012.3400"), "12.34");
    }

    #[test]
    fn never_rounds_a_digit_away() {
        // The decimal type would read these as 0, 1 and a different number.
        assert_eq!(
            read_exact("0.00000000000000000000000000001"),
            Err(Limit::TooManyDecimals)
        );
        assert_eq!(
            read_exact("1.00000000000000000000000000001"),
            Err(Limit::TooManyDecimals)
        );
        assert_eq!(
            read_exact("9501.2911995555219525500109551"),
            Err(Limit::TooManyDecimals)
        );
        assert_eq!(
            read_exact("-792281625142643.3759354395033"),
            Err(Limit::TooManyDecimals)
        );
        assert_eq!(read_exact("0.00000000001"), Err(Limit::TooManyDecimals));
        assert_eq!(read_exact("1e-11"), Err(Limit::TooManyDecimals));
    }

    #[test]
    fn refuses_what_is_too_large_or_not_a_number() {
        assert_eq!(read_exact("1000000000000000.1"), Err(Limit::TooLarge));
        assert_eq!(read_exact("1e16"), Err(Limit::TooLarge));
        assert_eq!(read_exact("1e999999999999999999999"), Err(Limit::TooLarge));
        assert_eq!(
            read_exact("79228162514264337593543950335"),
            Err(Limit::TooLarge)
        );
        for bad in [
            "", "-", ".", "1.2.3", "1e", "1e+", "e5", "12a", "1,5", "--1", " 1",
        ] {
            assert_eq!(read_exact(bad), Err(Limit::NotANumber), "{bad:?}");
        }
    }

    #[test]
    fn converted_values_are_checked_too() {
        let converted = Decimal::new(123456, 15); // 0.000000000123456
        assert_eq!(within_limits(converted), Err(Limit::TooManyDecimals));
        assert_eq!(
            within_limits(Decimal::new(12345, 8)).map(|d| d.to_string()),
            Ok("0.00012345".to_string())
        );
        assert_eq!(
            within_limits(Decimal::from(MAX_MAGNITUDE) + Decimal::ONE),
            Err(Limit::TooLarge)
        );
    }
}
