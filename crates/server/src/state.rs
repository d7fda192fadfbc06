//! Shared server state: the open index, swapped for a new one when the index folder switches to a
//! new generation, so the server keeps answering while the index is rebuilt.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use plansearch_index::build::manifest::Manifest;
use plansearch_index::Engine;

/// How often the server checks whether the index was rebuilt.
pub const RELOAD_INTERVAL: Duration = Duration::from_secs(1);

/// State shared by every request.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    engine: RwLock<Arc<Engine>>,
}

impl AppState {
    /// Opens the index at `dir`.
    pub fn open(dir: PathBuf) -> plansearch_index::Result<Self> {
        let engine = Engine::open(&dir)?;
        Ok(Self::from_engine(dir, engine))
    }

    /// Wraps an already open engine.
    pub fn from_engine(dir: PathBuf, engine: Engine) -> Self {
        AppState { inner: Arc::new(Inner { dir, engine: RwLock::new(Arc::new(engine)) }) }
    }

    /// The current engine. Requests hold their own `Arc`, so a swap never disturbs a request.
    pub fn engine(&self) -> Arc<Engine> {
        match self.inner.engine.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reopens the index if its manifest now names another generation. Returns true on a swap.
    pub fn reload_if_changed(&self) -> bool {
        let current = self.engine();
        let Ok(Some(m)) = Manifest::load(&self.inner.dir) else { return false };
        if m.generation == current.manifest().generation && m.revision == current.manifest().revision {
            return false;
        }
        match Engine::open(&self.inner.dir) {
            Ok(engine) => {
                let mut guard = match self.inner.engine.write() {
                    Ok(g) => g,
                    Err(poisoned) => poisoned.into_inner(),
                };
                *guard = Arc::new(engine);
                tracing::info!(generation = %m.generation, "index reloaded");
                true
            }
            Err(e) => {
                tracing::warn!("index changed but could not be opened yet: {e}");
                false
            }
        }
    }

    /// Checks for a rebuilt index every [`RELOAD_INTERVAL`] in the background.
    pub fn spawn_reloader(&self) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(RELOAD_INTERVAL);
            loop {
                tick.tick().await;
                let s = state.clone();
                let _ = tokio::task::spawn_blocking(move || s.reload_if_changed()).await;
            }
        });
    }
}
