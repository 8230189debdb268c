//! SPEC §6: import refuses faulty documents with what is wrong, where in the plan's terms and the
//! path of the fault; export is canonical.

use pace::engine::example::{speech_example, SPEECH_EXAMPLE_JSON};
use pace::engine::interchange::{
    export_file_name, read_plan, write_plan, Fault, Field, ImportError, Item, Named, Part, Place,
};
use serde_json::Value;

/// The speech example with one value set (or added) through a JSON pointer.
fn with(pointer: &str, value: Value) -> String {
    let mut doc: Value = serde_json::from_str(SPEECH_EXAMPLE_JSON).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_string(), value);
        }
        Some(Value::Array(items)) => items[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
    doc.to_string()
}

fn refused(text: &str) -> ImportError {
    match read_plan(text) {
        Err(e) => e,
        Ok(_) => panic!("accepted: {text}"),
    }
}

/// The path and the kind of the fault.
fn refusal(text: &str) -> (String, Fault) {
    let e = refused(text);
    (e.path, e.fault)
}

fn fault(path: &str, fault: Fault) -> (String, Fault) {
    (path.to_string(), fault)
}

fn item(position: usize, name: &str) -> Item {
    Item {
        position,
        name: Some(name.to_string()),
    }
}

fn named(id: &str, name: Option<&str>) -> Named {
    Named {
        id: id.to_string(),
        name: name.map(str::to_string),
    }
}

