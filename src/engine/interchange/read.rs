//! Import: a JSON document becomes a `Plan`, or is refused with the first fault: what is wrong
//! (`Fault`), where in the plan's own terms (`Place`: the 4th unit, its 注册外资实际到帐, the
//! 加压目标) and the JSON path for the technical detail (`units[3].figures.arrived.targets.stretch`).
//! The engine words nothing: the page says it in its language. Unknown keys are ignored and
//! `null` counts as absent for optional keys.

use super::{FORMAT, MAX_DOCUMENT_BYTES, VERSION};
use crate::engine::amount_unit::AmountUnit;
use crate::engine::briefing::BriefingOptions;
use crate::engine::closed_months::{in_month_order, ClosedMonth};
use crate::engine::exact::{read_exact, Limit, MAX_DECIMALS};
use crate::engine::plan::{
    Figure, Metric, Notes, Plan, ScheduleOverride, Settings, Tier, Unit, MAX_NOTE_CHARS,
};
use crate::engine::scenario::{Inflow, Scenario};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::sync::Arc;

/// What is wrong with a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Larger than `MAX_DOCUMENT_BYTES`; refused before parsing.
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    /// Not JSON text. `line` and `column` (1-based) are where the parser stopped; `cut_short`
    /// when the text ends in the middle (a file or link cut off).
    NotJson {
        line: usize,
        column: usize,
        cut_short: bool,
    },
    /// JSON, but not a Pace plan: not an object, or no `format`.
    NotAPlan,
    /// A `format` other than Pace's; `found` is the value as JSON text.
    OtherFormat {
        found: String,
    },
    /// Written by a newer Pace: `version` is the document's, `newest` the newest this one reads.
    NewerVersion {
        version: u64,
        newest: u64,
    },
    /// A key that appears twice in one object (JSON readers would silently keep one).
    DuplicateKey {
        key: String,
    },
    /// A required key is absent (or `null`).
    Missing,
    ExpectedObject,
    ExpectedArray,
    ExpectedText,
    ExpectedTrueOrFalse,
    ExpectedNumber,
    /// A whole number from `min` to `max` is expected.
    ExpectedWholeNumber {
        min: i64,
        max: i64,
    },
    /// A number above `exact::MAX_MAGNITUDE`, as written.
    NumberTooLarge {
        number: String,
    },
    /// A number with more than `most` decimal places, as written.
    TooManyDecimals {
        number: String,
        most: u32,
    },
    /// An amount unit other than 万美元, 亿美元, 万元, 亿元.
    UnknownAmountUnit {
        found: String,
    },
    EmptyId,
    /// An id already used by an earlier item of the same list.
    DuplicateId {
        id: String,
    },
    /// A reference to a metric, tier or unit id that the plan does not have.
    UnknownMetric {
        id: String,
    },
    UnknownTier {
        id: String,
    },
    UnknownUnit {
        id: String,
    },
    /// A second unit marked as the total; `first` is the one that already is.
    SecondTotal {
        first: Item,
    },
    /// A schedule percentage outside 0–100.
    PercentOutOfRange,
    /// Schedule weights that are not 12 numbers.
    WeightCount {
        found: usize,
    },
    NegativeWeight,
    AllWeightsZero,
    /// More than 12 months in a list by month.
    TooManyMonths {
        found: usize,
    },
    /// The red threshold above the yellow one (`yellow` as the document sets it).
    RedAboveYellow {
        yellow: Decimal,
    },
    /// A closed month (`history`, SPEC §8) not below the plan's data month.
    ClosedMonthNotBefore {
        month: u32,
        data_month: u32,
    },
    /// A month closed twice in `history`.
    ClosedMonthTwice {
        month: u32,
    },
    /// A second note for the same unit and month.
    NoteTwice {
        month: u32,
        unit: String,
    },
    /// A text longer than `most` characters.
    TextTooLong {
        most: usize,
    },
}

/// An item of a list by its position (1-based) and its name, when the document gives one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub position: usize,
    pub name: Option<String>,
}

/// A metric or tier named by id, with its name when the document's list has that id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: Option<String>,
}

/// What a fault belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Part {
    /// The document as a whole, or one of its top-level keys.
    #[default]
    Document,
    Settings,
    Metric(Item),
    Tier(Item),
    Unit(Item),
    /// One unit's figures for one metric.
    Figure {
        unit: Item,
        metric: Named,
    },
    Scenario(Item),
    /// The `position`-th (1-based) inflow of a scenario.
    Inflow {
        scenario: Item,
        position: usize,
    },
    /// The `position`-th (1-based) entry of `history`, with its month when it gives one.
    ClosedMonth {
        position: usize,
        month: Option<u32>,
    },
    /// The `position`-th (1-based) note of `notes`, with its month and unit when it gives them.
    Note {
        position: usize,
        month: Option<u32>,
        unit: Option<Named>,
    },
    /// One unit's figures for one metric in a closed month (ids as written; the names when
    /// the plan has them).
    ClosedFigure {
        month: Option<u32>,
        unit: Named,
        metric: Named,
    },
}

