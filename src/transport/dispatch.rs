//! The JS methods: a method name and its positional arguments (as JSON) → a checked request
//! descriptor, with the body validated first when the client validates.

use serde_json::Value;

use crate::api::{self, ListOptions, Method, Request, Sort};
use crate::validate::{self, Report, ValidatorKind};

use super::client::{Call, CallOptions};
use super::config::is_token;
use super::error::ApiError;

/// A request ready to send, and for a list the page it asks for (`page`, `perPage`, with the
/// API's defaults 1 and 10).
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The descriptor.
    pub request: Request,
    /// `(page, perPage)` for a list endpoint.
    pub list: Option<(i64, i64)>,
}

/// The methods of `mp.users` and the number of positional arguments each takes before the
/// optional call options (list methods count their list options).
pub const METHODS: &[(&str, usize)] = &[
    ("createNaturalSca", 1),
    ("createLegalSca", 1),
    ("createNatural", 1),
    ("createLegal", 1),
    ("get", 1),
    ("getSca", 1),
    ("getNatural", 1),
    ("getNaturalSca", 1),
    ("getLegal", 1),
    ("getLegalSca", 1),
    ("getAll", 1),
    ("updateNatural", 2),
    ("updateLegal", 2),
    ("updateNaturalSca", 2),
    ("updateLegalSca", 2),
    ("categorizeNatural", 2),
    ("categorizeLegal", 2),
    ("close", 1),
    ("closeNatural", 1),
    ("closeLegal", 1),
    ("enroll", 1),
    ("manageConsent", 1),
    ("getScaStatus", 1),
    ("getBlockStatus", 1),
    ("getRegulatory", 1),
    ("validateTheFormatOfUserData", 1),
    ("getEMoney", 3),
    ("createBankAccount", 2),
    ("getBankAccount", 2),
    ("getBankAccounts", 2),
    ("updateBankAccount", 3),
    ("getWallets", 2),
    ("getTransactions", 2),
    ("getCards", 2),
    ("createKycDocument", 2),
    ("getKycDocument", 2),
    ("getKycDocuments", 2),
    ("updateKycDocument", 3),
    ("submitKycDocument", 2),
    ("createKycPage", 3),
    ("getMandates", 2),
    ("getMandatesForBankAccount", 3),
    ("getPreAuthorizations", 2),
    ("getResponse", 1),
];

/// A builder of a body-only request.
type BodyBuilder = fn(&Value) -> Result<Request, api::RequestError>;
/// A builder of a user + body request.
type UserBodyBuilder = fn(&str, &Value) -> Result<Request, api::RequestError>;

