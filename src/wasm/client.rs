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
    ApiError, Call, CallOptions, Client, Config, Credentials, HttpRequest, HttpResponse, Started,
};
use crate::validate::KycUserContext;

use super::fetch::{failure_of, response, FetchTransport};

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
    /// text (see [`head`]); throws the error JSON when the arguments are refused. End it with
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
    /// as is (`null`, or for a list `[page, perPage, totalItems, totalPages]`, read from
    /// `X-Number-Of-Pages` and `X-Number-Of-Items`), recording the rate limits given
    /// (`X-RateLimit`, `-Remaining`, `-Reset`); `undefined` when the call goes on with
    /// [`Core::resume`].
    #[allow(clippy::too_many_arguments)]
    pub fn settle(
        &self,
        id: u32,
        status: u16,
        limit: Option<String>,
        remaining: Option<String>,
        reset: Option<String>,
        pages: Option<String>,
        items: Option<String>,
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
                [limit.as_deref(), remaining.as_deref(), reset.as_deref()],
                p.raw,
            )
        });
        if !settled {
            return JsValue::UNDEFINED;
        }
        match slot.take().and_then(|p| p.list) {
            None => JsValue::NULL,
            Some((page, per_page)) => {
                let info =
                    PageInfo::from_headers(page, per_page, pages.as_deref(), items.as_deref());
                page_array(&info).into()
            }
        }
    }

    /// Runs call `id` to its end in Rust (retries, replay, token refresh): from its first
    /// attempt's outcome when JS sent it (`status` with the headers flattened as
    /// `name\nvalue\n` and the body, or the rejection reason of `js/fetch.js` in `failure`),
    /// else (`status` 0, no `failure`) from the start. Resolves like [`Core::call`], or for a
    /// raw call like [`Core::request`].
    pub fn resume(
        &self,
        id: u32,
        status: u16,
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
            (None, 0) => None,
            (None, status) => Some(Ok(response(status, headers, body))),
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

    /// Calls `mp.users.<method>(...args)` wholly in Rust: resolves to the body text, or for a
    /// list to `[body, page, perPage, totalItems, totalPages]`.
    pub fn call(&self, method: &str, args_json: &str, opts_json: &str, signal: JsValue) -> Promise {
        self.run(self.pending_call(method, args_json, opts_json), signal)
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

    /// `mp.request(...)` wholly in Rust: resolves to `{status, headers, body}` as JSON text
    /// whatever the status; rejects only on network failure, timeout or abort.
    pub fn request(&self, request_json: &str, signal: JsValue) -> Promise {
        self.run(pending_request(request_json), signal)
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
        Ok(head(
            id,
            timeout,
            self.client.config().credentials,
            request.as_ref(),
        ))
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

    /// A call wholly in Rust.
    fn run(&self, pending: Result<Pending, ApiError>, signal: JsValue) -> Promise {
        match self.keep(pending) {
            Ok((id, _, _)) => self.resume(id, 0, "", String::new(), None, signal),
            Err(error) => Promise::reject(&reject(error)),
        }
    }

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

/// What JS needs to send a call's first attempt, one field a line: the call's id, the timeout
/// in ms, then, when JS sends the first attempt (not when a token must be fetched first): the
/// method, `credentials` (may be empty), the URL, the number of headers, each header's name and
/// value, and `b` followed by the body when there is one.
fn head(
    id: u32,
    timeout_ms: u64,
    credentials: Option<Credentials>,
    request: Option<&HttpRequest>,
) -> String {
    let mut out = String::with_capacity(256);
    push_number(&mut out, u64::from(id));
    push_number(&mut out, timeout_ms);
    let Some(request) = request else {
        return out;
    };
    push_line(&mut out, request.method.as_str());
    push_line(&mut out, credentials.map_or("", |c| c.as_str()));
    push_line(&mut out, &request.url);
    push_number(&mut out, request.headers.len() as u64);
    for (name, value) in &request.headers {
        push_line(&mut out, name);
        push_line(&mut out, value);
    }
    if let Some(body) = &request.body {
        out.push('b');
        out.push_str(body);
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// `n` in decimal and a line break (without `core::fmt`, which is slow in wasm).
fn push_number(out: &mut String, n: u64) {
    fn digits(out: &mut String, n: u64) {
        if n >= 10 {
            digits(out, n / 10);
        }
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    digits(out, n);
    out.push('\n');
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

/// A raw call's answer: `{status, headers, body}` as JSON text, header names in lower case.
fn raw_response(response: HttpResponse) -> JsValue {
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
    JsValue::from(out.to_string())
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
