//! The NIST SP 800-53 rev5 controls that the NIST and FedRAMP baselines select
//! (`data/controls.json`, public domain; provenance in `data/CONTROLS.md`).
//!
//! `build.rs` turns the list into static data compiled into the binary, so the control commands
//! read it without parsing anything, and `srm who` never touches it.

mod label;

pub use label::{fedramp_label, to_id};

/// A family of controls.
#[derive(Debug)]
pub struct Family {
    pub id: &'static str,
    pub title: &'static str,
}

/// One control or enhancement.
#[derive(Debug)]
pub struct Control {
    /// The OSCAL id: `ac-2`, `ac-2.7`.
    pub id: &'static str,
    /// As people write it: `AC-2`, `AC-2(7)`.
    pub label: &'static str,
    pub family: &'static str,
    pub title: &'static str,
    /// The base control of an enhancement.
    pub parent: Option<&'static str>,
    /// The baselines that select it.
    pub baselines: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/controls.rs"));

/// The baselines srm knows, with the published OSCAL profile each one is, at the commit
/// data/controls.json was built from (data/CONTROLS.md).
pub const BASELINES: [(&str, &str); 8] = [
    (
        "nist-low",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_LOW-baseline_profile.json",
    ),
    (
        "nist-moderate",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json",
    ),
    (
        "nist-high",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_HIGH-baseline_profile.json",
    ),
    (
        "nist-privacy",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json",
    ),
    (
        "fedramp-li-saas",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_LI-SaaS-baseline_profile.json",
    ),
    (
        "fedramp-low",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_LOW-baseline_profile.json",
    ),
    (
        "fedramp-moderate",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_MODERATE-baseline_profile.json",
    ),
    (
        "fedramp-high",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_HIGH-baseline_profile.json",
    ),
];

/// The control list, with lookups by id.
#[derive(Debug)]
pub struct Controls {
    pub families: &'static [Family],
    pub controls: &'static [Control],
    /// The positions of `controls` in the order of their ids (written by build.rs).
    by_id: &'static [u16],
}

static SHIPPED: Controls = Controls {
    families: FAMILIES,
    controls: CONTROLS,
    by_id: BY_ID,
};

impl Controls {
    /// A control by OSCAL id (`ac-2.7`) or label (`AC-2(7)`, `ac-2 (7)`). An id in its
    /// OSCAL form, as catalogues write them, is found by binary search without allocating;
    /// any other spelling is converted to one first ([`to_id`]).
    pub fn find(&self, name: &str) -> Option<&'static Control> {
        if let Some(c) = self.by_id(name) {
            return Some(c);
        }
        let id = to_id(name);
        (id != name).then(|| self.by_id(&id)).flatten()
    }

    fn by_id(&self, id: &str) -> Option<&'static Control> {
        let controls: &'static [Control] = self.controls;
        self.by_id
            .binary_search_by(|&i| controls[usize::from(i)].id.cmp(id))
            .ok()
            .map(|k| &controls[usize::from(self.by_id[k])])
    }

    pub fn family_title(&self, id: &str) -> Option<&'static str> {
        self.families.iter().find(|f| f.id == id).map(|f| f.title)
    }
}

/// The shipped control list: static data, so there is nothing that could fail.
pub fn embedded() -> &'static Controls {
    &SHIPPED
}

/// The published profile of a baseline srm knows.
pub fn baseline_source(id: &str) -> Option<&'static str> {
    BASELINES
        .iter()
        .find(|(b, _)| *b == id)
        .map(|(_, url)| *url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_has_every_control_of_every_baseline() {
        let controls = embedded();
        assert_eq!(controls.controls.len(), 463);
        let count = |b: &str| {
            controls
                .controls
                .iter()
                .filter(|c| c.baselines.contains(&b))
                .count()
        };
        assert_eq!(count("nist-moderate"), 287);
        assert_eq!(count("fedramp-high"), 410);
    }

    #[test]
    fn labels_and_ids_find_the_same_control() {
        let controls = embedded();
        for c in controls.controls {
            assert_eq!(controls.find(c.id).map(|f| f.id), Some(c.id));
            assert_eq!(controls.find(c.label).map(|f| f.id), Some(c.id));
        }
        assert_eq!(controls.find("AC-2(7)").unwrap().id, "ac-2.7");
        assert_eq!(controls.find("ac-2.7").unwrap().label, "AC-2(7)");
        assert_eq!(controls.find(" ac-2 (7) ").unwrap().id, "ac-2.7");
        assert!(controls.find("zz-9").is_none());
    }
}
