//! Mangopay's rate limits: four buckets (15 min, 30 min, 1 h, 24 h) per ClientId, reported on
//! every response as `X-RateLimit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
//!
//! Each bucket is a window that opens with the first call after the previous one closed and
//! closes `interval` later (`X-RateLimit-Reset` is that moment, in Unix seconds). A call is
//! refused when any bucket is full; refused calls are not counted.

use std::collections::HashMap;

use mangopay_wasm::model::BUCKET_MINUTES;

#[derive(Debug, Clone, Copy, Default)]
struct Window {
    count: u64,
    reset_at: i64,
}

/// The rate limiter of every client.
#[derive(Debug)]
pub struct RateLimiter {
    limits: [u64; 4],
    clients: HashMap<String, [Window; 4]>,
}

/// What one call saw: whether it was allowed, and the three headers' values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateStatus {
    /// False when a bucket was full.
    pub allowed: bool,
    /// Calls made in each bucket.
    pub made: [u64; 4],
    /// Calls left in each bucket.
    pub remaining: [u64; 4],
    /// When each bucket resets, in Unix seconds.
    pub reset: [i64; 4],
}

impl RateStatus {
    /// The three headers, values comma-separated in bucket order as Mangopay sends them.
    pub fn headers(&self) -> [(&'static str, String); 3] {
        fn join<T: ToString>(v: &[T; 4]) -> String {
            v.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
        }
        [
            ("X-RateLimit", join(&self.made)),
            ("X-RateLimit-Remaining", join(&self.remaining)),
            ("X-RateLimit-Reset", join(&self.reset)),
        ]
    }
}

impl RateLimiter {
    /// A limiter allowing `limits` calls per bucket.
    pub fn new(limits: [u64; 4]) -> Self {
        RateLimiter {
            limits,
            clients: HashMap::new(),
        }
    }

    /// Counts one call of `client` at `now` (Unix seconds) if every bucket has room.
    pub fn hit(&mut self, client: &str, now: i64) -> RateStatus {
        let windows = self.clients.entry(client.to_owned()).or_default();
        for (w, minutes) in windows.iter_mut().zip(BUCKET_MINUTES) {
            if now >= w.reset_at {
                *w = Window {
                    count: 0,
                    reset_at: now + minutes * 60,
                };
            }
        }
        let allowed = windows
            .iter()
            .zip(self.limits)
            .all(|(w, limit)| w.count < limit);
        if allowed {
            for w in windows.iter_mut() {
                w.count += 1;
            }
        }
        let mut status = RateStatus {
            allowed,
            made: [0; 4],
            remaining: [0; 4],
            reset: [0; 4],
        };
        for (i, (w, limit)) in windows.iter().zip(self.limits).enumerate() {
            if let (Some(m), Some(r), Some(t)) = (
                status.made.get_mut(i),
                status.remaining.get_mut(i),
                status.reset.get_mut(i),
            ) {
                *m = w.count;
                *r = limit.saturating_sub(w.count);
                *t = w.reset_at;
            }
        }
        status
    }

    /// Forgets every count.
    pub fn reset(&mut self) {
        self.clients.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_refuses_and_resets() {
        let mut rl = RateLimiter::new([2, 10, 10, 10]);
        let a = rl.hit("c", 1000);
        assert!(a.allowed);
        assert_eq!(a.made, [1, 1, 1, 1]);
        assert_eq!(a.remaining, [1, 9, 9, 9]);
        assert_eq!(a.reset, [1900, 2800, 4600, 1000 + 86_400]);
        assert!(rl.hit("c", 1001).allowed);
        let refused = rl.hit("c", 1002);
        assert!(!refused.allowed);
        assert_eq!(refused.made, [2, 2, 2, 2]);
        assert_eq!(refused.remaining[0], 0);
        assert!(rl.hit("other", 1002).allowed);
        let later = rl.hit("c", 1900);
        assert!(later.allowed);
        assert_eq!(later.made, [1, 3, 3, 3]);
        let h = later.headers();
        assert_eq!(h[0], ("X-RateLimit", "1, 3, 3, 3".to_owned()));
    }
}
