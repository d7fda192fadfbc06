//! The HTTP side of plansearch: an axum [`app`] serving the JSON API and the embedded search page,
//! and [`serve`], which runs it with graceful shutdown and reloads the index when it is rebuilt.
//!
//! Every handler answers with the same types as the CLI's `--json` (see
//! `plansearch_index::api`); errors are JSON `{"error":{"code","message"}}` with the status
//! chosen in one place ([`error::ApiError`]).

// Nothing a user or a file controls may panic: no unwrap/expect outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod error;
pub mod routes;
pub mod state;

pub use routes::app;
pub use state::AppState;

use std::net::SocketAddr;
use std::path::PathBuf;

/// Errors of the server crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("`{0}` is not an address like 127.0.0.1:8080")]
    BadAddress(String),
    #[error(transparent)]
    Index(#[from] plansearch_index::Error),
    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Serves the index at `index_dir` on `addr` until Ctrl-C (or SIGTERM).
pub async fn serve(addr: &str, index_dir: PathBuf) -> Result<()> {
    let socket: SocketAddr = addr.parse().map_err(|_| Error::BadAddress(addr.to_string()))?;
    let state = AppState::open(index_dir)?;
    state.spawn_reloader();
    // Requests are answered meanwhile (each cut with a dictionary of its own words).
    let engine = state.engine();
    tokio::task::spawn_blocking(move || engine.preload_dictionary());
    let listener =
        tokio::net::TcpListener::bind(socket).await.map_err(|e| Error::Bind { addr: addr.to_string(), source: e })?;
    let local = listener.local_addr()?;
    let scope = if local.ip().is_loopback() {
        "loopback only: other machines cannot connect"
    } else {
        "reachable from the network"
    };
    let stats = state.engine().stats();
    println!(
        "plansearch: serving {} documents, {} passages at http://{local}/ ({scope}); Ctrl-C stops",
        stats.documents, stats.passages
    );
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown_signal()).await?;
    println!("plansearch: stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
