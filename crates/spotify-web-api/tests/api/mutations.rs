//! Real bodies, damaged the way Spotify's bodies really differ from the spec, still decode.
//!
//! Each fixture of [`fixtures::TABLE`] is mutated at a field anywhere in it: the field is
//! removed, set to `null`, an integer becomes a float (`3` → `3.0`), a string (an enum value,
//! an ID, a name) becomes one no model knows. Elements of nested arrays are set to `null` too.
//! The mutated body must still decode with the model of its operation, and the decoded value
//! must survive a round trip through its serialization.
//!
//! Every field path is covered on every run: `every_field_path_of_every_fixture_survives_each_mutation`
//! walks each path of each fixture (array indices collapsed) and mutates it once at its first
//! occurrence and once at all of its occurrences together, in the fixture with its long arrays
//! [`trimmed`] to the elements that differ in shape (so the 600 kB audio analysis takes
//! milliseconds). The property test then mutates random concrete places of the whole fixtures,
//! several at a time.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Number, Value};

use crate::fixtures::{self, Check};

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
    /// Every element of an array (a collapsed path).
    Each,
}

/// A damage done to the value at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mutation {
    /// The member is removed (members of objects only).
    Remove,
    /// The value becomes `null`.
    Null,
    /// An integer becomes the same number as a float.
    IntToFloat,
    /// A string becomes one no model knows.
    UnknownString,
}

const MUTATIONS: [Mutation; 4] = [
    Mutation::Remove,
    Mutation::Null,
    Mutation::IntToFloat,
    Mutation::UnknownString,
];

/// What an unknown string is replaced by: no enum value, ID or URI prefix matches it.
const UNKNOWN: &str = "\u{2603}-not-a-spotify-value";

/// Every place of `value` that can be mutated: members of objects at any depth, and elements
/// of arrays that are not the body itself (a top-level array's elements are positions, such
/// as the answers of `contains` checks).
fn places(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, top: bool, out: &mut Vec<Vec<Step>>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    path.push(Step::Key(key.clone()));
                    out.push(path.clone());
                    walk(member, path, false, out);
                    path.pop();
                }
            }
            Value::Array(elements) => {
                for (i, element) in elements.iter().enumerate() {
                    path.push(Step::Index(i));
                    if !top {
                        out.push(path.clone());
                    }
                    walk(element, path, false, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), true, &mut out);
    out
}

/// `path` with its array indices collapsed to [`Step::Each`].
fn collapsed(path: &[Step]) -> Vec<Step> {
    path.iter()
        .map(|step| match step {
            Step::Index(_) => Step::Each,
            other => other.clone(),
        })
        .collect()
}

/// Applies `mutation` to the child `last` of `container`; whether it applied.
fn mutate_child(container: &mut Value, last: &Step, mutation: Mutation) -> bool {
    match (container, last) {
        (Value::Object(members), Step::Key(key)) => {
            if mutation == Mutation::Remove {
                return members.remove(key).is_some();
            }
            members
                .get_mut(key)
                .is_some_and(|slot| change(slot, mutation))
        }
        (Value::Array(elements), Step::Index(i)) => elements
            .get_mut(*i)
            .is_some_and(|slot| change(slot, mutation)),
        (Value::Array(elements), Step::Each) => {
            let mut applied = false;
            for slot in elements.iter_mut() {
                applied |= change(slot, mutation);
            }
            applied
        }
        _ => false,
    }
}

/// Changes one value in place; whether the mutation applied to it.
fn change(slot: &mut Value, mutation: Mutation) -> bool {
    match mutation {
        // Removal of an array element would shift positions: only members are removed.
        Mutation::Remove => false,
        Mutation::Null => {
            let changed = !slot.is_null();
            *slot = Value::Null;
            changed
        }
        Mutation::IntToFloat => {
            let float = match slot {
                Value::Number(n) if n.is_u64() => n.as_u64().map(|n| n as f64),
                Value::Number(n) if n.is_i64() => n.as_i64().map(|n| n as f64),
                _ => None,
            };
            match float.and_then(Number::from_f64) {
                Some(float) => {
                    *slot = Value::Number(float);
                    true
                }
                None => false,
            }
        }
        Mutation::UnknownString => {
            if slot.is_string() {
                *slot = Value::String(UNKNOWN.to_owned());
                true
            } else {
                false
            }
        }
    }
}

