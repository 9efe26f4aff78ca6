//! The browser session: which users, KYC documents, bank accounts and idempotency keys it owns,
//! carried in a signed token `v1.<payload>.<hmac>` (the cookie's value, or what a platform's own
//! session store keeps).
//!
//! The payload is base64url JSON; the tag is HMAC-SHA256 over `v1.<payload>` under the session
//! secret, so the browser can read its own ids but cannot change them. The lists are bounded
//! (the cookie must stay under 4 KB), and the token expires.

use serde::{Deserialize, Serialize};

use crate::crypto::{base64url_decode, base64url_encode, constant_time_eq, hex, hmac_sha256};

/// The most users one session may create (an onboarding flow needs one or two).
pub const MAX_USERS: usize = 8;
/// The most KYC documents one session keeps (the oldest is forgotten first).
pub const MAX_KYC_DOCUMENTS: usize = 8;
/// The most bank accounts one session keeps (the oldest is forgotten first).
pub const MAX_BANK_ACCOUNTS: usize = 8;
/// The most idempotency keys one session keeps for `GET /responses/{key}` (oldest first out).
pub const MAX_IDEMPOTENCY_KEYS: usize = 16;
/// The longest id the session stores; longer ones are never recorded.
pub const MAX_STORED_ID_LEN: usize = 128;
/// The longest token accepted, in bytes (a cookie is at most 4 KB).
pub const MAX_TOKEN_LEN: usize = 3800;

const VERSION: &str = "v1";

/// What one browser session owns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The session id: random (cookie sessions) or derived from the platform's subject.
    #[serde(rename = "s")]
    pub id: String,
    /// Expiry, in seconds since the Unix epoch.
    #[serde(rename = "e")]
    pub expires: u64,
    /// Users created through this session.
    #[serde(rename = "u", default)]
    pub users: Vec<String>,
    /// KYC documents created through this session.
    #[serde(rename = "d", default)]
    pub kyc_documents: Vec<String>,
    /// Bank accounts created through this session.
    #[serde(rename = "b", default)]
    pub bank_accounts: Vec<String>,
    /// Idempotency keys this session sent, as the browser sent them.
    #[serde(rename = "k", default)]
    pub idempotency_keys: Vec<String>,
}

/// Why a session token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionError {
    /// Not `v1.<payload>.<tag>`, too long, or not base64url.
    Malformed,
    /// The tag does not match: forged or tampered with.
    BadSignature,
    /// Signed, but past its expiry.
    Expired,
    /// Signed, but its content breaks the limits (a secret was leaked or reused).
    Invalid,
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SessionError::Malformed => "malformed session",
            SessionError::BadSignature => "session signature does not match",
            SessionError::Expired => "session expired",
            SessionError::Invalid => "session content out of limits",
        })
    }
}

impl std::error::Error for SessionError {}

impl Session {
    /// A new, empty session with id `id` that expires at `expires`.
    pub fn new(id: String, expires: u64) -> Self {
        Session {
            id,
            expires,
            users: Vec::new(),
            kyc_documents: Vec::new(),
            bank_accounts: Vec::new(),
            idempotency_keys: Vec::new(),
        }
    }

