//! JSON data as the validators read it: a flat tape of fixed-size nodes over borrowed text.
//!
//! A tape is a sequence of nodes in document order, four `u32` words each: a tag and three
//! operands. Strings are byte ranges of one shared text; an object is followed by its members
//! (a key string node, then the value's nodes) and records the index just past its last node.
//! A key node also carries a hash of the key (in the tag word) and the index of the next key,
//! so that a lookup compares one word per member and skips nested values in one step. Arrays
//! keep only their type (no validator reads
//! inside one), and numbers only what the validators ask of them: an `i64`, "too big", or "not
//! an integer" ([`Integral`]).
//!
//! Two producers write the same format: [`Tape::from_value`] (the host, the transport and the
//! proxy, which hold a `serde_json::Value`) and the JS layer of the wasm package, which walks a
//! JS value into wasm memory (see `src/wasm/js/validate.js`); [`View::load`] checks such a raw
//! tape and finishes it (byte offsets, numbers given as text). Reading a tape never allocates.

use serde_json::Value;

/// Node tags (the first word of a node). The JS layer writes the same numbers.
pub(crate) mod tag {
    /// `null`
    pub(crate) const NULL: u32 = 0;
    /// `false`
    pub(crate) const FALSE: u32 = 1;
    /// `true`
    pub(crate) const TRUE: u32 = 2;
    /// An integer fitting `i64`: low and high 32 bits.
    pub(crate) const INT: u32 = 3;
    /// An integer outside the `i64` range.
    pub(crate) const HUGE: u32 = 4;
    /// A number with a fraction.
    pub(crate) const FRACTION: u32 = 5;
    /// A string: byte offset and byte length in the text (raw tapes: UTF-16 length). As an
    /// object key, the tag word also holds the key's [`super::key_hash`] above the tag byte and
    /// the third operand is the node index of the next key (or the object's end).
    pub(crate) const STRING: u32 = 6;
    /// An array (its elements are not recorded).
    pub(crate) const ARRAY: u32 = 7;
    /// An object: member count and the node index just past its last member.
    pub(crate) const OBJECT: u32 = 8;
    /// Raw tapes only: a number as its JSON text (UTF-16 length), read by [`super::View::load`].
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    pub(crate) const NUMBER_TEXT: u32 = 9;
}

/// Words per node.
const NODE: usize = 4;

/// The tag part of a node's first word.
const TAG_BITS: u32 = 0xff;

/// The hash of a key as a key node's first word holds it, above the tag byte: the length, the
/// first and the last byte (the keys validators ask for all differ there; equal hashes are then
/// compared in full).
pub(crate) fn key_hash(key: &str) -> u32 {
    let bytes = key.as_bytes();
    let first = bytes.first().copied().unwrap_or(0);
    let last = bytes.last().copied().unwrap_or(0);
    (bytes.len() as u32 & 0xff) << 8 | u32::from(first) << 16 | u32::from(last) << 24
}

/// Objects nested deeper than this keep their type but not their members (no validator reads
/// below the second level); it also bounds the recursion of the producers.
pub(crate) const MAX_DEPTH: usize = 16;

/// How a JSON number reads as an integer (`2` and `2.0` are integers; `2.5` is not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Integral {
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer outside the `i64` range.
    Huge,
    /// Not an integer (fractional, NaN-like).
    Fraction,
}

/// Classifies a JSON number.
pub(crate) fn integral(n: &serde_json::Number) -> Integral {
    if let Some(i) = n.as_i64() {
        return Integral::Int(i);
    }
    if n.is_u64() {
        return Integral::Huge;
    }
    match n.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 => {
            // The bounds are exact powers of two, so the comparison is exact.
            if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
                Integral::Int(f as i64)
            } else {
                Integral::Huge
            }
        }
        _ => Integral::Fraction,
    }
}

