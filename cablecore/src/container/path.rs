//! Files and directory trees.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

use super::{CableSource, Format, StreamReader};

/// Cables of a file or of every file under a directory.
///
/// A directory is walked recursively and its files are read in path order (names
/// starting with `.` are skipped); each file is streamed with the given format, or
/// with its own detected format for [`Format::Auto`], so a directory of cablegate pages
/// (`cablegate-html/YYYY/MM/REFID.html`) reads as one source. Cable positions (`byte`,
/// `line`) are within their file, and [`PathReader::current_path`] names that file;
/// `position.record` counts the cables of the whole walk.
///
/// Every error is an [`Error::InFile`] that names the file; reading goes on with the
/// next cable or the next file.
#[derive(Debug)]
pub struct PathReader {
    files: std::vec::IntoIter<PathBuf>,
    format: Format,
    current: Option<(PathBuf, StreamReader<File>)>,
    last_path: Option<PathBuf>,
    cables: u64,
}

impl PathReader {
    /// Open a file or a directory.
    pub fn open(path: impl AsRef<Path>, format: Format) -> Result<Self, Error> {
        let path = path.as_ref();
        let in_file = |e: io::Error| Error::InFile {
            path: path.to_path_buf(),
            source: Box::new(Error::Io(e)),
        };
        let meta = fs::metadata(path).map_err(in_file)?;
        let mut files = Vec::new();
        if meta.is_dir() {
            walk(path, &mut files)?;
            files.sort();
        } else {
            files.push(path.to_path_buf());
        }
        Ok(PathReader {
            files: files.into_iter(),
            format,
            current: None,
            last_path: None,
            cables: 0,
        })
    }

    /// The file the last cable (or error) came from.
    pub fn current_path(&self) -> Option<&Path> {
        self.last_path.as_deref()
    }

    /// Files not yet opened.
    pub fn remaining_files(&self) -> &[PathBuf] {
        self.files.as_slice()
    }
}

/// Collect the files under `dir`, recursively.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let in_dir = |e: io::Error| Error::InFile {
        path: dir.to_path_buf(),
        source: Box::new(Error::Io(e)),
    };
    for entry in fs::read_dir(dir).map_err(in_dir)? {
        let entry = entry.map_err(in_dir)?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(in_dir)?;
        if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

impl Iterator for PathReader {
    type Item = Result<CableSource<'static>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((path, reader)) = &mut self.current {
                match reader.next_cable() {
                    Some(Ok(mut cable)) => {
                        cable.position.record = self.cables;
                        self.cables += 1;
                        self.last_path = Some(path.clone());
                        return Some(Ok(cable));
                    }
                    Some(Err(e)) => {
                        self.last_path = Some(path.clone());
                        return Some(Err(Error::InFile {
                            path: path.clone(),
                            source: Box::new(e),
                        }));
                    }
                    None => self.current = None,
                }
            }
            let path = self.files.next()?;
            match File::open(&path) {
                Ok(file) => {
                    let reader = StreamReader::new(file, self.format);
                    self.current = Some((path, reader));
                }
                Err(e) => {
                    self.last_path = Some(path.clone());
                    return Some(Err(Error::InFile {
                        path,
                        source: Box::new(Error::Io(e)),
                    }));
                }
            }
        }
    }
}
