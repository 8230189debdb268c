//! The 讲评稿 (issue 11): the text a clerk reads out at the progress meeting, in the speech's
//! order and idiom, built from the plan's [`Report`] as data — paragraphs of sentences of
//! clauses, each clause holding its figures — and rendered to plain text in Chinese or English
//! and to simple HTML. Nothing is computed here that the engine already has: the figures are the
//! report's (SPEC §3); the renderers round them (SPEC §4) and choose 亿 or 万. A figure that is
//! undefined drops its clause, so the prose never has a blank, `—` or NaN (docs/briefing.md).
//!
//! The page calls [`Briefing::new`] with the plan and its report, then [`Briefing::text`] (for
//! copying) or [`Briefing::html`] / [`Briefing::paragraph_texts`] (for showing).

mod build;
pub mod clause;
mod en;
pub mod options;
mod zh;

pub use clause::{Amount, Carryover, Clause, Growth, Noun, TierValue, Who};
pub use options::BriefingOptions;

use super::compare::LastMonth;
use super::plan::Plan;
use super::report::Report;

/// The language of the rendered text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
}

/// How a sentence ends: `。` / `.`, or `；` / `;` when the next one continues it (the speech joins
/// one subject's metrics so: `…40.58%；注册外资实际到帐4762万美元…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Stop,
    Semicolon,
}

/// Clauses between commas, and how the sentence ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Never empty, and never only lead clauses (`Clause::is_lead`).
    pub clauses: Vec<Clause>,
    pub end: End,
}

/// What a paragraph is about, for a page that labels or picks paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The total per metric: completion and schedule gap.
    Totals,
    /// One metric's pace and what the rest of the year needs (index into `plan.metrics`).
    Pace { metric: usize },
    /// A ticked unit (index into `plan.units`).
    Unit { unit: usize },
    /// A ticked group's subtotal.
    Group { name: String },
    /// Counts with names, over all units (`None`) or one ticked group.
    Counts { group: Option<String> },
    /// The month's 文字说明, one sentence per unit (with the option `notes`).
    Notes,
}

/// One paragraph (one `<p>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    /// Never empty.
    pub sentences: Vec<Sentence>,
}

/// The whole briefing, in reading order: the totals, each metric's pace, the ticked units, the
/// ticked groups, then the counts (all units, then each ticked group).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Briefing {
    pub paragraphs: Vec<Paragraph>,
}

impl Briefing {
    /// The briefing of `plan`, from `report` (which must be `plan`'s), under the options in
    /// `plan.settings.briefing`.
    pub fn new(plan: &Plan, report: &Report) -> Briefing {
        build::briefing(plan, report, &plan.settings.briefing, None)
    }

    /// The briefing of `plan` with its 比上月 clauses against `last`, the month compared with
    /// (SPEC §8: `差距比上月缩小…`, `达到…序时进度的分别比上月少5个和2个乡镇`); without it, as `new`.
    pub fn compared(plan: &Plan, report: &Report, last: Option<&LastMonth>) -> Briefing {
        build::briefing(plan, report, &plan.settings.briefing, last)
    }

    /// The briefing of `plan` under other `options` than its own (a preview before they are
    /// saved).
    pub fn with_options(plan: &Plan, report: &Report, options: &BriefingOptions) -> Briefing {
        build::briefing(plan, report, options, None)
    }

    /// Each paragraph as plain text.
    pub fn paragraph_texts(&self, language: Language) -> Vec<String> {
        self.paragraphs
            .iter()
            .map(|p| paragraph_text(p, language))
            .collect()
    }

    /// Plain text for the clipboard: one line per paragraph.
    pub fn text(&self, language: Language) -> String {
        self.paragraph_texts(language).join("\n")
    }

    /// Simple HTML: one `<p>` per paragraph, the text escaped, one per line.
    pub fn html(&self, language: Language) -> String {
        self.paragraph_texts(language)
            .iter()
            .map(|text| format!("<p>{}</p>", escape_html(text)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One paragraph as plain text.
pub fn paragraph_text(paragraph: &Paragraph, language: Language) -> String {
    match language {
        Language::Chinese => zh::paragraph(paragraph),
        Language::English => en::paragraph(paragraph),
    }
}

/// `&`, `<`, `>`, `"` and `'` as HTML entities.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
