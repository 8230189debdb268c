//! A year in one plan (SPEC §8): SPEC §7's plan closed at July, then August's figures entered;
//! every 比上月 figure and count change against hand arithmetic; a unit added after the close;
//! a target revised mid-year; the closed month's view equal to the plan as it was; the format.
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::closed_months::{close_month, month_awaiting_figures, plan_at};
use pace::engine::compare::{count_change, gap_trend, this_month, GapTrend, LastMonth, TierChange};
use pace::engine::example::speech_example;
use pace::engine::interchange::{read_plan, write_plan, Fault};
use pace::engine::plan::{Figure, Plan, Unit};
use pace::engine::report::Report;
use rust_decimal::Decimal;
use std::sync::Arc;

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn unit_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut Unit {
    let unit = plan.units.iter_mut().find(|u| u.id == id).unwrap();
    Arc::make_mut(unit)
}

fn set_actual(plan: &mut Plan, unit: &str, metric: &str, actual: &str) {
    let figure = unit_mut(plan, unit)
        .figures
        .entry(metric.into())
        .or_default();
    figure.actual = Some(dec(actual));
}

/// SPEC §7's plan closed at 7; August: 全市 29000 and 11500, 开发区 15000 and 5300, and 乡镇甲
/// (added in August) 300 of a 600 target.
fn august() -> Plan {
    let mut plan = close_month(&speech_example()).unwrap();
    set_actual(&mut plan, "city", "registered", "29000");
    set_actual(&mut plan, "city", "arrived", "11500");
    set_actual(&mut plan, "devzone", "registered", "15000");
    set_actual(&mut plan, "devzone", "arrived", "5300");
    let mut town = Unit::new("town", "乡镇甲");
    town.figures.insert(
        "registered".into(),
        Figure {
            actual: Some(dec("300")),
            targets: [("assessment".to_string(), dec("600"))].into(),
            ..Figure::default()
        },
    );
    plan.units.push(Arc::new(town));
    plan
}

