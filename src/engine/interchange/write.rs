//! The canonical export of SPEC §6: keys in the specified order, two-space indentation, absent
//! rather than `null`, defaults omitted, numbers in their shortest exact form, a final newline.
//! Export → import → export is byte-for-byte identical.

use super::{FORMAT, VERSION};
use crate::engine::briefing::BriefingOptions;
use crate::engine::closed_months::{in_month_order, ClosedMonth};
use crate::engine::entry::edit_text;
use crate::engine::plan::{Figure, Plan, Settings, Unit};
use crate::engine::scenario::Scenario;
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value};
use std::str::FromStr;

/// A decimal as a JSON number in its shortest exact form (`14000`, `2930.8`).
fn number(value: Decimal) -> Value {
    // `edit_text` is the shortest exact text; with `arbitrary_precision` the number keeps it.
    Number::from_str(&edit_text(Some(value)))
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn string(text: &str) -> Value {
    Value::String(text.to_string())
}

fn settings(settings: &Settings, plan: &Plan) -> Map<String, Value> {
    let defaults = Settings::default();
    let mut out = Map::new();
    if settings.carryover_in_pace {
        out.insert("carryoverInPace".into(), Value::Bool(true));
    }
    if let Some(o) = settings.schedule_override {
        let mut map = Map::new();
        map.insert("month".into(), Value::from(o.month));
        map.insert("percent".into(), number(o.percent));
        out.insert("scheduleOverride".into(), Value::Object(map));
    }
    if let Some(weights) = settings.schedule_weights {
        out.insert(
            "scheduleWeights".into(),
            Value::Array(weights.iter().map(|w| number(*w)).collect()),
        );
    }
    if settings.status_yellow != defaults.status_yellow {
        out.insert("statusYellow".into(), number(settings.status_yellow));
    }
    if settings.status_red != defaults.status_red {
        out.insert("statusRed".into(), number(settings.status_red));
    }
    if let Some(d) = settings
        .amount_decimals
        .filter(|&d| d != plan.unit.default_decimals())
    {
        out.insert("amountDecimals".into(), Value::from(d));
    }
    if let Some(briefing) = briefing(&settings.briefing) {
        out.insert("briefing".into(), briefing);
    }
    out
}

/// The optional `settings.briefing` (issue 11, docs/briefing.md): each key only when it differs
/// from its default, the whole key only when one does; the lists in sorted order.
fn briefing(options: &BriefingOptions) -> Option<Value> {
    let mut out = Map::new();
    if options.round_up_to_hundred {
        out.insert("roundUpToHundred".into(), Value::Bool(true));
    }
    if !options.carryover_note {
        out.insert("carryoverNote".into(), Value::Bool(false));
    }
    if options.notes {
        out.insert("notes".into(), Value::Bool(true));
    }
    for (key, list) in [("units", &options.units), ("groups", &options.groups)] {
        if !list.is_empty() {
            out.insert(
                key.into(),
                Value::Array(list.iter().map(|x| string(x)).collect()),
            );
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

fn figure(figure: &Figure, plan: &Plan) -> Value {
    let mut out = year_to_date(figure, plan);
    if let Some(months) = months(&figure.monthly) {
        out.insert("monthly".into(), months);
    }
    Value::Object(out)
}

/// A figure's `actual`, `carryover`, `lastYear` and `targets` (tiers in the plan's order, then
/// tier ids it does not have, ascending: a closed month keeps them).
fn year_to_date(figure: &Figure, plan: &Plan) -> Map<String, Value> {
    let mut out = Map::new();
    let mut put = |key: &str, value: Option<Decimal>| {
        if let Some(v) = value {
            out.insert(key.into(), number(v));
        }
    };
    put("actual", figure.actual);
    put("carryover", figure.carryover);
    put("lastYear", figure.last_year);
    let ids = in_plan_order(plan.tiers.iter().map(|t| &t.id), figure.targets.keys());
    let targets: Map<String, Value> = ids
        .into_iter()
        .filter_map(|tier| Some((tier.clone(), number(figure.target(tier)?))))
        .collect();
    if !targets.is_empty() {
        out.insert("targets".into(), Value::Object(targets));
    }
    out
}

/// The ids of `present` in the order of `known` (the plan's), then the others ascending.
fn in_plan_order<'a>(
    known: impl Iterator<Item = &'a String>,
    present: impl Iterator<Item = &'a String> + Clone,
) -> Vec<&'a String> {
    let known: Vec<&String> = known.collect();
    let mut ids: Vec<&String> = known
        .iter()
        .copied()
        .filter(|id| present.clone().any(|p| p == *id))
        .collect();
    // `present` iterates a BTreeMap's keys: the others are already ascending.
    ids.extend(present.filter(|p| !known.contains(p)));
    ids
}

/// The optional `history` (SPEC §8): months ascending; each entry's units in the plan's order,
/// then ids the plan no longer has, ascending; metrics likewise.
fn closed_month(closed: &ClosedMonth, plan: &Plan) -> Value {
    let mut units = Map::new();
    for id in in_plan_order(plan.units.iter().map(|u| &u.id), closed.units.keys()) {
        let Some(figures) = closed.units.get(id) else {
            continue;
        };
        let mut by_metric = Map::new();
        for metric in in_plan_order(plan.metrics.iter().map(|m| &m.id), figures.keys()) {
            if let Some(f) = figures.get(metric).filter(|f| !f.is_empty()) {
                by_metric.insert(metric.clone(), Value::Object(year_to_date(f, plan)));
            }
        }
        units.insert(id.clone(), Value::Object(by_metric));
    }
    let mut out = Map::new();
    out.insert("month".into(), Value::from(closed.month));
    out.insert("units".into(), Value::Object(units));
    Value::Object(out)
}

fn unit(unit: &Unit, plan: &Plan) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), string(&unit.id));
    out.insert("name".into(), string(&unit.name));
    if let Some(group) = &unit.group {
        out.insert("group".into(), string(group));
    }
    if !unit.in_total {
        out.insert("inTotal".into(), Value::Bool(false));
    }
    if unit.total {
        out.insert("total".into(), Value::Bool(true));
    }
    let figures: Map<String, Value> = plan
        .metrics
        .iter()
        .filter_map(|metric| {
            let f = unit.figure(&metric.id).filter(|f| !f.is_empty())?;
            Some((metric.id.clone(), figure(f, plan)))
        })
        .collect();
    out.insert("figures".into(), Value::Object(figures));
    Value::Object(out)
}

