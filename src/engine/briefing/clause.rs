//! The clauses a briefing sentence is made of: data, in no language. Each holds the engine's
//! figures at full precision (SPEC §3) with what is needed to read them out; the renderers
//! (`zh`, `en`) only round and word them (SPEC §4). A clause is only made when its figures are
//! defined, so no renderer ever has a blank to fill.

use crate::engine::amount_unit::MeasureUnit;
use crate::engine::format;
use rust_decimal::Decimal;

/// An amount or a count as the prose reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    /// In `unit`: the engine's figure at full precision, or already rounded up to the hundred
    /// (`BriefingOptions::round_up_to_hundred`).
    pub value: Decimal,
    /// The metric's unit: the plan's 万美元 / 亿元 …, or a count's own unit such as `个`.
    pub unit: MeasureUnit,
    /// `Plan::amount_decimals` for the metric (SPEC §4: `amountDecimals`; 0 for counts).
    pub decimals: u32,
}

/// A figure for one tier, with the tier's name (考核目标).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierValue<T> {
    pub tier: String,
    pub value: T,
}

/// Whose figures a sentence gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    /// The whole, by the total unit's name (全市, 全县 …; `Plan::total_name`). English leaves it
    /// out, as the page does (docs/decisions.md, issue 10).
    Total(String),
    /// A reporting unit, by name.
    Unit(String),
    /// A group's subtotal (乡镇小计): its name, how many units it has, and the whole's name.
    Group {
        name: String,
        units: usize,
        whole: String,
    },
}

/// 同比, as far as it can be said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Growth {
    /// 同比增长 (or 下降 when negative), in percent: the engine's `year_on_year`.
    Rate(Decimal),
    /// Last year's same period was 0 and this year's figure is above it: 新增.
    New,
    /// Last year's same period was negative (a net withdrawal): no rate, 上年同期为负.
    NegativeBase,
}

/// What the units of a count are called: `单位`, or the group's own name (`乡镇`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Noun {
    Units,
    Group(String),
}

/// The carry-over note after the pace: `（不含上年结余1200万美元）`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carryover {
    /// 上年结余, above 0.
    pub amount: Amount,
    /// The pace includes it (`carryoverInPace`): `含` rather than `不含`.
    pub included: bool,
}

/// One clause, between commas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// The period, months 1..=`month`: `1-7月份`, `January–July`.
    Period { month: u32 },
    /// `全市新批注册外资2.60亿美元`: whose (only in a paragraph's first sentence), the metric's
    /// name and the actual (SPEC §2 `actual`); `None` when not reported (`未报`).
    Actual {
        who: Option<Who>,
        metric: String,
        amount: Option<Amount>,
        /// A sum over units some of which have not reported (the whole without its own figure,
        /// a group): read out as the city's figure it would mislead the meeting.
        partial: Option<PartialSum>,
    },
    /// 同比增长33.45% / 同比下降x% / 新增 / 上年同期为负.
    Growth(Growth),
    /// 占全市完成数的54.57%: the whole's name and the share in percent (SPEC §3 share).
    Share { whole: String, percent: Decimal },
    /// 完成全年考核目标的x% / 分别完成…的x%和y%: completion per tier, in percent.
    Completion(Vec<TierValue<Decimal>>),
    /// 超考核目标序时进度3.03个百分点: tiers whose schedule gap (points, above 0) is ahead.
    Ahead(Vec<TierValue<Decimal>>),
    /// 离加压目标序时进度还相差13.11个百分点: tiers whose schedule gap (points, below 0; read
    /// as its magnitude) is behind.
    Behind(Vec<TierValue<Decimal>>),
    /// 达到考核目标序时进度: tiers whose schedule gap is exactly 0.
    OnSchedule(Vec<String>),
    /// 从注册外资实际到帐看: the metric the next sentences are about.
    Topic { metric: String },
    /// 平均月到帐1297万美元（不含上年结余1200万美元）: the pace so far (SPEC §3), worded as
    /// arrivals (到帐) when `arrival` (`Metric::is_arrival`), else as completions (完成).
    Pace {
        arrival: bool,
        amount: Amount,
        carryover: Option<Carryover>,
    },
    /// 而按全年目标每月应平均到帐1955万美元和2838万美元: the required pace T / 12 per tier.
    /// `after_pace`: a pace clause comes before (而).
    RequiredPace {
        arrival: bool,
        after_pace: bool,
        tiers: Vec<TierValue<Amount>>,
    },
    /// 月均少658万美元和1541万美元: the pace shortfall per tier (SPEC §3, from the rounded
    /// figures); above 0 is short (少), below 0 ahead (多, read as its magnitude), 0 even.
    PaceDifference(Vec<TierValue<Amount>>),
    /// 已完成全年考核目标: tiers whose annual target is met (remaining = 已完成).
    TargetsMet(Vec<String>),
    /// 在接下来的5个月中，至少每月平均到帐2636万美元和4754万美元，才能完成全年考核目标和加压目标:
    /// the required future monthly per tier still to be met, over the `months_left` = 12 − m.
    FutureMonthly {
        months_left: u32,
        arrival: bool,
        tiers: Vec<TierValue<Amount>>,
    },
    /// 全市23个乡镇中: what the counts after it are over.
    CountScope {
        whole: String,
        units: usize,
        noun: Noun,
    },
    /// 完成全年考核目标的有3个：海门镇、货隆、包场 (at least one unit). `metric` names the metric
    /// when the clause opens its metric's sentence.
    Completed {
        metric: Option<String>,
        tier: String,
        units: Vec<String>,
    },
    /// 达到考核目标序时进度的有9个乡镇 (`count` at least 1).
    OnScheduleCount {
        metric: Option<String>,
        tier: String,
        count: usize,
        noun: Noun,
    },
    /// 尚无乡镇达到加压目标序时进度: tiers no unit is on schedule for.
    NoneOnSchedule {
        metric: Option<String>,
        tiers: Vec<String>,
        noun: Noun,
    },
    /// 双空白的有2个：…: units that reported every metric as exactly 0 (at least one). `metrics`
    /// names the plan's metrics (双空白 with two, 为零 with one, 各项均为零 with more).
    AllZero {
        metrics: Vec<String>,
        units: Vec<String>,
    },
    /// 未报的有2个：…: units that have not reported a metric (at least one); `metric` names it
    /// when the plan has several (注册外资实际到帐未报的有2个：…), one clause per metric.
    NotReported {
        metric: Option<String>,
        units: Vec<String>,
    },
    /// 开发区：两个项目资金8月到位 — a unit's 文字说明 for the month, as written (docs/notes.md).
    Note { unit: String, text: String },
    /// 与考核目标序时进度的差距比上月缩小2.30个百分点 (SPEC §8): the tiers whose 比序时 moved
    /// the same way (`way`), each by how many points (a magnitude).
    GapChange {
        way: GapWay,
        tiers: Vec<TierValue<Decimal>>,
        /// The month compared with when it is not the month before (`比1-7月`); `None`: 上月.
        than: Option<u32>,
    },
    /// 新批注册外资和注册外资实际到帐达到考核目标序时进度的分别比上月少5个和2个乡镇 (SPEC §8):
    /// per tier, the metrics whose count on schedule moved the same way (`fewer`), by how many.
    OnScheduleChange {
        tier: String,
        fewer: bool,
        /// Each metric's name and how many more or fewer.
        metrics: Vec<(String, u64)>,
        noun: Noun,
        /// As `GapChange`'s.
        than: Option<u32>,
    },
}

