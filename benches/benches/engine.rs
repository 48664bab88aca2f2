//! Engine benches (no container): the tokenizer, the full record of one cable, and the
//! slow-input series that shows linear time. Every group reports `Throughput::Bytes` and
//! carries a `memchr_lines` floor over the same bytes.
//!
//! `cargo bench -p cablecore-benches --bench engine [-- FILTER]`

use std::hint::black_box;
use std::time::Duration;

use cablecore_benches::gen::{CableSpec, Generator};
use cablecore_benches::slow;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};

fn memchr_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// 300 generated cable texts (≈3 MB), the tokenizer over each.
fn tokenizer(c: &mut Criterion) {
    let texts: Vec<String> = Generator::new(7).take(300).map(|c| c.text()).collect();
    let total: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("tokenizer");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("tokenize_count", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| cablecore::tokenize(black_box(t)).count())
                .sum::<usize>()
        })
    });
    g.bench_function("memchr_lines", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| memchr_lines(black_box(t.as_bytes())))
                .sum::<usize>()
        })
    });
    g.finish();
}

/// `cablecore::parse` on one cable: short, typical (both wrapping regimes), huge one-liner.
fn parse_one(c: &mut Criterion) {
    let spec = |bytes: usize, wrapped: bool, single_line: bool| CableSpec {
        body_bytes: Some(bytes),
        wrapped: Some(wrapped),
        single_line,
        header: Some(cablecore_benches::gen::HeaderShape::Acp),
    };
    let mut gen = Generator::new(3);
    let cases = [
        ("short", gen.cable(&spec(1_500, true, false)).text()),
        (
            "typical_wrapped",
            gen.cable(&spec(8_500, true, false)).text(),
        ),
        (
            "typical_unwrapped",
            gen.cable(&spec(8_500, false, false)).text(),
        ),
        (
            "huge_single_line_16MiB",
            gen.cable(&spec(16 << 20, false, true)).text(),
        ),
    ];
    let mut g = c.benchmark_group("parse");
    for (name, text) in &cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 1 << 20 {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(10));
        }
        g.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| {
            b.iter(|| cablecore::parse(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("memchr_lines", name), text, |b, t| {
            b.iter(|| memchr_lines(black_box(t.as_bytes())))
        });
    }
    g.finish();
}

/// Parse, tokenize and the floor over one slow input.
fn run_slow(g: &mut BenchmarkGroup<'_, WallTime>, name: &str, size: &str, text: &str) {
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(
        BenchmarkId::new(format!("{name}/parse"), size),
        text,
        |b, t| b.iter(|| cablecore::parse(black_box(t))),
    );
    g.bench_with_input(
        BenchmarkId::new(format!("{name}/tokenize"), size),
        text,
        |b, t| b.iter(|| cablecore::tokenize(black_box(t)).count()),
    );
    g.bench_with_input(
        BenchmarkId::new(format!("{name}/memchr_lines"), size),
        text,
        |b, t| b.iter(|| memchr_lines(black_box(t.as_bytes()))),
    );
}

/// Slow inputs: throughput should stay flat as the size grows (linear time).
fn slow_inputs(c: &mut Criterion) {
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    for mib in [1usize, 4, 16] {
        let text = slow::single_line_cable(mib << 20, 5).text();
        run_slow(&mut g, "single_line", &format!("{mib}MiB"), &text);
    }
    for (n, label) in [(10_000usize, "10k"), (100_000, "100k"), (1_000_000, "1M")] {
        run_slow(&mut g, "ref_lines", label, &slow::many_ref_lines(n));
    }
    for (n, label) in [(1_000usize, "1k"), (10_000, "10k")] {
        run_slow(&mut g, "recipients", label, &slow::many_recipients(n));
    }
    g.finish();
}

criterion_group!(benches, tokenizer, parse_one, slow_inputs);
criterion_main!(benches);
