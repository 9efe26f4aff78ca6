use mangopay_wasm::model::parse_rate_limits;

use crate::common::*;

#[tokio::test]
async fn rate_limit_headers_on_every_response_and_429_when_exceeded() {
    let sb = start_with(|c| c.rate_limits = [4, 100, 100, 100]).await; // the token call is #1
    let ok = sb.get("/users").await;
    let limits = parse_rate_limits(
        ok.header("x-ratelimit"),
        ok.header("x-ratelimit-remaining"),
        ok.header("x-ratelimit-reset"),
    );
    assert_eq!(limits.len(), 4);
    assert_eq!(ok.header("x-ratelimit"), Some("2, 2, 2, 2"));
    assert_eq!(ok.header("x-ratelimit-remaining"), Some("2, 98, 98, 98"));
    let resets: Vec<i64> = ok
        .header("x-ratelimit-reset")
        .unwrap()
        .split(", ")
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(resets[1] - resets[0], 900);
    assert_eq!(resets[3] - resets[0], 85_500);

    // Errors carry them too.
    let unauthorized = sb.send("GET", &path("/users"), &[], b"").await;
    assert_eq!(unauthorized.status, 401);
    assert_eq!(unauthorized.header("x-ratelimit"), Some("3, 3, 3, 3"));
    let missing = sb.get("/users/user_m_none").await;
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("x-ratelimit-remaining"),
        Some("0, 96, 96, 96")
    );

    let limited = sb.get("/users").await;
    let e = limited.error(429, "rate_limit");
    assert_eq!(
        e["Message"],
        "Rate limit exceeded. Please contact support for more assistance"
    );
    assert_eq!(limited.header("x-ratelimit"), Some("4, 4, 4, 4"));
    assert_eq!(
        limited.header("x-ratelimit-remaining"),
        Some("0, 96, 96, 96")
    );
}
