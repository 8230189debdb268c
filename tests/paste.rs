//! Real 通报 sheets pasted into a plan (issue 12): one test per kind of sheet that used to be
//! read wrong, each with the value it must give. The sheets are small, but each is the shape
//! county offices publish: titles over the headings, headings that start with digits, 当月/累计
//! under a merged metric name, total and subtotal rows named every which way, section rows.

use pace::engine::edit::Field;
use pace::engine::example::{speech_example, welcome_example};
use pace::engine::interchange::{read_plan, share_fragment, share_fragments, share_link_readings};
use pace::engine::paste::{
    analyse, analyse_sheet, apply, parse_block, pasted_text, Change, ColumnRole, Paste,
    PasteChoices, PastedText, RowTarget, Skip, UnitFit,
};
use pace::engine::plan::Plan;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A county's plan in 万元: one metric, two tiers, a total, units in three groups.
fn county() -> Plan {
    read_plan(
        r#"{
  "format": "pace-plan", "version": 1, "title": "全县招商引资", "year": 2024, "month": 5,
  "unit": "万元",
  "metrics": [{ "id": "funds", "name": "实际到位资金" }],
  "tiers": [{ "id": "assess", "name": "考核目标" }, { "id": "push", "name": "加压目标" }],
  "units": [
    { "id": "all", "name": "全县", "total": true, "figures": { "funds": { "actual": 1000 } } },
    { "id": "a", "name": "甲镇", "group": "乡镇", "figures": { "funds": { "actual": 10 } } },
    { "id": "b", "name": "乙镇", "group": "乡镇", "figures": { "funds": { "actual": 20 } } },
    { "id": "z", "name": "经开区", "group": "园区" },
    { "id": "s", "name": "商务局", "group": "部门" }
  ]
}"#,
    )
    .expect("the test plan reads")
}

fn d(text: &str) -> Option<Decimal> {
    Some(Decimal::from_str(text).expect("a decimal"))
}

fn analysed(plan: &Plan, text: &str) -> Paste {
    analyse(plan, &parse_block(text), (0, 0), &PasteChoices::default())
}

fn pasted(plan: &Plan, text: &str) -> Plan {
    let mut after = plan.clone();
    apply(&mut after, &analysed(plan, text));
    after
}

fn roles(paste: &Paste) -> Vec<ColumnRole> {
    paste.columns.iter().map(|c| c.role.clone()).collect()
}

fn actual() -> ColumnRole {
    ColumnRole::Value {
        metric: 0,
        field: Field::Actual,
    }
}

fn target(tier: &str) -> ColumnRole {
    ColumnRole::Value {
        metric: 0,
        field: Field::Target(tier.to_string()),
    }
}

fn unit(plan: &Plan, name: &str) -> usize {
    plan.units
        .iter()
        .position(|u| u.name == name)
        .expect("the unit is in the plan")
}

/// Every unit's actual, by name: what a paste must leave (and nothing else changed).
fn actuals(plan: &Plan) -> Vec<(String, Option<Decimal>)> {
    plan.units
        .iter()
        .map(|u| (u.name.clone(), u.figure("funds").and_then(|f| f.actual)))
        .collect()
}

#[test]
fn kind_1_headings_that_start_with_a_digit_are_headings() {
    let plan = county();
    let paste = analysed(&plan, "单位\t1-3月完成\r\n甲镇\t150\r\n");
    assert_eq!((paste.title_rows, paste.header_rows), (0, 1));
    assert_eq!(roles(&paste), [ColumnRole::Name, actual()]);
    assert_eq!(paste.changes.len(), 1, "{:?}", paste.changes);
    let after = pasted(&plan, "单位\t1-3月完成\r\n甲镇\t150\r\n");
    let mut expected = actuals(&plan);
    expected[1].1 = d("150");
    assert_eq!(actuals(&after), expected, "甲镇's 完成数 and nothing else");

    let more = analysed(
        &plan,
        "单位\t2023年目标任务\t1-6月份累计到位资金\r\n乙镇\t500\t260\r\n",
    );
    assert_eq!(roles(&more), [ColumnRole::Name, target("assess"), actual()]);
    let after = pasted(
        &plan,
        "单位\t2023年目标任务\t1-6月份累计到位资金\r\n乙镇\t500\t260\r\n",
    );
    let b = unit(&after, "乙镇");
    assert_eq!(after.value(b, "funds", &Field::Actual), d("260"));
    assert_eq!(
        after.value(b, "funds", &Field::Target("assess".into())),
        d("500")
    );
    assert_eq!(
        after.units.len(),
        plan.units.len(),
        "no unit renamed or added"
    );
}

#[test]
fn kind_2_title_and_unit_rows_above_the_headings_are_skipped() {
    let plan = county();
    let sheet = "招商引资完成情况表\t\t\r\n\
        2024年5月份全县招商引资统计表\t\t\r\n\
        填报单位：县商务局\t\t单位：万元\r\n\
        单位\t完成数\t年度目标\r\n\
        甲镇\t150\t400\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!((paste.title_rows, paste.header_rows), (3, 1));
    assert_eq!(paste.unit_fit, UnitFit::Same);
    assert_eq!(
        roles(&paste),
        [ColumnRole::Name, actual(), target("assess")]
    );
    let after = pasted(&plan, sheet);
    let a = unit(&after, "甲镇");
    assert_eq!(after.value(a, "funds", &Field::Actual), d("150"));
    assert_eq!(after.units.len(), plan.units.len());

    // 亿元 over a 万元 plan: converted, and the preview says so.
    let yi =
        "全县招商引资完成情况\t\r\n单位：亿元\t\r\n单位\t完成数\r\n甲镇\t1.5\r\n乙镇\t0.0326万\r\n";
    let paste = analysed(&plan, yi);
    assert!(matches!(&paste.unit_fit, UnitFit::Converted(s) if s.label == "亿元"));
    let after = pasted(&plan, yi);
    assert_eq!(after.value(1, "funds", &Field::Actual), d("15000"));
    // A cell with its own 万 keeps it.
    assert_eq!(after.value(2, "funds", &Field::Actual), d("0.0326"));

    // 元 over 万元: divided by 10 000.
    let yuan = pasted(&plan, "单位：元\t\r\n单位\t完成数\r\n甲镇\t3271200\r\n");
    assert_eq!(yuan.value(1, "funds", &Field::Actual), d("327.12"));

    // Another currency: nothing of the amounts is imported, never silently converted.
    let usd = "单位：万美元\t\r\n单位\t完成数\r\n甲镇\t150\r\n";
    let paste = analysed(&plan, usd);
    assert!(matches!(&paste.unit_fit, UnitFit::OtherCurrency(s) if s.label == "万美元"));
    assert_eq!(
        roles(&paste),
        [ColumnRole::Name, ColumnRole::Ignored(Skip::OtherCurrency)]
    );
    assert!(paste.changes.is_empty());

    // The unit in a heading's brackets counts too.
    let bracket = analysed(&plan, "单位\t完成数（亿元）\r\n甲镇\t2\r\n");
    assert!(matches!(&bracket.unit_fit, UnitFit::Converted(s) if s.power == 2));
}

