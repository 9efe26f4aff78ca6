//! The endpoint table: one [`Endpoint`] per SDK method, with everything a builder, the
//! matcher, the sandbox and the proxy need to know about it.

use super::request::Method;

/// Every Users API endpoint this SDK calls, one variant per SDK method.
///
/// Metadata lives here so that the builders, the matcher (the proxy's allowlist and the sandbox's
/// router) and the JS boundary read the same table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Endpoint {
    /// `POST /sca/users/natural`
    CreateNaturalSca,
    /// `POST /sca/users/legal`
    CreateLegalSca,
    /// `POST /users/natural` (legacy, deprecated by Mangopay)
    CreateNatural,
    /// `POST /users/legal` (legacy, deprecated by Mangopay)
    CreateLegal,
    /// `GET /users/{UserId}` (legacy)
    Get,
    /// `GET /sca/users/{UserId}`
    GetSca,
    /// `GET /users/natural/{UserId}` (legacy)
    GetNatural,
    /// `GET /sca/users/natural/{UserId}`
    GetNaturalSca,
    /// `GET /users/legal/{UserId}` (legacy)
    GetLegal,
    /// `GET /sca/users/legal/{UserId}`
    GetLegalSca,
    /// `GET /users` (list)
    GetAll,
    /// `PUT /users/natural/{UserId}` (legacy)
    UpdateNatural,
    /// `PUT /users/legal/{UserId}` (legacy)
    UpdateLegal,
    /// `PUT /sca/users/natural/{UserId}`
    UpdateNaturalSca,
    /// `PUT /sca/users/legal/{UserId}`
    UpdateLegalSca,
    /// `PUT /sca/users/natural/{UserId}/category`
    CategorizeNatural,
    /// `PUT /sca/users/legal/{UserId}/category`
    CategorizeLegal,
    /// `DELETE /users/natural/{UserId}`
    CloseNatural,
    /// `DELETE /users/legal/{UserId}`
    CloseLegal,
    /// `POST /sca/users/{UserId}/enrollment` (no body)
    Enroll,
    /// `POST /sca/users/{UserId}/consent` (no body)
    ManageConsent,
    /// `GET /sca/users/{UserId}/sca-status`
    GetScaStatus,
    /// `GET /users/{UserId}/blockStatus`
    GetBlockStatus,
    /// `GET /users/{UserId}/regulatory`
    GetRegulatory,
    /// `POST /users/data-formats/validation`
    ValidateTheFormatOfUserData,
    /// `GET /users/{UserId}/emoney/{Year}[/{Month}]`
    GetEMoney,
    /// `POST /users/{UserId}/bankaccounts/{BankAccountType}`
    CreateBankAccount,
    /// `GET /users/{UserId}/bankaccounts/{BankAccountId}`
    GetBankAccount,
    /// `GET /users/{UserId}/bankaccounts` (list)
    GetBankAccounts,
    /// `PUT /users/{UserId}/bankaccounts/{BankAccountId}`
    UpdateBankAccount,
    /// `GET /users/{UserId}/wallets` (list)
    GetWallets,
    /// `GET /users/{UserId}/transactions` (list)
    GetTransactions,
    /// `GET /users/{UserId}/cards` (list)
    GetCards,
    /// `POST /users/{UserId}/kyc/documents`
    CreateKycDocument,
    /// `GET /users/{UserId}/kyc/documents/{KycDocumentId}`
    GetKycDocument,
    /// `GET /users/{UserId}/kyc/documents` (list)
    GetKycDocuments,
    /// `PUT /users/{UserId}/kyc/documents/{KycDocumentId}`
    UpdateKycDocument,
    /// `POST /users/{UserId}/kyc/documents/{KycDocumentId}/pages`
    CreateKycPage,
    /// `GET /users/{UserId}/mandates` (list)
    GetMandates,
    /// `GET /users/{UserId}/bankaccounts/{BankAccountId}/mandates` (list)
    GetMandatesForBankAccount,
    /// `GET /users/{UserId}/preauthorizations` (list)
    GetPreAuthorizations,
    /// `GET /responses/{IdempotencyKey}`
    GetResponse,
    /// `POST /v2.01/oauth/token` (outside `/v2.01/{ClientId}`)
    OauthToken,
}

