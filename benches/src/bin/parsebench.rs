//! End-to-end throughput: read a container, parse every field of every cable, single-threaded.
//!
//! ```text
//! parsebench --csv PATH            # a cables.csv, read into memory, SliceReader
//! parsebench --text PATH           # concatenated / scraped text
//! parsebench --html PATH           # one page, or a directory of pages (PathReader)
//! parsebench --generate N [--format csv|text|html] [--seed S] [--bytes B] [--body-median B]
//!            [--keep]
//!                                  # generate N invented cables to a temp file (streamed),
//!                                  # then parse it with the StreamReader (flat memory)
//! options: --stream (use the StreamReader for --csv/--text too), --min-bytes B (repeat small
//!          in-memory inputs until B bytes were parsed; default 256M)
//! ```
//!
//! Prints MB/s, cables/s, peak RSS (`VmHWM`), and the ratio to a floor measured in the same
//! run over the same bytes: counting lines with `memchr`. Repeated in-memory passes are
//! timed one by one too: the median pass and the quartiles are steadier than the total on a
//! shared machine. For in-memory inputs it also
//! times the tokenizer alone over the cables' header and body texts, next to two floors
//! over those same texts: `memchr_iter(..).count()` (memchr's SIMD counter) and a walk
//! that finds each line with one `memchr` call (what any line-oriented scanner must do).

use std::fs::{self, File};
use std::hint::black_box;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use cablecore::container::{Format as CFormat, Item, PathReader, SliceReader, StreamReader};
use cablecore::Cable;
use cablecore_benches::gen::{Config, Generator};
use cablecore_benches::write::{write_corpus, write_html_dir, Format, Limits};
use cablecore_benches::{parse_num, peak_rss_bytes, reset_peak_rss};

const USAGE: &str = "usage: parsebench (--csv PATH | --text PATH | --html PATH | --generate N [--format csv|text|html] [--seed S] [--bytes B] [--body-median B] [--keep]) [--stream] [--min-bytes B]";

enum Input {
    File(PathBuf, Format),
    Generate {
        cables: u64,
        bytes: Option<u64>,
        format: Format,
        seed: u64,
        config: Config,
        keep: bool,
    },
}

struct Args {
    input: Input,
    stream: bool,
    min_bytes: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut gen_format = Format::Csv;
    let mut seed = 1;
    let mut bytes = None;
    let mut keep = false;
    let mut config = Config::default();
    let mut stream = false;
    let mut min_bytes = 256_000_000;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--csv" => input = Some(Input::File(value("--csv")?.into(), Format::Csv)),
            "--text" => input = Some(Input::File(value("--text")?.into(), Format::Text)),
            "--html" => input = Some(Input::File(value("--html")?.into(), Format::Html)),
            "--generate" => {
                input = Some(Input::Generate {
                    cables: parse_num(&value("--generate")?)?,
                    bytes: None,
                    format: Format::Csv,
                    seed: 1,
                    config: Config::default(),
                    keep: false,
                })
            }
            "--body-median" => {
                let b = parse_num(&value("--body-median")?)?;
                if !(600..=70_000).contains(&b) {
                    return Err("--body-median must be between 600 and 70000 bytes".into());
                }
                config.body_median = b as f64;
            }
            "--format" => gen_format = value("--format")?.parse()?,
            "--seed" => seed = parse_num(&value("--seed")?)?,
            "--bytes" => bytes = Some(parse_num(&value("--bytes")?)?),
            "--keep" => keep = true,
            "--stream" => stream = true,
            "--min-bytes" => min_bytes = parse_num(&value("--min-bytes")?)?,
            "-h" | "--help" => return Err(String::new()),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    let input = match input.ok_or("give --csv, --text, --html or --generate")? {
        Input::Generate { cables, .. } => Input::Generate {
            cables,
            bytes,
            format: gen_format,
            seed,
            config,
            keep,
        },
        other => other,
    };
    Ok(Args {
        input,
        stream,
        min_bytes,
    })
}

fn cformat(f: Format) -> CFormat {
    match f {
        Format::Csv => CFormat::Csv,
        Format::Html => CFormat::Html,
        Format::Text => CFormat::Text,
    }
}

