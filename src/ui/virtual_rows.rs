//! Long tables render only the rows in view (plus a margin), with spacers standing in for the
//! rest, so typing stays fast at thousands of units. Short tables render every row, so that
//! printing and the browser's find see them all.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The fixed height of a body row, in CSS pixels (style/main.css sets the same).
pub const ROW_PX: f64 = 34.0;
/// Tables with at most this many rows are rendered whole.
pub const RENDER_ALL_UP_TO: usize = 50;
/// Rows rendered beyond each edge of the visible area.
const OVERSCAN: usize = 4;

/// The rows to render: `start..end`, with the heights of the spacers above and below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub above_px: f64,
    pub below_px: f64,
}

impl Window {
    /// Every one of `total` rows (for printing).
    pub fn all(total: usize) -> Window {
        Window {
            start: 0,
            end: total,
            above_px: 0.0,
            below_px: 0.0,
        }
    }
}

/// The window of `total` rows for a viewport `height` pixels tall scrolled `offset` pixels into
/// the rows.
pub fn window(total: usize, offset: f64, height: f64) -> Window {
    if total <= RENDER_ALL_UP_TO {
        return Window::all(total);
    }
    let first_visible = (offset.max(0.0) / ROW_PX).floor() as usize;
    let visible = (height.max(ROW_PX) / ROW_PX).ceil() as usize;
    let start = first_visible.saturating_sub(OVERSCAN).min(total);
    let end = (first_visible + visible + OVERSCAN).min(total);
    Window {
        start,
        end,
        above_px: start as f64 * ROW_PX,
        below_px: (total - end) as f64 * ROW_PX,
    }
}

/// The scroll position of a table's scrolling container, kept in signals by its scroll handler.
#[derive(Clone, Copy)]
pub struct Scroll {
    /// Pixels scrolled past the top of the virtual rows.
    pub offset: RwSignal<f64>,
    pub height: RwSignal<f64>,
}

impl Scroll {
    pub fn new() -> Scroll {
        Scroll {
            offset: RwSignal::new(0.0),
            // Until the first scroll event, assume a tall screen.
            height: RwSignal::new(1200.0),
        }
    }

    /// Updates from a scroll event of the container; `body_selector` finds the virtual tbody,
    /// whose distance from the container's top is subtracted.
    pub fn on_scroll(&self, ev: &web_sys::Event, body_selector: &str) {
        if let Some(container) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            self.follow(&container, body_selector);
        }
    }

    /// Reads the scroll position of `container` now. Called by the scroll handler, and at once
    /// after the page scrolls the container itself, so that the rows come into being before the
    /// next key press is handled rather than at the next scroll event.
    pub fn follow(&self, container: &web_sys::HtmlElement, body_selector: &str) {
        let body_top = container
            .query_selector(body_selector)
            .ok()
            .flatten()
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(0.0, |b| f64::from(b.offset_top()));
        // `try_set`: the table may be gone by the time a late event arrives.
        self.offset
            .try_set(f64::from(container.scroll_top()) - body_top);
        self.height.try_set(f64::from(container.client_height()));
    }

    pub fn window(&self, total: usize) -> Window {
        window(total, self.offset.get(), self.height.get())
    }
}

impl Default for Scroll {
    fn default() -> Self {
        Scroll::new()
    }
}

/// A spacer row standing in for rows not rendered.
pub fn spacer(px: f64) -> impl IntoView {
    (px > 0.0).then(|| {
        view! {
            // Whole pixels (rows are ROW_PX high), formatted as an integer: formatting an f64
            // would pull float printing (~10 kB) into the wasm.
            <tr class="spacer" aria-hidden="true" style=format!("height:{}px", px.round() as u64)>
                <td colspan="99"></td>
            </tr>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tables_render_every_row() {
        let w = window(40, 5000.0, 600.0);
        assert_eq!((w.start, w.end, w.above_px, w.below_px), (0, 40, 0.0, 0.0));
    }

    #[test]
    fn long_tables_render_the_rows_in_view_and_a_margin() {
        let w = window(5000, 0.0, 680.0);
        assert_eq!((w.start, w.end), (0, 24));
        assert_eq!(w.below_px, 4976.0 * ROW_PX);
        let w = window(5000, 100.0 * ROW_PX, 680.0);
        assert_eq!((w.start, w.end), (96, 124));
        assert_eq!(w.above_px + w.below_px, (5000 - 28) as f64 * ROW_PX);
        let w = window(5000, 1e9, 680.0);
        assert_eq!(w.end, 5000);
        assert!(w.start <= w.end);
    }
}
