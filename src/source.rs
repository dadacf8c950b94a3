//! Reading a map file into memory, and turning byte offsets into lines and columns.
//!
//! Everything that can go wrong before YAML parsing starts is decided here: a file
//! that cannot be read (exit 2), one over the size limit, one that is not UTF-8.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// The largest map file argmap reads. Larger files are refused before they are read,
/// so a hostile file cannot make argmap allocate without bound.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// A map file's text, with its name as the user wrote it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics (as given on the command line, or found below
    /// a directory).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

/// Why a file could not be turned into a [`SourceFile`].
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read: a usage problem (exit 2).
    Io(std::io::Error),
    /// The file was read but is not a map argmap will parse (exit 1): the diagnostic
    /// says why, and `file` holds what could be read of it, for the snippet.
    Refused {
        file: Box<SourceFile>,
        diagnostic: Diagnostic,
    },
}

impl SourceFile {
    /// Wraps text already in memory.
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            // A byte-order mark is fine; spans are counted from after it.
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let text = lone_carriage_returns_as_newlines(text);
        let mut line_starts = vec![0];
        // A plain loop over bytes: a few times faster than searching line by line.
        line_starts.extend(
            (text.bytes().zip(1..))
                .filter(|&(byte, _)| byte == b'\n')
                .map(|(_, next)| next),
        );
        SourceFile {
            name: name.into(),
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Reads `path`, refusing files over [`MAX_FILE_BYTES`] and bytes that are not UTF-8.
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        let name = path.display().to_string();
        let file = fs::File::open(path).map_err(ReadError::Io)?;
        let metadata = file.metadata().map_err(ReadError::Io)?;
        if metadata.is_dir() {
            return Err(ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a directory",
            )));
        }
        let too_large = || {
            let diagnostic = Diagnostic::new(
                Code::E001,
                format!(
                    "the file is larger than {} MiB, the limit for a map",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_help("split the map into several files");
            ReadError::Refused {
                file: Box::new(SourceFile::new(name.clone(), path, String::new())),
                diagnostic,
            }
        };
        // Refused on its size alone, before a byte is read or memory set aside.
        if metadata.len() > MAX_FILE_BYTES {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
        // Read one byte past the limit to notice a file that grew, or a pipe.
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large());
        }
        Self::from_bytes(name, path, bytes)
    }

    /// Turns the bytes of a file into a [`SourceFile`], or explains why they are not a
    /// map (always [`ReadError::Refused`]). A UTF-8 byte-order mark is dropped first,
    /// so offsets in the explanation count from after it, as they do in the text.
    pub fn from_bytes(
        name: impl Into<String>,
        path: impl Into<PathBuf>,
        mut bytes: Vec<u8>,
    ) -> Result<SourceFile, ReadError> {
        if bytes.starts_with(UTF8_BOM) {
            bytes.drain(..UTF8_BOM.len());
        }
        match decode(bytes) {
            Ok(text) => Ok(SourceFile::new(name, path, text)),
            Err((text, diagnostic)) => Err(ReadError::Refused {
                file: Box::new(SourceFile::new(name, path, text)),
                diagnostic,
            }),
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |prefix| prefix.chars().count());
        (line.max(1), column + 1)
    }

    /// The byte range of the whole lines that `span` touches, without the final newline.
    pub fn lines_around(&self, span: Span) -> Span {
        let start = span.start.min(self.text.len());
        let end = span.end.clamp(start, self.text.len());
        let line_start = self
            .text
            .get(..start)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |index| index + 1);
        let line_end = self
            .text
            .get(end..)
            .and_then(|after| after.find('\n'))
            .map_or(self.text.len(), |index| end + index);
        Span::new(line_start, line_end)
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }
}

/// The map files below `dir`: every `.yaml` and `.yml` file, in sorted order. Symbolic
/// links to directories are not followed, so a link cycle cannot make this loop.
pub fn find_maps(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                pending.push(path);
            } else if is_map_file(&path) && (file_type.is_file() || path.is_file()) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether `path` has a map file's extension.
pub fn is_map_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|extension| extension.to_str()),
        Some("yaml" | "yml")
    )
}

/// YAML reads a carriage return on its own (old Mac line ends) as a line break, as it
/// does `\r\n` and `\n`. Made a `\n`, it counts as one for lines and columns too; it
/// is one byte either way, so no offset moves.
fn lone_carriage_returns_as_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    // Backwards, remembering the byte after each one as it was.
    let mut following = None;
    for byte in bytes.iter_mut().rev() {
        let original = *byte;
        if original == b'\r' && following != Some(b'\n') {
            *byte = b'\n';
        }
        following = Some(original);
    }
    // Only ASCII bytes changed, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Turns the bytes of a file into text, or explains why they are not a map; the text
