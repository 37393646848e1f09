//! Control names as people write them and as OSCAL does.

/// `AC-2(7)` → `ac-2.7`; FedRAMP's zero-padded `AC-02 (07)` too; an id is returned as it is
/// (lowercased). Numbers lose their leading zeros, so `ac-02.07` is `ac-2.7`.
pub fn to_id(name: &str) -> String {
    let flat: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ')')
        .map(|c| {
            if c == '(' {
                '.'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
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
        let digits = part.bytes().all(|b| b.is_ascii_digit());
        let trimmed = part.trim_start_matches('0');
        id.push_str(if digits && part.len() > 1 && trimmed.is_empty() {
            "0"
        } else if digits && !part.is_empty() {
            trimmed
        } else {
            part
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
