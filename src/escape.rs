//! Escaping of statement text for every output: terminal, CSV, HTML.
