//! The in-memory data of every client: users, KYC documents, bank accounts, SCA sessions,
//! tokens and idempotent responses.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::util::random_hex;

/// Natural or legal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    /// An individual (`NATURAL`).
    Natural,
    /// A legal entity (`LEGAL`).
    Legal,
}

impl Person {
    /// The `PersonType` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Person::Natural => "NATURAL",
            Person::Legal => "LEGAL",
        }
    }
}

/// What the sandbox knows about a user's SCA.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScaState {
    /// An enrollment was triggered at least once (`GET …/sca-status` is 404 until then).
    pub triggered: bool,
    /// The user completed an enrollment session (or bypassed SCA with `accept` in the email).
    pub enrolled: bool,
    /// When the last enrollment succeeded.
    pub last_enrollment: Option<i64>,
    /// When the user last gave proxy consent.
    pub last_consent: Option<i64>,
    /// When the user last authenticated successfully (enrollment or wallet access).
    pub last_authentication: Option<i64>,
}

/// A stored user. `data` holds the SCA response fields (nested `LegalRepresentative`), without
/// `PendingUserAction`, which only the write that triggers SCA returns.
#[derive(Debug, Clone)]
pub struct User {
    /// The Id.
    pub id: String,
    /// Natural or legal.
    pub person: Person,
    /// The response fields.
    pub data: Map<String, Value>,
    /// SCA bookkeeping.
    pub sca: ScaState,
}

impl User {
    /// A top-level string field.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.data.get(key).and_then(Value::as_str)
    }

    /// A string field of the legal representative.
    pub fn rep_str(&self, key: &str) -> Option<&str> {
        self.data
            .get("LegalRepresentative")
            .and_then(|r| r.get(key))
            .and_then(Value::as_str)
    }

    /// True for `UserCategory: OWNER`.
    pub fn is_owner(&self) -> bool {
        self.str("UserCategory") == Some("OWNER")
    }

    /// True for `UserStatus: CLOSED`.
    pub fn is_closed(&self) -> bool {
        self.str("UserStatus") == Some("CLOSED")
    }

    /// The email SCA uses: the user's for a natural user, the legal representative's otherwise.
    pub fn sca_email(&self) -> Option<&str> {
        match self.person {
            Person::Natural => self.str("Email"),
            Person::Legal => self.rep_str("Email"),
        }
    }

    /// The phone number SCA pre-fills.
    pub fn sca_phone(&self) -> Option<&str> {
        match self.person {
            Person::Natural => self.str("PhoneNumber"),
            Person::Legal => self.rep_str("PhoneNumber"),
        }
    }
}

/// How a submitted KYC document ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KycOutcome {
    /// Stays `VALIDATION_ASKED`.
    Pending,
    /// Becomes `VALIDATED`.
    Validated,
    /// Becomes `REFUSED` with this `RefusedReasonType`.
    Refused(String),
}

/// A stored KYC document. Page files are checked and counted, never kept.
#[derive(Debug, Clone)]
pub struct KycDoc {
    /// The Id.
    pub id: String,
    /// Creation order.
    pub seq: u64,
    /// The owner.
    pub user_id: String,
    /// `IDENTITY_PROOF`, …
    pub doc_type: String,
    /// Custom data (also the sandbox's outcome switch).
    pub tag: Option<String>,
    /// When it was created.
    pub creation_date: i64,
    /// When it was processed.
    pub processed_date: Option<i64>,
    /// `CREATED`, `VALIDATION_ASKED`, `VALIDATED`, `REFUSED` or `OUT_OF_DATE`.
    pub status: String,
    /// Set when refused.
    pub refused_reason_type: Option<String>,
    /// Set when refused.
    pub refused_reason_message: Option<String>,
    /// Refusal flags.
    pub flags: Vec<String>,
    /// Decoded size of each page, in bytes.
    pub pages: Vec<usize>,
    /// When the outcome is applied, once submitted.
    pub decide_at: Option<Instant>,
    /// The outcome to apply.
    pub outcome: KycOutcome,
}

