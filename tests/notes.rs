//! 文字说明 (docs/notes.md): a note per unit and month, kept in the plan, written in the canonical
//! order, refused with the path of the fault.
#![cfg(not(target_arch = "wasm32"))]

use pace::engine::closed_months::{close_month, plan_at};
use pace::engine::example::speech_example;
use pace::engine::interchange::{read_plan, write_plan, Fault};
use pace::engine::plan::MAX_NOTE_CHARS;

#[test]
fn notes_are_kept_by_month_and_travel_in_the_file() {
    let mut plan = speech_example();
    plan.set_note("devzone", "  两个项目资金8月到位  ");
    plan.set_note("city", "全市进度超序时");
    // A unit the plan no longer has keeps its note; an empty text removes one.
    plan.notes.insert((3, "gone".into()), "三月的说明".into());
    plan.set_note("nobody", "");
    assert_eq!(
        plan.notes_of_month(),
        [(0, "全市进度超序时"), (1, "两个项目资金8月到位")]
    );
    let text = write_plan(&plan);
    // Months ascending; the plan's units in order; the last key.
    let notes = &text[text.find("\"notes\"").unwrap()..];
    let (gone, city, devzone) = (
        notes.find("\"gone\"").unwrap(),
        notes.find("\"city\"").unwrap(),
        notes.find("\"devzone\"").unwrap(),
    );
    assert!(gone < city && city < devzone, "{notes}");
    let back = read_plan(&text).unwrap();
    assert_eq!(back.notes, plan.notes);
    assert_eq!(write_plan(&back), text);
    // Closing the month keeps July's notes with July; August starts without.
    let next = close_month(&plan).unwrap();
    assert!(next.notes_of_month().is_empty());
    assert_eq!(plan_at(&next, 7).unwrap().notes_of_month().len(), 2);
    // Too long a note is cut when typed.
    let mut long = speech_example();
    long.set_note("devzone", &"字".repeat(MAX_NOTE_CHARS + 10));
    assert_eq!(long.notes_of_month()[0].1.chars().count(), MAX_NOTE_CHARS);
}

#[test]
fn a_plan_without_notes_writes_no_key_and_bad_notes_are_refused() {
    assert!(!write_plan(&speech_example()).contains("notes"));
    let mut plan = speech_example();
    plan.set_note("devzone", "说明");
    let text = write_plan(&plan);
    let twice = text.replacen(
        "\"notes\": [",
        "\"notes\": [\n    { \"month\": 7, \"unit\": \"devzone\", \"text\": \"又一条\" },",
        1,
    );
    let error = read_plan(&twice).unwrap_err();
    assert_eq!(
        error.fault,
        Fault::NoteTwice {
            month: 7,
            unit: "devzone".into()
        }
    );
    assert_eq!(error.path, "notes[1].unit");
    let long = text.replacen(
        "\"说明\"",
        &format!("\"{}\"", "字".repeat(MAX_NOTE_CHARS + 1)),
        1,
    );
    let error = read_plan(&long).unwrap_err();
    assert_eq!(
        error.fault,
        Fault::TextTooLong {
            most: MAX_NOTE_CHARS
        }
    );
    assert_eq!(error.path, "notes[0].text");
    let month = text.replacen(
        "\"month\": 7,\n      \"unit\"",
        "\"month\": 13,\n      \"unit\"",
        1,
    );
    assert_eq!(read_plan(&month).unwrap_err().path, "notes[0].month");
}

#[test]
fn the_briefing_reads_the_notes_out_when_asked() {
    use pace::engine::briefing::{Briefing, Language};
    use pace::engine::report::Report;
    let mut plan = speech_example();
    plan.set_note("devzone", "两个项目资金8月到位。");
    let report = Report::new(&plan);
    let without = Briefing::new(&plan, &report).text(Language::Chinese);
    assert!(!without.contains("两个项目"), "{without}");
    plan.settings.briefing.notes = true;
    let text = Briefing::new(&plan, &report).text(Language::Chinese);
    assert!(text.ends_with("\n开发区：两个项目资金8月到位。"), "{text}");
    let english = Briefing::new(&plan, &report).text(Language::English);
    assert!(
        english.ends_with("开发区: 两个项目资金8月到位."),
        "{english}"
    );
}
