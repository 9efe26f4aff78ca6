//! Replaying the response of an earlier POST by its idempotency key.

use super::build::request;
use super::endpoint::Endpoint;
use super::params::{check_idempotency_key, Params};
use super::request::{Request, RequestError};

/// `GET /responses/{IdempotencyKey}`: the response to the POST sent with this
/// `Idempotency-Key` in the last 24 hours. The key is 16–36 characters of `A-Z`, `a-z`, `0-9`
/// and `-`.
pub fn get_response(idempotency_key: &str) -> Result<Request, RequestError> {
    check_idempotency_key(idempotency_key).map_err(|p| p.into_error("IdempotencyKey"))?;
    let params = Params {
        idempotency_key: Some(idempotency_key.to_owned()),
        ..Params::default()
    };
    Ok(request(Endpoint::GetResponse, &params, Vec::new(), None))
}
