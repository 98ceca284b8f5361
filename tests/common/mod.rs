//! Helpers shared by the integration tests.

use std::path::PathBuf;

#[allow(dead_code)]
/// `../shared` beside the repository: real pages the tests read but do not ship.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared")
}

#[allow(dead_code)]
/// The path of a file under `../shared`, or `None` after saying loudly that the test is skipped.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join(relative);
    if path.exists() {
        Some(path)
    } else {
        // Written to stderr directly, not through eprintln!, so that the test harness
        // does not swallow it: a skip must be seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: {} is missing (the shared folder with real pages is not beside this checkout); \
             this test checked nothing.",
            path.display()
        );
        None
    }
}

#[allow(dead_code)]
pub fn asset(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets").join(name)
}