/// Applies `mutation` at every place `path` (which may hold [`Step::Each`]) names; whether it
/// applied anywhere.
fn apply(value: &mut Value, path: &[Step], mutation: Mutation) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    fn visit(value: &mut Value, parents: &[Step], last: &Step, mutation: Mutation) -> bool {
        match parents.split_first() {
            None => mutate_child(value, last, mutation),
            Some((step, rest)) => match (value, step) {
                (Value::Object(members), Step::Key(key)) => members
                    .get_mut(key)
                    .is_some_and(|child| visit(child, rest, last, mutation)),
                (Value::Array(elements), Step::Index(i)) => elements
                    .get_mut(*i)
                    .is_some_and(|child| visit(child, rest, last, mutation)),
                (Value::Array(elements), Step::Each) => {
                    let mut applied = false;
                    for child in elements.iter_mut() {
                        applied |= visit(child, rest, last, mutation);
                    }
                    applied
                }
                _ => false,
            },
        }
    }
    visit(value, parents, last, mutation)
}

/// A fixture ready to be mutated: its name, model, parsed body and places, and the same for its
/// [`trimmed`] body.
struct Body {
    name: &'static str,
    check: Check,
    value: Value,
    places: Vec<Vec<Step>>,
    trimmed: Value,
    trimmed_places: Vec<Vec<Step>>,
}

/// The kind of a JSON value, for [`shapes`].
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every collapsed path inside `value`, with the kind of value found there.
fn shapes(value: &Value) -> BTreeSet<(Vec<Step>, &'static str)> {
    fn walk(value: &Value, path: &mut Vec<Step>, out: &mut BTreeSet<(Vec<Step>, &'static str)>) {
        out.insert((path.clone(), kind(value)));
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    path.push(Step::Key(key.clone()));
                    walk(member, path, out);
                    path.pop();
                }
            }
            Value::Array(elements) => {
                path.push(Step::Each);
                for element in elements {
                    walk(element, path, out);
                }
                path.pop();
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

/// `value` with its long arrays cut down to the elements that matter for mutation: the first
/// two, the last two, and each element that has a path (or a kind of value at a path) that the
/// kept ones lack. Every path of the body, with every kind of value it holds, survives; the
/// audio analysis shrinks from 600 kB to a few, so that every path can be mutated on every run.
fn trimmed(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, member)| (key.clone(), trimmed(member)))
                .collect(),
        ),
        Value::Array(elements) if elements.len() > 8 => {
            let mut seen = BTreeSet::new();
            let mut kept = Vec::new();
            for (i, element) in elements.iter().enumerate() {
                let found = shapes(element);
                let new = !found.is_subset(&seen);
                if i < 2 || i + 2 >= elements.len() || new {
                    seen.extend(found);
                    kept.push(trimmed(element));
                }
            }
            Value::Array(kept)
        }
        Value::Array(elements) => Value::Array(elements.iter().map(trimmed).collect()),
        other => other.clone(),
    }
}

/// Every fixture of the table, parsed once per test run.
fn bodies() -> &'static [Body] {
    static BODIES: OnceLock<Vec<Body>> = OnceLock::new();
    BODIES.get_or_init(|| {
        fixtures::TABLE
            .iter()
            .map(|(name, check)| {
                let value: Value = serde_json::from_str(&fixtures::read(name))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                let trimmed = trimmed(&value);
                assert_eq!(
                    shapes(&trimmed),
                    shapes(&value),
                    "{name}: trimming lost a path"
                );
                Body {
                    name,
                    check: *check,
                    places: places(&value),
                    trimmed_places: places(&trimmed),
                    value,
                    trimmed,
                }
            })
            .collect()
    })
}

/// Decodes a mutated body with its model (no comparison with the original, which the mutation
/// made different on purpose).
fn decodes(body: &Body, mutated: &Value) -> Result<(), String> {
    let text = serde_json::to_string(mutated).map_err(|e| e.to_string())?;
    (body.check)(&text, None).map(drop)
}

