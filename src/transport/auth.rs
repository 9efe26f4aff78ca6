//! OAuth client credentials (direct mode): one token request at a time, shared by every
//! concurrent call, cached until 30 s before it expires.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use super::error::ApiError;

/// A token is refreshed this long before the server says it expires.
pub const TOKEN_MARGIN_MS: f64 = 30_000.0;

/// The state of the cached token.
#[derive(Debug, Clone, Default)]
enum State {
    /// No token (never fetched, invalidated, or the last fetch was cancelled).
    #[default]
    Empty,
    /// A call is fetching one; the others wait for it.
    Fetching,
    /// A token usable until `refresh_at_ms`.
    Ready { token: String, refresh_at_ms: f64 },
    /// The last fetch failed; the callers that waited for it get this error.
    Failed(Box<ApiError>),
}

/// The cached bearer token and the calls waiting for it.
#[derive(Debug, Default)]
pub struct TokenCache {
    state: RefCell<State>,
    generation: Cell<u64>,
    waiters: RefCell<Vec<Waker>>,
}

/// What a caller must do to get a token.
pub(crate) enum Next<'a> {
    /// Use this token.
    Use(String),
    /// Fetch one (this caller leads); finish with [`TokenCache::finish`].
    Lead(LeadGuard<'a>),
    /// Someone else is fetching: wait for [`TokenCache::changed`] then ask again.
    Wait(u64),
    /// The fetch this caller waited for failed.
    Fail(Box<ApiError>),
}

impl TokenCache {
    /// Decides what a caller does now. `waited_for` is the generation it waited on, if any.
    pub(crate) fn next(&self, now_ms: f64, waited_for: Option<u64>) -> Next<'_> {
        let state = self.state.borrow().clone();
        match state {
            State::Ready {
                token,
                refresh_at_ms,
            } if now_ms < refresh_at_ms => Next::Use(token),
            State::Fetching => Next::Wait(self.generation.get()),
            State::Failed(error) if waited_for.is_some() => Next::Fail(error),
            _ => {
                *self.state.borrow_mut() = State::Fetching;
                Next::Lead(LeadGuard {
                    cache: self,
                    done: false,
                })
            }
        }
    }

    /// The cached token if it is still usable at `now_ms` (no fetch is started).
    pub(crate) fn cached(&self, now_ms: f64) -> Option<String> {
        match &*self.state.borrow() {
            State::Ready {
                token,
                refresh_at_ms,
            } if now_ms < *refresh_at_ms => Some(token.clone()),
            _ => None,
        }
    }

    /// Forgets `token` after the API refused it (another call may already have replaced it).
    pub fn invalidate(&self, token: &str) {
        let mut state = self.state.borrow_mut();
        if matches!(&*state, State::Ready { token: t, .. } if t == token) {
            *state = State::Empty;
        }
    }

    /// Resolves once the fetch of generation `generation` has ended.
    pub(crate) fn changed(&self, generation: u64) -> Changed<'_> {
        Changed {
            cache: self,
            generation,
        }
    }

    fn bump(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        for waker in self.waiters.borrow_mut().drain(..) {
            waker.wake();
        }
    }
}

/// Proof that a caller leads a token fetch; dropping it unfinished (the call was cancelled)
/// lets the next caller fetch instead.
#[derive(Debug)]
pub(crate) struct LeadGuard<'a> {
    cache: &'a TokenCache,
    done: bool,
}

impl LeadGuard<'_> {
    /// Ends the fetch: stores the token (valid for `expires_in_s`) or the error, and wakes the
    /// waiting calls.
    pub(crate) fn finish(mut self, result: &Result<(String, f64), ApiError>, now_ms: f64) {
        self.done = true;
        *self.cache.state.borrow_mut() = match result {
            Ok((token, expires_in_s)) => State::Ready {
                token: token.clone(),
                refresh_at_ms: now_ms + expires_in_s * 1000.0 - TOKEN_MARGIN_MS,
            },
            Err(error) => State::Failed(Box::new(error.clone())),
        };
        self.cache.bump();
    }
}

impl Drop for LeadGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            *self.cache.state.borrow_mut() = State::Empty;
            self.cache.bump();
        }
    }
}

/// The future of [`TokenCache::changed`].
pub(crate) struct Changed<'a> {
    cache: &'a TokenCache,
    generation: u64,
}

impl Future for Changed<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.cache.generation.get() != self.generation {
            Poll::Ready(())
        } else {
            self.cache.waiters.borrow_mut().push(cx.waker().clone());
            Poll::Pending
        }
    }
}
