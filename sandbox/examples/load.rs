//! Load check (not a timed test): 10,000 mixed requests from 100 concurrent keep-alive clients
//! against an in-process sandbox built with the release profile. Prints requests per second,
//! p50/p99/max latency and the number of unexpected answers, which must be 0.
//!
//! Run: `cargo run --release -p mangopay-sandbox --example load` (optional: CLIENTS REQUESTS).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const CLIENT_ID: &str = mangopay_sandbox::DEFAULT_CLIENT_ID;

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    async fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            stream,
            buf: Vec::with_capacity(16 * 1024),
        })
    }

    async fn request(
        &mut self,
        method: &str,
        target: &str,
        headers: &str,
        body: &[u8],
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: sandbox\r\n{headers}Content-Length: {}\r\n\r\n",
            body.len()
        );
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        self.stream.write_all(&out).await?;
        let end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill().await?;
        };
        let head = String::from_utf8_lossy(&self.buf[..end]).into_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())
                    .flatten()
            })
            .unwrap_or(0);
        while self.buf.len() < end + length {
            self.fill().await?;
        }
        let body = self.buf[end..end + length].to_vec();
        self.buf.drain(..end + length);
        Ok((status, body))
    }

    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "connection closed",
            ));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

fn payer(i: usize) -> Value {
    json!({
        "FirstName": "Load", "LastName": format!("Tester {i}"), "Email": format!("load{i}@example.com"),
        "TermsAndConditionsAccepted": false, "UserCategory": "PAYER", "Tag": "load",
        "Address": {"AddressLine1": "1 rue", "City": "Paris", "PostalCode": "75001", "Country": "FR"}
    })
}