#[test]
fn faults_are_refused_with_their_path() {
    use serde_json::json;
    let whole = |min, max| Fault::ExpectedWholeNumber { min, max };
    let cases = [
        (
            with("/units/1/figures/arrived/targets/stretch", json!("17000")),
            fault(
                "units[1].figures.arrived.targets.stretch",
                Fault::ExpectedNumber,
            ),
        ),
        (with("/month", json!(13)), fault("month", whole(1, 12))),
        (with("/month", json!(7.5)), fault("month", whole(1, 12))),
        (
            with("/format", json!("excel")),
            fault(
                "format",
                Fault::OtherFormat {
                    found: "\"excel\"".into(),
                },
            ),
        ),
        (
            with("/unit", json!("美元")),
            fault(
                "unit",
                Fault::UnknownAmountUnit {
                    found: "美元".into(),
                },
            ),
        ),
        (
            with("/units/1/id", json!("city")),
            fault("units[1].id", Fault::DuplicateId { id: "city".into() }),
        ),
        (
            with("/units/1/total", json!(true)),
            fault(
                "units[1].total",
                Fault::SecondTotal {
                    first: item(1, "全市"),
                },
            ),
        ),
        (
            with("/units/1/figures/arrived/targets", json!({ "goal": 5 })),
            fault(
                "units[1].figures.arrived.targets.goal",
                Fault::UnknownTier { id: "goal".into() },
            ),
        ),
        (
            with("/units/0/figures", json!({ "exports": { "actual": 5 } })),
            fault(
                "units[0].figures.exports",
                Fault::UnknownMetric {
                    id: "exports".into(),
                },
            ),
        ),
        (
            with("/units/0/name", json!(5)),
            fault("units[0].name", Fault::ExpectedText),
        ),
        (
            with("/units/0/inTotal", json!("yes")),
            fault("units[0].inTotal", Fault::ExpectedTrueOrFalse),
        ),
        (
            with("/units", json!({})),
            fault("units", Fault::ExpectedArray),
        ),
        (
            with("/metrics/1/id", json!("")),
            fault("metrics[1].id", Fault::EmptyId),
        ),
        (
            with("/tiers/0/name", Value::Null),
            fault("tiers[0].name", Fault::Missing),
        ),
        (
            with("/units/1/figures/arrived/actual", json!(1e300)),
            fault(
                "units[1].figures.arrived.actual",
                Fault::NumberTooLarge {
                    number: "1e+300".into(),
                },
            ),
        ),
        (
            with(
                "/units/1/figures/arrived/monthly",
                json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
            ),
            fault(
                "units[1].figures.arrived.monthly",
                Fault::TooManyMonths { found: 13 },
            ),
        ),
        (
            with("/units/1/figures/arrived/monthly", json!([1, "x"])),
            fault("units[1].figures.arrived.monthly[1]", Fault::ExpectedNumber),
        ),
        (
            with("/settings", json!({ "scheduleWeights": [1, 2, 3] })),
            fault("settings.scheduleWeights", Fault::WeightCount { found: 3 }),
        ),
        (
            with(
                "/settings",
                json!({ "scheduleWeights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
            ),
            fault("settings.scheduleWeights", Fault::AllWeightsZero),
        ),
        (
            with(
                "/settings",
                json!({ "scheduleWeights": [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1] }),
            ),
            fault("settings.scheduleWeights[5]", Fault::NegativeWeight),
        ),
        (
            with(
                "/settings",
                json!({ "scheduleOverride": { "month": 7, "percent": 158 } }),
            ),
            fault(
                "settings.scheduleOverride.percent",
                Fault::PercentOutOfRange,
            ),
        ),
        (
            with("/settings", json!({ "amountDecimals": 3 })),
            fault("settings.amountDecimals", whole(0, 2)),
        ),
        (
            with("/settings", json!({ "statusYellow": -20 })),
            fault(
                "settings.statusRed",
                Fault::RedAboveYellow {
                    yellow: (-20).into(),
                },
            ),
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(refusal(&doc), expected);
    }
}

/// Four units, the 4th named 乡镇甲, as a town's plan would have them.
fn towns() -> Value {
    let mut doc: Value = serde_json::from_str(SPEECH_EXAMPLE_JSON).unwrap();
    let units = doc["units"].as_array_mut().unwrap();
    for (id, name) in [("t1", "乡镇乙"), ("t2", "乡镇甲")] {
        let mut unit = units[1].clone();
        unit["id"] = id.into();
        unit["name"] = name.into();
        units.push(unit);
    }
    doc
}

#[test]
fn a_fault_is_placed_in_the_plans_terms() {
    use serde_json::json;
    // A string where a number is: the 2nd tier's target of the 4th unit.
    let mut doc = towns();
    doc["units"][3]["figures"]["arrived"]["targets"]["stretch"] = json!("很多");
    let e = refused(&doc.to_string());
    assert_eq!(e.fault, Fault::ExpectedNumber);
    assert_eq!(e.path, "units[3].figures.arrived.targets.stretch");
    assert_eq!(
        *e.place,
        Place {
            part: Part::Figure {
                unit: item(4, "乡镇甲"),
                metric: named("arrived", Some("注册外资实际到帐")),
            },
            field: Some(Field::Target(named("stretch", Some("加压目标")))),
        }
    );
    // The other fields of a figure, and a month of its monthly figures.
    let figure = |field| Place {
        part: Part::Figure {
            unit: item(3, "乡镇乙"),
            metric: named("registered", Some("新批注册外资")),
        },
        field: Some(field),
    };
    for (key, value, field) in [
        ("actual", json!("x"), Field::Actual),
        ("carryover", json!(true), Field::Carryover),
        ("lastYear", json!([]), Field::LastYear),
        ("targets", json!(5), Field::Targets),
        ("monthly", json!([1, 2, "3"]), Field::Month(3)),
    ] {
        let mut doc = towns();
        doc["units"][2]["figures"]["registered"][key] = value;
        assert_eq!(*refused(&doc.to_string()).place, figure(field), "{key}");
    }
    // A unit's own field; a name that is not text leaves the unit unnamed.
    let mut doc = towns();
    doc["units"][2]["name"] = json!(7);
    let e = refused(&doc.to_string());
    assert_eq!(
        (e.fault, *e.place),
        (
            Fault::ExpectedText,
            Place {
                part: Part::Unit(Item {
                    position: 3,
                    name: None
                }),
                field: Some(Field::Name),
            }
        )
    );
    // A reference to a tier the plan does not have: named by its id only.
    let mut doc = towns();
    doc["units"][3]["figures"]["arrived"]["targets"]["goal"] = json!(1);
    let e = refused(&doc.to_string());
    assert_eq!(e.fault, Fault::UnknownTier { id: "goal".into() });
    assert_eq!(e.place.field, Some(Field::Target(named("goal", None))));
    // Settings, metrics, tiers, the document's keys and scenario lines.
    let cases = [
        (
            "/settings",
            json!({ "scheduleWeights": [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1] }),
            Place {
                part: Part::Settings,
                field: Some(Field::Weight(6)),
            },
        ),
        (
            "/settings",
            json!({ "scheduleOverride": { "month": 0, "percent": 5 } }),
            Place {
                part: Part::Settings,
                field: Some(Field::OverrideMonth),
            },
        ),
        (
            "/metrics/1/id",
            json!("registered"),
            Place {
                part: Part::Metric(item(2, "注册外资实际到帐")),
                field: Some(Field::Id),
            },
        ),
        (
            "/tiers/1/name",
            json!(null),
            Place {
                part: Part::Tier(Item {
                    position: 2,
                    name: None,
                }),
                field: Some(Field::Name),
            },
        ),
        (
            "/month",
            json!("七月"),
            Place {
                part: Part::Document,
                field: Some(Field::DataMonth),
            },
        ),
        (
            "/scenarios",
            json!([{ "id": "s", "name": "乐观", "inflows": [
                { "metric": "arrived" }, { "metric": "arrived", "months": [1, "2"] }
            ] }]),
            Place {
                part: Part::Inflow {
                    scenario: item(1, "乐观"),
                    position: 2,
                },
                field: Some(Field::Month(2)),
            },
        ),
    ];
    for (pointer, value, place) in cases {
        assert_eq!(*refused(&with(pointer, value)).place, place, "{pointer}");
    }
}

#[test]
fn a_duplicate_id_is_placed_at_the_second_item() {
    let mut doc = towns();
    doc["units"][3]["id"] = "t1".into();
    let e = refused(&doc.to_string());
    assert_eq!(e.fault, Fault::DuplicateId { id: "t1".into() });
    assert_eq!(e.path, "units[3].id");
    assert_eq!(
        *e.place,
        Place {
            part: Part::Unit(item(4, "乡镇甲")),
            field: Some(Field::Id),
        }
    );
}

#[test]
fn newer_versions_and_other_documents_are_refused_clearly() {
    use serde_json::json;
    let e = refused(&with("/version", json!(2)));
    assert_eq!(
        (e.path.as_str(), e.fault),
        (
            "version",
            Fault::NewerVersion {
                version: 2,
                newest: 1
            }
        )
    );
    assert_eq!(
        *e.place,
        Place {
            part: Part::Document,
            field: Some(Field::Version),
        }
    );
    assert_eq!(
        refused(&with("/version", json!(0))).fault,
        Fault::ExpectedWholeNumber {
            min: 1,
            max: 1_000_000
        }
    );
    assert_eq!(refusal("[1, 2]"), fault("", Fault::NotAPlan));
    assert_eq!(refusal("{}"), fault("", Fault::NotAPlan));
    // Not JSON at all: where the reader stopped, and whether the text was cut short.
    assert_eq!(
        refusal("{ \"format\": "),
        fault(
            "",
            Fault::NotJson {
                line: 1,
                column: 12,
                cut_short: true
            }
        )
    );
    assert_eq!(
        refusal("{\n  \"format\": pace\n}"),
        fault(
            "",
            Fault::NotJson {
                line: 2,
                column: 13,
                cut_short: false
            }
        )
    );
    assert_eq!(*refused("{ \"format\": ").place, Place::default());
}

#[test]
fn hostile_documents_are_refused_without_harm() {
    use pace::engine::interchange::MAX_DOCUMENT_BYTES;
    // Too large: refused before parsing.
    let padding = " ".repeat(MAX_DOCUMENT_BYTES);
    let big = format!("{SPEECH_EXAMPLE_JSON}{padding}");
    assert!(
        matches!(refusal(&big).1, Fault::TooLarge { limit, .. } if limit == MAX_DOCUMENT_BYTES)
    );
    // Nested far deeper than any plan: serde_json's recursion limit answers, no stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(refusal(&deep).1, Fault::NotJson { .. }));
    let deep_in_plan = SPEECH_EXAMPLE_JSON.replacen(
        "\"title\"",
        &format!(
            "\"x\": {}0{}, \"title\"",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
        1,
    );
    assert!(matches!(refusal(&deep_in_plan).1, Fault::NotJson { .. }));
    // A name with markup is just text (the page escapes it when rendering).
    let plan = read_plan(&with(
        "/units/1/name",
        serde_json::json!("<script>alert(1)</script>"),
    ))
    .expect("any text is a name");
    assert_eq!(plan.units[1].name, "<script>alert(1)</script>");
}

#[test]
fn null_is_absent_and_unknown_keys_are_ignored() {
    use serde_json::json;
    let doc = with("/units/1/figures/arrived/lastYear", Value::Null);
    let plan = read_plan(&doc).unwrap();
    assert_eq!(plan.units[1].figures["arrived"].last_year, None);
    let doc = with(
        "/settings",
        json!({ "scenarios": [1], "carryoverInPace": null }),
    );
    let plan = read_plan(&doc).unwrap();
    assert!(!plan.settings.carryover_in_pace);
    let mut doc: Value = serde_json::from_str(SPEECH_EXAMPLE_JSON).unwrap();
    doc["annotations"] = json!([{ "name": "a key a later version may add" }]);
    assert_eq!(read_plan(&doc.to_string()).unwrap(), speech_example());
}

#[test]
fn amounts_are_read_as_the_exact_decimal_written() {
    use serde_json::json;
    let doc = with("/units/1/figures/arrived/actual", json!(0.1));
    let plan = read_plan(&doc.replace("0.1", "4762.0000000001")).unwrap();
    assert_eq!(
        plan.units[1].figures["arrived"].actual.unwrap().to_string(),
        "4762.0000000001"
    );
    // More decimals than can be kept is refused with the path: never stored rounded.
    for text in [
        "4762.000000000000000001",
        "1.00000000000000000000000000001",
        "0.00000000000000000000000000001",
        "9501.2911995555219525500109551",
    ] {
        assert_eq!(
            refusal(&doc.replace("0.1", text)),
            fault(
                "units[1].figures.arrived.actual",
                Fault::TooManyDecimals {
                    number: text.into(),
                    most: 10
                }
            )
        );
    }
    let plan = read_plan(&SPEECH_EXAMPLE_JSON.replace("2930.8", "2.9308e3")).unwrap();
    assert_eq!(plan, speech_example());
}

#[test]
fn the_export_is_canonical() {
    let text = write_plan(&speech_example());
    // The example is written in a compact style; the canonical export spreads figures out.
    assert!(text.starts_with(
        "{\n  \"format\": \"pace-plan\",\n  \"version\": 1,\n  \"title\": \"全市利用外资 1-7月\",\n  \
         \"year\": 2026,\n  \"month\": 7,\n  \"unit\": \"万美元\",\n  \"metrics\": ["
    ));
    assert!(text.ends_with("}\n"));
    assert!(text.contains(
        "\"arrived\": {\n          \"actual\": 4762,\n          \"lastYear\": 2930.8,\n          \
         \"targets\": {\n            \"assessment\": 12000,\n            \"stretch\": 17000\n"
    ));
    assert!(!text.contains("null"));
    assert!(!text.contains("inTotal"));
    assert!(!text.contains("settings"));
    assert_eq!(write_plan(&read_plan(&text).unwrap()), text);
}

#[test]
fn settings_at_their_defaults_are_omitted_and_others_written_in_order() {
    use serde_json::json;
    let doc = with(
        "/settings",
        json!({
            "amountDecimals": 0, "statusRed": -10, "statusYellow": 2.50,
            "scheduleOverride": { "percent": 58.00, "month": 7 }, "carryoverInPace": true
        }),
    );
    let text = write_plan(&read_plan(&doc).unwrap());
    assert!(text.contains(
        "\"settings\": {\n    \"carryoverInPace\": true,\n    \"scheduleOverride\": {\n      \
         \"month\": 7,\n      \"percent\": 58\n    },\n    \"statusYellow\": 2.5\n  },\n"
    ));
}

#[test]
fn file_names_replace_characters_file_systems_refuse() {
    assert_eq!(export_file_name("全市 1-7月"), "全市 1-7月.pace.json");
    assert_eq!(
        export_file_name("a/b\\c:d*e?f\"g<h>i|j"),
        "a_b_c_d_e_f_g_h_i_j.pace.json"
    );
    assert_eq!(export_file_name("  "), "pace.pace.json");
}

#[test]
fn scenarios_are_an_optional_key_that_round_trips() {
    use serde_json::json;
    // A plan without scenarios has no `scenarios` key (exports exactly as before).
    assert!(!write_plan(&speech_example()).contains("scenarios"));
    let scenarios = json!([
        { "id": "s1", "name": "每月到帐3000", "inflows": [ { "metric": "arrived", "uniform": 3000 } ] },
        { "id": "s2", "name": "开发区项目推迟一季", "inflows": [
            { "unit": "devzone", "metric": "arrived", "months": [null, null, null, null, null, null, null, 0, 0, 0] }
        ] }
    ]);
    let text = with("/scenarios", scenarios);
    let plan = read_plan(&text).expect("scenarios read");
    assert_eq!(plan.scenarios.len(), 2);
    assert_eq!(
        plan.scenarios[1].inflows[0].unit.as_deref(),
        Some("devzone")
    );
    assert_eq!(plan.scenarios[1].inflows[0].months[7], Some(0.into()));
    let exported = write_plan(&plan);
    assert!(exported.contains(
        "  \"scenarios\": [\n    {\n      \"id\": \"s1\",\n      \"name\": \"每月到帐3000\",\n      \"inflows\": [\n        {\n          \"metric\": \"arrived\",\n          \"uniform\": 3000\n        }\n      ]\n    },"
    ));
    assert_eq!(write_plan(&read_plan(&exported).unwrap()), exported);
    // Broken references and wrong types are refused with their path.
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x", "inflows": [{ "metric": "nope" }] }])
        )),
        fault(
            "scenarios[0].inflows[0].metric",
            Fault::UnknownMetric { id: "nope".into() }
        )
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x", "inflows": [{ "metric": "arrived", "unit": "x" }] }])
        )),
        fault(
            "scenarios[0].inflows[0].unit",
            Fault::UnknownUnit { id: "x".into() }
        )
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x", "inflows": [{ "metric": "arrived", "months": [1, "2"] }] }])
        )),
        fault("scenarios[0].inflows[0].months[1]", Fault::ExpectedNumber)
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x" }, { "id": "s", "name": "y" }])
        )),
        fault("scenarios[1].id", Fault::DuplicateId { id: "s".into() })
    );
}

