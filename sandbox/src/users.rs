//! Users: create, view, list, update, categorize and close, in the SCA and legacy families,
//! with the checks only the server can make (on the merged, stored user).

use std::collections::BTreeMap;

use mangopay_wasm::api::Sort;
use mangopay_wasm::model::{UserLegal, UserLegalSca, UserNatural, UserNaturalSca};
use mangopay_wasm::validate::{IssueCode, Report};
use serde_json::{json, Map, Value};

use crate::app::Call;
use crate::kyc;
use crate::lists;
use crate::reply::{api_error, not_found, param_errors, Reply};
use crate::rules;
use crate::sca;
use crate::store::{Person, ScaState, Store, User};
use crate::util::{now_unix, ulid};

/// The six fields of an address.
pub const ADDRESS_KEYS: [&str; 6] = [
    "AddressLine1",
    "AddressLine2",
    "City",
    "Region",
    "PostalCode",
    "Country",
];

/// How an input field is stored.
#[derive(Clone, Copy)]
enum Kind {
    /// Kept as sent (type already checked by the validators).
    Raw,
    /// An ISO country code, stored upper case.
    Country,
    /// An enum value, stored upper case.
    Upper,
    /// An address object: its six fields, merged one by one.
    Address,
    /// The `LegalRepresentative` object, merged field by field.
    Representative,
    /// `IncomeRange`: an integer (a numeric string is converted).
    Int,
}

const NATURAL_SCA_INPUT: &[(&str, Kind)] = &[
    ("FirstName", Kind::Raw),
    ("LastName", Kind::Raw),
    ("Birthday", Kind::Raw),
    ("Nationality", Kind::Country),
    ("CountryOfResidence", Kind::Country),
    ("Occupation", Kind::Raw),
    ("IncomeRange", Kind::Int),
    ("Tag", Kind::Raw),
    ("Email", Kind::Raw),
    ("PhoneNumber", Kind::Raw),
    ("PhoneNumberCountry", Kind::Country),
    ("Address", Kind::Address),
    ("TermsAndConditionsAccepted", Kind::Raw),
    ("UserCategory", Kind::Upper),
];

const NATURAL_LEGACY_INPUT: &[(&str, Kind)] = &[
    ("FirstName", Kind::Raw),
    ("LastName", Kind::Raw),
    ("Birthday", Kind::Raw),
    ("Nationality", Kind::Country),
    ("CountryOfResidence", Kind::Country),
    ("Occupation", Kind::Raw),
    ("IncomeRange", Kind::Int),
    ("Tag", Kind::Raw),
    ("Email", Kind::Raw),
    ("Address", Kind::Address),
    ("Capacity", Kind::Upper),
    ("TermsAndConditionsAccepted", Kind::Raw),
    ("UserCategory", Kind::Upper),
];

const LEGAL_INPUT: &[(&str, Kind)] = &[
    ("Name", Kind::Raw),
    ("LegalPersonType", Kind::Upper),
    ("LegalRepresentative", Kind::Representative),
    ("CompanyNumber", Kind::Raw),
    ("HeadquartersAddress", Kind::Address),
    ("LegalRepresentativeAddress", Kind::Address),
    ("Tag", Kind::Raw),
    ("Email", Kind::Raw),
    ("TermsAndConditionsAccepted", Kind::Raw),
    ("UserCategory", Kind::Upper),
];

const REPRESENTATIVE_INPUT: &[(&str, Kind)] = &[
    ("FirstName", Kind::Raw),
    ("LastName", Kind::Raw),
    ("Birthday", Kind::Raw),
    ("Nationality", Kind::Country),
    ("CountryOfResidence", Kind::Country),
    ("Email", Kind::Raw),
    ("PhoneNumber", Kind::Raw),
    ("PhoneNumberCountry", Kind::Country),
];

/// Legacy flat legal-representative fields and their SCA names.
const LEGACY_REPRESENTATIVE: [(&str, &str); 7] = [
    ("LegalRepresentativeFirstName", "FirstName"),
    ("LegalRepresentativeLastName", "LastName"),
    ("LegalRepresentativeEmail", "Email"),
    ("LegalRepresentativeBirthday", "Birthday"),
    ("LegalRepresentativeNationality", "Nationality"),
    (
        "LegalRepresentativeCountryOfResidence",
        "CountryOfResidence",
    ),
    ("LegalRepresentativeProofOfIdentity", "ProofOfIdentity"),
];

