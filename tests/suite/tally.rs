//! Tests of stancer tally (to be written).
