//! The admin API under `/__sandbox/`: only with `--admin`, only from loopback peers.
//!
//! | method and path | what |
//! |---|---|
//! | `GET /__sandbox/health` | `{"ok": true}` |
//! | `GET /__sandbox/requests?since=SEQ&limit=N` | the request log (oldest first) |
//! | `DELETE /__sandbox/requests` | clears the log and counters |
//! | `GET /__sandbox/counters` | totals by status, endpoint and fault |
//! | `GET /__sandbox/faults` | fault shares, seed and the script queue |
//! | `PUT /__sandbox/faults` | sets shares (`error_500`, `error_503`, `rate_limit_429`, `drop`, `delay`, `seed`, `delay_ms`, `retry_after_secs`); fields left out keep their value; draws restart from the seed |
//! | `DELETE /__sandbox/faults` | every share to 0 and the script emptied |
//! | `POST /__sandbox/faults/script` | appends `{"faults": [{"kind": "drop", "method": "POST", "path": "/users/natural"}, …]}` |
//! | `POST /__sandbox/reset` | forgets users, documents, accounts, sessions, idempotency keys, rate-limit counts, the fault script and the log (tokens stay valid) |

use serde_json::{json, Value};

use crate::app::{App, Incoming, ADMIN_PREFIX};
use crate::config::FaultSettings;
use crate::faults::ScriptedFault;
use crate::reply::{api_error, not_found, Reply};
use crate::util::form_value;

fn bad_request(message: &str) -> Reply {
    Reply::json(400, &json!({ "error": message }))
}

fn settings_json(s: &FaultSettings) -> Value {
    json!({
        "error_500": s.error_500,
        "error_503": s.error_503,
        "rate_limit_429": s.rate_limit_429,
        "drop": s.drop,
        "delay": s.delay,
        "seed": s.seed,
        "delay_ms": s.delay_ms,
        "retry_after_secs": s.retry_after_secs,
    })
}

fn faults_json(app: &App) -> Value {
    let st = app.lock();
    json!({
        "settings": settings_json(st.faults.settings()),
        "script": st.faults.script().map(ScriptedFault::to_json).collect::<Vec<_>>(),
    })
}

fn body_json(req: &Incoming) -> Result<Value, Reply> {
    if req.body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&req.body).map_err(|e| bad_request(&format!("invalid JSON: {e}")))
}

fn update_settings(mut s: FaultSettings, v: &Value) -> Result<FaultSettings, String> {
    let o = v.as_object().ok_or("the body must be a JSON object")?;
    for (k, v) in o {
        let share = || v.as_f64().ok_or(format!("{k} must be a number"));
        let whole = || v.as_u64().ok_or(format!("{k} must be a whole number"));
        match k.as_str() {
            "error_500" => s.error_500 = share()?,
            "error_503" => s.error_503 = share()?,
            "rate_limit_429" => s.rate_limit_429 = share()?,
            "drop" => s.drop = share()?,
            "delay" => s.delay = share()?,
            "seed" => s.seed = whole()?,
            "delay_ms" => s.delay_ms = whole()?,
            "retry_after_secs" => s.retry_after_secs = whole()?,
            other => return Err(format!("unknown field {other}")),
        }
    }
    s.check()?;
    Ok(s)
}

/// Handles a request under `/__sandbox/`.
pub fn handle(app: &App, req: &Incoming) -> Reply {
    if !app.settings.admin {
        return not_found("path", &req.path);
    }
    if !req.peer.ip().is_loopback() {
        return api_error(
            403,
            "forbidden_ressource",
            "The admin API only answers loopback peers",
        );
    }
    let route = req
        .path
        .strip_prefix(ADMIN_PREFIX)
        .unwrap_or("")
        .trim_end_matches('/');
    match (req.method.as_str(), route) {
        ("GET", "health") => Reply::json(200, &json!({"ok": true})),
        ("GET", "requests") => {
            let since = form_value(&req.query, "since")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let limit = form_value(&req.query, "limit")
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX);
            let requests = app.lock().log.since(since, limit);
            Reply::json(200, &json!({ "requests": requests }))
        }
        ("DELETE", "requests") => {
            app.lock().log.clear();
            Reply::no_content()
        }
        ("GET", "counters") => Reply::json(200, &app.lock().log.counters()),
        ("GET", "faults") => Reply::json(200, &faults_json(app)),
        ("PUT", "faults") => {
            let body = match body_json(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            let current = app.lock().faults.settings().clone();
            match update_settings(current, &body) {
                Ok(s) => {
                    app.lock().faults.set(s);
                    Reply::json(200, &faults_json(app))
                }
                Err(e) => bad_request(&e),
            }
        }
        ("DELETE", "faults") => {
            app.lock().faults.clear();
            Reply::json(200, &faults_json(app))
        }
        ("POST", "faults/script") => {
            let body = match body_json(req) {
                Ok(v) => v,
                Err(r) => return r,
            };
            let list = match body.get("faults").unwrap_or(&body) {
                Value::Array(a) => a.clone(),
                _ => return bad_request("send {\"faults\": [{\"kind\": \"drop\"}, …]}"),
            };
            let parsed: Result<Vec<ScriptedFault>, String> =
                list.iter().map(ScriptedFault::from_json).collect();
            match parsed {
                Ok(faults) => {
                    app.lock().faults.push_script(faults);
                    Reply::json(200, &faults_json(app))
                }
                Err(e) => bad_request(&e),
            }
        }
        ("POST", "reset") => {
            let mut st = app.lock();
            st.store.reset_data();
            st.rates.reset();
            let settings = st.faults.settings().clone();
            st.faults.clear();
            st.faults.set(settings);
            st.log.clear();
            Reply::no_content()
        }
        _ => not_found("path", &req.path),
    }
}