/// Filters of the transactions list (`FilterTransactions` in the PHP/Java SDKs; docs
/// `list-transactions-user`).
const TRANSACTION_FILTERS: &[&str] = &[
    "Status",
    "Type",
    "Nature",
    "ResultCode",
    "ScaContext",
    "BeforeDate",
    "AfterDate",
];
/// Filters of the KYC documents list (docs `Status1`; PHP `FilterKycDocuments` + `FilterBase`).
const KYC_DOCUMENT_FILTERS: &[&str] = &["Status", "Type", "BeforeDate", "AfterDate"];
/// Filters of the mandates lists (Java/.NET `FilterMandates`; docs `list-mandates`).
const MANDATE_FILTERS: &[&str] = &["Status", "BeforeDate", "AfterDate"];
/// Filters of the pre-authorizations list (`FilterPreAuthorizations` in PHP/Java/.NET).
const PRE_AUTHORIZATION_FILTERS: &[&str] = &["ResultCode", "Status", "PaymentStatus"];

/// The static facts about one endpoint.
struct Spec {
    method: Method,
    template: &'static str,
    name: &'static str,
    js_name: &'static str,
    list: bool,
    body: bool,
    legacy: bool,
    filters: &'static [&'static str],
}

const fn spec(
    method: Method,
    template: &'static str,
    name: &'static str,
    js: &'static str,
) -> Spec {
    Spec {
        method,
        template,
        name,
        js_name: js,
        list: false,
        body: false,
        legacy: false,
        filters: &[],
    }
}

impl Spec {
    const fn body(mut self) -> Self {
        self.body = true;
        self
    }
    const fn legacy(mut self) -> Self {
        self.legacy = true;
        self
    }
    const fn list(mut self, filters: &'static [&'static str]) -> Self {
        self.list = true;
        self.filters = filters;
        self
    }
}

impl Endpoint {
    /// Every endpoint, in table order.
    pub const ALL: [Endpoint; 43] = [
        Endpoint::CreateNaturalSca,
        Endpoint::CreateLegalSca,
        Endpoint::CreateNatural,
        Endpoint::CreateLegal,
        Endpoint::Get,
        Endpoint::GetSca,
        Endpoint::GetNatural,
        Endpoint::GetNaturalSca,
        Endpoint::GetLegal,
        Endpoint::GetLegalSca,
        Endpoint::GetAll,
        Endpoint::UpdateNatural,
        Endpoint::UpdateLegal,
        Endpoint::UpdateNaturalSca,
        Endpoint::UpdateLegalSca,
        Endpoint::CategorizeNatural,
        Endpoint::CategorizeLegal,
        Endpoint::CloseNatural,
        Endpoint::CloseLegal,
        Endpoint::Enroll,
        Endpoint::ManageConsent,
        Endpoint::GetScaStatus,
        Endpoint::GetBlockStatus,
        Endpoint::GetRegulatory,
        Endpoint::ValidateTheFormatOfUserData,
        Endpoint::GetEMoney,
        Endpoint::CreateBankAccount,
        Endpoint::GetBankAccount,
        Endpoint::GetBankAccounts,
        Endpoint::UpdateBankAccount,
        Endpoint::GetWallets,
        Endpoint::GetTransactions,
        Endpoint::GetCards,
        Endpoint::CreateKycDocument,
        Endpoint::GetKycDocument,
        Endpoint::GetKycDocuments,
        Endpoint::UpdateKycDocument,
        Endpoint::CreateKycPage,
        Endpoint::GetMandates,
        Endpoint::GetMandatesForBankAccount,
        Endpoint::GetPreAuthorizations,
        Endpoint::GetResponse,
        Endpoint::OauthToken,
    ];

