//! JSON data as the validators read it: a flat tape of fixed-size nodes over borrowed text.
//!
//! A tape is a sequence of nodes in document order, four `u32` words each: a tag word and three
//! operands. Strings are byte ranges of one shared text; an object is followed by its members
//! (a key string node, then the value's nodes) and records the index just past its last node.
//! A key node also carries a hash of the key (in the tag word, see [`key_hash`]) and the index of
//! the next key, so that a lookup compares one word per member and skips nested values in one
//! step. Arrays keep only their type (no validator reads inside one), and numbers only what the
//! validators ask of them: an `i64`, "too big", or "not an integer" ([`Integral`]).
//!
//! Two producers write the same format: [`Tape::from_value`] (the host, the transport and the
//! proxy, which hold a `serde_json::Value`) and the JS layer of the wasm package, which walks a
//! JS value into wasm memory (see `src/wasm/js/validate.js`). JS counts in UTF-16 code units and
//! cannot parse numbers the way `serde_json` does, so [`View::load`] finishes its tapes when
//! needed: byte ranges for non-ASCII text, numbers given as their JSON text classified. Reading a
//! tape never allocates and never panics, whatever its words: a malformed tape reads as some
//! other JSON value, never out of bounds.

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
    /// A string: offset and length in the text, in bytes (in UTF-16 code units on an unfinished
    /// tape). As an object key, the tag word also holds the key's [`super::key_hash`] and the
    /// last operand is the node index of the next key (or the object's end).
    pub(crate) const STRING: u32 = 6;
    /// An array (its elements are not recorded).
    pub(crate) const ARRAY: u32 = 7;
    /// An object: member count and the node index just past its last member.
    pub(crate) const OBJECT: u32 = 8;
    /// Unfinished tapes only: a number as its JSON text (offset and length as for a string),
    /// classified by [`super::View::load`].
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    pub(crate) const NUMBER_TEXT: u32 = 9;
}

/// Words per node.
const NODE: usize = 4;

/// The tag part of a node's first word.
const TAG_BITS: u32 = 0xff;

/// The hash of a key as a key node's tag word holds it, above the tag byte: the length, the first
/// and the last byte (the keys validators ask for all differ there; equal hashes are then
/// compared in full). JS computes it from UTF-16 code units, which agrees for ASCII keys; a
/// non-ASCII key never equals the (ASCII) keys validators ask for, whatever its hash.
#[inline(always)]
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
    #[inline(always)]
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// True for `null`.
    #[inline(always)]
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

    /// Finishes a tape written by the JS layer: `words` (whole nodes) and the UTF-8 `text`
    /// holding every string and number text, in node order. With `ascii` (the text is ASCII and
    /// there is no number text) the tape is final as written; otherwise string ranges are
    /// turned from UTF-16 units into bytes and numbers given as text are classified. `None` when
    /// the text is not UTF-8, a range does not fit the text, or a number text is not a JSON
    /// number.
    #[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
    pub(crate) fn load(words: &'a mut [u32], text: &'a [u8], ascii: bool) -> Option<View<'a>> {
        let text = core::str::from_utf8(text).ok()?;
        if !ascii {
            finish(words, text)?;
        }
        Some(View { words, text })
    }
}

/// The non-ASCII part of [`View::load`]: one pass over the nodes, whose ranges are in text order.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
fn finish(words: &mut [u32], text: &str) -> Option<()> {
    // The position reached in the text: in UTF-16 units and in bytes.
    let (mut units, mut bytes) = (0usize, 0usize);
    for node in words.chunks_exact_mut(NODE) {
        let [t, offset, len, _] = node else {
            return None;
        };
        let kind = *t & TAG_BITS;
        if kind != tag::STRING && kind != tag::NUMBER_TEXT {
            continue;
        }
        let start = advance(text, &mut units, &mut bytes, *offset as usize)?;
        let end = advance(
            text,
            &mut units,
            &mut bytes,
            (*offset as usize).checked_add(*len as usize)?,
        )?;
        let s = text.get(start..end)?;
        if kind == tag::STRING {
            *offset = u32::try_from(start).ok()?;
            *len = u32::try_from(end - start).ok()?;
        } else {
            let number = match serde_json::from_str::<Value>(s).ok()? {
                Value::Number(n) => number_node(integral(&n)),
                _ => return None,
            };
            node.copy_from_slice(&number);
        }
    }
    Some(())
}

