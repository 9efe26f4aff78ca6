//! The sandbox's settings, from command-line flags and environment variables.

use std::net::IpAddr;
use std::time::Duration;

/// The ClientId accepted when no credentials are configured.
pub const DEFAULT_CLIENT_ID: &str = "demo-client";
/// The API key accepted when no credentials are configured.
pub const DEFAULT_API_KEY: &str = "demo-api-key-0f3c9a7e";
/// Mangopay's rate-limit buckets: calls per 15 minutes, 30 minutes, 1 hour and 24 hours.
pub const DEFAULT_RATE_LIMITS: [u64; 4] = [2300, 4500, 8800, 105_600];

/// Shares of requests answered with each fault, plus what makes them reproducible.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSettings {
    /// Share (0–1) answered `500` (inside the API: an idempotency key is used up).
    pub error_500: f64,
    /// Share answered `503` (in front of the API: nothing processed).
    pub error_503: f64,
    /// Share answered `429` with `Retry-After` (nothing processed).
    pub rate_limit_429: f64,
    /// Share processed and recorded, then the connection closed without a response byte.
    pub drop: f64,
    /// Share processed, then answered after `delay_ms`.
    pub delay: f64,
    /// The seed of the fault draws: the same seed and the same request order give the same faults.
    pub seed: u64,
    /// How long a delayed answer waits, in milliseconds.
    pub delay_ms: u64,
    /// The `Retry-After` of an injected 429, in seconds.
    pub retry_after_secs: u64,
}

impl Default for FaultSettings {
    fn default() -> Self {
        FaultSettings {
            error_500: 0.0,
            error_503: 0.0,
            rate_limit_429: 0.0,
            drop: 0.0,
            delay: 0.0,
            seed: 0,
            delay_ms: 35_000,
            retry_after_secs: 1,
        }
    }
}

impl FaultSettings {
    /// Checks that every share is within 0–1 and that they add up to at most 1.
    pub fn check(&self) -> Result<(), String> {
        let shares = [
            ("500", self.error_500),
            ("503", self.error_503),
            ("429", self.rate_limit_429),
            ("drop", self.drop),
            ("delay", self.delay),
        ];
        for (name, share) in shares {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("the {name} fault share must be between 0 and 1"));
            }
        }
        let total: f64 = shares.iter().map(|(_, s)| s).sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("the fault shares add up to {total}, more than 1"));
        }
        Ok(())
    }
}

/// What a KYC document without a sandbox Tag becomes after submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KycDefault {
    /// It stays `VALIDATION_ASKED`, as on Mangopay's sandbox (the default).
    Pending,
    /// It becomes `VALIDATED`.
    Validated,
    /// It becomes `REFUSED` with `DOCUMENT_UNREADABLE`.
    Refused,
}

/// Every setting of a sandbox run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind (default `127.0.0.1`).
    pub host: IpAddr,
    /// The port to bind (default 8790; 0 picks a free one).
    pub port: u16,
    /// The origin used in links the sandbox hands out (`RedirectUrl`, `Link`, `RequestURL`);
    /// default `http://{host}:{port}`.
    pub public_url: Option<String>,
    /// Accepted `(ClientId, API key)` pairs.
    pub credentials: Vec<(String, String)>,
    /// Lifetime of an OAuth token (`expires_in`; default 1200 s like Mangopay's sandbox).
    pub token_ttl: Duration,
    /// Calls allowed per 15 min, 30 min, 1 h and 24 h, per ClientId.
    pub rate_limits: [u64; 4],
    /// Faults injected from the start.
    pub faults: FaultSettings,
    /// Whether the admin API under `/__sandbox/` is served (loopback peers only).
    pub admin: bool,
    /// Delay between a KYC submission and its outcome.
    pub kyc_delay: Duration,
    /// Outcome of submitted KYC documents whose Tag asks for none.
    pub kyc_default: KycDefault,
    /// How long an SCA session (a `RedirectUrl`) stays usable (default 10 minutes).
    pub sca_session_ttl: Duration,
    /// How long an idempotency key blocks and replays (default 24 hours).
    pub idempotency_ttl: Duration,
    /// Whether one line per request is written to stderr.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8790,
            public_url: None,
            credentials: vec![(DEFAULT_CLIENT_ID.to_owned(), DEFAULT_API_KEY.to_owned())],
            token_ttl: Duration::from_secs(1200),
            rate_limits: DEFAULT_RATE_LIMITS,
            faults: FaultSettings::default(),
            admin: false,
            kyc_delay: Duration::from_millis(1500),
            kyc_default: KycDefault::Pending,
            sca_session_ttl: Duration::from_secs(600),
            idempotency_ttl: Duration::from_secs(24 * 3600),
            log_requests: true,
        }
    }
}

