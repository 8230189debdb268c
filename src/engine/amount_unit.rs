//! The units amounts are counted in: 万美元, 亿美元, 万元, 亿元 (SPEC §2), and the free-text units
//! of count metrics such as `个`.

use std::fmt;

/// 万 or 亿; 1亿 = 10000万.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Magnitude {
    Wan,
    Yi,
}

impl Magnitude {
    /// The power of 10 000 this magnitude stands for (万 = 1, 亿 = 2).
    pub fn power(self) -> u32 {
        match self {
            Magnitude::Wan => 1,
            Magnitude::Yi => 2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Magnitude::Wan => "万",
            Magnitude::Yi => "亿",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    Usd,
    Cny,
}

impl Currency {
    pub fn label(self) -> &'static str {
        match self {
            Currency::Usd => "美元",
            Currency::Cny => "元",
        }
    }
}

/// A plan's amount unit: a magnitude and a currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AmountUnit {
    pub magnitude: Magnitude,
    pub currency: Currency,
}

impl AmountUnit {
    pub const WAN_USD: AmountUnit = AmountUnit {
        magnitude: Magnitude::Wan,
        currency: Currency::Usd,
    };

    /// Every unit a plan may use, in the order the settings offer them.
    pub const ALL: [AmountUnit; 4] = [
        AmountUnit::WAN_USD,
        AmountUnit {
            magnitude: Magnitude::Yi,
            currency: Currency::Usd,
        },
        AmountUnit {
            magnitude: Magnitude::Wan,
            currency: Currency::Cny,
        },
        AmountUnit {
            magnitude: Magnitude::Yi,
            currency: Currency::Cny,
        },
    ];

    /// Reads `万美元`, `亿元` … exactly as the interchange format writes them.
    pub fn parse(text: &str) -> Option<AmountUnit> {
        AmountUnit::ALL.into_iter().find(|u| u.to_string() == text)
    }

    /// SPEC §4: 0 decimals for 万 units, 2 for 亿 units.
    pub fn default_decimals(self) -> u32 {
        match self.magnitude {
            Magnitude::Wan => 0,
            Magnitude::Yi => 2,
        }
    }
}

impl Default for AmountUnit {
    fn default() -> Self {
        AmountUnit::WAN_USD
    }
}

impl fmt::Display for AmountUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.magnitude.label(), self.currency.label())
    }
}

/// What one metric is measured in: an amount in some currency unit, or a count such as `个`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeasureUnit {
    Amount(AmountUnit),
    Count(String),
}

impl MeasureUnit {
    /// The power of ten that turns a number typed with `magnitude` into this unit
    /// (`1.4亿` in a 万美元 plan is 1.4 × 10⁴: 4; `1万` in a 亿 plan: −4).
    pub fn power_from(&self, magnitude: Option<Magnitude>) -> i64 {
        let Some(typed) = magnitude else {
            return 0;
        };
        let own = match self {
            MeasureUnit::Amount(unit) => unit.magnitude.power(),
            // A count has no magnitude of its own: `1万个` is 10 000.
            MeasureUnit::Count(_) => 0,
        };
        // Powers are 0, 1 or 2.
        4_i64.saturating_mul(i64::from(typed.power()).saturating_sub(i64::from(own)))
    }

    pub fn label(&self) -> String {
        match self {
            MeasureUnit::Amount(unit) => unit.to_string(),
            MeasureUnit::Count(label) => label.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_back_what_they_print() {
        for unit in AmountUnit::ALL {
            assert_eq!(AmountUnit::parse(&unit.to_string()), Some(unit));
        }
        assert_eq!(AmountUnit::parse("美元"), None);
    }

    #[test]
    fn yi_typed_into_a_wan_plan_is_ten_thousand_wan() {
        let wan = MeasureUnit::Amount(AmountUnit::WAN_USD);
        assert_eq!(wan.power_from(Some(Magnitude::Yi)), 4);
        assert_eq!(wan.power_from(Some(Magnitude::Wan)), 0);
        assert_eq!(wan.power_from(None), 0);
        let yi = MeasureUnit::Amount(AmountUnit::ALL[1]);
        assert_eq!(yi.power_from(Some(Magnitude::Wan)), -4);
        let count = MeasureUnit::Count("个".into());
        assert_eq!(count.power_from(Some(Magnitude::Wan)), 4);
    }
}
