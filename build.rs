//! Embeds the GraphiQL page's files when `tools/graphiql` has built them (`npm run build` there
//! writes `tools/graphiql/dist`), so that the page needs nothing from the internet. Without them
//! goalline still builds, with cargo alone, and its page loads GraphiQL from a CDN instead.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

const DIST: &str = "tools/graphiql/dist";

fn main() {
    postgres_tests();
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIST);
    let mut files: Vec<_> = fs::read_dir(&dist)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
                .map(|entry| entry.path())
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    // Cargo reruns a build script on every build while a path it watches is missing, and
    // rebuilds the crate each time: watch dist/ once it exists, its parent until then.
    if dist.is_dir() {
        println!("cargo:rerun-if-changed={DIST}");
    } else {
        println!("cargo:rerun-if-changed=tools/graphiql");
        println!(
            "cargo:warning=GraphiQL is not embedded ({DIST} is missing): its page will load \
             its scripts from a CDN. `npm ci && npm run build` in tools/graphiql embeds them."
        );
    }

    let mut code = String::from(
        "/// The GraphiQL page's files from tools/graphiql/dist (name, content); empty when it \
         was not built.\npub static ASSETS: &[(&str, &[u8])] = &[\n",
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
