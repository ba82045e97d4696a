//! A JSON tree that borrows its text from the body it was read from: what `normalise.rs` walks.
//!
//! The walk reads every member of every body once and keeps only a few values, so a
//! `serde_json::Value` (a `String` per key and per string, a B-tree per object) was mostly made
//! to be dropped: its allocations were most of the cost of reading the fixtures. A [`Node`]
//! holds a string as a slice of the body unless it has an escape, and an object as one sorted
//! `Vec`. It reads like a `Value` where the walk looks: members in key order, the last of two
//! members with one key wins, numbers as `serde_json` classifies them, and the same depth limit
//! (the deserializer's), so the walk finds exactly what it found in a `Value`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A JSON value whose strings borrow from the text it was read from where they can.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node<'a> {
    Null,
    Bool(bool),
    /// A number `serde_json` reads as a non-negative integer.
    PosInt(u64),
    /// A number `serde_json` reads as a negative integer.
    NegInt(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Object<'a>),
}

/// An object's members, sorted by key, each key once (the last member with that key).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Object<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'a> Node<'a> {
    /// Parses `text`, borrowing every string that has no escape.
    pub(super) fn parse(text: &'a str) -> serde_json::Result<Node<'a>> {
        serde_json::from_str(text)
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(text) => Some(text),
            _ => None,
        }
    }

    pub(super) fn is_string(&self) -> bool {
        matches!(self, Node::Str(_))
    }

    pub(super) fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// As `serde_json::Value::as_u64`: non-negative integers only.
    pub(super) fn as_u64(&self) -> Option<u64> {
        match self {
            Node::PosInt(n) => Some(*n),
            _ => None,
        }
    }

    /// As `serde_json::Value::as_i64`: integers that fit.
    pub(super) fn as_i64(&self) -> Option<i64> {
        match self {
            Node::PosInt(n) => i64::try_from(*n).ok(),
            Node::NegInt(n) => Some(*n),
            _ => None,
        }
    }

    /// As `serde_json::Value::as_f64`: any number.
    #[allow(clippy::cast_precision_loss)]
    pub(super) fn as_f64(&self) -> Option<f64> {
        match self {
            Node::PosInt(n) => Some(*n as f64),
            Node::NegInt(n) => Some(*n as f64),
            Node::Float(n) => Some(*n),
            _ => None,
        }
    }

    pub(super) fn as_array(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    pub(super) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Node::Object(object) => Some(object),
            _ => None,
        }
    }

    /// The member `key` of an object (`None` for anything else).
    pub(super) fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.as_object()?.get(key)
    }

    /// The same value as a `serde_json::Value` (for the rare analysis found inside a body).
    pub(super) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(value) => Value::Bool(*value),
            Node::PosInt(n) => Value::from(*n),
            Node::NegInt(n) => Value::from(*n),
            Node::Float(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Node::Str(text) => Value::String(text.as_ref().to_owned()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(key, value)| (key.to_owned(), value.to_value()))
                    .collect(),
            ),
        }
    }
}

impl<'a> Object<'a> {
    /// Sorts `members` by key, keeping the last member of each key (as `serde_json`'s map
    /// does when a body repeats a key).
    fn new(mut members: Vec<(Cow<'a, str>, Node<'a>)>) -> Self {
        // Stable: the members of one key stay in body order, so the last one is kept (moved
        // into the place of the first, which `dedup_by` keeps).
        members.sort_by(|a, b| a.0.cmp(&b.0));
        members.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Self(members)
    }

