//! Spotify's field filter (`fields=`) for playlists: which members of the body to send back.
//!
//! The syntax, from the spec's description of `get-playlist` and `get-playlists-items`:
//!
//! - a comma-separated list of members: `description,uri`;
//! - a dot goes into an object (or into each element of a list): `added_by.id`;
//! - parentheses select several members inside one: `items(added_at,added_by.id)`, nested as
//!   deep as needed: `items(added_by.id,item(name,album(name,href)))`;
//! - `!` leaves members out instead: `album(!name,href)` keeps every member of the album but
//!   `name` and `href`. One list either keeps or leaves out; a `!` anywhere in it makes it a list
//!   of members to leave out.
//!
//! A filtered body still decodes into the operation's model: the models give every member the
//! body leaves out its default (`""`, `0`, `None`, an empty list), by their one rule
//! ([`model`](crate::model)).

use std::fmt;
use std::str::FromStr;

use crate::error::{ArgumentProblem, Error, Result};

/// A field filter: which members of a playlist (or a page of its items) Spotify sends back.
///
/// Parse Spotify's syntax, or build one from parts; either way it is checked before anything is
/// sent ([`Error::InvalidArgument`] for `fields` otherwise).
///
/// ```
/// use spotify_web_api::Fields;
///
/// // Spotify's syntax, as in its documentation.
/// let parsed: Fields = "items(added_by.id,item(name))".parse()?;
/// // The same filter, built from parts.
/// let built = Fields::new().nested(
///     "items",
///     Fields::new().field("added_by.id").nested("item", Fields::new().field("name")),
/// );
/// assert_eq!(parsed, built);
/// assert_eq!(built.to_string(), "items(added_by.id,item(name))");
///
/// // Everything but two members.
/// assert_eq!(Fields::excluding(["images", "followers"]).to_string(), "!images,!followers");
/// assert!("items(name".parse::<Fields>().is_err());
/// # Ok::<(), spotify_web_api::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields {
    group: Group,
}

/// One parenthesised list (or the whole filter): members to keep, or to leave out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Group {
    exclude: bool,
    /// Written after a dot (`added_by.id`) rather than in parentheses; a dotted group of one
    /// member renders back as a dot.
    dotted: bool,
    /// Each member, with what to keep inside it (`None`: all of it).
    members: Vec<(String, Option<Group>)>,
}

impl Fields {
    /// An empty filter, to which [`Fields::field`] and [`Fields::nested`] add members to keep.
    /// Sent empty, it is left out of the request (Spotify then sends every member).
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Parses Spotify's syntax, e.g. `items(added_at,added_by.id)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming `fields` and the position of the first problem: an
    /// unbalanced parenthesis, an empty member name, a character other than letters, digits and
    /// `_` in a name, or a `!` before anything but a plain name.
    pub fn parse(text: &str) -> Result<Fields> {
        let mut parser = Parser {
            bytes: text.as_bytes(),
            at: 0,
        };
        let group = parser.group(0)?;
        if parser.at < parser.bytes.len() {
            return Err(parser.error("`,` or the end"));
        }
        Ok(Fields { group })
    }

    /// Keeps a member: a name, or a dotted path into nested objects (`added_by.id`).
    pub fn field(mut self, path: &str) -> Fields {
        let mut names = path.split('.').rev();
        let leaf = names.next().unwrap_or_default();
        let nested = names.fold(None::<Group>, |inner, name| {
            let inner = inner.unwrap_or_else(|| Group {
                exclude: false,
                dotted: true,
                members: vec![(leaf.to_owned(), None)],
            });
            Some(Group {
                exclude: false,
                dotted: true,
                members: vec![(name.to_owned(), Some(inner))],
            })
        });
        match nested {
            None => self.group.add(leaf.to_owned(), None),
            Some(mut outer) => {
                let (name, inner) = outer.members.remove(0);
                self.group.add(name, inner);
            }
        }
        self
    }

    /// Keeps some members of a member: `nested("items", Fields::new().field("added_at"))` is
    /// `items(added_at)`.
    pub fn nested(mut self, name: &str, fields: Fields) -> Fields {
        self.group.add(name.to_owned(), Some(fields.group));
        self
    }

