//! Fault injection: seeded shares per kind, and a deterministic script of faults for the next
//! matching requests (set through the admin API).

use std::collections::VecDeque;

use serde_json::{json, Value};

use crate::config::FaultSettings;

/// One kind of injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// `500`, inside the API: the idempotency key (if any) is used up by the failed call.
    Error500,
    /// `503`, in front of the API: nothing is processed, the key stays free.
    Error503,
    /// `429` with `Retry-After`, in front of the API: nothing is processed.
    TooManyRequests,
    /// Processed and recorded (idempotency included), then the connection is closed without a
    /// single response byte.
    Drop,
    /// Processed, then answered late.
    Delay,
}

impl FaultKind {
    /// Every kind, in draw order.
    pub const ALL: [FaultKind; 5] = [
        FaultKind::Error500,
        FaultKind::Error503,
        FaultKind::TooManyRequests,
        FaultKind::Drop,
        FaultKind::Delay,
    ];

    /// The kind's name in flags, the admin API and the request log.
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Error500 => "500",
            FaultKind::Error503 => "503",
            FaultKind::TooManyRequests => "429",
            FaultKind::Drop => "drop",
            FaultKind::Delay => "delay",
        }
    }

    /// Parses a kind name (`"500"`, `"503"`, `"429"`, `"drop"`, `"delay"`).
    pub fn parse(s: &str) -> Option<FaultKind> {
        FaultKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// True when the fault answers before the request is processed.
    pub fn before_processing(self) -> bool {
        matches!(
            self,
            FaultKind::Error500 | FaultKind::Error503 | FaultKind::TooManyRequests
        )
    }
}

/// One scripted fault: applied once, to the first request that matches its filters.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptedFault {
    /// The fault.
    pub kind: FaultKind,
    /// Only requests with this method (ignoring case), if set.
    pub method: Option<String>,
    /// Only requests whose path (canonical if it matched an endpoint, raw otherwise) contains
    /// this text, if set.
    pub path: Option<String>,
    /// The delay of a `delay` fault, overriding the run's setting.
    pub delay_ms: Option<u64>,
}

impl ScriptedFault {
    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.contains(p))
    }

    /// Reads `{"kind": "drop", "method": "POST", "path": "/users", "delay_ms": 100}`.
    pub fn from_json(v: &Value) -> Result<ScriptedFault, String> {
        let o = v
            .as_object()
            .ok_or("each fault must be an object like {\"kind\": \"drop\"}")?;
        let kind = o
            .get("kind")
            .and_then(Value::as_str)
            .and_then(FaultKind::parse)
            .ok_or("kind must be one of 500, 503, 429, drop, delay")?;
        let text = |k: &str| -> Result<Option<String>, String> {
            match o.get(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("{k} must be a string")),
            }
        };
        let delay_ms = match o.get("delay_ms") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_u64().ok_or("delay_ms must be a whole number")?),
        };
        Ok(ScriptedFault {
            kind,
            method: text("method")?,
            path: text("path")?,
            delay_ms,
        })
    }

    /// The fault as JSON, in the shape [`ScriptedFault::from_json`] reads.
    pub fn to_json(&self) -> Value {
        json!({
            "kind": self.kind.as_str(),
            "method": self.method,
            "path": self.path,
            "delay_ms": self.delay_ms,
        })
    }
}

/// The fault chosen for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// What happens.
    pub kind: FaultKind,
    /// For `delay`: how long.
    pub delay_ms: u64,
    /// True when it came from the script rather than a draw.
    pub scripted: bool,
}

/// The run's fault settings, their random draws and the script queue.
#[derive(Debug)]
pub struct Faults {
    settings: FaultSettings,
    rng: SplitMix64,
    script: VecDeque<ScriptedFault>,
}

impl Faults {
    /// Faults as configured for the run.
    pub fn new(settings: FaultSettings) -> Self {
        Faults {
            rng: SplitMix64(settings.seed),
            settings,
            script: VecDeque::new(),
        }
    }

    /// The current settings.
    pub fn settings(&self) -> &FaultSettings {
        &self.settings
    }

