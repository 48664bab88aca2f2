//! `cablecat` — parse cables and print one JSON object per cable (JSON Lines),
//! or a human summary table.
//!
//! ```text
//! cablecat [--summary] [--format auto|csv|html|text] [--year YYYY]
//!          [--reference-id ID] [FILE|DIR|-]...
//! ```
//!
//! With no input it parses the bundled sample cables (invented text in the
//! real format). Bad cables are reported on stderr with their position and
//! reading goes on.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use cablecore::container::{CableSource, Format, PathReader, StreamReader};
use cablecore::{Cable, Context};

/// The bundled sample: invented cables in the real format.
const SAMPLE: &[(&str, &str)] = &[
    (
        "09VALLETTA417.txt",
        include_str!("sample/09VALLETTA417.txt"),
    ),
    ("10HELSINKI58.txt", include_str!("sample/10HELSINKI58.txt")),
    ("88LUSAKA2210.txt", include_str!("sample/88LUSAKA2210.txt")),
    ("08STATE90112.txt", include_str!("sample/08STATE90112.txt")),
    (
        "fragment-ref-tags.txt",
        include_str!("sample/fragment-ref-tags.txt"),
    ),
];

const USAGE: &str = "usage: cablecat [--summary] [--format auto|csv|html|text] [--year YYYY] \
[--reference-id ID] [FILE|DIR|-]...
Parses cables and prints one JSON object per cable (JSON Lines), or with --summary a table.
With no FILE, parses the bundled sample cables.";

struct Options {
    summary: bool,
    format: Format,
    year: Option<i32>,
    reference_id: Option<String>,
    inputs: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        summary: false,
        format: Format::Auto,
        year: None,
        reference_id: None,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--summary" => o.summary = true,
            "--json" => o.summary = false,
            "--format" => {
                let v = args.next().ok_or("--format needs a value")?;
                o.format = v.parse().map_err(|_| format!("unknown format {v:?}"))?;
            }
            "--year" => {
                let v = args.next().ok_or("--year needs a value")?;
                o.year = Some(v.parse().map_err(|_| format!("bad year {v:?}"))?);
            }
            "--reference-id" => {
                o.reference_id = Some(args.next().ok_or("--reference-id needs a value")?);
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => o.inputs.push(a),
        }
    }
    Ok(o)
}

/// Prints cables as JSON lines or summary rows.
struct Printer<W: Write> {
    out: W,
    summary: bool,
    count: u64,
}

impl<W: Write> Printer<W> {
    fn header(&mut self) -> io::Result<()> {
        if self.summary {
            writeln!(
                self.out,
                "{:<24} {:<10} {:<14} {:<28} SUBJECT",
                "REFERENCE ID", "DATE", "CLASS", "TAGS"
            )?;
        }
        Ok(())
    }

    fn cable(&mut self, cable: &Cable<'_>) -> io::Result<()> {
        self.count += 1;
        if !self.summary {
            serde_json::to_writer(&mut self.out, cable)?;
            return writeln!(self.out);
        }
        let id = cable.reference_id.as_deref().unwrap_or("-");
        let date = cable
            .created
            .map(|d| d.date().to_string())
            .or_else(|| cable.dtg.map(|d| d.date_naive().to_string()))
            .unwrap_or_else(|| "-".into());
        let class = cable
            .classification
            .as_deref()
            .map(str::to_string)
            .or_else(|| cable.banner_classification.map(|l| l.as_str().to_string()))
            .unwrap_or_else(|| "-".into());
        let tags = cable.tags.join(" ");
        let subject = cable.subject.as_deref().unwrap_or("-");
        writeln!(
            self.out,
            "{:<24} {:<10} {:<14} {:<28} {}",
            clip(id, 24),
            date,
            clip(&class, 14),
            clip(&tags, 28),
            clip(subject, 60)
        )
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn context(o: &Options) -> Context<'_> {
    Context {
        reference_id: o.reference_id.as_deref(),
        year: o.year,
    }
}

/// Parse a container cable, with command-line context for what the container lacks.
fn parse_source<'s>(src: &'s CableSource<'_>, o: &Options) -> Cable<'s> {
    let mut ctx = context(o);
    if let Some(r) = src.reference_id.as_deref() {
        ctx.reference_id = Some(r);
    }
    let mut input = src.input();
    input.position = Some(src.position);
    cablecore::parse_input(&input, ctx)
}

fn report(name: &str, e: &cablecore::Error) {
    eprintln!("cablecat: {name}: {e}");
}

fn run(o: &Options) -> io::Result<bool> {
    let stdout = io::stdout();
    let mut p = Printer {
        out: BufWriter::new(stdout.lock()),
        summary: o.summary,
        count: 0,
    };
    p.header()?;
    let mut ok = true;
    if o.inputs.is_empty() {
        // The bundled sample: one cable per file.
        for (_name, text) in SAMPLE {
            let cable = cablecore::parse_with(text, context(o));
            p.cable(&cable)?;
        }
    }
    for input in &o.inputs {
        if input == "-" {
            let mut stream = StreamReader::new(io::stdin().lock(), o.format);
            while let Some(item) = stream.next_cable() {
                match item {
                    Ok(src) => p.cable(&parse_source(&src, o))?,
                    Err(e) => {
                        ok = false;
                        report("<stdin>", &e);
                    }
                }
            }
            continue;
        }
        let reader = match PathReader::open(input, o.format) {
            Ok(r) => r,
            Err(e) => {
                ok = false;
                report(input, &e);
                continue;
            }
        };
        for item in reader {
            match item {
                Ok(src) => p.cable(&parse_source(&src, o))?,
                Err(e) => {
                    ok = false;
                    report(input, &e);
                }
            }
        }
    }
    p.out.flush()?;
    if o.summary {
        eprintln!("{} cables", p.count);
    }
    Ok(ok)
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("cablecat: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    // A broken pipe (`cablecat | head`) ends quietly.
    match run(&o) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cablecat: {e}");
            ExitCode::from(1)
        }
    }
}
