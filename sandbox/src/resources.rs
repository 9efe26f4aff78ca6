//! User-scoped resources: bank accounts, e-money, block and regulatory status, the company
//! number format check, and the lists that are always empty in the sandbox (wallets,
//! transactions, cards, mandates, pre-authorizations).

use mangopay_wasm::api::{BankAccountType, Endpoint};
use mangopay_wasm::model::{CompanyNumberValidation, EMoney, UserBlockStatus};
use serde_json::{json, Value};

use crate::app::Call;
use crate::lists::{self, address_text, ordered_text};
use crate::reply::{not_found, param_error, Reply};
use crate::rules;
use crate::sca;
use crate::store::{BankAccount, Store};
use crate::users::{check_report, closed_user, find};
use crate::util::{now_unix, ulid};

/// The fields of each bank account type after `OwnerAddress`, in the API's order, with how
/// they are stored (`true`: upper case without spaces).
fn type_fields(t: BankAccountType) -> &'static [(&'static str, bool)] {
    match t {
        BankAccountType::Iban => &[("IBAN", true), ("BIC", true)],
        BankAccountType::Gb => &[("AccountNumber", false), ("SortCode", false)],
        BankAccountType::Us => &[
            ("AccountNumber", false),
            ("ABA", false),
            ("DepositAccountType", true),
        ],
        BankAccountType::Ca => &[
            ("BranchCode", false),
            ("InstitutionNumber", false),
            ("AccountNumber", false),
            ("BankName", false),
        ],
        _ => &[("Country", true), ("BIC", true), ("AccountNumber", false)],
    }
}

fn render_bank_account(a: &BankAccount, owner_name: &Value, owner_address: &Value) -> String {
    let mut fields: Vec<(&str, String)> = vec![("OwnerAddress", address_text(Some(owner_address)))];
    for (k, v) in &a.fields {
        fields.push((k.as_str(), v.to_string()));
    }
    fields.extend([
        ("UserId", Value::from(a.user_id.as_str()).to_string()),
        ("OwnerName", owner_name.to_string()),
        ("Type", Value::from(a.account_type).to_string()),
        ("Id", Value::from(a.id.as_str()).to_string()),
        ("Tag", json!(a.tag).to_string()),
        ("CreationDate", a.creation_date.to_string()),
        ("Active", a.active.to_string()),
    ]);
    ordered_text(fields)
}

/// A bank account's rendering: owner fields are kept apart from the type fields.
fn bank_account_text(a: &BankAccount) -> String {
    let get = |k: &str| {
        a.fields
            .iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null)
    };
    let mut shown = a.clone();
    shown
        .fields
        .retain(|(k, _)| k != "OwnerName" && k != "OwnerAddress");
    render_bank_account(&shown, &get("OwnerName"), &get("OwnerAddress"))
}

/// `POST /users/{id}/bankaccounts/{iban|gb|us|ca|other}`.
pub fn create_bank_account(store: &mut Store, call: &Call<'_>) -> Reply {
    let user = match find(store, call, None) {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    let Some(kind) = call.route.bank_account_type() else {
        return crate::reply::internal("no bank account type in the route");
    };
    let body = call.body.unwrap_or(&Value::Null);
    if let Err(r) = check_report(&rules::create_bank_account(body, kind.as_type())) {
        return r;
    }
    if user.is_closed() {
        return closed_user();
    }
    let mut fields: Vec<(String, Value)> = vec![
        (
            "OwnerName".into(),
            body.get("OwnerName").cloned().unwrap_or(Value::Null),
        ),
        (
            "OwnerAddress".into(),
            body.get("OwnerAddress").cloned().unwrap_or(Value::Null),
        ),
    ];
    for (k, normalize) in type_fields(kind) {
        let v = body.get(*k).cloned().unwrap_or(Value::Null);
        let v = match (&v, normalize) {
            (Value::String(s), true) => Value::from(s.replace(' ', "").to_ascii_uppercase()),
            _ => v,
        };
        let v = if *k == "DepositAccountType" && v.is_null() {
            Value::from("CHECKING")
        } else {
            v
        };
        fields.push(((*k).to_owned(), v));
    }
    let data = store.client(call.client);
    let account = BankAccount {
        id: format!("bankacc_m_{}", ulid()),
        seq: data.next_seq(),
        user_id: user.id.clone(),
        creation_date: now_unix(),
        fields,
        account_type: kind.as_type(),
        tag: body.get("Tag").and_then(Value::as_str).map(str::to_owned),
        active: true,
    };
    let text = bank_account_text(&account);
    data.bank_accounts.insert(account.id.clone(), account);
    Reply::json_bytes(200, text.into_bytes())
}

fn find_bank_account<'a>(
    store: &'a mut Store,
    call: &Call<'_>,
) -> Result<&'a mut BankAccount, Reply> {
    find(store, call, None)?;
    let user_id = call.route.user_id().unwrap_or_default();
    let id = call.route.bank_account_id().unwrap_or_default();
    match store.client(call.client).bank_accounts.get_mut(id) {
        Some(a) if a.user_id == user_id => Ok(a),
        _ => Err(not_found("BankAccount", id)),
    }
}