    const fn spec(self) -> Spec {
        use Method::{Delete, Get, Post, Put};
        match self {
            Endpoint::CreateNaturalSca => spec(
                Post,
                "/sca/users/natural",
                "create_natural_sca",
                "createNaturalSca",
            )
            .body(),
            Endpoint::CreateLegalSca => spec(
                Post,
                "/sca/users/legal",
                "create_legal_sca",
                "createLegalSca",
            )
            .body(),
            Endpoint::CreateNatural => {
                spec(Post, "/users/natural", "create_natural", "createNatural")
                    .body()
                    .legacy()
            }
            Endpoint::CreateLegal => spec(Post, "/users/legal", "create_legal", "createLegal")
                .body()
                .legacy(),
            Endpoint::Get => spec(Get, "/users/{UserId}", "get", "get").legacy(),
            Endpoint::GetSca => spec(Get, "/sca/users/{UserId}", "get_sca", "getSca"),
            Endpoint::GetNatural => {
                spec(Get, "/users/natural/{UserId}", "get_natural", "getNatural").legacy()
            }
            Endpoint::GetNaturalSca => spec(
                Get,
                "/sca/users/natural/{UserId}",
                "get_natural_sca",
                "getNaturalSca",
            ),
            Endpoint::GetLegal => {
                spec(Get, "/users/legal/{UserId}", "get_legal", "getLegal").legacy()
            }
            Endpoint::GetLegalSca => spec(
                Get,
                "/sca/users/legal/{UserId}",
                "get_legal_sca",
                "getLegalSca",
            ),
            Endpoint::GetAll => spec(Get, "/users", "get_all", "getAll").list(&[]),
            Endpoint::UpdateNatural => spec(
                Put,
                "/users/natural/{UserId}",
                "update_natural",
                "updateNatural",
            )
            .body()
            .legacy(),
            Endpoint::UpdateLegal => {
                spec(Put, "/users/legal/{UserId}", "update_legal", "updateLegal")
                    .body()
                    .legacy()
            }
            Endpoint::UpdateNaturalSca => spec(
                Put,
                "/sca/users/natural/{UserId}",
                "update_natural_sca",
                "updateNaturalSca",
            )
            .body(),
            Endpoint::UpdateLegalSca => spec(
                Put,
                "/sca/users/legal/{UserId}",
                "update_legal_sca",
                "updateLegalSca",
            )
            .body(),
            Endpoint::CategorizeNatural => spec(
                Put,
                "/sca/users/natural/{UserId}/category",
                "categorize_natural",
                "categorizeNatural",
            )
            .body(),
            Endpoint::CategorizeLegal => spec(
                Put,
                "/sca/users/legal/{UserId}/category",
                "categorize_legal",
                "categorizeLegal",
            )
            .body(),
            Endpoint::CloseNatural => spec(
                Delete,
                "/users/natural/{UserId}",
                "close_natural",
                "closeNatural",
            ),
            Endpoint::CloseLegal => {
                spec(Delete, "/users/legal/{UserId}", "close_legal", "closeLegal")
            }
            Endpoint::Enroll => spec(Post, "/sca/users/{UserId}/enrollment", "enroll", "enroll"),
            Endpoint::ManageConsent => spec(
                Post,
                "/sca/users/{UserId}/consent",
                "manage_consent",
                "manageConsent",
            ),
            Endpoint::GetScaStatus => spec(
                Get,
                "/sca/users/{UserId}/sca-status",
                "get_sca_status",
                "getScaStatus",
            ),
            Endpoint::GetBlockStatus => spec(
                Get,
                "/users/{UserId}/blockStatus",
                "get_block_status",
                "getBlockStatus",
            ),
            Endpoint::GetRegulatory => spec(
                Get,
                "/users/{UserId}/regulatory",
                "get_regulatory",
                "getRegulatory",
            ),
            Endpoint::ValidateTheFormatOfUserData => spec(
                Post,
                "/users/data-formats/validation",
                "validate_the_format_of_user_data",
                "validateTheFormatOfUserData",
            )
            .body(),
            Endpoint::GetEMoney => spec(
                Get,
                "/users/{UserId}/emoney/{Year}[/{Month}]",
                "get_emoney",
                "getEMoney",
            ),
            Endpoint::CreateBankAccount => spec(
                Post,
                "/users/{UserId}/bankaccounts/{BankAccountType}",
                "create_bank_account",
                "createBankAccount",
            )
            .body(),
            Endpoint::GetBankAccount => spec(
                Get,
                "/users/{UserId}/bankaccounts/{BankAccountId}",
                "get_bank_account",
                "getBankAccount",
            ),
            Endpoint::GetBankAccounts => spec(
                Get,
                "/users/{UserId}/bankaccounts",
                "get_bank_accounts",
                "getBankAccounts",
            )
            .list(&["Active"]),
            Endpoint::UpdateBankAccount => spec(
                Put,
                "/users/{UserId}/bankaccounts/{BankAccountId}",
                "update_bank_account",
                "updateBankAccount",
            )
            .body(),
            Endpoint::GetWallets => {
                spec(Get, "/users/{UserId}/wallets", "get_wallets", "getWallets")
                    .list(&["ScaContext"])
            }
            Endpoint::GetTransactions => spec(
                Get,
                "/users/{UserId}/transactions",
                "get_transactions",
                "getTransactions",
            )
            .list(TRANSACTION_FILTERS),
            Endpoint::GetCards => {
                spec(Get, "/users/{UserId}/cards", "get_cards", "getCards").list(&["Active"])
            }
            Endpoint::CreateKycDocument => spec(
                Post,
                "/users/{UserId}/kyc/documents",
                "create_kyc_document",
                "createKycDocument",
            )
            .body(),
            Endpoint::GetKycDocument => spec(
                Get,
                "/users/{UserId}/kyc/documents/{KycDocumentId}",
                "get_kyc_document",
                "getKycDocument",
            ),
            Endpoint::GetKycDocuments => spec(
                Get,
                "/users/{UserId}/kyc/documents",
                "get_kyc_documents",
                "getKycDocuments",
            )
            .list(KYC_DOCUMENT_FILTERS),
            Endpoint::UpdateKycDocument => spec(
                Put,
                "/users/{UserId}/kyc/documents/{KycDocumentId}",
                "update_kyc_document",
                "updateKycDocument",
            )
            .body(),
            Endpoint::CreateKycPage => spec(
                Post,
                "/users/{UserId}/kyc/documents/{KycDocumentId}/pages",
                "create_kyc_page",
                "createKycPage",
            )
            .body(),
            Endpoint::GetMandates => spec(
                Get,
                "/users/{UserId}/mandates",
                "get_mandates",
                "getMandates",
            )
            .list(MANDATE_FILTERS),
            Endpoint::GetMandatesForBankAccount => spec(
                Get,
                "/users/{UserId}/bankaccounts/{BankAccountId}/mandates",
                "get_mandates_for_bank_account",
                "getMandatesForBankAccount",
            )
            .list(MANDATE_FILTERS),
            Endpoint::GetPreAuthorizations => spec(
                Get,
                "/users/{UserId}/preauthorizations",
                "get_pre_authorizations",
                "getPreAuthorizations",
            )
            .list(PRE_AUTHORIZATION_FILTERS),
            Endpoint::GetResponse => spec(
                Get,
                "/responses/{IdempotencyKey}",
                "get_response",
                "getResponse",
            ),
            Endpoint::OauthToken => spec(Post, "/oauth/token", "oauth_token", "oauthToken").body(),
        }
    }

