//! Import: a JSON document becomes a `Plan`, or is refused with the path of the first fault
//! (`units[3].figures.arrived.targets.stretch: expected a number`). Unknown keys are ignored
//! and `null` counts as absent for optional keys.

use super::{FORMAT, MAX_DOCUMENT_BYTES, VERSION};
use crate::engine::amount_unit::AmountUnit;
use crate::engine::briefing::BriefingOptions;
use crate::engine::exact::{read_exact, Limit, MAX_DECIMALS};
use crate::engine::plan::{Figure, Metric, Plan, ScheduleOverride, Settings, Tier, Unit};
use crate::engine::scenario::{Inflow, Scenario};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::sync::Arc;

/// Why a document was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where the fault is, e.g. `units[3].figures.arrived`; empty for the document as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ImportError {}

type Result<T> = std::result::Result<T, ImportError>;

fn fault<T>(path: &str, message: impl Into<String>) -> Result<T> {
    Err(ImportError {
        path: path.to_string(),
        message: message.into(),
    })
}

/// `path.key`, or `path["key"]` when the key could be mistaken for path syntax (an id such as
/// `a.b` or `x[1]`), so that every path names one place.
fn join(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| !matches!(c, '.' | '[' | ']' | '"' | '\\') && !c.is_whitespace());
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", Value::String(key.to_string())),
    }
}

/// Finds the first key that appears twice in one object of the document (serde_json would keep
/// the last silently): its path and the key.
fn duplicate_key(text: &str) -> Option<(String, String)> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Check<'a> {
        path: String,
        found: &'a RefCell<Option<(String, String)>>,
    }
    impl<'de> DeserializeSeed<'de> for Check<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Check<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            let mut i = 0usize;
            while seq
                .next_element_seed(Check {
                    path: format!("{}[{i}]", self.path),
                    found: self.found,
                })?
                .is_some()
            {
                i = i.saturating_add(1);
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = join(&self.path, &key);
                if !seen.insert(key.clone()) {
                    *self.found.borrow_mut() = Some((self.path, key));
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                map.next_value_seed(Check {
                    path,
                    found: self.found,
                })?;
            }
            Ok(())
        }
    }
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = Check {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de);
    found.into_inner()
}

/// An object and the path it was found at.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, path: String) -> Result<Obj<'a>> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            _ => fault(&path, "expected an object"),
        }
    }

    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// The value of `key`, with `null` read as absent.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn required(&self, key: &str) -> Result<&'a Value> {
        match self.get(key) {
            Some(v) => Ok(v),
            None => fault(&self.at(key), "missing"),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => fault(&self.at(key), "expected a string"),
        }
    }

    fn required_string(&self, key: &str) -> Result<String> {
        self.required(key)?;
        Ok(self.string(key)?.unwrap_or_default())
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => fault(&self.at(key), "expected true or false"),
        }
    }

    fn number(&self, key: &str) -> Result<Option<Decimal>> {
        self.get(key).map(|v| number(v, &self.at(key))).transpose()
    }

    fn integer(&self, key: &str, min: i64, max: i64) -> Result<i64> {
        integer(self.required(key)?, &self.at(key), min, max)
    }

    fn object(&self, key: &str) -> Result<Option<Obj<'a>>> {
        self.get(key).map(|v| Obj::new(v, self.at(key))).transpose()
    }

    fn array(&self, key: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => fault(&self.at(key), "expected an array"),
        }
    }
}

/// A JSON number read as the exact decimal written, within the limits of `exact` (at most 10¹⁵,
/// at most 10 decimal places), so that what is stored is exactly what the file says.
fn number(value: &Value, path: &str) -> Result<Decimal> {
    let Value::Number(n) = value else {
        return fault(path, "expected a number");
    };
    let text = n.to_string();
    read_exact(&text).or_else(|limit| match limit {
        Limit::TooManyDecimals => fault(
            path,
            format!("the number {text} has more than {MAX_DECIMALS} decimal places"),
        ),
        Limit::TooLarge | Limit::NotANumber => {
            fault(path, format!("the number {text} is out of range"))
        }
    })
}

fn integer(value: &Value, path: &str, min: i64, max: i64) -> Result<i64> {
    let n = number(value, path).map_err(|_| ImportError {
        path: path.to_string(),
        message: "expected a whole number".into(),
    })?;
    if !n.fract().is_zero() {
        return fault(path, "expected a whole number");
    }
    match i64::try_from(n) {
        Ok(i) if (min..=max).contains(&i) => Ok(i),
        _ => fault(path, format!("expected a whole number from {min} to {max}")),
    }
}

