//! Tests of stancer evaluate (to be written).
