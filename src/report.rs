//! The HTML report: one self-contained file with the map, the tallies and the evidence.