#[test]
fn kind_3_month_and_year_to_date_under_a_merged_metric_name() {
    let plan = county();
    let sheet = "2024年1-5月招商引资完成情况\t\t\t\t\t\r\n\
        单位\t实际到位资金\t\t\t\t年度目标\r\n\
        \t当月\t累计\t为预算的%\t增幅%\t\r\n\
        甲镇\t30\t150\t37.5%\t12.0\t400\r\n\
        乙镇\t10\t80\t20%\t-3\t400\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!((paste.title_rows, paste.header_rows), (1, 2));
    assert_eq!(
        roles(&paste),
        [
            ColumnRole::Name,
            ColumnRole::Ignored(Skip::Monthly),
            actual(),
            ColumnRole::Ignored(Skip::Derived),
            ColumnRole::Ignored(Skip::Derived),
            target("assess"),
        ]
    );
    assert!(paste.problems.is_empty(), "{:?}", paste.problems);
    let after = pasted(&plan, sheet);
    assert_eq!(after.value(1, "funds", &Field::Actual), d("150"));
    assert_eq!(after.value(2, "funds", &Field::Actual), d("80"));
    assert_eq!(after.units.len(), plan.units.len());

    // The same in the speech's two-metric plan: 累计 under each metric's merged name.
    let speech = speech_example();
    let two = "单位\t新批注册外资\t\t注册外资实际到帐\t\r\n\
        \t本月\t累计\t当月\t累计\r\n\
        开发区\t500\t15000\t100\t5000\r\n";
    let after = pasted(&speech, two);
    assert_eq!(after.value(1, "registered", &Field::Actual), d("15000"));
    assert_eq!(after.value(1, "arrived", &Field::Actual), d("5000"));
}

#[test]
fn kind_4_two_columns_for_one_field_wait_for_a_choice() {
    let plan = county();
    // 当月完成 is the month's, 累计完成 the year to date: no clash.
    let month = analysed(&plan, "单位\t当月完成\t累计完成\r\n甲镇\t30\t150\r\n");
    assert_eq!(
        roles(&month),
        [
            ColumnRole::Name,
            ColumnRole::Ignored(Skip::Monthly),
            actual()
        ]
    );
    assert!(!month.needs_choice());

    // Two columns that both say 完成数: neither is imported until the person chooses.
    let sheet = "单位\t完成数\t实际到位\r\n甲镇\t150\t160\r\n";
    let blocked = analysed(&plan, sheet);
    assert_eq!(
        roles(&blocked),
        [
            ColumnRole::Name,
            ColumnRole::Ignored(Skip::Ambiguous),
            ColumnRole::Ignored(Skip::Ambiguous)
        ]
    );
    assert!(blocked.needs_choice());
    assert!(blocked.changes.is_empty(), "nothing of either column");
    assert!(
        !blocked.changes_nothing(),
        "a choice waits: not 'nothing to import'"
    );

    let mut choices = PasteChoices::default();
    choices.choose(&blocked, 2, actual());
    let chosen = analyse(&plan, &parse_block(sheet), (0, 0), &choices);
    assert_eq!(
        roles(&chosen),
        [
            ColumnRole::Name,
            ColumnRole::Ignored(Skip::NotUsed),
            actual()
        ]
    );
    assert!(!chosen.needs_choice());
    let mut after = plan.clone();
    apply(&mut after, &chosen);
    assert_eq!(after.value(1, "funds", &Field::Actual), d("160"));
}

#[test]
fn kind_5_every_name_of_the_whole_goes_to_the_total() {
    let plan = county();
    for name in [
        "全县合计",
        "全区总计",
        "总　计",
        "总 计",
        "合计（全市）",
        "合计(全县)",
        "合计",
        "全县",
    ] {
        // The sheet names every unit the plan sums into its whole: its 合计 is the whole's.
        let sheet = format!(
            "单位\t完成数\r\n{name}\t2000\r\n甲镇\t150\r\n乙镇\t20\r\n经开区\t\r\n商务局\t\r\n"
        );
        let paste = analysed(&plan, &sheet);
        assert_eq!(paste.rows[0].target, RowTarget::Unit(0), "{name}");
        assert_eq!(paste.new_units(), 0, "{name}");
        let after = pasted(&plan, &sheet);
        assert_eq!(after.units.len(), plan.units.len(), "{name}");
        assert_eq!(after.value(0, "funds", &Field::Actual), d("2000"), "{name}");
    }
    // A plan without a total row: the row is a sum Pace makes, never a unit.
    let mut no_total = plan.clone();
    no_total.units.remove(0);
    let paste = analysed(&no_total, "单位\t完成数\r\n全县合计\t2000\r\n甲镇\t150\r\n");
    assert_eq!(paste.rows[0].target, RowTarget::Subtotal { group: None });
    assert_eq!(paste.new_units(), 0);
}

#[test]
fn kind_6_subtotal_and_section_rows_are_not_units() {
    let plan = county();
    let sheet = "单位\t完成数\r\n\
        一、乡镇\t\r\n\
        甲镇\t100\r\n\
        乙镇\t50\r\n\
        丙镇\t25\r\n\
        乡镇\t175\r\n\
        区 级\t999\r\n\
        县 级\t999\r\n\
        二、园区\t\r\n\
        经开区\t300\r\n\
        （三）部门\t\r\n\
        商务局\t20\r\n\
        部门合计\t25\r\n";
    let paste = analysed(&plan, sheet);
    let targets: Vec<(&str, &RowTarget)> = paste
        .rows
        .iter()
        .map(|r| (r.name.as_str(), &r.target))
        .collect();
    let sub = |g: &str| RowTarget::Subtotal {
        group: Some(g.to_string()),
    };
    assert_eq!(
        targets,
        [
            ("一、乡镇", &RowTarget::Section("乡镇".into())),
            ("甲镇", &RowTarget::Unit(1)),
            ("乙镇", &RowTarget::Unit(2)),
            ("丙镇", &RowTarget::NewUnit("丙镇".into())),
            ("乡镇", &sub("乡镇")),
            ("区 级", &sub("区级")),
            ("县 级", &sub("县级")),
            ("二、园区", &RowTarget::Section("园区".into())),
            ("经开区", &RowTarget::Unit(3)),
            ("（三）部门", &RowTarget::Section("部门".into())),
            ("商务局", &RowTarget::Unit(4)),
            ("部门合计", &sub("部门")),
        ]
    );
    assert_eq!(paste.new_units(), 1, "only 丙镇 is new");
    // 乡镇 175 = 100 + 50 + 25 (丙镇 joins 乡镇 by its section); 部门合计 25 ≠ 20; 区级 and 县级
    // have no units to check against.
    let mismatches: Vec<(usize, &str, Option<Decimal>, Option<Decimal>)> = paste
        .mismatches
        .iter()
        .map(|m| (m.line, m.name.as_str(), Some(m.pasted), Some(m.summed)))
        .collect();
    assert_eq!(mismatches, [(13, "部门合计", d("25"), d("20"))]);

    let mut after = plan.clone();
    apply(&mut after, &paste);
    assert_eq!(after.units.len(), plan.units.len() + 1);
    let c = unit(&after, "丙镇");
    assert_eq!(after.units[c].group.as_deref(), Some("乡镇"));
    assert_eq!(after.value(c, "funds", &Field::Actual), d("25"));

    // A section row gives its group to the units under it that have none; a unit's group in the
    // plan stays (a tester's 经济开发区 moved from 园区 to 开发区, the heading of the unit's own
    // sheet, which also dropped the 讲评稿's paragraph ticked for 园区).
    let sheet = "单位\t完成数\r\n一、园区\t\r\n甲镇\t100\r\n";
    let kept = pasted(&plan, sheet);
    assert_eq!(kept.units[1].group.as_deref(), Some("乡镇"));
    assert_eq!(kept.value(1, "funds", &Field::Actual), d("100"));
    assert!(analysed(&plan, sheet)
        .changes
        .iter()
        .all(|c| !matches!(c.change, Change::Group { .. })));
    // Its figures are not checked against a group the units under it did not join: 甲镇 stays
    // in 乡镇, so 园区's 999 compares with nothing (经开区 alone would say 300).
    let with_figures = "单位\t完成数\r\n一、园区\t999\r\n甲镇\t100\r\n";
    assert_eq!(analysed(&plan, with_figures).mismatches, []);
    let mut ungrouped = plan.clone();
    ungrouped.set_group(1, "");
    assert_eq!(
        pasted(&ungrouped, sheet).units[1].group.as_deref(),
        Some("园区")
    );
    // The total is never put in a group.
    let total = pasted(&plan, "单位\t完成数\r\n一、乡镇\t\r\n全县合计\t100\r\n");
    assert_eq!(total.units[0].group, None);
}

