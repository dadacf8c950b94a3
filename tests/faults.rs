//! When writing goes wrong: a full disk, a read-only folder, a directory in the way,
//! a device or a pipe as the output, several broken maps, a build killed half-way.
//! In every case the exit status says what happened, the previous exports are intact
//! and no temporary file is left behind.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout
)]
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn argmap() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("argmap"));
    command.env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> Output {
    argmap().args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The names in `dir` that look like argmap's temporary files.
fn temporary_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".argmap-"))
        .collect()
}

/// Every file in `dir`, by name, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// A valid map of `count` claims in a support chain; `version` changes every text, so
/// two versions have different exports.
fn chain_map(count: usize, version: &str) -> String {
    let mut map = format!("argmap: 1\ntitle: Chain {version}\nclaims:\n");
    for index in 0..count {
        map.push_str(&format!(
            "  - id: c{index}\n    text: Claim {index} of version {version}, long enough to wrap over two lines.\n"
        ));
        if index > 0 {
            map.push_str(&format!("    supports: c{}\n", index - 1));
        }
    }
    map
}

/// A project folder with `maps/` holding the given maps and `exports/` built from them.
struct Project {
    _dir: tempfile::TempDir,
    maps: PathBuf,
    out: PathBuf,
}

impl Project {
    fn new(maps: &[(&str, &str)]) -> Project {
        let dir = tempfile::tempdir().unwrap();
        let project = Project {
            maps: dir.path().join("maps"),
            out: dir.path().join("exports"),
            _dir: dir,
        };
        fs::create_dir(&project.maps).unwrap();
        for (name, text) in maps {
            fs::write(project.maps.join(name), text).unwrap();
        }
        project
    }

    fn build_command(&self) -> Command {
        let mut command = argmap();
        command
            .arg("build")
            .arg("--maps")
            .arg(&self.maps)
            .arg("--out")
            .arg(&self.out);
        command
    }

    fn build(&self) -> Output {
        self.build_command().output().unwrap()
    }
}