/// Natural fields documented as "Returned null if UserCategory is PAYER".
const NATURAL_OWNER_ONLY: [&str; 5] = [
    "Birthday",
    "Nationality",
    "CountryOfResidence",
    "Occupation",
    "IncomeRange",
];
/// Legal-representative fields documented as "Returned null if UserCategory is PAYER".
const REPRESENTATIVE_OWNER_ONLY: [&str; 3] = ["Birthday", "Nationality", "CountryOfResidence"];

/// Changing these on a REGULAR user outdates its identity proof (verification downgrade).
const NATURAL_IDENTITY_FIELDS: [&str; 4] = ["FirstName", "LastName", "Birthday", "Nationality"];

fn is_set(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

fn upper(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.trim().to_ascii_uppercase()),
        other => other.clone(),
    }
}

fn empty_address() -> Value {
    Value::Object(
        ADDRESS_KEYS
            .iter()
            .map(|k| ((*k).to_owned(), Value::Null))
            .collect(),
    )
}

fn empty_representative() -> Value {
    json!({
        "FirstName": null, "LastName": null, "ProofOfIdentity": null, "Birthday": null,
        "Nationality": null, "CountryOfResidence": null, "Email": null, "PhoneNumber": null,
        "PhoneNumberCountry": null
    })
}

/// Copies the non-null fields of `input` listed in `spec` into `target`, in stored form.
fn merge(target: &mut Map<String, Value>, input: &Map<String, Value>, spec: &[(&str, Kind)]) {
    for (key, kind) in spec {
        let Some(value) = input.get(*key) else {
            continue;
        };
        if value.is_null() {
            continue;
        }
        let stored = match kind {
            Kind::Raw => value.clone(),
            Kind::Country | Kind::Upper => upper(value),
            Kind::Int => match value {
                Value::String(s) => s
                    .trim()
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::Null),
                other => other.clone(),
            },
            Kind::Address | Kind::Representative => {
                let Some(fields) = value.as_object() else {
                    continue;
                };
                let mut current = match target.get(*key) {
                    Some(Value::Object(m)) => m.clone(),
                    _ => match kind {
                        Kind::Address => empty_address().as_object().cloned().unwrap_or_default(),
                        _ => empty_representative()
                            .as_object()
                            .cloned()
                            .unwrap_or_default(),
                    },
                };
                if matches!(kind, Kind::Address) {
                    for k in ADDRESS_KEYS {
                        if let Some(v) = fields.get(k).filter(|v| !v.is_null()) {
                            let v = if k == "Country" { upper(v) } else { v.clone() };
                            current.insert(k.to_owned(), v);
                        }
                    }
                } else {
                    merge(&mut current, fields, REPRESENTATIVE_INPUT);
                }
                Value::Object(current)
            }
        };
        target.insert((*key).to_owned(), stored);
    }
}

/// A legacy legal body with the flat `LegalRepresentative…` fields, as an SCA-shaped body.
fn nest_legacy_legal(input: &Map<String, Value>) -> Map<String, Value> {
    let mut out = input.clone();
    let mut rep = Map::new();
    for (flat, nested) in LEGACY_REPRESENTATIVE {
        if let Some(v) = out.remove(flat) {
            rep.insert(nested.to_owned(), v);
        }
    }
    if !rep.is_empty() {
        out.insert("LegalRepresentative".into(), Value::Object(rep));
    }
    out
}

/// Clears the fields Mangopay returns null for a PAYER.
fn clear_owner_only(user: &mut User) {
    if user.is_owner() {
        return;
    }
    match user.person {
        Person::Natural => {
            for k in NATURAL_OWNER_ONLY {
                user.data.insert(k.into(), Value::Null);
            }
        }
        Person::Legal => {
            if let Some(Value::Object(rep)) = user.data.get_mut("LegalRepresentative") {
                for k in REPRESENTATIVE_OWNER_ONLY {
                    rep.insert(k.into(), Value::Null);
                }
            }
        }
    }
}