/// given back with the explanation is as much as could be shown of the file.
fn decode(bytes: Vec<u8>) -> Result<String, (String, Diagnostic)> {
    let head = bytes.get(..256).unwrap_or(&bytes);
    // UTF-32 (checked first: its little-endian byte-order mark starts like UTF-16's)
    // shows up without a mark as three NUL bytes in most groups of four.
    let utf32 =
        bytes.starts_with(&[0xff, 0xfe, 0, 0]) || bytes.starts_with(&[0, 0, 0xfe, 0xff]) || {
            let quads = head.chunks_exact(4);
            let count = quads.len();
            let mostly_nul = quads
                .filter(|quad| quad.iter().filter(|&&byte| byte == 0).count() == 3)
                .count();
            count > 0 && mostly_nul * 4 >= count * 3
        };
    if utf32 {
        let diagnostic = Diagnostic::new(
            Code::E001,
            "the file is UTF-32 encoded; a map must be UTF-8",
        )
        .with_help("convert it, e.g. `iconv -f UTF-32 -t UTF-8 in.yaml > out.yaml`");
        return Err((String::new(), diagnostic));
    }
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) || {
        // UTF-16 without a byte-order mark shows up as NUL bytes between ASCII letters:
        // in most byte pairs, and on the same side of each pair.
        let pairs = head.len() / 2;
        let nuls_on = |side: usize| {
            head.iter()
                .skip(side)
                .step_by(2)
                .take(pairs)
                .filter(|&&byte| byte == 0)
                .count()
        };
        pairs > 0 && nuls_on(0).max(nuls_on(1)) * 4 >= pairs * 3
    };
    if utf16 {
        let diagnostic = Diagnostic::new(
            Code::E001,
            "the file is UTF-16 encoded; a map must be UTF-8",
        )
        .with_help("convert it, e.g. `iconv -f UTF-16 -t UTF-8 in.yaml > out.yaml`");
        return Err((String::new(), diagnostic));
    }
    if bytes.contains(&0) {
        // Point into the text that is shown: invalid UTF-8 before the NUL byte would
        // make the byte offset land elsewhere in it.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let at = text.find('\0').unwrap_or(0);
        let diagnostic = Diagnostic::new(Code::E001, "the file contains a NUL byte")
            .at(Span::new(at, at + 1))
            .with_label("NUL byte")
            .with_help("a map is UTF-8 text; remove the byte");
        return Err((text, diagnostic));
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        // The lossy text has the same bytes up to `at`, then U+FFFD (three bytes).
        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
        let diagnostic = Diagnostic::new(Code::E001, "the file is not valid UTF-8")
            .at(Span::new(at, at + '\u{fffd}'.len_utf8()))
            .with_label("not UTF-8")
            .with_help(
                "save the file as UTF-8, e.g. `iconv -f LATIN1 -t UTF-8 in.yaml > out.yaml`",
            );
        (text, diagnostic)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        let file = SourceFile::new("m.yaml", "m.yaml", "a: 1\nbé: [x]\n".to_owned());
        assert_eq!(file.position(0), (1, 1));
        assert_eq!(file.position(5), (2, 1));
        // `[` is after "bé: ", four characters but five bytes.
        assert_eq!(file.position(10), (2, 5));
        assert_eq!(file.position(999), (3, 1));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let file = SourceFile::new("m.yaml", "m.yaml", "a: 1\rb: 2\r\nc: 3\r\r".to_owned());
        assert_eq!(file.text, "a: 1\nb: 2\r\nc: 3\n\n");
        assert_eq!(file.position(5), (2, 1));
        assert_eq!(file.position(11), (3, 1));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let file = SourceFile::new("m.yaml", "m.yaml", "\u{feff}a: 1".to_owned());
        assert_eq!(file.text, "a: 1");
    }

    #[test]
    fn utf16_is_refused_with_a_clear_message() {
        let (_, error) = decode(vec![0xff, 0xfe, b'a', 0]).unwrap_err();
        assert!(error.message.contains("UTF-16"));
        let utf16: Vec<u8> = "argmap: 1\ntitle: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (_, error) = decode(utf16).unwrap_err();
        assert!(error.message.contains("UTF-16"), "{}", error.message);
    }

    #[test]
    fn utf32_is_not_taken_for_utf16() {
        for bom in [[0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff]] {
            let (_, error) = decode(bom.to_vec()).unwrap_err();
            assert!(error.message.contains("UTF-32"), "{}", error.message);
        }
        let utf32: Vec<u8> = "argmap: 1\n"
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let (_, error) = decode(utf32).unwrap_err();
        assert!(error.message.contains("UTF-32"), "{}", error.message);
    }

    #[test]
    fn a_lone_nul_byte_is_not_taken_for_utf16() {
        let (_, error) = decode(vec![0]).unwrap_err();
        assert!(error.message.contains("NUL"), "{}", error.message);
        let (_, error) = decode(b"a: b\n\0".to_vec()).unwrap_err();
        assert!(error.message.contains("NUL"), "{}", error.message);
    }

    #[test]
    fn positions_after_a_byte_order_mark_count_from_after_it() {
        let Err(ReadError::Refused { file, diagnostic }) =
            SourceFile::from_bytes("m.yaml", "m.yaml", b"\xef\xbb\xbfa: \xff".to_vec())
        else {
            panic!("Latin-1 accepted");
        };
        assert_eq!(file.position(diagnostic.span.unwrap().start), (1, 4));
        let Err(ReadError::Refused { file, diagnostic }) =
            SourceFile::from_bytes("m.yaml", "m.yaml", b"\xef\xbb\xbf\0".to_vec())
        else {
            panic!("NUL accepted");
        };
        assert!(diagnostic.message.contains("NUL"), "{}", diagnostic.message);
        assert_eq!(file.position(diagnostic.span.unwrap().start), (1, 1));
    }

    #[test]
    fn latin1_is_refused_with_its_position() {
        let (text, error) = decode(b"title: caf\xe9\n".to_vec()).unwrap_err();
        let file = SourceFile::new("m.yaml", "m.yaml", text);
        assert_eq!(file.position(error.span.unwrap().start), (1, 11));
    }
}
