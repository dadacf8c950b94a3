//! Stopping cleanly when asked to. `build` and `export` may be interrupted (Ctrl-C,
//! a CI job cancelled, a terminal closed) while they write files. A signal only raises
//! a flag; the command finishes the file it is writing, writes no other, and exits
//! with [`Status::Interrupted`]. Every export is then either its old or its new
//! version, and no temporary file is left. A second signal ends the process at once.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts;
use signal_hook::flag;

use super::Status;

/// Ctrl-C, `kill` (as when a CI job is cancelled), Ctrl-\, a terminal closed.
#[cfg(unix)]
const SIGNALS: &[i32] = &[
    consts::SIGINT,
    consts::SIGTERM,
    consts::SIGQUIT,
    consts::SIGHUP,
];
#[cfg(not(unix))]
const SIGNALS: &[i32] = consts::TERM_SIGNALS;

/// Whether SIGINT, SIGTERM, SIGQUIT or SIGHUP has arrived since [`Interrupt::catch`].
pub struct Interrupt {
    requested: Arc<AtomicBool>,
}

impl Interrupt {
    /// From now on, the termination signals raise the flag instead of ending the
    /// process; a second one ends it with [`Status::Interrupted`].
    pub fn catch() -> io::Result<Self> {
        let requested = Arc::new(AtomicBool::new(false));
        for &signal in SIGNALS {
            // Registered first, so it sees the flag as the previous signal left it.
            flag::register_conditional_shutdown(
                signal,
                Status::Interrupted as i32,
                Arc::clone(&requested),
            )?;
            flag::register(signal, Arc::clone(&requested))?;
        }
        Ok(Interrupt { requested })
    }

    pub fn requested(&self) -> bool {
        self.requested.load(Ordering::Relaxed)
    }
}