/// Reads a Pace document (SPEC §6).
pub fn read_plan(text: &str) -> Result<Plan> {
    read_document(text, false)
}

/// Reads what this version understands of a document from any version, newer ones included:
/// for showing data a newer Pace saved, read-only, never for importing it.
pub fn read_plan_any_version(text: &str) -> Result<Plan> {
    read_document(text, true)
}

/// The `version` a document declares, if it is a JSON object with a whole-number version.
pub fn document_version(text: &str) -> Option<u64> {
    serde_json::from_str::<Value>(text)
        .ok()?
        .get("version")?
        .as_u64()
}

fn read_document(text: &str, any_version: bool) -> Result<Plan> {
    // A byte-order mark (Notepad writes one) is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_DOCUMENT_BYTES {
        return fault(
            "",
            format!(
                "the document is {} bytes; a Pace plan is at most {MAX_DOCUMENT_BYTES} bytes",
                text.len()
            ),
        );
    }
    let root: Value = serde_json::from_str(text).map_err(|e| ImportError {
        path: String::new(),
        message: format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ),
    })?;
    if let Some((path, key)) = duplicate_key(text) {
        return fault(
            &path,
            format!("the key \"{key}\" appears twice; each key may appear once"),
        );
    }
    let doc = Obj::new(&root, String::new()).map_err(|_| ImportError {
        path: String::new(),
        message: "expected a JSON object (a Pace plan)".into(),
    })?;
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return fault("format", format!("expected \"{FORMAT}\", found {other}"));
        }
        None => return fault("format", format!("missing: not a Pace plan (\"{FORMAT}\")")),
    }
    let version = doc.integer("version", 1, 1_000_000)?;
    if version as u64 > VERSION && !any_version {
        return fault(
            "version",
            format!(
                "this file is version {version}, made by a newer Pace; this one reads version \
                 {VERSION} and older"
            ),
        );
    }

    let unit = match doc.string("unit")? {
        None => AmountUnit::default(),
        Some(text) => AmountUnit::parse(&text).map_or_else(
            || {
                fault(
                    "unit",
                    format!("expected one of 万美元, 亿美元, 万元, 亿元, found \"{text}\""),
                )
            },
            Ok,
        )?,
    };
    let metrics = read_named(&doc, "metrics", |item| {
        Ok(Metric {
            id: String::new(),
            name: String::new(),
            unit: item.string("unit")?.filter(|u| !u.is_empty()),
        })
    })?;
    let tiers = read_named(&doc, "tiers", |_| {
        Ok(Tier {
            id: String::new(),
            name: String::new(),
        })
    })?;
    let mut plan = Plan {
        title: doc.required_string("title")?,
        year: doc.integer("year", 1900, 2999)? as i32,
        month: doc.integer("month", 1, 12)? as u32,
        unit,
        settings: Settings::default(),
        metrics,
        tiers,
        units: Vec::new(),
        scenarios: Vec::new(),
    };
    if let Some(settings) = doc.object("settings")? {
        plan.settings = read_settings(&settings, unit)?;
    }
    plan.units = read_units(&doc, &plan)?;
    plan.scenarios = read_scenarios(&doc, &plan)?;
    Ok(super::canonical(&plan))
}

/// Anything with an id and a name, as metrics and tiers are.
trait Named {
    fn set(&mut self, id: String, name: String);
}

impl Named for Metric {
    fn set(&mut self, id: String, name: String) {
        self.id = id;
        self.name = name;
    }
}

impl Named for Tier {
    fn set(&mut self, id: String, name: String) {
        self.id = id;
        self.name = name;
    }
}

/// Reads the list under `key`, each item's unique `id` and its `name`, and the rest by `rest`.
fn read_named<T: Named>(
    doc: &Obj<'_>,
    key: &str,
    rest: impl Fn(&Obj<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let Some(items) = doc.array(key)? else {
        return fault(key, "missing");
    };
    let mut seen = HashSet::new();
    items
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let item = Obj::new(value, format!("{key}[{i}]"))?;
            let id = read_id(&item, &mut seen)?;
            let name = item.required_string("name")?;
            let mut named = rest(&item)?;
            named.set(id, name);
            Ok(named)
        })
        .collect()
}