#[test]
fn a_full_disk_is_an_error_naming_the_file() {
    if !Path::new("/dev/full").exists() {
        println!("skipped: this system has no /dev/full");
        return;
    }
    for format in ["svg", "dot", "csv", "json"] {
        let output = run(&[
            "export",
            "maps/tutorial.yaml",
            "-f",
            format,
            "-o",
            "/dev/full",
        ]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{format}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("cannot write `/dev/full`: No space left on device"),
            "{format}: {}",
            stderr(&output)
        );
    }
    // /dev/full is still the device, not a file argmap put in its place.
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let output = argmap()
        .args(["export", "maps/tutorial.yaml", "-f", "json", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let received = reader.join().unwrap();
    let expected = run(&["export", "maps/tutorial.yaml", "-f", "json"]).stdout;
    assert_eq!(received, expected);
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
}

/// Makes `dir` unwritable for the rest of the test, even for root (who ignores
/// permissions): `chattr +i` where the file system supports it. Undone on drop.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn make(dir: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let guard = ReadOnly(dir.to_path_buf());
        let probe = dir.join("probe");
        if fs::write(&probe, "x").is_err() {
            return Some(guard);
        }
        fs::remove_file(&probe).unwrap();
        // Running as root: permissions do not stop writes, but the immutable flag does.
        let immutable = Command::new("chattr").arg("+i").arg(dir).output();
        if immutable.is_ok_and(|output| output.status.success()) && fs::write(&probe, "x").is_err()
        {
            return Some(guard);
        }
        None
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(&self.0).output();
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_read_only_output_folder_is_an_error_and_the_old_exports_stay() {
    let tutorial = fs::read_to_string("maps/tutorial.yaml").unwrap();
    let project = Project::new(&[("tutorial.yaml", &tutorial)]);
    assert!(project.build().status.success());
    let before = snapshot(&project.out);
    let changed = tutorial.replacen("title:", "title: Changed —", 1);
    fs::write(project.maps.join("tutorial.yaml"), changed).unwrap();

    let Some(_read_only) = ReadOnly::make(&project.out) else {
        let message = "cannot make a folder read-only here (root without chattr +i)";
        if std::env::var("ARGMAP_REQUIRE_EXTERNAL").is_ok_and(|value| value == "1") {
            panic!("{message}");
        }
        println!("skipped: {message}");
        return;
    };
    let output = project.build();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    // Every file is reported, not just the first.
    for name in [
        "tutorial.svg",
        "tutorial.dot",
        "tutorial.csv",
        "tutorial.edges.csv",
    ] {
        let path = project.out.join(name);
        assert!(
            stderr(&output).contains(&format!("cannot write `{}`", path.display())),
            "{name}: {}",
            stderr(&output)
        );
    }
    assert_eq!(before, snapshot(&project.out));

    let target = project.out.join("tutorial.json");
    let output = argmap()
        .args(["export", "maps/tutorial.yaml", "-f", "json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write"),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, snapshot(&project.out));
}

#[test]
fn an_output_that_is_a_directory_is_an_error_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let output = argmap()
        .args(["export", "maps/tutorial.yaml", "-f", "svg", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("it is a directory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());

    // In a build, the one export in the way fails; the others are still written.
    let tutorial = fs::read_to_string("maps/tutorial.yaml").unwrap();
    let project = Project::new(&[("tutorial.yaml", &tutorial)]);
    fs::create_dir_all(project.out.join("tutorial.svg")).unwrap();
    let output = project.build();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let svg = project.out.join("tutorial.svg");
    assert!(
        stderr(&output).contains(&format!(
            "cannot write `{}`: it is a directory",
            svg.display()
        )),
        "{}",
        stderr(&output)
    );
    assert!(svg.is_dir());
    for name in ["tutorial.dot", "tutorial.csv", "tutorial.edges.csv"] {
        assert!(project.out.join(name).is_file(), "{name} was not written");
    }
    assert_eq!(temporary_files(&project.out), Vec::<String>::new());
}

#[test]
fn build_reports_every_failing_map_and_writes_nothing() {
    let tutorial = fs::read_to_string("maps/tutorial.yaml").unwrap();
    let project = Project::new(&[
        (
            "a-dangling.yaml",
            "argmap: 1\ntitle: A\nclaims:\n  - id: a\n    text: A.\n    supports: zz\n",
        ),
        ("b-good.yaml", &tutorial),
        ("c-utf16.yaml", "\u{feff}"),
        (
            "d-duplicate.yaml",
            "argmap: 1\ntitle: D\nclaims:\n  - id: a\n    text: A.\n  - id: a\n    text: B.\n",
        ),
    ]);
    // UTF-16 bytes for c: a byte-order mark and "a: 1".
    fs::write(
        project.maps.join("c-utf16.yaml"),
        b"\xff\xfea\x00:\x00 \x001\x00",
    )
    .unwrap();
    let output = project.build();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);
    for expected in [
        "a-dangling.yaml:6:15",
        "error[E008]",
        "c-utf16.yaml",
        "UTF-16",
        "d-duplicate.yaml:6:9",
        "error[E007]",
        "build failed: nothing was written",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!project.out.exists(), "exports/ was created");
}

/// Exports of `map` built on their own, by name.
fn exports_of(map: &str) -> Vec<(String, Vec<u8>)> {
    let project = Project::new(&[("chain.yaml", map)]);
    let output = project.build();
    assert!(output.status.success(), "{}", stderr(&output));
    snapshot(&project.out)
}

/// When to send the signal.
#[derive(Clone, Copy, Debug)]
enum Moment {
    /// As soon as the process has started, probably while it reads the map.
    AtOnce,
    /// When the first temporary file appears: an export is half-written.
    WhileWriting,
    /// When the first export has been replaced: some files are new, some still old.
    AfterFirstFile,
}

/// Sends `signal` to process `pid`; false if it has already ended.
fn kill(signal: &str, pid: u32) -> bool {
    Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Watches `out` until `moment` (or the build's end) and sends `signal` to `child`.
/// SIGKILL goes straight from this process (`Child::kill`), with no `kill` command to
/// start first; any other signal is sent with the process frozen (SIGSTOP) the moment
/// it is seen there, so a busy machine cannot let it run on before the signal arrives.
fn signal_at(moment: Moment, signal: &str, child: &mut Child, out: &Path) {
    use std::os::unix::fs::MetadataExt;
    let first = out.join("chain.svg");
    let inode = fs::metadata(&first).unwrap().ino();
    let start = std::time::Instant::now();
    let reached = || match moment {
        Moment::AtOnce => true,
        Moment::WhileWriting => !temporary_files(out).is_empty(),
        Moment::AfterFirstFile => fs::metadata(&first).is_ok_and(|meta| meta.ino() != inode),
    };
    // The build of this map takes well under a minute; give up watching after that.
    while !reached() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_micros(200));
    }
    if signal == "KILL" {
        // An error only means the build has already ended.
        let _ = child.kill();
        return;
    }
    let pid = child.id();
    if kill("STOP", pid) {
        kill(signal, pid);
        kill("CONT", pid);
    }
}

/// Builds version B over version A and stops the build with `signal` at `moment`;
/// whenever it stops, each export is all of A or all of B.
fn interrupt_build(signal: &str, moment: Moment) -> (Output, Project) {
    let (old_map, new_map) = (chain_map(3000, "A"), chain_map(3000, "B"));
    let (old, new) = (exports_of(&old_map), exports_of(&new_map));
    let project = Project::new(&[("chain.yaml", &old_map)]);
    assert!(project.build().status.success());
    fs::write(project.maps.join("chain.yaml"), &new_map).unwrap();

    let mut child = project
        .build_command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    signal_at(moment, signal, &mut child, &project.out);
    let output = child.wait_with_output().unwrap();
    println!(
        "SIG{signal} {moment:?}: {:?} {}",
        output.status,
        stderr(&output).trim()
    );

    // Temporary files are checked by the callers; the exports are compared here.
    let files: Vec<(String, Vec<u8>)> = snapshot(&project.out)
        .into_iter()
        .filter(|(name, _)| !name.starts_with(".argmap-"))
        .collect();
    let names: Vec<&String> = files.iter().map(|(name, _)| name).collect();
    let expected_names: Vec<&String> = old.iter().map(|(name, _)| name).collect();
    assert_eq!(names, expected_names);
    for ((name, bytes), ((_, old), (_, new))) in files.iter().zip(old.iter().zip(&new)) {
        assert!(
            bytes == old || bytes == new,
            "{name} is neither the old nor the new export after SIG{signal} {moment:?}"
        );
    }
    (output, project)
}

#[test]
fn a_build_stopped_by_sigterm_or_sigint_leaves_whole_files_and_no_temporary_file() {
    use Moment::*;
    let mut mid_build = 0;
    for (signal, moment) in [
        ("TERM", AtOnce),
        ("TERM", WhileWriting),
        ("TERM", AfterFirstFile),
        ("INT", WhileWriting),
        ("HUP", AfterFirstFile),
    ] {
        let (output, project) = interrupt_build(signal, moment);
        let message = stderr(&output);
        match (moment, output.status.code()) {
            // Before argmap catches signals, the default action ends it.
            (AtOnce, None) => {}
            (AtOnce, Some(130)) => assert!(message.contains("interrupted"), "{message}"),
            // Mid-write: the file being written is finished, no other is, and the
            // status is the shell's for an interrupt.
            (_, Some(130)) => {
                let wrote = ["1", "2", "3"]
                    .iter()
                    .any(|n| message.contains(&format!("interrupted: wrote {n} of 4 files")));
                assert!(wrote, "SIG{signal} {moment:?}: {message}");
                mid_build += 1;
            }
            // Only if the build ended before the watcher saw the moment.
            (_, Some(0)) => assert!(message.contains("wrote 4 files"), "{message}"),
            (_, status) => panic!("SIG{signal} {moment:?}: exit {status:?}: {message}"),
        }
        assert_eq!(temporary_files(&project.out), Vec::<String>::new());
    }
    assert!(
        mid_build > 0,
        "no signal arrived while files were being written"
    );
}

#[test]
fn after_a_sigkill_the_exports_are_whole_and_the_next_build_cleans_up() {
    // The last three exports take a few milliseconds after the SVG, so the build may
    // end before the watcher sees the SVG replaced; whole exports are checked on every
    // attempt, and the kill must land mid-build on one of a few.
    const ATTEMPTS: usize = 5;
    for moment in [Moment::WhileWriting, Moment::AfterFirstFile] {
        let killed = (0..ATTEMPTS).find_map(|_| {
            let (output, project) = interrupt_build("KILL", moment);
            match output.status.code() {
                None => Some(project),
                Some(0) => {
                    assert!(
                        stderr(&output).contains("wrote 4 files"),
                        "{}",
                        stderr(&output)
                    );
                    None
                }
                Some(status) => panic!("SIGKILL {moment:?}: exit {status}: {}", stderr(&output)),
            }
        });
        let Some(project) = killed else {
            panic!(
                "SIGKILL {moment:?}: the build ended before the kill, {ATTEMPTS} times out of {ATTEMPTS}"
            );
        };
        let left = temporary_files(&project.out);
        println!("left behind: {left:?}");
        let next = project.build();
        assert!(next.status.success(), "{}", stderr(&next));
        if !left.is_empty() {
            assert!(
                stderr(&next).contains(&format!("removed {} temporary files", left.len())),
                "{}",
                stderr(&next)
            );
        }
        assert_eq!(temporary_files(&project.out), Vec::<String>::new());
    }
}
