//! Tolerant decoding, by construction.
//!
//! Real bodies break the spec in many small ways (SPEC-GAPS.md): integers sent as floats
//! (`"width": 640.0`), required fields missing or `null`, strings where numbers belong in
//! hand-edited bodies, new enum values. The rule for every model is one sentence: **a body
//! decodes unless it is not the kind of object asked for**. A top-level model must be a JSON
//! object; inside it, a field that is missing, `null` or of the wrong JSON kind takes its
//! default, and unknown fields are ignored.
//!
//! The rule is applied by construction, not field by field: every model is declared with the
//! [`model!`] macro, which generates a `Deserialize` that reads each field through [`Lenient`].
//! Decoding reads the bytes straight into the models, with no intermediate `Value`. Two types
//! look at their text twice: a playable item (decoded as a track, and again only when it is
//! another kind) and a market list (scanned, and parsed only when it is unusual).
//!
//! Each `Lenient` type reads itself in two ways, to the same value: through serde_json
//! ([`Lenient::lenient`]), and from the library's own JSON reader ([`Lenient::read`],
//! `crate::reader`), which is the fast path the pipeline takes first. The macro writes both
//! from one list of fields, so they cannot drift apart field by field; the fixture and
//! mutation tests and the `models` fuzz target hold them to the same result.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::reader::ReadSeed;
pub use crate::reader::{Bail, Reader};

/// A type that decodes from whatever JSON Spotify sends in its place: `Ok(None)` for `null` or
/// a value of the wrong kind (which is consumed and skipped), `Err` only for broken JSON.
///
/// Implemented for the primitives, `String`, `Option`, `Vec`, the typed IDs, the string enums
/// and every model. It is public only because the models' generic `Deserialize` impls name
/// it; there is no need to implement it.
#[doc(hidden)]
pub trait Lenient: Sized {
    /// Decodes a value, or `None` when the JSON is `null` or of another kind.
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>;

    /// Decodes a JSON array of this type, as `Vec<Self>` does (see its [`Lenient`] impl); a
    /// type overrides it only for a faster path to the same result.
    fn lenient_list<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<Self>>, D::Error> {
        general_list(deserializer)
    }

    /// Whether the type is read from a JSON object (a model, or an `Option` of one): only such a
    /// type reads a whole body on the fast path (see `reader::Strict`).
    const OBJECT: bool = false;

    /// The fast path of [`lenient`](Self::lenient): the same value, read straight from the
    /// text (see [`Reader`]); [`Bail`] where the reader leaves the body to serde_json.
    fn read(reader: &mut Reader<'_>) -> Result<Option<Self>, Bail>;

    /// The fast path of [`lenient_list`](Self::lenient_list).
    fn read_list(reader: &mut Reader<'_>) -> Result<Option<Vec<Self>>, Bail> {
        reader.list()
    }
}

/// A seed that decodes `T` leniently, for `MapAccess::next_value_seed`.
pub(crate) struct LenientSeed<T>(PhantomData<T>);

impl<T> LenientSeed<T> {
    pub(crate) fn new() -> Self {
        LenientSeed(PhantomData)
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::lenient(deserializer)
    }
}

impl<'de, T: Lenient> ReadSeed<'de> for LenientSeed<T> {
    fn read(self, reader: &mut Reader<'de>) -> Result<Option<T>, Bail> {
        T::read(reader)
    }
}

/// Consumes a map or sequence that is not wanted, so the parser stays in step.
fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A scalar read from any JSON scalar it can be made from; every other kind gives `None`.
pub(crate) trait Scalar: Sized {
    /// What the value is, for messages.
    const EXPECTING: &'static str;
    fn from_bool(_: bool) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_i64(value: i64) -> Option<Self> {
        u64::try_from(value).ok().and_then(Self::from_u64)
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_str(_: &str) -> Option<Self> {
        None
    }
    fn from_string(value: String) -> Option<Self> {
        Self::from_str(&value)
    }
}

/// The visitor behind every [`Scalar`].
pub(crate) struct ScalarVisitor<T>(PhantomData<T>);

impl<T> ScalarVisitor<T> {
    pub(crate) fn new() -> Self {
        ScalarVisitor(PhantomData)
    }
}

impl<'de, T: Scalar> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(T::from_bool(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(T::from_u64(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(T::from_i64(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(T::from_f64(v))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(T::from_str(v))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(T::from_string(v))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drain_seq(seq).map(|()| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map).map(|()| None)
    }
}

