//! SPEC §4's one rounding rule: half away from zero on the exact value.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds `x` to `dp` decimals, ties away from zero (121.095 → 121.10, −12.345 → −12.35),
/// with the scale fixed at `dp` so that `to_string` shows the trailing zeros, and never `-0`.
pub fn round_half_away(x: Decimal, dp: u32) -> Decimal {
    let mut rounded = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// Percentages and points: 2 decimals.
pub fn round2(x: Decimal) -> Decimal {
    round_half_away(x, 2)
}

/// Rounds `x` up (towards +∞) to a whole multiple of 10^`power` (`power` 2: hundreds, −2:
/// hundredths): 2636 → 2700 at 2, 0.2636 → 0.27 at −2. `None` when the result would overflow.
pub fn round_up_to_power(x: Decimal, power: i32) -> Option<Decimal> {
    if power <= 0 {
        let dp = power.unsigned_abs();
        return Some(x.round_dp_with_strategy(dp, RoundingStrategy::ToPositiveInfinity));
    }
    let step = Decimal::from(10u64.checked_pow(power.unsigned_abs())?);
    x.checked_div(step)?.ceil().checked_mul(step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn ties_go_away_from_zero() {
        assert_eq!(round2(d("121.095")).to_string(), "121.10");
        assert_eq!(round2(d("59.175")).to_string(), "59.18");
        assert_eq!(round2(d("-12.345")).to_string(), "-12.35");
        assert_eq!(round_half_away(d("9580.5"), 0).to_string(), "9581");
        assert_eq!(round_half_away(d("2837.5"), 0).to_string(), "2838");
        assert_eq!(round_half_away(d("-2837.5"), 0).to_string(), "-2838");
    }

    #[test]
    fn rounds_up_to_a_power_of_ten() {
        assert_eq!(round_up_to_power(d("2636"), 2), Some(d("2700")));
        assert_eq!(round_up_to_power(d("2600"), 2), Some(d("2600")));
        assert_eq!(round_up_to_power(d("4754.4"), 2), Some(d("4800")));
        assert_eq!(round_up_to_power(d("0.2636"), -2), Some(d("0.27")));
        assert_eq!(round_up_to_power(d("-250"), 2), Some(d("-200")));
        assert_eq!(round_up_to_power(Decimal::MAX, 2), None);
    }

    #[test]
    fn pads_to_the_requested_decimals_and_never_shows_negative_zero() {
        assert_eq!(round2(d("30.2")).to_string(), "30.20");
        assert_eq!(round2(d("-0.001")).to_string(), "0.00");
        assert_eq!(round_half_away(d("-0.4"), 0).to_string(), "0");
    }
}