fn new_user(person: Person, id: &str, now: i64) -> User {
    let mut data = Map::new();
    let mut put = |k: &str, v: Value| {
        data.insert(k.to_owned(), v);
    };
    match person {
        Person::Natural => {
            for k in [
                "FirstName",
                "LastName",
                "Birthday",
                "Nationality",
                "CountryOfResidence",
                "Occupation",
                "IncomeRange",
                "ProofOfIdentity",
                "ProofOfAddress",
            ] {
                put(k, Value::Null);
            }
            put("Capacity", json!("NORMAL"));
            put("PhoneNumber", Value::Null);
            put("PhoneNumberCountry", Value::Null);
            put("Address", empty_address());
        }
        Person::Legal => {
            put("Name", Value::Null);
            put("LegalPersonType", Value::Null);
            put("LegalRepresentative", empty_representative());
            for k in [
                "ProofOfRegistration",
                "ShareholderDeclaration",
                "Statute",
                "CompanyNumber",
            ] {
                put(k, Value::Null);
            }
            put("HeadquartersAddress", empty_address());
            put("LegalRepresentativeAddress", empty_address());
        }
    }
    put("Id", json!(id));
    put("Tag", Value::Null);
    put("CreationDate", json!(now));
    put("PersonType", json!(person.as_str()));
    put("Email", Value::Null);
    put("KYCLevel", json!("LIGHT"));
    put("TermsAndConditionsAccepted", json!(false));
    put("TermsAndConditionsAcceptedDate", Value::Null);
    put("UserCategory", json!("PAYER"));
    put("UserStatus", json!("ACTIVE"));
    User {
        id: id.to_owned(),
        person,
        data,
        sca: ScaState::default(),
    }
}

/// Splits a report: a "must be true" on the terms becomes the 403 Mangopay sends, after any
/// other field error (a 400 `param_error`).
pub fn check_report(report: &Report) -> Result<(), Reply> {
    let mut errors = BTreeMap::new();
    let mut terms = false;
    for issue in report.issues() {
        if issue.path == "TermsAndConditionsAccepted" && issue.code == IssueCode::MustBeTrue {
            terms = true;
            continue;
        }
        errors
            .entry(issue.path.clone())
            .or_insert_with(|| issue.message.clone());
    }
    if !errors.is_empty() {
        return Err(param_errors(errors));
    }
    if terms {
        return Err(terms_not_accepted());
    }
    Ok(())
}

fn terms_not_accepted() -> Reply {
    api_error(
        403,
        "user_hasnt_accepted_terms_and_conditions",
        "User must accept the terms and conditions before account creation or modification.",
    )
}

/// The closed-user refusal of every write.
pub fn closed_user() -> Reply {
    api_error(
        400,
        "invalid_action",
        "This action is not allowed because the user is closed",
    )
}

fn body_object<'a>(call: &'a Call<'_>) -> Result<&'a Map<String, Value>, Reply> {
    call.body
        .and_then(Value::as_object)
        .ok_or_else(|| crate::reply::param_error("", "The request body must be a JSON object."))
}

/// The server-only rule: an OWNER must have every owner field, in the merged user.
fn missing_owner_fields(user: &User) -> BTreeMap<String, String> {
    let mut missing = BTreeMap::new();
    let mut need = |path: &str, present: bool| {
        if !present {
            let leaf = path.rsplit('.').next().unwrap_or(path);
            missing.insert(path.to_owned(), format!("The {leaf} field is required."));
        }
    };
    match user.person {
        Person::Natural => {
            for k in [
                "FirstName",
                "LastName",
                "Email",
                "Birthday",
                "Nationality",
                "CountryOfResidence",
            ] {
                need(k, is_set(user.data.get(k)));
            }
        }
        Person::Legal => {
            for k in ["Name", "Email", "LegalPersonType"] {
                need(k, is_set(user.data.get(k)));
            }
            let rep = user.data.get("LegalRepresentative");
            for k in [
                "FirstName",
                "LastName",
                "Email",
                "Birthday",
                "Nationality",
                "CountryOfResidence",
            ] {
                need(
                    &format!("LegalRepresentative.{k}"),
                    is_set(rep.and_then(|r| r.get(k))),
                );
            }
            let hq = user.data.get("HeadquartersAddress");
            for k in ["AddressLine1", "City", "Country"] {
                need(
                    &format!("HeadquartersAddress.{k}"),
                    is_set(hq.and_then(|a| a.get(k))),
                );
            }
            if user.str("LegalPersonType") == Some("BUSINESS") {
                need("CompanyNumber", is_set(user.data.get("CompanyNumber")));
            }
        }
    }
    missing
}

fn check_owner(user: &User) -> Result<(), Reply> {
    if !user.is_owner() {
        return Ok(());
    }
    let missing = missing_owner_fields(user);
    if !missing.is_empty() {
        return Err(param_errors(missing));
    }
    if user.data.get("TermsAndConditionsAccepted") != Some(&Value::Bool(true)) {
        return Err(terms_not_accepted());
    }
    Ok(())
}

