//! Small helpers with no dependency: clock and date formatting, unpredictable identifiers,
//! Base64 and form decoding, HTML escaping.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (UTC).
pub fn now_unix() -> i64 {
    i64::try_from(now_millis() / 1000).unwrap_or(i64::MAX)
}

/// Milliseconds since the Unix epoch (UTC).
pub fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// The civil date `(year, month, day)` of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP date (RFC 7231 IMF-fixdate), as in the API Response object:
/// `Tue, 19 Jul 2022 08:47:59 GMT`.
pub fn http_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let weekday = WEEKDAYS
        .get(usize::try_from(days.rem_euclid(7)).unwrap_or(0))
        .copied()
        .unwrap_or("Thu");
    let month = MONTHS
        .get(usize::try_from(m.saturating_sub(1)).unwrap_or(0))
        .copied()
        .unwrap_or("Jan");
    format!(
        "{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// An ISO 8601 UTC time with milliseconds, for log lines: `2026-11-20T10:04:05.123Z`.
pub fn iso_millis(millis: u64) -> String {
    let secs = i64::try_from(millis / 1000).unwrap_or(0);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        s / 3600,
        s % 3600 / 60,
        s % 60,
        millis % 1000
    )
}

/// 64 unpredictable bits: SipHash with the process's random keys over a counter. Good enough
/// for identifiers and local tokens (this is a development server, not a vault).
pub fn random_u64() -> u64 {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = KEYS.get_or_init(RandomState::new);
    let mut h = keys.build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u64(now_millis());
    h.finish()
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A ULID (48-bit millisecond time + 80 random bits, Crockford Base32, 26 characters), as in
/// `user_m_01J82SPSKW53XZM936PDVN76W0`.
pub fn ulid() -> String {
    let time = u128::from(now_millis() & 0xFFFF_FFFF_FFFF);
    let random = (u128::from(random_u64()) << 16) | u128::from(random_u64() & 0xFFFF);
    let value = (time << 80) | random;
    (0..26)
        .rev()
        .map(|i| {
            let idx = usize::try_from((value >> (i * 5)) & 31).unwrap_or(0);
            char::from(CROCKFORD.get(idx).copied().unwrap_or(b'0'))
        })
        .collect()
}

/// `n` random bytes as lowercase hex (`n` ≤ 32).
pub fn random_hex(n: usize) -> String {
    let mut out = String::with_capacity(n * 2);
    let mut word = 0u64;
    for i in 0..n {
        if i % 8 == 0 {
            word = random_u64();
        }
        out.push_str(&format!("{:02x}", word & 0xFF));
        word >>= 8;
    }
    out
}

/// A UUID-shaped random string, for error `Id`s (`bf6cce22-4c12-454f-ac05-ca20c8683735`).
pub fn uuid() -> String {
    let h = random_hex(16);
    let part = |a: usize, b: usize| h.get(a..b).unwrap_or("0");
    format!(
        "{}-{}-4{}-a{}-{}",
        part(0, 8),
        part(8, 12),
        part(13, 16),
        part(17, 20),
        part(20, 32)
    )
}

/// Decodes standard Base64 (padding optional, no whitespace); `None` if malformed.
pub fn base64_decode(input: &str) -> Option<Vec<u8>> {
    mangopay_wasm::encoding::STANDARD.decode(input)
}

/// Parses an `application/x-www-form-urlencoded` body or query into pairs (`+` is a space,
/// `%XX` a byte; malformed escapes are kept literally; non-UTF-8 is replaced).
pub fn parse_form(input: &str) -> Vec<(String, String)> {
    input
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// The first value of `name` in a form or query string.
pub fn form_value(input: &str, name: &str) -> Option<String> {
    parse_form(input)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn form_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                if let Some(v) = hex {
                    out.push(v);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_match_the_docs_example() {
        // 2022-07-19T08:47:59Z, the API Response object example.
        assert_eq!(http_date(1_658_220_479), "Tue, 19 Jul 2022 08:47:59 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(iso_millis(1_658_220_479_007), "2022-07-19T08:47:59.007Z");
    }

    #[test]
    fn ulids_are_26_crockford_characters_and_sorted_by_time() {
        let a = ulid();
        assert_eq!(a.len(), 26);
        assert!(a.bytes().all(|b| CROCKFORD.contains(&b)));
        assert!(a.starts_with('0'));
        assert_ne!(ulid(), ulid());
        assert_eq!(random_hex(16).len(), 32);
        assert_eq!(uuid().len(), 36);
    }

    #[test]
    fn base64_and_forms_decode() {
        assert_eq!(
            base64_decode("ZGVtbzprZXk=").as_deref(),
            Some(&b"demo:key"[..])
        );
        assert_eq!(
            base64_decode("ZGVtbzprZXk").as_deref(),
            Some(&b"demo:key"[..])
        );
        assert_eq!(base64_decode("Z"), None);
        assert_eq!(base64_decode("a$bc"), None);
        assert_eq!(
            parse_form("grant_type=client_credentials&x=a+b%21&bad=%zz"),
            vec![
                ("grant_type".into(), "client_credentials".into()),
                ("x".into(), "a b!".into()),
                ("bad".into(), "%zz".into())
            ]
        );
        assert_eq!(
            html_escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
