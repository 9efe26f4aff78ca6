//! `Core`, the wasm half of the JS `Mangopay` class: one export per kind of call, JSON text in,
//! a `Promise` of text out; rejections are a `MangopayError`'s fields as JSON text.

// See `transport`: `ApiError` is the flat, rare-path error; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use std::cell::RefCell;
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
use crate::transport::{
    ApiError, Call, CallOptions, Client, Config, HttpRequest, HttpResponse, Started,
};
use crate::validate::KycUserContext;

use super::fetch::{failure_of, request_text, response, FetchTransport};

/// The state of one `Mangopay` instance: its checked configuration, token cache and rate
/// limits, and the `fetch` it calls.
#[wasm_bindgen]
pub struct Core {
    client: Rc<Client>,
    fetch: Function,
    /// The calls started and not yet ended, by id (a free slot is reused).
    pending: RefCell<Vec<Option<Pending>>>,
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
            pending: RefCell::new(Vec::new()),
        })
    }

    /// Starts `mp.users.<method>(...args)` for JS to send its first attempt: the request as
    /// text (see `request_text`); throws the error JSON when the arguments are refused. End it with
    /// [`Core::settle`] or [`Core::resume`].
    pub fn start(&self, method: &str, args_json: &str, opts_json: &str) -> Result<String, String> {
        self.begin(self.pending_call(method, args_json, opts_json))
    }

    /// Starts `mp.request(...)` (the raw passthrough) like [`Core::start`].
    #[wasm_bindgen(js_name = startRequest)]
    pub fn start_request(&self, request_json: &str) -> Result<String, String> {
        self.begin(pending_request(request_json))
    }

    /// After JS sent the first attempt of call `id`: true-ish when its response ends the call
    /// as is (`null`, or for a list `[page, perPage, totalItems, totalPages]`), recording its
    /// rate limits; `undefined` when the call goes on with [`Core::resume`]. `rate_limits` is
    /// `X-RateLimit`, `-Remaining` and `-Reset` a line each (absent without `X-RateLimit`),
    /// `counts` `X-Number-Of-Pages` and `X-Number-Of-Items` (for a list).
    pub fn settle(
        &self,
        id: u32,
        status: u16,
        rate_limits: Option<String>,
        counts: Option<String>,
    ) -> JsValue {
        let mut slots = self.pending.borrow_mut();
        let Some(slot) = slots.get_mut(id as usize) else {
            return JsValue::UNDEFINED;
        };
        let settled = slot.as_ref().is_some_and(|p| {
            self.client.settles(
                &p.call,
                &p.started,
                status,
                lines(rate_limits.as_deref()),
                p.raw,
            )
        });
        if !settled {
            return JsValue::UNDEFINED;
        }
        match slot.take().and_then(|p| p.list) {
            None => JsValue::NULL,
            Some((page, per_page)) => {
                let [pages, items, _] = lines(counts.as_deref());
                page_array(&PageInfo::from_headers(page, per_page, pages, items)).into()
            }
        }
    }

    /// Runs call `id` to its end in Rust (retries, replay, token refresh): from its first
    /// attempt's outcome when JS sent it (`status` with the headers flattened as
    /// `name\nvalue\n` and the body, or the rejection reason of `js/fetch.js` in `failure`),
    /// else (no `status`, no `failure`) from the start. Resolves to the body text (for a list
    /// `[body, page, perPage, totalItems, totalPages]`), or for the raw passthrough to
    /// `[status, headers, body]` (see `raw_response`).
    pub fn resume(
        &self,
        id: u32,
        status: Option<u16>,
        headers: &str,
        body: String,
        failure: Option<String>,
        signal: JsValue,
    ) -> Promise {
        let pending = self
            .pending
            .borrow_mut()
            .get_mut(id as usize)
            .and_then(Option::take);
        let Some(pending) = pending else {
            return Promise::reject(&reject(ApiError::invalid_argument("No such call.")));
        };
        let first = match (failure, status) {
            (Some(reason), _) => Some(Err(failure_of(&reason))),
            (None, Some(status)) => Some(Ok(response(status, headers, body))),
            (None, None) => None,
        };
        let transport = self.transport(signal, pending.timeout);
        let client = Rc::clone(&self.client);
        promise(async move {
            let Pending {
                call,
                options,
                started,
                list,
                raw,
                ..
            } = pending;
            let response = client
                .resume(&transport, &call, &options, raw, started, first)
                .await
                .map_err(reject)?;
            Ok(if raw {
                raw_response(response)
            } else {
                match list {
                    None => JsValue::from(response.body),
                    Some((page, per_page)) => {
                        let info = PageInfo::from_headers(
                            page,
                            per_page,
                            response.header("X-Number-Of-Pages"),
                            response.header("X-Number-Of-Items"),
                        );
                        let out = page_array(&info);
                        out.unshift(&JsValue::from(response.body));
                        out.into()
                    }
                }
            })
        })
    }

    /// Starts `createKycPageFromFile` like [`Core::start`]: `args_json` is
    /// `[userId, documentId]`, `bytes` the file's content, checked and sent as Base64.
    #[wasm_bindgen(js_name = startPage)]
    pub fn start_page(
        &self,
        args_json: &str,
        bytes: &[u8],
        opts_json: &str,
    ) -> Result<String, String> {
        let pending = || -> Result<Pending, ApiError> {
            let args = parse(args_json)?;
            let id = |i: usize, name: &str| {
                args.get(i)
                    .and_then(Value::as_str)
                    .ok_or_else(|| ApiError::invalid_argument(format!("{name} must be a string.")))
            };
            let request =
                prepare_kyc_page_bytes(id(0, "userId")?, id(1, "documentId")?, bytes, "")?;
            let (options, timeout) = call_options(&parse(opts_json)?)?;
            Ok(Pending {
                call: Call::from_request(&request),
                options,
                started: Started::default(),
                list: None,
                raw: false,
                timeout,
            })
        };
        self.begin(pending())
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
    /// The call of `mp.users.<method>(...args)`.
    fn pending_call(
        &self,
        method: &str,
        args_json: &str,
        opts_json: &str,
    ) -> Result<Pending, ApiError> {
        let prepared = prepare(method, &parse(args_json)?, self.client.config().validate)?;
        let (options, timeout) = call_options(&parse(opts_json)?)?;
        Ok(Pending {
            call: Call::from_request(&prepared.request),
            options,
            started: Started::default(),
            list: prepared.list,
            raw: false,
            timeout,
        })
    }

    /// Starts a call and keeps it as pending: its id and the first attempt's request as text.
    fn begin(&self, pending: Result<Pending, ApiError>) -> Result<String, String> {
        let (id, request, timeout) = self.keep(pending).map_err(|e| e.to_json())?;
        let timeout = timeout.unwrap_or(self.client.config().timeout_ms);
        let credentials = self.client.config().credentials;
        Ok(request_text(id, timeout, credentials, request.as_ref()))
    }

    /// Starts a call and keeps it: its id, the first attempt's request and the timeout.
    fn keep(
        &self,
        pending: Result<Pending, ApiError>,
    ) -> Result<(u32, Option<HttpRequest>, Option<u64>), ApiError> {
        let mut pending = pending?;
        let (started, request) = self.client.start(
            &self.transport(JsValue::UNDEFINED, None),
            &pending.call,
            &pending.options,
        )?;
        pending.started = started;
        let timeout = pending.timeout;
        let mut slots = self.pending.borrow_mut();
        let id = match slots.iter().position(Option::is_none) {
            Some(free) => free,
            None => {
                slots.push(None);
                slots.len() - 1
            }
        };
        if let Some(slot) = slots.get_mut(id) {
            *slot = Some(pending);
        }
        Ok((id as u32, request, timeout))
    }

    fn transport(&self, signal: JsValue, timeout: Option<u64>) -> FetchTransport {
        let config = self.client.config();
        FetchTransport {
            fetch: self.fetch.clone(),
            signal,
            timeout_ms: timeout.unwrap_or(config.timeout_ms),
            credentials: config.credentials,
        }
    }
}

