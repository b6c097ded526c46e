//! `goalline import https://...`: a file fetched over HTTP is imported exactly like a local
//! one; an unreachable host, an error status or an oversized answer is a clear failure with a
//! stable code, and nothing of it is written. Served by a small local server (no internet).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use goalline::import::FileOutcome;

use crate::helpers::Backend;
use crate::import::{openfootball_dir, spawn_after_import, FINAL_2014};

/// Serves `/2014/worldcup.json` from the data folder, `/huge/worldcup.json` as an answer
/// announcing 60 MiB, and 404 for anything else; returns its base URL.
fn serve_files(data: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The rest of the head, up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("");
            let answer = match path {
                "/2014/worldcup.json" => {
                    let body =
                        std::fs::read(data.join("worldcup.json/2014/worldcup.json")).unwrap();
                    let mut head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    head.extend(body);
                    head
                }
                "/huge/worldcup.json" => {
                    b"HTTP/1.1 200 OK\r\nContent-Length: 62914560\r\nConnection: close\r\n\r\n{"
                        .to_vec()
                }
                _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&answer);
        }
    });
    base
}

async fn a_url_imports_like_a_file(backend: Backend) {
    let data = openfootball_dir();
    let base = serve_files(data);
    // Port 1 on this machine: nothing listens there.
    let urls = [
        format!("{base}/2014/worldcup.json"),
        format!("{base}/nowhere/worldcup.json"),
        format!("{base}/huge/worldcup.json"),
        "http://127.0.0.1:1/worldcup.json".to_owned(),
    ];
    let paths = urls.iter().map(PathBuf::from).collect();
    let Some((app, summary)) = spawn_after_import(backend, false, paths).await else {
        return;
    };
    let outcome = |i: usize| {
        let url = &urls[i];
        summary
            .files
            .iter()
            .find(|f| f.path.as_os_str() == url.as_str())
            .map(|f| f.outcome.clone())
            .unwrap_or_else(|| panic!("{url} not reported: {summary:#?}"))
    };
    assert!(matches!(outcome(0), FileOutcome::Done(c) if c.tournaments.created == 1));
    for (i, code) in [
        (1, "FETCH_HTTP_STATUS"),
        (2, "FETCH_TOO_LARGE"),
        (3, "FETCH_UNREACHABLE"),
    ] {
        match outcome(i) {
            FileOutcome::Failed(reason) => {
                assert!(
                    reason.starts_with(&format!("{}: {code}: ", urls[i])),
                    "{reason}"
                )
            }
            other => panic!("{}: {other:?}", urls[i]),
        }
    }
    // The fetched file's tournament, with its final as the file has it; the failures wrote
    // nothing.
    let totals = summary.totals();
    assert_eq!((totals.tournaments.created, summary.failed()), (1, 3));
    let body = app.data(FINAL_2014).await;
    assert_eq!(body["tournament"]["final"]["goals"][0]["minute"], 113);
}

crate::per_backend!(a_url_imports_like_a_file);