#[test]
fn kind_7_the_usual_words_for_the_actual_and_the_targets() {
    let plan = county();
    for heading in [
        "到位资金",
        "实际到位",
        "完成额",
        "累计完成",
        "完成投资",
        "到帐",
        "到账",
        "1-5月累计到位",
    ] {
        let paste = analysed(&plan, &format!("单位\t{heading}\r\n甲镇\t150\r\n"));
        assert_eq!(roles(&paste), [ColumnRole::Name, actual()], "{heading}");
    }
    for heading in ["目标任务", "年度目标", "任务数", "计划", "全年目标任务"] {
        let paste = analysed(&plan, &format!("单位\t{heading}\r\n甲镇\t150\r\n"));
        assert_eq!(
            roles(&paste),
            [ColumnRole::Name, target("assess")],
            "{heading}"
        );
    }
    let paste = analysed(&plan, "单位\t加压目标任务\r\n甲镇\t150\r\n");
    assert_eq!(roles(&paste), [ColumnRole::Name, target("push")]);

    // In a plan with several metrics, 到位资金 is the one arrival metric's.
    let speech = speech_example();
    let two = analysed(
        &speech,
        "单位\t到位资金\t目标任务\r\n开发区\t5000\t12000\r\n",
    );
    assert_eq!(
        roles(&two),
        [
            ColumnRole::Name,
            ColumnRole::Value {
                metric: 1,
                field: Field::Actual
            },
            ColumnRole::Ignored(Skip::UnknownMetric)
        ]
    );
}

/// Everything at once, as the e2e test pastes it: a title, a 单位 row, two header rows with
/// 当月/累计, a 全县合计 row, sections and a subtotal.
#[test]
fn a_whole_county_sheet() {
    let plan = county();
    let sheet = "全县招商引资完成情况通报表\t\t\t\t\r\n\
        \t\t\t\t单位：万元\r\n\
        序号\t单位\t实际到位资金\t\t\r\n\
        \t\t当月\t累计\t为预算的%\r\n\
        \t全县合计\t200\t1200\t\r\n\
        一、乡镇\t\t\t\t\r\n\
        1\t甲镇\t20\t110\t27.5%\r\n\
        2\t乙镇\t10\t40\t10%\r\n\
        \t乡镇小计\t30\t150\t\r\n\
        二、部门\t\t\t\t\r\n\
        3\t商务局\t5\t15\t\r\n\
        注：当月为5月份数据\t\t\t\t\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!((paste.title_rows, paste.header_rows), (2, 2));
    assert_eq!(paste.new_units(), 0);
    assert!(paste.mismatches.is_empty(), "{:?}", paste.mismatches);
    assert_eq!(paste.rows.last().map(|r| &r.target), Some(&RowTarget::Note));
    let after = pasted(&plan, sheet);
    let got: Vec<Option<Decimal>> = actuals(&after).into_iter().map(|(_, v)| v).collect();
    assert_eq!(got, [d("1200"), d("110"), d("40"), None, d("15")]);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Cells from the words real sheets hold, numbers of every size and plain noise.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "",
                "单位",
                "序号",
                "完成数",
                "当月",
                "累计",
                "为预算的%",
                "全县合计",
                "合计（全市）",
                "一、乡镇",
                "（三）部门",
                "乡镇",
                "区 级",
                "部门合计",
                "小计",
                "甲镇",
                "单位：亿元",
                "单位：万美元",
                "单位：元",
                "注：说明",
                "1-3月完成",
                "年度目标",
                "—",
                "1e30",
                "99999999999999999999999亿",
                "-0.0000000001",
                "１２,３４５.６",
                "（",
                "一、",
            ])
            .prop_map(String::from),
            "[0-9.,万亿-]{0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn any_block_is_analysed_and_applied(
            cells in prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..10),
            anchor in (0usize..8, 0usize..30),
            zero in prop::collection::vec(any::<bool>(), 0..6),
            choose in (0usize..6, 0usize..12),
        ) {
            let plan = county();
            let mut choices = PasteChoices { blank_as_zero: zero, ..PasteChoices::default() };
            let first = analyse(&plan, &cells, anchor, &choices);
            let roles = pace::engine::paste::grid_columns(&plan);
            if let Some(role) = roles.get(choose.1) {
                choices.choose(&first, choose.0, role.clone());
            }
            let paste = analyse(&plan, &cells, anchor, &choices);
            let mut after = plan.clone();
            apply(&mut after, &paste);
            prop_assert!(after.units.len() >= plan.units.len());
        }
    }
}

/// Kind 8: the page's own 复制表格 pasted back changes nothing — amounts travel at full precision
/// (327.12, not the screen's 327), and the computed columns (完成率, 后n个月每月需 …), the total
/// and the subtotal rows are recognised as what they are.
#[test]
fn kind_8_the_pages_own_copy_pastes_back_unchanged() {
    use pace::engine::columns::{metric_columns, ResultColumn};
    use pace::engine::example::welcome_example;
    use pace::engine::report::Report;
    use pace::engine::sheet::{results_sheet, to_tsv, SheetLayout, SheetWords};
    use pace::engine::table::{shown_rows, Direction, RankBasis, SortKey};

    let mut plan = welcome_example();
    let unit = 3;
    plan.set_value(unit, "registered", &Field::Actual, d("327.12"));
    // With a closed month, the copy has 当月 and 比上月 columns too (August with July's figures).
    let units = plan.units.clone();
    let mut plan = pace::engine::closed_months::close_month(&plan).unwrap();
    plan.units = units;
    let last = pace::engine::compare::LastMonth::of(&plan).unwrap();
    let report = Report::new(&plan);
    let shown = shown_rows(&plan, &report, None, SortKey::Plan, Direction::Ascending);
    let tier = |t: usize| plan.tiers[t].name.clone();
    // The page's Chinese headings (ui/results_table.rs `column_label`, without the wrap space).
    let labels = metric_columns(&plan, true, true)
        .into_iter()
        .map(|c| match c {
            ResultColumn::Actual => "完成数".to_string(),
            ResultColumn::Completion(t) => format!("{}完成率", tier(t)),
            ResultColumn::Gap(t) => format!("比序时{}", tier(t)),
            ResultColumn::Need(t) => format!("后4个月每月需{}", tier(t)),
            ResultColumn::YearOnYear => "同比".into(),
            ResultColumn::Share => "占全市".into(),
            ResultColumn::Rank => "位次".into(),
            ResultColumn::ThisMonth => "当月".into(),
            ResultColumn::CompletionChange(t) => format!("比上月{}", tier(t)),
        })
        .collect();
    let words = SheetWords {
        labels,
        seq: "序号".into(),
        unit: "单位".into(),
        total: "全市".into(),
        subtotal: "小计".into(),
        done: "已完成".into(),
    };
    let layout = SheetLayout {
        shown: &shown,
        basis: RankBasis::Completion(0),
        group: None,
        need: true,
        last_month: Some(&last),
    };
    let copied = to_tsv(&results_sheet(&plan, &report, &layout, &words));
    assert!(copied.contains("比上月考核目标"), "{copied}");
    assert!(
        copied.contains("\t327.12\t"),
        "the amount at full precision"
    );
    let paste = analysed(&plan, &copied);
    assert_eq!(paste.header_rows, 2);
    assert_eq!(paste.new_units(), 0);
    assert!(!paste.needs_choice());
    assert!(paste.problems.is_empty(), "{:?}", paste.problems);
    assert!(paste.mismatches.is_empty(), "{:?}", paste.mismatches);
    assert_eq!(paste.changes, [], "pasting the copy back changes nothing");
    let actual_columns = paste.columns.iter().filter(|c| {
        matches!(
            c.role,
            ColumnRole::Value {
                field: Field::Actual,
                ..
            }
        )
    });
    assert_eq!(
        actual_columns.count(),
        2,
        "one 完成数 per metric, nothing else"
    );
}

