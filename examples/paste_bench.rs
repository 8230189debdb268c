//! Paste benchmark: how long reading, previewing and applying a pasted sheet of new units takes
//! (native, release profile), for 1 000 and 10 000 rows pasted into the example plan. Issue 9:
//! the cost used to grow with the cube of the rows (10 000 rows froze the page for minutes).
//! Then the preview of 10 000 and 30 000 subtotal rows (session 18: each was checked against
//! every row and unit, 10 s in the page for 30 000).
//! Prints numbers; asserts nothing. Run: cargo run --release --example paste_bench

use pace::engine::example::speech_example;
use pace::engine::paste::{analyse, apply, parse_block, PasteChoices};
use pace::engine::report::Report;
use std::time::Instant;

fn main() {
    for rows in [1_000usize, 10_000] {
        let mut text = String::from("单位\t新批注册外资完成数\t新批注册外资上年同期\r\n");
        for i in 1..=rows {
            text.push_str(&format!(
                "新单位{i}\t{}\t{}\r\n",
                i * 7 % 5000,
                i * 3 % 4000
            ));
        }
        let mut plan = speech_example();
        let start = Instant::now();
        let cells = parse_block(&text);
        let parsed = start.elapsed();
        let paste = analyse(&plan, &cells, (0, 0), &PasteChoices::default());
        let analysed = start.elapsed();
        apply(&mut plan, &paste);
        let applied = start.elapsed();
        let report = Report::new(&plan);
        let reported = start.elapsed();
        assert_eq!(report.units.len(), rows + 1);
        println!(
            "{rows:>6} new units: parse {:>7.1} ms, preview {:>7.1} ms, apply {:>7.1} ms, report {:>7.1} ms, total {:>7.1} ms",
            parsed.as_secs_f64() * 1e3,
            (analysed - parsed).as_secs_f64() * 1e3,
            (applied - analysed).as_secs_f64() * 1e3,
            (reported - applied).as_secs_f64() * 1e3,
            reported.as_secs_f64() * 1e3,
        );
    }
    for rows in [10_000usize, 30_000] {
        let mut text = String::from("单位\t新批注册外资完成数\r\n开发区\t1\r\n");
        for i in 1..=rows {
            text.push_str(&format!("片区{i}小计\t{i}\r\n"));
        }
        let plan = speech_example();
        let cells = parse_block(&text);
        let start = Instant::now();
        let paste = analyse(&plan, &cells, (0, 0), &PasteChoices::default());
        assert_eq!(paste.rows.len(), rows + 1);
        println!(
            "{rows:>6} subtotal rows: preview {:>7.1} ms",
            start.elapsed().as_secs_f64() * 1e3
        );
    }
}