fn read_id(item: &Obj<'_>, seen: &mut HashSet<String>) -> Result<String> {
    let id = item.required_string("id")?;
    if id.is_empty() {
        return fault(&item.at("id"), "must not be empty");
    }
    if !seen.insert(id.clone()) {
        return fault(&item.at("id"), format!("\"{id}\" is used twice"));
    }
    Ok(id)
}

fn read_settings(settings: &Obj<'_>, unit: AmountUnit) -> Result<Settings> {
    let defaults = Settings::default();
    let schedule_override = settings
        .object("scheduleOverride")?
        .map(|o| -> Result<ScheduleOverride> {
            let percent = o.number("percent")?;
            let Some(percent) = percent else {
                return fault(&o.at("percent"), "missing");
            };
            if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
                return fault(&o.at("percent"), "expected a percentage from 0 to 100");
            }
            Ok(ScheduleOverride {
                month: o.integer("month", 1, 12)? as u32,
                percent,
            })
        })
        .transpose()?;
    let schedule_weights = match settings.array("scheduleWeights")? {
        None => None,
        Some(items) => Some(read_weights(items, &settings.at("scheduleWeights"))?),
    };
    let status_yellow = settings
        .number("statusYellow")?
        .unwrap_or(defaults.status_yellow);
    let status_red = settings.number("statusRed")?.unwrap_or(defaults.status_red);
    if status_red > status_yellow {
        return fault(
            &settings.at("statusRed"),
            format!("must not be above statusYellow ({status_yellow})"),
        );
    }
    let amount_decimals = match settings.get("amountDecimals") {
        None => None,
        Some(v) => Some(integer(v, &settings.at("amountDecimals"), 0, 2)? as u32),
    }
    // The unit's default is stored as "no setting", so the export omits it.
    .filter(|&d| d != unit.default_decimals());
    Ok(Settings {
        carryover_in_pace: settings.boolean("carryoverInPace")?.unwrap_or(false),
        schedule_override,
        schedule_weights,
        status_yellow,
        status_red,
        amount_decimals,
        briefing: read_briefing(settings)?,
    })
}

/// The optional `settings.briefing` (issue 11, docs/briefing.md): `roundUpToHundred` and
/// `carryoverNote` (booleans), `units` and `groups` (lists of strings: unit ids and group
/// names; ids and names the plan does not have are kept, and name nothing).
fn read_briefing(settings: &Obj<'_>) -> Result<BriefingOptions> {
    let defaults = BriefingOptions::default();
    let Some(briefing) = settings.object("briefing")? else {
        return Ok(defaults);
    };
    let strings = |key: &str| -> Result<BTreeSet<String>> {
        let mut set = BTreeSet::new();
        for (i, item) in briefing.array(key)?.into_iter().flatten().enumerate() {
            match item {
                Value::String(text) => set.insert(text.clone()),
                _ => return fault(&format!("{}[{i}]", briefing.at(key)), "expected a string"),
            };
        }
        Ok(set)
    };
    Ok(BriefingOptions {
        round_up_to_hundred: briefing
            .boolean("roundUpToHundred")?
            .unwrap_or(defaults.round_up_to_hundred),
        carryover_note: briefing
            .boolean("carryoverNote")?
            .unwrap_or(defaults.carryover_note),
        units: strings("units")?,
        groups: strings("groups")?,
    })
}

fn read_weights(items: &[Value], path: &str) -> Result<[Decimal; 12]> {
    if items.len() != 12 {
        return fault(
            path,
            format!("expected 12 numbers, one per month, found {}", items.len()),
        );
    }
    let mut weights = [Decimal::ZERO; 12];
    for (i, (item, weight)) in items.iter().zip(weights.iter_mut()).enumerate() {
        let w = number(item, &format!("{path}[{i}]"))?;
        if w < Decimal::ZERO {
            return fault(&format!("{path}[{i}]"), "a weight must not be negative");
        }
        *weight = w;
    }
    // Each weight is at most 10¹⁵ (`number`), so twelve of them add up without overflow.
    let sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(*w));
    if sum.is_none_or(|sum| sum.is_zero()) {
        return fault(path, "the weights must not all be 0");
    }
    Ok(weights)
}