#[test]
fn a_heading_that_adds_only_the_period_to_the_metric_is_its_actual() {
    let speech = speech_example();
    for heading in [
        "1-7月新批注册外资",
        "2026年1—7月份新批注册外资",
        "截至7月新批注册外资",
    ] {
        let paste = analysed(&speech, &format!("单位\t{heading}\r\n开发区\t15000\r\n"));
        assert_eq!(roles(&paste), [ColumnRole::Name, actual()], "{heading}");
    }
}

/// A stray cell far to the right (XFD1 in Excel) made a preview of 16,384 columns, which the
/// page could not draw: the sheet is refused as too wide, and nothing can be applied. Empty
/// columns at the right do not count.
#[test]
fn a_sheet_wider_than_the_limit_is_refused() {
    let plan = speech_example();
    let mut header = vec!["单位".to_string(), "新批注册外资完成数".to_string()];
    header.extend(std::iter::repeat_n(String::new(), 16_381));
    header.push("备注".into());
    let row = vec!["开发区".to_string(), "15000".to_string()];
    let paste = analyse(
        &plan,
        &[header.clone(), row.clone()],
        (0, 0),
        &PasteChoices::default(),
    );
    assert_eq!(paste.too_wide, Some(16_384));
    assert!(paste.needs_choice() && paste.changes.is_empty() && paste.columns.is_empty());
    // Without the stray cell, the empty columns are no width at all.
    header.pop();
    let paste = analyse(&plan, &[header, row], (0, 0), &PasteChoices::default());
    assert_eq!(paste.too_wide, None);
    assert_eq!(paste.changes.len(), 1);
    assert_eq!(paste.columns.len(), 2, "the empty columns are not columns");
}

/// The county with towns named as towns are: 城东镇, 城西镇.
fn towns() -> Plan {
    let mut plan = county();
    std::sync::Arc::make_mut(&mut plan.units[1]).name = "城东镇".into();
    std::sync::Arc::make_mut(&mut plan.units[2]).name = "城西镇".into();
    plan
}

/// A unit's own sheet writes its name as it likes: 城东 for 城东镇, 县商务局 for 商务局. These
/// became new units, and the figures went to them instead of the unit (a tester's 城东).
#[test]
fn a_name_written_with_or_without_its_place_words_finds_its_unit() {
    let mut plan = towns();
    plan.add_unit("城西街道", None);
    plan.add_unit("市场监管局", None);
    plan.add_unit("东乡镇", None);
    let sheet = "单位\t完成数\r\n城东\t150\r\n城西街道办事处\t250\r\n县商务局\t40\r\n\
                 县市场监管局\t7\r\n东乡\t8\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!(paste.new_units(), 0);
    let found: Vec<_> = paste
        .rows
        .iter()
        .map(|r| (r.target.clone(), r.by_other_form))
        .collect();
    assert_eq!(
        found,
        [
            (RowTarget::Unit(unit(&plan, "城东镇")), true),
            (RowTarget::Unit(unit(&plan, "城西街道")), true),
            (RowTarget::Unit(unit(&plan, "商务局")), true),
            (RowTarget::Unit(unit(&plan, "市场监管局")), true),
            (RowTarget::Unit(unit(&plan, "东乡镇")), true),
        ]
    );
    assert_eq!(
        paste.other_form_matches(&plan),
        [
            ("城东", "城东镇"),
            ("城西街道办事处", "城西街道"),
            ("县商务局", "商务局"),
            ("县市场监管局", "市场监管局"),
            ("东乡", "东乡镇"),
        ]
    );
    let after = pasted(&plan, sheet);
    assert_eq!(after.units.len(), plan.units.len());
    assert_eq!(
        after.value(unit(&plan, "城东镇"), "funds", &Field::Actual),
        d("150")
    );
    assert_eq!(
        after.value(unit(&plan, "商务局"), "funds", &Field::Actual),
        d("40")
    );
    assert_eq!(after.units[1].name, "城东镇", "the unit keeps its name");
    // Numbered or qualified as sheets do.
    let paste = analysed(
        &plan,
        "单位\t完成数\r\n1.城东镇\t1\r\n（2）东乡\t2\r\n其中：商务局\t3\r\n城西街道人民政府\t4\r\n",
    );
    let found: Vec<_> = paste.rows.iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        found,
        ["城东镇", "东乡镇", "商务局", "城西街道"].map(|name| RowTarget::Unit(unit(&plan, name)))
    );
    // A name found as it is is not flagged.
    let paste = analysed(&plan, "单位\t完成数\r\n城东镇\t150\r\n");
    assert!(!paste.rows[0].by_other_form);
}

/// Word and WPS number list items with one character: ⑴ ⑵ (parenthesised), ⒈ ⒉ (with a
/// stop), and sections with ㈠ ㈡. ⑵东乡 became a new unit named ⑵东乡 (a tester).
#[test]
fn one_character_item_numbers_are_not_part_of_the_name() {
    let mut plan = towns();
    plan.add_unit("东乡镇", None);
    let sheet = "单位\t完成数\r\n㈠乡镇\t\r\n⑴城东镇\t1\r\n⑵东乡\t2\r\n㈡部门\t\r\n⒈商务局\t3\r\n";
    let paste = analysed(&plan, sheet);
    let found: Vec<_> = paste.rows.iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        found,
        [
            RowTarget::Section("乡镇".into()),
            RowTarget::Unit(unit(&plan, "城东镇")),
            RowTarget::Unit(unit(&plan, "东乡镇")),
            RowTarget::Section("部门".into()),
            RowTarget::Unit(unit(&plan, "商务局")),
        ]
    );
    assert_eq!(paste.new_units(), 0);
}

