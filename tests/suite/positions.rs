//! `stancer positions`.