/// Which way a tier's 比序时 moved since the month compared with (`compare::GapTrend`, as the
/// speech and the cards say it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapWay {
    /// Behind both months, by less now: 差距缩小.
    Narrowed,
    /// Behind both months, by more now: 差距扩大.
    Widened,
    /// Ahead (or on) both months, by more now: 超序时幅度扩大.
    LeadGrew,
    /// Ahead (or on) both months, by less now: 超序时幅度缩小.
    LeadShrank,
    /// Ahead then, behind now: 由超序时转为落后.
    FellBehind,
    /// Behind then, ahead now: 由落后转为超序时.
    MovedAhead,
}

impl Clause {
    /// A clause that only leads into others (a period, a topic, a count's scope): a sentence
    /// of nothing else says nothing and is left out.
    pub fn is_lead(&self) -> bool {
        matches!(
            self,
            Clause::Period { .. } | Clause::Topic { .. } | Clause::CountScope { .. }
        )
    }
}

/// Where the pace so far stands against each tier's required pace (月均少 / 多 / 持平), as each
/// language words it: the same side for every tier, or one side per tier.
pub(super) enum PaceSides {
    /// Every tier on this side (`Greater`: short, `Less`: ahead, `Equal`: level), with the
    /// magnitudes.
    All(std::cmp::Ordering, Vec<Amount>),
    /// Each tier's side and magnitude.
    Mixed(Vec<(std::cmp::Ordering, Amount)>),
}

impl PaceSides {
    /// Sorts the pace shortfalls (positive: short) of the tiers by side.
    pub(super) fn of(values: &[TierValue<Amount>]) -> PaceSides {
        let each: Vec<(std::cmp::Ordering, Amount)> = values
            .iter()
            .map(|v| {
                let side = v.value.value.cmp(&Decimal::ZERO);
                let magnitude = Amount {
                    value: v.value.value.abs(),
                    ..v.value.clone()
                };
                (side, magnitude)
            })
            .collect();
        match each.first().map(|(side, _)| *side) {
            Some(first) if each.iter().all(|(side, _)| *side == first) => {
                PaceSides::All(first, each.into_iter().map(|(_, a)| a).collect())
            }
            _ => PaceSides::Mixed(each),
        }
    }
}

/// Each tier's percentage as both languages write it: `61.36%`.
pub(super) fn percent_texts(values: &[TierValue<Decimal>]) -> Vec<String> {
    values
        .iter()
        .map(|v| format::percent(Some(v.value)))
        .collect()
}

/// Each tier's points as their magnitude, two decimals (the words say ahead or behind): `13.11`.
pub(super) fn point_texts(values: &[TierValue<Decimal>]) -> Vec<String> {
    values
        .iter()
        .map(|v| format::amount(Some(v.value.abs()), 2))
        .collect()
}

/// 为已报的1个单位合计，另有2个单位未报: how many of the units summed have reported the actual.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartialSum {
    pub reported: usize,
    pub not_reported: usize,
}

impl PartialSum {
    /// From a sum's count of lines and of those without an actual: `None` when all reported
    /// or none did (a sum of nothing has no actual to qualify).
    pub fn of(lines: usize, not_reported: usize) -> Option<PartialSum> {
        let reported = lines.checked_sub(not_reported)?;
        (reported > 0 && not_reported > 0).then_some(PartialSum {
            reported,
            not_reported,
        })
    }
}