/// A JSON value read from a tape.
#[derive(Clone, Copy)]
pub(crate) enum Json<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as an integer reading.
    Number(Integral),
    /// A string.
    String(&'a str),
    /// An array (contents not recorded).
    Array,
    /// An object.
    Object(Members<'a>),
}

impl<'a> Json<'a> {
    /// The string, if this is one.
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// True for `null`.
    pub(crate) fn is_null(self) -> bool {
        matches!(self, Json::Null)
    }

    /// The value of `key` if this is an object holding it.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    pub(crate) fn get(self, key: &str) -> Option<Json<'a>> {
        match self {
            Json::Object(members) => members.get(key),
            _ => None,
        }
    }
}

/// A finished tape: nodes and the text their strings point into.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    words: &'a [u32],
    text: &'a str,
}

/// The members of an object on a tape.
#[derive(Clone, Copy)]
pub(crate) struct Members<'a> {
    view: View<'a>,
    /// Node index of the first key.
    first: usize,
    count: u32,
}

impl<'a> View<'a> {
    /// The words of node `at` (a `null` node past the end).
    #[inline(always)]
    fn node(self, at: usize) -> [u32; NODE] {
        let start = at.wrapping_mul(NODE);
        match self.words.get(start..start.wrapping_add(NODE)) {
            Some(&[t, a, b, c]) => [t, a, b, c],
            _ => [tag::NULL, 0, 0, 0],
        }
    }

    #[inline(always)]
    fn str_at(self, a: u32, b: u32) -> &'a str {
        let start = a as usize;
        self.text
            .get(start..start.wrapping_add(b as usize))
            .unwrap_or_default()
    }

    /// The value at node `at`.
    fn value(self, at: usize) -> Json<'a> {
        let [t, a, b, _] = self.node(at);
        match t & TAG_BITS {
            tag::FALSE => Json::Bool(false),
            tag::TRUE => Json::Bool(true),
            tag::INT => Json::Number(Integral::Int((u64::from(b) << 32 | u64::from(a)) as i64)),
            tag::HUGE => Json::Number(Integral::Huge),
            tag::FRACTION => Json::Number(Integral::Fraction),
            tag::STRING => Json::String(self.str_at(a, b)),
            tag::ARRAY => Json::Array,
            tag::OBJECT => Json::Object(Members {
                view: self,
                first: at.saturating_add(1),
                // Each member takes two nodes at least: no count beyond what the tape holds.
                count: a.min(u32::try_from(self.words.len() / NODE / 2).unwrap_or(u32::MAX)),
            }),
            _ => Json::Null,
        }
    }

    /// The root value.
    pub(crate) fn root(self) -> Json<'a> {
        self.value(0)
    }

    /// Checks and finishes a raw tape written by the JS layer: `words` (whole nodes) and the
    /// UTF-8 `text` holding every string in node order. Strings arrive as UTF-16 lengths and
    /// become byte ranges; numbers given as text are classified. `None` when the tape is not
    /// well formed (it never panics, whatever the words).
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    pub(crate) fn load(words: &'a mut [u32], text: &'a [u8]) -> Option<View<'a>> {
        let text = core::str::from_utf8(text).ok()?;
        let mut loader = Loader {
            words,
            text,
            cursor: 0,
        };
        let end = loader.value(0, 0)?;
        let nodes = loader.words.len() / NODE;
        if end != nodes || loader.cursor != text.len() {
            return None;
        }
        Some(View {
            words: loader.words,
            text,
        })
    }
}

/// The state of [`View::load`]: the words being finished and the position in the text.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
struct Loader<'w, 't> {
    words: &'w mut [u32],
    text: &'t str,
    /// Byte offset of the next string in `text`.
    cursor: usize,
}

