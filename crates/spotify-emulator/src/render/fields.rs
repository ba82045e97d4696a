//! Spotify's `fields` filter of the playlist endpoints, applied to a rendered body.
//!
//! The syntax (the spec's description of `fields` on `get-playlist` and `get-playlists-items`):
//! a comma-separated list of members; `a.b` goes into `a`; `a(b,c)` keeps `b` and `c` of `a`,
//! nested as deep as needed; a list with a `!` (`album(!name,href)`) leaves its members out and
//! keeps the rest. A selection inside a list member (`items(added_at)`) applies to every
//! element. Members the body does not have are ignored; a member that is `null` stays `null`.

use serde_json::{Map, Value};

/// A parsed filter: the members to keep (or, with `exclude`, to leave out), each with what to
/// keep inside it (`None`: all of it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FieldFilter {
    exclude: bool,
    members: Vec<(String, Option<FieldFilter>)>,
}

/// Deeper than this is refused, as a hostile query rather than a filter.
const MAX_DEPTH: usize = 32;

impl FieldFilter {
    /// Parses `fields`; `None` for text that breaks the syntax (unbalanced parentheses, an empty
    /// or non-word member name, a `!` before a nested selection).
    pub(crate) fn parse(text: &str) -> Option<FieldFilter> {
        let mut reader = Reader {
            text: text.as_bytes(),
            at: 0,
        };
        let filter = reader.list(0)?;
        (reader.at == reader.text.len()).then_some(filter)
    }

    /// Keeps (or drops) the members of `value` the filter names, recursively; a list applies
    /// the filter to each element.
    pub(crate) fn apply(&self, value: &mut Value) {
        match value {
            Value::Array(elements) => {
                for element in elements {
                    self.apply(element);
                }
            }
            Value::Object(object) => {
                if self.exclude {
                    for (name, _) in &self.members {
                        object.remove(name);
                    }
                } else {
                    let mut kept = Map::new();
                    for (name, inner) in &self.members {
                        if let Some(mut member) = object.remove(name) {
                            if let Some(inner) = inner {
                                inner.apply(&mut member);
                            }
                            kept.insert(name.clone(), member);
                        }
                    }
                    *object = kept;
                }
            }
            _ => {}
        }
    }

    /// Adds a member; a member named twice keeps the union of both selections.
    fn merge(&mut self, name: String, inner: Option<FieldFilter>) {
        let Some((_, existing)) = self.members.iter_mut().find(|(n, _)| *n == name) else {
            self.members.push((name, inner));
            return;
        };
        match (existing.as_mut(), inner) {
            (None, _) => {}
            (Some(_), None) => *existing = None,
            (Some(old), Some(new)) if old.exclude == new.exclude => {
                for (name, inner) in new.members {
                    old.merge(name, inner);
                }
            }
            (Some(old), Some(new)) => *old = new,
        }
    }
}

/// Reads the syntax left to right.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    /// `entry (',' entry)*`; an entry is `'!'? name ('.' entry | '(' list ')')?`.
    fn list(&mut self, depth: usize) -> Option<FieldFilter> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut filter = FieldFilter::default();
        loop {
            let excluded = self.peek() == Some(b'!');
            if excluded {
                self.at += 1;
            }
            let (name, inner) = self.entry(depth)?;
            if excluded && inner.is_some() {
                return None;
            }
            filter.exclude |= excluded;
            filter.merge(name, inner);
            if self.peek() != Some(b',') {
                break;
            }
            self.at += 1;
        }
        if filter.exclude && filter.members.iter().any(|(_, inner)| inner.is_some()) {
            return None;
        }
        Some(filter)
    }

    fn entry(&mut self, depth: usize) -> Option<(String, Option<FieldFilter>)> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.at += 1;
        }
        if self.at == start {
            return None;
        }
        let name = String::from_utf8_lossy(&self.text[start..self.at]).into_owned();
        match self.peek() {
            Some(b'.') => {
                self.at += 1;
                let (inner_name, inner) = self.entry(depth + 1)?;
                let mut filter = FieldFilter::default();
                filter.merge(inner_name, inner);
                Some((name, Some(filter)))
            }
            Some(b'(') => {
                self.at += 1;
                let inner = self.list(depth + 1)?;
                if self.peek() != Some(b')') {
                    return None;
                }
                self.at += 1;
                Some((name, Some(inner)))
            }
            _ => Some((name, None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn filtered(fields: &str, mut body: Value) -> Value {
        FieldFilter::parse(fields)
            .unwrap_or_else(|| panic!("{fields}"))
            .apply(&mut body);
        body
    }

    fn playlist() -> Value {
        json!({
            "name": "P", "description": "d", "uri": "spotify:playlist:x",
            "owner": {"id": "o", "display_name": "O"},
            "items": {"total": 2, "limit": 100, "next": null, "items": [
                {"added_at": "2020", "added_by": {"id": "u1", "uri": "spotify:user:u1"},
                 "item": {"name": "a", "href": "h", "album": {"name": "al", "href": "ah", "images": []}}},
                {"added_at": "2021", "added_by": null,
                 "item": {"name": "b", "href": "h2", "album": {"name": "bl", "href": "bh", "images": []}}}
            ]}
        })
    }

    #[test]
    fn keeps_what_is_named_at_every_depth() {
        assert_eq!(
            filtered("description,uri", playlist()),
            json!({"description": "d", "uri": "spotify:playlist:x"})
        );
        assert_eq!(
            filtered("items(total,items(added_by.id,item(name)))", playlist()),
            json!({"items": {"total": 2, "items": [
                {"added_by": {"id": "u1"}, "item": {"name": "a"}},
                {"added_by": null, "item": {"name": "b"}}
            ]}})
        );
        assert_eq!(
            filtered("items.items.item.album(!name,href),name", playlist()),
            json!({"name": "P", "items": {"items": [
                {"item": {"album": {"images": []}}},
                {"item": {"album": {"images": []}}}
            ]}})
        );
    }

    #[test]
    fn repeated_members_are_merged_and_unknown_ones_ignored() {
        assert_eq!(
            filtered("owner.id,owner.display_name,nope,name", playlist()),
            json!({"owner": {"id": "o", "display_name": "O"}, "name": "P"})
        );
        assert_eq!(
            filtered("owner(id),owner", playlist())["owner"],
            json!({"id": "o", "display_name": "O"})
        );
    }

    #[test]
    fn bad_syntax_is_refused() {
        for bad in [
            "", "items(", "items)", "a,,b", "a.", "!a(b)", "a(!b(c))", "a b", "ä",
        ] {
            assert_eq!(FieldFilter::parse(bad), None, "{bad:?}");
        }
        assert_eq!(FieldFilter::parse(&"a(".repeat(64)), None);
    }
}
