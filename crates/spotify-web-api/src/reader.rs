//! The fast path of decoding: a JSON reader the models read themselves from.
//!
//! Every [`Lenient`](crate::lenient::Lenient) type has two ways in: the serde way
//! (`Lenient::lenient`, through `serde_json`), and [`Lenient::read`](crate::lenient::Lenient::read)
//! from this reader, which follows the same rule field by field but goes straight from the
//! bytes to the model: each key is expected from the order the model last saw its keys in
//! and matched where it lies, strings without escapes are copied once, and a list of markets is
//! scanned in place, eight codes at a time.
//!
//! The reader is strict about JSON. Whatever it does not take as it stands (broken JSON, a lone
//! surrogate, a decimal it cannot compute exactly as serde_json does, an integer past `u64`,
//! nesting deeper than [`MAX_DEPTH`]) makes it give up with
//! [`Bail`], and the body is decoded again the serde way, which has the last word: it decodes
//! what it can and, for a body that fails, names the JSON path. So the reader can only make a
//! decode faster, never change its result. The fixture and mutation tests
//! (`tests/api/fixtures.rs`, `tests/api/mutations.rs`) and the `models` fuzz target (every
//! decode path, with the reader and without) hold it to that.

use std::borrow::Cow;

/// Why the fast path gave up: the body is left to `serde_json`, which decides.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bail;

/// The deepest nesting the reader follows. serde_json's own limit is 128, so the reader never
/// accepts a body serde_json would refuse for its depth.
pub(crate) const MAX_DEPTH: u32 = 100;

/// A JSON number as serde_json reports it to a visitor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A non-negative integer that fits `u64`.
    Unsigned(u64),
    /// A negative integer that fits `i64`.
    Signed(i64),
    /// Anything else: a fraction, an exponent, `-0`, or an integer too large.
    Float(f64),
}

/// A cursor over a JSON text that is known to be UTF-8.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

/// Each byte of `word` (read little-endian) with its high bit set where the byte is a quote, a
/// backslash or a control character: what ends a run of plain string bytes. The lowest set
/// bit is exact, so `trailing_zeros() / 8` is the first such byte; bytes after it may be
/// marked wrongly.
fn string_stops(word: u64) -> u64 {
    use crate::swar::{HIGH, ONES};
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    zero_in(quote) | zero_in(backslash) | (word.wrapping_sub(ONES * 0x20) & !word & HIGH)
}

