//! The interchange format of SPEC §6: `read` imports a document or says what is wrong and where
//! (a `Fault`, its `Place` in the plan's terms and its JSON path; the page words them), `write`
//! produces the canonical export.

mod read;
mod write;

pub use read::{
    document_version, read_plan, read_plan_any_version, Fault, Field, ImportError, Item, Named,
    Part, Place,
};
pub use write::{export_file_name, write_plan};

use super::closed_months::in_month_order;
use super::plan::Plan;
use std::rc::Rc;
use std::sync::Arc;

/// `plan` as the canonical export keeps it: without the parts that carry no data and that the
/// export therefore leaves out (empty figures, months not entered at the end of `monthly`,
/// scenario inflows with nothing set, `amountDecimals` equal to the unit's default). Import
/// returns canonical plans, and `read_plan(&write_plan(p)) == Ok(p.canonical())` for any plan
/// within the limits: whatever is accepted can always be exported.
pub fn canonical(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    if plan.settings.amount_decimals == Some(plan.unit.default_decimals()) {
        plan.settings.amount_decimals = None;
    }
    for unit in &mut plan.units {
        let needs_change = unit
            .figures
            .values()
            .any(|f| f.is_empty() || f.monthly.last().is_some_and(Option::is_none));
        if needs_change {
            let unit = Arc::make_mut(unit);
            for figure in unit.figures.values_mut() {
                while figure.monthly.last().is_some_and(Option::is_none) {
                    figure.monthly.pop();
                }
            }
            unit.figures.retain(|_, f| !f.is_empty());
        }
    }
    for scenario in &mut plan.scenarios {
        scenario.inflows.retain(|f| !f.is_empty());
    }
    plan.history = in_month_order(&plan.history).into_iter().cloned().collect();
    plan.notes
        .retain(|(month, _), text| (1..=12).contains(month) && !text.trim().is_empty());
    for closed in &mut plan.history {
        for figures in closed.units.values_mut() {
            figures.retain(|_, f| !f.is_empty());
        }
    }
    plan
}

/// The `format` value of a Pace document.
pub const FORMAT: &str = "pace-plan";
/// The largest document read (8 MB, far above any real plan): bigger ones are refused before
/// parsing, so a hostile file cannot exhaust the page's memory.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;
/// The newest version this build reads and the one it writes.
pub const VERSION: u64 = 1;

/// What starts the fragment of a share link, before the plan's compressed document (`ui::share`).
pub const SHARE_LINK_MARK: &str = "#plan=";

/// The share links' fragments in `text`, each from its `#plan=` to the end of its code, the
/// first two different ones in the order they come (two are enough to refuse: which was meant is
/// not guessed). A link is found inside a message around it (a chat's "请打开 https://…#plan=…，
/// 谢谢"): its code is base64url (`=` padding allowed), so the first other character ends it; a
/// mark with no code is a link too (opening it says the link is cut). Tabs do not make a text a
/// sheet here: chat apps copy a message with its time and a tab before it (`18:02⇥张科长：…`, a
/// tester's), and a sheet with a share link in it is no sheet to import. Linear in the text's
/// length, however many marks it holds.
pub fn share_fragments(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    for (at, _) in text.match_indices(SHARE_LINK_MARK) {
        let from_mark = text.get(at..).unwrap_or_default();
        let code = from_mark.strip_prefix(SHARE_LINK_MARK).unwrap_or_default();
        let after = code.trim_start_matches(in_share_code);
        let length = from_mark.len().saturating_sub(after.len());
        let fragment = from_mark.get(..length).unwrap_or(from_mark);
        if !found.contains(&fragment) {
            found.push(fragment);
            if found.len() == 2 {
                break;
            }
        }
    }
    found
}

/// A character of a share link's code: base64url, with `=` padding allowed.
fn in_share_code(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '=')
}