    /// Every member but these: `!images,!followers`.
    pub fn excluding<I>(names: I) -> Fields
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Fields {
            group: Group {
                exclude: true,
                dotted: false,
                members: names.into_iter().map(|n| (n.into(), None)).collect(),
            },
        }
    }

    /// Whether the filter names no member (then it is not sent).
    pub fn is_empty(&self) -> bool {
        self.group.members.is_empty()
    }

    /// For a page: when the filter lists members to keep, the paging members are kept too, so
    /// `next` can be followed and `total` read.
    pub(crate) fn with_paging(mut self) -> Fields {
        if !self.group.exclude && !self.is_empty() {
            for name in ["href", "limit", "next", "offset", "previous", "total"] {
                if !self.group.members.iter().any(|(n, _)| n == name) {
                    self.group.members.push((name.to_owned(), None));
                }
            }
        }
        self
    }
}

impl Group {
    /// Adds a member, merging with one of the same name (`a(b),a(c)` is `a(b,c)`; a member
    /// kept whole stays whole).
    fn add(&mut self, name: String, inner: Option<Group>) {
        match self.members.iter_mut().find(|(n, _)| *n == name) {
            None => self.members.push((name, inner)),
            Some((_, existing)) => match (existing.as_mut(), inner) {
                (Some(existing), Some(inner)) if existing.exclude == inner.exclude => {
                    for (name, inner) in inner.members {
                        existing.add(name, inner);
                    }
                }
                // Whole beats part; a keep list and a leave-out list of one member: the later.
                (Some(_), None) => *existing = None,
                (Some(existing), Some(inner)) => *existing = inner,
                (None, _) => {}
            },
        }
    }
}

impl fmt::Display for Fields {
    /// Spotify's syntax, as written: a dotted path stays dotted (`added_by.id`) unless merged
    /// with another path into the same member, which puts them in parentheses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.group.fmt(f)
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, inner)) in self.members.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            if self.exclude {
                f.write_str("!")?;
            }
            f.write_str(name)?;
            match inner {
                None => {}
                Some(inner) if inner.dotted && !inner.exclude && inner.members.len() == 1 => {
                    write!(f, ".{inner}")?;
                }
                Some(inner) => write!(f, "({inner})")?,
            }
        }
        Ok(())
    }
}

impl FromStr for Fields {
    type Err = Error;

    fn from_str(s: &str) -> Result<Fields> {
        Fields::parse(s)
    }
}

/// Anything a `.fields(..)` setter accepts: a [`Fields`] or Spotify's syntax as a string. A
/// syntax error waits in the builder until the request is awaited.
pub trait IntoFields {
    /// Parses (or checks) the filter.
    fn into_fields(self) -> Result<Fields>;
}

impl IntoFields for Fields {
    /// A filter built from parts is checked by reading back what it renders.
    fn into_fields(self) -> Result<Fields> {
        if self.is_empty() {
            return Ok(self);
        }
        let checked = Fields::parse(&self.to_string())?;
        if checked == self {
            Ok(self)
        } else {
            // A name held a `.`, `,`, `(` or `!` that the syntax reads otherwise.
            Err(Error::InvalidArgument {
                name: "fields",
                problem: ArgumentProblem::Malformed {
                    position: 0,
                    expected: "member names of letters, digits and `_`",
                },
            })
        }
    }
}

impl IntoFields for &str {
    fn into_fields(self) -> Result<Fields> {
        Fields::parse(self)
    }
}

impl IntoFields for String {
    fn into_fields(self) -> Result<Fields> {
        Fields::parse(&self)
    }
}

impl IntoFields for &String {
    fn into_fields(self) -> Result<Fields> {
        Fields::parse(self)
    }
}

/// A recursive-descent reader of the syntax.
struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Deeper than this is not a filter but an attack on the stack.
const MAX_DEPTH: usize = 32;

