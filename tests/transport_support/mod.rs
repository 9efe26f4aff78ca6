//! A scripted mock transport and a tiny executor for the transport tests.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use mangopay_wasm::transport::{HttpRequest, HttpResponse, Transport, TransportError};

/// A scripted answer.
pub type Answer = Result<HttpResponse, TransportError>;

/// Answers requests from a script (a default 200 `{}` when it runs out) and records them.
#[derive(Default)]
pub struct Mock {
    pub script: RefCell<VecDeque<Answer>>,
    pub requests: RefCell<Vec<HttpRequest>>,
    pub sleeps: RefCell<Vec<u64>>,
    pub now: Cell<f64>,
    pub abort_sleep: Cell<bool>,
    /// Answers for URLs containing a fragment, checked before the script.
    pub routes: RefCell<Vec<(String, Answer)>>,
}

impl Mock {
    pub fn new(script: Vec<Answer>) -> Self {
        let mock = Mock::default();
        mock.script.borrow_mut().extend(script);
        mock.now.set(1_700_000_000_000.0);
        mock
    }

    pub fn route(&self, fragment: &str, answer: Answer) {
        self.routes.borrow_mut().push((fragment.into(), answer));
    }

    pub fn urls(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect()
    }
}

pub fn ok(status: u16, body: &str) -> Answer {
    Ok(resp(status, body, &[]))
}

pub fn resp(status: u16, body: &str, headers: &[(&str, &str)]) -> HttpResponse {
    HttpResponse {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_owned(),
    }
}

/// Pending once, then ready: lets concurrent calls interleave.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

impl Transport for Mock {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(request.clone());
        YieldOnce(false).await;
        let routed = self
            .routes
            .borrow()
            .iter()
            .find(|(f, _)| request.url.contains(f.as_str()))
            .map(|(_, a)| a.clone());
        if let Some(answer) = routed {
            return answer;
        }
        self.script
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| ok(200, "{}"))
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        self.sleeps.borrow_mut().push(ms);
        self.now.set(self.now.get() + ms as f64);
        if self.abort_sleep.get() {
            return Err(TransportError::Aborted);
        }
        Ok(())
    }

    fn now_ms(&self) -> f64 {
        self.now.get()
    }

    fn random_bytes(&self, buf: &mut [u8]) {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(37).wrapping_add(11);
        }
    }
}

struct NoopWake;
impl Wake for NoopWake {
    fn wake(self: Arc<Self>) {}
}

/// Polls every future to completion (round-robin), returning their outputs in order.
pub fn run_all<'a, T>(futures: Vec<Pin<Box<dyn Future<Output = T> + 'a>>>) -> Vec<T> {
    let waker = Waker::from(Arc::new(NoopWake));
    let mut cx = Context::from_waker(&waker);
    let mut futures: Vec<_> = futures.into_iter().map(Some).collect();
    let mut out: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    for _ in 0..10_000 {
        let mut pending = false;
        for (i, slot) in futures.iter_mut().enumerate() {
            if let Some(f) = slot {
                match f.as_mut().poll(&mut cx) {
                    Poll::Ready(v) => {
                        out[i] = Some(v);
                        *slot = None;
                    }
                    Poll::Pending => pending = true,
                }
            }
        }
        if !pending {
            return out.into_iter().map(|v| v.unwrap()).collect();
        }
    }
    panic!("futures never completed");
}

pub fn block_on<'a, T: 'a>(f: impl Future<Output = T> + 'a) -> T {
    run_all(vec![Box::pin(f)]).pop().unwrap()
}
