//! The plan of SPEC §7, reconstructed from the speech (the golden data of the engine's tests),
//! and the ready example a first visitor sees: the same plan with the rest of the city's units.

use super::interchange::read_plan;
use super::plan::{Figure, Plan, Unit};
use rust_decimal::Decimal;
use std::sync::Arc;

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
///
/// Built from this table rather than read from a JSON text: a first visit then runs no JSON
/// reader before its first frame (the browser compiles a wasm function the first time it runs,
/// and the reader's code took 30–70 ms of a first visit at a 4× slower CPU to compile). The text
/// it equals is tests/fixtures/welcome-example.json (tests/worked_example.rs).
const WELCOME_UNITS: [Row; 13] = [
    Row {
        id: "city",
        name: "全市",
        group: None,
        registered: Fig {
            actual: 260230,
            carryover: None,
            last_year: 212620,
            assessment: 424100,
            stretch: 575450,
        },
        arrived: Fig {
            actual: 102820,
            carryover: Some(12000),
            last_year: 77120,
            assessment: 234600,
            stretch: 340500,
        },
    },
    Row {
        id: "devzone",
        name: "开发区",
        group: Some("园区"),
        registered: Fig {
            actual: 142020,
            carryover: None,
            last_year: 106420,
            assessment: 240000,
            stretch: 350000,
        },
        arrived: Fig {
            actual: 47620,
            carryover: None,
            last_year: 29308,
            assessment: 120000,
            stretch: 170000,
        },
    },
    Row {
        id: "hitech",
        name: "高新区",
        group: Some("园区"),
        registered: Fig {
            actual: 43000,
            carryover: None,
            last_year: 36500,
            assessment: 70000,
            stretch: 88500,
        },
        arrived: Fig {
            actual: 19500,
            carryover: Some(4000),
            last_year: 14200,
            assessment: 43200,
            stretch: 65000,
        },
    },
    Row {
        id: "chengguan",
        name: "城关镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 17300,
            carryover: None,
            last_year: 13900,
            assessment: 15500,
            stretch: 17000,
        },
        arrived: Fig {
            actual: 6400,
            carryover: Some(2000),
            last_year: 5600,
            assessment: 11000,
            stretch: 16000,
        },
    },
    Row {
        id: "donglin",
        name: "东林镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 14500,
            carryover: None,
            last_year: 11200,
            assessment: 19000,
            stretch: 22000,
        },
        arrived: Fig {
            actual: 6900,
            carryover: Some(1500),
            last_year: 5212,
            assessment: 6800,
            stretch: 10000,
        },
    },
    Row {
        id: "xitang",
        name: "西塘镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 9800,
            carryover: None,
            last_year: 10500,
            assessment: 15000,
            stretch: 17500,
        },
        arrived: Fig {
            actual: 5200,
            carryover: Some(1000),
            last_year: 4800,
            assessment: 9800,
            stretch: 14500,
        },
    },
    Row {
        id: "nanhu",
        name: "南湖镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 7600,
            carryover: None,
            last_year: 8200,
            assessment: 13000,
            stretch: 15000,
        },
        arrived: Fig {
            actual: 4300,
            carryover: Some(1000),
            last_year: 4600,
            assessment: 8500,
            stretch: 12500,
        },
    },
    Row {
        id: "beishan",
        name: "北山镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 6900,
            carryover: None,
            last_year: 5400,
            assessment: 12600,
            stretch: 14450,
        },
        arrived: Fig {
            actual: 3300,
            carryover: Some(500),
            last_year: 3000,
            assessment: 9000,
            stretch: 13000,
        },
    },
    Row {
        id: "xinqiao",
        name: "新桥镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 4200,
            carryover: None,
            last_year: 6100,
            assessment: 10000,
            stretch: 12000,
        },
        arrived: Fig {
            actual: 2020,
            carryover: Some(1000),
            last_year: 3500,
            assessment: 8300,
            stretch: 13000,
        },
    },
    Row {
        id: "baisha",
        name: "白沙镇",
        group: Some("乡镇"),
        registered: Fig {
            actual: 0,
            carryover: None,
            last_year: 3000,
            assessment: 5000,
            stretch: 7000,
        },
        arrived: Fig {
            actual: 0,
            carryover: None,
            last_year: 1200,
            assessment: 4000,
            stretch: 6000,
        },
    },
    Row {
        id: "invest",
        name: "市招商局",
        group: Some("部门"),
        registered: Fig {
            actual: 3080,
            carryover: None,
            last_year: 2600,
            assessment: 6000,
            stretch: 8000,
        },
        arrived: Fig {
            actual: 180,
            carryover: None,
            last_year: 600,
            assessment: 3000,
            stretch: 4500,
        },
    },
    Row {
        id: "finance",
        name: "市财政局",
        group: Some("部门"),
        registered: Fig {
            actual: 6630,
            carryover: None,
            last_year: 4800,
            assessment: 10000,
            stretch: 13000,
        },
        arrived: Fig {
            actual: 4200,
            carryover: Some(1000),
            last_year: 3000,
            assessment: 6000,
            stretch: 9000,
        },
    },
    Row {
        id: "commerce",
        name: "市工商局",
        group: Some("部门"),
        registered: Fig {
            actual: 5200,
            carryover: None,
            last_year: 4000,
            assessment: 8000,
            stretch: 11000,
        },
        arrived: Fig {
            actual: 3200,
            carryover: None,
            last_year: 2100,
            assessment: 5000,
            stretch: 7000,
        },
    },
];

/// One unit of the welcome example, the total first.
struct Row {
    id: &'static str,
    name: &'static str,
    group: Option<&'static str>,
    registered: Fig,
    arrived: Fig,
}

/// One metric's figures of a `Row`, in tenths of 万美元 (2930.8 is 29308).
struct Fig {
    actual: i64,
    carryover: Option<i64>,
    last_year: i64,
    assessment: i64,
    stretch: i64,
}

impl Fig {
    fn figure(&self) -> Figure {
        let amount = |tenths: i64| Decimal::new(tenths, 1).normalize();
        let mut figure = Figure {
            actual: Some(amount(self.actual)),
            carryover: self.carryover.map(amount),
            last_year: Some(amount(self.last_year)),
            ..Figure::default()
        };
        // Inserted one by one: collecting into a map would bring a sort into the page's code.
        for (tier, tenths) in [("assessment", self.assessment), ("stretch", self.stretch)] {
            figure.targets.insert(tier.to_string(), amount(tenths));
        }
        figure
    }
}

/// The speech's plan.
pub fn speech_example() -> Plan {
    // The text above is a valid plan (the golden tests read it); an empty plan is the
    // harmless fallback should it ever not be.
    read_plan(SPEECH_EXAMPLE_JSON).unwrap_or_else(|_| speech_frame())
}

/// SPEC §7's plan without its units' figures: its title, year, month, metrics and tiers.
fn speech_frame() -> Plan {
    Plan::empty("全市利用外资 1-7月", 2026, 7)
}

/// The plan a first visitor sees: `WELCOME_UNITS` in `speech_frame`.
pub fn welcome_example() -> Plan {
    let mut plan = speech_frame();
    plan.units = WELCOME_UNITS
        .iter()
        .enumerate()
        .map(|(at, row)| {
            let mut unit = Unit::new(row.id, row.name);
            unit.total = at == 0;
            unit.group = row.group.map(str::to_string);
            for (metric, figure) in [("registered", &row.registered), ("arrived", &row.arrived)] {
                unit.figures.insert(metric.to_string(), figure.figure());
            }
            Arc::new(unit)
        })
        .collect();
    plan
}