#[test]
fn every_comparison_with_july_is_the_hand_arithmetic() {
    let plan = august();
    let report = Report::new(&plan);
    let last = LastMonth::of(&plan).expect("July is closed");
    assert_eq!((last.month, last.consecutive), (7, true));
    // S(8) = 8/12 = 66.67%; S(7) = 58.33%.
    assert_eq!(report.schedule.percent_rounded(), Some(dec("66.67")));
    assert_eq!(last.report.schedule.percent_rounded(), Some(dec("58.33")));

    let city = |metric: usize| {
        let now = &report.totals[metric];
        (&now.figures, last.total_figures(now, metric))
    };
    // 全市 新批注册外资 考核: 29000/42410 = 68.38% (gap 68.38 − 66.67 = +1.71); July 61.36%
    // (+3.03): +7.02 points, the gap −1.32 (ahead both months: the lead shrank).
    let (now, then) = city(0);
    let change = TierChange::of(now, then, 0);
    assert_eq!(change.completion, Some(dec("7.02")));
    assert_eq!(change.gap, Some(dec("-1.32")));
    assert_eq!(
        gap_trend(
            now.tiers[0].schedule_gap,
            then.unwrap().tiers[0].schedule_gap
        ),
        Some(GapTrend::LeadShrank(dec("1.32")))
    );
    // 当月: 29000 − 26023 = 2977.
    assert_eq!(this_month(now, then, last.consecutive), Some(dec("2977")));
    // 全市 实际到帐 考核: 11500/23460 = 49.02% (gap −17.65); July 43.83% (−14.50): +5.19, the
    // gap widened by 3.15. 加压: 11500/34050 = 33.77% (−32.90); July 30.20% (−28.13): +3.57,
    // widened by 4.77. 当月 11500 − 10282 = 1218.
    let (now, then) = city(1);
    assert_eq!(TierChange::of(now, then, 0).completion, Some(dec("5.19")));
    assert_eq!(
        gap_trend(
            now.tiers[0].schedule_gap,
            then.unwrap().tiers[0].schedule_gap
        ),
        Some(GapTrend::Widened(dec("3.15")))
    );
    assert_eq!(TierChange::of(now, then, 1).completion, Some(dec("3.57")));
    assert_eq!(
        gap_trend(
            now.tiers[1].schedule_gap,
            then.unwrap().tiers[1].schedule_gap
        ),
        Some(GapTrend::Widened(dec("4.77")))
    );
    assert_eq!(this_month(now, then, true), Some(dec("1218")));

    // 开发区 注册: 15000/24000 = 62.50% (gap −4.17); July 59.18% (+0.85): +3.32, gap −5.02.
    let devzone = plan.units.iter().position(|u| u.id == "devzone").unwrap();
    let now = &report.row_of(devzone).unwrap().metrics[0];
    let then = last.unit_figures("devzone", 0);
    let change = TierChange::of(now, then, 0);
    assert_eq!(change.completion, Some(dec("3.32")));
    assert_eq!(change.gap, Some(dec("-5.02")));
    // Ahead in July (+0.85), behind in August (−4.17): crossed.
    assert_eq!(
        gap_trend(
            now.tiers[0].schedule_gap,
            then.unwrap().tiers[0].schedule_gap
        ),
        Some(GapTrend::Crossed(dec("-5.02")))
    );
    assert_eq!(this_month(now, then, true), Some(dec("798")));
    // 开发区 到帐: 5300/12000 = 44.17% (−22.50); July 39.68% (−18.65): +4.49, widened 3.85.
    let now = &report.row_of(devzone).unwrap().metrics[1];
    let then = last.unit_figures("devzone", 1);
    assert_eq!(TierChange::of(now, then, 0).completion, Some(dec("4.49")));
    assert_eq!(
        gap_trend(
            now.tiers[0].schedule_gap,
            then.unwrap().tiers[0].schedule_gap
        ),
        Some(GapTrend::Widened(dec("3.85")))
    );

    // 乡镇甲 was added in August: nothing to compare with (—, never 0).
    let town = plan.units.iter().position(|u| u.id == "town").unwrap();
    let now = &report.row_of(town).unwrap().metrics[0];
    assert_eq!(last.unit_figures("town", 0), None);
    assert_eq!(TierChange::of(now, None, 0), TierChange::default());
    assert_eq!(this_month(now, None, true), None);

    // 达到序时进度 (注册, 考核): July 1 (开发区 59.18 ≥ 58.33); August 0 (开发区 62.50 and
    // 乡镇甲 50.00 are below 66.67): 比上月少1个.
    let on_schedule = |counts: &pace::engine::counts::Counts| counts.tiers[0][0].on_schedule.len();
    assert_eq!(on_schedule(&report.counts), 0);
    let then = last.counts(None).map(on_schedule);
    assert_eq!(then, Some(1));
    assert_eq!(count_change(0, then), Some(-1));
    assert_eq!(count_change(3, None), None);
}

#[test]
fn the_closed_months_view_is_the_plan_as_it_was() {
    let july = speech_example();
    let plan = august();
    let then = plan_at(&plan, 7).unwrap();
    assert_eq!(Report::new(&then), Report::new(&july));
    assert_eq!(then.units, july.units);
}

#[test]
fn a_target_revised_in_august_leaves_july_as_it_was() {
    let plan = august();
    let mut revised = plan.clone();
    unit_mut(&mut revised, "city")
        .figures
        .get_mut("registered")
        .unwrap()
        .targets
        .insert("assessment".into(), dec("45000"));
    pace::engine::closed_months::keep_revised_targets(&plan, &mut revised);
    // July's 61.36% stands (26023/42410); August's is 29000/45000 = 64.44%: +3.08 points.
    let last = LastMonth::of(&revised).unwrap();
    let report = Report::new(&revised);
    let then = last.total_figures(&report.totals[0], 0).unwrap();
    assert_eq!(
        then.tiers[0].completion.map(pace::engine::round::round2),
        Some(dec("61.36"))
    );
    assert_eq!(
        TierChange::of(&report.totals[0].figures, Some(then), 0).completion,
        Some(dec("3.08"))
    );
    // The old target travels in the file, and comes back.
    let text = write_plan(&revised);
    assert!(text.contains("\"history\""));
    let back = read_plan(&text).unwrap();
    assert_eq!(write_plan(&back), text);
    assert_eq!(plan_at(&back, 7).unwrap().units, speech_example().units);
}

