//! The proxy's configuration: ClientId, session secret, allowed origins and the endpoint
//! allowlist, read from the worker's environment bindings and checked once at startup.

use mangopay_wasm::api::Endpoint;

/// The endpoints a browser onboarding flow needs, forwarded when no list is configured:
/// create, read, update and categorize SCA users, enroll, KYC documents and pages, bank accounts,
/// the company-number check and idempotent replays. The one legacy endpoint is the read
/// `GET /users/{UserId}` (any person type: the SDK's KYC upload reads the user's type with it).
/// No listing of all users, no legacy creation or update, no closing, no wallets, transactions,
/// cards, mandates or pre-authorizations.
pub const DEFAULT_ENDPOINTS: &[Endpoint] = &[
    Endpoint::CreateNaturalSca,
    Endpoint::CreateLegalSca,
    Endpoint::Get,
    Endpoint::GetSca,
    Endpoint::GetNaturalSca,
    Endpoint::GetLegalSca,
    Endpoint::UpdateNaturalSca,
    Endpoint::UpdateLegalSca,
    Endpoint::CategorizeNatural,
    Endpoint::CategorizeLegal,
    Endpoint::Enroll,
    Endpoint::GetScaStatus,
    Endpoint::CreateKycDocument,
    Endpoint::GetKycDocument,
    Endpoint::GetKycDocuments,
    Endpoint::UpdateKycDocument,
    Endpoint::CreateKycPage,
    Endpoint::CreateBankAccount,
    Endpoint::GetBankAccount,
    Endpoint::GetBankAccounts,
    Endpoint::ValidateTheFormatOfUserData,
    Endpoint::GetResponse,
];

/// Endpoints never forwarded from a browser, whatever the configuration says: the list of every
/// user of the platform, and the OAuth token (the proxy's own credential).
pub const NEVER_FORWARDED: &[Endpoint] = &[Endpoint::GetAll, Endpoint::OauthToken];

/// The shortest session secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

/// The default session lifetime: 2 hours.
pub const DEFAULT_SESSION_TTL_SECS: u64 = 2 * 60 * 60;

/// A configuration the proxy can run with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The platform's Mangopay ClientId; requests naming another are refused.
    pub client_id: String,
    /// The secret that signs sessions and derives CSRF tokens and idempotency keys.
    pub secret: Vec<u8>,
    /// Origins (`scheme://host[:port]`) allowed to call cross-origin, besides the proxy's own.
    pub origins: Vec<String>,
    /// The endpoints forwarded.
    pub endpoints: Vec<Endpoint>,
    /// How long a session lives, in seconds.
    pub session_ttl: u64,
}

/// A configuration value that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "proxy configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Checks and builds a configuration from the worker's string bindings.
    ///
    /// - `origins`: comma-separated `scheme://host[:port]`, no path, no `*`; may be empty.
    /// - `endpoints`: empty or `default` for [`DEFAULT_ENDPOINTS`], else a comma-separated list
    ///   of endpoint names (`createNaturalSca` or `create_natural_sca`), where `default` adds the
    ///   default list (`default,closeNatural`). [`NEVER_FORWARDED`] endpoints are refused.
    /// - `session_ttl`: seconds, 60 to 30 days; 0 for [`DEFAULT_SESSION_TTL_SECS`].
    pub fn new(
        client_id: &str,
        secret: &str,
        origins: &str,
        endpoints: &str,
        session_ttl: u64,
    ) -> Result<Config, ConfigError> {
        if client_id.is_empty() || client_id.len() > 128 {
            return Err(ConfigError("the ClientId is missing or too long".into()));
        }
        if secret.len() < MIN_SECRET_LEN {
            return Err(ConfigError(format!(
                "the session secret must be at least {MIN_SECRET_LEN} bytes"
            )));
        }
        let session_ttl = match session_ttl {
            0 => DEFAULT_SESSION_TTL_SECS,
            60..=2_592_000 => session_ttl,
            _ => return Err(ConfigError("session TTL must be 60 s to 30 days".into())),
        };
        Ok(Config {
            client_id: client_id.to_owned(),
            secret: secret.as_bytes().to_vec(),
            origins: parse_origins(origins)?,
            endpoints: parse_endpoints(endpoints)?,
            session_ttl,
        })
    }

    /// True when `endpoint` is forwarded.
    pub fn allows(&self, endpoint: Endpoint) -> bool {
        !NEVER_FORWARDED.contains(&endpoint) && self.endpoints.contains(&endpoint)
    }

    /// True when `origin` is one of the configured origins (exact, ASCII case-insensitive).
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin))
    }
}

