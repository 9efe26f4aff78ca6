use std::time::Duration;

use mangopay_wasm::model::{pending_user_action_from_www_authenticate, ScaStatus};

use crate::common::*;

async fn pending_owner(sb: &Sb) -> (String, String) {
    let v = sb.create("/sca/users/natural", &natural_owner()).await;
    (
        v["Id"].as_str().unwrap().to_owned(),
        v["PendingUserAction"]["RedirectUrl"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

#[tokio::test]
async fn the_sca_page_completes_enrollment_and_returns_with_control_status() {
    let sb = start().await;
    let (id, redirect) = pending_owner(&sb).await;
    let target = redirect.strip_prefix(&sb.url).unwrap();

    let page = sb
        .send(
            "GET",
            &format!(
                "{target}&returnUrl={}",
                pct("https://platform.example/onboarding?step=sca")
            ),
            &[],
            b"",
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    let html = page.text();
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no script at all"
    );
    assert!(
        html.contains("method=\"post\"")
            && html.contains("value=\"complete\"")
            && html.contains("value=\"fail\"")
    );
    assert!(html.contains("ruby.reinger@example.com"));

    let status_before = sb.get(&format!("/sca/users/{id}/sca-status")).await;
    let s: ScaStatus = serde_json::from_slice(&status_before.body).unwrap();
    assert_eq!(s.is_enrolled, Some(false));

    let location = sb
        .finish_sca(
            &redirect,
            "https://platform.example/onboarding?step=sca",
            "complete",
        )
        .await;
    assert_eq!(
        location,
        "https://platform.example/onboarding?step=sca&controlStatus=VALIDATED"
    );
    let user = sb.get(&format!("/sca/users/{id}")).await.json();
    assert_eq!(user["UserStatus"], "ACTIVE");
    let s: ScaStatus =
        serde_json::from_slice(&sb.get(&format!("/sca/users/{id}/sca-status")).await.body).unwrap();
    assert_eq!(s.is_enrolled, Some(true));
    assert!(s.last_enrollment_date.is_some());
    assert_eq!(
        s.user_status.map(|x| x.as_str().to_owned()).as_deref(),
        Some("ACTIVE")
    );

    // A used session cannot be reused.
    let reuse = sb
        .send(
            "GET",
            &format!("{target}&returnUrl={}", pct("https://platform.example/")),
            &[],
            b"",
        )
        .await;
    assert_eq!(reuse.status, 410);
}

#[tokio::test]
async fn failing_or_expiring_the_session_keeps_the_user_pending() {
    let sb = start_with(|c| c.sca_session_ttl = Duration::from_millis(300)).await;
    let (id, redirect) = pending_owner(&sb).await;
    let location = sb
        .finish_sca(&redirect, "http://localhost:5173/back#top", "fail")
        .await;
    assert_eq!(
        location,
        "http://localhost:5173/back?controlStatus=FAILED#top"
    );
    assert_eq!(
        sb.get(&format!("/sca/users/{id}")).await.json()["UserStatus"],
        "PENDING_USER_ACTION"
    );

    // Expired after the session lifetime: returned to the platform with FAILED.
    let (id2, redirect2) = pending_owner(&sb).await;
    tokio::time::sleep(Duration::from_millis(350)).await;
    let target = redirect2.strip_prefix(&sb.url).unwrap();
    let r = sb
        .send(
            "GET",
            &format!("{target}&returnUrl={}", pct("https://platform.example/")),
            &[],
            b"",
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        r.header("location"),
        Some("https://platform.example/?controlStatus=FAILED")
    );
    assert_eq!(
        sb.get(&format!("/sca/users/{id2}")).await.json()["UserStatus"],
        "PENDING_USER_ACTION"
    );
}

#[tokio::test]
async fn the_sca_page_only_returns_to_http_urls_and_needs_one() {
    let sb = start().await;
    let (_, redirect) = pending_owner(&sb).await;
    let target = redirect.strip_prefix(&sb.url).unwrap();
    let missing = sb.send("GET", target, &[], b"").await;
    assert_eq!(missing.status, 400);
    assert!(missing.text().contains("returnUrl"));
    for bad in [
        "javascript:alert(1)",
        "//evil.example",
        "data:text/html,hi",
        "ftp://x.example",
    ] {
        let r = sb
            .send("GET", &format!("{target}&returnUrl={}", pct(bad)), &[], b"")
            .await;
        assert_eq!(r.status, 400, "{bad}");
    }
    let form = format!(
        "token={}&returnUrl={}&action=complete",
        target.split("token=").nth(1).unwrap(),
        pct("javascript:alert(1)")
    );
    let r = sb
        .send(
            "POST",
            "/sca/session",
            &[("Content-Type", "application/x-www-form-urlencoded".into())],
            form.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 400);
    let unknown = sb
        .send(
            "GET",
            "/sca/session?token=nope&returnUrl=https%3A%2F%2Fa.example",
            &[],
            b"",
        )
        .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn sca_status_is_404_until_enrollment_and_wallet_access_asks_for_sca() {
    let sb = start().await;
    let payer = sb.create("/sca/users/natural", &natural_payer()).await;
    let pid = payer["Id"].as_str().unwrap();
    sb.get(&format!("/sca/users/{pid}/sca-status"))
        .await
        .error(404, "ressource_not_found");
    assert_eq!(
        sb.get(&format!("/users/{pid}/wallets?ScaContext=USER_PRESENT"))
            .await
            .status,
        200
    );

    let (id, redirect) = pending_owner(&sb).await;
    let r = sb
        .get(&format!("/users/{id}/wallets?ScaContext=USER_PRESENT"))
        .await;
    r.error(401, "unauthorized");
    let header = r.header("www-authenticate").unwrap();
    assert!(
        header.starts_with("PendingUserAction RedirectUrl="),
        "{header}"
    );
    let action = pending_user_action_from_www_authenticate(header).unwrap();
    assert!(action.redirect_url.unwrap().starts_with(&sb.url));
    sb.get(&format!(
        "/users/{id}/transactions?ScaContext=USER_NOT_PRESENT"
    ))
    .await
    .error(403, "sca_proxy_missing");

    sb.finish_sca(&redirect, "https://platform.example/", "complete")
        .await;
    assert_eq!(
        sb.get(&format!("/users/{id}/wallets?ScaContext=USER_PRESENT"))
            .await
            .status,
        200
    );

    // Proxy consent through its own session.
    let c = sb
        .call("POST", &format!("/sca/users/{id}/consent"), None)
        .await;
    let url = c.json()["PendingUserAction"]["RedirectUrl"]
        .as_str()
        .unwrap()
        .to_owned();
    sb.finish_sca(&url, "https://platform.example/", "complete")
        .await;
    assert_eq!(
        sb.get(&format!(
            "/users/{id}/transactions?ScaContext=USER_NOT_PRESENT"
        ))
        .await
        .status,
        200
    );
    let s = sb.get(&format!("/sca/users/{id}/sca-status")).await.json();
    assert_eq!(s["ConsentScope"]["Transfer"], "ACTIVE");
    assert!(s["LastConsentCollectionDate"].is_i64());
}
