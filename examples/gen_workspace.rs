//! Generates a large, valid workspace for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_workspace -- DIR 10000
//! ```

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_workspace DIR COUNT");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("COUNT must be a whole number, found {count}");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = aims::sample::generate(&dir, count) {
        eprintln!("cannot write {}: {e}", dir.display());
        std::process::exit(1);
    }
    eprintln!("wrote {count} systems to {}", dir.display());
}
