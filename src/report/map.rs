//! The country shapes of the report's world map.
//!
//! `world.tsv` beside this file holds one line per shape, `ISO3<TAB>name<TAB>SVG
//! path`, in the Equal Earth projection: Natural Earth's 1:50m Admin 0
//! countries (public domain), from the npm package `world-atlas` 2.0.2 (ISC),
//! converted once by `tools/make_world_svg.py` (simplified; States too small
//! to see drawn as a dot). Every UN Member State and observer State has one
//! shape; a few territories without an ISO code (code `-`) are drawn as
//! background. The file is compiled into the binary: the report needs no
//! network and no data file at run time.
//!
//! ```
//! use stancer::report::map;
//! let aut = map::shapes().into_iter().find(|s| s.code == "AUT").unwrap();
//! assert_eq!(aut.name, "Austria");
//! assert!(aut.path.starts_with('M'));
//! assert!(stancer::un::MEMBER_STATES.iter().all(|c| map::name(c).is_some()));
//! ```

/// The converted shapes (see the module documentation).
const WORLD: &str = include_str!("world.tsv");

/// Where the shapes come from, for the report's footer and the README.
pub const ATTRIBUTION: &str = "Country shapes: Natural Earth 1:50m Admin 0 countries \
(public domain, naturalearthdata.com), from the npm package world-atlas 2.0.2 (ISC licence), \
simplified by tools/make_world_svg.py.";

/// One shape of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// ISO 3166-1 alpha-3 code; `-` for a territory without one.
    pub code: &'static str,
    /// The country's name.
    pub name: &'static str,
    /// SVG path data, in the coordinates of [`view_box`].
    pub path: &'static str,
}

fn lines() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    WORLD
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut parts = l.splitn(3, '\t');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
}

/// The shapes, sorted by code (territories without a code last).
pub fn shapes() -> Vec<Shape> {
    lines()
        .filter(|(code, _, _)| !code.starts_with('~'))
        .map(|(code, name, path)| Shape { code, name, path })
        .collect()
}

/// The outline of the globe (the sea), as SVG path data.
pub fn sphere() -> &'static str {
    lines()
        .find(|(code, _, _)| *code == "~SPHERE")
        .map_or("", |(_, _, path)| path)
}

/// Width and height of the map's coordinates (`viewBox="0 0 W H"`).
pub fn view_box() -> (u32, u32) {
    WORLD
        .lines()
        .find_map(|l| l.strip_prefix("# viewBox 0 0 "))
        .and_then(|wh| {
            let mut it = wh.split_whitespace().map(|n| n.parse().ok());
            Some((it.next()??, it.next()??))
        })
        .unwrap_or((2000, 900))
}

/// The name of the country with ISO3 `code`, when the map has it.
pub fn name(code: &str) -> Option<&'static str> {
    lines()
        .find(|(c, _, _)| *c == code && code != "-")
        .map(|(_, name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_un_state_has_exactly_one_shape() {
        let shapes = shapes();
        for code in crate::un::MEMBER_STATES
            .iter()
            .chain(crate::un::OBSERVER_STATES.iter())
        {
            let n = shapes.iter().filter(|s| s.code == *code).count();
            assert_eq!(n, 1, "{code}");
        }
        assert!(!sphere().is_empty());
        assert_eq!(view_box().0, 2000);
    }

    #[test]
    fn paths_hold_only_path_syntax() {
        for s in shapes() {
            assert!(
                s.path
                    .chars()
                    .all(|c| c.is_ascii_digit() || " -Mmlaz".contains(c)),
                "{}",
                s.code
            );
            assert!(
                s.code == "-"
                    || (s.code.len() == 3 && s.code.bytes().all(|b| b.is_ascii_uppercase()))
            );
        }
    }
}