/// A stored bank account: its response fields in order, plus its state.
#[derive(Debug, Clone)]
pub struct BankAccount {
    /// The Id.
    pub id: String,
    /// Creation order.
    pub seq: u64,
    /// The owner.
    pub user_id: String,
    /// When it was created.
    pub creation_date: i64,
    /// The type-specific fields (`OwnerAddress`, `IBAN`, …), in response order.
    pub fields: Vec<(String, Value)>,
    /// `IBAN`, `GB`, `US`, `CA` or `OTHER`.
    pub account_type: &'static str,
    /// The Tag.
    pub tag: Option<String>,
    /// False once deactivated.
    pub active: bool,
}

/// What an SCA session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Enrollment (create/categorize/update of an OWNER, or enroll).
    Enrollment,
    /// Proxy consent (`POST …/consent`).
    Consent,
    /// Authentication to see wallets or transactions.
    WalletAccess,
}

/// An SCA session: what a `RedirectUrl` token stands for.
#[derive(Debug, Clone)]
pub struct ScaSession {
    /// The client of the user.
    pub client_id: String,
    /// The user.
    pub user_id: String,
    /// What completing it does.
    pub kind: SessionKind,
    /// When it was created.
    pub created: Instant,
    /// True once completed or failed.
    pub used: bool,
}

/// One client's data.
#[derive(Debug, Default)]
pub struct ClientData {
    /// Users by Id.
    pub users: HashMap<String, User>,
    /// User Ids in creation order (the order of `GET /users`).
    pub user_order: Vec<String>,
    /// KYC documents by Id.
    pub kyc_docs: HashMap<String, KycDoc>,
    /// Bank accounts by Id.
    pub bank_accounts: HashMap<String, BankAccount>,
    /// Submitted documents whose outcome is not applied yet.
    pub pending_kyc: Vec<String>,
    seq: u64,
}

impl ClientData {
    /// The next creation sequence number.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }
}

/// The recorded answer to an idempotent POST.
#[derive(Debug, Clone)]
pub enum IdempotentRecord {
    /// The first request is still being processed.
    Pending,
    /// The first request's answer: the API Response object's JSON text.
    Done(String),
}

/// An issued OAuth token.
#[derive(Debug, Clone)]
pub struct Token {
    /// The client it authenticates.
    pub client_id: String,
    /// When it stops working.
    pub expires: Instant,
}

/// Everything the sandbox remembers.
#[derive(Debug, Default)]
pub struct Store {
    /// Data per ClientId.
    pub clients: HashMap<String, ClientData>,
    /// SCA sessions by token.
    pub sessions: HashMap<String, ScaSession>,
    /// OAuth tokens.
    pub tokens: HashMap<String, Token>,
    /// Idempotency keys per `(ClientId, key)`, with when they were first used.
    pub idempotency: HashMap<(String, String), (Instant, IdempotentRecord)>,
}

impl Store {
    /// The data of `client`, created on first use.
    pub fn client(&mut self, client: &str) -> &mut ClientData {
        self.clients.entry(client.to_owned()).or_default()
    }

    /// Issues a token for `client`, valid for `ttl`.
    pub fn issue_token(&mut self, client: &str, ttl: Duration) -> String {
        let now = Instant::now();
        if self.tokens.len() > 10_000 {
            self.tokens.retain(|_, t| t.expires > now);
        }
        let token = random_hex(16);
        self.tokens.insert(
            token.clone(),
            Token {
                client_id: client.to_owned(),
                expires: now + ttl,
            },
        );
        token
    }

    /// Opens an SCA session and returns its token.
    pub fn open_session(&mut self, client: &str, user_id: &str, kind: SessionKind) -> String {
        let now = Instant::now();
        if self.sessions.len() > 10_000 {
            self.sessions
                .retain(|_, s| now.duration_since(s.created) < Duration::from_secs(3600));
        }
        let token = random_hex(16);
        self.sessions.insert(
            token.clone(),
            ScaSession {
                client_id: client.to_owned(),
                user_id: user_id.to_owned(),
                kind,
                created: now,
                used: false,
            },
        );
        token
    }

    /// Forgets every user, document, account, session and idempotency key; tokens stay valid.
    pub fn reset_data(&mut self) {
        self.clients.clear();
        self.sessions.clear();
        self.idempotency.clear();
    }
}
