//! The `stancer` binary: parses flags and hands over to [`stancer::cli`].

use clap::Parser;

/// Classification allocates many small strings and vectors per document
/// (hits, evidence); mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = stancer::cli::Cli::parse();
    stancer::cli::install_interrupt_handler();
    let code = match stancer::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                0
            } else {
                stancer::cli::say_str(&format!("stancer: error: {e:#}"));
                stancer::cli::exit::ERROR
            }
        }
    };
    std::process::exit(code);
}