/// Implements [`Lenient`] for [`Scalar`] types.
macro_rules! lenient_scalar {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::lenient::Lenient for $ty {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Option<Self>, D::Error> {
                d.deserialize_any($crate::lenient::ScalarVisitor::<$ty>::new())
            }

            fn read(
                reader: &mut $crate::lenient::Reader<'_>,
            ) -> ::std::result::Result<Option<Self>, $crate::lenient::Bail> {
                reader.scalar()
            }
        }
    )*};
}
pub(crate) use lenient_scalar;

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean";
    fn from_bool(v: bool) -> Option<Self> {
        Some(v)
    }
}

impl Scalar for String {
    const EXPECTING: &'static str = "a string";
    fn from_str(v: &str) -> Option<Self> {
        Some(v.to_owned())
    }
    fn from_string(v: String) -> Option<Self> {
        Some(v)
    }
}

/// Whole numbers: integers as they are, floats when they are whole (`640.0`) or nearly so
/// (rounded), in range of the type.
macro_rules! scalar_int {
    ($($ty:ty),*) => {$(
        impl Scalar for $ty {
            const EXPECTING: &'static str = "a whole number";
            fn from_u64(v: u64) -> Option<Self> {
                <$ty>::try_from(v).ok()
            }
            fn from_i64(v: i64) -> Option<Self> {
                <$ty>::try_from(v).ok()
            }
            fn from_f64(v: f64) -> Option<Self> {
                let rounded = v.round();
                // `as` saturates; the range check makes sure nothing was clipped.
                (rounded.is_finite()
                    && rounded >= <$ty>::MIN as f64
                    && rounded <= <$ty>::MAX as f64)
                    .then(|| rounded as $ty)
            }
        }
    )*};
}
scalar_int!(u8, u16, u32, u64, i32, i64);

macro_rules! scalar_float {
    ($($ty:ty),*) => {$(
        impl Scalar for $ty {
            const EXPECTING: &'static str = "a number";
            fn from_u64(v: u64) -> Option<Self> {
                Some(v as $ty)
            }
            fn from_i64(v: i64) -> Option<Self> {
                Some(v as $ty)
            }
            fn from_f64(v: f64) -> Option<Self> {
                Some(v as $ty)
            }
        }
    )*};
}
scalar_float!(f32, f64);

lenient_scalar!(bool, String, u8, u16, u32, u64, i32, i64, f32, f64);

impl<T: Lenient> Lenient for Option<T> {
    /// Never `None` itself: `null` or a wrong kind is `Some(None)`, so an optional field
    /// becomes `None` rather than keeping its default.
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        T::lenient(d).map(Some)
    }

    const OBJECT: bool = T::OBJECT;

    fn read(reader: &mut Reader<'_>) -> Result<Option<Self>, Bail> {
        T::read(reader).map(Some)
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    /// A JSON array; elements that are `null` or of the wrong kind are left out (for
    /// `Vec<Option<T>>`, a `null` element stays, as `None`, so positions are kept).
    fn lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        T::lenient_list(d)
    }

    fn read(reader: &mut Reader<'_>) -> Result<Option<Self>, Bail> {
        T::read_list(reader)
    }
}

