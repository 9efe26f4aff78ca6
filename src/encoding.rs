//! Base64 (RFC 4648) in the two forms the SDK meets: standard padded Base64, which KYC pages
//! travel in, and unpadded base64url, which the proxy's session cookie and tokens use.
//!
//! One implementation serves the core, the sandbox and the proxy.

/// A Base64 variant: its alphabet and whether encoded text carries `=` padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base64 {
    alphabet: &'static [u8; 64],
    padded: bool,
}

/// Standard Base64 with `=` padding (RFC 4648 §4), the one Mangopay's `File` field takes.
pub const STANDARD: Base64 = Base64 {
    alphabet: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    padded: true,
};

/// base64url without padding (RFC 4648 §5).
pub const URL_SAFE_NO_PAD: Base64 = Base64 {
    alphabet: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    padded: false,
};

impl Base64 {
    /// The 6-bit value of an alphabet character, `None` for any other byte (padding included).
    pub fn sextet(&self, b: u8) -> Option<u8> {
        match b {
            b'A'..=b'Z' => Some(b - b'A'),
            b'a'..=b'z' => Some(b - b'a' + 26),
            b'0'..=b'9' => Some(b - b'0' + 52),
            _ if Some(&b) == self.alphabet.get(62) => Some(62),
            _ if Some(&b) == self.alphabet.get(63) => Some(63),
            _ => None,
        }
    }

    /// Encodes bytes, padded with `=` when the variant is.
    pub fn encode(&self, bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk.first().copied().unwrap_or(0),
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
            for (i, s) in sextets.iter().enumerate() {
                if i <= chunk.len() {
                    let c = self.alphabet.get(*s as usize).copied().unwrap_or(b'A');
                    out.push(char::from(c));
                } else if self.padded {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes text of this variant: alphabet characters only (no whitespace), then — for a
    /// padded variant — at most two optional `=`. `None` when malformed. Unused low bits of the
    /// last character are ignored, as most decoders (.NET's among them) do.
    pub fn decode(&self, text: &str) -> Option<Vec<u8>> {
        let data = if self.padded {
            let trimmed = text.trim_end_matches('=');
            if text.len() - trimmed.len() > 2 {
                return None;
            }
            trimmed
        } else {
            text
        };
        if data.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
        let mut acc = 0u32;
        let mut bits = 0u32;
        for b in data.bytes() {
            acc = ((acc << 6) | u32::from(self.sextet(b)?)) & 0x00FF_FFFF;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push(((acc >> bits) & 0xFF) as u8);
            }
        }
        Some(out)
    }

    /// Like [`Base64::decode`], but also refuses non-zero unused bits, so that every byte
    /// string has exactly one accepted encoding (what signed tokens need).
    pub fn decode_canonical(&self, text: &str) -> Option<Vec<u8>> {
        let out = self.decode(text)?;
        let data = text.trim_end_matches('=');
        match (data.bytes().last(), data.len() % 4) {
            (None, _) | (_, 0) => Some(out),
            // 2 chars carry 12 bits for 8 (4 unused); 3 chars 18 bits for 16 (2 unused).
            (Some(c), rem) => {
                let unused = if rem == 2 { 0b1111 } else { 0b11 };
                (self.sextet(c)? & unused == 0).then_some(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors_round_trip_in_both_variants() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(STANDARD.encode(plain.as_bytes()), encoded);
            assert_eq!(STANDARD.decode(encoded).as_deref(), Some(plain.as_bytes()));
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(URL_SAFE_NO_PAD.encode(plain.as_bytes()), unpadded);
            assert_eq!(
                URL_SAFE_NO_PAD.decode_canonical(unpadded).as_deref(),
                Some(plain.as_bytes())
            );
        }
    }

    #[test]
    fn alphabets_differ_only_in_the_last_two_characters() {
        let bytes = [0xfb, 0xff, 0xbf];
        assert_eq!(STANDARD.encode(&bytes), "+/+/");
        assert_eq!(URL_SAFE_NO_PAD.encode(&bytes), "-_-_");
        assert_eq!(STANDARD.decode("-_-_"), None);
        assert_eq!(URL_SAFE_NO_PAD.decode("+/+/"), None);
    }

    #[test]
    fn malformed_text_is_refused() {
        assert_eq!(STANDARD.decode("Zg==="), None, "three pads");
        assert_eq!(STANDARD.decode("Z"), None, "a dangling sextet");
        assert_eq!(STANDARD.decode("Zm 9v"), None, "whitespace");
        assert_eq!(
            URL_SAFE_NO_PAD.decode("Zg=="),
            None,
            "padding in an unpadded variant"
        );
        assert_eq!(
            STANDARD.decode("Zg").as_deref(),
            Some(&b"f"[..]),
            "padding is optional"
        );
    }

    #[test]
    fn only_canonical_decoding_refuses_stray_low_bits() {
        assert_eq!(STANDARD.decode("Zh==").as_deref(), Some(&b"f"[..]));
        assert_eq!(URL_SAFE_NO_PAD.decode_canonical("Zh"), None);
        assert_eq!(URL_SAFE_NO_PAD.decode_canonical("Zm9"), None);
        assert_eq!(
            URL_SAFE_NO_PAD.decode_canonical("Zm8").as_deref(),
            Some(&b"fo"[..])
        );
    }
}
