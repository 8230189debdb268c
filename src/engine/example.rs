//! The plan of SPEC §7, reconstructed from the speech (the golden data of the engine's tests),
//! and the ready example a first visitor sees: the same plan with the rest of the city's units.

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

/// The example a first visitor sees (and 打开示例 opens): SPEC §7's plan made whole. The total
/// (全市) keeps §7's figures, so every total figure of §7 comes out unchanged, and 开发区 is
/// §7's, so are its figures; the other units are made up so that the plan agrees with itself:
/// the units' actuals, carry-overs, last year's figures and targets add up to the total's, every
/// unit has reported (白沙镇 a 0: 双空白) and every group has several members. 部门 adds up to the
/// speech's 1491 and 758 (5.73% and 7.37% of the city), with 市招商局's 308 and 18. The total has
/// its own 上年同期 (the units' sum), so its 同比 is its own.
pub const WELCOME_EXAMPLE_JSON: &str = r#"{
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
        "registered": { "actual": 26023, "lastYear": 21262, "targets": { "assessment": 42410, "stretch": 57545 } },
        "arrived": { "actual": 10282, "carryover": 1200, "lastYear": 7712, "targets": { "assessment": 23460, "stretch": 34050 } }
      }
    },
    {
      "id": "devzone",
      "name": "开发区",
      "group": "园区",
      "figures": {
        "registered": { "actual": 14202, "lastYear": 10642, "targets": { "assessment": 24000, "stretch": 35000 } },
        "arrived": { "actual": 4762, "lastYear": 2930.8, "targets": { "assessment": 12000, "stretch": 17000 } }
      }
    },
    {
      "id": "hitech",
      "name": "高新区",
      "group": "园区",
      "figures": {
        "registered": { "actual": 4300, "lastYear": 3650, "targets": { "assessment": 7000, "stretch": 8850 } },
        "arrived": { "actual": 1950, "carryover": 400, "lastYear": 1420, "targets": { "assessment": 4320, "stretch": 6500 } }
      }
    },
    {
      "id": "chengguan",
      "name": "城关镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 1730, "lastYear": 1390, "targets": { "assessment": 1550, "stretch": 1700 } },
        "arrived": { "actual": 640, "carryover": 200, "lastYear": 560, "targets": { "assessment": 1100, "stretch": 1600 } }
      }
    },
    {
      "id": "donglin",
      "name": "东林镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 1450, "lastYear": 1120, "targets": { "assessment": 1900, "stretch": 2200 } },
        "arrived": { "actual": 690, "carryover": 150, "lastYear": 521.2, "targets": { "assessment": 680, "stretch": 1000 } }
      }
    },
    {
      "id": "xitang",
      "name": "西塘镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 980, "lastYear": 1050, "targets": { "assessment": 1500, "stretch": 1750 } },
        "arrived": { "actual": 520, "carryover": 100, "lastYear": 480, "targets": { "assessment": 980, "stretch": 1450 } }
      }
    },
    {
      "id": "nanhu",
      "name": "南湖镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 760, "lastYear": 820, "targets": { "assessment": 1300, "stretch": 1500 } },
        "arrived": { "actual": 430, "carryover": 100, "lastYear": 460, "targets": { "assessment": 850, "stretch": 1250 } }
      }
    },
    {
      "id": "beishan",
      "name": "北山镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 690, "lastYear": 540, "targets": { "assessment": 1260, "stretch": 1445 } },
        "arrived": { "actual": 330, "carryover": 50, "lastYear": 300, "targets": { "assessment": 900, "stretch": 1300 } }
      }
    },
    {
      "id": "xinqiao",
      "name": "新桥镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 420, "lastYear": 610, "targets": { "assessment": 1000, "stretch": 1200 } },
        "arrived": { "actual": 202, "carryover": 100, "lastYear": 350, "targets": { "assessment": 830, "stretch": 1300 } }
      }
    },
    {
      "id": "baisha",
      "name": "白沙镇",
      "group": "乡镇",
      "figures": {
        "registered": { "actual": 0, "lastYear": 300, "targets": { "assessment": 500, "stretch": 700 } },
        "arrived": { "actual": 0, "lastYear": 120, "targets": { "assessment": 400, "stretch": 600 } }
      }
    },
    {
      "id": "invest",
      "name": "市招商局",
      "group": "部门",
      "figures": {
        "registered": { "actual": 308, "lastYear": 260, "targets": { "assessment": 600, "stretch": 800 } },
        "arrived": { "actual": 18, "lastYear": 60, "targets": { "assessment": 300, "stretch": 450 } }
      }
    },
    {
      "id": "finance",
      "name": "市财政局",
      "group": "部门",
      "figures": {
        "registered": { "actual": 663, "lastYear": 480, "targets": { "assessment": 1000, "stretch": 1300 } },
        "arrived": { "actual": 420, "carryover": 100, "lastYear": 300, "targets": { "assessment": 600, "stretch": 900 } }
      }
    },
    {
      "id": "commerce",
      "name": "市工商局",
      "group": "部门",
      "figures": {
        "registered": { "actual": 520, "lastYear": 400, "targets": { "assessment": 800, "stretch": 1100 } },
        "arrived": { "actual": 320, "lastYear": 210, "targets": { "assessment": 500, "stretch": 700 } }
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

/// The plan a first visitor sees (see `WELCOME_EXAMPLE_JSON`).
pub fn welcome_example() -> Plan {
    // Valid too (tests/worked_example.rs reads it). The fallback is not `speech_example`, so that
    // the page carries one example's text, not two.
    read_plan(WELCOME_EXAMPLE_JSON).unwrap_or_else(|_| Plan::empty("全市利用外资 1-7月", 2026, 7))
}
