//! Pagination: the totals of the `x-number-of-pages` / `x-number-of-items` headers and the page
//! links of the `Link` header.

use serde::{Deserialize, Serialize};

/// Where a page of a list stands in the whole list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct PageInfo {
    /// The page requested, from 1.
    pub page: i64,
    /// The number of items per page requested (1–100; the API's default is 10).
    pub per_page: i64,
    /// The number of items in the whole list (`x-number-of-items`), when sent and readable.
    pub total_items: Option<i64>,
    /// The number of pages (`x-number-of-pages`), when sent and readable.
    pub total_pages: Option<i64>,
}

impl PageInfo {
    /// The page info of a response to a request for `page` with `per_page` items, from the raw
    /// `x-number-of-pages` and `x-number-of-items` header values.
    pub fn from_headers(
        page: i64,
        per_page: i64,
        number_of_pages: Option<&str>,
        number_of_items: Option<&str>,
    ) -> Self {
        PageInfo {
            page,
            per_page,
            total_items: parse_count(number_of_items),
            total_pages: parse_count(number_of_pages),
        }
    }

    /// True when a later page exists; `None` if the total number of pages is unknown.
    pub fn has_next(&self) -> Option<bool> {
        self.total_pages.map(|total| self.page < total)
    }
}

/// A count header (`x-number-of-pages`, `x-number-of-items`): a non-negative integer, surrounding
/// spaces allowed. Absent, empty, negative or junk values give `None`.
pub fn parse_count(header: Option<&str>) -> Option<i64> {
    let text = header?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The page links of a `Link` header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(target_arch = "wasm32", feature = "js"), derive(tsify::Tsify))]
pub struct PageLinks {
    /// The first page (`rel="first"`).
    pub first: Option<String>,
    /// The previous page (`rel="prev"`).
    pub prev: Option<String>,
    /// The next page (`rel="next"`).
    pub next: Option<String>,
    /// The last page (`rel="last"`).
    pub last: Option<String>,
}

/// Reads the `first`, `prev`, `next` and `last` links of an RFC 8288 `Link` header
/// (`<https://…?page=2&per_page=10>; rel="next", …`). Other relations and malformed entries are
/// ignored; the first link of each relation wins.
pub fn parse_link_header(header: &str) -> PageLinks {
    let mut links = PageLinks::default();
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let after_open = rest.get(open + 1..).unwrap_or_default();
        let Some(close) = after_open.find('>') else {
            break;
        };
        let url = after_open.get(..close).unwrap_or_default().trim();
        let params_and_rest = after_open.get(close + 1..).unwrap_or_default();
        // The parameters of this link end where the next link begins.
        let params_end = params_and_rest.find('<').unwrap_or(params_and_rest.len());
        let params = params_and_rest.get(..params_end).unwrap_or_default();
        for rel in relations(params) {
            let slot = match rel.as_str() {
                "first" => &mut links.first,
                "prev" | "previous" => &mut links.prev,
                "next" => &mut links.next,
                "last" => &mut links.last,
                _ => continue,
            };
            if slot.is_none() && !url.is_empty() {
                *slot = Some(url.to_owned());
            }
        }
        rest = params_and_rest.get(params_end..).unwrap_or_default();
    }
    links
}

/// The relation names of a link's parameters (`rel="next"`, `rel=next`, `rel="prev next"`).
fn relations(params: &str) -> Vec<String> {
    params
        .split(';')
        .filter_map(|param| {
            let (name, value) = param.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("rel") {
                return None;
            }
            let value = value.trim().trim_end_matches(',').trim().trim_matches('"');
            Some(value.to_owned())
        })
        .flat_map(|value| {
            value
                .split_whitespace()
                .map(str::to_ascii_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_totals_and_refuses_junk() {
        let info = PageInfo::from_headers(2, 10, Some("5"), Some(" 42 "));
        assert_eq!(info.total_pages, Some(5));
        assert_eq!(info.total_items, Some(42));
        assert_eq!(info.has_next(), Some(true));
        for junk in [
            None,
            Some(""),
            Some("-1"),
            Some("4.0"),
            Some("x"),
            Some("1 2"),
            Some("99999999999999999999"),
        ] {
            assert_eq!(parse_count(junk), None, "{junk:?}");
        }
        assert_eq!(
            PageInfo::from_headers(1, 10, None, Some("abc")).has_next(),
            None
        );
    }

    #[test]
    fn reads_the_four_page_links() {
        let header = "<https://api.mangopay.com/v2.01/c/users?page=1&per_page=10>; rel=\"first\", \
                      <https://api.mangopay.com/v2.01/c/users?page=1&per_page=10>; rel=\"prev\", \
                      <https://api.mangopay.com/v2.01/c/users?page=3&per_page=10>; rel=\"next\", \
                      <https://api.mangopay.com/v2.01/c/users?page=9&per_page=10>; rel=\"last\"";
        let links = parse_link_header(header);
        assert_eq!(
            links.next.as_deref(),
            Some("https://api.mangopay.com/v2.01/c/users?page=3&per_page=10")
        );
        assert_eq!(
            links.last.as_deref(),
            Some("https://api.mangopay.com/v2.01/c/users?page=9&per_page=10")
        );
        assert!(links.first.is_some() && links.prev.is_some());
    }

    #[test]
    fn tolerates_odd_and_broken_headers() {
        let links =
            parse_link_header("<a,b>;rel=next,<c>; REL=\"Prev Last\"; title=x, <d>; rel=other");
        assert_eq!(links.next.as_deref(), Some("a,b"));
        assert_eq!(links.prev.as_deref(), Some("c"));
        assert_eq!(links.last.as_deref(), Some("c"));
        assert_eq!(links.first, None);
        for junk in [
            "",
            "<",
            ">",
            "<unterminated; rel=next",
            "rel=next",
            "<>; rel=next",
            "<é>; rel=\"ñext\"",
        ] {
            let _ = parse_link_header(junk);
        }
        assert_eq!(parse_link_header("<>; rel=next"), PageLinks::default());
    }
}