/// Whether `bytes` has `key` at `at`: a short comparison written out in words, cheaper than a
/// call to `memcmp` for the few bytes of a key.
#[inline]
fn starts_with(bytes: &[u8], at: usize, key: &[u8]) -> bool {
    let Some(here) = bytes.get(at..at + key.len()) else {
        return false;
    };
    let len = key.len();
    let word = |s: &[u8], from: usize| {
        s.get(from..from + 8)
            .and_then(|w| w.try_into().ok())
            .map(u64::from_le_bytes)
    };
    let half = |s: &[u8], from: usize| {
        s.get(from..from + 4)
            .and_then(|w| w.try_into().ok())
            .map(u32::from_le_bytes)
    };
    if len < 4 {
        return here == key;
    }
    if len < 8 {
        // Two four-byte halves, which may overlap.
        return half(here, 0) == half(key, 0) && half(here, len - 4) == half(key, len - 4);
    }
    let mut from = 0;
    while from + 8 < len {
        if word(here, from) != word(key, from) {
            return false;
        }
        from += 8;
    }
    // The last eight bytes, which may overlap the words before.
    word(here, len - 8) == word(key, len - 8)
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            depth: 0,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after any whitespace, not consumed.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<u8, Bail> {
        let bytes = self.bytes();
        while let Some(&byte) = bytes.get(self.at) {
            match byte {
                b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                _ => return Ok(byte),
            }
        }
        Err(Bail)
    }

    /// Succeeds when nothing but whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), Bail> {
        match self.peek() {
            Err(Bail) => Ok(()),
            Ok(_) => Err(Bail),
        }
    }

    /// Succeeds when one more level of nesting is within [`MAX_DEPTH`] (for a scan that reads
    /// a list in place).
    pub(crate) fn can_enter(&self) -> Result<(), Bail> {
        if self.depth < MAX_DEPTH {
            Ok(())
        } else {
            Err(Bail)
        }
    }

    fn enter(&mut self) -> Result<(), Bail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }

    /// Consumes `byte` if it comes next (after whitespace).
    fn eat(&mut self, byte: u8) -> Result<bool, Bail> {
        if self.peek()? == byte {
            self.at += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Bail> {
        if self.eat(byte)? { Ok(()) } else { Err(Bail) }
    }

    /// Enters an object if one comes next and gives `true`; skips any other value and gives
    /// `false`.
    pub(crate) fn begin_object(&mut self) -> Result<bool, Bail> {
        self.begin(b'{')
    }

    /// Enters the container that `open` starts if it comes next; skips any other value.
    fn begin(&mut self, open: u8) -> Result<bool, Bail> {
        if self.peek()? == open {
            self.at += 1;
            self.enter()?;
            Ok(true)
        } else {
            self.skip()?;
            Ok(false)
        }
    }

    /// Moves past what comes before the next member or element of the container that `close`
    /// ends (nothing before the first, a comma before the others) and gives `true`, or
    /// consumes its end and gives `false`.
    #[inline]
    fn next_in(&mut self, close: u8, first: &mut bool) -> Result<bool, Bail> {
        let byte = self.peek()?;
        if byte == close {
            self.at += 1;
            self.depth -= 1;
            return Ok(false);
        }
        if !std::mem::take(first) {
            if byte != b',' {
                return Err(Bail);
            }
            self.at += 1;
            if self.peek()? == close {
                return Err(Bail);
            }
        }
        Ok(true)
    }

    /// The next key of the object entered with [`begin_object`](Self::begin_object), with its
    /// colon consumed, or `None` at its end. `first` is `true` before the first key.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, Bail> {
        if !self.key_starts(first)? {
            return Ok(None);
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(Some(key))
    }

    /// [`next_key`](Self::next_key) for a model whose keys are `keys` (each written as it
    /// comes in compact JSON: `"name":`), as the index of the field it names: `field_of`
    /// gives that index for any key (`keys.len()` or more for a key of no field). When
    /// `keys[expect]` is the key most likely to come (Spotify sends keys in a steady order,
    /// which the models follow) and it comes in the compact form, with its comma, it is
    /// recognised by its bytes alone, without reading it as a string.
    #[inline(always)]
    pub(crate) fn next_field(
        &mut self,
        first: &mut bool,
        keys: &[&[u8]],
        expect: usize,
        field_of: fn(&str) -> usize,
    ) -> Result<Option<usize>, Bail> {
        if let Some(key) = keys.get(expect) {
            // The names are plain identifiers: as JSON they need no escapes.
            let bytes = self.bytes();
            let at = if *first { self.at } else { self.at + 1 };
            if (*first || bytes.get(self.at) == Some(&b',')) && starts_with(bytes, at, key) {
                *first = false;
                self.at = at + key.len();
                return Ok(Some(expect));
            }
        }
        // The end of the object, as it comes in compact JSON.
        if self.bytes().get(self.at) == Some(&b'}') {
            self.at += 1;
            self.depth -= 1;
            return Ok(None);
        }
        self.other_field(first, field_of)
    }

    /// [`next_field`](Self::next_field) when the key is not the one expected (or not in the
    /// compact form), or the object ends.
    #[inline(never)]
    fn other_field(
        &mut self,
        first: &mut bool,
        field_of: fn(&str) -> usize,
    ) -> Result<Option<usize>, Bail> {
        if !self.key_starts(first)? {
            return Ok(None);
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(Some(field_of(&key)))
    }

    /// Moves to the start of the next key (its quote) and gives `true`, or consumes the end
    /// of the object and gives `false`.
    #[inline]
    fn key_starts(&mut self, first: &mut bool) -> Result<bool, Bail> {
        if !self.next_in(b'}', first)? {
            return Ok(false);
        }
        if self.peek()? != b'"' {
            return Err(Bail);
        }
        Ok(true)
    }

    /// Enters an array if one comes next and gives `true`; skips any other value and gives
    /// `false`.
    pub(crate) fn begin_array(&mut self) -> Result<bool, Bail> {
        self.begin(b'[')
    }

    /// Whether another element of the array entered with [`begin_array`](Self::begin_array)
    /// follows (with its comma consumed); `false` at its end.
    pub(crate) fn next_element(&mut self, first: &mut bool) -> Result<bool, Bail> {
        self.next_in(b']', first)
    }

    /// The rest of the text from where the reader is (after whitespace), for a scan of its own;
    /// the scan then calls [`advance`](Self::advance) by what it read.
    pub(crate) fn rest(&mut self) -> Result<&'a str, Bail> {
        self.peek()?;
        self.text.get(self.at..).ok_or(Bail)
    }

    /// Moves on by `len` bytes that a scan of [`rest`](Self::rest) has read.
    pub(crate) fn advance(&mut self, len: usize) {
        self.at += len;
    }

    /// A string, which must come next.
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Bail> {
        if self.peek()? != b'"' {
            return Err(Bail);
        }
        let bytes = self.bytes();
        let start = self.at + 1;
        let mut at = start;
        loop {
            // Eight bytes at a time, straight to the first that ends the run.
            let (words, _) = bytes.get(at..).ok_or(Bail)?.as_chunks::<8>();
            for word in words {
                let stops = string_stops(u64::from_le_bytes(*word));
                if stops != 0 {
                    at += (stops.trailing_zeros() / 8) as usize;
                    break;
                }
                at += 8;
            }
            match *bytes.get(at).ok_or(Bail)? {
                b'"' => {
                    self.at = at + 1;
                    return self.text.get(start..at).map(Cow::Borrowed).ok_or(Bail);
                }
                b'\\' => return self.escaped(start, at).map(Cow::Owned),
                byte if byte < 0x20 => return Err(Bail),
                _ => at += 1,
            }
        }
    }

    /// The rest of a string from its first backslash at `at`: unescaped into a `String`.
    /// Out of line, so that the plain case stays small.
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, start: usize, mut at: usize) -> Result<String, Bail> {
        let bytes = self.bytes();
        let mut out = String::with_capacity(at - start + 16);
        out.push_str(self.text.get(start..at).ok_or(Bail)?);
        loop {
            let run = at;
            while let Some(&byte) = bytes.get(at) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                at += 1;
            }
            out.push_str(self.text.get(run..at).ok_or(Bail)?);
            match *bytes.get(at).ok_or(Bail)? {
                b'"' => {
                    self.at = at + 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape = *bytes.get(at + 1).ok_or(Bail)?;
                    at += 2;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let unit = hex4(bytes, at)?;
                            at += 4;
                            let code = match unit {
                                0xD800..=0xDBFF => {
                                    // A surrogate pair: the low half must follow at once.
                                    if bytes.get(at..at + 2) != Some(b"\\u") {
                                        return Err(Bail);
                                    }
                                    let low = hex4(bytes, at + 2)?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return Err(Bail);
                                    }
                                    at += 6;
                                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err(Bail),
                                other => other,
                            };
                            out.push(char::from_u32(code).ok_or(Bail)?);
                        }
                        _ => return Err(Bail),
                    }
                }
                _ => return Err(Bail),
            }
        }
    }

    /// A number, which must come next, as serde_json would report it.
    ///
    /// A decimal is computed as serde_json computes it (without its `float_roundtrip`
    /// feature): the digits as an integer, times or divided by a power of ten. That is done
    /// here the same way where the power is one `f64` holds exactly (up to `1e22`); a number
    /// beyond that (or with more digits than a `u64` holds) is left to serde_json.
    pub(crate) fn number(&mut self) -> Result<Number, Bail> {
        self.peek()?;
        let bytes = self.bytes();
        let mut at = self.at;
        let negative = bytes.get(at) == Some(&b'-');
        if negative {
            at += 1;
        }
        // The digits before and after the point, as one integer.
        let mut significand: u64 = 0;
        let mut push = |digit: u8| -> Result<(), Bail> {
            significand = significand
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(digit - b'0')))
                .ok_or(Bail)?;
            Ok(())
        };
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => {
                while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                    push(digit)?;
                    at += 1;
                }
            }
            _ => return Err(Bail),
        }
        let mut float = false;
        let mut exponent: i32 = 0;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let first = at;
            while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                push(digit)?;
                exponent -= 1;
                at += 1;
            }
            if at == first {
                return Err(Bail);
            }
            float = true;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            let sign = match bytes.get(at) {
                Some(b'-') => {
                    at += 1;
                    -1
                }
                Some(b'+') => {
                    at += 1;
                    1
                }
                _ => 1,
            };
            let first = at;
            let mut power: i32 = 0;
            while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                // Anything past a few digits is out of the range handled here anyway.
                power = (power * 10 + i32::from(digit - b'0')).min(10_000);
                at += 1;
            }
            if at == first {
                return Err(Bail);
            }
            exponent += sign * power;
            float = true;
        }
        self.at = at;
        if !float {
            if !negative {
                return Ok(Number::Unsigned(significand));
            }
            // As serde_json: `-0` and values below `i64::MIN` are floats.
            let negated = (significand as i64).wrapping_neg();
            if negated < 0 {
                return Ok(Number::Signed(negated));
            }
            return Ok(Number::Float(-(significand as f64)));
        }
        let power = *POW10.get(exponent.unsigned_abs() as usize).ok_or(Bail)?;
        let magnitude = if exponent >= 0 {
            significand as f64 * power
        } else {
            significand as f64 / power
        };
        Ok(Number::Float(if negative { -magnitude } else { magnitude }))
    }

    /// `true`, `false` or `null`, which must come next: `Some(bool)`, or `None` for `null`.
    fn literal(&mut self) -> Result<Option<bool>, Bail> {
        let rest = self.bytes().get(self.at..).ok_or(Bail)?;
        let (value, len) = if rest.starts_with(b"true") {
            (Some(true), 4)
        } else if rest.starts_with(b"false") {
            (Some(false), 5)
        } else if rest.starts_with(b"null") {
            (None, 4)
        } else {
            return Err(Bail);
        };
        self.at += len;
        Ok(value)
    }

    /// A scalar of any kind, handed to `T`'s constructors as serde_json hands it to a
    /// visitor; `None` for `null`, for an array or an object (skipped), or for a value `T`
    /// cannot be made from.
    pub(crate) fn scalar<T: crate::lenient::Scalar>(&mut self) -> Result<Option<T>, Bail> {
        Ok(match self.peek()? {
            b'"' => match self.string()? {
                Cow::Borrowed(text) => T::from_str(text),
                Cow::Owned(text) => T::from_string(text),
            },
            b't' | b'f' | b'n' => self.literal()?.and_then(T::from_bool),
            b'[' | b'{' => {
                self.skip()?;
                None
            }
            _ => match self.number()? {
                Number::Unsigned(v) => T::from_u64(v),
                Number::Signed(v) => T::from_i64(v),
                Number::Float(v) => T::from_f64(v),
            },
        })
    }

    /// Whether `null` comes next (consumed if so).
    pub(crate) fn null(&mut self) -> Result<bool, Bail> {
        if self.peek()? == b'n' {
            self.literal()?.map_or(Ok(true), |_| Err(Bail))
        } else {
            Ok(false)
        }
    }

    /// Skips one value of any kind, checking that it is JSON. Nested values are followed with
    /// a stack of bits, not recursion.
    pub(crate) fn skip(&mut self) -> Result<(), Bail> {
        // Bit `n` of `objects` says whether open level `n` (from 0) is an object.
        let mut objects: u128 = 0;
        let mut open: u32 = 0;
        loop {
            // A value starts here.
            match self.peek()? {
                b'{' => {
                    self.at += 1;
                    self.enter()?;
                    if self.eat(b'}')? {
                        self.depth -= 1;
                    } else {
                        objects |= 1 << open;
                        open += 1;
                        self.string()?;
                        self.expect(b':')?;
                        continue;
                    }
                }
                b'[' => {
                    self.at += 1;
                    self.enter()?;
                    if self.eat(b']')? {
                        self.depth -= 1;
                    } else {
                        objects &= !(1 << open);
                        open += 1;
                        continue;
                    }
                }
                b'"' => {
                    self.string()?;
                }
                b't' | b'f' | b'n' => {
                    self.literal()?;
                }
                _ => {
                    self.number()?;
                }
            }
            // A value has ended: close what ends with it, then find the next value.
            loop {
                if open == 0 {
                    return Ok(());
                }
                let in_object = objects & (1 << (open - 1)) != 0;
                match self.peek()? {
                    b',' => {
                        self.at += 1;
                        if in_object {
                            self.string()?;
                            self.expect(b':')?;
                        }
                        break;
                    }
                    b'}' if in_object => {}
                    b']' if !in_object => {}
                    _ => return Err(Bail),
                }
                self.at += 1;
                self.depth -= 1;
                open -= 1;
            }
        }
    }

    /// Where the reader is (after whitespace is skipped with [`peek`](Self::peek)).
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// The text read since `start` (a [`position`](Self::position)).
    pub(crate) fn since(&self, start: usize) -> Result<&'a str, Bail> {
        self.text.get(start..self.at).ok_or(Bail)
    }

    /// Skips one value and gives its text (for a type that reads it more than once).
    pub(crate) fn capture(&mut self) -> Result<&'a str, Bail> {
        self.peek()?;
        let start = self.at;
        self.skip()?;
        self.text.get(start..self.at).ok_or(Bail)
    }

    /// A JSON array of `T`, leniently: elements of the wrong kind are left out; `None` (the
    /// value skipped) when it is not an array.
    pub(crate) fn list<T: crate::lenient::Lenient>(&mut self) -> Result<Option<Vec<T>>, Bail> {
        if !self.begin_array()? {
            return Ok(None);
        }
        let mut items = Vec::new();
        let mut first = true;
        while self.next_element(&mut first)? {
            if let Some(item) = T::read(self)? {
                items.push(item);
            }
        }
        Ok(Some(items))
    }
}

