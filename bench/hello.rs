//! The floor for the benchmark: the cheapest Rust program, built with srm's release profile.
fn main() {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(b"hello\n");
}
