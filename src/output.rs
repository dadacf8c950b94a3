//! Writing an export to a file so that nothing can be half-written or lost.
//!
//! A file is replaced atomically: the bytes go to a temporary file in the same folder,
//! which is flushed, synced and then renamed over the target. A reader sees the old
//! file or the new one, never a mixture; an export that fails leaves the old file as it
//! was and removes its temporary file.
//!
//! Some targets are refused before anything is written, because writing them would
//! destroy something the user did not mean to:
//! - the input map itself, however it is named (a relative path, a symbolic link, a
//!   hard link: the device and inode are compared);
//! - a symbolic link: argmap never writes through a link into whatever it points at;
//! - a file in a folder that does not exist: a typo in `-o` should not create folders.
//!
//! A device or a pipe (`/dev/null`, `/dev/full`, a FIFO) is written into directly:
//! it has no contents to lose, and replacing it would put a plain file in its place.
//!
//! A new file gets the mode an ordinary new file gets (`0o666` minus the umask); a
//! replaced file keeps its mode.

use std::fmt;
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an export was not written.
#[derive(Debug)]
pub enum Error {
    /// The target is one of the input maps.
    IsInput { target: PathBuf, input: PathBuf },
    /// The target is a symbolic link.
    Symlink(PathBuf),
    /// The target is a directory.
    IsDirectory(PathBuf),
    /// The folder the target would go in does not exist.
    NoFolder { target: PathBuf, folder: PathBuf },
    /// The file system refused.
    Io { target: PathBuf, error: io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::IsInput { target, input } => write!(
                f,
                "refusing to write `{}`: it is the input map `{}`",
                target.display(),
                input.display()
            ),
            Error::Symlink(target) => write!(
                f,
                "refusing to write `{}`: it is a symbolic link, and argmap does not write \
                 through links (remove the link or choose another file)",
                target.display()
            ),
            Error::IsDirectory(target) => {
                write!(f, "cannot write `{}`: it is a directory", target.display())
            }
            Error::NoFolder { target, folder } => write!(
                f,
                "cannot write `{}`: the folder `{}` does not exist",
                target.display(),
                folder.display()
            ),
            Error::Io { target, error } => {
                write!(f, "cannot write `{}`: {error}", target.display())
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Checks, without writing, that an export of `inputs` may replace `target`.
pub fn check(target: &Path, inputs: &[&Path]) -> Result<(), Error> {
    for &input in inputs {
        if same_file(target, input) {
            return Err(Error::IsInput {
                target: target.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    prepare(target).map(drop)
}

/// Replaces `target` with `bytes`, atomically.
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_with(target, |file| file.write_all(bytes))
}

/// Replaces `target` with what `fill` writes, atomically. If `fill` fails, `target` is
/// left as it was and the temporary file is removed.
pub fn write_with(
    target: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), Error> {
    let io_error = |error| Error::Io {
        target: target.to_path_buf(),
        error,
    };
    let (folder, existing) = prepare(target)?;
    if let Some(existing) = &existing
        && !existing.is_file()
    {
        // A device or a pipe (`-o /dev/null`, `-o /dev/full`, a FIFO): there is no file
        // to replace, and renaming over it would put a plain file where the device
        // was. Write into it, as `>` would.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .open(target)
            .map_err(io_error)?;
        fill(&mut file).map_err(io_error)?;
        return file.flush().map_err(io_error);
    }
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        // Created with open(2)'s mode 0o666, which the kernel reduces by the umask,
        // exactly like a file made by `>`. (tempfile's default is 0o600.)
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // From here on, dropping `temporary` deletes the temporary file.
    let mut temporary = builder.tempfile_in(&folder).map_err(io_error)?;
    if let Some(existing) = existing {
        temporary
            .as_file()
            .set_permissions(existing.permissions())
            .map_err(io_error)?;
    }
    fill(temporary.as_file_mut()).map_err(io_error)?;
    temporary.as_file_mut().flush().map_err(io_error)?;
    temporary.as_file().sync_all().map_err(io_error)?;
    temporary
        .persist(target)
        .map_err(|error| io_error(error.error))?;
    Ok(())
}

/// Temporary files are named `.argmap-PID-RANDOM.tmp`, so that one left behind by a
/// killed process can be told from one another argmap is still writing.
const TEMPORARY_PREFIX: &str = ".argmap-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// Removes the temporary files that argmap processes which no longer run left in
/// `folder` (a process killed with SIGKILL cannot clean up after itself), and returns
/// how many. Only Linux says whether a process runs (`/proc/PID`); elsewhere nothing
/// is removed.
pub fn remove_leftovers(folder: &Path) -> io::Result<usize> {
    let proc = Path::new("/proc/self");
    if !cfg!(target_os = "linux") || !proc.exists() {
        return Ok(0);
    }
    let mut removed = 0;
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(TEMPORARY_PREFIX))
            .filter(|rest| rest.ends_with(TEMPORARY_SUFFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let running = Path::new("/proc").join(pid.to_string()).exists();
        if !running && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The folder `target` goes in, and the metadata of the file it replaces, if any;
/// or why it must not be written.
fn prepare(target: &Path) -> Result<(PathBuf, Option<Metadata>), Error> {
    let existing = match fs::symlink_metadata(target) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            return Err(Error::Symlink(target.to_path_buf()));
        }
        Ok(metadata) if metadata.is_dir() => {
            return Err(Error::IsDirectory(target.to_path_buf()));
        }
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(Error::Io {
                target: target.to_path_buf(),
                error,
            });
        }
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&folder) {
        Ok(metadata) if metadata.is_dir() => Ok((folder, existing)),
        Ok(_) => Err(Error::Io {
            target: target.to_path_buf(),
            error: io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("`{}` is not a folder", folder.display()),
            ),
        }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Err(Error::NoFolder {
            target: target.to_path_buf(),
            folder,
        }),
        Err(error) => Err(Error::Io {
            target: target.to_path_buf(),
            error,
        }),
    }
}

/// Whether `a` and `b` are the same file, following links. A path that does not exist
/// is no other file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".argmap-"))
            .collect()
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn leftovers_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // PIDs above the kernel's maximum (4,194,304) never run.
        let dead = dir.path().join(".argmap-4294967295-abc123.tmp");
        let alive = dir
            .path()
            .join(format!(".argmap-{}-abc123.tmp", std::process::id()));
        let unrelated = dir.path().join(".argmap-notes.tmp");
        for path in [&dead, &alive, &unrelated] {
            fs::write(path, "x").unwrap();
        }
        assert_eq!(remove_leftovers(dir.path()).unwrap(), 1);
        assert!(!dead.exists());
        assert!(alive.exists() && unrelated.exists());
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.dot");
        fs::write(&target, "old").unwrap();
        let result = write_with(&target, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("the exporter gave up"))
        });
        assert!(matches!(result, Err(Error::Io { .. })));
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.dot");
        fs::write(&target, "old").unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("map.csv");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        write(&target, b"new").unwrap();
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_missing_folder_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no-such-folder").join("map.dot");
        let error = write(&target, b"x").unwrap_err();
        assert!(matches!(error, Error::NoFolder { .. }), "{error}");
        assert!(!dir.path().join("no-such-folder").exists());
    }

    #[test]
    fn the_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("map.yaml");
        fs::write(&input, "argmap: 1").unwrap();
        let spelled_otherwise = dir.path().join(".").join("map.yaml");
        let error = check(&spelled_otherwise, &[&input]).unwrap_err();
        assert!(matches!(error, Error::IsInput { .. }), "{error}");
        assert!(check(&dir.path().join("map.dot"), &[&input]).is_ok());
    }
}