/// A row of figures whose name cell is blank is said to have no name; it was worded as beyond the
/// grid (超出表格), which it is not (a tester).
#[test]
fn a_row_without_a_name_says_so() {
    let plan = towns();
    let paste = analysed(&plan, "单位\t完成数\r\n城东镇\t1\r\n\t2\r\n");
    assert_eq!(paste.rows[1].target, RowTarget::Unnamed);
    assert_eq!(paste.new_units(), 0);
    // Pasted at the grid's name column below its last unit: a blank name is no new unit either.
    let rows = parse_block("新单位\t5\r\n\t6\r\n");
    let paste = analyse(
        &plan,
        &rows,
        (plan.units.len(), 0),
        &PasteChoices::default(),
    );
    let targets: Vec<_> = paste.rows.iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [RowTarget::NewUnit("新单位".into()), RowTarget::Unnamed]
    );
}

/// A paragraph pasted into the name column became a unit named with all of it, which flooded
/// the 通报表 and the data-health line (a tester's 2 100 characters).
#[test]
fn a_name_longer_than_any_unit_adds_no_unit() {
    use pace::engine::plan::MAX_NAME_CHARS;
    let plan = towns();
    let long = "很".repeat(MAX_NAME_CHARS + 1);
    let longest = "长".repeat(MAX_NAME_CHARS);
    let sheet = format!("单位\t完成数\r\n{long}\t5\r\n{longest}\t6\r\n城东镇\t7\r\n");
    let paste = analysed(&plan, &sheet);
    let targets: Vec<_> = paste.rows.iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            RowTarget::TooLongName,
            RowTarget::NewUnit(longest.clone()),
            RowTarget::Unit(unit(&plan, "城东镇")),
        ]
    );
    assert_eq!(paste.new_units(), 1);
    let after = pasted(&plan, &sheet);
    assert_eq!(after.units.len(), plan.units.len() + 1);
    assert!(after.units.iter().all(|u| u.name != long));
    // A unit of the plan with a long name (from a plan file) is still found by it.
    let mut named = plan.clone();
    named.add_unit(&long, None);
    let paste = analysed(&named, &sheet);
    assert_eq!(paste.rows[0].target, RowTarget::Unit(unit(&named, &long)));
}

/// A tester pasted a town sheet ending in `合计` into the city's plan: the towns' total replaced
/// the city's figures (全市 28500 → 3160), every unit's share of the city went wrong, and the
/// preview listed the change last, out of sight. A bare 合计 under rows that leave out some of
/// the units the plan sums into its whole is the sheet's own total: checked against the sheet's
/// rows, not imported; named as the whole's (全县合计) it still goes to the whole.
#[test]
fn a_partial_sheets_total_is_its_own_not_the_wholes() {
    let plan = county();
    for name in ["合计", "总 计", "（合计）", "共计"] {
        let sheet = format!("单位\t完成数\r\n甲镇\t150\r\n乙镇\t25\r\n{name}\t175\r\n");
        let paste = analysed(&plan, &sheet);
        assert_eq!(
            paste.rows[2].target,
            RowTarget::SheetTotal {
                whole: "全县".into()
            },
            "{name}"
        );
        assert!(
            paste.mismatches.is_empty(),
            "{name}: {:?}",
            paste.mismatches
        );
        assert_eq!(paste.whole_changes(&plan), 0, "{name}");
        let after = pasted(&plan, &sheet);
        assert_eq!(after.value(0, "funds", &Field::Actual), d("1000"), "{name}");
        assert_eq!(after.value(1, "funds", &Field::Actual), d("150"), "{name}");
    }
    // Its figures are checked against the sheet's rows (a new town included), not the plan's.
    let paste = analysed(
        &plan,
        "单位\t完成数\r\n甲镇\t150\r\n丙镇\t5\r\n合计\t175\r\n",
    );
    assert_eq!(paste.mismatches.len(), 1);
    assert_eq!(paste.mismatches[0].pasted, Decimal::from(175));
    assert_eq!(paste.mismatches[0].summed, Decimal::from(155));
    // Named as the whole's, it is the whole's, listed before the towns' changes.
    for name in ["全县合计", "全县", "合计（全县）"] {
        let sheet = format!("单位\t完成数\r\n甲镇\t150\r\n乙镇\t25\r\n{name}\t2000\r\n");
        let paste = analysed(&plan, &sheet);
        assert_eq!(paste.rows[2].target, RowTarget::Unit(0), "{name}");
        assert_eq!(paste.whole_changes(&plan), 1, "{name}");
        let first = paste.changes_whole_first(&plan)[0];
        assert_eq!(paste.rows[first.row].target, RowTarget::Unit(0), "{name}");
        assert_eq!(
            pasted(&plan, &sheet).value(0, "funds", &Field::Actual),
            d("2000")
        );
    }
    // A unit inside another (not summed into the whole) need not be on the sheet.
    let mut inside = plan.clone();
    std::sync::Arc::make_mut(&mut inside.units[4]).in_total = false;
    let sheet = "单位\t完成数\r\n甲镇\t150\r\n乙镇\t25\r\n经开区\t3\r\n合计\t178\r\n";
    assert_eq!(analysed(&inside, sheet).rows[3].target, RowTarget::Unit(0));
    assert_eq!(analysed(&plan, sheet).whole_changes(&plan), 0);
    // A plan without a total unit: the partial sheet's 合计 is checked against its rows too.
    let mut no_total = plan.clone();
    no_total.units.remove(0);
    let paste = analysed(&no_total, "单位\t完成数\r\n甲镇\t150\r\n合计\t150\r\n");
    assert!(matches!(paste.rows[1].target, RowTarget::SheetTotal { .. }));
    assert!(paste.mismatches.is_empty(), "{:?}", paste.mismatches);
}

/// Footer lines of a unit's sheet became units (a tester's 数据截至2026年7月31日 and
/// 填报单位（盖章））, and a 合计 merged across 序号 and 单位, which Excel copies into the first
/// cell, was skipped as a row without a name: the whole's figures were lost.
#[test]
fn footers_are_notes_and_a_total_in_the_number_column_is_the_total() {
    let plan = welcome_example();
    let paste = analysed(
        &plan,
        "单位\t新批注册外资\r\n开发区\t14202\r\n数据截至2026年7月31日\t\r\n填报单位（盖章）\t\r\n",
    );
    assert_eq!(paste.new_units(), 0);
    assert_eq!(paste.rows[1].target, RowTarget::Note);
    assert_eq!(paste.rows[2].target, RowTarget::Note);
    let paste = analysed(
        &plan,
        "序号\t单位\t新批注册外资\r\n全市合计\t\t30000\r\n1\t开发区\t14202\r\n",
    );
    let total = plan
        .units
        .iter()
        .position(|u| u.total)
        .unwrap_or(usize::MAX);
    assert_eq!(paste.rows[0].target, RowTarget::Unit(total));
    assert!(paste.changes.iter().any(|c| c.row == 0));
    // New units are named for the preview, each once.
    let paste = analysed(
        &plan,
        "单位\t新批注册外资\r\n甲镇\t1\r\n乙镇\t\r\n甲镇\t2\r\n",
    );
    assert_eq!(paste.new_unit_names(), ["甲镇", "乙镇"]);
    assert_eq!(paste.new_units(), 2);
}