/// Which field of its part a fault is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    // The document's keys.
    Format,
    Version,
    Title,
    Year,
    /// The plan's data month (`month`).
    DataMonth,
    /// The plan's amount unit (`unit`).
    AmountUnit,
    Settings,
    Metrics,
    Tiers,
    Units,
    Scenarios,
    /// The closed months (`history`).
    History,
    /// A closed month's `month`.
    ClosedMonthNumber,
    /// The notes (`notes`).
    Notes,
    /// A note's `unit`, `month` and `text`.
    NoteUnit,
    NoteMonth,
    NoteText,
    // Any item's.
    Id,
    Name,
    /// A metric's own unit.
    MetricUnit,
    // A unit's.
    Group,
    InTotal,
    Total,
    Figures,
    // A figure's.
    Actual,
    Carryover,
    LastYear,
    Targets,
    /// The target of one tier.
    Target(Named),
    Monthly,
    // The settings'.
    CarryoverInPace,
    ScheduleOverride,
    OverrideMonth,
    OverridePercent,
    ScheduleWeights,
    /// The schedule weight of one month (1–12).
    Weight(u32),
    StatusYellow,
    StatusRed,
    AmountDecimals,
    // A scenario's and its inflows'.
    Inflows,
    InflowMetric,
    InflowUnit,
    Uniform,
    Months,
    /// One month (1–12) of a figure's `monthly` or an inflow's `months`.
    Month(u32),
    /// A key Pace does not read (a duplicate key can be anywhere), as its path below the part.
    Other(String),
}

/// Where a fault is, in the plan's terms: a part and, unless the part as a whole is meant, its
/// field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub part: Part,
    pub field: Option<Field>,
}

/// Why a document was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub fault: Fault,
    /// Boxed: a place can name a unit, a metric and a tier, and the error stays small.
    pub place: Box<Place>,
    /// The JSON path of the fault, e.g. `units[3].figures.arrived`; empty for the document as a
    /// whole. The technical detail under the message.
    pub path: String,
}

impl ImportError {
    /// The refusal of a document written by a newer Pace (`version`).
    pub fn newer(version: u64) -> ImportError {
        ImportError {
            fault: Fault::NewerVersion {
                version,
                newest: VERSION,
            },
            place: Box::new(Place {
                part: Part::Document,
                field: Some(Field::Version),
            }),
            path: "version".into(),
        }
    }
}

/// Technical text for logs and test failures; the page words the fault itself.
impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{:?}", self.fault)
        } else {
            write!(f, "{}: {:?}", self.path, self.fault)
        }
    }
}

impl std::error::Error for ImportError {}

/// One step of a JSON path, borrowing its key from the document (or the reader's key names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A fault found while reading, at a path; `read_document` adds the place.
struct Found<'a> {
    fault: Fault,
    at: Vec<Seg<'a>>,
}

type Result<'a, T> = std::result::Result<T, Found<'a>>;

fn fault<'a, T>(at: &[Seg<'a>], fault: Fault) -> Result<'a, T> {
    Err(found(at, fault))
}

// Called from many places on the reader's paths: kept out of line, which keeps the wasm small.
#[inline(never)]
fn found<'a>(at: &[Seg<'a>], fault: Fault) -> Found<'a> {
    Found {
        fault,
        at: at.to_vec(),
    }
}

#[inline(never)]
fn key<'a>(at: &[Seg<'a>], key: &'a str) -> Vec<Seg<'a>> {
    let mut at = at.to_vec();
    at.push(Seg::Key(key));
    at
}

#[inline(never)]
fn index<'a>(at: &[Seg<'a>], i: usize) -> Vec<Seg<'a>> {
    let mut at = at.to_vec();
    at.push(Seg::Index(i));
    at
}