#[test]
fn the_history_key_is_written_as_spec_8_says() {
    // A plan without history writes no key.
    assert!(!write_plan(&speech_example()).contains("history"));
    let mut plan = august();
    // Ids the plan no longer has are kept, after the plan's units, ascending.
    let closed = &mut plan.history[0];
    closed.units.insert(
        "a-gone".into(),
        [(
            "old-metric".to_string(),
            Figure {
                actual: Some(dec("5")),
                targets: [("old-tier".to_string(), dec("9"))].into(),
                ..Figure::default()
            },
        )]
        .into(),
    );
    let text = write_plan(&plan);
    let history = &text[text.find("\"history\"").unwrap()..];
    let (city, devzone, gone) = (
        history.find("\"city\"").unwrap(),
        history.find("\"devzone\"").unwrap(),
        history.find("\"a-gone\"").unwrap(),
    );
    assert!(city < devzone && devzone < gone, "{history}");
    assert!(history.contains("\"old-tier\": 9"));
    // After the scenarios' place: the last key.
    assert!(text.trim_end().ends_with('}'));
    assert!(text.find("\"units\"").unwrap() < text.find("\"history\"").unwrap());
    let back = read_plan(&text).unwrap();
    assert_eq!(back.history, plan.history);
    assert_eq!(write_plan(&back), text);
}

#[test]
fn import_refuses_a_history_that_cannot_be() {
    let text = write_plan(&august());
    let refuse = |from: &str, to: &str| {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        read_plan(&changed).unwrap_err()
    };
    let not_before = refuse(
        "\"month\": 7,\n      \"units\"",
        "\"month\": 8,\n      \"units\"",
    );
    assert_eq!(
        not_before.fault,
        Fault::ClosedMonthNotBefore {
            month: 8,
            data_month: 8
        }
    );
    assert_eq!(not_before.path, "history[0].month");
    let twice = {
        let doc = text.replacen(
            "\"history\": [",
            "\"history\": [\n    { \"month\": 7, \"units\": {} },",
            1,
        );
        read_plan(&doc).unwrap_err()
    };
    assert_eq!(twice.fault, Fault::ClosedMonthTwice { month: 7 });
    assert_eq!(twice.path, "history[1].month");
    let wrong = refuse("\"actual\": 14202", "\"actual\": \"14202\"");
    assert_eq!(wrong.fault, Fault::ExpectedNumber);
    assert_eq!(wrong.path, "history[0].units.devzone.registered.actual");
}

#[test]
fn the_briefing_says_what_changed_since_july() {
    use pace::engine::briefing::{Briefing, Language};
    let plan = august();
    let last = LastMonth::of(&plan).unwrap();
    let text = Briefing::compared(&plan, &Report::new(&plan), Some(&last)).text(Language::Chinese);
    // 注册 加压: −13.11 in July, 50.40 − 66.67 = −16.27 in August: widened by 3.16. 考核 is
    // ahead both months, +3.03 → +1.71: the lead shrank by 1.32, as the card says (a tester found
    // the 讲评稿 silent on it). 到帐: −14.50 → −17.65 and −28.13 → −32.90.
    assert!(
        text.contains(
            "超考核目标序时进度的幅度比上月缩小1.32个百分点，与加压目标序时进度的差距比上月扩大3.16个百分点"
        ),
        "{text}"
    );
    assert!(
        text.contains("与考核目标和加压目标序时进度的差距比上月分别扩大3.15和4.77个百分点"),
        "{text}"
    );
    // 开发区 was on schedule for 考核 in July (59.18 ≥ 58.33), not in August.
    assert!(
        text.contains("新批注册外资达到考核目标序时进度的比上月少1个单位"),
        "{text}"
    );
    // Without a month to compare with, none of it.
    let plain = Briefing::new(&plan, &Report::new(&plan)).text(Language::Chinese);
    assert!(!plain.contains("比上月"), "{plain}");
    let english =
        Briefing::compared(&plan, &Report::new(&plan), Some(&last)).text(Language::English);
    assert!(
        english.contains("widened by 3.15 and 4.77 points on last month respectively"),
        "{english}"
    );
    assert!(
        english.contains(
            "the lead over the schedule for the assessment target shrank by 1.32 points on last month"
        ),
        "{english}"
    );
    // Found by a tester: it read "on schedule for …, 1 fewer than last month for new FDI".
    assert!(
        english.contains(
            "for registered FDI, 1 fewer unit than last month is on schedule for the assessment target"
        ),
        "{english}"
    );
}

