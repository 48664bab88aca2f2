//! Write a generated corpus of invented cables.
//!
//! ```text
//! gencorpus --format csv|html|text --cables N [--seed S] [--bytes B] [--body-median B]
//!           [--facts FILE] OUT
//! ```
//!
//! * `csv`: one `cables.csv` file (`OUT` may be `-` for stdout);
//! * `text`: concatenated telegram texts, each after a metadata block (`-` for stdout);
//! * `html`: `OUT` is a directory, filled with cablegate pages `YYYY/MM/REFID.html`.
//!
//! `--cables` and/or `--bytes` bound the output. The full dump is 251,287 cables in ≈1.7 GB
//! (6.8 KB a row); the generated bodies follow the 783-cable sample (median 8.5 KB), which
//! is larger, so 251,287 of them make ≈2.5 GB. `--body-median B` sets the median body size
//! (default 8490): `--cables 251287 --body-median 5600` matches both the dump's count and
//! its volume. `--facts FILE` writes one tab-separated line of facts per cable
//! (index, id, refid, classification, paragraphs, page breaks, tags, subject).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use cablecore_benches::gen::{CableFacts, Config, Generator};
use cablecore_benches::parse_num;
use cablecore_benches::write::{write_corpus, write_html_dir, Format, Limits};

const USAGE: &str = "usage: gencorpus --format csv|html|text --cables N [--seed S] [--bytes B] [--body-median B] [--facts FILE] OUT";

struct Args {
    format: Format,
    limits: Limits,
    seed: u64,
    config: Config,
    facts: Option<PathBuf>,
    out: String,
}

fn parse_args() -> Result<Args, String> {
    let mut format = None;
    let mut limits = Limits::default();
    let mut seed = 1u64;
    let mut config = Config::default();
    let mut facts = None;
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--format" => format = Some(value("--format")?.parse::<Format>()?),
            "--cables" => {
                limits.cables = Some(parse_num(&value("--cables")?)?);
            }
            "--bytes" => limits.bytes = Some(parse_num(&value("--bytes")?)?),
            "--seed" => seed = parse_num(&value("--seed")?)?,
            "--body-median" => {
                let b = parse_num(&value("--body-median")?)?;
                if !(600..=70_000).contains(&b) {
                    return Err("--body-median must be between 600 and 70000 bytes".into());
                }
                config.body_median = b as f64;
            }
            "--facts" => facts = Some(PathBuf::from(value("--facts")?)),
            "-h" | "--help" => return Err(String::new()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ if out.is_none() => out = Some(a),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    if limits.cables.is_none() && limits.bytes.is_none() {
        return Err("give --cables N and/or --bytes B".into());
    }
    Ok(Args {
        format: format.ok_or("--format is required")?,
        limits,
        seed,
        config,
        facts,
        out: out.ok_or("OUT is required")?,
    })
}

fn facts_line(w: &mut impl Write, f: &CableFacts) -> io::Result<()> {
    writeln!(
        w,
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        f.index,
        f.id,
        f.reference_id,
        f.classification.as_str(),
        f.paragraph_numbers.len(),
        f.page_breaks,
        f.tags.join(" "),
        f.subject.as_deref().unwrap_or("")
    )
}

fn run(args: Args) -> io::Result<()> {
    let mut gen = Generator::with_config(args.seed, args.config.clone());
    let mut facts_out = match &args.facts {
        Some(p) => Some(BufWriter::new(File::create(p)?)),
        None => None,
    };
    let mut facts_err: io::Result<()> = Ok(());
    let mut on_cable = |f: &CableFacts| {
        if let (Some(w), Ok(())) = (facts_out.as_mut(), &facts_err) {
            facts_err = facts_line(w, f);
        }
    };
    let start = Instant::now();
    let summary = match args.format {
        Format::Html => write_html_dir(&mut gen, args.limits, args.out.as_ref(), &mut on_cable)?,
        _ if args.out == "-" => {
            let stdout = io::stdout();
            let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
            let s = write_corpus(&mut gen, args.format, args.limits, &mut w, &mut on_cable)?;
            w.flush()?;
            s
        }
        _ => {
            let mut w = BufWriter::with_capacity(1 << 20, File::create(&args.out)?);
            let s = write_corpus(&mut gen, args.format, args.limits, &mut w, &mut on_cable)?;
            w.flush()?;
            s
        }
    };
    facts_err?;
    if let Some(mut w) = facts_out {
        w.flush()?;
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "gencorpus: {} cables, {} bytes ({:.1} MB; headers {:.1} MB, bodies {:.1} MB) as {} in {:.2} s ({:.0} MB/s)",
        summary.cables,
        summary.bytes,
        summary.bytes as f64 / 1e6,
        summary.header_bytes as f64 / 1e6,
        summary.body_bytes as f64 / 1e6,
        args.format.as_str(),
        secs,
        summary.bytes as f64 / 1e6 / secs.max(1e-9)
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gencorpus: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gencorpus: {e}");
            ExitCode::FAILURE
        }
    }
}