fn parse_origins(list: &str) -> Result<Vec<String>, ConfigError> {
    let mut out = Vec::new();
    for origin in list.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        let rest = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .ok_or_else(|| ConfigError(format!("origin {origin:?} must start with http(s)://")))?;
        let host_ok = !rest.is_empty()
            && rest.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
            });
        if !host_ok {
            return Err(ConfigError(format!(
                "origin {origin:?} must be scheme://host[:port], without path or wildcard"
            )));
        }
        out.push(origin.to_ascii_lowercase());
    }
    Ok(out)
}

fn parse_endpoints(list: &str) -> Result<Vec<Endpoint>, ConfigError> {
    let mut out: Vec<Endpoint> = Vec::new();
    let add = |e: Endpoint, out: &mut Vec<Endpoint>| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    let names: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(DEFAULT_ENDPOINTS.to_vec());
    }
    for name in names {
        if name == "default" {
            for e in DEFAULT_ENDPOINTS {
                add(*e, &mut out);
            }
            continue;
        }
        let endpoint = Endpoint::from_name(name)
            .ok_or_else(|| ConfigError(format!("unknown endpoint {name:?}")))?;
        if NEVER_FORWARDED.contains(&endpoint) {
            return Err(ConfigError(format!(
                "endpoint {name:?} is never forwarded from a browser"
            )));
        }
        add(endpoint, &mut out);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn the_default_list_is_safe() {
        let c = Config::new("demo-client", SECRET, "", "", 0).unwrap();
        assert_eq!(c.endpoints, DEFAULT_ENDPOINTS);
        for never in [
            Endpoint::GetAll,
            Endpoint::OauthToken,
            Endpoint::CloseNatural,
            Endpoint::CreateNatural,
            Endpoint::GetWallets,
            Endpoint::GetTransactions,
            Endpoint::ManageConsent,
        ] {
            assert!(!c.allows(never), "{never:?}");
        }
        assert_eq!(c.session_ttl, DEFAULT_SESSION_TTL_SECS);
    }

    #[test]
    fn lists_extend_the_default_but_never_allow_listing_all_users() {
        let c = Config::new("c", SECRET, "", "default, closeNatural", 0).unwrap();
        assert!(c.allows(Endpoint::CloseNatural));
        assert!(c.allows(Endpoint::CreateNaturalSca));
        let c = Config::new("c", SECRET, "", "get_sca", 0).unwrap();
        assert_eq!(c.endpoints, vec![Endpoint::GetSca]);
        for bad in ["getAll", "get_all", "oauthToken", "nope"] {
            assert!(Config::new("c", SECRET, "", bad, 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_origins_and_ttl_are_checked() {
        assert!(Config::new("c", "short", "", "", 0).is_err());
        assert!(Config::new("", SECRET, "", "", 0).is_err());
        assert!(Config::new("c", SECRET, "*", "", 0).is_err());
        assert!(Config::new("c", SECRET, "https://a.example/path", "", 0).is_err());
        assert!(Config::new("c", SECRET, "ftp://a.example", "", 0).is_err());
        assert!(Config::new("c", SECRET, "", "", 5).is_err());
        let c = Config::new(
            "c",
            SECRET,
            "https://App.example, http://127.0.0.1:5173",
            "",
            600,
        )
        .unwrap();
        assert!(c.allows_origin("https://app.example"));
        assert!(c.allows_origin("http://127.0.0.1:5173"));
        assert!(!c.allows_origin("https://app.example.evil"));
        assert!(!c.allows_origin("null"));
        assert_eq!(c.session_ttl, 600);
    }
}
