//! Positions of each State across documents and years, beside recorded votes.