    /// Signs the session: `v1.<base64url JSON>.<base64url HMAC>`.
    pub fn seal(&self, secret: &[u8]) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let signed = format!("{VERSION}.{}", base64url_encode(&json));
        let tag = hmac_sha256(secret, &[b"session|", signed.as_bytes()]);
        format!("{signed}.{}", base64url_encode(&tag))
    }

    /// Verifies and decodes a token made by [`Session::seal`], refusing it after its expiry.
    pub fn open(token: &str, secret: &[u8], now: u64) -> Result<Session, SessionError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(SessionError::Malformed);
        }
        let (signed, tag) = token.rsplit_once('.').ok_or(SessionError::Malformed)?;
        let (version, payload) = signed.split_once('.').ok_or(SessionError::Malformed)?;
        if version != VERSION {
            return Err(SessionError::Malformed);
        }
        let tag = base64url_decode(tag).ok_or(SessionError::Malformed)?;
        let expected = hmac_sha256(secret, &[b"session|", signed.as_bytes()]);
        if !constant_time_eq(&tag, &expected) {
            return Err(SessionError::BadSignature);
        }
        let json = base64url_decode(payload).ok_or(SessionError::Malformed)?;
        let session: Session = serde_json::from_slice(&json).map_err(|_| SessionError::Invalid)?;
        if !session.within_limits() {
            return Err(SessionError::Invalid);
        }
        if session.expires <= now {
            return Err(SessionError::Expired);
        }
        Ok(session)
    }

    fn within_limits(&self) -> bool {
        let short = |list: &[String]| list.iter().all(|id| id.len() <= MAX_STORED_ID_LEN);
        !self.id.is_empty()
            && self.id.len() <= MAX_STORED_ID_LEN
            && self.users.len() <= MAX_USERS
            && self.kyc_documents.len() <= MAX_KYC_DOCUMENTS
            && self.bank_accounts.len() <= MAX_BANK_ACCOUNTS
            && self.idempotency_keys.len() <= MAX_IDEMPOTENCY_KEYS
            && short(&self.users)
            && short(&self.kyc_documents)
            && short(&self.bank_accounts)
            && short(&self.idempotency_keys)
    }

    /// The CSRF token of this session: base64url HMAC of its id. Stateless, so any worker
    /// instance can check it.
    pub fn csrf_token(&self, secret: &[u8]) -> String {
        base64url_encode(&hmac_sha256(secret, &[b"csrf|", self.id.as_bytes()]))
    }

    /// True when `candidate` is this session's CSRF token (constant-time).
    pub fn csrf_matches(&self, secret: &[u8], candidate: &str) -> bool {
        constant_time_eq(candidate.as_bytes(), self.csrf_token(secret).as_bytes())
    }

    /// The idempotency key sent upstream for the browser's `key`: 32 hex characters of
    /// HMAC(session id, key), so two sessions using the same key never share a stored response.
    pub fn upstream_idempotency_key(&self, secret: &[u8], key: &str) -> String {
        let tag = hmac_sha256(
            secret,
            &[b"idem|", self.id.as_bytes(), b"|", key.as_bytes()],
        );
        hex(tag.get(..16).unwrap_or(&tag))
    }

    /// True when this session created user `id`.
    pub fn owns_user(&self, id: &str) -> bool {
        self.users.iter().any(|u| u == id)
    }

    /// True when this session created KYC document `id`.
    pub fn owns_kyc_document(&self, id: &str) -> bool {
        self.kyc_documents.iter().any(|d| d == id)
    }

    /// True when this session created bank account `id`.
    pub fn owns_bank_account(&self, id: &str) -> bool {
        self.bank_accounts.iter().any(|b| b == id)
    }

    /// True when this session sent idempotency key `key`.
    pub fn owns_idempotency_key(&self, key: &str) -> bool {
        self.idempotency_keys.iter().any(|k| k == key)
    }

    /// True when the session may record one more user.
    pub fn has_room_for_user(&self) -> bool {
        self.users.len() < MAX_USERS
    }

    /// Records a created user; false when full or the id is too long (nothing changes).
    pub fn add_user(&mut self, id: &str) -> bool {
        if self.owns_user(id) {
            return true;
        }
        if !self.has_room_for_user() || id.is_empty() || id.len() > MAX_STORED_ID_LEN {
            return false;
        }
        self.users.push(id.to_owned());
        true
    }

    /// Records a created KYC document, forgetting the oldest beyond [`MAX_KYC_DOCUMENTS`].
    pub fn add_kyc_document(&mut self, id: &str) -> bool {
        push_bounded(&mut self.kyc_documents, id, MAX_KYC_DOCUMENTS)
    }

    /// Records a created bank account, forgetting the oldest beyond [`MAX_BANK_ACCOUNTS`].
    pub fn add_bank_account(&mut self, id: &str) -> bool {
        push_bounded(&mut self.bank_accounts, id, MAX_BANK_ACCOUNTS)
    }

    /// Records an idempotency key, forgetting the oldest beyond [`MAX_IDEMPOTENCY_KEYS`].
    pub fn add_idempotency_key(&mut self, key: &str) -> bool {
        push_bounded(&mut self.idempotency_keys, key, MAX_IDEMPOTENCY_KEYS)
    }
}

