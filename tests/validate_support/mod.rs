//! Helpers shared by the `validate_*` integration tests.
#![allow(dead_code)]

use mangopay_wasm::validate::{IssueCode, Report};
use serde_json::Value;

/// Loads a JSON fixture from `tests/fixtures/` (shared with the model round-trip tests).
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Asserts that a report has no issue, printing them otherwise.
#[track_caller]
pub fn assert_ok(report: &Report) {
    assert!(report.is_ok(), "unexpected issues: {:#?}", report.issues());
}

/// Asserts that a report has an issue `code` at `path`.
#[track_caller]
pub fn assert_has(report: &Report, path: &str, code: IssueCode) {
    assert!(
        report.has(path, code),
        "expected {code} at {path:?}, got: {:#?}",
        report.issues()
    );
}

/// Asserts that a report has exactly one issue, `code` at `path`.
#[track_caller]
pub fn assert_only(report: &Report, path: &str, code: IssueCode) {
    assert_has(report, path, code);
    assert_eq!(
        report.issues().len(),
        1,
        "expected only {code} at {path:?}, got: {:#?}",
        report.issues()
    );
}

/// Asserts that nothing was reported at `path`.
#[track_caller]
pub fn assert_clean(report: &Report, path: &str) {
    assert!(
        !report.has_path(path),
        "expected nothing at {path:?}, got: {:#?}",
        report.issues()
    );
}

/// A copy of `body` with the dotted `path` set to `value` (intermediate objects are created).
pub fn with(body: &Value, path: &str, value: Value) -> Value {
    let mut body = body.clone();
    let mut node = &mut body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !node.is_object() {
            *node = Value::Object(Default::default());
        }
        let map = node.as_object_mut().unwrap();
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            break;
        }
        node = map.entry(part.to_owned()).or_insert(Value::Null);
    }
    body
}

/// A copy of `body` without the dotted `path`.
pub fn without(body: &Value, path: &str) -> Value {
    let mut body = body.clone();
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (parent, key),
        None => ("", path),
    };
    let node = if parent.is_empty() {
        Some(&mut body)
    } else {
        body.pointer_mut(&format!("/{}", parent.replace('.', "/")))
    };
    if let Some(map) = node.and_then(Value::as_object_mut) {
        map.remove(key);
    }
    body
}
