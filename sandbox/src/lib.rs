//! # mangopay-sandbox
//!
//! A local HTTP server that behaves like the Mangopay v2.01 **Users** API, in memory, so the
//! demo runs with one command, every test tier has a real upstream, and faults can be injected.
//!
//! - OAuth 2.0 client credentials (`POST /v2.01/oauth/token`), Bearer tokens per ClientId.
//! - Every endpoint of [`mangopay_wasm::api::Endpoint`], routed with the core crate's
//!   [`match_route`](mangopay_wasm::api::match_route); bodies checked with the core crate's
//!   validators, plus the rules only a server can apply (on the stored, merged user).
//! - SCA: OWNER users wait in `PENDING_USER_ACTION` until the sandbox's own SCA page (plain HTML
//!   forms) completes their session; KYC documents go `CREATED` → pages → `VALIDATION_ASKED` →
//!   `VALIDATED`/`REFUSED` as their Tag asks, like Mangopay's sandbox.
//! - Idempotency keys (409 and `GET /responses/{key}`), rate-limit headers and 429s, fault
//!   injection (500, 503, 429, dropped connections, delays; seeded shares and a script), an admin
//!   API for tests, one log line per request.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let config = mangopay_sandbox::Config { port: 0, ..Default::default() };
//! let sandbox = mangopay_sandbox::start(config).await?;
//! println!("listening on {}", sandbox.url());
//! # Ok(()) }
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod admin;
mod app;
pub mod config;
mod faults;
mod http;
mod kyc;
mod lists;
mod ratelimit;
mod reply;
mod reqlog;
mod resources;
mod rules;
mod sca;
mod store;
mod users;
mod util;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use config::{Config, FaultSettings, KycDefault, DEFAULT_API_KEY, DEFAULT_CLIENT_ID};

/// A running sandbox. Dropping it leaves the server running until its runtime stops; call
/// [`Sandbox::shutdown`] to stop accepting connections.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    url: String,
    accept: JoinHandle<()>,
}

impl Sandbox {
    /// The bound address (useful with port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The public URL (`--public-url`, or `http://{addr}`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops accepting connections.
    pub fn shutdown(self) {
        self.accept.abort();
    }
}

/// Binds and starts serving on the current tokio runtime.
pub async fn start(config: Config) -> std::io::Result<Sandbox> {
    let listener = TcpListener::bind((config.host, config.port)).await?;
    let addr = listener.local_addr()?;
    // A wildcard bind (0.0.0.0, ::) is reached on loopback by default.
    let shown = if addr.ip().is_unspecified() {
        let ip = if addr.is_ipv4() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
        };
        SocketAddr::new(ip, addr.port())
    } else {
        addr
    };
    let url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{shown}"));
    let app = Arc::new(app::App::new(&config, url.clone()));
    let accept = tokio::spawn(http::accept_loop(listener, app));
    Ok(Sandbox { addr, url, accept })
}
