//! SPEC §6: import refuses faulty documents with the path of the fault; export is canonical.

use pace::engine::example::{speech_example, SPEECH_EXAMPLE_JSON};
use pace::engine::interchange::{export_file_name, read_plan, write_plan};
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

fn refusal(text: &str) -> String {
    match read_plan(text) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted: {text}"),
    }
}

#[test]
fn faults_are_refused_with_their_path() {
    use serde_json::json;
    let cases = [
        (
            with("/units/1/figures/arrived/targets/stretch", json!("17000")),
            "units[1].figures.arrived.targets.stretch: expected a number",
        ),
        (
            with("/month", json!(13)),
            "month: expected a whole number from 1 to 12",
        ),
        (with("/month", json!(7.5)), "month: expected a whole number"),
        (
            with("/format", json!("excel")),
            "format: expected \"pace-plan\", found \"excel\"",
        ),
        (
            with("/unit", json!("美元")),
            "unit: expected one of 万美元, 亿美元, 万元, 亿元, found \"美元\"",
        ),
        (
            with("/units/1/id", json!("city")),
            "units[1].id: \"city\" is used twice",
        ),
        (
            with("/units/1/total", json!(true)),
            "units[1].total: only one unit can be the total, and units[0] already is",
        ),
        (
            with("/units/1/figures/arrived/targets", json!({ "goal": 5 })),
            "units[1].figures.arrived.targets.goal: no tier has the id \"goal\"",
        ),
        (
            with("/units/0/figures", json!({ "exports": { "actual": 5 } })),
            "units[0].figures.exports: no metric has the id \"exports\"",
        ),
        (
            with("/units/0/name", json!(5)),
            "units[0].name: expected a string",
        ),
        (
            with("/units/0/inTotal", json!("yes")),
            "units[0].inTotal: expected true or false",
        ),
        (with("/units", json!({})), "units: expected an array"),
        (
            with("/metrics/1/id", json!("")),
            "metrics[1].id: must not be empty",
        ),
        (with("/tiers/0/name", Value::Null), "tiers[0].name: missing"),
        (
            with("/units/1/figures/arrived/actual", json!(1e300)),
            "units[1].figures.arrived.actual: the number 1e+300 is out of range",
        ),
        (
            with(
                "/units/1/figures/arrived/monthly",
                json!([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]),
            ),
            "units[1].figures.arrived.monthly: at most 12 months, found 13",
        ),
        (
            with("/units/1/figures/arrived/monthly", json!([1, "x"])),
            "units[1].figures.arrived.monthly[1]: expected a number",
        ),
        (
            with("/settings", json!({ "scheduleWeights": [1, 2, 3] })),
            "settings.scheduleWeights: expected 12 numbers, one per month, found 3",
        ),
        (
            with(
                "/settings",
                json!({ "scheduleWeights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }),
            ),
            "settings.scheduleWeights: the weights must not all be 0",
        ),
        (
            with(
                "/settings",
                json!({ "scheduleWeights": [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1] }),
            ),
            "settings.scheduleWeights[5]: a weight must not be negative",
        ),
        (
            with(
                "/settings",
                json!({ "scheduleOverride": { "month": 7, "percent": 158 } }),
            ),
            "settings.scheduleOverride.percent: expected a percentage from 0 to 100",
        ),
        (
            with("/settings", json!({ "amountDecimals": 3 })),
            "settings.amountDecimals: expected a whole number from 0 to 2",
        ),
        (
            with("/settings", json!({ "statusYellow": -20 })),
            "settings.statusRed: must not be above statusYellow (-20)",
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(refusal(&doc), expected);
    }
}

#[test]
fn newer_versions_and_other_documents_are_refused_clearly() {
    use serde_json::json;
    assert!(refusal(&with("/version", json!(2))).starts_with("version: this file is version 2"));
    assert_eq!(refusal("[1, 2]"), "expected a JSON object (a Pace plan)");
    assert!(refusal("{ \"format\": ").starts_with("not valid JSON (line 1"));
    assert_eq!(
        refusal("{}"),
        "format: missing: not a Pace plan (\"pace-plan\")"
    );
}

#[test]
fn hostile_documents_are_refused_without_harm() {
    use pace::engine::interchange::MAX_DOCUMENT_BYTES;
    // Too large: refused before parsing.
    let padding = " ".repeat(MAX_DOCUMENT_BYTES);
    let big = format!("{SPEECH_EXAMPLE_JSON}{padding}");
    assert!(refusal(&big).starts_with("the document is "));
    // Nested far deeper than any plan: serde_json's recursion limit answers, no stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(refusal(&deep).starts_with("not valid JSON"));
    let deep_in_plan = SPEECH_EXAMPLE_JSON.replacen(
        "\"title\"",
        &format!(
            "\"x\": {}0{}, \"title\"",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
        1,
    );
    assert!(refusal(&deep_in_plan).starts_with("not valid JSON"));
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
        let refused = read_plan(&doc.replace("0.1", text)).unwrap_err();
        assert_eq!(
            refused.to_string(),
            format!(
                "units[1].figures.arrived.actual: the number {text} has more than 10 decimal places"
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
        "scenarios[0].inflows[0].metric: no metric has the id \"nope\""
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x", "inflows": [{ "metric": "arrived", "unit": "x" }] }])
        )),
        "scenarios[0].inflows[0].unit: no unit has the id \"x\""
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x", "inflows": [{ "metric": "arrived", "months": [1, "2"] }] }])
        )),
        "scenarios[0].inflows[0].months[1]: expected a number"
    );
    assert_eq!(
        refusal(&with(
            "/scenarios",
            json!([{ "id": "s", "name": "x" }, { "id": "s", "name": "y" }])
        )),
        "scenarios[1].id: \"s\" is used twice"
    );
}

#[test]
fn duplicate_keys_are_refused_with_their_path() {
    let doc =
        SPEECH_EXAMPLE_JSON.replacen("\"actual\": 14202,", "\"actual\": 14202, \"actual\": 1,", 1);
    assert_eq!(
        refusal(&doc),
        "units[1].figures.registered: the key \"actual\" appears twice; each key may appear once"
    );
    let doc = SPEECH_EXAMPLE_JSON.replacen("\"year\": 2026,", "\"year\": 2026, \"year\": 2025,", 1);
    assert_eq!(
        refusal(&doc),
        "the key \"year\" appears twice; each key may appear once"
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
        "units[1].figures[\"reg.a[0]\"].actual: expected a number"
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
