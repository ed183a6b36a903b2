//! The `aims` binary: parse the command line and hand over to `aims::cli`.

use clap::Parser;

// Loading a large workspace makes millions of small allocations on several
// threads; mimalloc makes `aims check` on 10,000 systems about a fifth faster
// than the system allocator (see the README's benchmark section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    keep_to_small_pages();
    aims::cli::main_with(aims::cli::Cli::parse())
}

/// mimalloc asks for transparent huge pages, and the kernel then zeroes
/// 2 MiB at each first touch and, when other programs have left memory
/// fragmented, compacts it on the spot: `aims check` on 10,000 systems took
/// half as long again when PyYAML had run just before it.
#[cfg(target_os = "linux")]
fn keep_to_small_pages() {
    // SAFETY: the call takes plain integers and changes only how this
    // process's memory is backed; if it fails, huge pages stay allowed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn keep_to_small_pages() {}
