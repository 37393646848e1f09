//! The NIST SP 800-53 rev5 controls that the NIST and FedRAMP baselines select
//! (`data/controls.json`, public domain; provenance in `data/CONTROLS.md`).
//!
//! The list is compiled into the binary like the catalogue, but parsed only by the commands
//! that need it (`controls`, `control`, `export oscal`, `diff --controls`, and validation of a
//! catalogue that maps controls): `srm who` never pays for it.

use std::sync::OnceLock;

use foldhash::HashMap;
use serde::Deserialize;

/// The control list as shipped.
pub const EMBEDDED: &str = include_str!("../../data/controls.json");

/// The baselines srm knows, with the published OSCAL profile each one is.
pub const BASELINES: [(&str, &str); 8] = [
    (
        "nist-low",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_LOW-baseline_profile.json",
    ),
    (
        "nist-moderate",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json",
    ),
    (
        "nist-high",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_HIGH-baseline_profile.json",
    ),
    (
        "nist-privacy",
        "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json",
    ),
    (
        "fedramp-li-saas",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/master/dist/content/rev5/baselines/json/FedRAMP_rev5_LI-SaaS-baseline_profile.json",
    ),
    (
        "fedramp-low",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/master/dist/content/rev5/baselines/json/FedRAMP_rev5_LOW-baseline_profile.json",
    ),
    (
        "fedramp-moderate",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/master/dist/content/rev5/baselines/json/FedRAMP_rev5_MODERATE-baseline_profile.json",
    ),
    (
        "fedramp-high",
        "https://raw.githubusercontent.com/GSA/fedramp-automation/master/dist/content/rev5/baselines/json/FedRAMP_rev5_HIGH-baseline_profile.json",
    ),
];

#[derive(Debug, Deserialize)]
pub struct Family {
    pub id: String,
    pub title: String,
}

/// One control or enhancement.
#[derive(Debug, Deserialize)]
pub struct Control {
    /// The OSCAL id: `ac-2`, `ac-2.7`.
    pub id: String,
    /// As people write it: `AC-2`, `AC-2(7)`.
    pub label: String,
    pub family: String,
    pub title: String,
    /// The base control of an enhancement.
    pub parent: Option<String>,
    /// The baselines that select it.
    pub baselines: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    families: Vec<Family>,
    controls: Vec<Control>,
}

/// The control list, with lookups by id.
#[derive(Debug)]
pub struct Controls {
    pub families: Vec<Family>,
    pub controls: Vec<Control>,
    index: HashMap<String, usize>,
}

impl Controls {
    fn parse(text: &str) -> Result<Controls, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let index = file
            .controls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Ok(Controls {
            families: file.families,
            controls: file.controls,
            index,
        })
    }

    /// A control by OSCAL id (`ac-2.7`) or label (`AC-2(7)`, `ac-2 (7)`).
    pub fn find(&self, name: &str) -> Option<&Control> {
        self.index.get(&to_id(name)).map(|&i| &self.controls[i])
    }

    pub fn family_title(&self, id: &str) -> Option<&str> {
        self.families
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.title.as_str())
    }
}

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

/// The embedded control list, parsed on first use.
pub fn embedded() -> Result<&'static Controls, String> {
    static CONTROLS: OnceLock<Result<Controls, String>> = OnceLock::new();
    CONTROLS
        .get_or_init(|| Controls::parse(EMBEDDED))
        .as_ref()
        .map_err(|e| format!("the embedded control list cannot be read: {e}"))
}

/// Whether a baseline id is one srm knows.
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
    fn the_embedded_list_has_every_control_of_every_baseline() {
        let controls = embedded().unwrap();
        assert_eq!(controls.controls.len(), 463);
        let count = |b: &str| {
            controls
                .controls
                .iter()
                .filter(|c| c.baselines.iter().any(|x| x == b))
                .count()
        };
        assert_eq!(count("nist-moderate"), 287);
        assert_eq!(count("fedramp-high"), 410);
    }

    #[test]
    fn labels_and_ids_find_the_same_control() {
        let controls = embedded().unwrap();
        assert_eq!(controls.find("AC-2(7)").unwrap().id, "ac-2.7");
        assert_eq!(controls.find("ac-2.7").unwrap().label, "AC-2(7)");
        assert_eq!(controls.find(" ac-2 (7) ").unwrap().id, "ac-2.7");
        assert!(controls.find("zz-9").is_none());
    }
}