#[test]
fn the_speechs_sentence_on_the_units_on_schedule() {
    use pace::engine::briefing::{Briefing, Language};
    use pace::engine::example::welcome_example;
    // The city closed at July, and August reported by every unit at half July's amounts: fewer
    // units keep up with the schedule (July: 8 and 3 for 考核, 2 and 1 for 加压).
    let july = welcome_example();
    let mut plan = close_month(&july).unwrap();
    for unit in july.units.iter().filter(|u| !u.total) {
        for (metric, figure) in &unit.figures {
            if let Some(actual) = figure.actual {
                let half = actual / Decimal::TWO;
                set_actual(&mut plan, &unit.id, metric, &half.to_string());
            }
        }
    }
    let last = LastMonth::of(&plan).unwrap();
    let report = Report::new(&plan);
    let fewer = |metric: usize, tier: usize| {
        let now = &report.counts.tiers[metric][tier];
        let then = &last.report.counts.tiers[metric][tier];
        then.on_schedule.len() - now.on_schedule.len()
    };
    let (assess, stretch) = ((fewer(0, 0), fewer(1, 0)), (fewer(0, 1), fewer(1, 1)));
    assert!(assess.0 > 0 && assess.1 > 0 && stretch.0 > 0 && stretch.1 > 0);
    let text = Briefing::compared(&plan, &report, Some(&last)).text(Language::Chinese);
    assert!(
        text.contains(&format!(
            "新批注册外资和注册外资实际到帐达到考核目标序时进度的分别比上月少{}个和{}个单位",
            assess.0, assess.1
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "新批注册外资和注册外资实际到帐达到加压目标序时进度的分别比上月少{}个和{}个单位",
            stretch.0, stretch.1
        )),
        "{text}"
    );
    let english = Briefing::compared(&plan, &report, Some(&last)).text(Language::English);
    assert!(
        english.contains(&format!(
            "for registered FDI and FDI received, {} and {} fewer units than last month are on schedule for the assessment target respectively",
            assess.0, assess.1
        )),
        "{english}"
    );
}

/// Found by a tester: right after 开始下月, with nothing entered for August, the counts and the
/// 讲评稿 said 达到考核目标序时进度的比上月少8个单位: units that have not reported are not
/// units that fell behind. A count compares with last month only when every unit it counts
/// reported in both months.
#[test]
fn a_month_not_reported_yet_compares_no_counts() {
    use pace::engine::briefing::{Briefing, Language};
    use pace::engine::example::welcome_example;
    let mut plan = close_month(&welcome_example()).unwrap();
    let last = LastMonth::of(&plan).unwrap();
    let text = Briefing::compared(&plan, &Report::new(&plan), Some(&last)).text(Language::Chinese);
    assert!(!text.contains("比上月"), "{text}");
    let report = Report::new(&plan);
    let now = &report.counts.tiers[0][0];
    assert_eq!(now.not_reported, now.counted);
    assert_eq!(now.compared(Some(&last.report.counts.tiers[0][0])), None);
    // One unit still missing: still no comparison for that metric.
    for unit in welcome_example().units.iter().filter(|u| !u.total).skip(1) {
        if let Some(actual) = unit.figures.get("registered").and_then(|f| f.actual) {
            set_actual(&mut plan, &unit.id, "registered", &actual.to_string());
        }
    }
    let report = Report::new(&plan);
    let now = &report.counts.tiers[0][0];
    assert_eq!(now.not_reported, 1);
    assert_eq!(now.compared(Some(&last.report.counts.tiers[0][0])), None);
}