/// A call between its start and its end.
struct Pending {
    call: Call,
    options: CallOptions,
    started: Started,
    /// `(page, perPage)` of a list call.
    list: Option<(i64, i64)>,
    /// The raw passthrough: any status is an answer.
    raw: bool,
    /// The call's timeout, if it overrides the configuration's.
    timeout: Option<u64>,
}

/// The call of `mp.request(...)`.
fn pending_request(request_json: &str) -> Result<Pending, ApiError> {
    let (call, options, timeout) = raw_call(&parse(request_json)?)?;
    Ok(Pending {
        call,
        options,
        started: Started::default(),
        list: None,
        raw: true,
        timeout,
    })
}

/// The first three lines of `text`.
fn lines(text: Option<&str>) -> [Option<&str>; 3] {
    let mut lines = text.unwrap_or_default().split('\n');
    [lines.next(), lines.next(), lines.next()]
}

/// `[page, perPage, totalItems, totalPages]` (unknown totals are `null`).
fn page_array(info: &PageInfo) -> Array {
    let count = |n: Option<i64>| n.map_or(JsValue::NULL, |n| JsValue::from(n as f64));
    Array::of4(
        &JsValue::from(info.page as f64),
        &JsValue::from(info.per_page as f64),
        &count(info.total_items),
        &count(info.total_pages),
    )
}

/// A raw call's answer: `[status, headers, body]`, the headers flattened as `name\nvalue\n`.
fn raw_response(response: HttpResponse) -> JsValue {
    let mut flat = String::new();
    for (name, value) in &response.headers {
        flat.push_str(name);
        flat.push('\n');
        flat.push_str(value);
        flat.push('\n');
    }
    Array::of3(
        &JsValue::from(response.status),
        &JsValue::from(flat),
        &JsValue::from(response.body),
    )
    .into()
}

/// A `Promise` of a Rust future. Boxed so that `future_to_promise` (and its executor glue) is
/// instantiated once for every export, not once per future type: a few KB less wasm.
fn promise(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(future);
    future_to_promise(boxed)
}

/// JSON text from JS (always produced by `JSON.stringify`).
fn parse(json: &str) -> Result<Value, ApiError> {
    if json == "null" {
        // No call options (most calls): no parser run.
        return Ok(Value::Null);
    }
    serde_json::from_str(json)
        .map_err(|_| ApiError::invalid_argument("The arguments are not JSON data."))
}

fn reject(error: ApiError) -> JsValue {
    JsValue::from(error.to_json())
}