/// Builds the request of `method` from its positional arguments (a JSON array; missing
/// trailing arguments may be absent or `null`).
pub fn prepare(method: &str, args: &Value, validate: bool) -> Result<Prepared, ApiError> {
    let empty = Vec::new();
    let args = match args {
        Value::Array(items) => items,
        Value::Null => &empty,
        _ => {
            return Err(ApiError::invalid_argument(
                "The arguments must be an array.",
            ))
        }
    };
    let a = Args(args);
    let check = |kind: ValidatorKind, body: &Value| -> Result<(), ApiError> {
        if validate {
            ok(validate::validate(kind, body))
        } else {
            Ok(())
        }
    };
    use ValidatorKind as K;
    let request = match method {
        "createNaturalSca" | "createLegalSca" | "createNatural" | "createLegal" => {
            let body = a.body(0)?;
            let (kind, build): (_, BodyBuilder) = match method {
                "createNaturalSca" => (K::CreateNaturalSca, |b| api::create_natural_sca(b)),
                "createLegalSca" => (K::CreateLegalSca, |b| api::create_legal_sca(b)),
                "createNatural" => (K::CreateNatural, |b| api::create_natural(b)),
                _ => (K::CreateLegal, |b| api::create_legal(b)),
            };
            check(kind, body)?;
            build(body)?
        }
        "get" => api::get(a.id(0, "userId")?)?,
        "getSca" => api::get_sca(a.id(0, "userId")?)?,
        "getNatural" => api::get_natural(a.id(0, "userId")?)?,
        "getNaturalSca" => api::get_natural_sca(a.id(0, "userId")?)?,
        "getLegal" => api::get_legal(a.id(0, "userId")?)?,
        "getLegalSca" => api::get_legal_sca(a.id(0, "userId")?)?,
        "getAll" => api::get_all(&list_options(a.get(0))?)?,
        "updateNatural" | "updateLegal" | "updateNaturalSca" | "updateLegalSca"
        | "categorizeNatural" | "categorizeLegal" => {
            let user = a.id(0, "userId")?;
            let body = a.body(1)?;
            let (kind, build): (_, UserBodyBuilder) = match method {
                "updateNatural" => (K::UpdateNatural, |u, b| api::update_natural(u, b)),
                "updateLegal" => (K::UpdateLegal, |u, b| api::update_legal(u, b)),
                "updateNaturalSca" => (K::UpdateNaturalSca, |u, b| api::update_natural_sca(u, b)),
                "updateLegalSca" => (K::UpdateLegalSca, |u, b| api::update_legal_sca(u, b)),
                "categorizeNatural" => (K::CategorizeNatural, |u, b| api::categorize_natural(u, b)),
                _ => (K::CategorizeLegal, |u, b| api::categorize_legal(u, b)),
            };
            check(kind, body)?;
            build(user, body)?
        }
        "close" => close(a.get(0))?,
        "closeNatural" => api::close_natural(a.id(0, "userId")?)?,
        "closeLegal" => api::close_legal(a.id(0, "userId")?)?,
        "enroll" => api::enroll(a.id(0, "userId")?)?,
        "manageConsent" => api::manage_consent(a.id(0, "userId")?)?,
        "getScaStatus" => api::get_sca_status(a.id(0, "userId")?)?,
        "getBlockStatus" => api::get_block_status(a.id(0, "userId")?)?,
        "getRegulatory" => api::get_regulatory(a.id(0, "userId")?)?,
        "validateTheFormatOfUserData" => {
            let body = a.body(0)?;
            check(K::ValidateTheFormatOfUserData, body)?;
            api::validate_the_format_of_user_data(body)?
        }
        "getEMoney" => {
            let year = a.number(1, "year", true)?.unwrap_or_default();
            let month = a.number(2, "month", false)?;
            api::get_emoney(a.id(0, "userId")?, year, month)?
        }
        "createBankAccount" => {
            let user = a.id(0, "userId")?;
            let body = a.body(1)?;
            check(K::CreateBankAccount, body)?;
            api::create_bank_account(user, body)?
        }
        "getBankAccount" => api::get_bank_account(a.id(0, "userId")?, a.id(1, "bankAccountId")?)?,
        "getBankAccounts" => api::get_bank_accounts(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "updateBankAccount" => {
            api::update_bank_account(a.id(0, "userId")?, a.id(1, "bankAccountId")?, a.body(2)?)?
        }
        "getWallets" => api::get_wallets(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "getTransactions" => api::get_transactions(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "getCards" => api::get_cards(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "createKycDocument" => {
            let user = a.id(0, "userId")?;
            let body = a.body(1)?;
            check(K::CreateKycDocument, body)?;
            api::create_kyc_document(user, body)?
        }
        "getKycDocument" => api::get_kyc_document(a.id(0, "userId")?, a.id(1, "documentId")?)?,
        "getKycDocuments" => api::get_kyc_documents(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "updateKycDocument" => {
            api::update_kyc_document(a.id(0, "userId")?, a.id(1, "documentId")?, a.body(2)?)?
        }
        "submitKycDocument" => api::update_kyc_document(
            a.id(0, "userId")?,
            a.id(1, "documentId")?,
            serde_json::json!({"Status": "VALIDATION_ASKED"}),
        )?,
        "createKycPage" => {
            let user = a.id(0, "userId")?;
            let doc = a.id(1, "documentId")?;
            let file = a.id(2, "file")?;
            let file = if validate {
                validate::kyc_page_base64(file, "").map_err(ApiError::from_report)?
            } else {
                file.to_owned()
            };
            api::create_kyc_page(user, doc, &file)?
        }
        "getMandates" => api::get_mandates(a.id(0, "userId")?, &list_options(a.get(1))?)?,
        "getMandatesForBankAccount" => api::get_mandates_for_bank_account(
            a.id(0, "userId")?,
            a.id(1, "bankAccountId")?,
            &list_options(a.get(2))?,
        )?,
        "getPreAuthorizations" => {
            api::get_pre_authorizations(a.id(0, "userId")?, &list_options(a.get(1))?)?
        }
        "getResponse" => {
            let key = a.id(0, "idempotencyKey")?;
            ok(validate::idempotency_key(key))?;
            api::get_response(key)?
        }
        _ => {
            return Err(ApiError::invalid_argument(format!(
                "Unknown method {method:?}."
            )))
        }
    };
    let list = request.endpoint.is_list().then(|| page_of(&request));
    Ok(Prepared { request, list })
}

/// A KYC page from raw file bytes (`createKycPageFromFile`): checked (size, PDF/JPEG/PNG) then
/// sent as Base64.
pub fn prepare_kyc_page_bytes(
    user_id: &str,
    document_id: &str,
    bytes: &[u8],
    doc_type: &str,
) -> Result<Request, ApiError> {
    ok(validate::kyc_page(bytes, doc_type))?;
    Ok(api::create_kyc_page(
        user_id,
        document_id,
        &validate::base64_encode(bytes),
    )?)
}

fn ok(report: Report) -> Result<(), ApiError> {
    if report.is_ok() {
        Ok(())
    } else {
        Err(ApiError::from_report(report))
    }
}

/// `(page, perPage)` a list request asks for, with the API's defaults.
fn page_of(request: &Request) -> (i64, i64) {
    let find = |name: &str| {
        request
            .query
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse().ok())
    };
    (find("page").unwrap_or(1), find("per_page").unwrap_or(10))
}

/// `close(user)`: dispatches on `PersonType`.
fn close(user: Option<&Value>) -> Result<Request, ApiError> {
    let user = user.and_then(Value::as_object).ok_or_else(|| {
        ApiError::invalid_argument("close(user) takes a user object with Id and PersonType.")
    })?;
    let id = user
        .get("Id")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid_argument("The user has no Id."))?;
    match user.get("PersonType").and_then(Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("NATURAL") => Ok(api::close_natural(id)?),
        Some(t) if t.eq_ignore_ascii_case("LEGAL") => Ok(api::close_legal(id)?),
        _ => Err(ApiError::invalid_argument(
            "The user's PersonType must be NATURAL or LEGAL.",
        )),
    }
}

/// The JS list options `{page, perPage, sort, ...filters}`, checked, as [`ListOptions`].
pub fn list_options(options: Option<&Value>) -> Result<ListOptions, ApiError> {
    let Some(value) = options.filter(|v| !v.is_null()) else {
        return Ok(ListOptions::new());
    };
    ok(validate::list_options(value))?;
    let mut list = ListOptions::new();
    let Value::Object(map) = value else {
        return Ok(list);
    };
    for (key, v) in map {
        if v.is_null() {
            continue;
        }
        match key.as_str() {
            "page" => list.page = v.as_u64().and_then(|n| u32::try_from(n).ok()),
            "perPage" => list.per_page = v.as_u64().and_then(|n| u32::try_from(n).ok()),
            "sort" => list.sort = v.as_str().and_then(Sort::parse),
            _ => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.as_i64().map_or_else(|| n.to_string(), |i| i.to_string()),
                    other => other.to_string(),
                };
                list.filters.push((key.clone(), text));
            }
        }
    }
    Ok(list)
}

/// Positional arguments.
struct Args<'a>(&'a [Value]);