/// The error for a fault at `at` in the document `root`: its place and its path.
fn located(root: &Value, at: &[Seg<'_>], fault: Fault) -> ImportError {
    ImportError {
        fault,
        place: Box::new(locate(root, at)),
        path: render(at),
    }
}

/// The path as text: `units[1].figures.arrived`, with `["key"]` for a key that could be mistaken
/// for path syntax (an id such as `a.b` or `x[1]`), so that every path names one place.
fn render(at: &[Seg<'_>]) -> String {
    let mut path = String::new();
    for seg in at {
        match seg {
            Seg::Index(i) => path.push_str(&format!("[{i}]")),
            Seg::Key(key) => {
                let plain = !key.is_empty()
                    && key
                        .chars()
                        .all(|c| !matches!(c, '.' | '[' | ']' | '"' | '\\') && !c.is_whitespace());
                if !plain {
                    path.push_str(&format!("[{}]", Value::String((*key).to_string())));
                } else {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
            }
        }
    }
    path
}

/// A month (1-based) from an index into a list by month.
fn month_of(i: usize) -> u32 {
    u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX)
}

/// The place, in the plan's terms, of the path `at` in the document `root`. Names come from the
/// document itself (a unit's `name`, the `name` of the metric with a figure's id), when it gives
/// them as text.
fn locate(root: &Value, at: &[Seg<'_>]) -> Place {
    use Seg::{Index as I, Key as K};
    let name_of = |v: Option<&Value>| {
        v.and_then(|v| v.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let item = |list: &str, i: usize| Item {
        position: i.saturating_add(1),
        name: name_of(root.get(list).and_then(|l| l.get(i))),
    };
    let named = |list: &str, id: &str| Named {
        id: id.to_string(),
        name: name_of(root.get(list).and_then(Value::as_array).and_then(|items| {
            items
                .iter()
                .find(|x| x.get("id").and_then(Value::as_str) == Some(id))
        })),
    };
    let other = |rest: &[Seg<'_>]| Field::Other(render(rest));
    // A figure's field, in a unit or in a closed month.
    let figure_field = |rest: &[Seg<'_>]| match rest {
        [] => None,
        [K("actual")] => Some(Field::Actual),
        [K("carryover")] => Some(Field::Carryover),
        [K("lastYear")] => Some(Field::LastYear),
        [K("targets")] => Some(Field::Targets),
        [K("targets"), K(tier)] => Some(Field::Target(named("tiers", tier))),
        [K("monthly")] => Some(Field::Monthly),
        [K("monthly"), I(m)] => Some(Field::Month(month_of(*m))),
        _ => Some(other(rest)),
    };
    // The month of the `i`-th closed month, when it is written as one.
    let closed_month = |i: usize| {
        root.get("history")
            .and_then(|h| h.get(i))
            .and_then(|c| c.get("month"))
            .and_then(Value::as_u64)
            .and_then(|m| u32::try_from(m).ok())
    };
    let (part, field) = match at {
        [] => (Part::Document, None),
        [K(list @ ("metrics" | "tiers")), I(i), rest @ ..] => {
            let it = item(list, *i);
            let field = match rest {
                [] => None,
                [K("id")] => Some(Field::Id),
                [K("name")] => Some(Field::Name),
                [K("unit")] if *list == "metrics" => Some(Field::MetricUnit),
                _ => Some(other(rest)),
            };
            let part = if *list == "metrics" {
                Part::Metric(it)
            } else {
                Part::Tier(it)
            };
            (part, field)
        }
        [K("units"), I(i), K("figures"), K(metric), rest @ ..] => {
            let part = Part::Figure {
                unit: item("units", *i),
                metric: named("metrics", metric),
            };
            (part, figure_field(rest))
        }
        [K("units"), I(i), rest @ ..] => {
            let field = match rest {
                [] => None,
                [K("id")] => Some(Field::Id),
                [K("name")] => Some(Field::Name),
                [K("group")] => Some(Field::Group),
                [K("inTotal")] => Some(Field::InTotal),
                [K("total")] => Some(Field::Total),
                [K("figures")] => Some(Field::Figures),
                _ => Some(other(rest)),
            };
            (Part::Unit(item("units", *i)), field)
        }
        [K("scenarios"), I(i), K("inflows"), I(j), rest @ ..] => {
            let part = Part::Inflow {
                scenario: item("scenarios", *i),
                position: j.saturating_add(1),
            };
            let field = match rest {
                [] => None,
                [K("metric")] => Some(Field::InflowMetric),
                [K("unit")] => Some(Field::InflowUnit),
                [K("uniform")] => Some(Field::Uniform),
                [K("months")] => Some(Field::Months),
                [K("months"), I(m)] => Some(Field::Month(month_of(*m))),
                _ => Some(other(rest)),
            };
            (part, field)
        }
        [K("scenarios"), I(i), rest @ ..] => {
            let field = match rest {
                [] => None,
                [K("id")] => Some(Field::Id),
                [K("name")] => Some(Field::Name),
                [K("inflows")] => Some(Field::Inflows),
                _ => Some(other(rest)),
            };
            (Part::Scenario(item("scenarios", *i)), field)
        }
        [K("history"), I(i), K("units"), K(unit), K(metric), rest @ ..] => {
            let part = Part::ClosedFigure {
                month: closed_month(*i),
                unit: named("units", unit),
                metric: named("metrics", metric),
            };
            (part, figure_field(rest))
        }
        [K("history"), I(i), rest @ ..] => {
            let field = match rest {
                [] => None,
                [K("month")] => Some(Field::ClosedMonthNumber),
                [K("units"), ..] => Some(Field::Units),
                _ => Some(other(rest)),
            };
            let part = Part::ClosedMonth {
                position: i.saturating_add(1),
                month: closed_month(*i),
            };
            (part, field)
        }
        [K("notes"), I(i), rest @ ..] => {
            let note = root.get("notes").and_then(|n| n.get(*i));
            let field = match rest {
                [] => None,
                [K("month")] => Some(Field::NoteMonth),
                [K("unit")] => Some(Field::NoteUnit),
                [K("text")] => Some(Field::NoteText),
                _ => Some(other(rest)),
            };
            let part = Part::Note {
                position: i.saturating_add(1),
                month: note
                    .and_then(|n| n.get("month"))
                    .and_then(Value::as_u64)
                    .and_then(|m| u32::try_from(m).ok()),
                unit: note
                    .and_then(|n| n.get("unit"))
                    .and_then(Value::as_str)
                    .map(|id| named("units", id)),
            };
            (part, field)
        }
        [K("settings"), rest @ ..] if !rest.is_empty() => {
            let field = match rest {
                [K("carryoverInPace")] => Field::CarryoverInPace,
                [K("scheduleOverride")] => Field::ScheduleOverride,
                [K("scheduleOverride"), K("month")] => Field::OverrideMonth,
                [K("scheduleOverride"), K("percent")] => Field::OverridePercent,
                [K("scheduleWeights")] => Field::ScheduleWeights,
                [K("scheduleWeights"), I(m)] => Field::Weight(month_of(*m)),
                [K("statusYellow")] => Field::StatusYellow,
                [K("statusRed")] => Field::StatusRed,
                [K("amountDecimals")] => Field::AmountDecimals,
                _ => other(rest),
            };
            (Part::Settings, Some(field))
        }
        [K(key)] => {
            let field = match *key {
                "format" => Field::Format,
                "version" => Field::Version,
                "title" => Field::Title,
                "year" => Field::Year,
                "month" => Field::DataMonth,
                "unit" => Field::AmountUnit,
                "settings" => Field::Settings,
                "metrics" => Field::Metrics,
                "tiers" => Field::Tiers,
                "units" => Field::Units,
                "scenarios" => Field::Scenarios,
                "history" => Field::History,
                "notes" => Field::Notes,
                _ => other(at),
            };
            (Part::Document, Some(field))
        }
        _ => (Part::Document, Some(other(at))),
    };
    Place { part, field }
}

/// A step of a path the duplicate-key check found (it reads the text, not the parsed document).
enum OwnedSeg {
    Key(String),
    Index(usize),
}

impl OwnedSeg {
    fn borrow(&self) -> Seg<'_> {
        match self {
            OwnedSeg::Key(key) => Seg::Key(key),
            OwnedSeg::Index(i) => Seg::Index(*i),
        }
    }
}

/// Finds the first key that appears twice in one object of the document (serde_json would keep
/// the last silently): the path of its second appearance.
fn duplicate_key(text: &str) -> Option<Vec<OwnedSeg>> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    /// On finding a duplicate, `found` gets the key; each enclosing level then adds its own
    /// step as the error unwinds, so no path is built for the values that are fine.
    struct Check<'a> {
        found: &'a RefCell<Option<Vec<OwnedSeg>>>,
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
            loop {
                match seq.next_element_seed(Check { found: self.found }) {
                    Ok(Some(())) => i = i.saturating_add(1),
                    Ok(None) => return Ok(()),
                    Err(e) => {
                        if let Some(at) = self.found.borrow_mut().as_mut() {
                            at.push(OwnedSeg::Index(i));
                        }
                        return Err(e);
                    }
                }
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            let mut seen = HashSet::new();
            while let Some(name) = map.next_key::<String>()? {
                if seen.contains(&name) {
                    *self.found.borrow_mut() = Some(vec![OwnedSeg::Key(name)]);
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                if let Err(e) = map.next_value_seed(Check { found: self.found }) {
                    if let Some(at) = self.found.borrow_mut().as_mut() {
                        at.push(OwnedSeg::Key(name));
                    }
                    return Err(e);
                }
                seen.insert(name);
            }
            Ok(())
        }
    }
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = Check { found: &found }.deserialize(&mut de);
    // The steps were added from the key outwards.
    found.into_inner().map(|mut at| {
        at.reverse();
        at
    })
}

/// An object and the path it was found at.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    at: Vec<Seg<'a>>,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, at: Vec<Seg<'a>>) -> Result<'a, Obj<'a>> {
        match value {
            Value::Object(map) => Ok(Obj { map, at }),
            _ => fault(&at, Fault::ExpectedObject),
        }
    }

    fn at(&self, name: &'a str) -> Vec<Seg<'a>> {
        key(&self.at, name)
    }

    /// The value of `name`, with `null` read as absent.
    fn get(&self, name: &'a str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    fn required(&self, name: &'a str) -> Result<'a, &'a Value> {
        match self.get(name) {
            Some(v) => Ok(v),
            None => fault(&self.at(name), Fault::Missing),
        }
    }

    fn string(&self, name: &'a str) -> Result<'a, Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => fault(&self.at(name), Fault::ExpectedText),
        }
    }

    fn required_string(&self, name: &'a str) -> Result<'a, String> {
        self.required(name)?;
        Ok(self.string(name)?.unwrap_or_default())
    }

    fn boolean(&self, name: &'a str) -> Result<'a, Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => fault(&self.at(name), Fault::ExpectedTrueOrFalse),
        }
    }

    /// The fault at `name`, with its path.
    #[inline(never)]
    fn found(&self, name: &'a str, fault: Fault) -> Found<'a> {
        found(&self.at(name), fault)
    }

    fn number(&self, name: &'a str) -> Result<'a, Option<Decimal>> {
        self.get(name)
            .map(|v| number(v).map_err(|f| self.found(name, f)))
            .transpose()
    }

    fn integer(&self, name: &'a str, min: i64, max: i64) -> Result<'a, i64> {
        integer(self.required(name)?, min, max).map_err(|f| self.found(name, f))
    }

    fn object(&self, name: &'a str) -> Result<'a, Option<Obj<'a>>> {
        self.get(name)
            .map(|v| Obj::new(v, self.at(name)))
            .transpose()
    }

    fn array(&self, name: &'a str) -> Result<'a, Option<&'a Vec<Value>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => fault(&self.at(name), Fault::ExpectedArray),
        }
    }
}

/// A JSON number read as the exact decimal written, within the limits of `exact` (at most 10¹⁵,
/// at most 10 decimal places), so that what is stored is exactly what the file says. The caller
/// adds the path to a fault, so that nothing is built for the numbers that read.
fn number(value: &Value) -> std::result::Result<Decimal, Fault> {
    let Value::Number(n) = value else {
        return Err(Fault::ExpectedNumber);
    };
    let text = n.to_string();
    read_exact(&text).map_err(|limit| match limit {
        Limit::TooManyDecimals => Fault::TooManyDecimals {
            number: text,
            most: MAX_DECIMALS,
        },
        Limit::TooLarge | Limit::NotANumber => Fault::NumberTooLarge { number: text },
    })
}

fn integer(value: &Value, min: i64, max: i64) -> std::result::Result<i64, Fault> {
    number(value)
        .ok()
        .filter(|n| n.fract().is_zero())
        .and_then(|n| i64::try_from(n).ok())
        .filter(|i| (min..=max).contains(i))
        .ok_or(Fault::ExpectedWholeNumber { min, max })
}

/// Reads a Pace document (SPEC §6).
pub fn read_plan(text: &str) -> std::result::Result<Plan, ImportError> {
    read_document(text, false)
}

/// Reads what this version understands of a document from any version, newer ones included:
/// for showing data a newer Pace saved, read-only, never for importing it.
pub fn read_plan_any_version(text: &str) -> std::result::Result<Plan, ImportError> {
    read_document(text, true)
}

/// The `version` a document declares, if it is a JSON object with a whole-number version.
pub fn document_version(text: &str) -> Option<u64> {
    serde_json::from_str::<Value>(text)
        .ok()?
        .get("version")?
        .as_u64()
}

fn read_document(text: &str, any_version: bool) -> std::result::Result<Plan, ImportError> {
    // A byte-order mark (Notepad writes one) is not part of the document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let whole = |fault: Fault| ImportError {
        fault,
        place: Box::default(),
        path: String::new(),
    };
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(whole(Fault::TooLarge {
            bytes: text.len(),
            limit: MAX_DOCUMENT_BYTES,
        }));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| {
        whole(Fault::NotJson {
            line: e.line(),
            column: e.column(),
            cut_short: e.is_eof(),
        })
    })?;
    if let Some(owned) = duplicate_key(text) {
        let at: Vec<Seg<'_>> = owned.iter().map(OwnedSeg::borrow).collect();
        let key = match at.last() {
            Some(Seg::Key(key)) => (*key).to_string(),
            _ => String::new(),
        };
        return Err(located(&root, &at, Fault::DuplicateKey { key }));
    }
    read_root(&root, any_version).map_err(|found| located(&root, &found.at, found.fault))
}

fn read_root(root: &Value, any_version: bool) -> Result<'_, Plan> {
    let doc = Obj::new(root, Vec::new()).map_err(|_| Found {
        fault: Fault::NotAPlan,
        at: Vec::new(),
    })?;
    let format = key(&[], "format");
    match doc.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            let found = other.to_string();
            return fault(&format, Fault::OtherFormat { found });
        }
        None => return fault(&[], Fault::NotAPlan),
    }
    let version = doc.integer("version", 1, 1_000_000)?;
    let version = u64::try_from(version).unwrap_or(u64::MAX);
    if version > VERSION && !any_version {
        return fault(
            &doc.at("version"),
            Fault::NewerVersion {
                version,
                newest: VERSION,
            },
        );
    }

    let unit = match doc.string("unit")? {
        None => AmountUnit::default(),
        Some(text) => match AmountUnit::parse(&text) {
            Some(unit) => unit,
            None => return fault(&doc.at("unit"), Fault::UnknownAmountUnit { found: text }),
        },
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
        year: i32::try_from(doc.integer("year", 1900, 2999)?).unwrap_or_default(),
        month: u32::try_from(doc.integer("month", 1, 12)?).unwrap_or_default(),
        unit,
        settings: Settings::default(),
        metrics,
        tiers,
        units: Vec::new(),
        scenarios: Vec::new(),
        history: Vec::new(),
        notes: Default::default(),
    };
    if let Some(settings) = doc.object("settings")? {
        plan.settings = read_settings(&settings, unit)?;
    }
    plan.units = read_units(&doc, &plan)?;
    plan.scenarios = read_scenarios(&doc, &plan)?;
    plan.history = read_history(&doc, plan.month)?;
    plan.notes = read_notes(&doc)?;
    Ok(super::canonical(&plan))
}

