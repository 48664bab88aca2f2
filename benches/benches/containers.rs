//! Container benches: `cablecore::container::SliceReader` over generated `cables.csv`,
//! cablegate HTML pages and concatenated text (counting items, and end-to-end with every
//! cable parsed), the `StreamReader` over the same CSV bytes, and — in the same group — the
//! `memchr` line-count floor over the same bytes. If the sample corpus is present
//! (`../shared/corpus/cables-sample.csv`), the real CSV is benched too.
//!
//! `cargo bench -p cablecore-benches --bench containers [-- FILTER]`

use std::hint::black_box;
use std::path::Path;

use cablecore::container::{Format, Item, SliceReader, StreamReader};
use cablecore_benches::write::corpus_buffers;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn memchr_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn count_items(bytes: &[u8], format: Format) -> usize {
    SliceReader::new(bytes, format)
        .filter(|i| matches!(i, Ok(Item::Cable(_))))
        .count()
}

fn parse_all(bytes: &[u8], format: Format) -> usize {
    let mut n = 0;
    for item in SliceReader::new(bytes, format) {
        if let Ok(Item::Cable(src)) = item {
            let cable = src.parse();
            n += black_box(&cable).paragraphs.len();
        }
    }
    n
}

fn stream_parse_all(bytes: &[u8], format: Format) -> usize {
    let mut n = 0;
    let mut reader = StreamReader::new(bytes, format);
    while let Some(item) = reader.next_item() {
        if let Ok(Item::Cable(src)) = item {
            let cable = src.parse();
            n += black_box(&cable).paragraphs.len();
        }
    }
    n
}

/// One group per container; items, end-to-end parse and the floor share the group.
fn bench_buffer(c: &mut Criterion, group: &str, bytes: &[u8], format: Format, stream: bool) {
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.sample_size(20);
    g.bench_function("memchr_lines", |b| {
        b.iter(|| memchr_lines(black_box(bytes)))
    });
    g.bench_function("slice_items", |b| {
        b.iter(|| count_items(black_box(bytes), format))
    });
    g.bench_function("slice_parse", |b| {
        b.iter(|| parse_all(black_box(bytes), format))
    });
    if stream {
        g.bench_function("stream_parse", |b| {
            b.iter(|| stream_parse_all(black_box(bytes), format))
        });
    }
    g.finish();
}

fn containers(c: &mut Criterion) {
    // ≈ 1,000 cables ≈ 10 MB of CSV (and the same cables as pages and text).
    let (csv, pages, text) = corpus_buffers(9, 1_000);
    bench_buffer(c, "csv", &csv, Format::Csv, true);
    bench_buffer(c, "text", &text, Format::Text, true);

    // HTML: one SliceReader per page, as when reading a directory of pages.
    let total: usize = pages.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(total as u64));
    g.sample_size(20);
    g.bench_function("memchr_lines", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| memchr_lines(black_box(p)))
                .sum::<usize>()
        })
    });
    g.bench_function("slice_items", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| count_items(black_box(p), Format::Html))
                .sum::<usize>()
        })
    });
    g.bench_function("slice_parse", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| parse_all(black_box(p), Format::Html))
                .sum::<usize>()
        })
    });
    g.finish();

    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/cables-sample.csv");
    match std::fs::read(&sample) {
        Ok(real) => bench_buffer(c, "sample_csv", &real, Format::Csv, false),
        Err(e) => eprintln!("skipping sample_csv: {}: {e}", sample.display()),
    }
}

criterion_group!(benches, containers);
criterion_main!(benches);
