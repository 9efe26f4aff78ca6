//! Strong Customer Authentication: the SCA context of a request, the enrollment and consent
//! results, the SCA status of a user, and the redirect link of a 401 `WWW-Authenticate` header.

use serde::{Deserialize, Serialize};

use super::common::Timestamp;
use super::open_enum::open_enum;
use super::user::{PendingUserAction, UserStatus};

open_enum! {
    /// Whether the user takes part in the request, which decides if SCA may be required.
    pub enum ScaContext {
        /// The user initiates the action and is present to authenticate.
        UserPresent = "USER_PRESENT",
        /// The platform acts alone, under proxy with the user's consent.
        UserNotPresent = "USER_NOT_PRESENT",
    }
}

open_enum! {
    /// Whether the user consented to a proxy scope.
    pub enum ConsentScopeStatus {
        /// The user gave consent.
        Active = "ACTIVE",
        /// The user has not given consent, or revoked it.
        Inactive = "INACTIVE",
    }
}

/// The result of `POST /sca/users/{Id}/enrollment`: the SCA session to redirect the user to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserEnrollmentResult {
    /// The SCA session link.
    #[serde(rename = "PendingUserAction")]
    pub pending_user_action: Option<PendingUserAction>,
}

/// The result of `POST /sca/users/{Id}/consent`: the hosted page where the user gives or revokes
/// proxy consent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct UserConsent {
    /// The SCA session link.
    #[serde(rename = "PendingUserAction")]
    pub pending_user_action: Option<PendingUserAction>,
}

/// The user's consent per proxy scope; `null` when the scope is not configured for the platform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct ConsentScope {
    /// Updating the user's contact information under proxy.
    #[serde(rename = "ContactInformationUpdate")]
    pub contact_information_update: Option<ConsentScopeStatus>,
    /// Registering recipients under proxy.
    #[serde(rename = "RecipientRegistration")]
    pub recipient_registration: Option<ConsentScopeStatus>,
    /// Making transfers under proxy.
    #[serde(rename = "Transfer")]
    pub transfer: Option<ConsentScopeStatus>,
    /// Viewing wallets and transactions under proxy.
    #[serde(rename = "ViewAccountInformation")]
    pub view_account_information: Option<ConsentScopeStatus>,
}

/// The result of `GET /sca/users/{Id}/sca-status` (404 if the user never started enrollment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
#[serde(default)]
pub struct ScaStatus {
    /// The user's status.
    #[serde(rename = "UserStatus")]
    pub user_status: Option<UserStatus>,
    /// Whether the user has ever enrolled successfully (stays `true` during re-enrollment).
    #[serde(rename = "IsEnrolled")]
    pub is_enrolled: Option<bool>,
    /// The last successful enrollment or re-enrollment.
    #[serde(rename = "LastEnrollmentDate")]
    pub last_enrollment_date: Option<Timestamp>,
    /// The last change to any consent scope.
    #[serde(rename = "LastConsentCollectionDate")]
    pub last_consent_collection_date: Option<Timestamp>,
    /// The consent per proxy scope.
    #[serde(rename = "ConsentScope")]
    pub consent_scope: Option<ConsentScope>,
}

/// The SCA link of a 401 response's `WWW-Authenticate` header
/// (`PendingUserAction RedirectUrl=https://…`), as a [`PendingUserAction`].
///
/// Returns `None` when the header carries no such link. The URL ends at the first whitespace,
/// comma or quote.
pub fn pending_user_action_from_www_authenticate(header: &str) -> Option<PendingUserAction> {
    const MARKER: &str = "redirecturl=";
    let lower = header.to_ascii_lowercase();
    let scheme = crate::search::find(&lower, "pendinguseraction")?;
    let start = scheme + crate::search::find(lower.get(scheme..)?, MARKER)? + MARKER.len();
    let rest = header.get(start..)?.trim_start_matches('"');
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ',' || c == '"')
        .unwrap_or(rest.len());
    let url = rest.get(..end)?;
    if url.is_empty() {
        return None;
    }
    Some(PendingUserAction {
        redirect_url: Some(url.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_redirect_url_of_a_www_authenticate_header() {
        let header = "PendingUserAction RedirectUrl=https://sca.mangopay.com?token=abc123";
        let action = pending_user_action_from_www_authenticate(header).unwrap();
        assert_eq!(
            action.redirect_url.as_deref(),
            Some("https://sca.mangopay.com?token=abc123")
        );
        let quoted = "Bearer, PendingUserAction RedirectUrl=\"https://x.test/?t=1\", other";
        assert_eq!(
            pending_user_action_from_www_authenticate(quoted)
                .and_then(|a| a.redirect_url)
                .as_deref(),
            Some("https://x.test/?t=1")
        );
    }

    #[test]
    fn other_headers_give_none() {
        for header in [
            "",
            "Bearer",
            "PendingUserAction",
            "PendingUserAction RedirectUrl=",
            "RedirectUrl=https://x.test",
            "PendingUserAction RedirectUrl=\"",
            "PendingUserAction RedirectUrl= https://late.test",
        ] {
            let got = pending_user_action_from_www_authenticate(header);
            assert!(got.is_none(), "{header:?} gave {got:?}");
        }
        // Non-ASCII text around the marker neither panics nor shifts the URL.
        let accented = "Ä PendingUserAction redirecturl=https://é.test";
        assert_eq!(
            pending_user_action_from_www_authenticate(accented)
                .and_then(|a| a.redirect_url)
                .as_deref(),
            Some("https://é.test")
        );
    }
}
