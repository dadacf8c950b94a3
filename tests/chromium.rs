//! The flagship SVG as a browser draws it: headless Chromium renders it to a PNG,
//! and the picture must show the diagram — not a blank page, not an error page, and in
//! the colours of the stylesheet (so the `<style>` block was applied).
//!
//! Skipped with a message when Chromium is not installed, unless
//! `ARGMAP_REQUIRE_EXTERNAL=1` (as in CI).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

const FLAGSHIP: &str = "maps/us-iran-1999.yaml";

/// Exports `map` as SVG with `args` into `dir`, and returns its path and size in px.
fn export(map: &str, args: &[&str], dir: &Path) -> (std::path::PathBuf, u32, u32) {
    let path = dir.join("map.svg");
    let mut all = vec![
        "export",
        map,
        "--format",
        "svg",
        "-o",
        path.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let output = assert_cmd::Command::cargo_bin("argmap")
        .unwrap()
        .args(&all)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let size = |name: &str| -> u32 {
        let value: f64 = document
            .root_element()
            .attribute(name)
            .unwrap()
            .parse()
            .unwrap();
        value.ceil() as u32
    };
    (path, size("width"), size("height"))
}

/// A screenshot of `svg` by headless Chromium at `width` × `height`: its pixels as RGB.
fn screenshot(svg: &Path, width: u32, height: u32, dir: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let png = dir.join("shot.png");
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", svg.canonicalize().unwrap().display()))
        .output()
        .unwrap();
    assert!(
        png.exists(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    let pixels = buffer[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}

fn hex(colour: &str) -> [u8; 3] {
    let byte = |at: usize| u8::from_str_radix(&colour[at..at + 2], 16).unwrap();
    [byte(1), byte(3), byte(5)]
}

fn share(pixels: &[[u8; 3]], test: impl Fn(&[u8; 3]) -> bool) -> f64 {
    pixels.iter().filter(|p| test(p)).count() as f64 / pixels.len() as f64
}

#[test]
fn chromium_draws_the_flagship_map() {
    if !common::require_tool("chromium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (svg, width, height) = export(FLAGSHIP, &[], dir.path());
    let (shot_width, shot_height, pixels) = screenshot(&svg, width, height, dir.path());
    assert_eq!((shot_width, shot_height), (width, height));

    // Not blank: many colours (text is anti-aliased), a white page with a fair share
    // of ink on it.
    let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(colours.len() > 500, "only {} colours", colours.len());
    let white = share(&pixels, |p| *p == [255, 255, 255]);
    assert!((0.4..0.97).contains(&white), "white: {white:.3}");
    // Dark text is there.
    let ink = share(&pixels, |p| p.iter().all(|&c| c < 90));
    assert!(ink > 0.002, "text: {ink:.4}");
    // The stylesheet was applied: each kind's fill covers a good part of the page.
    for (kind, fill) in [
        ("claim", "#E3EFF8"),
        ("rebuttal", "#FCE9DE"),
        ("evidence", "#E0F3EC"),
    ] {
        let fill = hex(fill);
        let covered = share(&pixels, |p| *p == fill);
        assert!(covered > 0.01, "{kind} fill covers {covered:.4}");
    }
}

#[test]
fn chromium_draws_the_dark_theme_on_a_dark_page() {
    if !common::require_tool("chromium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (svg, width, height) = export(FLAGSHIP, &["--theme", "dark"], dir.path());
    let (_, _, pixels) = screenshot(&svg, width, height, dir.path());
    let background = hex("#16191D");
    let dark = share(&pixels, |p| *p == background);
    assert!(dark > 0.4, "dark background covers {dark:.3}");
    let light_text = share(&pixels, |p| p.iter().all(|&c| c > 180));
    assert!(light_text > 0.001, "light text: {light_text:.4}");
}
