//! The files of an archive, from a folder or a `.zip`, read one at a time as streams (a
//! large archive is never held in memory whole).

use super::ArchiveError;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// An unpacked folder or a zip file, with the paths of its files relative to its top.
pub(crate) enum Source {
    Dir {
        root: PathBuf,
        files: Vec<String>,
    },
    Zip {
        zip: zip::ZipArchive<BufReader<File>>,
        files: Vec<String>,
    },
}

/// Whether the file starts like a zip archive.
pub(crate) fn is_zip(path: &Path) -> bool {
    // Looked at before opening: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut magic = [0u8; 4];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && magic == *b"PK\x03\x04"
}

impl Source {
    pub(crate) fn open(path: &Path) -> Result<Source, ArchiveError> {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, path, 0, &mut files).map_err(|e| {
                ArchiveError::new(path, format!("the folder could not be read ({e})"))
            })?;
            files.sort();
            return Ok(Source::Dir {
                root: path.to_path_buf(),
                files,
            });
        }
        let file = File::open(path)
            .map_err(|e| ArchiveError::new(path, format!("it could not be opened ({e})")))?;
        let zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
            ArchiveError::new(
                path,
                format!("it is not a readable zip archive ({e}); download the archive again, or unpack it and import the folder"),
            )
        })?;
        let mut files: Vec<String> = zip
            .file_names()
            .filter_map(|n| n.ok())
            .filter(|n| !n.ends_with('/'))
            .map(|n| n.into_owned())
            .collect();
        files.sort();
        Ok(Source::Zip { zip, files })
    }

    /// Every file, as a path with `/` relative to the top of the archive.
    pub(crate) fn files(&self) -> &[String] {
        match self {
            Source::Dir { files, .. } | Source::Zip { files, .. } => files,
        }
    }

    /// The first file whose path ends with `/name` or is `name`, shortest path first (the
    /// top-level `data/` folder rather than one nested deeper).
    pub(crate) fn find(&self, name: &str) -> Option<String> {
        let lower = name.to_ascii_lowercase();
        self.files()
            .iter()
            .filter(|f| {
                let f = f.to_ascii_lowercase();
                f == lower || f.ends_with(&format!("/{lower}"))
            })
            .min_by_key(|f| f.len())
            .cloned()
    }

    /// A file's contents as a buffered stream.
    pub(crate) fn open_file(&mut self, name: &str) -> io::Result<Box<dyn Read + '_>> {
        match self {
            Source::Dir { root, .. } => Ok(Box::new(BufReader::with_capacity(
                1 << 16,
                File::open(root.join(name))?,
            ))),
            Source::Zip { zip, .. } => {
                let entry = zip.by_name(name).map_err(io::Error::other)?;
                Ok(Box::new(BufReader::with_capacity(1 << 16, entry)))
            }
        }
    }
}

/// Collects the files under `dir`, a few levels deep (an archive's own layout is shallow;
/// this keeps a wrong folder such as `/` from being walked whole).
fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<String>) -> io::Result<()> {
    if depth > 3 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            walk(root, &path, depth + 1, out)?;
        } else if kind.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
        if out.len() > 100_000 {
            break;
        }
    }
    Ok(())
}
