//! The NIST SP 800-53 rev5 controls that the NIST and FedRAMP baselines select
//! (`data/controls.json`, public domain; provenance in `data/CONTROLS.md`).
//!
//! `build.rs` turns the list into static data compiled into the binary, so the control commands
//! read it without parsing anything, and `srm who` never touches it.

mod label;

pub use label::{fedramp_label, to_id};

/// A stretch of [`TEXT`], the one string every text of the list is in: records made of
/// offsets rather than pointers, which the dynamic loader would have to relocate at every
/// start of srm, whatever the command (only the few slices of the tables themselves are
/// pointers).
#[derive(Clone, Copy, Debug)]
struct Span(u32, u32);

impl Span {
    fn text(self) -> &'static str {
        TEXT.get(self.0 as usize..self.1 as usize)
            .unwrap_or_default()
    }
}

/// A family of controls.
#[derive(Debug)]
pub struct Family {
    id: Span,
    title: Span,
}

impl Family {
    pub fn id(&self) -> &'static str {
        self.id.text()
    }
    pub fn title(&self) -> &'static str {
        self.title.text()
    }
}

/// One control or enhancement.
#[derive(Debug)]
pub struct Control {
    id: Span,
    label: Span,
    family: Span,
    title: Span,
    /// Empty for a control that is no enhancement.
    parent: Span,
    /// The baselines that select it: bit `i` for `BASELINE_BITS[i]` (build.rs).
    baselines: u8,
}

impl Control {
    /// The OSCAL id: `ac-2`, `ac-2.7`.
    pub fn id(&self) -> &'static str {
        self.id.text()
    }
    /// As people write it: `AC-2`, `AC-2(7)`.
    pub fn label(&self) -> &'static str {
        self.label.text()
    }
    pub fn family(&self) -> &'static str {
        self.family.text()
    }
    pub fn title(&self) -> &'static str {
        self.title.text()
    }
    /// The base control of an enhancement.
    pub fn parent(&self) -> Option<&'static str> {
        Some(self.parent.text()).filter(|p| !p.is_empty())
    }
    /// The ids of the baselines that select it, in the order of [`Baseline::ALL`].
    pub fn baselines(&self) -> Vec<&'static str> {
        Baseline::ALL
            .into_iter()
            .filter(|&b| self.in_baseline(b))
            .map(Baseline::id)
            .collect()
    }
    /// Whether `baseline` selects it.
    pub fn in_baseline(&self, baseline: Baseline) -> bool {
        baseline.selects()(self)
    }
}

include!(concat!(env!("OUT_DIR"), "/controls.rs"));

/// The baselines srm knows: one place for each one's id, its published OSCAL profile (at the
/// commit data/controls.json was built from, data/CONTROLS.md) and the FIPS 199 level it is
/// drawn for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Baseline {
    NistLow,
    NistModerate,
    NistHigh,
    NistPrivacy,
    FedrampLiSaas,
    FedrampLow,
    FedrampModerate,
    FedrampHigh,
}

impl Baseline {
    pub const ALL: [Baseline; 8] = [
        Baseline::NistLow,
        Baseline::NistModerate,
        Baseline::NistHigh,
        Baseline::NistPrivacy,
        Baseline::FedrampLiSaas,
        Baseline::FedrampLow,
        Baseline::FedrampModerate,
        Baseline::FedrampHigh,
    ];