/// Found by a tester: a subtotal whose member has not reported August yet showed 当月 −3502. A
/// sum over other units than a month before compares with nothing (—).
#[test]
fn a_subtotal_missing_a_member_compares_with_nothing() {
    use pace::engine::example::welcome_example;
    let mut plan = close_month(&welcome_example()).unwrap();
    set_actual(&mut plan, "devzone", "registered", "15000");
    let report = Report::new(&plan);
    let last = LastMonth::of(&plan).unwrap();
    let park = report.groups.iter().find(|g| g.name == "园区").unwrap();
    assert_eq!(last.group_figures(park, 0), None);
    assert_eq!(this_month(&park.subtotal[0], None, true), None);
    // Every member reported: compared.
    let members: Vec<String> = park
        .members
        .iter()
        .map(|&u| plan.units[u].id.clone())
        .collect();
    for id in &members {
        set_actual(&mut plan, id, "registered", "9000");
    }
    let report = Report::new(&plan);
    let park = report.groups.iter().find(|g| g.name == "园区").unwrap();
    let then = last.group_figures(park, 0);
    assert!(then.is_some());
    assert!(this_month(&park.subtotal[0], then, true).is_some());
}

/// Found by a tester: July's 全市 entered above its units' sum, August's left to the units: 当月
/// read −950. An entered total and a summed one compare only when the entered one is its units'
/// sum.
#[test]
fn an_entered_total_and_a_summed_one_compare_only_when_they_agree() {
    use pace::engine::example::welcome_example;
    let example = welcome_example();
    let sum = Report::new(&example).totals[0]
        .units_sum
        .line
        .actual
        .unwrap();
    let city = example.units[example.total_index().unwrap()].id.clone();
    // July with 全市 entered as `total`, closed; August: every unit as in July, the total left
    // to them. Gives August's report and its total's figures then.
    let august = |total: Decimal| {
        let mut july = example.clone();
        set_actual(&mut july, &city, "registered", &total.to_string());
        let mut august = close_month(&july).unwrap();
        for unit in july.units.iter().filter(|u| !u.total) {
            let actual = unit.figure("registered").and_then(|f| f.actual).unwrap();
            set_actual(&mut august, &unit.id, "registered", &actual.to_string());
        }
        let report = Report::new(&august);
        assert!(!report.totals[0].actual_entered);
        let then = LastMonth::of(&august)
            .unwrap()
            .total_figures(&report.totals[0], 0)
            .cloned();
        (report, then)
    };
    // July's 全市 above its units' sum: nothing to compare with.
    assert_eq!(august(sum + dec("950")).1, None);
    // July's 全市 the sum of its units: compared (当月 0).
    let (report, then) = august(sum);
    assert_eq!(
        this_month(&report.totals[0].figures, then.as_ref(), true),
        Some(Decimal::ZERO)
    );
}

/// Found by a tester: with the data month moved on to October past months never closed, the
/// comparison is with 1-7月 and must say so, not 比上月 (and 当月 is undefined).
#[test]
fn a_comparison_with_a_month_not_just_before_names_it() {
    use pace::engine::briefing::{Briefing, Language};
    let mut plan = august();
    plan.set_data_month(10);
    let last = LastMonth::of(&plan).unwrap();
    assert!(!last.consecutive);
    let report = Report::new(&plan);
    assert_eq!(
        this_month(
            &report.totals[0].figures,
            last.total_figures(&report.totals[0], 0),
            false
        ),
        None
    );
    let text = Briefing::compared(&plan, &report, Some(&last)).text(Language::Chinese);
    assert!(text.contains("比1-7月"), "{text}");
    assert!(!text.contains("比上月"), "{text}");
}

/// Found by a tester: after 开始下月 every card read — and nothing said why; a clerk may think
/// the figures were wiped. The page says the month awaits its figures until one is entered.
#[test]
fn a_month_just_started_awaits_its_figures() {
    let july = speech_example();
    assert_eq!(month_awaiting_figures(&july), None);
    let mut plan = close_month(&july).unwrap();
    assert_eq!(month_awaiting_figures(&plan), Some(7));
    set_actual(&mut plan, "devzone", "arrived", "0");
    assert_eq!(month_awaiting_figures(&plan), None);
}