/// Anything with an id and a name, as metrics and tiers are.
trait IdName {
    fn set(&mut self, id: String, name: String);
}

impl IdName for Metric {
    fn set(&mut self, id: String, name: String) {
        self.id = id;
        self.name = name;
    }
}

impl IdName for Tier {
    fn set(&mut self, id: String, name: String) {
        self.id = id;
        self.name = name;
    }
}

/// Reads the list under `list`, each item's unique `id` and its `name`, and the rest by `rest`.
fn read_named<'a, T: IdName>(
    doc: &Obj<'a>,
    list: &'a str,
    rest: impl Fn(&Obj<'a>) -> Result<'a, T>,
) -> Result<'a, Vec<T>> {
    let Some(items) = doc.array(list)? else {
        return fault(&doc.at(list), Fault::Missing);
    };
    let mut seen = HashSet::new();
    items
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let item = Obj::new(value, index(&doc.at(list), i))?;
            let id = read_id(&item, &mut seen)?;
            let name = item.required_string("name")?;
            let mut named = rest(&item)?;
            named.set(id, name);
            Ok(named)
        })
        .collect()
}

fn read_id<'a>(item: &Obj<'a>, seen: &mut HashSet<String>) -> Result<'a, String> {
    let id = item.required_string("id")?;
    if id.is_empty() {
        return fault(&item.at("id"), Fault::EmptyId);
    }
    if !seen.insert(id.clone()) {
        return fault(&item.at("id"), Fault::DuplicateId { id });
    }
    Ok(id)
}

