//! Tests of stancer kwic (to be written).
