//! Counts that account for the classifier's error (adjusted classify-and-count).
