//! Control names as people write them and as OSCAL does.

/// `AC-2(7)` → `ac-2.7`; FedRAMP's zero-padded `AC-02 (07)` too; an id is returned as it is
/// (lowercased). Numbers lose their leading zeros, so `ac-02.07` is `ac-2.7`. Spaces are
/// dropped only at the ends and beside parentheses (`AC-2 1` is no `AC-21`), and parentheses
/// must pair, one level deep; a name that breaks either is returned as no id could be.
pub fn to_id(name: &str) -> String {
    let name = name.trim();
    let chars: Vec<char> = name.chars().collect();
    // The next character that is not a space, after each position (one pass from the end).
    let mut next = vec![None; chars.len()];
    let mut seen = None;
    for (i, &c) in chars.iter().enumerate().rev() {
        next[i] = seen;
        if !c.is_whitespace() {
            seen = Some(c);
        }
    }
    let mut flat = String::with_capacity(name.len());
    let mut open = false;
    let mut well_formed = true;
    let mut before = None;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let beside = |c: Option<char>| matches!(c, Some('(' | ')'));
            if beside(before) || beside(next[i]) {
                continue;
            }
            well_formed = false;
            flat.push(c);
            continue;
        }
        before = Some(c);
        match c {
            '(' if !open => {
                open = true;
                flat.push('.');
            }
            ')' if open => open = false,
            '(' | ')' => {
                well_formed = false;
                flat.push(c);
            }
            c => flat.push(c.to_ascii_lowercase()),
        }
    }
    if open || !well_formed {
        return name.to_lowercase();
    }
    let Some((family, rest)) = flat.split_once('-') else {
        return flat;
    };
    let mut id = String::with_capacity(flat.len());
    id.push_str(family);
    id.push('-');
    for (i, part) in rest.split('.').enumerate() {
        if i > 0 {
            id.push('.');
        }
        let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        let trimmed = part.trim_start_matches('0');
        id.push_str(match (digits, trimmed.is_empty()) {
            (true, true) => "0",
            (true, false) => trimmed,
            (false, _) => part,
        });
    }
    id
}

/// `ac-2.5` → `AC-02 (05)`, as FedRAMP's workbooks write it: the family in capitals, every
/// number with two digits at least, an enhancement in parentheses after a space.
pub fn fedramp_label(id: &str) -> String {
    let Some((family, rest)) = id.split_once('-') else {
        return id.to_ascii_uppercase();
    };
    let mut parts = rest.split('.');
    let base = parts.next().unwrap_or_default();
    let mut label = format!("{}-{}", family.to_ascii_uppercase(), pad(base));
    for part in parts {
        label.push_str(&format!(" ({})", pad(part)));
    }
    label
}

fn pad(number: &str) -> String {
    if number.len() < 2 && number.bytes().all(|b| b.is_ascii_digit()) {
        format!("{number:0>2}")
    } else {
        number.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nist_and_fedramp_spellings_give_the_oscal_id() {
        for (name, id) in [
            ("AC-2", "ac-2"),
            ("AC-2(7)", "ac-2.7"),
            ("ac-2 (7)", "ac-2.7"),
            ("AC-02", "ac-2"),
            ("AC-02 (05)", "ac-2.5"),
            ("ac-02.05", "ac-2.5"),
            ("SC-07 (10)", "sc-7.10"),
            ("SI-4(14)", "si-4.14"),
            ("xx-00", "xx-0"),
            ("nonsense", "nonsense"),
        ] {
            assert_eq!(to_id(name), id, "{name}");
        }
        // Spaces inside a name, and parentheses that do not pair, make no id.
        for name in ["AC-2 1", "AC-2(5", "AC-2)(5", "AC-2((5))", "AC-2(5))"] {
            let id = to_id(name);
            assert!(
                !["ac-21", "ac-2.5", "ac-2"].contains(&id.as_str()),
                "{name}: {id}"
            );
        }
    }

    #[test]
    fn fedramp_labels_round_trip() {
        for (id, label) in [
            ("ac-2", "AC-02"),
            ("ac-2.5", "AC-02 (05)"),
            ("sc-7.10", "SC-07 (10)"),
            ("pe-13", "PE-13"),
        ] {
            assert_eq!(fedramp_label(id), label);
            assert_eq!(to_id(label), id);
        }
    }
}
