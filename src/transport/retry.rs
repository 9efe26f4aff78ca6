//! When to try again, and how long to wait first.

use crate::api::Method;

use super::http::{HttpResponse, TransportError};

/// The first backoff delay; each retry doubles it.
pub const BASE_DELAY_MS: u64 = 500;
/// The longest backoff delay.
pub const MAX_DELAY_MS: u64 = 8_000;
/// A server-requested wait longer than this is not waited for: the error goes to the caller.
pub const MAX_SERVER_WAIT_MS: u64 = 60_000;

/// What ended an attempt.
pub enum Outcome<'a> {
    /// A response arrived.
    Response(&'a HttpResponse),
    /// No response.
    Failed(&'a TransportError),
}

/// True when the attempt may be repeated: network errors, timeouts and 5xx for GET and for POST
/// (which always carries an idempotency key), 429 and 503 for every method (the server did not
/// act on the request). An abort is never retried.
pub fn is_retryable(method: Method, outcome: &Outcome<'_>) -> bool {
    let safe = matches!(method, Method::Get | Method::Post);
    match outcome {
        Outcome::Failed(TransportError::Aborted) => false,
        Outcome::Failed(_) => safe,
        Outcome::Response(r) => match r.status {
            429 | 503 => true,
            500..=599 => safe,
            _ => false,
        },
    }
}

/// The wait before retry number `retry` (0-based): the server's `Retry-After` (seconds) or,
/// on a 429, its `X-RateLimit-Reset` (Unix seconds) when given; else exponential backoff with
/// jitter (a random 50–100 % of `BASE_DELAY_MS · 2^retry`, capped). `None` when the server asks
/// for a longer wait than [`MAX_SERVER_WAIT_MS`].
pub fn delay_ms(
    retry: u32,
    response: Option<&HttpResponse>,
    now_ms: f64,
    random: u32,
) -> Option<u64> {
    if let Some(server) = response.and_then(|r| server_wait_ms(r, now_ms)) {
        return (server <= MAX_SERVER_WAIT_MS).then_some(server);
    }
    let full = BASE_DELAY_MS
        .saturating_mul(1u64 << retry.min(16))
        .min(MAX_DELAY_MS);
    let jitter = u64::from(random % 1001);
    Some(full / 2 + full / 2 * jitter / 1000)
}

/// The wait the server asked for, in milliseconds.
fn server_wait_ms(response: &HttpResponse, now_ms: f64) -> Option<u64> {
    if let Some(seconds) = response.header("Retry-After").and_then(parse_seconds) {
        return Some(seconds.saturating_mul(1000));
    }
    if response.status != 429 {
        return None;
    }
    // The earliest reset among the exhausted buckets (or among all when none says 0 left).
    let resets = crate::model::parse_rate_limits(
        response.header("X-RateLimit"),
        response.header("X-RateLimit-Remaining"),
        response.header("X-RateLimit-Reset"),
    );
    let reset = resets
        .iter()
        .filter(|b| b.is_exhausted())
        .map(|b| b.reset)
        .min()
        .or_else(|| {
            response
                .header("X-RateLimit-Reset")
                .and_then(|h| h.split(',').filter_map(parse_seconds).min())
                .and_then(|v| i64::try_from(v).ok())
        })?;
    let wait = (reset as f64) * 1000.0 - now_ms;
    Some(if wait > 0.0 { wait.ceil() as u64 } else { 0 })
}

/// A non-negative number of seconds (`"3"`, `" 3.0 "`).
fn parse_seconds(text: &str) -> Option<u64> {
    let n = crate::model::lenient::Decimal::parse(text.trim())?;
    let positive = n.whole > 0 || n.fraction;
    (!(n.negative && positive)).then(|| n.whole.saturating_add(u64::from(n.fraction)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)]) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            body: String::new(),
        }
    }

    #[test]
    fn retries_what_is_safe_to_retry() {
        let net = TransportError::Network("x".into());
        let r500 = resp(500, &[]);
        let r503 = resp(503, &[]);
        let r429 = resp(429, &[]);
        let r400 = resp(400, &[]);
        for m in [Method::Get, Method::Post] {
            assert!(is_retryable(m, &Outcome::Failed(&net)));
            assert!(is_retryable(m, &Outcome::Failed(&TransportError::Timeout)));
            assert!(is_retryable(m, &Outcome::Response(&r500)));
        }
        for m in [Method::Put, Method::Delete] {
            assert!(!is_retryable(m, &Outcome::Failed(&net)));
            assert!(!is_retryable(m, &Outcome::Response(&r500)));
            assert!(is_retryable(m, &Outcome::Response(&r503)));
            assert!(is_retryable(m, &Outcome::Response(&r429)));
        }
        assert!(!is_retryable(
            Method::Get,
            &Outcome::Failed(&TransportError::Aborted)
        ));
        assert!(!is_retryable(Method::Get, &Outcome::Response(&r400)));
    }

    #[test]
    fn backs_off_exponentially_with_jitter_and_honours_the_server() {
        assert_eq!(delay_ms(0, None, 0.0, 0), Some(250));
        assert_eq!(delay_ms(0, None, 0.0, 1000), Some(500));
        assert_eq!(delay_ms(1, None, 0.0, 1000), Some(1000));
        assert_eq!(delay_ms(30, None, 0.0, 1000), Some(MAX_DELAY_MS));
        let r = resp(503, &[("retry-after", "2")]);
        assert_eq!(delay_ms(0, Some(&r), 0.0, 0), Some(2000));
        let r = resp(503, &[("Retry-After", " 1.2 ")]);
        assert_eq!(delay_ms(0, Some(&r), 0.0, 0), Some(2000));
        let r = resp(503, &[("Retry-After", "-0.0")]);
        assert_eq!(delay_ms(0, Some(&r), 0.0, 0), Some(0));
        let r = resp(503, &[("Retry-After", "1e30")]);
        assert_eq!(delay_ms(0, Some(&r), 0.0, 0), None);
        let r = resp(429, &[("Retry-After", "3600")]);
        assert_eq!(delay_ms(0, Some(&r), 0.0, 0), None);
        let r = resp(
            429,
            &[
                ("X-RateLimit", "10, 20, 30, 40"),
                ("X-RateLimit-Remaining", "0, 5, 5, 5"),
                ("X-RateLimit-Reset", "1003, 2000, 3000, 4000"),
            ],
        );
        assert_eq!(delay_ms(0, Some(&r), 1_000_000.0, 0), Some(3000));
    }
}