fn read_settings<'a>(settings: &Obj<'a>, unit: AmountUnit) -> Result<'a, Settings> {
    let defaults = Settings::default();
    let schedule_override = settings
        .object("scheduleOverride")?
        .map(|o| -> Result<'a, ScheduleOverride> {
            let Some(percent) = o.number("percent")? else {
                return fault(&o.at("percent"), Fault::Missing);
            };
            if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
                return fault(&o.at("percent"), Fault::PercentOutOfRange);
            }
            Ok(ScheduleOverride {
                month: u32::try_from(o.integer("month", 1, 12)?).unwrap_or_default(),
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
            Fault::RedAboveYellow {
                yellow: status_yellow,
            },
        );
    }
    let amount_decimals = match settings.get("amountDecimals") {
        None => None,
        Some(v) => Some(integer(v, 0, 2).map_err(|f| settings.found("amountDecimals", f))?),
    }
    .and_then(|d| u32::try_from(d).ok())
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
fn read_briefing<'a>(settings: &Obj<'a>) -> Result<'a, BriefingOptions> {
    let defaults = BriefingOptions::default();
    let Some(briefing) = settings.object("briefing")? else {
        return Ok(defaults);
    };
    let strings = |key: &'a str| -> Result<'a, BTreeSet<String>> {
        let mut set = BTreeSet::new();
        for (i, item) in briefing.array(key)?.into_iter().flatten().enumerate() {
            match item {
                Value::String(text) => set.insert(text.clone()),
                _ => return fault(&index(&briefing.at(key), i), Fault::ExpectedText),
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
        notes: briefing.boolean("notes")?.unwrap_or(defaults.notes),
    })
}

