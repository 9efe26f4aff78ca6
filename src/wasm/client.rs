//! `Core`, the wasm half of the JS `Mangopay` class: one export per kind of call, JSON text in,
//! a `Promise` of text out; rejections are a `MangopayError`'s fields as JSON text.

// See `transport`: `ApiError` is the flat, rare-path error; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Uint8Array};
use serde_json::Value;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

use crate::model::PageInfo;
use crate::transport::dispatch::{call_options, prepare, prepare_kyc_page_bytes, raw_call};
use crate::transport::upload::{upload_kyc_document, UploadInput};
use crate::transport::{ApiError, Client, Config};
use crate::validate::KycUserContext;

use super::fetch::FetchTransport;

/// The state of one `Mangopay` instance: its checked configuration, token cache and rate
/// limits, and the `fetch` it calls.
#[wasm_bindgen]
pub struct Core {
    client: Rc<Client>,
    fetch: Function,
}

#[wasm_bindgen]
impl Core {
    /// Checks the configuration (JSON of everything but `fetch`); throws the error JSON.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str, fetch: Function, in_browser: bool) -> Result<Core, String> {
        let value = parse(config_json).map_err(|e| e.to_json())?;
        let config = Config::from_json(&value, in_browser).map_err(|e| e.to_json())?;
        Ok(Core {
            client: Rc::new(Client::new(config)),
            fetch,
        })
    }

    /// Calls `mp.users.<method>(...args)`: resolves to the body text, or for a list to
    /// `[body, page, perPage, totalItems, totalPages]`.
    pub fn call(&self, method: &str, args_json: &str, opts_json: &str, signal: JsValue) -> Promise {
        let setup = || -> Result<_, ApiError> {
            let args = parse(args_json)?;
            let prepared = prepare(method, &args, self.client.config().validate)?;
            let (options, timeout) = call_options(&parse(opts_json)?)?;
            Ok((prepared, options, self.transport(signal, timeout)))
        };
        let client = Rc::clone(&self.client);
        let setup = setup();
        promise(async move {
            let (prepared, options, transport) = setup.map_err(reject)?;
            let response = client
                .send(&transport, &prepared.request, &options)
                .await
                .map_err(reject)?;
            Ok(match prepared.list {
                None => JsValue::from(response.body),
                Some((page, per_page)) => {
                    let info = PageInfo::from_headers(
                        page,
                        per_page,
                        response.header("X-Number-Of-Pages"),
                        response.header("X-Number-Of-Items"),
                    );
                    let count =
                        |n: Option<i64>| n.map_or(JsValue::NULL, |n| JsValue::from(n as f64));
                    Array::of5(
                        &JsValue::from(response.body),
                        &JsValue::from(info.page as f64),
                        &JsValue::from(info.per_page as f64),
                        &count(info.total_items),
                        &count(info.total_pages),
                    )
                    .into()
                }
            })
        })
    }

    /// `createKycPageFromFile`: `args_json` is `[userId, documentId]`, `bytes` the file's
    /// content, checked and sent as Base64.
    #[wasm_bindgen(js_name = pageBytes)]
    pub fn page_bytes(
        &self,
        args_json: &str,
        bytes: &[u8],
        opts_json: &str,
        signal: JsValue,
    ) -> Promise {
        let setup = || -> Result<_, ApiError> {
            let args = parse(args_json)?;
            let id = |i: usize, name: &str| {
                args.get(i)
                    .and_then(Value::as_str)
                    .ok_or_else(|| ApiError::invalid_argument(format!("{name} must be a string.")))
            };
            let request =
                prepare_kyc_page_bytes(id(0, "userId")?, id(1, "documentId")?, bytes, "")?;
            let (options, timeout) = call_options(&parse(opts_json)?)?;
            Ok((request, options, self.transport(signal, timeout)))
        };
        let client = Rc::clone(&self.client);
        let setup = setup();
        promise(async move {
            let (request, options, transport) = setup.map_err(reject)?;
            let response = client
                .send(&transport, &request, &options)
                .await
                .map_err(reject)?;
            Ok(JsValue::from(response.body))
        })
    }

    /// `uploadKycDocument`: `args_json` is `[userId, {Type, Tag?, PersonType?,
    /// LegalPersonType?}]`, `files` the pages' bytes; `on_progress` gets each progress event as
    /// JSON text.
    pub fn upload(
        &self,
        args_json: &str,
        files: Array,
        on_progress: Function,
        opts_json: &str,
        signal: JsValue,
    ) -> Promise {
        let setup = || -> Result<_, ApiError> {
            let args = parse(args_json)?;
            let user_id = args
                .get(0)
                .and_then(Value::as_str)
                .ok_or_else(|| ApiError::invalid_argument("userId must be a string."))?
                .to_owned();
            let meta = args.get(1).cloned().unwrap_or(Value::Null);
            let text = |k: &str| meta.get(k).and_then(Value::as_str).map(str::to_owned);
            let doc_type = text("Type")
                .ok_or_else(|| ApiError::invalid_argument("The document's Type is required."))?;
            let user = text("PersonType")
                .and_then(|p| KycUserContext::parse(&p, text("LegalPersonType").as_deref()));
            let files = files
                .iter()
                .map(|f| Uint8Array::new(&f).to_vec())
                .collect::<Vec<_>>();
            let (_, timeout) = call_options(&parse(opts_json)?)?;
            Ok((
                user_id,
                UploadInput {
                    doc_type,
                    tag: text("Tag"),
                    files,
                    user,
                },
                self.transport(signal, timeout),
            ))
        };
        let client = Rc::clone(&self.client);
        let setup = setup();
        promise(async move {
            let (user_id, input, transport) = setup.map_err(reject)?;
            let progress = |p: &crate::transport::upload::Progress| {
                let json = serde_json::json!({
                    "documentId": p.document_id,
                    "pagesSent": p.pages_sent,
                    "totalPages": p.total_pages,
                });
                let _ = on_progress.call1(&JsValue::NULL, &JsValue::from(json.to_string()));
            };
            let body = upload_kyc_document(&client, &transport, &user_id, &input, &progress)
                .await
                .map_err(reject)?;
            Ok(JsValue::from(body))
        })
    }

    /// `mp.request(...)`: resolves to `{status, headers, body}` as JSON text whatever the
    /// status; rejects only on network failure, timeout or abort.
    pub fn request(&self, request_json: &str, signal: JsValue) -> Promise {
        let setup = || -> Result<_, ApiError> {
            let (call, options, timeout) = raw_call(&parse(request_json)?)?;
            Ok((call, options, self.transport(signal, timeout)))
        };
        let client = Rc::clone(&self.client);
        let setup = setup();
        promise(async move {
            let (call, options, transport) = setup.map_err(reject)?;
            let response = client
                .execute(&transport, &call, &options, true)
                .await
                .map_err(reject)?;
            let headers: serde_json::Map<String, Value> = response
                .headers
                .into_iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), Value::String(v)))
                .collect();
            let out = serde_json::json!({
                "status": response.status,
                "headers": headers,
                "body": response.body,
            });
            Ok(JsValue::from(out.to_string()))
        })
    }

    /// The rate-limit buckets of the last response, as JSON text.
    #[wasm_bindgen(js_name = rateLimits)]
    pub fn rate_limits(&self) -> String {
        let buckets: Vec<Value> = self
            .client
            .rate_limits()
            .iter()
            .map(|b| {
                serde_json::json!({
                    "intervalMinutes": b.interval_minutes,
                    "callsMade": b.calls_made,
                    "callsRemaining": b.calls_remaining,
                    "reset": b.reset,
                })
            })
            .collect();
        Value::Array(buckets).to_string()
    }
}

impl Core {
    fn transport(&self, signal: JsValue, timeout: Option<u64>) -> FetchTransport {
        let config = self.client.config();
        FetchTransport {
            fetch: self.fetch.clone(),
            signal,
            timeout_ms: timeout.unwrap_or(config.timeout_ms) as f64,
            credentials: config.credentials.map(|c| c.as_str()),
        }
    }
}

/// A `Promise` of a Rust future. Boxed so that `future_to_promise` (and its executor glue) is
/// instantiated once for every export, not once per future type: a few KB less wasm.
fn promise(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(future);
    future_to_promise(boxed)
}

/// JSON text from JS (always produced by `JSON.stringify`).
fn parse(json: &str) -> Result<Value, ApiError> {
    serde_json::from_str(json)
        .map_err(|_| ApiError::invalid_argument("The arguments are not JSON data."))
}

fn reject(error: ApiError) -> JsValue {
    JsValue::from(error.to_json())
}
