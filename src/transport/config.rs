//! The client's configuration, checked once at construction.

use serde_json::{Map, Value};

use super::error::{ApiError, PARAM_ERROR};

/// The Mangopay sandbox host, the default `baseUrl`.
pub const DEFAULT_BASE_URL: &str = "https://api.sandbox.mangopay.com";
/// The default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;
/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The most retries a configuration may ask for.
pub const MAX_RETRIES_LIMIT: u32 = 10;

/// The `credentials` mode of `fetch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials {
    /// `omit`
    Omit,
    /// `same-origin` (the `fetch` default)
    SameOrigin,
    /// `include` (cookies to a cross-origin proxy)
    Include,
}

impl Credentials {
    /// The value `fetch` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Credentials::Omit => "omit",
            Credentials::SameOrigin => "same-origin",
            Credentials::Include => "include",
        }
    }
}

/// A checked client configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The ClientId, part of every path.
    pub client_id: String,
    /// The base URL without a trailing slash: an absolute `http(s)` URL or a path (`/api/mangopay`).
    pub base_url: String,
    /// The API key: enables OAuth client credentials (direct mode).
    pub api_key: Option<String>,
    /// Headers added to every request.
    pub headers: Vec<(String, String)>,
    /// The `credentials` mode of `fetch`; `None` leaves `fetch`'s default (and works in
    /// runtimes such as workerd that refuse the option).
    pub credentials: Option<Credentials>,
    /// The per-attempt timeout.
    pub timeout_ms: u64,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Validate bodies before sending.
    pub validate: bool,
    /// True when running in a browser page (no `User-Agent` is set there).
    pub in_browser: bool,
}

impl Config {
    /// A configuration with defaults for everything but the client id.
    pub fn new(client_id: impl Into<String>) -> Self {
        Config {
            client_id: client_id.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            headers: Vec::new(),
            credentials: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: DEFAULT_MAX_RETRIES,
            validate: true,
            in_browser: false,
        }
    }

    /// Checks the JS configuration object (as JSON; the `fetch` function is checked by the JS
    /// side). `in_browser` refuses an `apiKey` unless `dangerouslyAllowBrowser` is true.
    pub fn from_json(value: &Value, in_browser: bool) -> Result<Config, ApiError> {
        let Value::Object(map) = value else {
            return Err(bad("The configuration must be an object."));
        };
        let client_id = match map.get("clientId") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(bad("clientId must not be empty.")),
            None | Some(Value::Null) => return Err(bad("clientId is required.")),
            Some(_) => return Err(bad("clientId must be a string.")),
        };
        crate::api::path_param("ClientId", &client_id).map_err(|e| bad(e.to_string()))?;
        let mut config = Config::new(client_id);
        config.in_browser = in_browser;
        if let Some(v) = present(map, "baseUrl") {
            let s = v.as_str().ok_or_else(|| bad("baseUrl must be a string."))?;
            config.base_url = parse_base_url(s)?;
        }
        if let Some(v) = present(map, "apiKey") {
            match v.as_str() {
                Some(s) if !s.is_empty() => config.api_key = Some(s.to_owned()),
                _ => return Err(bad("apiKey must be a non-empty string.")),
            }
        }
        let allow_browser = match present(map, "dangerouslyAllowBrowser") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(bad("dangerouslyAllowBrowser must be a boolean.")),
        };
        if config.api_key.is_some() && in_browser && !allow_browser {
            return Err(bad(
                "apiKey is refused in a browser: it would expose the API key to every visitor. Call the API through your proxy, or set dangerouslyAllowBrowser: true.",
            ));
        }
        if let Some(v) = present(map, "headers") {
            let Value::Object(headers) = v else {
                return Err(bad("headers must be an object of strings."));
            };
            for (name, value) in headers {
                let value = value
                    .as_str()
                    .ok_or_else(|| bad(format!("header {name} must be a string.")))?;
                if !is_token(name) || value.contains(['\r', '\n']) {
                    return Err(bad(format!("header {name} is not a valid header.")));
                }
                config.headers.push((name.clone(), value.to_owned()));
            }
        }
        if let Some(v) = present(map, "credentials") {
            config.credentials = match v.as_str() {
                Some("omit") => Some(Credentials::Omit),
                Some("same-origin") => Some(Credentials::SameOrigin),
                Some("include") => Some(Credentials::Include),
                _ => {
                    return Err(bad(
                        "credentials must be \"omit\", \"same-origin\" or \"include\".",
                    ))
                }
            };
        }
        if let Some(v) = present(map, "timeoutMs") {
            config.timeout_ms = match v.as_f64() {
                Some(ms) if ms.is_finite() && ms > 0.0 && ms <= 3_600_000.0 => ms.ceil() as u64,
                _ => return Err(bad("timeoutMs must be a number of milliseconds above 0.")),
            };
        }
        if let Some(v) = present(map, "maxRetries") {
            config.max_retries = match v.as_u64() {
                Some(n) if n <= u64::from(MAX_RETRIES_LIMIT) => n as u32,
                _ => return Err(bad("maxRetries must be an integer from 0 to 10.")),
            };
        }
        if let Some(v) = present(map, "validate") {
            config.validate = v
                .as_bool()
                .ok_or_else(|| bad("validate must be a boolean."))?;
        }
        Ok(config)
    }
}

