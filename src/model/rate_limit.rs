//! Rate-limit buckets from the `X-RateLimit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`
//! response headers.
//!
//! Each header holds one comma-separated value per bucket. Mangopay documents four buckets, in
//! this order: 15 minutes, 30 minutes, 1 hour, 24 hours ([`BUCKET_MINUTES`]). Real responses have
//! also carried three values, and nothing promises the count stays four, so the parser accepts
//! any number and names a bucket's interval only when it can be sure:
//!
//! - exactly four values: by position, 15 / 30 / 60 / 1440 minutes;
//! - any other count: `interval_minutes` is `None`; [`RateLimit::infer_interval`] can guess it
//!   from the reset time, as the official Node SDK does.

use serde::{Deserialize, Serialize};

use super::common::{lenient, Timestamp};

/// The documented buckets, in header order, in minutes.
pub const BUCKET_MINUTES: [i64; 4] = [15, 30, 60, 1440];

/// One rate-limit bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct RateLimit {
    /// The length of the bucket's window in minutes, when known.
    pub interval_minutes: Option<i64>,
    /// Calls made in the window (`X-RateLimit`).
    pub calls_made: i64,
    /// Calls left before the limit (`X-RateLimit-Remaining`).
    pub calls_remaining: i64,
    /// When the window resets, in Unix seconds (`X-RateLimit-Reset`).
    pub reset: Timestamp,
}

impl RateLimit {
    /// The smallest documented bucket whose window covers the time left until `reset`, seen at
    /// `now` (Unix seconds); `None` if the reset is more than 24 hours away.
    pub fn infer_interval(&self, now: Timestamp) -> Option<i64> {
        let seconds_left = self.reset.saturating_sub(now);
        BUCKET_MINUTES
            .into_iter()
            .find(|minutes| seconds_left <= minutes.saturating_mul(60))
    }

    /// True when no call is left in this bucket.
    pub fn is_exhausted(&self) -> bool {
        self.calls_remaining <= 0
    }
}

/// Reads the rate-limit buckets from the three header values (each `None` if the header is
/// absent).
///
/// Returns one bucket per position present in all three headers; a position where any of the
/// three values is not a number is skipped (the others keep their position). Values may carry
/// spaces and a whole-number decimal form (`15.0`). An absent header gives no buckets. Never
/// panics.
pub fn parse_rate_limits(
    made: Option<&str>,
    remaining: Option<&str>,
    reset: Option<&str>,
) -> Vec<RateLimit> {
    let (Some(made), Some(remaining), Some(reset)) = (made, remaining, reset) else {
        return Vec::new();
    };
    let made = split_values(made);
    let remaining = split_values(remaining);
    let reset = split_values(reset);
    let count = made.len().min(remaining.len()).min(reset.len());
    let by_position = made.len() == BUCKET_MINUTES.len()
        && remaining.len() == BUCKET_MINUTES.len()
        && reset.len() == BUCKET_MINUTES.len();
    made.into_iter()
        .zip(remaining)
        .zip(reset)
        .take(count)
        .enumerate()
        .filter_map(|(index, ((made, remaining), reset))| {
            Some(RateLimit {
                interval_minutes: if by_position {
                    BUCKET_MINUTES.get(index).copied()
                } else {
                    None
                },
                calls_made: made?,
                calls_remaining: remaining?,
                reset: reset?,
            })
        })
        .collect()
}

/// The comma-separated values of one header; a blank header has none.
fn split_values(header: &str) -> Vec<Option<i64>> {
    if header.trim().is_empty() {
        return Vec::new();
    }
    header.split(',').map(parse_number).collect()
}

fn parse_number(token: &str) -> Option<i64> {
    let token = token.trim();
    token
        .parse::<i64>()
        .ok()
        .or_else(|| lenient::Decimal::parse(token).and_then(lenient::Decimal::to_int))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_values_get_the_documented_intervals() {
        let got = parse_rate_limits(
            Some("63015, 121914, 228534, 7103921"),
            Some("436985, 878086, 1771466, 40896079"),
            Some("1715241060, 1715241960, 1715243760, 1715326500"),
        );
        assert_eq!(got.len(), 4);
        let intervals: Vec<_> = got.iter().map(|b| b.interval_minutes).collect();
        assert_eq!(intervals, vec![Some(15), Some(30), Some(60), Some(1440)]);
        assert_eq!(got.first().map(|b| b.calls_made), Some(63015));
        assert_eq!(got.last().map(|b| b.reset), Some(1_715_326_500));
    }

    #[test]
    fn other_counts_leave_the_interval_unknown() {
        let three = parse_rate_limits(Some("6, 15, 100"), Some("2294,4485,8700"), Some("1,2,3"));
        assert_eq!(three.len(), 3);
        assert!(three.iter().all(|b| b.interval_minutes.is_none()));
        let five = parse_rate_limits(Some("1,2,3,4,5"), Some("1,2,3,4,5"), Some("1,2,3,4,5"));
        assert_eq!(five.len(), 5);
        assert!(five.iter().all(|b| b.interval_minutes.is_none()));
    }

    #[test]
    fn junk_and_mismatches_never_panic() {
        assert!(parse_rate_limits(None, Some("1"), Some("1")).is_empty());
        assert!(parse_rate_limits(Some(""), Some(""), Some("")).is_empty());
        let mismatched = parse_rate_limits(Some("1,2,3,4"), Some("5,6"), Some("7,8,9"));
        assert_eq!(mismatched.len(), 2);
        assert!(mismatched.iter().all(|b| b.interval_minutes.is_none()));
        let junk = parse_rate_limits(Some("1, x, 3, 4"), Some("1,2,3,4"), Some("9,9,9.0,9"));
        assert_eq!(junk.len(), 3);
        assert_eq!(
            junk.iter().map(|b| b.interval_minutes).collect::<Vec<_>>(),
            vec![Some(15), Some(60), Some(1440)]
        );
        assert!(parse_rate_limits(Some(",,,"), Some(",,,"), Some(",,,")).is_empty());
        assert!(
            parse_rate_limits(Some("99999999999999999999"), Some("1e400"), Some("-0.5")).is_empty()
        );
    }

    #[test]
    fn interval_can_be_inferred_from_the_reset_time() {
        let bucket = RateLimit {
            interval_minutes: None,
            calls_made: 1,
            calls_remaining: 0,
            reset: 1_000 + 25 * 60,
        };
        assert_eq!(bucket.infer_interval(1_000), Some(30));
        assert_eq!(bucket.infer_interval(i64::MIN), None);
        assert_eq!(bucket.infer_interval(i64::MAX), Some(15));
        assert!(bucket.is_exhausted());
    }
}