/// Renders a user in the SCA shape, with `PendingUserAction` when this call triggered SCA.
pub fn render_sca(user: &User, redirect_url: Option<&str>) -> Reply {
    let mut data = user.data.clone();
    data.insert(
        "PendingUserAction".into(),
        redirect_url.map_or(Value::Null, |u| json!({ "RedirectUrl": u })),
    );
    let value = Value::Object(data);
    match user.person {
        Person::Natural => typed::<UserNaturalSca>(value),
        Person::Legal => typed::<UserLegalSca>(value),
    }
}

/// Renders a user in the legacy shape (legal representative flattened, no `PendingUserAction`).
pub fn render_legacy(user: &User) -> Reply {
    match user.person {
        Person::Natural => typed::<UserNatural>(Value::Object(user.data.clone())),
        Person::Legal => {
            let mut data = user.data.clone();
            if let Some(Value::Object(rep)) = data.remove("LegalRepresentative") {
                for (flat, nested) in LEGACY_REPRESENTATIVE {
                    data.insert(flat.into(), rep.get(nested).cloned().unwrap_or(Value::Null));
                }
            }
            typed::<UserLegal>(Value::Object(data))
        }
    }
}

/// Serializes `value` through the SDK's model type, which fixes the field set and order.
fn typed<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> Reply {
    match serde_json::from_value::<T>(value) {
        Ok(model) => Reply::json(200, &model),
        Err(e) => crate::reply::internal(&format!("stored user does not fit its model: {e}")),
    }
}

/// The key fields `GET /users` lists, in the docs' order.
fn list_item(user: &User) -> String {
    let keys = [
        "Id",
        "Tag",
        "CreationDate",
        "PersonType",
        "Email",
        "KYCLevel",
        "TermsAndConditionsAccepted",
        "TermsAndConditionsAcceptedDate",
        "UserCategory",
        "UserStatus",
    ];
    lists::ordered_text(keys.iter().map(|k| {
        (
            *k,
            user.data
                .get(*k)
                .cloned()
                .unwrap_or(Value::Null)
                .to_string(),
        )
    }))
}

/// Which family and person type an endpoint speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    /// `Some` for the natural/legal-specific endpoints, `None` for `GET /users/{id}`.
    pub person: Option<Person>,
    /// SCA (`/sca/…`) or legacy.
    pub sca: bool,
}

fn resource_name(person: Option<Person>) -> &'static str {
    match person {
        None => "User",
        Some(Person::Natural) => "UserNatural",
        Some(Person::Legal) => "UserLegal",
    }
}

/// Finds a user of the right type in `call`'s client, or the 404 Mangopay answers.
pub fn find<'a>(
    store: &'a mut Store,
    call: &Call<'_>,
    person: Option<Person>,
) -> Result<&'a mut User, Reply> {
    let id = call.route.user_id().unwrap_or_default();
    let data = store.client(call.client);
    kyc::settle(data);
    match data.users.get_mut(id) {
        Some(u) if person.is_none_or(|p| p == u.person) => Ok(u),
        _ => Err(not_found(resource_name(person), id)),
    }
}