/// The visitor of a lenient `Vec<T>`: an array, element by element; `None` for any other kind.
struct SeqVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for SeqVisitor<T> {
    type Value = Option<Vec<T>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(LenientSeed::<T>::new())? {
            if let Some(item) = item {
                items.push(item);
            }
        }
        Ok(Some(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drain_map(map).map(|()| None)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// [`Lenient::lenient_list`]'s general path, for a type whose override falls back to it.
pub(crate) fn general_list<'de, T: Lenient, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    d.deserialize_any(SeqVisitor(PhantomData))
}

/// A seed for a top-level JSON array of `T`, read leniently: elements of the wrong kind are
/// left out and `null` is an empty list; anything else is an error (not a list at all).
pub(crate) struct ListSeed<T>(PhantomData<T>);

impl<T> ListSeed<T> {
    pub(crate) fn new() -> Self {
        ListSeed(PhantomData)
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for ListSeed<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for ListVisitor<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element_seed(LenientSeed::<T>::new())? {
                    items.extend(item);
                }
                Ok(items)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Vec<T>, E> {
                Ok(Vec::new())
            }
        }
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

impl<'de, T: Lenient> ReadSeed<'de> for ListSeed<T> {
    /// An array, or `null` for an empty list; anything else is left to serde_json (an error).
    fn read(self, reader: &mut Reader<'de>) -> Result<Vec<T>, Bail> {
        if reader.null()? {
            return Ok(Vec::new());
        }
        if reader.peek()? != b'[' {
            return Err(Bail);
        }
        reader.list().map(Option::unwrap_or_default)
    }
}

/// A model struct: decodes from a JSON object with [`model!`]'s generated `from_map`.
pub(crate) trait FromMap: Sized {
    /// What the object is, for messages (`"a Track object"`).
    const EXPECTING: &'static str;
    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The visitor of a model: a JSON object, or (leniently) `None` for anything else.
pub(crate) struct ObjectVisitor<T> {
    lenient: bool,
    marker: PhantomData<T>,
}

impl<T> ObjectVisitor<T> {
    /// Strict: only an object decodes (a top-level body).
    pub(crate) fn strict() -> Self {
        ObjectVisitor {
            lenient: false,
            marker: PhantomData,
        }
    }

    /// Lenient: anything that is not an object gives `None` (a field).
    pub(crate) fn lenient() -> Self {
        ObjectVisitor {
            lenient: true,
            marker: PhantomData,
        }
    }

    fn other<E: serde::de::Error>(&self, what: &str) -> Result<Option<T>, E>
    where
        T: FromMap,
    {
        if self.lenient {
            Ok(None)
        } else {
            Err(E::custom(format_args!(
                "expected {}, found {what}",
                T::EXPECTING
            )))
        }
    }
}

impl<'de, T: FromMap> Visitor<'de> for ObjectVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::from_map(map).map(Some)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if self.lenient {
            drain_seq(seq).map(|()| None)
        } else {
            Err(A::Error::custom(format_args!(
                "expected {}, found an array",
                T::EXPECTING
            )))
        }
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.other("null")
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.other("null")
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.other("a boolean")
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        self.other("a number")
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        self.other("a number")
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        self.other("a number")
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        self.other("a string")
    }
}

/// The JSON name of a model field: the literal given with `#[json = ".."]`, else the field's
/// own name.
macro_rules! json_name {
    ($field:ident, $json:literal) => {
        $json
    };
    ($field:ident) => {
        stringify!($field)
    };
}
pub(crate) use json_name;

/// The default of a model field: the expression given after `=`, else `Default::default()`.
macro_rules! field_default {
    ($default:expr) => {
        $default
    };
    () => {
        ::std::default::Default::default()
    };
}
pub(crate) use field_default;

/// Declares a model: a struct whose `Deserialize` follows the module's one rule, plus
/// `Serialize` (Spotify's JSON names), `Debug`, `Clone`, `PartialEq` and `Default`.
///
/// ```text
/// model! {
///     /// A thing.
///     pub struct Thing {
///         /// Its name; empty if Spotify sends none.
///         pub name: String,
///         /// The object type.
///         #[json = "type"]
///         pub kind: ItemType = ItemType::Track,
///     }
/// }
/// ```
///
/// A field takes `#[json = "name"]` when its JSON name differs from its Rust name,
/// `#[alias = "other"]` (any number) for other spellings seen in real bodies (read, never
/// written), and `= expr` when its default is not the type's `Default`. The struct may have one type
/// parameter (`Page<T>`), which must be [`Lenient`].
macro_rules! model {
    (
        $(#[doc = $doc:expr])*
        pub struct $name:ident $(<$g:ident>)? {
            $(
                $(#[doc = $fdoc:expr])*
                $(#[json = $json:literal])?
                $(#[alias = $alias:literal])*
                pub $field:ident : $ty:ty $(= $default:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[non_exhaustive]
        pub struct $name $(<$g>)? {
            $(
                $(#[doc = $fdoc])*
                $(#[serde(rename = $json)])?
                pub $field: $ty,
            )*
        }

        impl $(<$g>)? ::std::default::Default for $name $(<$g>)? {
            fn default() -> Self {
                Self {
                    $( $field: $crate::lenient::field_default!($($default)?), )*
                }
            }
        }

        impl $(<$g: $crate::lenient::Lenient>)? $crate::lenient::FromMap for $name $(<$g>)? {
            const EXPECTING: &'static str = concat!("a ", stringify!($name), " object");

            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                #[allow(non_camel_case_types)]
                enum Field { $($field,)* __other }
                struct Key;
                impl<'de> ::serde::de::DeserializeSeed<'de> for Key {
                    type Value = Field;
                    fn deserialize<D: ::serde::Deserializer<'de>>(
                        self,
                        d: D,
                    ) -> ::std::result::Result<Field, D::Error> {
                        d.deserialize_str(self)
                    }
                }
                impl<'de> ::serde::de::Visitor<'de> for Key {
                    type Value = Field;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        key: &str,
                    ) -> ::std::result::Result<Field, E> {
                        $(
                            if key == $crate::lenient::json_name!($field $(, $json)?)
                                $(|| key == $alias)*
                            {
                                return Ok(Field::$field);
                            }
                        )*
                        Ok(Field::__other)
                    }
                }
                let mut out = <Self as ::std::default::Default>::default();
                // Not `key`: a binding of type `Field` may not share a name with one of its
                // variants, and `key` is a field of some models (audio features).
                while let Some(__field) = map.next_key_seed(Key)? {
                    match __field {
                        $(
                            Field::$field => {
                                if let Some(value) = map.next_value_seed(
                                    $crate::lenient::LenientSeed::<$ty>::new(),
                                )? {
                                    out.$field = value;
                                }
                            }
                        )*
                        Field::__other => {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }

        impl $(<$g: $crate::lenient::Lenient>)? $crate::lenient::Lenient for $name $(<$g>)? {
            fn lenient<'de, D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Option<Self>, D::Error> {
                d.deserialize_any($crate::lenient::ObjectVisitor::<Self>::lenient())
            }

            const OBJECT: bool = true;

            fn read(
                reader: &mut $crate::lenient::Reader<'_>,
            ) -> ::std::result::Result<Option<Self>, $crate::lenient::Bail> {
                #[allow(non_camel_case_types)]
                #[derive(Clone, Copy)]
                enum Field { $($field,)* __other }
                // The JSON names, in the order of the fields (and of `Field`).
                const NAMES: &[&str] = &[$($crate::lenient::json_name!($field $(, $json)?)),*];
                // The same, as keys come in compact JSON: `"name":`.
                const KEYS: &[&[u8]] = &[$(
                    concat!("\"", $crate::lenient::json_name!($field $(, $json)?), "\":").as_bytes()
                ),*];
                const FIELDS: &[Field] = &[$(Field::$field),*];
                // As `from_map` matches a key: names and aliases, first match; the index of
                // its field in `NAMES`, or past the end.
                fn field_of(key: &str) -> usize {
                    $(
                        if key == $crate::lenient::json_name!($field $(, $json)?)
                            $(|| key == $alias)*
                        {
                            Field::$field as usize
                        } else
                    )* {
                        Field::__other as usize
                    }
                }
                if !reader.begin_object()? {
                    return Ok(None);
                }
                let mut out = <Self as ::std::default::Default>::default();
                let mut first = true;
                // Which key comes after which, as last seen: `ORDER[at]` is the field whose
                // key followed field `at`'s, `ORDER[NAMES.len()]` the first field's. It starts
                // as the order of the declaration and learns the order the server sends (it
                // only makes reading faster, never changes what is read).
                const COUNT: usize = NAMES.len();
                const _: () = assert!(COUNT < u8::MAX as usize);
                static ORDER: [::std::sync::atomic::AtomicU8; COUNT + 1] = {
                    let mut order = [const { ::std::sync::atomic::AtomicU8::new(0) }; COUNT + 1];
                    let mut at = 0;
                    while at < COUNT {
                        order[at] = ::std::sync::atomic::AtomicU8::new(at as u8 + 1);
                        at += 1;
                    }
                    order
                };
                let mut last = COUNT;
                // Each name must be its own field's (no earlier field has it as an alias), or
                // a key recognised by its bytes would go to another field than `from_map`'s.
                debug_assert!(NAMES.iter().enumerate().all(|(at, name)| field_of(name) == at));
                loop {
                    let slot = ORDER.get(last);
                    let expect = slot.map_or(COUNT, |s| {
                        usize::from(s.load(::std::sync::atomic::Ordering::Relaxed))
                    });
                    let Some(at) = reader.next_field(&mut first, KEYS, expect, field_of)? else {
                        break;
                    };
                    if at < COUNT {
                        if at != expect && let Some(slot) = slot {
                            slot.store(at as u8, ::std::sync::atomic::Ordering::Relaxed);
                        }
                        last = at;
                    }
                    match FIELDS.get(at).copied().unwrap_or(Field::__other) {
                        $(
                            Field::$field => {
                                if let Some(value) = <$ty as $crate::lenient::Lenient>::read(reader)? {
                                    out.$field = value;
                                }
                            }
                        )*
                        Field::__other => reader.skip()?,
                    }
                }
                Ok(Some(out))
            }
        }

        impl<'de $(, $g: $crate::lenient::Lenient)?> ::serde::Deserialize<'de> for $name $(<$g>)? {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                d.deserialize_map($crate::lenient::ObjectVisitor::<Self>::strict())?
                    .ok_or_else(|| <D::Error as ::serde::de::Error>::custom(
                        concat!("expected a ", stringify!($name), " object"),
                    ))
            }
        }
    };
}
pub(crate) use model;

#[cfg(test)]
// `model!` declares `pub` structs; this one is for the tests only.
#[allow(unreachable_pub)]
mod tests {
    model! {
        /// A test model.
        pub struct Thing {
            /// A count.
            pub count: u32,
            /// A name.
            pub name: String,
            /// An optional width.
            pub width: Option<u32>,
            /// The type.
            #[json = "type"]
            pub kind: String = "thing".to_owned(),
            /// Children.
            pub children: Vec<Thing>,
            /// Slots that keep their positions.
            pub slots: Vec<Option<u8>>,
            /// A ratio.
            pub ratio: f32,
            /// A flag.
            pub flag: bool,
            /// A field named like the macro's own bindings.
            pub key: i32,
        }
    }

    fn thing(json: &str) -> Thing {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn missing_fields_take_defaults() {
        let t = thing("{}");
        assert_eq!(t, Thing::default());
        assert_eq!(t.kind, "thing");
        assert_eq!(t.width, None);
    }

    #[test]
    fn whole_floats_are_integers() {
        let t = thing(r#"{"count": 33920.0, "width": 640.0, "ratio": 1}"#);
        assert_eq!(t.count, 33920);
        assert_eq!(t.width, Some(640));
        assert_eq!(t.ratio, 1.0);
        assert_eq!(thing(r#"{"count": 2.6}"#).count, 3);
        assert_eq!(thing(r#"{"count": -1}"#).count, 0);
        assert_eq!(thing(r#"{"count": 1e300}"#).count, 0);
        assert_eq!(thing(r#"{"width": -5}"#).width, None);
    }

    #[test]
    fn nulls_and_wrong_kinds_take_defaults() {
        let t = thing(
            r#"{"count": "12", "name": null, "width": "wide", "type": 7,
                "children": {"a": [1, {"b": 2}]}, "flag": "yes", "ratio": [1, 2]}"#,
        );
        assert_eq!(t.count, 0);
        assert_eq!(t.name, "");
        assert_eq!(t.width, None);
        assert_eq!(t.kind, "thing");
        assert!(t.children.is_empty());
        assert!(!t.flag);
        assert_eq!(t.ratio, 0.0);
    }

    #[test]
    fn null_optional_overrides_a_non_default() {
        let t = thing(r#"{"width": 5, "width": null}"#);
        assert_eq!(t.width, None);
    }

    #[test]
    fn array_elements_of_the_wrong_kind_are_skipped_but_null_slots_kept() {
        let t = thing(
            r#"{"children": [{"name": "a"}, null, 3, "x", {"name": "b", "children": [{}]}],
                "slots": [1, null, 2.0, "x", 300]}"#,
        );
        let names: Vec<&str> = t.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(t.children[1].children.len(), 1);
        assert_eq!(t.slots, [Some(1), None, Some(2), None, None]);
    }

    #[test]
    fn unknown_fields_are_ignored_however_nested() {
        let t = thing(r#"{"extra": {"deep": [[[{"x": null}]]]}, "count": 2, "more": [1]}"#);
        assert_eq!(t.count, 2);
    }

    #[test]
    fn a_top_level_body_must_be_an_object() {
        for body in ["[]", "[1, 2]", "null", "3", "\"thing\"", "true"] {
            let err = serde_json::from_str::<Thing>(body).unwrap_err();
            assert!(err.to_string().contains("a Thing object"), "{body}: {err}");
        }
    }

    #[test]
    fn broken_json_is_still_an_error() {
        assert!(serde_json::from_str::<Thing>(r#"{"count": 1"#).is_err());
        assert!(serde_json::from_str::<Thing>(r#"{"children": [{"name": }]}"#).is_err());
    }

    #[test]
    fn serializes_with_json_names() {
        let value = serde_json::to_value(thing(r#"{"type": "x"}"#)).unwrap();
        assert_eq!(value["type"], "x");
        assert!(value.get("kind").is_none());
    }
}