/// What the parser found (summed over all cables), printed so the work is visible.
#[derive(Default, Debug)]
struct Tally {
    cables: u64,
    errors: u64,
    tags: u64,
    paragraphs: u64,
    references: u64,
    recipients: u64,
    subjects: u64,
    signed: u64,
}

impl Tally {
    /// Parse the item if it is a cable (every field) and count what it holds.
    fn item(&mut self, item: cablecore::Result<Item<'_>>) {
        match item {
            Ok(Item::Cable(src)) => {
                let cable = src.parse();
                self.add(black_box(&cable));
            }
            Ok(_) => {}
            Err(_) => self.errors += 1,
        }
    }

    fn add(&mut self, c: &Cable<'_>) {
        self.cables += 1;
        self.tags += c.tags.len() as u64;
        self.paragraphs += c.paragraphs.len() as u64;
        self.references += c.references.len() as u64;
        self.recipients += (c.recipients.len() + c.info_recipients.len()) as u64;
        self.subjects += u64::from(c.subject.is_some());
        self.signed += u64::from(!c.signers.is_empty());
    }
}

struct Timing {
    bytes: u64,
    passes: u64,
    time: Duration,
    /// The time of each pass, when the passes were timed one by one.
    each: Vec<Duration>,
}

impl Timing {
    fn mb_s(&self) -> f64 {
        (self.bytes * self.passes) as f64 / 1e6 / self.time.as_secs_f64().max(1e-9)
    }
}

/// Floor: count lines with memchr over an in-memory buffer.
fn floor_slice(buf: &[u8], passes: u64) -> (Timing, u64) {
    let start = Instant::now();
    let mut lines = 0;
    for _ in 0..passes {
        lines = black_box(memchr::memchr_iter(b'\n', black_box(buf)).count() as u64);
    }
    (
        Timing {
            bytes: buf.len() as u64,
            passes,
            time: start.elapsed(),
            each: Vec::new(),
        },
        lines,
    )
}

/// Floor over files: read each in 1 MiB chunks and count lines.
fn floor_files(files: &[PathBuf]) -> io::Result<(Timing, u64)> {
    let mut buf = vec![0u8; 1 << 20];
    let start = Instant::now();
    let (mut bytes, mut lines) = (0u64, 0u64);
    for p in files {
        let mut f = File::open(p)?;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        }
    }
    Ok((
        Timing {
            bytes,
            passes: 1,
            time: start.elapsed(),
            each: Vec::new(),
        },
        lines,
    ))
}

/// The header and body texts of every cable of `buf`, for the tokenizer-alone timing.
fn cable_texts(buf: &[u8], format: Format) -> Vec<(Option<String>, Option<String>)> {
    SliceReader::new(buf, cformat(format))
        .filter_map(|item| match item {
            Ok(Item::Cable(src)) => Some((
                src.header.as_deref().map(str::to_owned),
                src.body.as_deref().map(str::to_owned),
            )),
            _ => None,
        })
        .collect()
}

/// Tokenizer alone over the texts (header and body regions), and the two floors over
/// the same bytes: `(tokenizer, line count, line walk)`.
fn tokenize_texts(texts: &[(Option<String>, Option<String>)], passes: u64) -> [Timing; 3] {
    use cablecore::{Region, Tokenizer};
    let regions = || {
        texts.iter().flat_map(|(h, b)| {
            [(h, Region::Header), (b, Region::Body)]
                .into_iter()
                .filter_map(|(t, r)| Some((t.as_deref()?, r)))
        })
    };
    let bytes: u64 = regions().map(|(t, _)| t.len() as u64).sum();
    let time = |f: &dyn Fn(&str, Region) -> usize| {
        let start = Instant::now();
        for _ in 0..passes {
            let n: usize = regions().map(|(t, r)| f(black_box(t), r)).sum();
            black_box(n);
        }
        Timing {
            bytes,
            passes,
            time: start.elapsed(),
            each: Vec::new(),
        }
    };
    let tok = time(&|t, r| Tokenizer::new(t, r).count());
    let count = time(&|t, _| memchr::memchr_iter(b'\n', t.as_bytes()).count());
    let walk = time(&|t, _| {
        let b = t.as_bytes();
        let (mut pos, mut n) = (0, 0);
        while pos < b.len() {
            n += usize::from(b[pos]);
            pos = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i + 1);
        }
        n
    });
    [tok, count, walk]
}