/// `POST /sca/users/natural`, `/sca/users/legal`, `/users/natural`, `/users/legal`.
pub fn create(store: &mut Store, call: &Call<'_>, person: Person, sca: bool) -> Reply {
    let body = call.body.unwrap_or(&Value::Null);
    let report = match (person, sca) {
        (Person::Natural, true) => rules::create_natural_sca(body),
        (Person::Legal, true) => rules::create_legal_sca(body),
        (Person::Natural, false) => rules::create_natural(body),
        (Person::Legal, false) => rules::create_legal(body),
    };
    if let Err(reply) = check_report(&report) {
        return reply;
    }
    let input = match body_object(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let now = now_unix();
    let id = format!("user_m_{}", ulid());
    let data = store.client(call.client);
    let mut user = new_user(person, &id, now);
    match (person, sca) {
        (Person::Natural, true) => merge(&mut user.data, input, NATURAL_SCA_INPUT),
        (Person::Natural, false) => merge(&mut user.data, input, NATURAL_LEGACY_INPUT),
        (Person::Legal, true) => merge(&mut user.data, input, LEGAL_INPUT),
        (Person::Legal, false) => merge(&mut user.data, &nest_legacy_legal(input), LEGAL_INPUT),
    }
    if sca {
        clear_owner_only(&mut user);
    }
    if let Err(reply) = check_owner(&user) {
        return reply;
    }
    if user.is_owner() && user.data.get("TermsAndConditionsAccepted") == Some(&json!(true)) {
        user.data
            .insert("TermsAndConditionsAcceptedDate".into(), json!(now));
    }
    let owner = user.is_owner();
    data.users.insert(id.clone(), user);
    data.user_order.push(id.clone());
    let redirect = if sca && owner {
        sca::trigger_enrollment(store, call, &id)
    } else {
        None
    };
    let data = store.client(call.client);
    match data.users.get(&id) {
        Some(u) if sca => render_sca(u, redirect.as_deref()),
        Some(u) => render_legacy(u),
        None => crate::reply::internal("user vanished"),
    }
}

/// `GET /users/{id}`, `/users/natural/{id}`, `/sca/users/{id}`, … .
pub fn view(store: &mut Store, call: &Call<'_>, flavor: Flavor) -> Reply {
    match find(store, call, flavor.person) {
        Ok(u) if flavor.sca => render_sca(u, None),
        Ok(u) => render_legacy(u),
        Err(r) => r,
    }
}

/// `GET /users`.
pub fn list(store: &mut Store, call: &Call<'_>) -> Reply {
    let data = store.client(call.client);
    kyc::settle(data);
    let options = match lists::options(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    // Creation order is CreationDate order; no sort needed.
    let w = lists::Window::new(&options, data.user_order.len());
    let ids: Box<dyn Iterator<Item = &String>> = if options.sort == Some(Sort::CreationDateDesc) {
        Box::new(data.user_order.iter().rev())
    } else {
        Box::new(data.user_order.iter())
    };
    let items: Vec<String> = ids
        .skip(w.start)
        .take(w.page_size())
        .filter_map(|id| data.users.get(id))
        .map(list_item)
        .collect();
    lists::page_reply(call, &options, &w, &items)
}

/// `PUT /sca/users/{natural|legal}/{id}` and the legacy `PUT /users/{natural|legal}/{id}`.
pub fn update(store: &mut Store, call: &Call<'_>, person: Person, sca: bool) -> Reply {
    let body = call.body.unwrap_or(&Value::Null);
    let report = match (person, sca) {
        (Person::Natural, true) => rules::update_natural_sca(body),
        (Person::Legal, true) => rules::update_legal_sca(body),
        (Person::Natural, false) => rules::update_natural(body),
        (Person::Legal, false) => rules::update_legal(body),
    };
    let stored = match find(store, call, Some(person)) {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    if let Err(reply) = check_report(&report) {
        return reply;
    }
    if stored.is_closed() {
        return closed_user();
    }
    let input = match body_object(call) {
        Ok(o) => o.clone(),
        Err(r) => return r,
    };
    let input = if person == Person::Legal && !sca {
        nest_legacy_legal(&input)
    } else {
        input
    };
    if input.get("TermsAndConditionsAccepted") == Some(&json!(false)) {
        // "Must be true on all calls for Owners (both POST and PUT)" (docs, T&Cs guide).
        if stored.is_owner() {
            return terms_not_accepted();
        }
        if stored.data.get("TermsAndConditionsAccepted") == Some(&json!(true)) {
            return api_error(
                400,
                "invalid_action",
                "The TermsAndConditionsAccepted value cannot be changed from true to false",
            );
        }
    }
    if let Some(category) = input.get("UserCategory").and_then(Value::as_str) {
        let changed = !category.eq_ignore_ascii_case(stored.str("UserCategory").unwrap_or(""));
        if changed && sca {
            return crate::reply::param_error(
                "UserCategory",
                "The UserCategory cannot be changed with this endpoint; use PUT Categorize a User to make a PAYER an OWNER.",
            );
        }
        if changed && !category.eq_ignore_ascii_case("OWNER") {
            return crate::reply::param_error(
                "UserCategory",
                "An OWNER cannot be made a PAYER again.",
            );
        }
    }
    let mut user = stored.clone();
    let spec = match (person, sca) {
        (Person::Natural, true) => NATURAL_SCA_INPUT,
        (Person::Natural, false) => NATURAL_LEGACY_INPUT,
        (Person::Legal, _) => LEGAL_INPUT,
    };
    merge(&mut user.data, &input, spec);
    if sca {
        clear_owner_only(&mut user);
    }
    if let Err(reply) = check_owner(&user) {
        return reply;
    }
    let now = now_unix();
    if user.is_owner() && !stored.is_owner() {
        // Legacy PUT may change the category (Mangopay's caution): no SCA is triggered.
        user.data
            .insert("TermsAndConditionsAcceptedDate".into(), json!(now));
    }
    let downgrade = identity_changed(&stored, &user);
    let reenroll = sca && stored.is_owner() && contact_changed(&stored, &user);
    let id = user.id.clone();
    store.client(call.client).users.insert(id.clone(), user);
    if downgrade {
        kyc::downgrade(store.client(call.client), &id);
    }
    let redirect = if reenroll {
        sca::trigger_enrollment(store, call, &id)
    } else {
        None
    };
    match store.client(call.client).users.get(&id) {
        Some(u) if sca => render_sca(u, redirect.as_deref()),
        Some(u) => render_legacy(u),
        None => crate::reply::internal("user vanished"),
    }
}

fn field<'a>(user: &'a User, path: &str) -> Option<&'a Value> {
    match path.split_once('.') {
        Some((obj, leaf)) => user.data.get(obj).and_then(|o| o.get(leaf)),
        None => user.data.get(path),
    }
}

/// The SCA contact fields changed (re-enrollment of an OWNER).
fn contact_changed(before: &User, after: &User) -> bool {
    let paths: &[&str] = match before.person {
        Person::Natural => &["Email", "PhoneNumber", "PhoneNumberCountry"],
        Person::Legal => &[
            "LegalRepresentative.Email",
            "LegalRepresentative.PhoneNumber",
            "LegalRepresentative.PhoneNumberCountry",
        ],
    };
    paths.iter().any(|p| field(before, p) != field(after, p))
}

/// Identity fields changed on a REGULAR user (verification downgrade).
fn identity_changed(before: &User, after: &User) -> bool {
    if before.str("KYCLevel") != Some("REGULAR") {
        return false;
    }
    let paths: Vec<String> = match before.person {
        Person::Natural => NATURAL_IDENTITY_FIELDS
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        Person::Legal => NATURAL_IDENTITY_FIELDS
            .iter()
            .map(|s| format!("LegalRepresentative.{s}"))
            .chain(["LegalPersonType".to_owned()])
            .collect(),
    };
    paths.iter().any(|p| field(before, p) != field(after, p))
}

/// `PUT /sca/users/{natural|legal}/{id}/category`: PAYER → OWNER, then SCA enrollment.
pub fn categorize(store: &mut Store, call: &Call<'_>, person: Person) -> Reply {
    let stored = match find(store, call, Some(person)) {
        Ok(u) => u.clone(),
        Err(r) => return r,
    };
    if stored.is_owner() {
        return api_error(
            400,
            "not_allowed_for_user_category_owner",
            "This endpoint is not allowed for User categorized as OWNER",
        );
    }
    let body = call.body.unwrap_or(&Value::Null);
    let report = match person {
        Person::Natural => rules::categorize_natural(body),
        Person::Legal => rules::categorize_legal(body),
    };
    if let Err(reply) = check_report(&report) {
        return reply;
    }
    if stored.is_closed() {
        return closed_user();
    }
    let input = match body_object(call) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let mut user = stored.clone();
    let spec = match person {
        Person::Natural => NATURAL_SCA_INPUT,
        Person::Legal => LEGAL_INPUT,
    };
    merge(&mut user.data, input, spec);
    user.data.insert("UserCategory".into(), json!("OWNER"));
    if let Err(reply) = check_owner(&user) {
        return reply;
    }
    user.data
        .insert("TermsAndConditionsAcceptedDate".into(), json!(now_unix()));
    let id = user.id.clone();
    store.client(call.client).users.insert(id.clone(), user);
    let redirect = sca::trigger_enrollment(store, call, &id);
    match store.client(call.client).users.get(&id) {
        Some(u) => render_sca(u, redirect.as_deref()),
        None => crate::reply::internal("user vanished"),
    }
}

/// `DELETE /users/{natural|legal}/{id}`: 204, and the user is `CLOSED` for good.
pub fn close(store: &mut Store, call: &Call<'_>, person: Person) -> Reply {
    let user = match find(store, call, Some(person)) {
        Ok(u) => u,
        Err(r) => return r,
    };
    if user.is_closed() {
        return api_error(
            400,
            "user_closure_failed",
            "An error occurred while closing the user",
        );
    }
    user.data.insert("UserStatus".into(), json!("CLOSED"));
    Reply::no_content()
}
