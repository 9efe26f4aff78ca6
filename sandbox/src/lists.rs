//! Lists: `page`, `per_page` and `Sort` read with the core crate's query rules, and the
//! `x-number-of-pages`, `x-number-of-items` and `Link` headers.

use mangopay_wasm::api::{encode_component, parse_query, ListOptions, RequestError, Sort};
use serde_json::Value;

use crate::app::Call;
use crate::reply::{param_error, Reply};

/// The items per page when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u32 = 10;

/// The text of a JSON object with its keys in the given order (serde_json's map would sort
/// them); each value is already JSON text.
pub fn ordered_text<'a>(fields: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::from(k).to_string());
        out.push(':');
        out.push_str(&v);
    }
    out.push('}');
    out
}

/// An address object's text with its fields in the API's order.
pub fn address_text(address: Option<&Value>) -> String {
    ordered_text(crate::users::ADDRESS_KEYS.iter().map(|k| {
        (
            *k,
            address
                .and_then(|a| a.get(*k))
                .cloned()
                .unwrap_or(Value::Null)
                .to_string(),
        )
    }))
}

/// The list options of a list call. Unknown query parameters are ignored, as the API ignores
/// them; documented ones are checked with the core crate's rules (`per_page` 1–100, `page` ≥ 1,
/// `Sort=CreationDate:ASC|DESC`, filter values).
pub fn options(call: &Call<'_>) -> Result<ListOptions, Reply> {
    let endpoint = call.route.endpoint();
    let known = |name: &str| {
        ["page", "per_page", "Sort"]
            .iter()
            .chain(endpoint.allowed_filters())
            .any(|k| k.eq_ignore_ascii_case(name))
    };
    let kept: Vec<&str> = call
        .query
        .split('&')
        .filter(|pair| {
            let name = pair.split_once('=').map_or(*pair, |(n, _)| n);
            !pair.is_empty() && known(name)
        })
        .collect();
    parse_query(endpoint, &kept.join("&")).map_err(|e| match e {
        RequestError::InvalidQuery { name, reason } => param_error(&name, &reason),
        RequestError::UnknownQueryParameter { name, .. } => {
            param_error(&name, "This parameter is not allowed here")
        }
        other => param_error("", &other.to_string()),
    })
}

/// The value of a filter, by its documented name.
pub fn filter<'a>(options: &'a ListOptions, name: &str) -> Option<&'a str> {
    options
        .filters
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The page a list call asks for, over `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Index of the first item of the page.
    pub start: usize,
    /// Items per page.
    pub per_page: u32,
    /// The page, from 1.
    pub page: u32,
    /// Number of pages (0 for an empty list).
    pub pages: usize,
    /// Number of items.
    pub total: usize,
}

impl Window {
    /// The window of `options` over `total` items.
    pub fn new(options: &ListOptions, total: usize) -> Window {
        let per_page = options.per_page.unwrap_or(DEFAULT_PER_PAGE).max(1);
        let page = options.page.unwrap_or(1).max(1);
        let per = usize::try_from(per_page).unwrap_or(10);
        Window {
            start: usize::try_from(page - 1)
                .unwrap_or(usize::MAX)
                .saturating_mul(per),
            per_page,
            page,
            pages: total.div_ceil(per),
            total,
        }
    }

    /// Items per page, as a length.
    pub fn page_size(&self) -> usize {
        usize::try_from(self.per_page).unwrap_or(10)
    }
}

/// The list answer: the page's items (already rendered) and the pagination headers.
pub fn page_reply(call: &Call<'_>, options: &ListOptions, w: &Window, items: &[String]) -> Reply {
    let json = format!("[{}]", items.join(","));
    Reply::json_bytes(200, json.into_bytes())
        .with_header("x-number-of-pages", w.pages.to_string())
        .with_header("x-number-of-items", w.total.to_string())
        .with_header("Link", links(call, options, w.page, w.pages, w.per_page))
}

/// Sorts, paginates and renders `items` (already filtered), with the pagination headers.
/// `render` returns one item's JSON text.
pub fn respond<T>(
    call: &Call<'_>,
    options: &ListOptions,
    mut items: Vec<T>,
    key: impl Fn(&T) -> (i64, u64),
    render: impl Fn(&T) -> String,
) -> Reply {
    items.sort_by_key(&key);
    if options.sort == Some(Sort::CreationDateDesc) {
        items.reverse();
    }
    let w = Window::new(options, items.len());
    let body: Vec<String> = items
        .iter()
        .skip(w.start)
        .take(w.page_size())
        .map(render)
        .collect();
    page_reply(call, options, &w, &body)
}

/// `Link: <…?page=1&per_page=10>; rel="first", <…>; rel="prev", <…>; rel="next", <…>; rel="last"`.
fn links(call: &Call<'_>, options: &ListOptions, page: u32, pages: usize, per_page: u32) -> String {
    let base = format!(
        "{}{}",
        call.settings.public_url,
        call.route.canonical_path()
    );
    let last = u32::try_from(pages.max(1)).unwrap_or(u32::MAX);
    let url = |p: u32| {
        let mut q = format!("page={p}&per_page={per_page}");
        if let Some(sort) = options.sort {
            q.push_str("&Sort=");
            q.push_str(&encode_component(sort.as_str()));
        }
        for (k, v) in &options.filters {
            q.push('&');
            q.push_str(&encode_component(k));
            q.push('=');
            q.push_str(&encode_component(v));
        }
        format!("<{base}?{q}>")
    };
    let mut parts = vec![format!("{}; rel=\"first\"", url(1))];
    if page > 1 {
        parts.push(format!("{}; rel=\"prev\"", url((page - 1).min(last))));
    }
    if page < last {
        parts.push(format!("{}; rel=\"next\"", url(page + 1)));
    }
    parts.push(format!("{}; rel=\"last\"", url(last)));
    parts.join(", ")
}

/// An empty list (wallets, transactions, cards, mandates, pre-authorizations) with valid
/// pagination headers, after checking its query.
pub fn empty(call: &Call<'_>) -> Reply {
    match options(call) {
        Ok(opts) => respond(call, &opts, Vec::<()>::new(), |_| (0, 0), |_| String::new()),
        Err(r) => r,
    }
}
