//! Substring search for ASCII needles, without core's `StrSearcher` (its two-way search is
//! ≈ 3 KB of wasm; the needles here are a few bytes long and the haystacks headers or prefixes).

/// The byte offset of the first `needle` in `haystack`. `needle` must be ASCII: a match then
/// always starts and ends on char boundaries.
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

/// The byte offset of the last `needle` in `haystack` (ASCII `needle`, as [`find`]).
pub(crate) fn rfind(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(haystack.len());
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .rposition(|w| w == needle)
}

/// `haystack.rsplit_once(needle)` for an ASCII `needle`.
pub(crate) fn rsplit_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = rfind(haystack, needle)?;
    Some((haystack.get(..at)?, haystack.get(at + needle.len()..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_search() {
        let hays = [
            "",
            "a",
            "abc",
            "é;base64,é",
            "x;base64,y;base64,z",
            "/a/{b}[/{c}]",
            "ééé[/",
        ];
        let needles = ["", "a", ";base64,", "[/", "é"];
        for hay in hays {
            for needle in needles.iter().filter(|n| n.is_ascii()) {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(rfind(hay, needle), hay.rfind(needle), "{hay:?} {needle:?}");
                assert_eq!(rsplit_once(hay, needle), hay.rsplit_once(needle));
            }
        }
    }
}
