//! The parser's floor: reads a file and parses it into `serde::de::IgnoredAny`, building
//! nothing. `bench/run.sh` times srm against this on the same file, so the distance between
//! srm and its parser shows.
//!
//! `bare-parse yaml FILE` (serde-saphyr, no budget) or `bare-parse json FILE` (serde_json).
use serde::de::IgnoredAny;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(syntax), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: bare-parse yaml|json FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let parsed = match syntax.as_str() {
        "yaml" => {
            let mut options = serde_saphyr::Options::default();
            options.budget = None;
            serde_saphyr::from_str_with_options::<IgnoredAny>(&text, options)
                .map(drop)
                .map_err(|e| e.to_string())
        }
        _ => serde_json::from_str::<IgnoredAny>(&text)
            .map(drop)
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = parsed {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
}
