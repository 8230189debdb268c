//! 比上月 in words, as the cards, the counts and the 通报表 say the changes `engine::compare`
//! works out (SPEC §8). An undefined change says `—` where a figure stands, and drops its clause
//! where a sentence would carry it.

use super::i18n::{Lang, Language};
use crate::engine::compare::{GapTrend, LastMonth};
use crate::engine::format;
use rust_decimal::Decimal;

/// What the comparison is with: `上月` / `last month` when it is the month before, else the
/// period (`1-7月`, `Jan–Jul`: the data month was moved on past a month not closed).
pub fn than(lang: Language, last: &LastMonth) -> String {
    match (lang.get(), last.consecutive) {
        (Lang::Zh, true) => "上月".to_string(),
        (Lang::En, true) => "last month".to_string(),
        _ => lang.period(last.month),
    }
}

/// `比上月+6.12个百分点` / `+6.12 pts on last month`; empty when undefined.
pub fn completion_change(lang: Language, points: Option<Decimal>, than: &str) -> String {
    let Some(points) = points else {
        return String::new();
    };
    let shown = format::points(Some(points));
    match lang.get() {
        Lang::Zh => format!("比{than}{shown}个百分点"),
        Lang::En => format!("{shown} pts on {than}"),
    }
}

/// `差距缩小2.30个百分点` / `差距扩大3.15个百分点` (behind the schedule both months),
/// `超序时幅度缩小1.32个百分点` (ahead both months), `由落后转为超序时，比序时上升4.76个百分点`
/// (crossed), or
/// `比序时与上月持平`; empty when undefined.
pub fn gap_change(lang: Language, trend: Option<GapTrend>) -> String {
    let plain = |d: Decimal| format::points(Some(d)).trim_start_matches('+').to_string();
    match (trend, lang.get()) {
        (None, _) => String::new(),
        (Some(GapTrend::Narrowed(d)), Lang::Zh) => format!("差距缩小{}个百分点", plain(d)),
        (Some(GapTrend::Narrowed(d)), Lang::En) => format!("gap narrowed by {} pts", plain(d)),
        (Some(GapTrend::Widened(d)), Lang::Zh) => format!("差距扩大{}个百分点", plain(d)),
        (Some(GapTrend::Widened(d)), Lang::En) => format!("gap widened by {} pts", plain(d)),
        (Some(GapTrend::LeadGrew(d)), Lang::Zh) => format!("超序时幅度扩大{}个百分点", plain(d)),
        (Some(GapTrend::LeadGrew(d)), Lang::En) => format!("lead grew by {} pts", plain(d)),
        (Some(GapTrend::LeadShrank(d)), Lang::Zh) => format!("超序时幅度缩小{}个百分点", plain(d)),
        (Some(GapTrend::LeadShrank(d)), Lang::En) => format!("lead shrank by {} pts", plain(d)),
        (Some(GapTrend::Unchanged), Lang::Zh) => "比序时与上月持平".to_string(),
        (Some(GapTrend::Unchanged), Lang::En) => "vs schedule as last month".to_string(),
        // Crossed the schedule: which way, in words (it read 比序时变动−10.59个百分点).
        (Some(GapTrend::Crossed(d)), Lang::Zh) if d.is_sign_negative() => {
            format!("由超序时转为落后，比序时下降{}个百分点", plain(d.abs()))
        }
        (Some(GapTrend::Crossed(d)), Lang::Zh) => {
            format!("由落后转为超序时，比序时上升{}个百分点", plain(d))
        }
        (Some(GapTrend::Crossed(d)), Lang::En) if d.is_sign_negative() => {
            format!("fell behind schedule, down {} pts", plain(d.abs()))
        }
        (Some(GapTrend::Crossed(d)), Lang::En) => {
            format!("moved ahead of schedule, up {} pts", plain(d))
        }
    }
}

/// `（比上月多2个）`, `（比上月少5个）`, `（与上月持平）` after a count; empty when undefined.
pub fn count_change(lang: Language, change: Option<i64>, than: &str) -> String {
    let Some(change) = change else {
        return String::new();
    };
    let n = change.unsigned_abs();
    let text = match (lang.get(), change.signum()) {
        (Lang::Zh, 1) => format!("比{than}多{n}个"),
        (Lang::Zh, -1) => format!("比{than}少{n}个"),
        (Lang::Zh, _) => format!("与{than}持平"),
        (Lang::En, 1) => format!("{n} more than {than}"),
        (Lang::En, -1) => format!("{n} fewer than {than}"),
        (Lang::En, _) => format!("as many as {than}"),
    };
    lang.aside(&text)
}
