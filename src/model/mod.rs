//! Serde types for every request and response body of the Users API, spelled exactly as the API
//! spells them (`FirstName`, `KYCLevel`, `errors`).
//!
//! Response types tolerate unknown fields, and enums Mangopay may extend keep unknown values
//! instead of failing, so a new value on the server never breaks a deployed client.