/// The powers of ten that an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Four hex digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Result<u32, Bail> {
    let digits = bytes.get(at..at + 4).ok_or(Bail)?;
    digits.iter().try_fold(0u32, |acc, &digit| {
        let value = (digit as char).to_digit(16).ok_or(Bail)?;
        Ok(acc * 16 + value)
    })
}

/// A seed with a fast path: what a decode reads at the top of a body, either way.
pub(crate) trait ReadSeed<'de>: serde::de::DeserializeSeed<'de> {
    /// The value [`deserialize`](serde::de::DeserializeSeed::deserialize) gives, read from
    /// the text; [`Bail`] where that is left to serde_json.
    fn read(self, reader: &mut Reader<'de>) -> Result<Self::Value, Bail>;
}

/// The seed of a body that is one `T`, decoded by `T`'s own `Deserialize`: a model must be a
/// JSON object, an `Option` of one may also be `null`.
///
/// Its fast path takes only an object (which `T` reads as the serde way does, for a model or
/// an `Option` of one); anything else is left to serde_json.
pub(crate) struct Strict<T>(std::marker::PhantomData<T>);

impl<T> Strict<T> {
    pub(crate) fn new() -> Self {
        Strict(std::marker::PhantomData)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::de::DeserializeSeed<'de> for Strict<T> {
    type Value = T;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

impl<'de, T: serde::Deserialize<'de> + crate::lenient::Lenient> ReadSeed<'de> for Strict<T> {
    fn read(self, reader: &mut Reader<'de>) -> Result<T, Bail> {
        if !T::OBJECT || reader.peek()? != b'{' {
            return Err(Bail);
        }
        T::read(reader)?.ok_or(Bail)
    }
}

/// Reads the text of one JSON object as `T` on the fast path, or else as serde_json does.
pub(crate) fn model_from_text<T>(text: &str) -> serde_json::Result<T>
where
    T: serde::de::DeserializeOwned + crate::lenient::Lenient,
{
    match read_whole(text, Strict::<T>::new()) {
        Some(value) => Ok(value),
        None => serde_json::from_str(text),
    }
}

/// The fast path over a whole text: what `seed` reads from it with nothing after it, or
/// `None` where the reader leaves the text to serde_json. The one place a whole body is read
/// this way (the pipeline's decode, playable items, the bench's hook).
pub(crate) fn read_whole<'de, S: ReadSeed<'de>>(text: &'de str, seed: S) -> Option<S::Value> {
    let mut reader = Reader::new(text);
    let value = seed.read(&mut reader).ok()?;
    reader.end().ok()?;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(text: &str) -> Result<usize, Bail> {
        let mut reader = Reader::new(text);
        reader.skip()?;
        Ok(reader.at)
    }

    #[test]
    fn skip_follows_nesting_and_stops_after_the_value() {
        let text = r#"{"a":[1,{"b":"x\"y"},[],{}],"c":null} ,"#;
        assert_eq!(skipped(text), Ok(text.len() - 2));
        assert_eq!(skipped("[[[]]]"), Ok(6));
        assert_eq!(skipped(r#""plain""#), Ok(7));
    }

    #[test]
    fn skip_refuses_what_is_not_json() {
        for bad in [
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "[}",
            "{]",
            "[",
            "\"open",
            "[01]",
            "1.",
            "-",
            "1e",
            "tru",
            "nul",
            "\"\\x\"",
            "\"tab\there\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "1e999",
        ] {
            assert_eq!(skipped(bad), Err(Bail), "{bad}");
        }
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_left_to_serde() {
        let depth = MAX_DEPTH as usize;
        let fits = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(skipped(&fits), Ok(fits.len()));
        let deeper = format!("[{fits}]");
        assert_eq!(skipped(&deeper), Err(Bail));
    }

    #[test]
    fn strings_are_unescaped_and_borrowed_when_plain() {
        let mut reader = Reader::new(r#""a plain string, long enough for two words""#);
        assert!(matches!(reader.string(), Ok(Cow::Borrowed(_))));
        let mut reader = Reader::new(r#""caf\u00e9 \"\\\/\b\f\n\r\t \ud83c\udfb5 end""#);
        assert_eq!(
            reader.string().as_deref(),
            Ok("café \"\\/\u{8}\u{c}\n\r\t 🎵 end")
        );
        let mut reader = Reader::new("\"naïve ♫\"");
        assert_eq!(reader.string().as_deref(), Ok("naïve ♫"));
    }

    #[test]
    fn numbers_come_out_as_serde_json_reports_them() {
        let number = |text: &str| Reader::new(text).number();
        assert_eq!(number("640"), Ok(Number::Unsigned(640)));
        assert_eq!(number("-3"), Ok(Number::Signed(-3)));
        assert_eq!(number("640.0"), Ok(Number::Float(640.0)));
        assert_eq!(number("-0"), Ok(Number::Float(-0.0)));
        assert_eq!(number("1e2"), Ok(Number::Float(100.0)));
        assert_eq!(
            number("18446744073709551615"),
            Ok(Number::Unsigned(u64::MAX))
        );
        assert_eq!(number("1E2"), Ok(Number::Float(100.0)));
        assert_eq!(number("0.5e1"), Ok(Number::Float(5.0)));
        assert_eq!(number("-0.0"), Ok(Number::Float(-0.0)));
        assert_eq!(number("25e-1"), Ok(Number::Float(2.5)));
        // serde_json's arithmetic, not the nearest double: 0.5, where `str::parse` gives
        // 0.49999999999999994 (and a whole-number field would round to 0, not 1).
        let serde: f64 = serde_json::from_str("0.49999999999999997").unwrap();
        assert_eq!(serde, 0.5);
        assert_eq!(number("0.49999999999999997"), Ok(Number::Float(serde)));
        // Beyond what is done the same way here: left to serde_json.
        assert_eq!(number("18446744073709551616"), Err(Bail));
        assert_eq!(number("1.7976931348623158e308"), Err(Bail));
        assert_eq!(number("1e23"), Err(Bail));
        assert_eq!(number("-9223372036854775808"), Ok(Number::Signed(i64::MIN)));
        assert_eq!(
            number("-9223372036854775809"),
            Ok(Number::Float(-9223372036854775809.0))
        );
    }

    #[test]
    fn numbers_end_where_serde_json_ends_them() {
        // Each number followed by what may come after it: read as serde_json reads it alone,
        // and the reader left just after it.
        let cases = [
            "0",
            "7",
            "640",
            "137133",
            "999999999999999999",
            "1000000000000000000",
            "9999999999999999999",
            "18446744073709551615",
            "12.5",
            "12e1",
            "12E1",
            "100E-2",
            "0e0",
            "0.0",
            "5.",
            "3e",
        ];
        for number in cases {
            for after in ["", ",", "]", "}", " ", "\n"] {
                let text = format!("{number}{after}");
                let mut reader = Reader::new(&text);
                let read = reader.number();
                match serde_json::from_str::<serde_json::Number>(number) {
                    Ok(serde) => {
                        let serde = if let Some(v) = serde.as_u64() {
                            Number::Unsigned(v)
                        } else if let Some(v) = serde.as_i64() {
                            Number::Signed(v)
                        } else {
                            Number::Float(serde.as_f64().expect("a number"))
                        };
                        assert_eq!(read, Ok(serde), "{text:?}");
                        assert_eq!(reader.position(), number.len(), "{text:?}");
                    }
                    Err(_) => assert_eq!(read, Err(Bail), "{text:?}"),
                }
            }
        }
        // A leading zero ends the number, as JSON says: what follows is for the caller.
        let mut reader = Reader::new("01,");
        assert_eq!(reader.number(), Ok(Number::Unsigned(0)));
        assert_eq!(reader.position(), 1);
    }

    #[test]
    fn the_string_stop_finder_sees_every_stop_byte_in_any_lane() {
        for lane in 0..8 {
            for stop in [b'"', b'\\', 0x00, 0x1f] {
                let mut word = *b"abcdefgh";
                word[lane] = stop;
                let stops = string_stops(u64::from_le_bytes(word));
                assert_eq!(stops.trailing_zeros() / 8, lane as u32, "{stop} at {lane}");
                // Whatever follows the first stop, it is found first.
                word[7] = b'"';
                let stops = string_stops(u64::from_le_bytes(word));
                assert_eq!(stops.trailing_zeros() / 8, lane as u32, "{stop} at {lane}");
            }
        }
        assert_eq!(string_stops(u64::from_le_bytes(*b" ~!#[]\x7f\xff")), 0);
    }
}
