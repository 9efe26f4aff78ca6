//! Why a request is refused, and the Mangopay-shaped response that says so.

use mangopay_wasm::validate::{IssueCode, Report};

use super::Incoming;
use crate::config::Config;
use crate::crypto::hmac_sha256;
use crate::http::{cors_headers, single, Response};

/// Why a request is refused.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Refusal {
    Forbidden(&'static str),
    NotFound,
    TooLong,
    TooLarge,
    MediaType,
    BadRequest(&'static str),
    Params(Report),
}

impl Refusal {
    pub(super) fn into_response(self, config: &Config, req: &Incoming<'_>) -> Response {
        // Error ids come from the request's entropy, hashed so they reveal nothing of it.
        let seed = &hmac_sha256(b"error-id", &[req.entropy])[..];
        let now = req.now;
        let mut response = match self {
            Refusal::Forbidden(why) => Response::error(403, "forbidden_ressource", why, seed, now),
            Refusal::NotFound => Response::error(
                404,
                "ressource_not_found",
                "Cannot found the ressource",
                seed,
                now,
            ),
            Refusal::TooLong => Response::error(
                414,
                "request_uri_too_long",
                "Request URI too long",
                seed,
                now,
            ),
            Refusal::TooLarge => Response::error(
                413,
                "request_entity_too_large",
                "The request body is too large",
                seed,
                now,
            ),
            Refusal::MediaType => Response::error(
                415,
                "unsupported_media_type",
                "Send the body as application/json",
                seed,
                now,
            ),
            Refusal::BadRequest(why) => Response::error(400, "param_error", why, seed, now),
            Refusal::Params(report) => Response::json(400, &report.to_param_error()),
        };
        // Refusals still carry CORS headers for allowed origins, so a page can read the reason.
        if let Some(origin) = allowed_cross_origin_of(config, req) {
            response.headers.extend(cors_headers(&origin));
        }
        response
    }
}

pub(super) fn param_issue(path: &str, code: IssueCode, message: impl Into<String>) -> Refusal {
    let mut report = Report::new();
    report.push(path, code, message);
    Refusal::Params(report)
}

/// The request's Origin when it is allowed and not the proxy's own (so CORS headers apply).
fn allowed_cross_origin_of(config: &Config, req: &Incoming<'_>) -> Option<String> {
    let origin = single(req.headers, "origin").ok().flatten()?;
    if origin.eq_ignore_ascii_case(req.self_origin) || !config.allows_origin(origin) {
        return None;
    }
    Some(origin.to_owned())
}
