//! The request log: one entry per request that reached the sandbox, kept in memory for the
//! admin API (the proxy's attack suite reads it to prove hostile requests never arrived), and
//! one line per request on stderr.

use std::collections::{BTreeMap, VecDeque};

use serde_json::{json, Value};

use crate::util::iso_millis;

/// How many entries the log keeps (older ones are forgotten; counters keep counting).
pub const LOG_CAPACITY: usize = 20_000;

/// One request as the sandbox saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Sequence number, from 1, never reused in a run.
    pub seq: u64,
    /// When the request arrived, in Unix milliseconds.
    pub time_ms: u64,
    /// The method as received.
    pub method: String,
    /// The path as received (still percent-encoded), without the query.
    pub path: String,
    /// The query as received, without `?` (empty if none).
    pub query: String,
    /// The canonical path, when the path matched an endpoint.
    pub canonical_path: Option<String>,
    /// The endpoint's name (`create_natural_sca`), when matched; `sca_page` or `admin` for the
    /// sandbox's own pages.
    pub endpoint: Option<String>,
    /// The ClientId of the path (or of the Basic credentials for the token endpoint).
    pub client_id: Option<String>,
    /// The status answered (the status that was processed, for a dropped connection).
    pub status: u16,
    /// The `Idempotency-Key` header, if any.
    pub idempotency_key: Option<String>,
    /// The injected fault, if any (`500`, `503`, `429`, `drop`, `delay`).
    pub fault: Option<&'static str>,
    /// Processing time in milliseconds (without an injected delay).
    pub duration_ms: f64,
}

impl Entry {
    /// The entry as JSON for the admin API.
    pub fn to_json(&self) -> Value {
        json!({
            "seq": self.seq,
            "time": iso_millis(self.time_ms),
            "time_ms": self.time_ms,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "canonical_path": self.canonical_path,
            "endpoint": self.endpoint,
            "client_id": self.client_id,
            "status": self.status,
            "idempotency_key": self.idempotency_key,
            "fault": self.fault,
            "duration_ms": self.duration_ms,
        })
    }

    /// The stderr line: time, method, path, status, duration, idempotency key, fault.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} {} {}{}{} {} {:.1}ms",
            iso_millis(self.time_ms),
            self.method,
            self.path,
            if self.query.is_empty() { "" } else { "?" },
            self.query,
            self.status,
            self.duration_ms
        );
        if let Some(key) = &self.idempotency_key {
            line.push_str(" idempotency-key=");
            line.push_str(key);
        }
        if let Some(fault) = self.fault {
            line.push_str(" fault=");
            line.push_str(fault);
        }
        line
    }
}

/// The log and its counters.
#[derive(Debug, Default)]
pub struct RequestLog {
    next_seq: u64,
    entries: VecDeque<Entry>,
    total: u64,
    by_status: BTreeMap<u16, u64>,
    by_endpoint: BTreeMap<String, u64>,
    by_fault: BTreeMap<&'static str, u64>,
}

impl RequestLog {
    /// The next sequence number to hand out.
    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Records an entry.
    pub fn record(&mut self, entry: Entry) {
        self.total += 1;
        *self.by_status.entry(entry.status).or_default() += 1;
        let endpoint = entry.endpoint.clone().unwrap_or_else(|| "unmatched".into());
        *self.by_endpoint.entry(endpoint).or_default() += 1;
        if let Some(f) = entry.fault {
            *self.by_fault.entry(f).or_default() += 1;
        }
        if self.entries.len() >= LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Entries with `seq > since`, oldest first, at most `limit`.
    pub fn since(&self, since: u64, limit: usize) -> Vec<Value> {
        self.entries
            .iter()
            .filter(|e| e.seq > since)
            .take(limit)
            .map(Entry::to_json)
            .collect()
    }

    /// The counters as JSON.
    pub fn counters(&self) -> Value {
        let by_status: BTreeMap<String, u64> = self
            .by_status
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        json!({
            "total": self.total,
            "last_seq": self.next_seq,
            "by_status": by_status,
            "by_endpoint": self.by_endpoint,
            "by_fault": self.by_fault,
        })
    }

    /// Forgets entries and counters (sequence numbers keep increasing).
    pub fn clear(&mut self) {
        let next_seq = self.next_seq;
        *self = RequestLog::default();
        self.next_seq = next_seq;
    }
}
