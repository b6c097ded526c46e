//! The direction of dependencies, checked: HTTP, then GraphQL, then the domains, then storage
//! (ARCHITECTURE.md). A module reaching up a layer fails this test with the file and the line,
//! so a shortcut is caught when it is written rather than found when the layers are untangled.

use std::path::{Path, PathBuf};

/// Files that wire the layers together at start, and so may name every one of them.
const WIRING: &[&str] = &[
    "src/startup.rs",
    "src/main.rs",
    "src/config.rs",
    "src/lib.rs",
];

/// What a file may not name, by where it is.
fn forbidden(file: &str) -> &'static [&'static str] {
    let storage_or_model = file == "src/db.rs"
        || file == "src/schema.rs"
        || file.starts_with("src/read_model/")
        || file.starts_with("src/import/")
        || file.ends_with("/model.rs");
    if WIRING.contains(&file) || file.starts_with("src/http/") || file == "src/layers.rs" {
        &[]
    } else if storage_or_model {
        &["crate::http", "crate::graphql", "async_graphql::Context"]
    } else {
        &["crate::http"]
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn dependencies_point_down_the_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "the sources were not found");
    let mut reaching_up = Vec::new();
    for path in files {
        let file = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            for name in forbidden(&file) {
                if line.contains(name) && !line.trim_start().starts_with("//") {
                    reaching_up.push(format!("{file}:{}: {name}", n + 1));
                }
            }
        }
    }
    assert!(
        reaching_up.is_empty(),
        "modules reaching up a layer (move the shared piece down instead):\n{}",
        reaching_up.join("\n")
    );
}