#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let doc =
        SPEECH_EXAMPLE_JSON.replacen("\"actual\": 14202,", "\"actual\": 14202, \"actual\": 1,", 1);
    let e = refused(&doc);
    assert_eq!(
        (e.path.as_str(), e.fault),
        (
            "units[1].figures.registered.actual",
            Fault::DuplicateKey {
                key: "actual".into()
            }
        )
    );
    assert_eq!(
        *e.place,
        Place {
            part: Part::Figure {
                unit: item(2, "开发区"),
                metric: named("registered", Some("新批注册外资")),
            },
            field: Some(Field::Actual),
        }
    );
    let doc = SPEECH_EXAMPLE_JSON.replacen("\"year\": 2026,", "\"year\": 2026, \"year\": 2025,", 1);
    assert_eq!(
        refusal(&doc),
        fault("year", Fault::DuplicateKey { key: "year".into() })
    );
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_document() {
    let text = format!("\u{feff}{SPEECH_EXAMPLE_JSON}");
    assert_eq!(read_plan(&text).unwrap(), speech_example());
}

#[test]
fn ids_that_look_like_paths_are_quoted_in_fault_paths() {
    let doc = SPEECH_EXAMPLE_JSON.replace("\"registered\"", "\"reg.a[0]\"");
    let doc = doc.replacen("\"actual\": 14202,", "\"actual\": \"x\",", 1);
    assert_eq!(
        refusal(&doc),
        fault(
            "units[1].figures[\"reg.a[0]\"].actual",
            Fault::ExpectedNumber
        )
    );
}

