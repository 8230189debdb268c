//! Engine benchmark: how long a full report and a one-keystroke update take for plans of 100,
//! 1 000 and 5 000 units (native, release profile). Prints numbers; asserts nothing.
//! Run: cargo run --release --example engine_bench

use pace::engine::edit::Field;
use pace::engine::plan::Plan;
use pace::engine::report::Report;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

/// A plan like bench/plans.mjs makes: one total and `n` units in three groups.
fn plan(n: usize) -> Plan {
    let mut plan = Plan::empty(format!("bench {n}"), 2026, 7);
    let assessment = Field::Target("assessment".into());
    let stretch = Field::Target("stretch".into());
    for i in 1..=n {
        let group = if i == 1 {
            "开发区"
        } else if i % 3 == 0 {
            "乡镇"
        } else {
            "部门"
        };
        let u = plan.add_unit(&format!("单位{i}"), Some(group));
        for (metric, scale) in [("registered", 3000), ("arrived", 1500)] {
            let x = Decimal::from((i * 7919 % 1000) as i64 * scale / 1000);
            plan.set_value(u, metric, &Field::Actual, Some(x + Decimal::new(5, 1)));
            plan.set_value(u, metric, &Field::LastYear, Some(x));
            plan.set_value(u, metric, &assessment, Some(Decimal::from(scale * 12 / 10)));
            plan.set_value(u, metric, &stretch, Some(Decimal::from(scale * 16 / 10)));
        }
    }
    plan
}

fn per_run(runs: u32, mut f: impl FnMut(u32)) -> Duration {
    let start = Instant::now();
    for i in 0..runs {
        f(i);
    }
    start.elapsed() / runs
}

fn main() {
    for n in [100, 1000, 5000] {
        let mut plan = plan(n);
        let full = per_run(20, |_| {
            std::hint::black_box(Report::new(&plan));
        });
        let mut report = Report::new(&plan);
        let update = per_run(20, |i| {
            plan.set_value(2, "registered", &Field::Actual, Some(Decimal::from(i)));
            report = Report::update(&plan, Some(&report));
        });
        let clone = per_run(20, |_| {
            std::hint::black_box(plan.clone());
        });
        println!(
            "engine: {n:>5} units  full report {:>8.2} ms  one-cell update {:>7.2} ms  plan copy {:>6.3} ms",
            full.as_secs_f64() * 1e3,
            update.as_secs_f64() * 1e3,
            clone.as_secs_f64() * 1e3,
        );
    }
}
