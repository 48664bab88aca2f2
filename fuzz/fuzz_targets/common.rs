//! Shared checks: the items of a reader tile the input, and the streaming reader
//! (fed in small chunks) gives the same items as the slice reader.

use std::io::{self, Read};

use cablecore::container::{Format, Item, SliceReader, StreamReader};

/// A reader that hands out at most `n` bytes per call.
struct Chunks<'a>(&'a [u8], usize);

impl Read for Chunks<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.0.len().min(self.1).min(out.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// Read `data` as `format`; panic if the items do not tile it or if streaming differs.
pub fn check(data: &[u8], format: Format, parse: bool) {
    let mut at = 0u64;
    let mut slice = Vec::new();
    for item in SliceReader::new(data, format) {
        match item {
            Ok(item) => {
                let span = item.span();
                assert_eq!(span.start, at, "items must tile the input");
                at = span.end;
                if parse {
                    if let Item::Cable(c) = &item {
                        let _ = c.parse();
                    }
                }
                slice.push(format!("{:?}", item));
            }
            Err(e) => slice.push(format!("{:?}", e)),
        }
    }
    assert_eq!(at, data.len() as u64, "items must cover the input");
    let chunk = 1 + data.first().map_or(0, |&b| usize::from(b % 13));
    let mut stream = StreamReader::with_capacity(chunk, Chunks(data, chunk), format);
    let mut streamed = Vec::new();
    while let Some(item) = stream.next_item() {
        streamed.push(match item {
            Ok(item) => format!("{:?}", item),
            Err(e) => format!("{:?}", e),
        });
    }
    assert_eq!(
        slice, streamed,
        "streaming must give the slice reader's items"
    );
}
