//! The owner colours: one place for every output that has them, so that a terminal table, the
//! text beside it, the HTML page and the SVG picture cannot drift apart.

use comfy_table::Color;

use crate::catalog::Derived;

/// An owner's colour on a terminal: the table cell's, and the SGR code of text outside tables.
pub(super) fn terminal(owner: Derived) -> (Color, &'static str) {
    match owner {
        Derived::Customer => (Color::Blue, "34"),
        Derived::Provider => (Color::Green, "32"),
        Derived::Shared => (Color::Yellow, "33"),
        Derived::Depends => (Color::Magenta, "35"),
        Derived::Split | Derived::Unmapped => (Color::Grey, "90"),
    }
}

/// The customer's colour in pictures; `shared` is this and [`PROVIDER`] split diagonally.
pub(super) const CUSTOMER: &str = "#2563eb";
pub(super) const PROVIDER: &str = "#16a34a";
/// `depends` is hatched in this and [`DEPENDS_LIGHT`].
pub(super) const DEPENDS: &str = "#9333ea";
pub(super) const DEPENDS_LIGHT: &str = "#c084fc";
/// `split`, and `unmapped`.
pub(super) const SPLIT: &str = "#6b7280";
/// The mark of a row the customer always retains.
pub(super) const RETAINED: &str = "#f59e0b";

/// A picture's fill for a solid owner cell: `None` for `shared` (two triangles) and `depends`
/// (the hatch pattern).
pub(super) fn solid(owner: Derived) -> Option<&'static str> {
    match owner {
        Derived::Customer => Some(CUSTOMER),
        Derived::Provider => Some(PROVIDER),
        Derived::Split | Derived::Unmapped => Some(SPLIT),
        Derived::Shared | Derived::Depends => None,
    }
}

/// The CSS background of an owner cell or swatch.
pub(super) fn css_background(owner: Derived) -> String {
    match owner {
        Derived::Shared => {
            format!("linear-gradient(135deg, {CUSTOMER} 0 50%, {PROVIDER} 50% 100%)")
        }
        Derived::Depends => {
            format!("repeating-linear-gradient(45deg, {DEPENDS} 0 6px, {DEPENDS_LIGHT} 6px 12px)")
        }
        other => solid(other).unwrap_or(SPLIT).to_string(),
    }
}
