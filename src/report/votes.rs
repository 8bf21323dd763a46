//! Recorded votes, to set beside what States say: a CSV with
//! `vote_id,date,body,symbol,iso3,vote`, one row per State and vote, `vote`
//! one of `Y` (yes), `N` (no), `A` (abstain), `X` (not voting / absent)
//! (`../shared/data/un-votes-laws/votes.csv`).
//!
//! ```
//! use stancer::report::votes::Votes;
//! let csv = "vote_id,date,body,symbol,iso3,vote\n\
//!            FC79_L77,2024-11-05,First Committee,A/C.1/79/L.77,AUT,Y\n\
//!            FC79_L77,2024-11-05,First Committee,A/C.1/79/L.77,RUS,N\n";
//! let votes = Votes::from_reader(csv.as_bytes(), "votes.csv").unwrap();
//! assert_eq!(votes.ballots.len(), 1);
//! assert_eq!(votes.vote("FC79_L77", "RUS"), Some('N'));
//! assert_eq!(votes.vote("FC79_L77", "FRA"), None);
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// One recorded vote (a roll call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// Its id (`FC79_L77`).
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where it was taken (`First Committee`).
    pub body: String,
    /// The document voted on (`A/C.1/79/L.77`).
    pub symbol: String,
}

/// Recorded votes: the ballots, by date, and each State's vote in each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes {
    /// The ballots, sorted by date, then id.
    pub ballots: Vec<Ballot>,
    /// (ballot id, ISO3) → `Y`, `N`, `A` or `X`.
    pub cast: BTreeMap<(String, String), char>,
}

/// The columns a votes file needs.
const COLUMNS: [&str; 6] = ["vote_id", "date", "body", "symbol", "iso3", "vote"];

impl Votes {
    /// Reads a votes CSV; errors name the file and the line.
    pub fn from_path(path: &Path) -> Result<Votes> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Votes::from_reader(file, &path.display().to_string())
    }

    /// Reads a votes CSV from `reader`; `name` names it in errors.
    pub fn from_reader(reader: impl std::io::Read, name: &str) -> Result<Votes> {
        let mut rdr = csv::Reader::from_reader(reader);
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(name, Some(1), e.to_string()))?
            .clone();
        let mut cols = [0usize; 6];
        for (i, c) in COLUMNS.iter().enumerate() {
            cols[i] = headers.iter().position(|h| h.trim() == *c).ok_or_else(|| {
                Error::input(
                    name,
                    Some(1),
                    format!("no `{c}` column (a votes file has {})", COLUMNS.join(",")),
                )
            })?;
        }
        let mut votes = Votes::default();
        let mut ballots: BTreeMap<String, Ballot> = BTreeMap::new();
        for rec in rdr.records() {
            let rec =
                rec.map_err(|e| Error::input(name, e.position().map(|p| p.line()), e.to_string()))?;
            let line = rec.position().map(|p| p.line());
            let get = |i: usize| rec.get(cols[i]).unwrap_or("").trim().to_string();
            let (id, iso3, vote) = (get(0), get(4).to_ascii_uppercase(), get(5));
            if id.is_empty() || iso3.is_empty() {
                return Err(Error::input(name, line, "empty `vote_id` or `iso3`"));
            }
            let v = match vote.to_ascii_uppercase().as_str() {
                "Y" => 'Y',
                "N" => 'N',
                "A" => 'A',
                "X" => 'X',
                _ => {
                    return Err(Error::input(
                        name,
                        line,
                        format!("vote `{vote}` is not one of Y, N, A, X"),
                    ))
                }
            };
            if votes.cast.insert((id.clone(), iso3.clone()), v).is_some() {
                return Err(Error::input(
                    name,
                    line,
                    format!("a second vote of `{iso3}` in `{id}`"),
                ));
            }
            ballots.entry(id.clone()).or_insert_with(|| Ballot {
                id,
                date: get(1),
                body: get(2),
                symbol: get(3),
            });
        }
        votes.ballots = ballots.into_values().collect();
        votes
            .ballots
            .sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        Ok(votes)
    }

    /// The vote of State `iso3` in ballot `id`, when recorded.
    pub fn vote(&self, id: &str, iso3: &str) -> Option<char> {
        self.cast.get(&(id.to_string(), iso3.to_string())).copied()
    }
}

/// A vote in words.
pub fn vote_name(v: char) -> &'static str {
    match v {
        'Y' => "yes",
        'N' => "no",
        'A' => "abstain",
        'X' => "not voting",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let bad = "vote_id,date,body,symbol,iso3,vote\nV,2024,B,S,AUT,maybe\n";
        let err = Votes::from_reader(bad.as_bytes(), "v.csv").unwrap_err();
        assert!(err.to_string().starts_with("v.csv:2:"), "{err}");
        let missing = "vote_id,iso3\nV,AUT\n";
        let err = Votes::from_reader(missing.as_bytes(), "v.csv").unwrap_err();
        assert!(
            err.to_string().contains("v.csv:1: no `date` column"),
            "{err}"
        );
        let twice = "vote_id,date,body,symbol,iso3,vote\nV,1,B,S,AUT,Y\nV,1,B,S,aut,N\n";
        let err = Votes::from_reader(twice.as_bytes(), "v.csv").unwrap_err();
        assert!(err.to_string().starts_with("v.csv:3:"), "{err}");
    }

    #[test]
    fn ballots_by_date() {
        let csv = "vote_id,date,body,symbol,iso3,vote\nB,2025-12-01,GA,R,AUT,y\nA,2024-11-05,FC,L,AUT,A\n";
        let v = Votes::from_reader(csv.as_bytes(), "v").unwrap();
        let ids: Vec<&str> = v.ballots.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["A", "B"]);
        assert_eq!(v.vote("B", "AUT"), Some('Y'));
    }
}
