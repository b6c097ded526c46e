//! The public-domain data files the import tests read: those built into goalline
//! (`src/seed/history.bundle`), unpacked once per build into cargo's folder for test files, so
//! that the tests run, and never skip, on a fresh clone with no `../shared`.

use std::path::PathBuf;
use std::sync::OnceLock;

use goalline::seed::{bundle, HISTORY};

/// The folder holding the bundle's files, unpacked on first use.
fn unpacked() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // FNV-1a of the bundle: a new bundle gets a folder of its own.
        let version = HISTORY.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
        });
        let dir =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("history-{version:016x}"));
        if dir.join(".complete").exists() {
            return dir;
        }
        // Unpacked beside, then renamed: another test process may be doing the same.
        let staging = dir.with_extension(uuid::Uuid::new_v4().to_string());
        bundle::unpack_into(HISTORY, &staging).expect("the built-in bundle unpacks");
        std::fs::write(staging.join(".complete"), b"").unwrap();
        if std::fs::rename(&staging, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        assert!(dir.join(".complete").exists(), "{}", dir.display());
        dir
    })
}

/// One of the bundle's top folders: "openfootball", "openfootball-continental" or
/// "international-results".
pub fn bundled(top: &str) -> PathBuf {
    let dir = unpacked().join(top);
    assert!(dir.is_dir(), "the bundle has no {top}: {}", dir.display());
    dir
}