/// The value of `key` unless missing or `null` (JS `undefined` does not survive JSON).
fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::client(PARAM_ERROR, message)
}

/// True for an HTTP header name (an RFC 9110 token).
pub fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks a base URL: `http(s)://host[:port][/path]` or an absolute path `/…`; drops a
/// trailing slash.
pub fn parse_base_url(input: &str) -> Result<String, ApiError> {
    let s = input.trim();
    let invalid = || {
        bad(format!(
            "baseUrl {input:?} is not an http(s) URL or a /path."
        ))
    };
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) || s.contains(['?', '#']) {
        return Err(invalid());
    }
    let rest = if let Some(rest) = strip_scheme(s) {
        let host = rest.split('/').next().unwrap_or_default();
        let host_ok = !host.is_empty()
            && !host.starts_with(':')
            && !host.contains('@')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b));
        if !host_ok {
            return Err(invalid());
        }
        s
    } else if s.starts_with('/') && !s.starts_with("//") {
        s
    } else {
        return Err(invalid());
    };
    Ok(rest.trim_end_matches('/').to_owned())
}

fn strip_scheme(s: &str) -> Option<&str> {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if lower.starts_with("https://") {
        s.get(8..)
    } else if lower.starts_with("http://") {
        s.get(7..)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_full_config() {
        let c = Config::from_json(&json!({"clientId": "demo"}), false).unwrap();
        assert_eq!(c, Config::new("demo"));
        let c = Config::from_json(
            &json!({"clientId": "demo", "baseUrl": "http://127.0.0.1:9/api/", "apiKey": "k",
                    "headers": {"X-CSRF-Token": "t"}, "credentials": "include", "timeoutMs": 5,
                    "maxRetries": 0, "validate": false}),
            false,
        )
        .unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:9/api");
        assert_eq!(c.headers, vec![("X-CSRF-Token".into(), "t".into())]);
        assert_eq!((c.timeout_ms, c.max_retries, c.validate), (5, 0, false));
        assert_eq!(c.credentials, Some(Credentials::Include));
    }

    #[test]
    fn refuses_bad_configs() {
        for bad in [
            json!(null),
            json!([]),
            json!("x"),
            json!({}),
            json!({"clientId": ""}),
            json!({"clientId": 3}),
            json!({"clientId": "a/b"}),
            json!({"clientId": "c", "baseUrl": 1}),
            json!({"clientId": "c", "baseUrl": "ftp://x"}),
            json!({"clientId": "c", "baseUrl": "http://"}),
            json!({"clientId": "c", "baseUrl": "not a url"}),
            json!({"clientId": "c", "timeoutMs": 0}),
            json!({"clientId": "c", "timeoutMs": -1}),
            json!({"clientId": "c", "maxRetries": 1.5}),
            json!({"clientId": "c", "maxRetries": -1}),
            json!({"clientId": "c", "credentials": "always"}),
            json!({"clientId": "c", "headers": []}),
            json!({"clientId": "c", "headers": {"X": 1}}),
            json!({"clientId": "c", "headers": {"Bad Name": "v"}}),
            json!({"clientId": "c", "validate": "yes"}),
        ] {
            let e = Config::from_json(&bad, false).unwrap_err();
            assert_eq!(e.error_type, PARAM_ERROR, "{bad}");
        }
    }

    #[test]
    fn refuses_an_api_key_in_a_browser_unless_allowed() {
        let cfg = json!({"clientId": "c", "apiKey": "k"});
        assert!(Config::from_json(&cfg, true).is_err());
        assert!(Config::from_json(&cfg, false).is_ok());
        let cfg = json!({"clientId": "c", "apiKey": "k", "dangerouslyAllowBrowser": true});
        assert!(Config::from_json(&cfg, true).is_ok());
    }
}
