//! The sandbox's behaviour over real HTTP on 127.0.0.1: one test per behaviour of issue 4.

mod common;

mod admin;
mod auth;
mod faults;
mod idempotency;
mod journey;
mod kyc;
mod lists;
mod rate_limits;
mod robustness;
mod sca;
mod users;
