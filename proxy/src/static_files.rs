//! Which `www/` file a path names, and its content type: no traversal, no hidden files, no
//! directory listing, no guessing.

/// A file to serve from the static directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// The file's path relative to the static directory, e.g. `assets/app.js`.
    pub file: String,
    /// Its `Content-Type`.
    pub content_type: &'static str,
}

/// Content types by extension; files with other extensions are not served.
const TYPES: &[(&str, &str)] = &[
    ("html", "text/html; charset=utf-8"),
    ("js", "text/javascript; charset=utf-8"),
    ("mjs", "text/javascript; charset=utf-8"),
    ("css", "text/css; charset=utf-8"),
    ("json", "application/json; charset=utf-8"),
    ("map", "application/json; charset=utf-8"),
    ("wasm", "application/wasm"),
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("ico", "image/x-icon"),
    ("pdf", "application/pdf"),
    ("txt", "text/plain; charset=utf-8"),
    ("woff2", "font/woff2"),
    ("webmanifest", "application/manifest+json"),
];

/// The file a request path names, or `None` (a 404): paths with `%`, `\`, control or non-ASCII
/// characters, empty, `.`/`..` or dot-file segments, more than 8 segments or 512 bytes, or an
/// extension outside the table. `/` and paths ending in `/` name that folder's `index.html`.
pub fn static_file(path: &str) -> Option<StaticFile> {
    if path.len() > 512 || !path.starts_with('/') {
        return None;
    }
    let ok_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_');
    if !path.bytes().all(ok_byte) {
        return None;
    }
    let mut file = path.get(1..).unwrap_or("").to_owned();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    let segments: Vec<&str> = file.split('/').collect();
    if segments.len() > 8 || segments.iter().any(|s| s.is_empty() || s.starts_with('.')) {
        return None;
    }
    let name = segments.last()?;
    let (_, extension) = name.rsplit_once('.')?;
    let content_type = TYPES
        .iter()
        .find(|(ext, _)| ext.eq_ignore_ascii_case(extension))
        .map(|(_, t)| *t)?;
    Some(StaticFile { file, content_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_with_their_content_types() {
        let f = static_file("/").unwrap();
        assert_eq!(f.file, "index.html");
        assert_eq!(f.content_type, "text/html; charset=utf-8");
        assert_eq!(static_file("/docs/").unwrap().file, "docs/index.html");
        let js = static_file("/assets/app-1.js").unwrap();
        assert_eq!(js.file, "assets/app-1.js");
        assert!(js.content_type.starts_with("text/javascript"));
        assert_eq!(
            static_file("/pkg/x_bg.wasm").unwrap().content_type,
            "application/wasm"
        );
    }

    #[test]
    fn refuses_traversal_hidden_files_listings_and_unknown_types() {
        for bad in [
            "/../secret.txt",
            "/a/../../x.js",
            "/%2e%2e/x.js",
            "/a%2fb.js",
            "/a\\b.js",
            "//etc/passwd.txt",
            "/.git/config.txt",
            "/.env",
            "/assets",
            "/assets/.",
            "/run.capnp",
            "/x.js?y",
            "/x.js\n",
            "/é.js",
            "relative.js",
            "/a/b/c/d/e/f/g/h/i.js",
        ] {
            assert_eq!(static_file(bad), None, "{bad:?}");
        }
        assert_eq!(static_file(&format!("/{}.js", "a".repeat(600))), None);
    }
}
