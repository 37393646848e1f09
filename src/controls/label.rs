//! Control names as people write them and as OSCAL does.

/// `AC-2(7)` → `ac-2.7`; an id is returned as it is (lowercased).
pub fn to_id(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ')')
        .map(|c| {
            if c == '(' {
                '.'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