/// The most characters stuck to a link's end that are tried off (`share_link_readings`).
const MAX_STUCK_CHARACTERS: usize = 32;
/// The longest code whose end is tried without its last characters (`share_link_readings`).
const MAX_MENDED_CODE_BYTES: usize = 1024 * 1024;

/// The ways to read the one share link in `text` (`share_fragment`), each a fragment to open,
/// the link as found first; empty when `text` holds no single link. A link that does not open
/// as found may have been mangled on its way through a chat:
/// - broken over lines (a chat app wraps a long link): the code the next lines start with is
///   joined on, up to a line that goes on with words (`joined_over_lines`);
/// - with something stuck to its end (`…7DAthanks`, `…7DA2份`, or the `18` of the next chat
///   line's `18:03` joined on): its code is read without its last 1, 2, … 32 characters (not for
///   a code over 1 MB).
///
/// Only one of these can open: a longer code has bytes after the compressed plan's end, a
/// shorter one is cut short, and either is refused by the reader (`ui::share`). At most
/// 2 × 33 readings, each made when it is asked for (a hostile link's code may be megabytes).
pub fn share_link_readings(text: &str) -> impl Iterator<Item = String> + '_ {
    let found = share_fragment(text);
    let joined = found.and_then(|found| joined_over_lines(text, found));
    // Each whole reading with the shortest it is cut to: the link as found keeps a character of
    // code; the joined one keeps more than the link as found (shorter, it would be one of its
    // readings again). Shared, not copied, by the shortened readings made from them.
    let shortest = found.map_or(0, |found| found.len().saturating_add(1));
    let wholes: Vec<(Rc<str>, usize)> = found
        .map(|found| (Rc::from(found), SHARE_LINK_MARK.len().saturating_add(1)))
        .into_iter()
        .chain(joined.map(|joined| (Rc::from(joined), shortest)))
        .collect();
    let shortened = wholes.clone().into_iter().flat_map(|(whole, shortest)| {
        // The code is ASCII, so a character is a byte. A code over a megabyte is no link a
        // chat passed on (the page calls 8 kB long): each try reads all of it.
        let most = if whole.len() > MAX_MENDED_CODE_BYTES {
            0
        } else {
            MAX_STUCK_CHARACTERS.min(whole.len().saturating_sub(shortest))
        };
        (1..=most).filter_map(move |cut| {
            let kept = whole.len().saturating_sub(cut);
            whole.get(..kept).map(str::to_string)
        })
    });
    wholes
        .into_iter()
        .map(|(whole, _)| whole.to_string())
        .chain(shortened)
}

/// The share link `found` in `text` with the lines after it joined on, when it ends its line (a
/// chat app wrapped it): the code each next line starts with, up to the first line with more
/// than code (`…Xy，谢谢` gives `…Xy`); `None` when no line starts with code.
fn joined_over_lines(text: &str, found: &str) -> Option<String> {
    // The text after the link (where it first comes: every mark in `text` is this link).
    let end = text.find(found)?.saturating_add(found.len());
    // Spaces (also full-width or no-break) may come before the line break.
    let rest = text
        .get(end..)?
        .trim_start_matches(|c: char| c.is_whitespace() && !matches!(c, '\r' | '\n'));
    if !rest.starts_with(['\r', '\n']) {
        return None;
    }
    let mut continued = String::new();
    for line in rest.lines().skip(1).map(str::trim) {
        let code_end = line.find(|c: char| !in_share_code(c)).unwrap_or(line.len());
        continued.push_str(line.get(..code_end).unwrap_or_default());
        if line.is_empty() || code_end < line.len() {
            break;
        }
    }
    (!continued.is_empty()).then(|| format!("{found}{continued}"))
}

/// The share link's fragment when `text` holds exactly one link (`share_fragments`): a link
/// pasted or opened where a plan is expected opens as the address bar would open it.
pub fn share_fragment(text: &str) -> Option<&str> {
    match share_fragments(text)[..] {
        [fragment] => Some(fragment),
        _ => None,
    }
}