fn parse_slice(buf: &[u8], format: Format, passes: u64) -> (Timing, Tally) {
    let mut tally = Tally::default();
    let mut each = Vec::with_capacity(passes as usize);
    let start = Instant::now();
    for pass in 0..passes {
        let t0 = Instant::now();
        let mut t = Tally::default();
        for item in SliceReader::new(buf, cformat(format)) {
            t.item(item);
        }
        each.push(t0.elapsed());
        if pass == 0 {
            tally = t;
        }
    }
    (
        Timing {
            bytes: buf.len() as u64,
            passes,
            time: start.elapsed(),
            each,
        },
        tally,
    )
}

/// The median pass and the quartiles, in MB/s (`None` under five passes). On a
/// shared machine whose speed swings, the median pass is steadier than the total.
fn pass_quartiles(t: &Timing) -> Option<[f64; 3]> {
    if t.each.len() < 5 {
        return None;
    }
    let mut mb: Vec<f64> = t
        .each
        .iter()
        .map(|d| t.bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9))
        .collect();
    mb.sort_by(f64::total_cmp);
    let at = |q: usize| mb[(mb.len() - 1) * q / 4];
    Some([at(1), at(2), at(3)])
}

fn parse_stream(path: &Path, format: Format) -> io::Result<(Timing, Tally)> {
    let mut tally = Tally::default();
    let start = Instant::now();
    let mut reader = StreamReader::new(File::open(path)?, cformat(format));
    while let Some(item) = reader.next_item() {
        tally.item(item);
    }
    Ok((
        Timing {
            bytes: reader.bytes_read(),
            passes: 1,
            time: start.elapsed(),
            each: Vec::new(),
        },
        tally,
    ))
}

fn parse_paths(path: &Path, format: Format, bytes: u64) -> io::Result<(Timing, Tally)> {
    let mut tally = Tally::default();
    let start = Instant::now();
    let reader = PathReader::open(path, cformat(format)).map_err(io::Error::other)?;
    for src in reader {
        match src {
            Ok(src) => {
                let cable = src.parse();
                tally.add(black_box(&cable));
            }
            Err(_) => tally.errors += 1,
        }
    }
    Ok((
        Timing {
            bytes,
            passes: 1,
            time: start.elapsed(),
            each: Vec::new(),
        },
        tally,
    ))
}

