//! Tests of stancer explain (to be written).