fn push_bounded(list: &mut Vec<String>, id: &str, max: usize) -> bool {
    if id.is_empty() || id.len() > MAX_STORED_ID_LEN {
        return false;
    }
    if list.iter().any(|x| x == id) {
        return true;
    }
    if list.len() >= max {
        list.remove(0);
    }
    list.push(id.to_owned());
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    fn session() -> Session {
        let mut s = Session::new("sid-1".into(), 1000);
        s.add_user("user_m_1");
        s
    }

    #[test]
    fn seal_then_open_round_trips() {
        let s = session();
        let token = s.seal(SECRET);
        assert!(token.starts_with("v1."));
        assert_eq!(token.split('.').count(), 3);
        assert_eq!(Session::open(&token, SECRET, 999).unwrap(), s);
    }

    #[test]
    fn expired_tokens_are_refused() {
        let token = session().seal(SECRET);
        assert_eq!(
            Session::open(&token, SECRET, 1000),
            Err(SessionError::Expired)
        );
    }

    #[test]
    fn another_secret_or_a_changed_payload_is_a_bad_signature() {
        let token = session().seal(SECRET);
        assert_eq!(
            Session::open(&token, b"another secret of 32 bytes......", 1),
            Err(SessionError::BadSignature)
        );
        // Give the session another user, keeping the old tag.
        let mut forged = session();
        forged.users.push("user_m_victim".into());
        let forged_payload = forged.seal(SECRET);
        let (payload, _) = forged_payload.rsplit_once('.').unwrap();
        let (_, tag) = token.rsplit_once('.').unwrap();
        assert_eq!(
            Session::open(&format!("{payload}.{tag}"), SECRET, 1),
            Err(SessionError::BadSignature)
        );
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for bad in [
            "",
            "v1",
            "v1.abc",
            "v2.e30.AAAA",
            "v1.e30.not base64",
            "v1.e30.AAAA.",
        ] {
            assert!(Session::open(bad, SECRET, 1).is_err(), "{bad}");
        }
        let long = format!("v1.{}.AAAA", "A".repeat(MAX_TOKEN_LEN));
        assert_eq!(
            Session::open(&long, SECRET, 1),
            Err(SessionError::Malformed)
        );
    }

    #[test]
    fn signed_content_beyond_the_limits_is_refused() {
        let mut s = session();
        s.users = (0..=MAX_USERS).map(|i| format!("u{i}")).collect();
        assert_eq!(
            Session::open(&s.seal(SECRET), SECRET, 1),
            Err(SessionError::Invalid)
        );
    }

    #[test]
    fn a_full_session_stays_within_a_cookie() {
        let mut s = Session::new("A".repeat(22), u64::MAX);
        for i in 0..MAX_USERS {
            assert!(s.add_user(&format!("user_m_01J82SPSKW53XZM936PDVN7{i:03}")));
        }
        assert!(!s.add_user("one-too-many"));
        for i in 0..20 {
            s.add_kyc_document(&format!("kyc_01J82SPSKW53XZM936PDVN7{i:03}"));
            s.add_bank_account(&format!("bankacc_m_01J82SPSKW53XZM936PDVN7{i:03}"));
            s.add_idempotency_key(&format!("0b8e2c1a-6b9f-4c1e-9a7d-3f5e6d7c8{i:03}"));
        }
        assert_eq!(s.kyc_documents.len(), MAX_KYC_DOCUMENTS);
        assert_eq!(s.idempotency_keys.len(), MAX_IDEMPOTENCY_KEYS);
        assert!(
            !s.owns_kyc_document("kyc_01J82SPSKW53XZM936PDVN7000"),
            "oldest forgotten"
        );
        assert!(s.owns_kyc_document("kyc_01J82SPSKW53XZM936PDVN7019"));
        let token = s.seal(SECRET);
        assert!(token.len() <= MAX_TOKEN_LEN, "{}", token.len());
        assert_eq!(Session::open(&token, SECRET, 1).unwrap(), s);
    }

    #[test]
    fn csrf_tokens_and_upstream_keys_differ_per_session() {
        let a = Session::new("a".into(), 10);
        let b = Session::new("b".into(), 10);
        assert_ne!(a.csrf_token(SECRET), b.csrf_token(SECRET));
        assert!(a.csrf_matches(SECRET, &a.csrf_token(SECRET)));
        assert!(!a.csrf_matches(SECRET, &b.csrf_token(SECRET)));
        let key = "key-0123456789abcdef";
        let ka = a.upstream_idempotency_key(SECRET, key);
        assert_eq!(ka.len(), 32);
        assert!(ka.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(ka, b.upstream_idempotency_key(SECRET, key));
        assert_eq!(ka, a.upstream_idempotency_key(SECRET, key));
    }
}