/// All files under `path` (or `path` itself), sorted.
fn files_under(path: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for e in entries {
            out.extend(files_under(&e)?);
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(out)
}

fn report(what: &str, floor: &Timing, lines: u64, parse: &Timing, tally: &Tally) {
    let cables_s = (tally.cables * parse.passes) as f64 / parse.time.as_secs_f64().max(1e-9);
    let parse_mb = parse.mb_s();
    let floor_mb = floor.mb_s();
    println!("input:  {what}");
    println!(
        "        {:.2} MB, {} cables, {} lines{}",
        parse.bytes as f64 / 1e6,
        tally.cables,
        lines,
        if parse.passes > 1 {
            format!(", {} passes", parse.passes)
        } else {
            String::new()
        }
    );
    println!("floor:  memchr line count   {floor_mb:>10.1} MB/s");
    println!("parse:  end-to-end          {parse_mb:>10.1} MB/s   {cables_s:>10.0} cables/s");
    if let Some([q1, median, q3]) = pass_quartiles(parse) {
        println!(
            "        one pass at a time: median {median:.1} MB/s, quartiles {q1:.1}-{q3:.1} MB/s"
        );
    }
    println!(
        "ratio:  parse / floor = {:.4} (the floor is {:.1}x faster)",
        parse_mb / floor_mb.max(1e-9),
        floor_mb / parse_mb.max(1e-9)
    );
    match peak_rss_bytes() {
        Some(b) => println!("memory: peak RSS {:.1} MB", b as f64 / 1e6),
        None => println!("memory: peak RSS unavailable (no /proc/self/status)"),
    }
    println!(
        "found:  {} tags, {} paragraphs, {} references, {} recipients, {} subjects, {} signed, {} reader errors",
        tally.tags,
        tally.paragraphs,
        tally.references,
        tally.recipients,
        tally.subjects,
        tally.signed,
        tally.errors
    );
}

fn run_file(path: &Path, format: Format, stream: bool, min_bytes: u64) -> io::Result<()> {
    if format == Format::Html || stream {
        let files = files_under(path)?;
        let (floor, lines) = floor_files(&files)?;
        reset_peak_rss();
        let (timing, tally) = if format == Format::Html {
            parse_paths(path, format, floor.bytes)?
        } else {
            parse_stream(path, format)?
        };
        let how = if format == Format::Html {
            "PathReader"
        } else {
            "StreamReader"
        };
        report(
            &format!("{} ({}, {how})", path.display(), format.as_str()),
            &floor,
            lines,
            &timing,
            &tally,
        );
        return Ok(());
    }
    let buf = fs::read(path)?;
    let passes = (min_bytes / (buf.len() as u64).max(1)).clamp(1, 1000);
    // Warm up once (page faults, caches), then measure.
    let _ = parse_slice(&buf, format, 1);
    let (floor, lines) = floor_slice(&buf, passes);
    let (timing, tally) = parse_slice(&buf, format, passes);
    report(
        &format!(
            "{} ({}, in memory, SliceReader)",
            path.display(),
            format.as_str()
        ),
        &floor,
        lines,
        &timing,
        &tally,
    );
    let texts = cable_texts(&buf, format);
    let [tok, count, walk] = tokenize_texts(&texts, passes);
    let (tok_mb, count_mb, walk_mb) = (tok.mb_s(), count.mb_s(), walk.mb_s());
    println!(
        "tokens: tokenizer alone     {tok_mb:>10.1} MB/s   (header and body texts, {:.2} MB)",
        tok.bytes as f64 / 1e6
    );
    println!(
        "        floors over the same texts: memchr line count {count_mb:.1} MB/s ({:.1}x the tokenizer), memchr line walk {walk_mb:.1} MB/s ({:.1}x)",
        count_mb / tok_mb.max(1e-9),
        walk_mb / tok_mb.max(1e-9)
    );
    Ok(())
}

fn run_generate(
    cables: u64,
    bytes: Option<u64>,
    format: Format,
    seed: u64,
    config: Config,
    keep: bool,
) -> io::Result<()> {
    let dir = std::env::temp_dir();
    let name = format!(
        "cablecore-parsebench-{}-{seed}-{cables}.{}",
        std::process::id(),
        format.as_str()
    );
    let path = dir.join(name);
    let limits = Limits {
        cables: Some(cables),
        bytes,
    };
    let start = Instant::now();
    let mut gen = Generator::with_config(seed, config);
    let summary = if format == Format::Html {
        write_html_dir(&mut gen, limits, &path, |_| {})?
    } else {
        let mut w = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        let s = write_corpus(&mut gen, format, limits, &mut w, |_| {})?;
        w.flush()?;
        s
    };
    eprintln!(
        "generated {} cables, {:.1} MB in {:.1} s -> {}",
        summary.cables,
        summary.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        path.display()
    );
    let result = run_file(&path, format, true, 0);
    if keep {
        eprintln!("kept {}", path.display());
    } else if format == Format::Html {
        let _ = fs::remove_dir_all(&path);
    } else {
        let _ = fs::remove_file(&path);
    }
    result
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("parsebench: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match args.input {
        Input::File(path, format) => run_file(&path, format, args.stream, args.min_bytes),
        Input::Generate {
            cables,
            bytes,
            format,
            seed,
            config,
            keep,
        } => run_generate(cables, bytes, format, seed, config, keep),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parsebench: {e}");
            ExitCode::FAILURE
        }
    }
}