#[test]
fn what_import_accepts_can_always_be_exported() {
    use pace::engine::interchange::canonical;
    // `"actual": null` leaves an empty figure, and an inflow may name only a metric.
    let doc = with(
        "/units/1/figures/arrived",
        serde_json::json!({ "actual": null }),
    );
    let plan = read_plan(&doc).unwrap();
    assert_eq!(read_plan(&write_plan(&plan)).unwrap(), canonical(&plan));
    assert_eq!(plan, canonical(&plan));
    let mut doc: Value = serde_json::from_str(SPEECH_EXAMPLE_JSON).unwrap();
    doc["scenarios"] = serde_json::json!([
        { "id": "s1", "name": "方案", "inflows": [{ "metric": "arrived" }] }
    ]);
    let plan = read_plan(&doc.to_string()).unwrap();
    assert_eq!(read_plan(&write_plan(&plan)).unwrap(), plan);
}

#[test]
fn removing_a_unit_or_metric_keeps_the_saved_document_readable() {
    use pace::engine::scenario::When;
    use rust_decimal::Decimal;
    let mut plan = speech_example();
    let s = plan.add_scenario("项目推迟");
    plan.set_inflow(
        s,
        Some("devzone"),
        "arrived",
        When::EveryMonth,
        Some(Decimal::from(100)),
    );
    plan.set_inflow(
        s,
        None,
        "registered",
        When::EveryMonth,
        Some(Decimal::from(100)),
    );
    plan.remove_unit(1);
    assert_eq!(read_plan(&write_plan(&plan)).unwrap(), plan);
    plan.remove_metric(0);
    assert_eq!(read_plan(&write_plan(&plan)).unwrap(), plan);
    assert!(plan.scenarios[0].inflows.is_empty());
}