fn b64(n: usize) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(n, b'x');
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let v = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() {
                T[((v >> (18 - 6 * i)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// The i-th request of client `c`: a mix of reads, creates (some idempotent), updates, lists,
/// KYC documents and pages, bank accounts. Returns (method, path, body, expected status).
fn pick(
    c: usize,
    i: usize,
    users: &[String],
    doc: &(String, String),
) -> (String, String, Vec<u8>, u16, Option<String>) {
    let p = |rel: String| format!("/v2.01/{CLIENT_ID}{rel}");
    let user = &users[(c * 7 + i) % users.len()];
    let json = |v: Value| serde_json::to_vec(&v).unwrap_or_default();
    match i % 20 {
        0..=5 => (
            "GET".into(),
            p(format!("/sca/users/{user}")),
            vec![],
            200,
            None,
        ),
        6..=8 => (
            "GET".into(),
            p("/users?per_page=20&Sort=CreationDate:DESC".into()),
            vec![],
            200,
            None,
        ),
        9 | 10 => (
            "POST".into(),
            p("/sca/users/natural".into()),
            json(payer(c * 1000 + i)),
            200,
            None,
        ),
        11 | 12 => (
            "POST".into(),
            p("/sca/users/natural".into()),
            json(payer(c * 1000 + i)),
            200,
            Some(format!("load-{c:04}-{i:06}-key")),
        ),
        13 => (
            "GET".into(),
            p(format!("/users/{user}/kyc/documents")),
            vec![],
            200,
            None,
        ),
        14 => (
            "POST".into(),
            p(format!("/users/{user}/kyc/documents")),
            json(json!({"Type": "ADDRESS_PROOF", "Tag": "load"})),
            200,
            None,
        ),
        15 => (
            "PUT".into(),
            p(format!("/sca/users/natural/{user}")),
            json(json!({"Tag": format!("t{i}")})),
            200,
            None,
        ),
        16 => (
            "GET".into(),
            p(format!("/users/{user}/bankaccounts")),
            vec![],
            200,
            None,
        ),
        17 => (
            "GET".into(),
            p(format!("/users/{user}/wallets")),
            vec![],
            200,
            None,
        ),
        18 => (
            "GET".into(),
            p(format!("/users/{}/kyc/documents/{}", doc.0, doc.1)),
            vec![],
            200,
            None,
        ),
        _ => (
            "GET".into(),
            p("/users/user_m_unknown".into()),
            vec![],
            404,
            None,
        ),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

async fn run(clients: usize, per_client: usize) -> Result<(), String> {
    let config = mangopay_sandbox::Config {
        port: 0,
        log_requests: false,
        rate_limits: [u64::MAX; 4],
        kyc_delay: Duration::ZERO,
        admin: true,
        ..Default::default()
    };
    let sandbox = mangopay_sandbox::start(config)
        .await
        .map_err(|e| e.to_string())?;
    let addr = sandbox.addr();

    let mut setup = Conn::open(addr).await.map_err(|e| e.to_string())?;
    let basic = format!(
        "Authorization: Basic {}\r\nContent-Type: application/x-www-form-urlencoded\r\n",
        {
            let raw = format!("{CLIENT_ID}:{}", mangopay_sandbox::DEFAULT_API_KEY);
            // Base64 of the credentials, reusing the page encoder without its PDF header.
            let mut out = String::new();
            const T: &[u8; 64] =
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for c in raw.as_bytes().chunks(3) {
                let v = (u32::from(c[0]) << 16)
                    | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
                    | u32::from(*c.get(2).unwrap_or(&0));
                for i in 0..4 {
                    out.push(if i <= c.len() {
                        T[((v >> (18 - 6 * i)) & 63) as usize] as char
                    } else {
                        '='
                    });
                }
            }
            out
        }
    );
    let (status, body) = setup
        .request(
            "POST",
            "/v2.01/oauth/token",
            &basic,
            b"grant_type=client_credentials",
        )
        .await
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("token: {status}"));
    }
    let token: Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
    let auth = format!(
        "Authorization: Bearer {}\r\nContent-Type: application/json\r\n",
        token["access_token"].as_str().unwrap_or_default()
    );
    let mut users = Vec::new();
    for i in 0..20 {
        let (s, b) = setup
            .request(
                "POST",
                &format!("/v2.01/{CLIENT_ID}/sca/users/natural"),
                &auth,
                &serde_json::to_vec(&payer(i)).unwrap_or_default(),
            )
            .await
            .map_err(|e| e.to_string())?;
        let v: Value = serde_json::from_slice(&b).map_err(|e| format!("{s}: {e}"))?;
        users.push(v["Id"].as_str().unwrap_or_default().to_owned());
    }
    // One KYC document with a page, for the mix's document reads.
    let owner = json!({"FirstName": "Kyc", "LastName": "Owner", "Email": "kyc+accept@example.com",
        "TermsAndConditionsAccepted": true, "UserCategory": "OWNER", "Birthday": 652117514,
        "Nationality": "FR", "CountryOfResidence": "FR"});
    let (_, b) = setup
        .request(
            "POST",
            &format!("/v2.01/{CLIENT_ID}/sca/users/natural"),
            &auth,
            &serde_json::to_vec(&owner).unwrap_or_default(),
        )
        .await
        .map_err(|e| e.to_string())?;
    let owner_id = serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string())?["Id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (_, b) = setup
        .request(
            "POST",
            &format!("/v2.01/{CLIENT_ID}/users/{owner_id}/kyc/documents"),
            &auth,
            br#"{"Type":"IDENTITY_PROOF","Tag":"accept"}"#,
        )
        .await
        .map_err(|e| e.to_string())?;
    let doc_id = serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string())?["Id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let page = serde_json::to_vec(&json!({"File": b64(40_000)})).unwrap_or_default();
    let (s, _) = setup
        .request(
            "POST",
            &format!("/v2.01/{CLIENT_ID}/users/{owner_id}/kyc/documents/{doc_id}/pages"),
            &auth,
            &page,
        )
        .await
        .map_err(|e| e.to_string())?;
    if s != 204 {
        return Err(format!("page: {s}"));
    }
    let doc = (owner_id, doc_id);

    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (users, doc, auth) = (users.clone(), doc.clone(), auth.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(per_client);
            let mut unexpected = Vec::new();
            let mut conn = match Conn::open(addr).await {
                Ok(c) => c,
                Err(e) => return (latencies, vec![format!("connect: {e}")]),
            };
            for i in 0..per_client {
                let (method, target, body, expected, key) = pick(c, i, &users, &doc);
                let headers = match &key {
                    Some(k) => format!("{auth}Idempotency-Key: {k}\r\n"),
                    None => auth.clone(),
                };
                let t = Instant::now();
                match conn.request(&method, &target, &headers, &body).await {
                    Ok((status, _)) if status == expected => {}
                    Ok((status, body)) => unexpected.push(format!(
                        "{method} {target}: {status} {}",
                        String::from_utf8_lossy(&body)
                    )),
                    Err(e) => {
                        unexpected.push(format!("{method} {target}: {e}"));
                        match Conn::open(addr).await {
                            Ok(c) => conn = c,
                            Err(_) => break,
                        }
                    }
                }
                latencies.push(t.elapsed());
            }
            (latencies, unexpected)
        }));
    }
    let mut latencies = Vec::new();
    let mut unexpected = Vec::new();
    for t in tasks {
        let (l, u) = t.await.map_err(|e| e.to_string())?;
        latencies.extend(l);
        unexpected.extend(u);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let total = latencies.len();
    println!("mangopay-sandbox load check");
    println!("  clients:              {clients} concurrent keep-alive connections");
    println!("  requests:             {total} (mix: user reads 30%, lists 15%, creates 20% incl. idempotent 10%, KYC 15%, updates 5%, bank accounts 5%, wallets 5%, 404s 5%)");
    println!("  wall time:            {:.3} s", elapsed.as_secs_f64());
    println!(
        "  throughput:           {:.0} requests/s",
        total as f64 / elapsed.as_secs_f64()
    );
    println!(
        "  latency p50:          {:.2} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0
    );
    println!(
        "  latency p99:          {:.2} ms",
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0
    );
    println!(
        "  latency max:          {:.2} ms",
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    println!("  unexpected answers:   {}", unexpected.len());
    for u in unexpected.iter().take(10) {
        println!("    {u}");
    }
    // Server-side processing time per endpoint, from the sandbox's own request log.
    let (s, b) = setup
        .request("GET", "/__sandbox/requests", "", b"")
        .await
        .map_err(|e| e.to_string())?;
    if s == 200 {
        let log: Value = serde_json::from_slice(&b).map_err(|e| e.to_string())?;
        let mut by_endpoint: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
        for e in log["requests"].as_array().into_iter().flatten() {
            by_endpoint
                .entry(e["endpoint"].as_str().unwrap_or("unmatched").to_owned())
                .or_default()
                .push(e["duration_ms"].as_f64().unwrap_or(0.0));
        }
        println!("  server processing (inside the sandbox, per endpoint): p50 / p99 ms");
        for (endpoint, mut d) in by_endpoint {
            d.sort_by(f64::total_cmp);
            let at = |p: f64| d[((d.len() as f64 - 1.0) * p).round() as usize];
            println!(
                "    {endpoint:<28} {:>5}  {:.3} / {:.3}",
                d.len(),
                at(0.5),
                at(0.99)
            );
        }
    }
    sandbox.shutdown();
    if unexpected.is_empty() {
        Ok(())
    } else {
        Err(format!("{} unexpected answers", unexpected.len()))
    }
}

fn main() {
    // Optional positional arguments: CLIENTS REQUESTS.
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let clients = numbers.first().copied().unwrap_or(100);
    let requests = numbers.get(1).copied().unwrap_or(10_000);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(clients, requests.div_ceil(clients))) {
        eprintln!("load check failed: {e}");
        std::process::exit(1);
    }
}