    /// The HTTP method.
    pub const fn method(self) -> Method {
        self.spec().method
    }

    /// The path template in the docs' spelling, relative to `/v2.01/{ClientId}` (or to `/v2.01`
    /// when [`Endpoint::client_scoped`] is false), e.g.
    /// `"/users/{UserId}/kyc/documents/{KycDocumentId}"`. Parameters are `{UserId}`,
    /// `{BankAccountId}`, `{KycDocumentId}`, `{IdempotencyKey}`, `{Year}`, `{Month}` and
    /// `{BankAccountType}` (`iban`, `gb`, `us`, `ca`, `other`); a trailing `[/{Month}]` is
    /// optional.
    pub const fn path_template(self) -> &'static str {
        self.spec().template
    }

    /// The Rust function's name, e.g. `"create_natural_sca"`.
    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    /// The JS method's name: the camelCase form of the SDK method, e.g. `"createNaturalSca"`,
    /// `"getEMoney"`.
    pub const fn js_name(self) -> &'static str {
        self.spec().js_name
    }

    /// True for list endpoints, which take `page`, `per_page`, `Sort` and their filters.
    pub const fn is_list(self) -> bool {
        self.spec().list
    }

    /// True when the endpoint takes a request body (JSON, or a form for the OAuth token).
    pub const fn takes_body(self) -> bool {
        self.spec().body
    }

    /// True when the request may carry an `Idempotency-Key` (and its response be replayed
    /// through `GET /responses/{key}`): every POST of the API. The OAuth token endpoint is not
    /// an API resource (it lives outside `/v2.01/{ClientId}`, and a replayed token would be
    /// stale), so it is the one POST that is not idempotent here.
    pub const fn idempotent(self) -> bool {
        matches!(self.spec().method, Method::Post) && !matches!(self, Endpoint::OauthToken)
    }

    /// True for the deprecated non-SCA create, update and get endpoints (Mangopay announced
    /// that legacy user creation and update stop working on 2025-12-15).
    pub const fn is_legacy(self) -> bool {
        self.spec().legacy
    }

    /// True when the path lives under `/v2.01/{ClientId}`; false only for the OAuth token.
    pub const fn client_scoped(self) -> bool {
        !matches!(self, Endpoint::OauthToken)
    }

    /// The documented query filters of a list endpoint, in the docs' spelling, beyond `page`,
    /// `per_page` and `Sort`. Empty for every other endpoint.
    pub const fn allowed_filters(self) -> &'static [&'static str] {
        self.spec().filters
    }

    /// Finds an endpoint by its Rust name (`get_emoney`) or its JS name (`getEMoney`).
    pub fn from_name(name: &str) -> Option<Endpoint> {
        Endpoint::ALL
            .into_iter()
            .find(|e| e.name() == name || e.js_name() == name)
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method(), self.path_template())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_consistent() {
        let mut names = HashSet::new();
        let mut js = HashSet::new();
        for e in Endpoint::ALL {
            assert!(names.insert(e.name()), "duplicate name {}", e.name());
            assert!(js.insert(e.js_name()), "duplicate js name {}", e.js_name());
            // camelCase of the snake_case name, modulo the SDK's spellings (EMoney, PreAuth…).
            let camel: String = e
                .name()
                .split('_')
                .enumerate()
                .map(|(i, w)| {
                    let mut c = w.chars();
                    match (i, c.next()) {
                        (0, Some(f)) => f.to_string() + c.as_str(),
                        (_, Some(f)) => f.to_ascii_uppercase().to_string() + c.as_str(),
                        (_, None) => String::new(),
                    }
                })
                .collect();
            assert!(
                camel.eq_ignore_ascii_case(e.js_name()),
                "{} vs {}",
                camel,
                e.js_name()
            );
            assert_eq!(Endpoint::from_name(e.name()), Some(e));
            assert_eq!(Endpoint::from_name(e.js_name()), Some(e));
        }
        assert_eq!(Endpoint::GetEMoney.js_name(), "getEMoney");
        assert_eq!(
            Endpoint::GetPreAuthorizations.js_name(),
            "getPreAuthorizations"
        );
        assert_eq!(Endpoint::from_name("nope"), None);
    }

    #[test]
    fn every_post_but_oauth_is_idempotent_and_nothing_else_is() {
        for e in Endpoint::ALL {
            let post = e.method() == Method::Post;
            assert_eq!(e.idempotent(), post && e != Endpoint::OauthToken, "{e}");
        }
    }

    #[test]
    fn only_lists_have_filters_and_only_gets_are_lists() {
        for e in Endpoint::ALL {
            if !e.is_list() {
                assert!(e.allowed_filters().is_empty(), "{e}");
            } else {
                assert_eq!(e.method(), Method::Get, "{e}");
            }
            if e.takes_body() {
                assert!(matches!(e.method(), Method::Post | Method::Put), "{e}");
            }
        }
        let lists = Endpoint::ALL.iter().filter(|e| e.is_list()).count();
        assert_eq!(lists, 9);
    }
}
