//! Streaming over any [`std::io::Read`].

use std::io::{self, Read};

use crate::error::Error;

use super::scan::{Driver, Step, MAX_ITEM_BYTES};
use super::{detect, CableSource, Format, Item, DETECT_BYTES};

/// Default buffer size: 256 KiB. Each refill moves the unread start of a cable to the
/// front of the buffer; the bigger the buffer, the rarer the refills (with 64 KiB, the
/// moves cost ~5% of reading a `cables.csv`), while the bytes read are still in the
/// cache when they are scanned.
const DEFAULT_CAPACITY: usize = 256 << 10;

/// Streaming reader over any [`std::io::Read`]; memory bounded by the largest cable.
///
/// It keeps one buffer and reuses it: an item is planned over the bytes at hand, and
/// when they end inside it (a cut-off cable is *partial*, not an error) the reader
/// moves the unread bytes to the front, reads more (growing the buffer only when a
/// single item does not fit), and plans again. The CSV scanner goes on where the
/// bytes ran out (no byte of a row is searched twice); the text and HTML scanners
/// start the item over. The items are exactly those of a
/// [`super::SliceReader`] over the same bytes. No item spans more than
/// [`MAX_ITEM_BYTES`], so the buffer never grows past that plus one read.
///
/// ```
/// use cablecore::container::{Format, Item, StreamReader};
///
/// let text = "R 232312Z JAN 09\nFM AMEMBASSY FOOBAR\nTO SECSTATE WASHDC 0001\n\
///             S E C R E T FOOBAR 000193\n\n1. (S) Text.\n\nDOE\n";
/// let mut reader = StreamReader::with_capacity(16, text.as_bytes(), Format::Auto);
/// let cable = reader.next_cable().unwrap().unwrap();
/// assert_eq!(cable.text.as_deref(), Some(text));
/// assert!(reader.next_item().is_none());
/// ```
#[derive(Debug)]
pub struct StreamReader<R: Read> {
    reader: R,
    buf: Vec<u8>,
    /// Start of the unread bytes in `buf` (the driver's position).
    start: usize,
    /// End of the filled bytes in `buf`.
    end: usize,
    eof: bool,
    detect: bool,
    bytes_read: u64,
    driver: Driver,
    /// An I/O error ended the stream.
    failed: bool,
}

impl<R: Read> StreamReader<R> {
    /// A reader with a 256 KiB buffer; [`Format::Auto`] is detected on the first bytes.
    pub fn new(reader: R, format: Format) -> Self {
        Self::with_capacity(DEFAULT_CAPACITY, reader, format)
    }

    /// A reader with a buffer of `cap` bytes to start with (at least 1).
    pub fn with_capacity(cap: usize, reader: R, format: Format) -> Self {
        StreamReader {
            reader,
            buf: vec![0; cap.clamp(1, MAX_ITEM_BYTES)],
            start: 0,
            end: 0,
            eof: false,
            detect: format == Format::Auto,
            bytes_read: 0,
            driver: Driver::new(format),
            failed: false,
        }
    }

    /// The format being read (`Auto` until the first bytes have been seen).
    pub fn format(&self) -> Format {
        if self.detect {
            Format::Auto
        } else {
            self.driver.format()
        }
    }

    /// Bytes read from the underlying reader so far (for progress bars).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The underlying reader.
    pub fn into_inner(self) -> R {
        self.reader
    }

    /// Read until the buffer is full or the input ends; grow first when the unread
    /// bytes fill the whole buffer.
    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let grown = (self.buf.len() * 2).min(MAX_ITEM_BYTES + DEFAULT_CAPACITY);
            if grown <= self.buf.len() {
                // Cannot happen: scanners decide within MAX_ITEM_BYTES.
                self.eof = true;
                return Ok(());
            }
            self.buf.resize(grown, 0);
        }
        while self.end < self.buf.len() {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => {
                    self.end += n;
                    self.bytes_read += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Next item, borrowing the reader's internal buffer (a lending iterator, like
    /// `csv`'s `read_record`): `None` at the end of the input.
    pub fn next_item(&mut self) -> Option<Result<Item<'_>, Error>> {
        if self.failed {
            return None;
        }
        if self.detect {
            while !self.eof && self.end - self.start < DETECT_BYTES {
                if let Err(e) = self.fill() {
                    self.failed = true;
                    return Some(Err(Error::Io(e)));
                }
            }
            let n = (self.end - self.start).min(DETECT_BYTES);
            self.driver
                .set_format(detect(&self.buf[self.start..self.start + n]));
            self.detect = false;
        }
        let plan = loop {
            match self.driver.plan(&self.buf[self.start..self.end], self.eof) {
                Step::End => return None,
                Step::Emit(plan) => break plan,
                Step::NeedMore if self.eof => return None,
                Step::NeedMore => {
                    if let Err(e) = self.fill() {
                        self.failed = true;
                        return Some(Err(Error::Io(e)));
                    }
                }
            }
        };
        let window = &self.buf[self.start..self.end];
        let before = self.driver.pos();
        let item = self.driver.emit(window, plan);
        self.start += (self.driver.pos() - before) as usize;
        Some(item)
    }

    /// Next cable only, owned (errors are returned too; other items are skipped).
    pub fn next_cable(&mut self) -> Option<Result<CableSource<'static>, Error>> {
        loop {
            match self.next_item()? {
                Ok(Item::Cable(c)) => return Some(Ok(c.into_owned())),
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<R: Read> Iterator for StreamReader<R> {
    type Item = Result<CableSource<'static>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_cable()
    }
}

#[cfg(test)]
mod tests {
    use super::super::SliceReader;
    use super::*;

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

    fn all(input: &[u8], chunk: usize, cap: usize) -> Vec<String> {
        let mut r = StreamReader::with_capacity(cap, Chunks(input, chunk), Format::Auto);
        let mut out = Vec::new();
        while let Some(item) = r.next_item() {
            out.push(format!("{:?}", item.map(Item::into_owned)));
        }
        assert_eq!(r.bytes_read(), input.len() as u64);
        out
    }

    #[test]
    fn same_items_as_slice() {
        let inputs: [&[u8]; 5] = [
            b"\"1\",\"d\",\"09FOO1\",\"o\",\"c\",\"\",\"h\",\"b \\\"q\\\"\nx\"\n\"2\",\"d\",\"09FOO2\",\"o\",\"c\",\"\",\"h\",\"b",
            // A short row whose resync needs more input: read again, not resumed.
            b"\"0\",\"\",\n\",\"\",\"\",\"\",\"\",\"\",\"\"\n",
            b"Title\n\nS E C R E T FOOBAR 000001\n\n1. (S) Text.\n\nDOE\n\nMore prose.\n",
            b"<html><table class='cable'><tr><td><a href='x'>09FOO1</a></td></tr></table>\n<pre>H&#x000A;</pre><pre>B</pre></html>",
            b"",
        ];
        for input in inputs {
            let slice: Vec<String> = SliceReader::new(input, Format::Auto)
                .map(|i| format!("{:?}", i.map(Item::into_owned)))
                .collect();
            for (chunk, cap) in [(1, 1), (7, 3), (65536, 65536), (3, 4096)] {
                assert_eq!(all(input, chunk, cap), slice, "chunk {chunk} cap {cap}");
            }
        }
    }

    struct Failing;

    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("boom"))
        }
    }

    #[test]
    fn io_errors_end_the_stream() {
        let mut r = StreamReader::new(Failing, Format::Text);
        assert!(matches!(r.next_item(), Some(Err(Error::Io(_)))));
        assert!(r.next_item().is_none());
    }
}
