//! Shared plumbing of the endpoint functions.

use serde::Serialize;

use super::endpoint::Endpoint;
use super::list::ListOptions;
use super::params::{check_id, check_user_id, render, Params};
use super::request::{Body, Request, RequestError};

/// Assembles a request for `endpoint` from checked parameters.
pub(crate) fn request(
    endpoint: Endpoint,
    params: &Params,
    query: Vec<(String, String)>,
    body: Option<Body>,
) -> Request {
    Request {
        endpoint,
        method: endpoint.method(),
        path: render(endpoint, params),
        query,
        body,
        idempotent: endpoint.idempotent(),
        client_scoped: endpoint.client_scoped(),
    }
}

/// A request whose only parameter is the user.
pub(crate) fn for_user(endpoint: Endpoint, user_id: &str) -> Result<Request, RequestError> {
    Ok(request(endpoint, &user(user_id)?, Vec::new(), None))
}

/// A request whose only parameter is the user, with a JSON body.
pub(crate) fn for_user_with(
    endpoint: Endpoint,
    user_id: &str,
    body: impl Serialize,
) -> Result<Request, RequestError> {
    Ok(request(
        endpoint,
        &user(user_id)?,
        Vec::new(),
        Some(json(body)?),
    ))
}

/// A list request on the user's resources.
pub(crate) fn list_for_user(
    endpoint: Endpoint,
    user_id: &str,
    options: &ListOptions,
) -> Result<Request, RequestError> {
    let params = user(user_id)?;
    Ok(request(
        endpoint,
        &params,
        options.to_query(endpoint)?,
        None,
    ))
}

/// Parameters holding a checked `UserId`.
pub(crate) fn user(user_id: &str) -> Result<Params, RequestError> {
    check_user_id(user_id).map_err(|p| p.into_error("UserId"))?;
    Ok(Params {
        user_id: Some(user_id.to_owned()),
        ..Params::default()
    })
}

/// A checked ID, owned.
pub(crate) fn id(name: &'static str, value: &str) -> Result<String, RequestError> {
    check_id(value).map_err(|p| p.into_error(name))?;
    Ok(value.to_owned())
}

/// A JSON body, which this API always wants to be an object.
pub(crate) fn json(body: impl Serialize) -> Result<Body, RequestError> {
    let value = serde_json::to_value(body).map_err(|e| RequestError::InvalidBody {
        reason: e.to_string(),
    })?;
    if !value.is_object() {
        return Err(RequestError::InvalidBody {
            reason: "must be a JSON object".into(),
        });
    }
    Ok(Body::Json(value))
}
