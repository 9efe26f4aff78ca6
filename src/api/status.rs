//! Status and compliance: block status, regulatory status, user data format validation and
//! e-money.

use serde::Serialize;

use super::build::{for_user, json, request, user};
use super::endpoint::Endpoint;
use super::params::{check_month, check_year, Params};
use super::request::{Request, RequestError};

/// `GET /users/{UserId}/blockStatus`: whether the user's inflows and outflows are blocked.
pub fn get_block_status(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetBlockStatus, user_id)
}

/// `GET /users/{UserId}/regulatory`: the user's regulatory block status.
pub fn get_regulatory(user_id: &str) -> Result<Request, RequestError> {
    for_user(Endpoint::GetRegulatory, user_id)
}

/// `POST /users/data-formats/validation`: checks the format of user data (a company number).
pub fn validate_the_format_of_user_data(body: impl Serialize) -> Result<Request, RequestError> {
    let endpoint = Endpoint::ValidateTheFormatOfUserData;
    Ok(request(
        endpoint,
        &Params::default(),
        Vec::new(),
        Some(json(body)?),
    ))
}

/// `GET /users/{UserId}/emoney/{Year}[/{Month}]`: the e-money credited and debited in a year
/// (four digits) or a month of it (1–12, sent as two digits).
pub fn get_emoney(user_id: &str, year: u32, month: Option<u32>) -> Result<Request, RequestError> {
    check_year(year).map_err(|p| p.into_error("Year"))?;
    if let Some(month) = month {
        check_month(month).map_err(|p| p.into_error("Month"))?;
    }
    let params = Params {
        year: Some(year),
        month,
        ..user(user_id)?
    };
    Ok(request(Endpoint::GetEMoney, &params, Vec::new(), None))
}