/// The `--help` text.
pub const USAGE: &str = "\
mangopay-sandbox: a local Mangopay v2.01 Users API (in memory)

USAGE: mangopay-sandbox [OPTIONS]

  --host ADDR              address to bind (default 127.0.0.1)
  --port N                 port to bind (default 8790; 0 = any free port)
  --public-url URL         origin used in RedirectUrl, Link and RequestURL
                           (default http://HOST:PORT)
  --client-id ID           accepted ClientId; repeat with --api-key for several pairs
  --api-key KEY            the API key of the preceding --client-id
                           (default pair: demo-client / demo-api-key-0f3c9a7e;
                           env MANGOPAY_SANDBOX_CLIENT_ID / MANGOPAY_SANDBOX_API_KEY)
  --token-ttl SECS         OAuth token lifetime (default 1200)
  --rate-limit A,B,C,D     calls per 15 min, 30 min, 1 h, 24 h (default 2300,4500,8800,105600)
  --fault-500 P            share of requests answered 500 (0-1)
  --fault-503 P            share of requests answered 503
  --fault-429 P            share of requests answered 429 with Retry-After
  --fault-drop P           share processed, then the connection closed with no response
  --fault-delay P          share processed, then answered after --fault-delay-ms
  --fault-delay-ms N       delay of a delayed answer (default 35000)
  --fault-retry-after S    Retry-After of an injected 429 (default 1)
  --fault-seed N           seed of the fault draws (default 0)
  --admin                  serve the admin API under /__sandbox/ (loopback peers only)
  --kyc-delay-ms N         delay from KYC submission to outcome (default 1500; 0 = at once)
  --kyc-default OUTCOME    outcome of untagged KYC documents: pending (default), validated, refused
  --sca-session-ttl SECS   lifetime of an SCA session (default 600)
  --quiet                  no request log on stderr
  -h, --help               this help
";

/// Reads the settings from flags (`args` without the program name) and an environment lookup.
/// `Ok(None)` means `--help` was asked for.
pub fn parse<I, E>(args: I, env: E) -> Result<Option<Config>, String>
where
    I: IntoIterator<Item = String>,
    E: Fn(&str) -> Option<String>,
{
    let mut c = Config::default();
    let mut ids: Vec<String> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let (flag, inline) = match flag.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (flag, None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => {
                let v = value("--host")?;
                c.host = v
                    .parse()
                    .map_err(|_| format!("--host: not an IP address: {v}"))?;
            }
            "--port" => c.port = number(&value("--port")?, "--port")?,
            "--public-url" => {
                let v = value("--public-url")?;
                if !(v.starts_with("http://") || v.starts_with("https://")) {
                    return Err("--public-url must start with http:// or https://".into());
                }
                c.public_url = Some(v.trim_end_matches('/').to_owned());
            }
            "--client-id" => ids.push(value("--client-id")?),
            "--api-key" => keys.push(value("--api-key")?),
            "--token-ttl" => {
                c.token_ttl = Duration::from_secs(number(&value("--token-ttl")?, "--token-ttl")?)
            }
            "--rate-limit" => {
                let v = value("--rate-limit")?;
                let parts: Vec<u64> = v
                    .split(',')
                    .map(|p| number(p.trim(), "--rate-limit"))
                    .collect::<Result<_, _>>()?;
                c.rate_limits = match parts.as_slice() {
                    [a] => [*a; 4],
                    [a, b, c2, d] => [*a, *b, *c2, *d],
                    _ => return Err("--rate-limit takes 1 or 4 comma-separated numbers".into()),
                };
            }
            "--fault-500" => c.faults.error_500 = share(&value("--fault-500")?)?,
            "--fault-503" => c.faults.error_503 = share(&value("--fault-503")?)?,
            "--fault-429" => c.faults.rate_limit_429 = share(&value("--fault-429")?)?,
            "--fault-drop" => c.faults.drop = share(&value("--fault-drop")?)?,
            "--fault-delay" => c.faults.delay = share(&value("--fault-delay")?)?,
            "--fault-delay-ms" => {
                c.faults.delay_ms = number(&value("--fault-delay-ms")?, "--fault-delay-ms")?
            }
            "--fault-retry-after" => {
                c.faults.retry_after_secs =
                    number(&value("--fault-retry-after")?, "--fault-retry-after")?
            }
            "--fault-seed" => c.faults.seed = number(&value("--fault-seed")?, "--fault-seed")?,
            "--admin" => c.admin = true,
            "--kyc-delay-ms" => {
                c.kyc_delay =
                    Duration::from_millis(number(&value("--kyc-delay-ms")?, "--kyc-delay-ms")?)
            }
            "--kyc-default" => {
                c.kyc_default = match value("--kyc-default")?.as_str() {
                    "pending" => KycDefault::Pending,
                    "validated" => KycDefault::Validated,
                    "refused" => KycDefault::Refused,
                    other => return Err(format!("--kyc-default: unknown outcome {other}")),
                }
            }
            "--sca-session-ttl" => {
                c.sca_session_ttl =
                    Duration::from_secs(number(&value("--sca-session-ttl")?, "--sca-session-ttl")?)
            }
            "--quiet" => c.log_requests = false,
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    if ids.len() != keys.len() {
        return Err("give one --api-key for each --client-id".into());
    }
    if !ids.is_empty() {
        c.credentials = ids.into_iter().zip(keys).collect();
    } else if let (Some(id), Some(key)) = (
        env("MANGOPAY_SANDBOX_CLIENT_ID"),
        env("MANGOPAY_SANDBOX_API_KEY"),
    ) {
        c.credentials = vec![(id, key)];
    }
    for (id, key) in &c.credentials {
        if id.is_empty() || key.is_empty() || id.contains(':') || id.contains('/') {
            return Err(format!(
                "invalid credentials for ClientId {id:?}: both must be non-empty, and the ClientId without ':' or '/'"
            ));
        }
    }
    c.faults.check()?;
    Ok(Some(c))
}

fn number<T: std::str::FromStr>(v: &str, flag: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{flag}: not a valid number: {v}"))
}

fn share(v: &str) -> Result<f64, String> {
    let p: f64 = v
        .parse()
        .map_err(|_| format!("not a number between 0 and 1: {v}"))?;
    if !(0.0..=1.0).contains(&p) {
        return Err(format!("not a number between 0 and 1: {v}"));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn defaults_and_flags() {
        let c = parse(args(""), |_| None).unwrap().unwrap();
        assert_eq!(c.port, 8790);
        assert_eq!(
            c.credentials,
            vec![("demo-client".into(), "demo-api-key-0f3c9a7e".into())]
        );
        let c = parse(
            args("--port 0 --client-id a --api-key b --client-id c --api-key=d --fault-500 0.5 --fault-seed 42 --rate-limit 5 --admin --kyc-delay-ms 0"),
            |_| None,
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.credentials.len(), 2);
        assert_eq!(c.faults.error_500, 0.5);
        assert_eq!(c.faults.seed, 42);
        assert_eq!(c.rate_limits, [5; 4]);
        assert!(c.admin);
        assert_eq!(c.kyc_delay, Duration::ZERO);
    }

    #[test]
    fn environment_and_errors() {
        let env = |k: &str| match k {
            "MANGOPAY_SANDBOX_CLIENT_ID" => Some("env-client".to_owned()),
            "MANGOPAY_SANDBOX_API_KEY" => Some("env-key".to_owned()),
            _ => None,
        };
        let c = parse(args(""), env).unwrap().unwrap();
        assert_eq!(c.credentials, vec![("env-client".into(), "env-key".into())]);
        assert!(parse(args("--help"), |_| None).unwrap().is_none());
        assert!(parse(args("--fault-500 0.7 --fault-503 0.7"), |_| None).is_err());
        assert!(parse(args("--client-id a"), |_| None).is_err());
        assert!(parse(args("--nope"), |_| None).is_err());
        assert!(parse(args("--port"), |_| None).is_err());
        assert!(parse(args("--public-url ftp://x"), |_| None).is_err());
    }
}