#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
impl Loader<'_, '_> {
    /// Finishes the value at node `at`; returns the node index past it.
    fn value(&mut self, at: usize, depth: usize) -> Option<usize> {
        let start = at.checked_mul(NODE)?;
        let [t, count, end, _] = match self.words.get(start..start.checked_add(NODE)?) {
            Some(&[t, a, b, c]) => [t, a, b, c],
            _ => return None,
        };
        let finished = match t {
            tag::NULL
            | tag::FALSE
            | tag::TRUE
            | tag::INT
            | tag::HUGE
            | tag::FRACTION
            | tag::ARRAY => return Some(at + 1),
            tag::STRING => {
                let (offset, len) = self.take(end)?;
                [tag::STRING, offset, len, 0]
            }
            tag::NUMBER_TEXT => {
                let (offset, len) = self.take(end)?;
                let text = self.text.get(offset as usize..(offset + len) as usize)?;
                match serde_json::from_str::<Value>(text).ok()? {
                    Value::Number(n) => number_node(integral(&n)),
                    _ => return None,
                }
            }
            tag::OBJECT => {
                // Objects at MAX_DEPTH arrive without members (see `Tape::push`).
                if depth >= MAX_DEPTH && count > 0 {
                    return None;
                }
                let mut next = at + 1;
                for _ in 0..count {
                    let key = next;
                    let key_start = key.checked_mul(NODE)?;
                    let units = match self.words.get(key_start..key_start.checked_add(NODE)?) {
                        Some(&[tag::STRING, _, units, _]) => units,
                        _ => return None,
                    };
                    let (offset, len) = self.take(units)?;
                    let hash = key_hash(self.text.get(offset as usize..(offset + len) as usize)?);
                    next = self.value(key + 1, depth + 1)?;
                    let node = [tag::STRING | hash, offset, len, u32::try_from(next).ok()?];
                    self.words
                        .get_mut(key_start..key_start + NODE)?
                        .copy_from_slice(&node);
                }
                return (end as usize == next).then_some(next);
            }
            _ => return None,
        };
        self.words
            .get_mut(start..start + NODE)?
            .copy_from_slice(&finished);
        Some(at + 1)
    }

    /// Takes the next string of `units` UTF-16 code units from the text: (offset, byte length).
    fn take(&mut self, units: u32) -> Option<(u32, u32)> {
        let rest = self.text.get(self.cursor..)?;
        let units = units as usize;
        let len = match rest.as_bytes().get(..units) {
            // ASCII: one byte per unit.
            Some(head) if head.iter().all(|&b| b < 0x80) => units,
            _ => {
                let mut seen = 0;
                let mut len = 0;
                for c in rest.chars() {
                    if seen >= units {
                        break;
                    }
                    seen += c.len_utf16();
                    len += c.len_utf8();
                }
                if seen != units {
                    return None;
                }
                len
            }
        };
        let offset = u32::try_from(self.cursor).ok()?;
        self.cursor += len;
        Some((offset, u32::try_from(len).ok()?))
    }
}

fn number_node(n: Integral) -> [u32; NODE] {
    match n {
        Integral::Int(i) => [tag::INT, i as u32, (i >> 32) as u32, 0],
        Integral::Huge => [tag::HUGE, 0, 0, 0],
        Integral::Fraction => [tag::FRACTION, 0, 0, 0],
    }
}

impl<'a> Members<'a> {
    /// The value of `key`, `null` included.
    pub(crate) fn get(self, key: &str) -> Option<Json<'a>> {
        let want = tag::STRING | key_hash(key);
        let mut at = self.first;
        for _ in 0..self.count {
            let [t, a, b, next] = self.view.node(at);
            if t == want && self.view.str_at(a, b) == key {
                return Some(self.view.value(at.wrapping_add(1)));
            }
            at = next as usize;
        }
        None
    }

    /// Every (key, value) pair, in tape order.
    pub(crate) fn iter(self) -> impl Iterator<Item = (&'a str, Json<'a>)> {
        let mut at = self.first;
        (0..self.count).map(move |_| {
            let [_, a, b, next] = self.view.node(at);
            let value = at.wrapping_add(1);
            at = next as usize;
            (self.view.str_at(a, b), self.view.value(value))
        })
    }

    /// The keys in `serde_json::Map` order (sorted by bytes), whatever order the tape has.
    pub(crate) fn sorted_keys(self) -> serde_json::Map<String, Value> {
        // A `serde_json::Map` sorts them: its code is in the wasm already, a slice sort is KBs.
        let mut map = serde_json::Map::new();
        for (key, _) in self.iter() {
            map.insert(key.to_owned(), Value::Null);
        }
        map
    }
}