impl<'a> Args<'a> {
    fn get(&self, i: usize) -> Option<&'a Value> {
        self.0.get(i).filter(|v| !v.is_null())
    }

    /// A required string argument (an ID, a key, a Base64 file).
    fn id(&self, i: usize, name: &str) -> Result<&'a str, ApiError> {
        match self.get(i) {
            Some(Value::String(s)) => Ok(s),
            None => Err(ApiError::invalid_argument(format!("{name} is required."))),
            Some(_) => Err(ApiError::invalid_argument(format!(
                "{name} must be a string."
            ))),
        }
    }

    /// A required body object.
    fn body(&self, i: usize) -> Result<&'a Value, ApiError> {
        match self.get(i) {
            Some(v @ Value::Object(_)) => Ok(v),
            _ => Err(ApiError::invalid_argument("The body must be an object.")),
        }
    }

    /// A whole number argument (or its decimal text).
    fn number(&self, i: usize, name: &str, required: bool) -> Result<Option<u32>, ApiError> {
        let value = match self.get(i) {
            None if !required => return Ok(None),
            None => return Err(ApiError::invalid_argument(format!("{name} is required."))),
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            Some(_) => None,
        };
        value
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| ApiError::invalid_argument(format!("{name} must be a whole number.")))
    }
}

/// The per-call options `{idempotencyKey?, headers?, timeoutMs?}` (JSON from JS; `signal` and
/// `onProgress` stay on the JS side): the call options and the timeout override.
pub fn call_options(value: &Value) -> Result<(CallOptions, Option<u64>), ApiError> {
    let mut options = CallOptions::default();
    let map = match value {
        Value::Null => return Ok((options, None)),
        Value::Object(map) => map,
        _ => {
            return Err(ApiError::invalid_argument(
                "The call options must be an object.",
            ))
        }
    };
    let present = |k: &str| map.get(k).filter(|v| !v.is_null());
    if let Some(key) = present("idempotencyKey") {
        let key = key
            .as_str()
            .ok_or_else(|| ApiError::invalid_argument("idempotencyKey must be a string."))?;
        ok(validate::idempotency_key(key))?;
        options.idempotency_key = Some(key.to_owned());
    }
    if let Some(headers) = present("headers") {
        options.headers = header_map(headers)?;
    }
    let timeout = present("timeoutMs").map(timeout_ms).transpose()?;
    Ok((options, timeout))
}