fn read_units(doc: &Obj<'_>, plan: &Plan) -> Result<Vec<Arc<Unit>>> {
    let Some(items) = doc.array("units")? else {
        return fault("units", "missing");
    };
    let mut seen = HashSet::new();
    let mut total_at: Option<usize> = None;
    let mut units = Vec::with_capacity(items.len());
    for (i, value) in items.iter().enumerate() {
        let item = Obj::new(value, format!("units[{i}]"))?;
        let id = read_id(&item, &mut seen)?;
        let total = item.boolean("total")?.unwrap_or(false);
        if total {
            if let Some(first) = total_at {
                return fault(
                    &item.at("total"),
                    format!("only one unit can be the total, and units[{first}] already is"),
                );
            }
            total_at = Some(i);
        }
        units.push(Arc::new(Unit {
            id,
            name: item.required_string("name")?,
            group: item.string("group")?.filter(|g| !g.is_empty()),
            in_total: item.boolean("inTotal")?.unwrap_or(true),
            total,
            figures: read_figures(&item, plan)?,
        }));
    }
    Ok(units)
}

fn read_figures(unit: &Obj<'_>, plan: &Plan) -> Result<BTreeMap<String, Figure>> {
    let mut figures = BTreeMap::new();
    let Some(obj) = unit.object("figures")? else {
        return Ok(figures);
    };
    for (key, value) in obj.map {
        let path = obj.at(key);
        if !plan.metrics.iter().any(|m| &m.id == key) {
            return fault(&path, format!("no metric has the id \"{key}\""));
        }
        if value.is_null() {
            continue;
        }
        let f = Obj::new(value, path)?;
        let mut targets = BTreeMap::new();
        if let Some(t) = f.object("targets")? {
            for (tier, v) in t.map {
                if !plan.tiers.iter().any(|x| &x.id == tier) {
                    return fault(&t.at(tier), format!("no tier has the id \"{tier}\""));
                }
                if !v.is_null() {
                    targets.insert(tier.clone(), number(v, &t.at(tier))?);
                }
            }
        }
        let monthly = read_months(&f, "monthly")?;
        let figure = Figure {
            actual: f.number("actual")?,
            carryover: f.number("carryover")?,
            last_year: f.number("lastYear")?,
            targets,
            monthly,
        };
        figures.insert(key.clone(), figure);
    }
    Ok(figures)
}

/// Up to 12 amounts by month, January first, `null` for a month not entered; trailing months
/// not entered are dropped (they carry no information, and the export leaves them out).
fn read_months(item: &Obj<'_>, key: &str) -> Result<Vec<Option<Decimal>>> {
    let mut months = match item.array(key)? {
        None => Vec::new(),
        Some(items) if items.len() > 12 => {
            return fault(
                &item.at(key),
                format!("at most 12 months, found {}", items.len()),
            );
        }
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Null => Ok(None),
                _ => number(v, &format!("{}[{i}]", item.at(key))).map(Some),
            })
            .collect::<Result<Vec<_>>>()?,
    };
    while months.last() == Some(&None) {
        months.pop();
    }
    Ok(months)
}

/// The optional `scenarios` of a version 1 document (issue 5; readers that do not know it
/// ignore it): named future inflows for the total or single units.
fn read_scenarios(doc: &Obj<'_>, plan: &Plan) -> Result<Vec<Scenario>> {
    let Some(items) = doc.array("scenarios")? else {
        return Ok(Vec::new());
    };
    let mut seen = HashSet::new();
    let mut scenarios = Vec::with_capacity(items.len());
    for (i, value) in items.iter().enumerate() {
        let item = Obj::new(value, format!("scenarios[{i}]"))?;
        let id = read_id(&item, &mut seen)?;
        let name = item.required_string("name")?;
        let mut inflows = Vec::new();
        for (j, value) in item.array("inflows")?.into_iter().flatten().enumerate() {
            let f = Obj::new(value, format!("{}[{j}]", item.at("inflows")))?;
            let metric = f.required_string("metric")?;
            if !plan.metrics.iter().any(|m| m.id == metric) {
                return fault(
                    &f.at("metric"),
                    format!("no metric has the id \"{metric}\""),
                );
            }
            let unit = f.string("unit")?;
            if let Some(u) = &unit {
                if !plan.units.iter().any(|x| &x.id == u) {
                    return fault(&f.at("unit"), format!("no unit has the id \"{u}\""));
                }
            }
            let mut months = [None; 12];
            for (month, v) in months.iter_mut().zip(read_months(&f, "months")?) {
                *month = v;
            }
            inflows.push(Inflow {
                unit,
                metric,
                uniform: f.number("uniform")?,
                months,
            });
        }
        scenarios.push(Scenario { id, name, inflows });
    }
    Ok(scenarios)
}
