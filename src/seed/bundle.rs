//! A bundle: many files in one compressed blob, so that the public-domain data goalline ships
//! is one file in the repository and in the binary. `goalline bundle` packs the files the
//! importer reads; a first start unpacks them into a temporary folder and imports that folder
//! like any other.
//!
//! Inside zstd: `goalline-bundle/1\n`, then for each file its path (relative, `/`-separated),
//! a newline, its length in bytes, a newline, and its bytes. Files are in path order and the
//! compression level is fixed, so the same files always make the same bundle.

use std::io;
use std::path::{Component, Path};

const MAGIC: &[u8] = b"goalline-bundle/1\n";
const LEVEL: i32 = 19;

/// Packs `(path, content)` pairs, sorted by path.
pub fn pack(mut files: Vec<(String, Vec<u8>)>) -> io::Result<Vec<u8>> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut raw = MAGIC.to_vec();
    for (path, content) in &files {
        if path.contains('\n') || !is_relative(path) {
            return Err(invalid(format!("`{path}` is not a relative path")));
        }
        raw.extend_from_slice(format!("{path}\n{}\n", content.len()).as_bytes());
        raw.extend_from_slice(content);
    }
    zstd::bulk::compress(&raw, LEVEL)
}

/// The files of a bundle, in path order.
pub fn unpack(bundle: &[u8]) -> io::Result<Vec<(String, Vec<u8>)>> {
    let raw = zstd::stream::decode_all(bundle)?;
    let mut rest = raw
        .strip_prefix(MAGIC)
        .ok_or_else(|| invalid("not a goalline bundle".into()))?;
    let mut files = Vec::new();
    while !rest.is_empty() {
        let (path, after) = line(rest)?;
        let (length, after) = line(after)?;
        let length: usize = length
            .parse()
            .map_err(|_| invalid(format!("a length for `{path}`, not `{length}`")))?;
        if after.len() < length || !is_relative(&path) {
            return Err(invalid(format!("`{path}` is cut short or not relative")));
        }
        files.push((path, after[..length].to_vec()));
        rest = &after[length..];
    }
    Ok(files)
}

/// Writes the bundle's files under `dir`.
pub fn unpack_into(bundle: &[u8], dir: &Path) -> io::Result<()> {
    unpack_into_where(bundle, dir, |_| true).map(drop)
}

/// Writes the bundle's files whose path `wanted` accepts under `dir`; their paths.
pub fn unpack_into_where(
    bundle: &[u8],
    dir: &Path,
    wanted: impl Fn(&str) -> bool,
) -> io::Result<Vec<String>> {
    let mut written = Vec::new();
    for (path, content) in unpack(bundle)? {
        if !wanted(&path) {
            continue;
        }
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, content)?;
        written.push(path);
    }
    Ok(written)
}

fn line(bytes: &[u8]) -> io::Result<(String, &[u8])> {
    let end = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| invalid("a line that ends".into()))?;
    let text = std::str::from_utf8(&bytes[..end]).map_err(|e| invalid(e.to_string()))?;
    Ok((text.to_owned(), &bytes[end + 1..]))
}

/// Only plain relative paths: nothing may be written outside the folder unpacked into.
fn is_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_packed_in_path_order() {
        let files = vec![
            ("b/results.csv".to_owned(), b"date,home\n".to_vec()),
            (
                "a/euro.txt".to_owned(),
                "= Euro 2024 ü\n".as_bytes().to_vec(),
            ),
            ("a/empty.txt".to_owned(), Vec::new()),
        ];
        let bundle = pack(files.clone()).unwrap();
        let mut sorted = files;
        sorted.sort();
        assert_eq!(unpack(&bundle).unwrap(), sorted);
        assert_eq!(
            pack(sorted).unwrap(),
            bundle,
            "the same files make the same bundle"
        );
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        for bad in ["../etc/passwd", "/etc/passwd", "a/../../b", ""] {
            assert!(pack(vec![(bad.to_owned(), Vec::new())]).is_err(), "{bad}");
        }
        let mut raw = MAGIC.to_vec();
        raw.extend_from_slice(b"../x\n1\nx");
        let bundle = zstd::bulk::compress(&raw, 1).unwrap();
        assert!(unpack(&bundle).is_err());
    }

    #[test]
    fn a_broken_bundle_is_an_error_not_a_panic() {
        let bundle = pack(vec![("a.txt".to_owned(), b"hello".to_vec())]).unwrap();
        let raw = zstd::stream::decode_all(&bundle[..]).unwrap();
        for cut in 0..raw.len() {
            let _ = unpack(&zstd::bulk::compress(&raw[..cut], 1).unwrap());
        }
        assert!(unpack(b"not zstd").is_err());
    }
}
