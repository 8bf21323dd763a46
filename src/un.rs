//! United Nations membership: the 193 Member States and the two non-member
//! observer States, by ISO 3166-1 alpha-3 code.
//!
//! Used by [`crate::tally`] to count Member States apart from observer States
//! and from codes that are neither (fictional States, territories, typos).
//!
//! ```
//! use stancer::un;
//!
//! assert!(un::is_member_state("AUT"));
//! assert!(un::is_observer_state("PSE"));
//! assert!(!un::is_member_state("PSE"));
//! assert_eq!(un::classify_code("QZT"), un::Membership::Other);
//! ```

/// The ISO 3166-1 alpha-3 codes of the 193 UN Member States, sorted.
pub const MEMBER_STATES: [&str; 193] = [
    "AFG", "AGO", "ALB", "AND", "ARE", "ARG", "ARM", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL",
    "BEN", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLR", "BLZ", "BOL", "BRA", "BRB", "BRN",
    "BTN", "BWA", "CAF", "CAN", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COL", "COM",
    "CPV", "CRI", "CUB", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY",
    "ERI", "ESP", "EST", "ETH", "FIN", "FJI", "FRA", "FSM", "GAB", "GBR", "GEO", "GHA", "GIN",
    "GMB", "GNB", "GNQ", "GRC", "GRD", "GTM", "GUY", "HND", "HRV", "HTI", "HUN", "IDN", "IND",
    "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM",
    "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU",
    "LUX", "LVA", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR",
    "MNE", "MNG", "MOZ", "MRT", "MUS", "MWI", "MYS", "NAM", "NER", "NGA", "NIC", "NLD", "NOR",
    "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PER", "PHL", "PLW", "PNG", "POL", "PRK", "PRT",
    "PRY", "QAT", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP", "SLB", "SLE", "SLV", "SMR",
    "SOM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SYC", "SYR", "TCD", "TGO",
    "THA", "TJK", "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TZA", "UGA", "UKR", "URY",
    "USA", "UZB", "VCT", "VEN", "VNM", "VUT", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
];

/// The ISO 3166-1 alpha-3 codes of the two non-member observer States
/// (State of Palestine, Holy See), sorted.
pub const OBSERVER_STATES: [&str; 2] = ["PSE", "VAT"];

/// Where a code stands in the United Nations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Membership {
    /// One of the 193 Member States.
    Member,
    /// A non-member observer State (PSE, VAT).
    Observer,
    /// Neither: a fictional State, a territory, or an unknown code.
    Other,
}

/// Whether `code` (ISO 3166-1 alpha-3, upper case) is a UN Member State.
pub fn is_member_state(code: &str) -> bool {
    MEMBER_STATES.binary_search(&code).is_ok()
}

/// Whether `code` (ISO 3166-1 alpha-3, upper case) is a non-member observer
/// State (PSE or VAT).
pub fn is_observer_state(code: &str) -> bool {
    OBSERVER_STATES.binary_search(&code).is_ok()
}

/// The membership of `code` (ISO 3166-1 alpha-3, upper case).
pub fn classify_code(code: &str) -> Membership {
    if is_member_state(code) {
        Membership::Member
    } else if is_observer_state(code) {
        Membership::Observer
    } else {
        Membership::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_unique_and_disjoint() {
        assert!(MEMBER_STATES.windows(2).all(|w| w[0] < w[1]));
        assert!(OBSERVER_STATES.windows(2).all(|w| w[0] < w[1]));
        assert!(OBSERVER_STATES.iter().all(|c| !is_member_state(c)));
        assert!(MEMBER_STATES
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn membership() {
        for c in ["USA", "CHN", "SSD", "MNE", "TLS", "AND", "KIR"] {
            assert_eq!(classify_code(c), Membership::Member, "{c}");
        }
        assert_eq!(classify_code("VAT"), Membership::Observer);
        for c in ["TWN", "XKX", "ESH", "COK", "QZT", "usa", ""] {
            assert_eq!(classify_code(c), Membership::Other, "{c}");
        }
    }
}
