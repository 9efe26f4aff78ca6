//! The HTTP/1.1 server: hyper on tokio, one task per connection, bodies read with limits.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming as Body;
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

use crate::app::{After, App, Incoming, MAX_JSON_BODY};

/// The error that makes hyper close a connection without writing a response: the "drop after
/// processing" fault.
#[derive(Debug)]
pub struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the task is aborted.
pub async fn accept_loop(listener: TcpListener, app: Arc<App>) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                tokio::spawn(serve(stream, peer, Arc::clone(&app)));
            }
            Err(e) => {
                eprintln!("mangopay-sandbox: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

async fn serve(stream: TcpStream, peer: SocketAddr, app: Arc<App>) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |req| handle(Arc::clone(&app), peer, req));
    // Errors here are the peer's (reset, malformed request) or a dropped connection.
    let _ = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Past the body limit, the rest of a body is still read (and thrown away) up to this size so
/// that the client finishes sending and reads the 413; beyond it the connection is answered at
/// once and closed.
const DRAIN_CAP: usize = 64 * 1024 * 1024;

/// Reads a body up to `limit` bytes: `(bytes, false)`, or `(empty, true)` when it is larger.
async fn read_body(
    mut body: Body,
    limit: usize,
    declared: Option<u64>,
) -> Result<(Vec<u8>, bool), Dropped> {
    if declared.is_some_and(|n| n > DRAIN_CAP as u64) {
        return Ok((Vec::new(), true));
    }
    let mut buf = Vec::new();
    let mut seen = 0usize;
    let mut over = declared.is_some_and(|n| n > limit as u64);
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(|_| Dropped)?.into_data() else {
            continue;
        };
        seen = seen.saturating_add(data.len());
        if seen > DRAIN_CAP {
            return Ok((Vec::new(), true));
        }
        if seen > limit {
            over = true;
        }
        if over {
            buf = Vec::new();
        } else {
            buf.extend_from_slice(&data);
        }
    }
    Ok((buf, over))
}

async fn handle(
    app: Arc<App>,
    peer: SocketAddr,
    req: Request<Body>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let limit = if path.starts_with("/v2.01/") {
        Incoming::body_limit(&path)
    } else {
        MAX_JSON_BODY
    };
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let (body, oversized) = read_body(body, limit, declared).await?;
    let incoming = Incoming {
        method: parts.method.as_str().to_owned(),
        path,
        query,
        headers,
        body,
        oversized,
        peer,
    };
    let outcome = app.handle(&incoming);
    match outcome.after {
        After::Drop => return Err(Dropped),
        After::Delay(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
        After::Respond => {}
    }
    Ok(to_response(outcome.reply))
}

fn to_response(reply: crate::reply::Reply) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    if let Some(ct) = reply.content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    for (name, value) in reply.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(n, v);
        }
    }
    response
}