/// `GET /users/{id}/bankaccounts/{accountId}`.
pub fn view_bank_account(store: &mut Store, call: &Call<'_>) -> Reply {
    match find_bank_account(store, call) {
        Ok(a) => Reply::json_bytes(200, bank_account_text(a).into_bytes()),
        Err(r) => r,
    }
}

/// `GET /users/{id}/bankaccounts` (filter `Active`).
pub fn list_bank_accounts(store: &mut Store, call: &Call<'_>) -> Reply {
    if let Err(r) = find(store, call, None) {
        return r;
    }
    let options = match lists::options(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let active = lists::filter(&options, "Active").map(|v| v.eq_ignore_ascii_case("true"));
    let user_id = call.route.user_id().unwrap_or_default();
    let accounts: Vec<&BankAccount> = store
        .client(call.client)
        .bank_accounts
        .values()
        .filter(|a| a.user_id == user_id && active.is_none_or(|x| a.active == x))
        .collect();
    lists::respond(
        call,
        &options,
        accounts,
        |a| (a.creation_date, a.seq),
        |a| bank_account_text(a),
    )
}

/// `PUT /users/{id}/bankaccounts/{accountId}` with `{"Active": false}`: irreversible.
pub fn deactivate_bank_account(store: &mut Store, call: &Call<'_>) -> Reply {
    let closed = match find(store, call, None) {
        Ok(u) => u.is_closed(),
        Err(r) => return r,
    };
    let account = match find_bank_account(store, call) {
        Ok(a) => a,
        Err(r) => return r,
    };
    match call.body.and_then(|b| b.get("Active")) {
        Some(Value::Bool(false)) => {}
        Some(Value::Bool(true)) if !account.active => {
            return param_error(
                "Active",
                "A deactivated bank account cannot be reactivated.",
            )
        }
        Some(Value::Bool(true)) => {}
        _ => return param_error("Active", "The Active field is required and must be false."),
    }
    if closed {
        return closed_user();
    }
    account.active = false;
    Reply::json_bytes(200, bank_account_text(account).into_bytes())
}

/// `GET /users/{id}/bankaccounts/{accountId}/mandates`: empty, once the account exists.
pub fn bank_account_mandates(store: &mut Store, call: &Call<'_>) -> Reply {
    match find_bank_account(store, call) {
        Ok(_) => lists::empty(call),
        Err(r) => r,
    }
}

/// `GET /users/{id}/wallets`, `/transactions`, `/cards`, `/mandates`, `/preauthorizations`:
/// valid, empty lists. Wallets and transactions apply SCA on wallet access (`ScaContext`).
pub fn empty_list(store: &mut Store, call: &Call<'_>) -> Reply {
    if let Err(r) = find(store, call, None) {
        return r;
    }
    let options = match lists::options(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    if matches!(
        call.route.endpoint(),
        Endpoint::GetWallets | Endpoint::GetTransactions
    ) {
        let context = lists::filter(&options, "ScaContext").map(str::to_owned);
        if let Err(r) = sca::wallet_access(store, call, context.as_deref()) {
            return r;
        }
    }
    lists::respond(
        call,
        &options,
        Vec::<()>::new(),
        |_| (0, 0),
        |_| String::new(),
    )
}

/// `GET /users/{id}/emoney/{Year}[/{Month}]` (optional `Currency`): nothing moves in the
/// sandbox, so both amounts are 0.
pub fn emoney(store: &mut Store, call: &Call<'_>) -> Reply {
    let user_id = match find(store, call, None) {
        Ok(u) => u.id.clone(),
        Err(r) => return r,
    };
    const CURRENCIES: [&str; 15] = [
        "AED", "AUD", "CAD", "CHF", "CZK", "DKK", "EUR", "GBP", "HKD", "JPY", "NOK", "PLN", "SEK",
        "USD", "ZAR",
    ];
    let currency = match crate::util::form_value(call.query, "Currency") {
        None => "EUR".to_owned(),
        Some(c) => {
            let c = c.to_ascii_uppercase();
            if !CURRENCIES.contains(&c.as_str()) {
                return param_error("Currency", "The Currency is not a supported ISO 4217 code.");
            }
            c
        }
    };
    let value = json!({
        "UserId": user_id,
        "CreditedEMoney": {"Currency": currency, "Amount": 0},
        "DebitedEMoney": {"Currency": currency, "Amount": 0},
    });
    match serde_json::from_value::<EMoney>(value) {
        Ok(m) => Reply::json(200, &m),
        Err(e) => crate::reply::internal(&e.to_string()),
    }
}

/// `GET /users/{id}/blockStatus` and `/regulatory`: nobody is blocked in the sandbox.
pub fn block_status(store: &mut Store, call: &Call<'_>) -> Reply {
    let user_id = match find(store, call, None) {
        Ok(u) => u.id.clone(),
        Err(r) => return r,
    };
    let value = json!({
        "ActionCode": "000000",
        "ScopeBlocked": {"Inflows": false, "Outflows": false},
        "Id": user_id,
    });
    match serde_json::from_value::<UserBlockStatus>(value) {
        Ok(m) => Reply::json(200, &m),
        Err(e) => crate::reply::internal(&e.to_string()),
    }
}

/// A character class of a company-number rule.
#[derive(Clone, Copy)]
enum Class {
    Digit,
    Letter,
}

/// Company-number formats the sandbox knows, as alternatives of `(class, count)` runs; the
/// text is what `ValidationRules` shows. Italy is the docs' example; the others are common
/// formats. Countries not listed accept any number (an empty `ValidationRules`).
type Alternatives = &'static [&'static [(Class, usize)]];

const COMPANY_RULES: &[(&str, &str, Alternatives)] = &[
    (
        "IT",
        "^[0-9]{11}$|^[a-z]{2}[0-9]{7}$|^[a-z]{2}[0-9]{6}$",
        &[
            &[(Class::Digit, 11)],
            &[(Class::Letter, 2), (Class::Digit, 7)],
            &[(Class::Letter, 2), (Class::Digit, 6)],
        ],
    ),
    (
        "FR",
        "^[0-9]{9}$|^[0-9]{14}$",
        &[&[(Class::Digit, 9)], &[(Class::Digit, 14)]],
    ),
    (
        "GB",
        "^[0-9]{8}$|^[a-z]{2}[0-9]{6}$",
        &[
            &[(Class::Digit, 8)],
            &[(Class::Letter, 2), (Class::Digit, 6)],
        ],
    ),
    ("BE", "^[0-9]{10}$", &[&[(Class::Digit, 10)]]),
    ("NL", "^[0-9]{8}$", &[&[(Class::Digit, 8)]]),
];

fn matches_rule(value: &str, runs: &[(Class, usize)]) -> bool {
    let mut chars = value.chars();
    for (class, count) in runs {
        for _ in 0..*count {
            let ok = match (chars.next(), class) {
                (Some(c), Class::Digit) => c.is_ascii_digit(),
                (Some(c), Class::Letter) => c.is_ascii_alphabetic(),
                (None, _) => false,
            };
            if !ok {
                return false;
            }
        }
    }
    chars.next().is_none()
}

/// `POST /users/data-formats/validation`.
pub fn validate_data_format(call: &Call<'_>) -> Reply {
    let body = call.body.unwrap_or(&Value::Null);
    if let Err(r) = check_report(&rules::validate_the_format_of_user_data(body)) {
        return r;
    }
    let number = body
        .pointer("/CompanyNumber/CompanyNumber")
        .and_then(Value::as_str)
        .unwrap_or("");
    let country = body
        .pointer("/CompanyNumber/CountryCode")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_uppercase();
    let cleaned: String = number.chars().filter(char::is_ascii_alphanumeric).collect();
    let (rules_text, valid) = match COMPANY_RULES.iter().find(|(c, _, _)| *c == country) {
        Some((_, text, alternatives)) => (
            vec![(*text).to_owned()],
            alternatives.iter().any(|runs| matches_rule(&cleaned, runs)),
        ),
        None => (Vec::new(), !cleaned.is_empty()),
    };
    let value = json!({"CompanyNumber": {
        "CompanyNumber": number,
        "CountryCode": country,
        "IsValid": valid,
        "ValidationRules": rules_text,
    }});
    match serde_json::from_value::<CompanyNumberValidation>(value) {
        Ok(m) => Reply::json(200, &m),
        Err(e) => crate::reply::internal(&e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_rules() {
        let it = COMPANY_RULES.iter().find(|r| r.0 == "IT").unwrap().2;
        assert!(it.iter().any(|r| matches_rule("AB123456", r)));
        assert!(it.iter().any(|r| matches_rule("12345678901", r)));
        assert!(!it.iter().any(|r| matches_rule("AB12345", r)));
        assert!(!it.iter().any(|r| matches_rule("AB1234567X", r)));
    }
}
