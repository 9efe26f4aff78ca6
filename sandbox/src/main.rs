//! `mangopay-sandbox --port 8790`: see `--help` and the README's "Sandbox" section.

use std::process::ExitCode;

fn main() -> ExitCode {
    let config = match mangopay_sandbox::config::parse(std::env::args().skip(1), |k| {
        std::env::var(k).ok()
    }) {
        Ok(Some(c)) => c,
        Ok(None) => {
            print!("{}", mangopay_sandbox::config::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("mangopay-sandbox: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mangopay-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let admin = config.admin;
        let ids: Vec<String> = config
            .credentials
            .iter()
            .map(|(id, _)| id.clone())
            .collect();
        let sandbox = match mangopay_sandbox::start(config).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("mangopay-sandbox: cannot listen: {e}");
                return ExitCode::FAILURE;
            }
        };
        eprintln!(
            "mangopay-sandbox listening on http://{} (public URL {}); ClientIds: {}{}",
            sandbox.addr(),
            sandbox.url(),
            ids.join(", "),
            if admin {
                "; admin API on /__sandbox/"
            } else {
                ""
            }
        );
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("mangopay-sandbox: stopping");
        sandbox.shutdown();
        ExitCode::SUCCESS
    })
}