/// Amounts by month, January first, `null` for a month not entered, without the trailing months
/// not entered; `None` when no month is.
fn months(values: &[Option<Decimal>]) -> Option<Value> {
    let entered = values
        .iter()
        .rposition(Option::is_some)
        .map_or(0, |last| last.saturating_add(1));
    (entered > 0).then(|| {
        Value::Array(
            values
                .iter()
                .take(entered)
                .map(|m| m.map_or(Value::Null, number))
                .collect(),
        )
    })
}

/// The optional `scenarios` key: id, name, then each inflow as `unit, metric, uniform, months`.
fn scenario(s: &Scenario) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), string(&s.id));
    out.insert("name".into(), string(&s.name));
    let inflows = s
        .inflows
        .iter()
        .filter(|f| !f.is_empty())
        .map(|f| {
            let mut o = Map::new();
            if let Some(u) = &f.unit {
                o.insert("unit".into(), string(u));
            }
            o.insert("metric".into(), string(&f.metric));
            if let Some(x) = f.uniform {
                o.insert("uniform".into(), number(x));
            }
            if let Some(months) = months(&f.months) {
                o.insert("months".into(), months);
            }
            Value::Object(o)
        })
        .collect();
    out.insert("inflows".into(), Value::Array(inflows));
    Value::Object(out)
}

/// The canonical JSON document for `plan`.
pub fn write_plan(plan: &Plan) -> String {
    let mut doc = Map::new();
    doc.insert("format".into(), string(FORMAT));
    doc.insert("version".into(), Value::from(VERSION));
    doc.insert("title".into(), string(&plan.title));
    doc.insert("year".into(), Value::from(plan.year));
    doc.insert("month".into(), Value::from(plan.month));
    doc.insert("unit".into(), string(&plan.unit.to_string()));
    let settings = settings(&plan.settings, plan);
    if !settings.is_empty() {
        doc.insert("settings".into(), Value::Object(settings));
    }
    let metrics = plan
        .metrics
        .iter()
        .map(|m| {
            let mut out = Map::new();
            out.insert("id".into(), string(&m.id));
            out.insert("name".into(), string(&m.name));
            if let Some(u) = &m.unit {
                out.insert("unit".into(), string(u));
            }
            Value::Object(out)
        })
        .collect();
    doc.insert("metrics".into(), Value::Array(metrics));
    let tiers = plan
        .tiers
        .iter()
        .map(|t| {
            let mut out = Map::new();
            out.insert("id".into(), string(&t.id));
            out.insert("name".into(), string(&t.name));
            Value::Object(out)
        })
        .collect();
    doc.insert("tiers".into(), Value::Array(tiers));
    doc.insert(
        "units".into(),
        Value::Array(plan.units.iter().map(|u| unit(u, plan)).collect()),
    );
    // A plan without scenarios exports exactly as before they existed.
    if !plan.scenarios.is_empty() {
        doc.insert(
            "scenarios".into(),
            Value::Array(plan.scenarios.iter().map(scenario).collect()),
        );
    }
    // Likewise a plan without closed months.
    if !plan.history.is_empty() {
        let months = in_month_order(&plan.history);
        doc.insert(
            "history".into(),
            Value::Array(months.into_iter().map(|c| closed_month(c, plan)).collect()),
        );
    }
    // And a plan without notes (docs/notes.md): months ascending, each month's units in the
    // plan's order, then ids the plan no longer has, ascending.
    if plan.notes.values().any(|text| !text.trim().is_empty()) {
        let mut notes = Vec::new();
        for month in 1..=12u32 {
            let ids = plan
                .notes
                .keys()
                .filter(|(m, _)| *m == month)
                .map(|(_, id)| id);
            for id in in_plan_order(plan.units.iter().map(|u| &u.id), ids) {
                let Some(text) = plan
                    .notes
                    .get(&(month, id.clone()))
                    .filter(|text| !text.trim().is_empty())
                else {
                    continue;
                };
                let mut out = Map::new();
                out.insert("month".into(), Value::from(month));
                out.insert("unit".into(), string(id));
                out.insert("text".into(), string(text));
                notes.push(Value::Object(out));
            }
        }
        doc.insert("notes".into(), Value::Array(notes));
    }
    // A `Value` of strings, numbers and objects always serialises; were it ever to fail, the
    // empty text is refused by the export's read-back check rather than crashing the page.
    let mut text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    text.push('\n');
    text
}

/// SPEC §6's file name: `<title>.pace.json` with `/ \ : * ? " < > |` replaced by `_`.
pub fn export_file_name(title: &str) -> String {
    let safe: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            _ => c,
        })
        .collect();
    let stem = if safe.trim().is_empty() {
        "pace"
    } else {
        safe.as_str()
    };
    format!("{stem}.pace.json")
}