fn read_weights<'a>(items: &[Value], at: &[Seg<'a>]) -> Result<'a, [Decimal; 12]> {
    if items.len() != 12 {
        return fault(at, Fault::WeightCount { found: items.len() });
    }
    let mut weights = [Decimal::ZERO; 12];
    for (i, (item, weight)) in items.iter().zip(weights.iter_mut()).enumerate() {
        let w = number(item).map_err(|f| found(&index(at, i), f))?;
        if w < Decimal::ZERO {
            return fault(&index(at, i), Fault::NegativeWeight);
        }
        *weight = w;
    }
    // Each weight is at most 10¹⁵ (`number`), so twelve of them add up without overflow.
    let sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |sum, w| sum.checked_add(*w));
    if sum.is_none_or(|sum| sum.is_zero()) {
        return fault(at, Fault::AllWeightsZero);
    }
    Ok(weights)
}

fn read_units<'a>(doc: &Obj<'a>, plan: &Plan) -> Result<'a, Vec<Arc<Unit>>> {
    let Some(items) = doc.array("units")? else {
        return fault(&doc.at("units"), Fault::Missing);
    };
    let mut seen = HashSet::new();
    let mut total_at: Option<usize> = None;
    let mut units: Vec<Arc<Unit>> = Vec::with_capacity(items.len());
    for (i, value) in items.iter().enumerate() {
        let item = Obj::new(value, index(&doc.at("units"), i))?;
        let id = read_id(&item, &mut seen)?;
        let total = item.boolean("total")?.unwrap_or(false);
        if total {
            if let Some(first) = total_at {
                let first = Item {
                    position: first.saturating_add(1),
                    name: units.get(first).map(|u| u.name.clone()),
                };
                return fault(&item.at("total"), Fault::SecondTotal { first });
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

fn read_figures<'a>(unit: &Obj<'a>, plan: &Plan) -> Result<'a, BTreeMap<String, Figure>> {
    let mut figures = BTreeMap::new();
    let Some(obj) = unit.object("figures")? else {
        return Ok(figures);
    };
    for (metric, value) in obj.map {
        let at = obj.at(metric);
        if !plan.metrics.iter().any(|m| &m.id == metric) {
            return fault(&at, Fault::UnknownMetric { id: metric.clone() });
        }
        if value.is_null() {
            continue;
        }
        let f = Obj::new(value, at)?;
        let mut targets = BTreeMap::new();
        if let Some(t) = f.object("targets")? {
            for (tier, v) in t.map {
                if !plan.tiers.iter().any(|x| &x.id == tier) {
                    return fault(&t.at(tier), Fault::UnknownTier { id: tier.clone() });
                }
                if !v.is_null() {
                    targets.insert(tier.clone(), number(v).map_err(|f| t.found(tier, f))?);
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
        figures.insert(metric.clone(), figure);
    }
    Ok(figures)
}

/// Up to 12 amounts by month, January first, `null` for a month not entered; trailing months
/// not entered are dropped (they carry no information, and the export leaves them out).
fn read_months<'a>(item: &Obj<'a>, name: &'a str) -> Result<'a, Vec<Option<Decimal>>> {
    let mut months = match item.array(name)? {
        None => Vec::new(),
        Some(items) if items.len() > 12 => {
            return fault(&item.at(name), Fault::TooManyMonths { found: items.len() });
        }
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Null => Ok(None),
                _ => number(v)
                    .map(Some)
                    .map_err(|f| found(&index(&item.at(name), i), f)),
            })
            .collect::<Result<'a, Vec<_>>>()?,
    };
    while months.last() == Some(&None) {
        months.pop();
    }
    Ok(months)
}

/// The optional `scenarios` of a version 1 document (issue 5; readers that do not know it
/// ignore it): named future inflows for the total or single units.
fn read_scenarios<'a>(doc: &Obj<'a>, plan: &Plan) -> Result<'a, Vec<Scenario>> {
    let Some(items) = doc.array("scenarios")? else {
        return Ok(Vec::new());
    };
    let mut seen = HashSet::new();
    let mut scenarios = Vec::with_capacity(items.len());
    for (i, value) in items.iter().enumerate() {
        let item = Obj::new(value, index(&doc.at("scenarios"), i))?;
        let id = read_id(&item, &mut seen)?;
        let name = item.required_string("name")?;
        let mut inflows = Vec::new();
        for (j, value) in item.array("inflows")?.into_iter().flatten().enumerate() {
            let f = Obj::new(value, index(&item.at("inflows"), j))?;
            let metric = f.required_string("metric")?;
            if !plan.metrics.iter().any(|m| m.id == metric) {
                return fault(&f.at("metric"), Fault::UnknownMetric { id: metric });
            }
            let unit = f.string("unit")?;
            if let Some(u) = &unit {
                if !plan.units.iter().any(|x| &x.id == u) {
                    return fault(&f.at("unit"), Fault::UnknownUnit { id: u.clone() });
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

/// The optional `history` of a version 1 document (SPEC §8; readers that do not know it ignore
/// it): closed months, each below the data month and closed once, with each unit's figures by
/// id. Ids the plan does not have are kept as written; a figure's `monthly` is not part of a
/// closed month and is not read.
fn read_history<'a>(doc: &Obj<'a>, data_month: u32) -> Result<'a, Vec<ClosedMonth>> {
    let Some(items) = doc.array("history")? else {
        return Ok(Vec::new());
    };
    let mut history: Vec<ClosedMonth> = Vec::with_capacity(items.len());
    for (i, value) in items.iter().enumerate() {
        let item = Obj::new(value, index(&doc.at("history"), i))?;
        let month = u32::try_from(item.integer("month", 1, 12)?).unwrap_or_default();
        if month >= data_month {
            return fault(
                &item.at("month"),
                Fault::ClosedMonthNotBefore { month, data_month },
            );
        }
        if history.iter().any(|c| c.month == month) {
            return fault(&item.at("month"), Fault::ClosedMonthTwice { month });
        }
        let mut units = BTreeMap::new();
        if let Some(obj) = item.object("units")? {
            for (unit, value) in obj.map {
                let mut figures = BTreeMap::new();
                if !value.is_null() {
                    let by_metric = Obj::new(value, obj.at(unit))?;
                    for (metric, value) in by_metric.map {
                        if value.is_null() {
                            continue;
                        }
                        let f = Obj::new(value, by_metric.at(metric))?;
                        let mut targets = BTreeMap::new();
                        if let Some(t) = f.object("targets")? {
                            for (tier, v) in t.map {
                                if !v.is_null() {
                                    targets.insert(
                                        tier.clone(),
                                        number(v).map_err(|f| t.found(tier, f))?,
                                    );
                                }
                            }
                        }
                        let figure = Figure {
                            actual: f.number("actual")?,
                            carryover: f.number("carryover")?,
                            last_year: f.number("lastYear")?,
                            targets,
                            monthly: Vec::new(),
                        };
                        figures.insert(metric.clone(), figure);
                    }
                }
                units.insert(unit.clone(), figures);
            }
        }
        history.push(ClosedMonth { month, units });
    }
    Ok(in_month_order(&history).into_iter().cloned().collect())
}

/// The optional `notes` (docs/notes.md; readers that do not know it ignore it): a text per unit
/// id and month, at most `MAX_NOTE_CHARS` characters, one per unit and month. Ids the plan does
/// not have are kept; an empty text is no note.
fn read_notes<'a>(doc: &Obj<'a>) -> Result<'a, Notes> {
    let mut notes = Notes::new();
    for (i, value) in doc.array("notes")?.into_iter().flatten().enumerate() {
        let item = Obj::new(value, index(&doc.at("notes"), i))?;
        let month = u32::try_from(item.integer("month", 1, 12)?).unwrap_or_default();
        let unit = item.required_string("unit")?;
        if unit.is_empty() {
            return fault(&item.at("unit"), Fault::EmptyId);
        }
        let text = item.string("text")?.unwrap_or_default();
        if text.chars().count() > MAX_NOTE_CHARS {
            return fault(
                &item.at("text"),
                Fault::TextTooLong {
                    most: MAX_NOTE_CHARS,
                },
            );
        }
        let key = (month, unit);
        if notes.contains_key(&key) {
            let (month, unit) = key;
            return fault(&item.at("unit"), Fault::NoteTwice { month, unit });
        }
        if !text.trim().is_empty() {
            notes.insert(key, text);
        }
    }
    Ok(notes)
}