/// A per-call timeout: milliseconds above 0 (at most an hour).
fn timeout_ms(value: &Value) -> Result<u64, ApiError> {
    match value.as_f64() {
        Some(ms) if ms.is_finite() && ms > 0.0 && ms <= 3_600_000.0 => Ok(ms.ceil() as u64),
        _ => Err(ApiError::invalid_argument(
            "timeoutMs must be a number of milliseconds above 0.",
        )),
    }
}

/// A headers object of strings, checked.
fn header_map(value: &Value) -> Result<Vec<(String, String)>, ApiError> {
    let Value::Object(map) = value else {
        return Err(ApiError::invalid_argument(
            "headers must be an object of strings.",
        ));
    };
    map.iter()
        .map(|(name, v)| match v.as_str() {
            Some(text) if is_token(name) && !text.contains(['\r', '\n']) => {
                Ok((name.clone(), text.to_owned()))
            }
            _ => Err(ApiError::invalid_argument(format!(
                "header {name} is not a valid header."
            ))),
        })
        .collect()
}

/// `mp.request({method, path, query?, headers?, body?, idempotencyKey?, timeoutMs?})`, the raw
/// passthrough: the call (path relative to `/v2.01/{ClientId}`) and its options.
pub fn raw_call(value: &Value) -> Result<(Call, CallOptions, Option<u64>), ApiError> {
    let Value::Object(map) = value else {
        return Err(ApiError::invalid_argument("request() takes an object."));
    };
    let present = |k: &str| map.get(k).filter(|v| !v.is_null());
    let method = present("method")
        .and_then(Value::as_str)
        .and_then(Method::parse)
        .ok_or_else(|| ApiError::invalid_argument("method must be GET, POST, PUT or DELETE."))?;
    let path = present("path").and_then(Value::as_str).unwrap_or("");
    let bad_path = !path.starts_with('/')
        || path.contains(['?', '#', '\\'])
        || path.chars().any(|c| c.is_whitespace() || c.is_control())
        || path.split('/').any(|s| s == ".." || s == ".");
    if bad_path {
        return Err(ApiError::invalid_argument(
            "path must be an absolute path under /v2.01/{ClientId} without a query.",
        ));
    }
    let mut path_and_query = path.to_owned();
    match present("query") {
        None => {}
        Some(Value::String(q)) => {
            let q = q.strip_prefix('?').unwrap_or(q);
            if !q.is_empty() {
                path_and_query.push('?');
                path_and_query.push_str(q);
            }
        }
        Some(Value::Object(q)) => {
            let mut sep = '?';
            for (k, v) in q {
                let text = match v {
                    Value::Null => continue,
                    Value::String(s) => s.clone(),
                    Value::Number(_) | Value::Bool(_) => v.to_string(),
                    _ => {
                        return Err(ApiError::invalid_argument(
                            "query values must be strings, numbers or booleans.",
                        ))
                    }
                };
                path_and_query.push(sep);
                path_and_query.push_str(&api::encode_component(k));
                path_and_query.push('=');
                path_and_query.push_str(&api::encode_component(&text));
                sep = '&';
            }
        }
        Some(_) => {
            return Err(ApiError::invalid_argument(
                "query must be a string or an object.",
            ))
        }
    }
    let mut options = CallOptions::default();
    if let Some(headers) = present("headers") {
        options.headers = header_map(headers)?;
    }
    let content_type = options
        .headers
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case("Content-Type"))
        .map(|i| options.headers.remove(i).1);
    if let Some(i) = options
        .headers
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case("Idempotency-Key"))
    {
        let (_, key) = options.headers.remove(i);
        options.idempotency_key = Some(key);
    }
    if let Some(key) = present("idempotencyKey") {
        options.idempotency_key = Some(
            key.as_str()
                .ok_or_else(|| ApiError::invalid_argument("idempotencyKey must be a string."))?
                .to_owned(),
        );
    }
    let body = match present("body") {
        None => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => return Err(ApiError::invalid_argument("body must be a string.")),
    };
    let timeout = present("timeoutMs").map(timeout_ms).transpose()?;
    let body = body.map(|text| {
        let content_type: &'static str = match content_type.as_deref() {
            Some(t) if t.starts_with("application/x-www-form-urlencoded") => {
                "application/x-www-form-urlencoded"
            }
            _ => "application/json",
        };
        (content_type, text)
    });
    Ok((
        Call {
            method,
            path_and_query,
            body,
            idempotent: method == Method::Post,
            replay: false,
            client_scoped: true,
        },
        options,
        timeout,
    ))
}
