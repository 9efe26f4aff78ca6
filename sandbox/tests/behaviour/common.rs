//! Test harness: a sandbox started in-process on 127.0.0.1:0 and a tiny HTTP/1.1 client over
//! a raw `TcpStream`, so a dropped connection (zero response bytes) is observable.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use mangopay_sandbox::{Config, Sandbox, DEFAULT_API_KEY, DEFAULT_CLIENT_ID};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const CLIENT: &str = DEFAULT_CLIENT_ID;

/// A response as received.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {}: body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts a Mangopay error body of this status and type, and returns it.
    pub fn error(&self, status: u16, error_type: &str) -> Value {
        assert_eq!(self.status, status, "body: {}", self.text());
        let v = self.json();
        assert_eq!(v["Type"], error_type, "body: {v}");
        assert!(v["Message"].is_string(), "{v}");
        assert!(v["Id"].is_string() || v["Id"].is_null(), "{v}");
        assert!(v["Date"].is_number(), "{v}");
        assert!(v.get("errors").is_some(), "{v}");
        v
    }
}

/// Why a request got no response.
#[derive(Debug)]
pub enum Failure {
    /// The server closed the connection without a byte.
    Dropped,
    /// Anything else.
    Io(std::io::Error),
}

/// Sends one request (`Connection: close`) and reads the whole response.
pub async fn raw(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> Result<Resp, Failure> {
    let mut stream = TcpStream::connect(addr).await.map_err(Failure::Io)?;
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || matches!(method, "POST" | "PUT") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(Failure::Io)?;
    // The server may answer before reading a large body (413); ignore write errors then.
    let _ = stream.write_all(body).await;
    let mut buf = Vec::new();
    match stream.read_to_end(&mut buf).await {
        Ok(_) => {}
        Err(e) if buf.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => {
            return Err(Failure::Dropped)
        }
        Err(e) if buf.is_empty() => return Err(Failure::Io(e)),
        Err(_) => {}
    }
    if buf.is_empty() {
        return Err(Failure::Dropped);
    }
    Ok(parse(&buf))
}

fn parse(buf: &[u8]) -> Resp {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let body = buf[split + 4..].to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

/// A sandbox for one test, with a token for the default client.
pub struct Sb {
    pub addr: SocketAddr,
    pub url: String,
    pub token: String,
    pub sandbox: Sandbox,
}

/// The test configuration: any free port, quiet, admin on, KYC outcomes at once.
pub fn test_config() -> Config {
    Config {
        port: 0,
        log_requests: false,
        admin: true,
        kyc_delay: Duration::ZERO,
        ..Config::default()
    }
}

pub async fn start() -> Sb {
    start_with(|_| {}).await
}

pub async fn start_with(f: impl FnOnce(&mut Config)) -> Sb {
    let mut config = test_config();
    f(&mut config);
    let sandbox = mangopay_sandbox::start(config).await.expect("start");
    let addr = sandbox.addr();
    let url = sandbox.url().to_owned();
    let mut sb = Sb {
        addr,
        url,
        token: String::new(),
        sandbox,
    };
    sb.token = sb.token_for(CLIENT, DEFAULT_API_KEY).await;
    sb
}

pub fn basic(id: &str, key: &str) -> String {
    format!("Basic {}", b64(format!("{id}:{key}").as_bytes()))
}

pub fn path(rel: &str) -> String {
    format!("/v2.01/{CLIENT}{rel}")
}

impl Sb {
    pub async fn token_for(&self, id: &str, key: &str) -> String {
        let r = self
            .send(
                "POST",
                "/v2.01/oauth/token",
                &[
                    ("Authorization", basic(id, key)),
                    (
                        "Content-Type",
                        "application/x-www-form-urlencoded".to_owned(),
                    ),
                ],
                b"grant_type=client_credentials",
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["access_token"].as_str().unwrap().to_owned()
    }

    /// Any request; panics if the connection was dropped.
    pub async fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, String)],
        body: &[u8],
    ) -> Resp {
        raw(self.addr, method, target, headers, body)
            .await
            .unwrap_or_else(|e| panic!("{method} {target}: {e:?}"))
    }

    fn auth(&self) -> (&'static str, String) {
        ("Authorization", format!("Bearer {}", self.token))
    }

    /// An authenticated request to `/v2.01/demo-client{rel}` with a JSON body (or none).
    pub async fn call(&self, method: &str, rel: &str, body: Option<&Value>) -> Resp {
        self.call_with(method, rel, body, &[]).await
    }

    pub async fn call_with(
        &self,
        method: &str,
        rel: &str,
        body: Option<&Value>,
        extra: &[(&str, String)],
    ) -> Resp {
        let mut headers = vec![self.auth()];
        headers.extend(extra.iter().cloned());
        let bytes = match body {
            Some(b) => {
                headers.push(("Content-Type", "application/json".to_owned()));
                serde_json::to_vec(b).unwrap()
            }
            None => Vec::new(),
        };
        self.send(method, &path(rel), &headers, &bytes).await
    }

    pub async fn get(&self, rel: &str) -> Resp {
        self.call("GET", rel, None).await
    }

    pub async fn post(&self, rel: &str, body: &Value) -> Resp {
        self.call("POST", rel, Some(body)).await
    }

    pub async fn put(&self, rel: &str, body: &Value) -> Resp {
        self.call("PUT", rel, Some(body)).await
    }

    /// The admin API.
    pub async fn admin(&self, method: &str, rel: &str, body: Option<&Value>) -> Resp {
        let bytes = body
            .map(|b| serde_json::to_vec(b).unwrap())
            .unwrap_or_default();
        self.send(method, &format!("/__sandbox/{rel}"), &[], &bytes)
            .await
    }

    /// Creates a user and returns its JSON.
    pub async fn create(&self, rel: &str, body: &Value) -> Value {
        let r = self.post(rel, body).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    /// Opens an SCA session page and completes (or fails) it; returns the redirect location.
    pub async fn finish_sca(&self, redirect_url: &str, return_url: &str, action: &str) -> String {
        let target = redirect_url
            .strip_prefix(&self.url)
            .expect("RedirectUrl on the sandbox's public URL");
        let page = self
            .send(
                "GET",
                &format!("{target}&returnUrl={}", pct(return_url)),
                &[],
                b"",
            )
            .await;
        assert_eq!(page.status, 200, "{}", page.text());
        let html = page.text();
        let token = target.split("token=").nth(1).unwrap();
        assert!(html.contains(token));
        let form = format!(
            "token={token}&returnUrl={}&action={action}",
            pct(return_url)
        );
        let r = self
            .send(
                "POST",
                "/sca/session",
                &[(
                    "Content-Type",
                    "application/x-www-form-urlencoded".to_owned(),
                )],
                form.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        r.header("location").unwrap().to_owned()
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Standard Base64 with padding.
pub fn b64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                out.push(T[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A PNG-looking file of `size` bytes, Base64.
pub fn png_b64(size: usize) -> String {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.resize(size, 7);
    b64(&bytes)
}

pub fn natural_payer() -> Value {
    json!({
        "FirstName": "Alex",
        "LastName": "Smith",
        "Email": "alex.smith@example.com",
        "TermsAndConditionsAccepted": false,
        "UserCategory": "PAYER",
        "Address": {
            "AddressLine1": "3 rue de la Cité", "AddressLine2": "Appartement 7", "City": "Paris",
            "Region": "Île-de-France", "PostalCode": "75004", "Country": "FR"
        },
        "Tag": "created by the sandbox tests",
        "PhoneNumber": "0611111111",
        "PhoneNumberCountry": "FR"
    })
}

pub fn natural_owner() -> Value {
    let mut v = natural_payer();
    v["UserCategory"] = json!("OWNER");
    v["TermsAndConditionsAccepted"] = json!(true);
    v["Birthday"] = json!(652_117_514);
    v["Nationality"] = json!("FR");
    v["CountryOfResidence"] = json!("FR");
    v["Email"] = json!("ruby.reinger@example.com");
    v
}

pub fn legal_owner() -> Value {
    json!({
        "Name": "ACME Corporation",
        "LegalPersonType": "SOLETRADER",
        "LegalRepresentative": {
            "FirstName": "Gunner", "LastName": "Beier", "Birthday": 652117514,
            "Nationality": "FR", "CountryOfResidence": "FR", "Email": "gunner.beier@example.com",
            "PhoneNumber": "+33611111111", "PhoneNumberCountry": "FR"
        },
        "CompanyNumber": "123456789",
        "HeadquartersAddress": {
            "AddressLine1": "18014 Jermain Grove", "AddressLine2": "Harry Unions", "City": "Paris",
            "Region": "Ile-de-France", "PostalCode": "75001", "Country": "FR"
        },
        "Email": "acme.corporation@example.com",
        "TermsAndConditionsAccepted": true,
        "UserCategory": "OWNER"
    })
}
