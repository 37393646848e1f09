//! The parser's floor: reads a file and parses it into `serde::de::IgnoredAny`, building
//! nothing. `bench/run.sh` times srm against this on the same file, so the distance between
//! srm and its parser shows.
//!
//! `bare-parse yaml FILE` (serde-saphyr, no budget), `bare-parse json FILE` (serde_json), or
//! `bare-parse lines FILE` (each line of a newline-delimited file, read one at a time, parsed
//! by serde_json: the floor of `srm plan` on an asset export).
use std::io::BufRead;

use serde::de::IgnoredAny;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(syntax), Some(path)) = (args.next(), args.next()) else {
        eprintln!("usage: bare-parse yaml|json|lines FILE");
        std::process::exit(2);
    };
    if syntax == "lines" {
        let file = std::fs::File::open(&path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        });
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let mut line = String::new();
        let mut n = 0u64;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    eprintln!("{path}: {e}");
                    std::process::exit(1);
                }
            }
            if serde_json::from_str::<IgnoredAny>(&line).is_err() {
                eprintln!("{path}: line {} is not JSON", n + 1);
                std::process::exit(1);
            }
            n += 1;
        }
        println!("{n} lines");
        return;
    }
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