/// Moves the position (`units`, `bytes`) forward to UTF-16 offset `to`; returns its byte offset.
/// `None` if `to` is behind, past the end, or inside a character.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
fn advance(text: &str, units: &mut usize, bytes: &mut usize, to: usize) -> Option<usize> {
    let mut chars = text.get(*bytes..)?.chars();
    while *units < to {
        let c = chars.next()?;
        *units += c.len_utf16();
        *bytes += c.len_utf8();
    }
    (*units == to).then_some(*bytes)
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

/// Slots of an [`Index`]: a power of two, with room to spare for [`INDEXED`] members.
const SLOTS: usize = 32;

/// Objects with at most this many members get a hash index; larger ones are scanned.
const INDEXED: u32 = 24;

/// The members of an object with a small open-addressing hash table over their keys, for
/// objects read many times (a validator asks for each documented field, present or not).
#[derive(Clone, Copy)]
pub(crate) struct Index<'a> {
    members: Members<'a>,
    /// Key node index + 1 per slot (0: empty); unused when the object is too big.
    slots: [u16; SLOTS],
    indexed: bool,
}

/// The first slot of a key hash (a multiplicative hash of the whole tag word).
#[inline(always)]
fn slot(hash: u32) -> usize {
    (hash.wrapping_mul(0x9e37_79b1) >> 27) as usize & (SLOTS - 1)
}

impl<'a> Index<'a> {
    /// Indexes the members (one pass over their keys).
    pub(crate) fn new(members: Members<'a>) -> Self {
        let mut index = Index {
            members,
            slots: [0; SLOTS],
            indexed: false,
        };
        if members.count > INDEXED {
            return index;
        }
        let mut at = members.first;
        for _ in 0..members.count {
            let [t, _, _, next] = members.view.node(at);
            let Ok(entry) = u16::try_from(at + 1) else {
                return index;
            };
            let mut i = slot(t);
            while index.slots.get(i).is_some_and(|&s| s != 0) {
                i = (i + 1) & (SLOTS - 1);
            }
            if let Some(s) = index.slots.get_mut(i) {
                *s = entry;
            }
            at = next as usize;
        }
        index.indexed = true;
        index
    }