impl Parser<'_> {
    fn error(&self, expected: &'static str) -> Error {
        Error::InvalidArgument {
            name: "fields",
            problem: ArgumentProblem::Malformed {
                position: self.at,
                expected,
            },
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// `entry (',' entry)*`, up to a `)` or the end.
    fn group(&mut self, depth: usize) -> Result<Group> {
        if depth > MAX_DEPTH {
            return Err(self.error("less nesting"));
        }
        let mut group = Group::default();
        let mut entries = Vec::new();
        loop {
            let excluded = self.peek() == Some(b'!');
            if excluded {
                self.at += 1;
            }
            let (name, inner) = self.path(depth)?;
            if excluded && inner.is_some() {
                return Err(self.error("a plain member name after `!`"));
            }
            group.exclude |= excluded;
            entries.push((name, inner));
            if self.peek() == Some(b',') {
                self.at += 1;
            } else {
                break;
            }
        }
        if group.exclude && entries.iter().any(|(_, inner)| inner.is_some()) {
            return Err(self.error("plain member names in a list with `!`"));
        }
        for (name, inner) in entries {
            group.add(name, inner);
        }
        Ok(group)
    }

    /// `name ('.' name)* ('(' group ')')?`, as the member and what to keep inside it.
    fn path(&mut self, depth: usize) -> Result<(String, Option<Group>)> {
        let name = self.name()?;
        match self.peek() {
            Some(b'.') => {
                self.at += 1;
                let (inner_name, inner) = self.path(depth + 1)?;
                let mut group = Group {
                    dotted: true,
                    ..Group::default()
                };
                group.add(inner_name, inner);
                Ok((name, Some(group)))
            }
            Some(b'(') => {
                self.at += 1;
                let inner = self.group(depth + 1)?;
                if self.peek() != Some(b')') {
                    return Err(self.error("`)`"));
                }
                self.at += 1;
                Ok((name, Some(inner)))
            }
            _ => Ok((name, None)),
        }
    }

    fn name(&mut self) -> Result<String> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        if self.at == start {
            return Err(self.error("a member name"));
        }
        // Letters, digits and `_` only: ASCII, so the slice is valid UTF-8.
        Ok(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        Fields::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .to_string()
    }

    #[test]
    fn the_specs_examples_parse_and_render_back() {
        for text in [
            "description,uri",
            "total,limit",
            "items(added_at,added_by.id)",
            "items(added_by.id,item(name))",
            "items(added_by.id,track(name,href,album(name,href)))",
            "items(track(name,href,album(!name,!href)))",
        ] {
            assert_eq!(round_trip(text), text);
        }
        // One `!` makes the list a leave-out list; rendered with a `!` on each.
        assert_eq!(
            round_trip("items.track.album(!external_urls,images)"),
            "items.track.album(!external_urls,!images)"
        );
        assert_eq!(
            round_trip("tracks.items(track(name))"),
            "tracks.items(track(name))"
        );
        // Two dotted paths into one member are one list.
        assert_eq!(round_trip("owner.id,owner.uri"), "owner(id,uri)");
    }

    #[test]
    fn repeated_members_merge() {
        assert_eq!(
            round_trip("items(added_at),items(added_by.id),name"),
            "items(added_at,added_by.id),name"
        );
        assert_eq!(round_trip("owner.id,owner"), "owner");
        assert_eq!(round_trip("owner,owner.id"), "owner");
    }

    #[test]
    fn syntax_errors_name_the_position() {
        for (text, at) in [
            ("", 0),
            ("items(name", 10),
            ("items(name))", 11),
            ("a,,b", 2),
            ("a.", 2),
            ("!items(name)", 12),
            ("a b", 1),
            ("items(a,!b(c))", 13),
            ("名前", 0),
        ] {
            match Fields::parse(text) {
                Err(Error::InvalidArgument {
                    name: "fields",
                    problem: ArgumentProblem::Malformed { position, .. },
                }) => assert_eq!(position, at, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        let deep = format!("{}x{}", "a(".repeat(100), ")".repeat(100));
        assert!(Fields::parse(&deep).is_err());
    }

    #[test]
    fn built_filters_are_checked_when_used() {
        let built = Fields::new()
            .field("name")
            .field("owner.display_name")
            .nested("items", Fields::excluding(["added_by"]));
        assert_eq!(
            built.to_string(),
            "name,owner.display_name,items(!added_by)"
        );
        assert_eq!(built.clone().into_fields().unwrap(), built);
        assert!(Fields::new().field("a b").into_fields().is_err());
        assert!(Fields::excluding(["x(y)"]).into_fields().is_err());
        assert!(Fields::new().is_empty());
    }

    #[test]
    fn pages_keep_their_paging_members() {
        let fields = Fields::parse("items(item(name)),total")
            .unwrap()
            .with_paging();
        assert_eq!(
            fields.to_string(),
            "items(item(name)),total,href,limit,next,offset,previous"
        );
        let excluding = Fields::excluding(["href"]).with_paging();
        assert_eq!(excluding.to_string(), "!href");
    }
}