/// An owned tape built from a `serde_json::Value`.
pub(crate) struct Tape {
    words: Vec<u32>,
    text: String,
}

impl Tape {
    /// The tape of `value` (object members in the map's order).
    pub(crate) fn from_value(value: &Value) -> Tape {
        let mut tape = Tape {
            words: Vec::new(),
            text: String::new(),
        };
        tape.push(value, 0);
        tape
    }

    /// The tape for reading.
    pub(crate) fn view(&self) -> View<'_> {
        View {
            words: &self.words,
            text: &self.text,
        }
    }

    fn push_node(&mut self, node: [u32; NODE]) {
        self.words.extend_from_slice(&node);
    }

    /// The text range of `s`, appended to the text.
    fn push_text(&mut self, s: &str) -> (u32, u32) {
        // Texts beyond 4 GiB cannot be addressed; they read as empty (no such body exists).
        let offset = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(s);
        (offset, u32::try_from(s.len()).unwrap_or(0))
    }

    fn nodes(&self) -> u32 {
        u32::try_from(self.words.len() / NODE).unwrap_or(u32::MAX)
    }

    fn push(&mut self, value: &Value, depth: usize) {
        match value {
            Value::Null => self.push_node([tag::NULL, 0, 0, 0]),
            Value::Bool(false) => self.push_node([tag::FALSE, 0, 0, 0]),
            Value::Bool(true) => self.push_node([tag::TRUE, 0, 0, 0]),
            Value::Number(n) => self.push_node(number_node(integral(n))),
            Value::String(s) => {
                let (offset, len) = self.push_text(s);
                self.push_node([tag::STRING, offset, len, 0]);
            }
            Value::Array(_) => self.push_node([tag::ARRAY, 0, 0, 0]),
            Value::Object(map) => {
                let at = self.words.len();
                let deep = depth >= MAX_DEPTH;
                let count = if deep { 0 } else { map.len() };
                self.push_node([tag::OBJECT, u32::try_from(count).unwrap_or(0), 0, 0]);
                if !deep {
                    for (key, value) in map {
                        let key_at = self.words.len();
                        let (offset, len) = self.push_text(key);
                        self.push_node([tag::STRING | key_hash(key), offset, len, 0]);
                        self.push(value, depth + 1);
                        let next = self.nodes();
                        if let Some(slot) = self.words.get_mut(key_at + 3) {
                            *slot = next;
                        }
                    }
                }
                let end = self.nodes();
                if let Some(slot) = self.words.get_mut(at + 2) {
                    *slot = end;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(nodes: &[[u32; 3]]) -> Vec<u32> {
        // The JS layout: three operands written, the fourth word zero.

        nodes.iter().flat_map(|&[t, a, b]| [t, a, b, 0]).collect()
    }

    #[test]
    fn reads_a_tape_built_from_a_value() {
        let value = json!({"b": "x", "a": {"c": null, "d": [1, {"e": 2}]}, "n": -5,
                           "h": u64::MAX, "f": 1.5, "t": true, "z": 2.0});
        let tape = Tape::from_value(&value);
        let root = tape.view().root();
        let Json::Object(members) = root else {
            panic!("an object")
        };
        assert!(members
            .sorted_keys()
            .keys()
            .eq(["a", "b", "f", "h", "n", "t", "z"]));
        assert_eq!(root.get("b").and_then(Json::as_str), Some("x"));
        assert!(matches!(
            root.get("n"),
            Some(Json::Number(Integral::Int(-5)))
        ));
        assert!(matches!(root.get("h"), Some(Json::Number(Integral::Huge))));
        assert!(matches!(
            root.get("f"),
            Some(Json::Number(Integral::Fraction))
        ));
        assert!(matches!(
            root.get("z"),
            Some(Json::Number(Integral::Int(2)))
        ));
        assert!(matches!(root.get("t"), Some(Json::Bool(true))));
        let a = root.get("a").unwrap();
        assert!(a.get("c").unwrap().is_null());
        assert!(matches!(a.get("d"), Some(Json::Array)));
        assert!(root.get("missing").is_none());
    }

    #[test]
    fn loads_a_raw_tape_with_utf16_lengths_and_number_text() {
        // {"é": "a😀", "n": 1e21, "m": 2.5}: strings in node order.
        let text = "éa😀n1e+21m2.5";
        let mut words = raw(&[
            [tag::OBJECT, 3, 7],
            [tag::STRING, 0, 1],
            [tag::STRING, 0, 3],
            [tag::STRING, 0, 1],
            [tag::NUMBER_TEXT, 0, 5],
            [tag::STRING, 0, 1],
            [tag::NUMBER_TEXT, 0, 3],
        ]);
        let view = View::load(&mut words, text.as_bytes()).expect("well formed");
        let root = view.root();
        assert_eq!(root.get("é").and_then(Json::as_str), Some("a😀"));
        assert!(matches!(root.get("n"), Some(Json::Number(Integral::Huge))));
        assert!(matches!(
            root.get("m"),
            Some(Json::Number(Integral::Fraction))
        ));
    }

    #[test]
    fn refuses_malformed_raw_tapes() {
        let cases: &[(&[[u32; 3]], &str)] = &[
            (&[], ""),
            (&[[99, 0, 0]], ""),
            (&[[tag::STRING, 0, 4]], "abc"),
            (&[[tag::STRING, 0, 2]], "abc"),
            (&[[tag::OBJECT, 1, 2], [tag::NULL, 0, 0]], ""),
            (
                &[[tag::OBJECT, 1, 9], [tag::STRING, 0, 1], [tag::NULL, 0, 0]],
                "a",
            ),
            (&[[tag::OBJECT, u32::MAX, 0]], ""),
            (&[[tag::NUMBER_TEXT, 0, 1]], "x"),
            (&[[tag::NULL, 0, 0], [tag::NULL, 0, 0]], ""),
            // A string ending inside a surrogate pair.
            (&[[tag::STRING, 0, 1]], "😀"),
        ];
        for (nodes, text) in cases {
            let mut words = raw(nodes);
            assert!(
                View::load(&mut words, text.as_bytes()).is_none(),
                "{nodes:?}"
            );
        }
        let mut words = vec![tag::STRING, 0, 1, 0];
        assert!(View::load(&mut words, &[0xff]).is_none());
    }

    #[test]
    fn junk_tapes_never_panic() {
        // Every short word sequence over the tags and small numbers, with and without text.
        let alphabet = [0, 1, 3, 6, 7, 8, 9, u32::MAX];
        let mut words = vec![0u32; 8];
        for n in 0..alphabet.len().pow(7) {
            let mut k = n;
            for w in words.iter_mut().take(7) {
                *w = alphabet[k % alphabet.len()];
                k /= alphabet.len();
            }
            for text in ["", "ab", "é1"] {
                let mut copy = words.clone();
                if let Some(view) = View::load(&mut copy, text.as_bytes()) {
                    let root = view.root();
                    let _ = root.get("a");
                    if let Json::Object(m) = root {
                        let _ = m.sorted_keys();
                    }
                }
                // Reading an unchecked tape is safe too.
                let view = View {
                    words: &words,
                    text,
                };
                let _ = view.root().get("ab");
                if let Json::Object(m) = view.root() {
                    let _ = m.iter().count();
                }
            }
        }
    }

    #[test]
    fn deep_objects_keep_their_type() {
        let mut value = json!({});
        for _ in 0..100 {
            value = json!({ "x": value });
        }
        let tape = Tape::from_value(&value);
        let mut node = tape.view().root();
        for _ in 0..100 {
            node = match node.get("x") {
                Some(next) => next,
                None => break,
            };
        }
        assert!(matches!(node, Json::Object(_)));
    }
}