fn describe(path: &[Step]) -> String {
    let mut out = String::from("$");
    for step in path {
        match step {
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
            Step::Each => out.push_str("[*]"),
        }
    }
    out
}

#[test]
fn every_field_path_of_every_fixture_survives_each_mutation() {
    let mut failures = Vec::new();
    let mut decoded = 0_usize;
    let mut paths = 0_usize;
    for body in bodies() {
        let mut seen = BTreeSet::new();
        for place in &body.trimmed_places {
            let general = collapsed(place);
            if !seen.insert(general.clone()) {
                continue;
            }
            paths += 1;
            for mutation in MUTATIONS {
                let targets: &[&Vec<Step>] = if *place == general {
                    &[place]
                } else {
                    &[place, &general]
                };
                for target in targets {
                    let mut mutated = body.trimmed.clone();
                    if !apply(&mut mutated, target, mutation) {
                        continue;
                    }
                    decoded += 1;
                    if let Err(e) = decodes(body, &mutated) {
                        failures.push(format!(
                            "{}: {mutation:?} at {}: {e}",
                            body.name,
                            describe(target)
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {decoded} mutated bodies failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every kind of mutation found places to apply (a guard against a walk that finds nothing).
    assert!(
        paths > 1500 && decoded > 8000,
        "{paths} paths, {decoded} bodies"
    );
}

#[test]
fn the_mutations_do_what_they_say() {
    let mut value: Value =
        serde_json::from_str(r#"{"a":{"b":[{"n":3},{"n":4,"s":"x"}]},"top":[1,2]}"#).unwrap();
    let found = places(&value);
    assert!(found.contains(&vec![
        Step::Key("a".into()),
        Step::Key("b".into()),
        Step::Index(1),
        Step::Key("s".into())
    ]));
    // Elements of a body's own array are positions, never mutated; nested ones are.
    let top: Value = serde_json::from_str("[true, {\"x\": [1]}]").unwrap();
    assert_eq!(
        places(&top),
        [
            vec![Step::Index(1), Step::Key("x".into())],
            vec![Step::Index(1), Step::Key("x".into()), Step::Index(0)]
        ]
    );

    let each_n = [
        Step::Key("a".into()),
        Step::Key("b".into()),
        Step::Each,
        Step::Key("n".into()),
    ];
    assert!(apply(&mut value, &each_n, Mutation::IntToFloat));
    assert_eq!(value["a"]["b"][0]["n"], serde_json::json!(3.0));
    assert_eq!(value["a"]["b"][1]["n"], serde_json::json!(4.0));
    assert!(!apply(&mut value, &each_n, Mutation::UnknownString));
    let s = [
        Step::Key("a".into()),
        Step::Key("b".into()),
        Step::Index(1),
        Step::Key("s".into()),
    ];
    assert!(apply(&mut value, &s, Mutation::UnknownString));
    assert_eq!(value["a"]["b"][1]["s"], UNKNOWN);
    assert!(apply(&mut value, &s, Mutation::Remove));
    assert!(value["a"]["b"][1].get("s").is_none());
    assert!(!apply(&mut value, &s, Mutation::Remove));
    let element = [Step::Key("a".into()), Step::Key("b".into()), Step::Index(0)];
    assert!(!apply(&mut value, &element, Mutation::Remove));
    assert!(apply(&mut value, &element, Mutation::Null));
    assert_eq!(value["a"]["b"][0], Value::Null);
    assert_eq!(
        serde_json::to_string(&value["a"]["b"][1]["n"]).unwrap(),
        "4.0"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random places of random fixtures, one to four mutations at once.
    #[test]
    fn random_mutations_anywhere_still_decode(
        which in any::<prop::sample::Index>(),
        damage in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(MUTATIONS.to_vec())),
            1..=4,
        ),
    ) {
        let body = which.get(bodies());
        prop_assume!(!body.places.is_empty());
        let mut mutated = body.value.clone();
        let mut done = Vec::new();
        for (place, mutation) in &damage {
            let path = place.get(&body.places);
            if apply(&mut mutated, path, *mutation) {
                done.push(format!("{mutation:?} at {}", describe(path)));
            }
        }
        let result = decodes(body, &mutated);
        prop_assert!(result.is_ok(), "{}: {:?} after {:?}", body.name, result, done);
    }
}
