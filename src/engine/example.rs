//! The plan of SPEC §7, reconstructed from the speech: the ready example a first visitor sees,
//! and the golden data of the engine's tests.

use super::interchange::read_plan;
use super::plan::Plan;

/// SPEC §7's inputs in the interchange format (all settings at their defaults, m = 7).
pub const SPEECH_EXAMPLE_JSON: &str = r#"{
  "format": "pace-plan",
  "version": 1,
  "title": "全市利用外资 1-7月",
  "year": 2026,
  "month": 7,
  "unit": "万美元",
  "metrics": [
    { "id": "registered", "name": "新批注册外资" },
    { "id": "arrived", "name": "注册外资实际到帐" }
  ],
  "tiers": [
    { "id": "assessment", "name": "考核目标" },
    { "id": "stretch", "name": "加压目标" }
  ],
  "units": [
    {
      "id": "city",
      "name": "全市",
      "total": true,
      "figures": {
        "registered": { "actual": 26023, "targets": { "assessment": 42410, "stretch": 57545 } },
        "arrived": { "actual": 10282, "carryover": 1200, "targets": { "assessment": 23460, "stretch": 34050 } }
      }
    },
    {
      "id": "devzone",
      "name": "开发区",
      "group": "开发区",
      "figures": {
        "registered": { "actual": 14202, "lastYear": 10642, "targets": { "assessment": 24000, "stretch": 35000 } },
        "arrived": { "actual": 4762, "lastYear": 2930.8, "targets": { "assessment": 12000, "stretch": 17000 } }
      }
    }
  ]
}
"#;

/// The speech's plan.
pub fn speech_example() -> Plan {
    // The text above is a valid plan (the golden tests read it); an empty plan is the
    // harmless fallback should it ever not be.
    read_plan(SPEECH_EXAMPLE_JSON).unwrap_or_else(|_| Plan::empty("全市利用外资 1-7月", 2026, 7))
}
