use clap::Parser;

#[tokio::main]
async fn main() {
    let config = saga_devserver::Config::parse();
    let simulate = config.simulate;
    match saga_devserver::serve(config).await {
        Ok(running) => {
            println!(
                "saga-devserver listening on {}{}",
                running.url(),
                if simulate {
                    " (simulating traffic)"
                } else {
                    ""
                }
            );
            println!("demo accounts: superadmin@saga.test, lead@saga.test, sari.agent1@saga.test, sari.agent2@saga.test, savi.agent1@saga.test, safia.agent1@saga.test, viewer@saga.test (password saga-demo-2026)");
            let _ = tokio::signal::ctrl_c().await;
            running.stop().await;
        }
        Err(e) => {
            eprintln!("saga-devserver: {e}");
            std::process::exit(1);
        }
    }
}
