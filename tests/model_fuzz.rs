//! Property test: arbitrary JSON never makes a model's deserializer panic, and whatever a model
//! accepts it can write back and read again.
//!
//! serde's derives cannot panic, but several models have hand-written impls (open enums, the
//! untagged `User`/`UserSca`/`ErrorBody`, lenient numbers) — this covers every public model.

mod arb_json;

use arb_json::json;
use mangopay_wasm::model::*;
use proptest::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Deserializes `value` as `T`; when that succeeds, serializing and deserializing again must
/// succeed too (a model never accepts what it cannot write back).
fn accepts<T: DeserializeOwned + Serialize>(value: &Value) {
    if let Ok(parsed) = serde_json::from_value::<T>(value.clone()) {
        let written = serde_json::to_value(&parsed).expect("an accepted value serializes");
        serde_json::from_value::<T>(written).expect("a written value reads back");
    }
}

macro_rules! every_model {
    ($value:expr; $($ty:ty),+ $(,)?) => {{
        let value: &Value = $value;
        $( accepts::<$ty>(value); )+
    }};
}

fn all_models(value: &Value) {
    every_model!(value;
        // users
        User, UserSca, UserListItem, UserNatural, UserNaturalSca, UserLegal, UserLegalSca,
        LegalRepresentative, PendingUserAction, Address, AddressInput,
        CreateUserNaturalSca, CreateUserLegalSca, CreateUserNatural, CreateUserLegal,
        UpdateUserNaturalSca, UpdateUserLegalSca, UpdateUserNatural, UpdateUserLegal,
        CategorizeUserNatural, CategorizeUserLegal, LegalRepresentativeInput,
        // SCA and status
        ScaStatus, ConsentScope, UserEnrollmentResult, UserConsent, UserBlockStatus, ScopeBlocked,
        ValidateCompanyNumber, CompanyNumberValidation, CompanyNumberDetails, CompanyNumberInput,
        EMoney, Money,
        // user-scoped resources
        BankAccount, CreateBankAccount, CreateIbanBankAccount, CreateGbBankAccount,
        CreateUsBankAccount, CreateCaBankAccount, CreateOtherBankAccount, DeactivateBankAccount,
        Wallet, Transaction, Card, CardValidity, Mandate, PreAuthorization, SecurityInfo,
        BrowserInfo, CardInfo, Contact,
        KycDocument, CreateKycDocument, SubmitKycDocument, CreateKycPage,
        // transport-level bodies
        ApiResponse, ApiErrorBody, OAuthErrorBody, ErrorBody, OAuthToken,
        // open enums
        UserStatus, UserCategory, PersonType, KycLevel, LegalPersonType, Capacity, ScaContext,
        ConsentScopeStatus, KycDocumentType, KycDocumentStatus, RefusedReasonType,
        TransactionType, TransactionNature, TransactionStatus, CardType, MandateStatus,
        MandateScheme, ExecutionType, PaymentStatus, PreAuthorizationStatus, SecureMode,
        FundsType, BankAccountType, DepositAccountType, ApiErrorType,
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn deserializers_never_panic(value in json()) {
        all_models(&value);
    }

    #[test]
    fn error_parsers_never_panic(value in json()) {
        let _ = parse_error_value(&value);
        let _ = parse_error_body(value.to_string().as_bytes());
    }
}

#[test]
fn every_fixture_object_is_tried_by_every_model() {
    // The documented examples are the most realistic inputs: each one against every model
    // (mostly the wrong one) must fail cleanly or round-trip.
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(entry.path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let value: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                all_models(&value);
            }
        }
    }
}