    /// Replaces the settings and restarts the draws from their seed.
    pub fn set(&mut self, settings: FaultSettings) {
        self.rng = SplitMix64(settings.seed);
        self.settings = settings;
    }

    /// Appends faults to the script.
    pub fn push_script(&mut self, faults: impl IntoIterator<Item = ScriptedFault>) {
        self.script.extend(faults);
    }

    /// The faults still waiting in the script.
    pub fn script(&self) -> impl Iterator<Item = &ScriptedFault> {
        self.script.iter()
    }

    /// Turns every fault off: shares to zero, script emptied (the seed is kept).
    pub fn clear(&mut self) {
        let seed = self.settings.seed;
        self.set(FaultSettings {
            seed,
            delay_ms: self.settings.delay_ms,
            retry_after_secs: self.settings.retry_after_secs,
            ..FaultSettings::default()
        });
        self.script.clear();
    }

    /// Chooses the fault for a request, if any: the first matching scripted fault (consumed),
    /// otherwise one draw against the shares.
    pub fn choose(&mut self, method: &str, path: &str) -> Option<Fault> {
        if let Some(i) = self.script.iter().position(|f| f.matches(method, path)) {
            let f = self.script.remove(i)?;
            return Some(Fault {
                kind: f.kind,
                delay_ms: f.delay_ms.unwrap_or(self.settings.delay_ms),
                scripted: true,
            });
        }
        let s = &self.settings;
        let shares = [s.error_500, s.error_503, s.rate_limit_429, s.drop, s.delay];
        if shares.iter().all(|p| *p <= 0.0) {
            return None;
        }
        let draw = self.rng.next_f64();
        let mut acc = 0.0;
        for (kind, share) in FaultKind::ALL.into_iter().zip(shares) {
            acc += share;
            if draw < acc {
                return Some(Fault {
                    kind,
                    delay_ms: s.delay_ms,
                    scripted: false,
                });
            }
        }
        None
    }
}

/// SplitMix64: tiny, seedable, good enough to spread faults.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn next_f64(&mut self) -> f64 {
        // 53 random bits; the cast is exact.
        #[allow(clippy::cast_precision_loss)]
        let v = (self.next_u64() >> 11) as f64;
        v / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_draws_repeat_and_follow_the_shares() {
        let settings = FaultSettings {
            error_500: 0.2,
            drop: 0.3,
            seed: 42,
            ..FaultSettings::default()
        };
        let run = |n: usize| {
            let mut f = Faults::new(settings.clone());
            (0..n)
                .map(|_| f.choose("GET", "/x").map(|f| f.kind))
                .collect::<Vec<_>>()
        };
        let a = run(2000);
        assert_eq!(a, run(2000));
        let count = |k| a.iter().filter(|x| **x == Some(k)).count();
        assert!(
            (300..500).contains(&count(FaultKind::Error500)),
            "{}",
            count(FaultKind::Error500)
        );
        assert!((500..700).contains(&count(FaultKind::Drop)));
        assert_eq!(count(FaultKind::Delay), 0);
    }

    #[test]
    fn the_script_applies_in_order_to_matching_requests_only() {
        let mut f = Faults::new(FaultSettings::default());
        f.push_script([
            ScriptedFault::from_json(&json!({"kind": "drop", "method": "post"})).unwrap(),
            ScriptedFault::from_json(&json!({"kind": "503", "method": "POST", "path": "/users"}))
                .unwrap(),
        ]);
        assert_eq!(f.choose("GET", "/v2.01/c/users"), None);
        assert_eq!(
            f.choose("POST", "/v2.01/c/users").map(|x| x.kind),
            Some(FaultKind::Drop)
        );
        assert_eq!(f.choose("POST", "/v2.01/oauth/token"), None);
        let x = f.choose("POST", "/v2.01/c/users/natural").unwrap();
        assert_eq!((x.kind, x.scripted), (FaultKind::Error503, true));
        assert_eq!(f.choose("POST", "/v2.01/c/users"), None);
        assert!(ScriptedFault::from_json(&json!({"kind": "boom"})).is_err());
        assert!(ScriptedFault::from_json(&json!({"kind": "delay", "delay_ms": "x"})).is_err());
    }
}