    /// The members indexed.
    pub(crate) fn members(&self) -> Members<'a> {
        self.members
    }

    /// The value of `key`, `null` included.
    pub(crate) fn get(&self, key: &str) -> Option<Json<'a>> {
        if !self.indexed {
            return self.members.get(key);
        }
        let want = tag::STRING | key_hash(key);
        let view = self.members.view;
        let mut i = slot(want);
        // At most INDEXED of the SLOTS are taken, so an empty slot ends every probe.
        while let Some(&entry) = self.slots.get(i).filter(|&&s| s != 0) {
            let at = usize::from(entry) - 1;
            let [t, a, b, _] = view.node(at);
            if t == want && view.str_at(a, b) == key {
                return Some(view.value(at + 1));
            }
            i = (i + 1) & (SLOTS - 1);
        }
        None
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

    fn raw(nodes: &[[u32; 4]]) -> Vec<u32> {
        nodes.iter().flatten().copied().collect()
    }

    /// A key node as JS writes it: hash from UTF-16 code units (same as bytes for ASCII).
    fn key(offset: u32, len: u32, hash_of: &str, next: u32) -> [u32; 4] {
        [tag::STRING | key_hash(hash_of), offset, len, next]
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
    fn finishes_a_js_tape_with_utf16_ranges_and_number_text() {
        // {"k": "a😀", "n": 1e21, "m": 2.5, "é": true}, ranges in UTF-16 units.
        let text = "ka😀n1e+21m2.5é";
        let mut words = raw(&[
            [tag::OBJECT, 4, 9, 0],
            key(0, 1, "k", 3),
            [tag::STRING, 1, 3, 0],
            key(4, 1, "n", 5),
            [tag::NUMBER_TEXT, 5, 5, 0],
            key(10, 1, "m", 7),
            [tag::NUMBER_TEXT, 11, 3, 0],
            key(14, 1, "?", 9),
            [tag::TRUE, 0, 0, 0],
        ]);
        let view = View::load(&mut words, text.as_bytes(), false).expect("well formed");
        let root = view.root();
        assert_eq!(root.get("k").and_then(Json::as_str), Some("a😀"));
        assert!(matches!(root.get("n"), Some(Json::Number(Integral::Huge))));
        assert!(matches!(
            root.get("m"),
            Some(Json::Number(Integral::Fraction))
        ));
        let Json::Object(members) = root else {
            panic!("an object")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["k", "n", "m", "é"]);
        assert!(members.sorted_keys().keys().eq(["k", "m", "n", "é"]));
    }

    #[test]
    fn an_ascii_js_tape_is_read_as_written() {
        let text = "FirstNameJoeBirthday";
        let mut words = raw(&[
            [tag::OBJECT, 2, 5, 0],
            key(0, 9, "FirstName", 3),
            [tag::STRING, 9, 3, 0],
            key(12, 8, "Birthday", 5),
            [tag::INT, (-5i32) as u32, u32::MAX, 0],
        ]);
        let root = View::load(&mut words, text.as_bytes(), true)
            .unwrap()
            .root();
        assert_eq!(root.get("FirstName").and_then(Json::as_str), Some("Joe"));
        assert!(matches!(
            root.get("Birthday"),
            Some(Json::Number(Integral::Int(-5)))
        ));
        assert!(root.get("LastName").is_none());
    }

    #[test]
    fn refuses_js_tapes_that_do_not_fit_their_text() {
        let cases: &[(&[[u32; 4]], &str)] = &[
            // Past the end.
            (&[[tag::STRING, 0, 4, 0]], "abc"),
            // Inside a surrogate pair.
            (&[[tag::STRING, 0, 1, 0]], "😀"),
            // Going backwards.
            (&[[tag::STRING, 2, 1, 0], [tag::STRING, 0, 1, 0]], "abcé"),
            // Not a number.
            (&[[tag::NUMBER_TEXT, 0, 1, 0]], "x"),
            (&[[tag::NUMBER_TEXT, 0, 2, 0]], "1é"),
        ];
        for (nodes, text) in cases {
            let mut words = raw(nodes);
            assert!(
                View::load(&mut words, text.as_bytes(), false).is_none(),
                "{nodes:?}"
            );
        }
        let mut words = vec![tag::STRING, 0, 1, 0];
        assert!(View::load(&mut words, &[0xff], true).is_none());
    }

    #[test]
    fn junk_tapes_never_panic() {
        // Every short word sequence over the tags and small numbers, with and without text.
        let alphabet = [0, 1, 3, 6, 8, 9, 0x0306, u32::MAX];
        let mut words = vec![0u32; 8];
        for n in 0..alphabet.len().pow(7) {
            let mut k = n;
            for w in words.iter_mut().take(7) {
                *w = alphabet[k % alphabet.len()];
                k /= alphabet.len();
            }
            for text in ["", "ab", "é1", "1e+9"] {
                for ascii in [false, true] {
                    let mut copy = words.clone();
                    if let Some(view) = View::load(&mut copy, text.as_bytes(), ascii) {
                        let root = view.root();
                        let _ = root.get("a");
                        let _ = root.get("");
                        if let Json::Object(m) = root {
                            let _ = m.iter().count();
                            let _ = m.sorted_keys();
                            let _ = Index::new(m).get("a");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_index_finds_what_a_scan_finds() {
        for size in [0, 1, 5, 24, 25, 100] {
            let mut map = serde_json::Map::new();
            for i in 0..size {
                map.insert(format!("k{i}"), json!(i));
                map.insert(format!("{i}"), json!(null));
            }
            let value = Value::Object(map);
            let tape = Tape::from_value(&value);
            let Json::Object(members) = tape.view().root() else {
                panic!("an object")
            };
            let index = Index::new(members);
            for i in 0..size + 3 {
                for key in [
                    format!("k{i}"),
                    format!("{i}"),
                    String::new(),
                    "x".repeat(i),
                ] {
                    let scanned = members.get(&key).map(|v| matches!(v, Json::Null));
                    let indexed = index.get(&key).map(|v| matches!(v, Json::Null));
                    assert_eq!(scanned, indexed, "{size} {key}");
                    if let (Some(Json::Number(a)), Some(Json::Number(b))) =
                        (members.get(&key), index.get(&key))
                    {
                        assert_eq!(a, b);
                    }
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
