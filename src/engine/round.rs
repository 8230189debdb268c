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
    fn pads_to_the_requested_decimals_and_never_shows_negative_zero() {
        assert_eq!(round2(d("30.2")).to_string(), "30.20");
        assert_eq!(round2(d("-0.001")).to_string(), "0.00");
        assert_eq!(round_half_away(d("-0.4"), 0).to_string(), "0");
    }
}