#[test]
fn a_name_that_could_be_another_unit_or_says_another_place_is_not_guessed() {
    // 城东 could be 城东镇 or 城东街道.
    let mut plan = towns();
    plan.add_unit("城东街道", None);
    let paste = analysed(&plan, "单位\t完成数\r\n城东\t150\r\n");
    assert_eq!(paste.rows[0].target, RowTarget::NewUnit("城东".into()));
    // … and the preview can say which units it could be (it was silent, a tester).
    assert_eq!(
        paste.ambiguous_names(&plan),
        [("城东", vec!["城东镇", "城东街道"])]
    );
    assert!(analysed(&plan, "单位\t完成数\r\n城西\t1\r\n")
        .ambiguous_names(&plan)
        .is_empty());
    // A 街道 is not a 镇, a 县's bureau not a 市's: a new unit, as the clerk meant.
    let mut plan = towns();
    std::sync::Arc::make_mut(&mut plan.units[4]).name = "市商务局".into();
    let paste = analysed(
        &plan,
        "单位\t完成数\r\n城东街道\t5\r\n县商务局\t6\r\n城西乡\t7\r\n",
    );
    assert_eq!(paste.new_units(), 3);
    // The sheet names 城西镇 as it is: its other row 城西 is not also 城西镇, nor are two rows
    // that both write it otherwise (one would overwrite the other's figures).
    let plan = towns();
    let paste = analysed(&plan, "单位\t完成数\r\n城西镇\t20\r\n城西\t5\r\n");
    assert_eq!(paste.rows[0].target, RowTarget::Unit(unit(&plan, "城西镇")));
    assert_eq!(paste.rows[1].target, RowTarget::NewUnit("城西".into()));
    // … and the preview can say why 城西 is new (it was silent: a tester's 西塘 beside 西塘镇).
    assert_eq!(paste.contested_forms(&plan), [("城西", "城西镇")]);
    assert_eq!(paste.rows[1].instead_of, Some(unit(&plan, "城西镇")));
    let paste = analysed(&plan, "单位\t完成数\r\n城西\t20\r\n 城 西 \t5\r\n");
    assert_eq!(paste.rows[1].target, RowTarget::NewUnit("城 西".into()));
    assert_eq!(paste.new_units(), 1, "one name, one new unit");
    // Less than two characters left is no name: 甲 is not 甲镇.
    let plan = county();
    let paste = analysed(&plan, "单位\t完成数\r\n甲\t5\r\n");
    assert_eq!(paste.rows[0].target, RowTarget::NewUnit("甲".into()));
}

/// A bare 小计 under 一、园区 is 园区's: it was checked against the whole city, and listed as a
/// total the plan had no row for (a tester's sheet of the example's own figures).
#[test]
fn a_bare_subtotal_is_its_sections() {
    let plan = welcome_example();
    let sheet = |parks: &str| {
        format!(
            "单位\t新批注册外资\r\n全市合计\t26023\r\n一、园区\r\n开发区\t14202\r\n高新区\t4300\r\n\
             小计\t{parks}\r\n二、部门\r\n市招商局\t308\r\n市财政局\t663\r\n市工商局\t520\r\n小计\t1491\r\n"
        )
    };
    let paste = analysed(&plan, &sheet("18502"));
    assert_eq!(paste.mismatches, []);
    assert_eq!(
        paste.rows[4].target,
        RowTarget::Subtotal {
            group: Some("园区".into())
        }
    );
    let paste = analysed(&plan, &sheet("18000"));
    let wrong: Vec<_> = paste
        .mismatches
        .iter()
        .map(|m| (m.line, m.pasted, m.summed))
        .collect();
    assert_eq!(wrong, [(6, Decimal::from(18000), Decimal::from(18502))]);
    // Outside any section a bare 小计 says no group: not checked, never against the whole.
    let paste = analysed(&plan, "单位\t新批注册外资\r\n开发区\t14202\r\n小计\t1\r\n");
    assert_eq!(paste.mismatches, []);
}

/// A heading that states its amount unit in brackets (新批注册外资（万美元）) is the metric's
/// actual: it was left out as 未识别的列, and nothing was imported.
#[test]
fn a_heading_with_its_amount_unit_in_brackets_is_read() {
    let plan = speech_example();
    for heading in [
        "新批注册外资（万美元）",
        "新批注册外资(万美元)",
        "1-7月新批注册外资（万美元）",
    ] {
        let paste = analysed(&plan, &format!("单位\t{heading}\r\n开发区\t15000\r\n"));
        assert_eq!(roles(&paste), [ColumnRole::Name, actual()], "{heading}");
    }
    let sheet = "单位\t新批注册外资（亿美元）\r\n开发区\t1.5\r\n";
    assert_eq!(roles(&analysed(&plan, sheet)), [ColumnRole::Name, actual()]);
    let after = pasted(&plan, sheet);
    assert_eq!(
        after.value(unit(&plan, "开发区"), "registered", &Field::Actual),
        d("15000")
    );
}

/// Two rows of one unit: the last one's figures were imported with no word of the first
/// (a tester's 西塘镇 twice). The preview lists them.
#[test]
fn rows_that_go_to_one_unit_are_listed() {
    let plan = towns();
    let sheet = "单位\t完成数\r\n城东镇\t1\r\n城西镇\t2\r\n城东镇\t3\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!(
        paste.repeated_units(&plan),
        [("城东镇".to_string(), vec![2, 4])]
    );
    let after = pasted(&plan, sheet);
    assert_eq!(
        after.value(unit(&plan, "城东镇"), "funds", &Field::Actual),
        d("3")
    );
    assert_eq!(
        analysed(&plan, "单位\t完成数\r\n城东镇\t1\r\n").repeated_units(&plan),
        []
    );
    // A new name twice is one new unit, with the last row's figures; it was two of one name.
    let sheet = "单位\t完成数\r\n县招商局\t1\r\n县招商局\t2\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!(paste.new_units(), 1);
    assert_eq!(
        paste.repeated_units(&plan),
        [("县招商局".to_string(), vec![2, 3])]
    );
    let after = pasted(&plan, sheet);
    assert_eq!(after.units.len(), plan.units.len() + 1);
    assert_eq!(
        after.value(unit(&after, "县招商局"), "funds", &Field::Actual),
        d("2")
    );
    // In the order of their first rows (a tester: sorted by name, 镇10 came before 镇2, and
    // the 200 listed were not the first 200).
    let sheet =
        "单位\t完成数\r\n乙局\t1\r\n城西镇\t2\r\n甲局\t3\r\n乙局\t4\r\n城西镇\t5\r\n甲局\t6\r\n";
    let names: Vec<String> = analysed(&plan, sheet)
        .repeated_units(&plan)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names, ["乙局", "城西镇", "甲局"]);
}

/// Two rows of one unit where the last leaves the unit's figure as it is: the first row's
/// figure was applied (the last row made no change to overwrite it), while the preview said the
/// last row's figures are imported, and the first row's change was counted and listed.
#[test]
fn the_last_of_two_rows_of_one_unit_is_what_is_imported_even_unchanged() {
    let plan = pasted(&towns(), "单位\t完成数\r\n城东镇\t3\r\n");
    let sheet = "单位\t完成数\r\n城东镇\t1\r\n城西镇\t2\r\n城东镇\t3\r\n";
    let paste = analysed(&plan, sheet);
    assert_eq!(
        paste.repeated_units(&plan),
        [("城东镇".to_string(), vec![2, 4])]
    );
    let east = unit(&plan, "城东镇");
    assert!(
        paste
            .changes
            .iter()
            .all(|c| paste.rows[c.row].target != RowTarget::Unit(east)),
        "no change for 城东镇: its last row says what it has, {:?}",
        paste.changes
    );
    let after = pasted(&plan, sheet);
    assert_eq!(after.value(east, "funds", &Field::Actual), d("3"));
    // An empty cell in the last row is what is imported too: the figure is cleared.
    let sheet = "单位\t完成数\r\n城东镇\t1\r\n城东镇\t\r\n";
    let after = pasted(&plan, sheet);
    assert_eq!(after.value(east, "funds", &Field::Actual), None);
    assert_eq!(analysed(&plan, sheet).changes.len(), 1);
}

