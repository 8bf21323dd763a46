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

use crate::error::Result;

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

impl From<crate::positions::Votes> for Votes {
    /// The ballots and votes the positions read (a file without a date,
    /// body or symbol gives empty ones).
    fn from(read: crate::positions::Votes) -> Votes {
        let ballots = read
            .votes
            .into_iter()
            .map(|v| Ballot {
                id: v.vote_id,
                date: v.date.unwrap_or_default(),
                body: v.body.unwrap_or_default(),
                symbol: v.symbol.unwrap_or_default(),
            })
            .collect();
        let cast = read
            .cast
            .into_iter()
            .flat_map(|(id, states)| {
                states.into_iter().filter_map(move |(iso3, vote)| {
                    Some(((id.clone(), iso3), vote.chars().next()?))
                })
            })
            .collect();
        Votes { ballots, cast }
    }
}

impl Votes {
    /// Reads a votes CSV ([`crate::positions::read_votes`]); errors name the
    /// file and the line.
    pub fn from_path(path: &Path) -> Result<Votes> {
        crate::positions::read_votes(path).map(Votes::from)
    }

    /// Reads a votes CSV from `reader`; `name` names it in errors.
    pub fn from_reader(reader: impl std::io::Read, name: &str) -> Result<Votes> {
        crate::positions::read_votes_from(reader, Path::new(name)).map(Votes::from)
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
            err.to_string().contains("v.csv:1: no `vote` column"),
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