    /// The id the control list and the command line use: `fedramp-moderate`.
    pub fn id(self) -> &'static str {
        match self {
            Baseline::NistLow => "nist-low",
            Baseline::NistModerate => "nist-moderate",
            Baseline::NistHigh => "nist-high",
            Baseline::NistPrivacy => "nist-privacy",
            Baseline::FedrampLiSaas => "fedramp-li-saas",
            Baseline::FedrampLow => "fedramp-low",
            Baseline::FedrampModerate => "fedramp-moderate",
            Baseline::FedrampHigh => "fedramp-high",
        }
    }

    /// The published OSCAL profile the baseline is, pinned to a commit.
    pub fn profile(self) -> &'static str {
        match self {
            Baseline::NistLow => {
                "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_LOW-baseline_profile.json"
            }
            Baseline::NistModerate => {
                "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"
            }
            Baseline::NistHigh => {
                "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_HIGH-baseline_profile.json"
            }
            Baseline::NistPrivacy => {
                "https://raw.githubusercontent.com/usnistgov/oscal-content/88bb8deeaa815f8914d68ea7e31a622ebbc1719d/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json"
            }
            Baseline::FedrampLiSaas => {
                "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_LI-SaaS-baseline_profile.json"
            }
            Baseline::FedrampLow => {
                "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_LOW-baseline_profile.json"
            }
            Baseline::FedrampModerate => {
                "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_MODERATE-baseline_profile.json"
            }
            Baseline::FedrampHigh => {
                "https://raw.githubusercontent.com/GSA/fedramp-automation/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/dist/content/rev5/baselines/json/FedRAMP_rev5_HIGH-baseline_profile.json"
            }
        }
    }

    /// The FIPS 199 level the baseline is drawn for (none for the privacy baseline).
    pub fn impact_level(self) -> Option<&'static str> {
        match self {
            Baseline::NistLow => Some("fips-199-low"),
            Baseline::NistModerate => Some("fips-199-moderate"),
            Baseline::NistHigh => Some("fips-199-high"),
            Baseline::NistPrivacy => None,
            Baseline::FedrampLiSaas => Some("fips-199-low"),
            Baseline::FedrampLow => Some("fips-199-low"),
            Baseline::FedrampModerate => Some("fips-199-moderate"),
            Baseline::FedrampHigh => Some("fips-199-high"),
        }
    }

    /// The baseline of an id.
    pub fn from_id(id: &str) -> Option<Baseline> {
        Baseline::ALL.into_iter().find(|b| b.id() == id)
    }

    /// Whether the baseline selects a control, as a test that finds the baseline's bit once
    /// (the bit is looked up by id): for going through a whole list.
    pub fn selects(self) -> impl Fn(&Control) -> bool {
        let bit = self.bit();
        move |c| bit.is_some_and(|bit| c.baselines & bit != 0)
    }

    /// The bit of this baseline in a control's mask: its place in the list build.rs wrote
    /// from data/controls.json (`None` if the list does not have it, which a test rules out).
    fn bit(self) -> Option<u8> {
        BASELINE_BITS
            .iter()
            .position(|b| b.text() == self.id())
            .map(|i| 1 << i)
    }
}

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
            .binary_search_by(|&i| controls[usize::from(i)].id().cmp(id))
            .ok()
            .map(|k| &controls[usize::from(self.by_id[k])])
    }

    pub fn family_title(&self, id: &str) -> Option<&'static str> {
        self.families
            .iter()
            .find(|f| f.id() == id)
            .map(Family::title)
    }
}

/// The shipped control list: static data, so there is nothing that could fail.
pub fn embedded() -> &'static Controls {
    &SHIPPED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_has_every_control_of_every_baseline() {
        let controls = embedded();
        assert_eq!(controls.controls.len(), 463);
        let count = |b: Baseline| {
            controls
                .controls
                .iter()
                .filter(|c| c.in_baseline(b))
                .count()
        };
        assert_eq!(count(Baseline::NistModerate), 287);
        assert_eq!(count(Baseline::FedrampHigh), 410);
        let ac2 = controls.find("ac-2").unwrap();
        assert_eq!(
            (ac2.label(), ac2.family(), ac2.parent()),
            ("AC-2", "ac", None)
        );
        assert_eq!(ac2.title(), "Account Management");
        assert_eq!(controls.find("ac-2.7").unwrap().parent(), Some("ac-2"));
        assert_eq!(controls.family_title("ac"), Some("Access Control"));
        assert!(ac2.baselines().contains(&"fedramp-moderate"));
    }

    #[test]
    fn every_baseline_has_its_bit_and_every_bit_its_baseline() {
        assert_eq!(BASELINE_BITS.len(), Baseline::ALL.len());
        for b in Baseline::ALL {
            assert!(b.bit().is_some(), "{b:?}");
            assert_eq!(Baseline::from_id(b.id()), Some(b));
        }
    }

    #[test]
    fn labels_and_ids_find_the_same_control() {
        let controls = embedded();
        for c in controls.controls {
            assert_eq!(controls.find(c.id()).map(Control::id), Some(c.id()));
            assert_eq!(controls.find(c.label()).map(Control::id), Some(c.id()));
        }
        assert_eq!(controls.find("AC-2(7)").unwrap().id(), "ac-2.7");
        assert_eq!(controls.find("ac-2.7").unwrap().label(), "AC-2(7)");
        assert_eq!(controls.find(" ac-2 (7) ").unwrap().id(), "ac-2.7");
        assert!(controls.find("zz-9").is_none());
    }
}
