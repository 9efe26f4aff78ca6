use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::*;

async fn script(sb: &Sb, faults: serde_json::Value) {
    let r = sb
        .admin("POST", "faults/script", Some(&json!({ "faults": faults })))
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
}

fn idem(k: &str) -> [(&'static str, String); 1] {
    [("Idempotency-Key", k.to_owned())]
}

#[tokio::test]
async fn fault_500_uses_up_the_idempotency_key() {
    let sb = start().await;
    script(
        &sb,
        json!([{"kind": "500", "method": "POST", "path": "/sca/users/natural"}]),
    )
    .await;
    let k = "fault-500-key-00001";
    let r = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &idem(k),
        )
        .await;
    r.error(500, "internal_server_error");
    assert_eq!(r.header("x-sandbox-fault"), Some("500"));
    assert!(r.header("x-ratelimit").is_some());
    assert_eq!(
        sb.get("/users").await.header("x-number-of-items"),
        Some("0"),
        "not processed"
    );
    let retry = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &idem(k),
        )
        .await;
    retry.error(409, "idempotent_creation_conflict");
    assert_eq!(
        sb.get(&format!("/responses/{k}")).await.json()["StatusCode"],
        "500"
    );
}

#[tokio::test]
async fn fault_503_happens_before_the_api_and_keeps_the_key_free() {
    let sb = start().await;
    script(&sb, json!([{"kind": "503"}])).await;
    let k = "fault-503-key-00001";
    let r = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &idem(k),
        )
        .await;
    r.error(503, "service_unavailable");
    let retry = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &idem(k),
        )
        .await;
    assert_eq!(
        retry.status,
        200,
        "the retry is processed: {}",
        retry.text()
    );
}

#[tokio::test]
async fn fault_429_answers_with_retry_after() {
    let sb = start_with(|c| c.faults.retry_after_secs = 7).await;
    script(&sb, json!([{"kind": "429", "method": "GET"}])).await;
    let r = sb.get("/users").await;
    r.error(429, "rate_limit");
    assert_eq!(r.header("retry-after"), Some("7"));
    assert_eq!(
        sb.get("/users").await.status,
        200,
        "one scripted fault, used once"
    );
}

#[tokio::test]
async fn fault_drop_closes_the_connection_after_processing() {
    let sb = start().await;
    script(
        &sb,
        json!([{"kind": "drop", "method": "POST", "path": "/sca/users/natural"}]),
    )
    .await;
    let k = "fault-drop-key-00001";
    let body = serde_json::to_vec(&natural_payer()).unwrap();
    let headers = [
        ("Authorization", format!("Bearer {}", sb.token)),
        ("Content-Type", "application/json".to_owned()),
        ("Idempotency-Key", k.to_owned()),
    ];
    let dropped = raw(
        sb.addr,
        "POST",
        &path("/sca/users/natural"),
        &headers,
        &body,
    )
    .await;
    assert!(matches!(dropped, Err(Failure::Dropped)), "{dropped:?}");
    // It was processed and recorded: the retry is a 409 and the answer can be replayed.
    let list = sb.get("/users").await;
    assert_eq!(list.header("x-number-of-items"), Some("1"));
    let retry = sb
        .call_with(
            "POST",
            "/sca/users/natural",
            Some(&natural_payer()),
            &idem(k),
        )
        .await;
    retry.error(409, "idempotent_creation_conflict");
    let replay = sb.get(&format!("/responses/{k}")).await.json();
    assert_eq!(replay["StatusCode"], "200");
    assert_eq!(replay["Resource"]["Id"], list.json()[0]["Id"]);
    let log = sb.admin("GET", "requests", None).await.json();
    let entry = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["fault"] == "drop")
        .unwrap()
        .clone();
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["idempotency_key"], k);
}

#[tokio::test]
async fn fault_delay_answers_late_after_processing() {
    let sb = start().await;
    script(
        &sb,
        json!([{"kind": "delay", "method": "POST", "delay_ms": 400}]),
    )
    .await;
    let started = Instant::now();
    let client_timeout = tokio::time::timeout(
        Duration::from_millis(150),
        sb.post("/sca/users/natural", &natural_payer()),
    )
    .await;
    assert!(
        client_timeout.is_err(),
        "a client with a 150 ms timeout gives up"
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        sb.get("/users").await.header("x-number-of-items"),
        Some("1"),
        "processed anyway"
    );

    script(&sb, json!([{"kind": "delay", "delay_ms": 300}])).await;
    let started2 = Instant::now();
    let late = sb.get("/users").await;
    assert_eq!(late.status, 200);
    assert!(started2.elapsed() >= Duration::from_millis(300));
    assert_eq!(late.header("x-sandbox-fault"), Some("delay"));
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn seeded_fault_shares_are_reproducible() {
    async fn run(seed: u64) -> Vec<u16> {
        let sb = start().await;
        let faults = json!({"error_503": 0.3, "error_500": 0.2, "seed": seed});
        assert_eq!(sb.admin("PUT", "faults", Some(&faults)).await.status, 200);
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(sb.get("/users").await.status);
        }
        statuses
    }
    let (a, b, c) = (run(42).await, run(42).await, run(43).await);
    assert_eq!(a, b);
    assert_ne!(a, c);
    let faulty = a.iter().filter(|s| **s >= 500).count();
    assert!((8..=32).contains(&faulty), "{a:?}");
    assert!(a.contains(&503) && a.contains(&200));
}

#[tokio::test]
async fn faults_are_set_and_cleared_at_run_time() {
    let sb = start().await;
    let set = sb
        .admin("PUT", "faults", Some(&json!({"error_503": 1.0, "seed": 3})))
        .await;
    assert_eq!(set.json()["settings"]["error_503"], 1.0);
    assert_eq!(sb.get("/users").await.status, 503);
    let bad = sb
        .admin(
            "PUT",
            "faults",
            Some(&json!({"error_503": 0.8, "drop": 0.8})),
        )
        .await;
    assert_eq!(bad.status, 400);
    let cleared = sb.admin("DELETE", "faults", None).await;
    assert_eq!(cleared.json()["settings"]["error_503"], 0.0);
    assert_eq!(sb.get("/users").await.status, 200);
}