/// Brackets alone (`（）`) were read as a name of the whole: the total's figure was overwritten
/// with no word in the preview (a tester's hostile paste).
#[test]
fn brackets_alone_are_not_the_total() {
    let plan = county();
    for name in ["（）", "()", "(", "【】", "（ ）"] {
        let paste = analysed(&plan, &format!("单位\t完成数\r\n{name}\t9\r\n"));
        assert_ne!(paste.rows[0].target, RowTarget::Unit(0), "{name}");
    }
}

/// Pasted into a closed month being edited, where only figures are written back: the preview
/// promised a new unit and a group change that then vanished (a tester's 新单位甲).
#[test]
fn a_closed_month_takes_figures_only() {
    let plan = towns();
    let sheet = "单位\t完成数\t分组\r\n城东镇\t17\t园区\r\n新单位甲\t5\t部门\r\n";
    let choices = PasteChoices {
        figures_only: true,
        ..PasteChoices::default()
    };
    let paste = analyse(&plan, &parse_block(sheet), (0, 0), &choices);
    assert_eq!(paste.new_units(), 0);
    assert_eq!(
        paste.rows[1].target,
        RowTarget::NewInClosedMonth("新单位甲".into())
    );
    let changes: Vec<_> = paste.changes.iter().map(|c| c.change.clone()).collect();
    assert_eq!(
        changes,
        [Change::Value {
            metric: 0,
            field: Field::Actual,
            before: d("10"),
            after: d("17"),
        }]
    );
    // The group column says it is not imported, and why (it was read and dropped silently).
    assert_eq!(
        paste.columns[2].role,
        ColumnRole::Ignored(Skip::GroupsInClosedMonth)
    );
    // In the current month the same sheet adds the unit and sets the groups.
    let paste = analysed(&plan, sheet);
    assert_eq!(paste.columns[2].role, ColumnRole::Group);
    assert_eq!(paste.new_units(), 1);
    assert!(paste
        .changes
        .iter()
        .any(|c| matches!(c.change, Change::Group { .. })));
}

/// Two units of one name (两个西区, in different groups): the sheet's rows of that name go to
/// them in order. Each went to the first, the second overwriting the first's figures (a tester).
#[test]
fn rows_of_a_name_two_units_share_go_to_them_in_order() {
    let mut plan = county();
    let first = plan.add_unit("西区", Some("乡镇"));
    let second = plan.add_unit("西区", Some("部门"));
    let paste = analysed(&plan, "单位\t完成数\r\n西区\t11\r\n西区\t22\r\n");
    assert_eq!(
        paste
            .rows
            .iter()
            .map(|r| r.target.clone())
            .collect::<Vec<_>>(),
        [RowTarget::Unit(first), RowTarget::Unit(second)]
    );
    let after = pasted(&plan, "单位\t完成数\r\n西区\t11\r\n西区\t22\r\n");
    let actual = |i: usize| after.units[i].figure("funds").and_then(|f| f.actual);
    assert_eq!((actual(first), actual(second)), (d("11"), d("22")));
    // A third row of the name has no unit of its own: it stays with the first.
    let paste = analysed(&plan, "单位\t完成数\r\n西区\t1\r\n西区\t2\r\n西区\t3\r\n");
    assert_eq!(paste.rows[2].target, RowTarget::Unit(first));
}

/// Rows placed by position (pasted into the grid without headings) stay where they were
/// pasted, also on the second of two units of one name (a review: they were spread in order
/// too, and went to the first).
#[test]
fn rows_pasted_by_position_onto_a_shared_name_stay_there() {
    let mut plan = county();
    plan.add_unit("西区", Some("乡镇"));
    let second = plan.add_unit("西区", Some("部门"));
    let paste = analyse(
        &plan,
        &parse_block("西区\r\n"),
        (second, 0),
        &PasteChoices::default(),
    );
    assert_eq!(paste.rows[0].target, RowTarget::Unit(second));
}

/// A whole sheet (a file, 粘贴导入) has no grid cell to start from: without headings it reads
/// nothing. Read from the grid's top left, a tester's CSV of names and figures renamed the total
/// 开发区 and made 15000 its group.
#[test]
fn a_whole_sheet_without_headings_reads_nothing() {
    let plan = towns();
    let cells = parse_block("城东镇\t15000\r\n城西镇\t4400\r\n");
    let sheet = analyse_sheet(&plan, &cells, &PasteChoices::default());
    assert!(sheet.no_headings && sheet.needs_choice());
    assert!(sheet.changes.is_empty() && sheet.rows.is_empty());
    // Pasted at a grid cell, the same block is read from there.
    assert!(!analyse(&plan, &cells, (0, 0), &PasteChoices::default())
        .changes
        .is_empty());
    // With headings a whole sheet reads as a block does.
    let cells = parse_block("单位\t完成数\r\n城东镇\t15000\r\n");
    let sheet = analyse_sheet(&plan, &cells, &PasteChoices::default());
    assert!(!sheet.no_headings);
    assert_eq!(
        sheet,
        analyse(&plan, &cells, (0, 0), &PasteChoices::default())
    );
}

#[test]
fn pasted_text_is_a_plan_only_from_its_brace() {
    // A tester pasted one word, and only spaces, into 粘贴导入 and was told of JSON errors; and
    // a sheet whose first cell was [单位].
    for blank in ["", "   ", "\n\t \r\n", "\u{feff} ", "\u{3000}"] {
        assert_eq!(pasted_text(blank), PastedText::Blank, "{blank:?}");
    }
    for sheet in [
        "开发区",
        " 开发区 ",
        "单位\t完成数\n开发区\t15000",
        "15000",
        "[单位]\t完成数\n开发区\t1",
        "[1]",
    ] {
        assert_eq!(pasted_text(sheet), PastedText::Sheet, "{sheet:?}");
    }
    for document in ["{\"format\": 1}", "\u{feff}\n  {"] {
        assert_eq!(pasted_text(document), PastedText::Document, "{document:?}");
    }
    for link in ["https://intranet/tools/pace/#plan=abc", " #plan=abc\n"] {
        assert_eq!(pasted_text(link), PastedText::Link, "{link:?}");
    }
    assert_eq!(
        share_fragment("https://intranet/pace/#plan=a_b-c"),
        Some("#plan=a_b-c")
    );
}