    pub(super) fn get(&self, key: &str) -> Option<&Node<'a>> {
        // Most objects are small: a pass of `==` (which compares lengths before bytes) rejects
        // most keys without a call to `memcmp`, where a binary search makes one at every step.
        if self.0.len() <= 16 {
            return self
                .0
                .iter()
                .find(|(k, _)| k.as_ref() == key)
                .map(|(_, value)| value);
        }
        let at = self.0.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok()?;
        Some(&self.0[at].1)
    }

    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// The members in key order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Node<'a>)> {
        self.0.iter().map(|(key, value)| (key.as_ref(), value))
    }

    /// The values in key order.
    pub(super) fn values(&self) -> impl Iterator<Item = &Node<'a>> {
        self.0.iter().map(|(_, value)| value)
    }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node<'de>, E> {
        Ok(Node::PosInt(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node<'de>, E> {
        Ok(u64::try_from(value).map_or(Node::NegInt(value), Node::PosInt))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node<'de>, E> {
        // As `serde_json::Value`: a number that is not finite is null.
        Ok(if value.is_finite() {
            Node::Float(value)
        } else {
            Node::Null
        })
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(value)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        // JSON gives no size: room for a typical entity's members at once, rather than growing
        // from four (the tree lives only while the bodies are read).
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(16));
        while let Some(Key(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        Ok(Node::Object(Object::new(members)))
    }
}

/// An object key, borrowed from the body unless it has an escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bodies with escapes, repeated keys, every kind of number and nesting: the tree says what
    /// a `serde_json::Value` says, member for member and in the same order.
    #[test]
    fn a_node_reads_as_a_value_reads() {
        let bodies = [
            r#"{"b": 1, "a": [true, null, -2, 3.5, "x\u0041\n"], "b": {"z": 0, "\"k": "v"}}"#,
            r#"[18446744073709551615, -9223372036854775808, 1e3, 0.0, -0.0, "", {}]"#,
            r#"{"name": "Surfin\u0027 Bird", "name": "Surfin' Bird", "id": "7EjyzZcbLxW7PaaLua9Ksb"}"#,
            "\"plain\"",
        ];
        for body in bodies {
            let node = Node::parse(body).unwrap();
            let value: Value = serde_json::from_str(body).unwrap();
            assert_eq!(node.to_value(), value, "{body}");
            if let (Some(object), Some(map)) = (node.as_object(), value.as_object()) {
                let keys: Vec<&str> = object.iter().map(|(k, _)| k).collect();
                let expected: Vec<&str> = map.keys().map(String::as_str).collect();
                assert_eq!(keys, expected);
                for (key, member) in map {
                    assert_eq!(object.get(key).map(Node::to_value).as_ref(), Some(member));
                }
            }
        }
        let node = Node::parse(bodies[0]).unwrap();
        let b = node.get("b").unwrap();
        assert_eq!(b.get("z").and_then(Node::as_u64), Some(0));
        let a = node.get("a").and_then(Node::as_array).unwrap();
        assert_eq!(a[2].as_i64(), Some(-2));
        assert_eq!(a[2].as_u64(), None);
        assert_eq!(a[3].as_f64(), Some(3.5));
        assert_eq!(a[3].as_u64(), None);
        assert_eq!(a[4].as_str(), Some("xA\n"));
        // Plain strings are slices of the body; escaped ones are owned.
        let node = Node::parse(bodies[2]).unwrap();
        assert!(matches!(node.get("id"), Some(Node::Str(Cow::Borrowed(_)))));
    }

    /// A key repeated three times keeps its last value, among other keys repeated and not; an
    /// object of more than 16 members (looked up by binary search, smaller ones by a pass)
    /// finds each member and misses what it lacks, as a `serde_json::Value` does.
    #[test]
    fn the_last_of_a_repeated_key_wins_in_small_objects_and_large() {
        let small = r#"{"k": 1, "a": 0, "k": 2, "z": 9, "a": 5, "k": 3}"#;
        let node = Node::parse(small).unwrap();
        assert_eq!(node.get("k").and_then(Node::as_u64), Some(3));
        assert_eq!(node.get("a").and_then(Node::as_u64), Some(5));
        assert_eq!(node.as_object().map(Object::len), Some(3));
        let members: Vec<String> = (0..40)
            .rev()
            .map(|n| format!(r#""key{:02}": {n}"#, n % 30))
            .collect();
        let large = format!("{{{}}}", members.join(", "));
        let node = Node::parse(&large).unwrap();
        let value: Value = serde_json::from_str(&large).unwrap();
        assert_eq!(node.to_value(), value);
        let object = node.as_object().unwrap();
        assert_eq!(object.len(), 30);
        for n in 0..30 {
            let key = format!("key{n:02}");
            // 0..10 appear twice (n + 30 first, then n): the later, smaller value wins.
            assert_eq!(object.get(&key).and_then(Node::as_u64), Some(n), "{key}");
        }
        assert!(object.get("key30").is_none() && object.get("").is_none());
    }

    #[test]
    fn bad_and_deep_bodies_are_errors_as_for_a_value() {
        // Balanced, so that only the depth can fail it: serde_json's limit is 128 levels.
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let (deep, very_deep) = (nested(129), nested(10_000));
        for body in ["not json", "", "{\"a\":", &deep, &very_deep, "[1,]"] {
            assert!(Node::parse(body).is_err(), "{body}");
            assert!(serde_json::from_str::<Value>(body).is_err(), "{body}");
        }
        let within = nested(100);
        assert!(Node::parse(&within).is_ok());
        assert!(serde_json::from_str::<Value>(&within).is_ok());
    }
}
