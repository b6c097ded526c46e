//! Embeds the GraphiQL page's files, `tools/graphiql/dist`, into the binary so that the page
//! needs nothing from the internet. They are committed, built by `npm run build` in
//! `tools/graphiql` from the packages its lock file pins; CI rebuilds them and fails when the
//! result differs from what is committed. Building goalline needs cargo alone.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

const DIST: &str = "tools/graphiql/dist";

fn main() {
    postgres_tests();
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIST);
    println!("cargo:rerun-if-changed={DIST}");
    let files = page_files(&dist);
    let mut code = String::from(
        "/// The GraphiQL page's files from tools/graphiql/dist (name, content).\n\
         pub static ASSETS: &[(&str, &[u8])] = &[\n",
    );
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        let path = path.to_str().expect("UTF-8 path");
        writeln!(code, "    ({name:?}, include_bytes!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("graphiql_assets.rs");
    fs::write(out, code).expect("write graphiql_assets.rs");
}

/// The files of `dist`, in name order; the build stops, saying how to make them, when the
/// page's script or stylesheet is missing (a checkout that lost them).
fn page_files(dist: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dist)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
                .map(|entry| entry.path())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for extension in ["js", "css"] {
        if !files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == extension))
        {
            panic!(
                "{DIST} has no .{extension} file: the GraphiQL page's files are committed there; \
                 restore them with `git checkout -- {DIST}`, or rebuild them with \
                 `npm ci && npm run build` in tools/graphiql"
            );
        }
    }
    files
}

/// The PostgreSQL tests are compiled to run when `GOALLINE_TEST_POSTGRES_URL` names a server
/// (cfg `postgres_tests`); without it they are compiled as ignored, so that `cargo test` says
/// they did not run instead of passing them.
fn postgres_tests() {
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo:rerun-if-env-changed=GOALLINE_TEST_POSTGRES_URL");
    if env::var_os("GOALLINE_TEST_POSTGRES_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=postgres_tests");
    }
}