#[test]
fn a_share_link_is_found_in_the_message_around_it() {
    // A tester pasted a chat message with the link in it and was told the table had no
    // headings; links are forwarded with words around them.
    for (message, fragment) in [
        ("见 https://x.cn/pace/#plan=abc 的表", "#plan=abc"),
        (
            "请打开https://x.cn/pace/#plan=a_b-c==，谢谢！",
            "#plan=a_b-c==",
        ),
        (
            "7月进度：\nhttps://x.cn/pace/#plan=Zz9\n请各单位核对",
            "#plan=Zz9",
        ),
        // The same link twice is one link.
        ("#plan=abc 即 #plan=abc", "#plan=abc"),
        // A link with no code opens to say it is cut, as the address bar does (a tester: it was
        // read as a sheet).
        ("http://x.cn/pace/#plan=", "#plan="),
        ("#plan=<script>", "#plan="),
    ] {
        assert_eq!(pasted_text(message), PastedText::Link, "{message:?}");
        assert_eq!(share_fragment(message), Some(fragment), "{message:?}");
    }
    // Chat lines copied with their times before a tab (a tester's) are a message, not a sheet;
    // so is a sheet with a link in a cell (it is nothing to import).
    for tabbed in [
        "18:02\t张科长：7月进度 https://x.cn/pace/#plan=abc",
        "18:01\t王科员：好的\n18:02\t张科长：https://x.cn/pace/#plan=abc\n谢谢",
        "单位\t链接\n开发区\thttps://x.cn/pace/#plan=abc",
    ] {
        assert_eq!(pasted_text(tabbed), PastedText::Link, "{tabbed:?}");
        assert_eq!(share_fragment(tabbed), Some("#plan=abc"), "{tabbed:?}");
    }
    // Two different links: which one was meant is not guessed.
    let two = "七月 https://x.cn/pace/#plan=abc\n八月 https://x.cn/pace/#plan=abd";
    assert_eq!(pasted_text(two), PastedText::SeveralLinks);
    assert_eq!(share_fragment(two), None);
    assert_eq!(share_fragments(two), ["#plan=abc", "#plan=abd"]);
    // Many marks take time in proportion to the text: the first two different ones settle it.
    // (A tester's 80 000 marks froze the page for 30 s; these would take hours that way.)
    let many: String = (0..200_000).map(|n| format!("#plan=a{n} ")).collect();
    assert_eq!(share_fragments(&many), ["#plan=a0", "#plan=a1"]);
    assert_eq!(
        share_fragments(&"#plan=abc ".repeat(200_000)),
        ["#plan=abc"]
    );
}

/// Every reading of the link in `text`.
fn readings(text: &str) -> Vec<String> {
    share_link_readings(text).collect()
}

#[test]
fn a_link_mangled_by_a_chat_is_read_the_ways_it_may_have_been_meant() {
    // As found first; then, a link broken over lines (a chat app wraps long links: a tester's
    // closed the panel and lost the text), joined with the lines of code after it; then without
    // the Latin letters stuck to its end (`…7DAthanks`), one, two, … of them.
    let broken = "7月进度：https://x.cn/pace/#plan=Zz9-\r\nab_C\n  dE\n谢谢";
    let wrapped = readings(broken);
    assert_eq!(wrapped[..2], ["#plan=Zz9-", "#plan=Zz9-ab_CdE"]);
    // Then each cut short by 1, 2, … characters: the link as found down to one character of
    // code, the joined one down to one more than the link as found.
    assert_eq!(wrapped[2..5], ["#plan=Zz9", "#plan=Zz", "#plan=Z"]);
    assert_eq!(wrapped[5], "#plan=Zz9-ab_Cd");
    assert_eq!(wrapped.last().map(String::as_str), Some("#plan=Zz9-a"));
    assert_eq!(wrapped.len(), 5 + 5);
    // The next chat line's time joined on (`18:03`): the reading without it is among them.
    let next_line = readings("#plan=Zz9-\nab_C\n18:03 王科员：收到");
    assert_eq!(next_line[1], "#plan=Zz9-ab_C18");
    assert!(
        next_line.contains(&"#plan=Zz9-ab_C".to_string()),
        "{next_line:?}"
    );
    let stuck = readings("请看 #plan=x7DAthanks");
    assert_eq!(stuck[0], "#plan=x7DAthanks");
    assert!(stuck.contains(&"#plan=x7DA".to_string()), "{stuck:?}");
    // What is left is never empty code, and at most 32 letters come off.
    assert_eq!(readings("#plan=ab"), ["#plan=ab", "#plan=a"]);
    let long = format!("#plan=0{}", "a".repeat(100));
    assert_eq!(readings(&long).len(), 33);
    // A code over a megabyte (a hostile one) is read as found only: each reading reads it all.
    let huge = format!("#plan={}", "A".repeat(1024 * 1024 + 1));
    assert_eq!(readings(&huge), std::slice::from_ref(&huge));
    // A line after the link that starts with no code is not joined on; one that starts with
    // code and goes on with words gives its code, and ends the link (a tester's `…，谢谢`).
    assert_eq!(readings("#plan=09\n请 核对"), ["#plan=09", "#plan=0"]);
    assert_eq!(
        readings("#plan=09\u{3000}\n12，谢谢\n34"),
        ["#plan=09", "#plan=0912", "#plan=0", "#plan=091"]
    );
    assert_eq!(
        readings("#plan=09\n12\n34 ok\n56"),
        [
            "#plan=09",
            "#plan=091234",
            "#plan=0",
            "#plan=09123",
            "#plan=0912",
            "#plan=091"
        ]
    );
    // No link, or two: nothing to read.
    assert!(readings("单位\t完成数").is_empty());
    assert!(readings("#plan=ab #plan=cd").is_empty());
}

#[test]
fn a_paste_of_the_plans_own_figures_changes_nothing() {
    // A tester pasted the figures already entered and was offered an empty table to confirm.
    let plan = county();
    let same = analysed(&plan, "单位\t完成数\n甲镇\t10\n乙镇\t20\n");
    assert!(same.changes_nothing(), "{:?}", same.changes);
    let other = analysed(&plan, "单位\t完成数\n甲镇\t10\n乙镇\t21\n");
    assert!(!other.changes_nothing());
    // A new unit is a change, even with no figure.
    let added = analysed(&plan, "单位\t完成数\n甲镇\t10\n丙镇\t\n");
    assert!(!added.changes_nothing(), "{:?}", added.rows);
}

/// A .json file holding JSON that is no plan is read as a plan (and told it is not one); a table
/// saved under .json is a table.
#[test]
fn json_that_is_no_plan_is_told_from_a_table() {
    use pace::engine::paste::json_without_a_plan;
    for json in [
        "null",
        " [] ",
        "\u{feff}[1, 2]",
        "\"文本\"",
        "12",
        "true",
        &"[".repeat(5000),
    ] {
        assert!(json_without_a_plan(json), "{json}");
    }
    for table in [
        "单位\t完成数\r\n开发区\t15000\r\n",
        "单位,完成数\n开发区,1",
        "[单位]\t完成数",
    ] {
        assert!(!json_without_a_plan(table), "{table}");
    }
}

/// Found by a retest: a sheet listing one of the plan's towns under 二、乡镇 had its 小计 1730
/// compared with every town of the plan (6030). A subtotal on a sheet may sum the group's units
/// the sheet lists, or all of the group's (a published sheet naming its larger towns only).
#[test]
fn a_partial_sheets_subtotal_is_checked_against_its_own_rows() {
    let plan = county();
    let sheet =
        |subtotal: u32| format!("单位\t完成数\r\n一、乡镇\t\r\n甲镇\t150\r\n小计\t{subtotal}\r\n");
    // 甲镇 alone, or all the group's towns (甲镇 150 + 乙镇 20): right.
    for right in [150, 170] {
        let paste = analysed(&plan, &sheet(right));
        assert!(
            paste.mismatches.is_empty(),
            "{right}: {:?}",
            paste.mismatches
        );
    }
    // Neither: said, against all the group's towns.
    let paste = analysed(&plan, &sheet(160));
    assert_eq!(paste.mismatches.len(), 1);
    assert_eq!(paste.mismatches[0].summed, Decimal::from(170));
}
