//! The data month named in a plan's title (`全市利用外资 1-7月`, `7月通报`, `1—9月招商通报`): found,
//! so that the title follows the data month and the export's file name with it.

use super::format::zh_period;
use super::plan::Plan;

/// Where a title names a month: `start` and `len` are the characters holding the number;
/// `after_range` says it ends a range from 1 (the `1-` of `1-7月` is the two characters before),
/// `month_sign` that 月 follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mention {
    start: usize,
    len: usize,
    month: u32,
    after_range: bool,
    month_sign: bool,
}

/// The month a title names: a number 1–12 standing alone that follows a range from 1
/// (`1-7`, `1—9`, `1至7`) or precedes 月; the strongest such number (both at once beats one of
/// them), the last on a tie. `2026年` and `17个乡镇` name no month.
fn mention(chars: &[char]) -> Option<Mention> {
    let is_digit = |at: Option<usize>| {
        at.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let mut best: Option<(Mention, u8)> = None;
    let mut start = 0;
    while start < chars.len() {
        if !is_digit(Some(start)) {
            start = start.saturating_add(1);
            continue;
        }
        let mut end = start;
        while is_digit(Some(end)) {
            end = end.saturating_add(1);
        }
        let len = end.saturating_sub(start);
        let digits: String = chars.iter().skip(start).take(len).collect();
        if let Some(month) = digits.parse::<u32>().ok().filter(|m| (1..=12).contains(m)) {
            let month_sign = at(Some(end)) == Some('月');
            let range_sign = at(start.checked_sub(1))
                .is_some_and(|c| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到'));
            let from_one = at(start.checked_sub(2)) == Some('1') && !is_digit(start.checked_sub(3));
            let after_range = range_sign && from_one;
            let strength = u8::from(month_sign).saturating_add(u8::from(after_range));
            if strength > 0 && best.is_none_or(|(_, s)| strength >= s) {
                best = Some((
                    Mention {
                        start,
                        len,
                        month,
                        after_range,
                        month_sign,
                    },
                    strength,
                ));
            }
        }
        start = end;
    }
    best.map(|(m, _)| m)
}

/// The data month `title` names, if any (see `mention`).
pub fn title_month(title: &str) -> Option<u32> {
    let chars: Vec<char> = title.chars().collect();
    mention(&chars).map(|m| m.month)
}

/// `title` naming `month` where it named another: `全市利用外资 1-7月` → `… 1-8月`, `7月通报` →
/// `8月通报`. A title that names no month gets the period appended (`招商进度` → `招商进度 1-8月`),
/// so that plans of different months are told apart. January alone is `1月`, as the page says
/// it (`format::zh_period`): `1-7月` → `1月`, and back, `1月` → `1-2月` (the figures are the
/// year's to date; `7月通报` names one month and stays one). Without 月 (`New plan 1-7`) only
/// the number changes.
pub fn title_for_month(title: &str, month: u32) -> String {
    let chars: Vec<char> = title.chars().collect();
    match mention(&chars) {
        Some(m) => {
            let range_start = m.start.saturating_sub(2);
            let (keep, number) = if m.month_sign && m.after_range && month <= 1 {
                (range_start, "1".to_string())
            } else if m.month_sign && !m.after_range && m.month == 1 && month > 1 {
                (m.start, format!("1-{month}"))
            } else {
                (m.start, month.to_string())
            };
            let mut out: String = chars.iter().take(keep).collect();
            out.push_str(&number);
            out.extend(chars.iter().skip(m.start.saturating_add(m.len)));
            out
        }
        None => format!("{title} {}", zh_period(month)),
    }
}

impl Plan {
    /// Sets the data month m (1–12; other values change nothing). A title that named the old
    /// data month names the new one (`1-7月` → `1-8月`), so the title and the export's file
    /// name follow; a title naming another month is left for the person (see
    /// `title_out_of_step`).
    pub fn set_data_month(&mut self, month: u32) {
        if !(1..=12).contains(&month) {
            return;
        }
        if title_month(&self.title) == Some(self.month) {
            self.title = title_for_month(&self.title, month);
        }
        self.month = month;
    }

    /// The month the title names when it is not the data month: the page offers to change it.
    pub fn title_out_of_step(&self) -> Option<u32> {
        title_month(&self.title).filter(|&m| m != self.month)
    }

    /// Makes the title name the data month.
    pub fn title_to_data_month(&mut self) {
        if self.title_out_of_step().is_some() {
            self.title = title_for_month(&self.title, self.month);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::example::speech_example;

    #[test]
    fn the_month_a_title_names() {
        assert_eq!(title_month("全市利用外资 1-7月"), Some(7));
        assert_eq!(title_month("1—9月招商通报"), Some(9));
        assert_eq!(title_month("7月通报"), Some(7));
        assert_eq!(title_month("New plan 1-7"), Some(7));
        assert_eq!(title_month("2026年 1-7月 17个乡镇"), Some(7));
        assert_eq!(title_month("2026年招商"), None);
        assert_eq!(title_month("17个乡镇"), None);
        assert_eq!(title_month("1-12月"), Some(12));
        assert_eq!(title_month("招商进度"), None);
    }

    #[test]
    fn titles_follow_the_month() {
        assert_eq!(
            title_for_month("全市利用外资 1-7月", 8),
            "全市利用外资 1-8月"
        );
        assert_eq!(title_for_month("1—9月招商通报", 10), "1—10月招商通报");
        assert_eq!(title_for_month("7月通报", 8), "8月通报");
        assert_eq!(title_for_month("New plan 1-7", 8), "New plan 1-8");
        assert_eq!(
            title_for_month("2026年 1-7月 17个乡镇", 8),
            "2026年 1-8月 17个乡镇"
        );
        assert_eq!(title_for_month("招商进度", 4), "招商进度 1-4月");
        assert_eq!(title_for_month("1-10月", 9), "1-9月");
        // January alone is 1月, and a January title grows a range again.
        assert_eq!(title_for_month("全市利用外资 1-7月", 1), "全市利用外资 1月");
        assert_eq!(title_for_month("1—9月招商通报", 1), "1月招商通报");
        assert_eq!(title_for_month("全市利用外资 1月", 2), "全市利用外资 1-2月");
        assert_eq!(title_for_month("招商进度", 1), "招商进度 1月");
        assert_eq!(title_for_month("7月通报", 1), "1月通报");
        assert_eq!(title_for_month("New plan 1-7", 1), "New plan 1-1");
        assert_eq!(title_for_month("New plan 1-1", 3), "New plan 1-3");
    }

    #[test]
    fn a_title_naming_the_data_month_follows_it() {
        let mut plan = speech_example();
        plan.set_data_month(9);
        assert_eq!((plan.month, plan.title.as_str()), (9, "全市利用外资 1-9月"));
        assert_eq!(plan.title_out_of_step(), None);
        plan.set_data_month(13);
        assert_eq!(plan.month, 9);
        // A title naming another month is offered, not changed.
        plan.title = "1-6月通报".into();
        plan.set_data_month(10);
        assert_eq!(plan.title, "1-6月通报");
        assert_eq!(plan.title_out_of_step(), Some(6));
        plan.title_to_data_month();
        assert_eq!(plan.title, "1-10月通报");
        // A title naming no month is left alone.
        plan.title = "招商进度".into();
        plan.set_data_month(11);
        assert_eq!(plan.title, "招商进度");
        assert_eq!(plan.title_out_of_step(), None);
    }
}
