//! `stancer report`.
