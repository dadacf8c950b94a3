//! The colours of the SVG diagram, one palette per `--theme`.
//!
//! Kinds and relations are told apart by colour *and* by a cue that survives greyscale
//! (border style, the kind label in every box, line style and arrowhead; see the
//! parent module), so colour only has to be pleasant and safe for colour-blind
//! readers. The light and dark palettes use Okabe and Ito's colours, which stay
//! distinct under the common forms of colour blindness: blue for claims and
//! `supports`, vermillion (light) or orange (dark) for rebuttals and `rebuts`, bluish
//! green for evidence — the same hues as the DOT export. The print palette is
//! greyscale on white, for black-and-white printers and photocopies.

/// The look of the diagram: `--theme light|dark|print`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white, tinted boxes. The default.
    #[default]
    Light,
    /// Light text on a dark background, for dark slides and dark-mode pages.
    Dark,
    /// Greyscale on white: black text and borders, light grey fills.
    Print,
}

/// The colours of one kind of node.
pub(super) struct KindColours {
    pub fill: &'static str,
    pub stroke: &'static str,
    /// The kind label ("CLAIM") at the top of the box: the stroke hue, dark enough to
    /// read on the fill.
    pub label: &'static str,
}

/// Every colour the stylesheet names.
pub(super) struct Palette {
    pub background: &'static str,
    /// Node text and the title.
    pub text: &'static str,
    /// Secondary text: the description, actor names, sources, legend labels.
    pub muted: &'static str,
    /// The line between the header and the diagram.
    pub rule: &'static str,
    pub claim: KindColours,
    pub rebuttal: KindColours,
    pub evidence: KindColours,
    pub supports: &'static str,
    pub rebuts: &'static str,
    /// The ring around the `--focus` node.
    pub focus: &'static str,
}

impl Theme {
    pub(super) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                background: "#FFFFFF",
                text: "#1B1F24",
                muted: "#57606A",
                rule: "#D0D7DE",
                claim: KindColours {
                    fill: "#E3EFF8",
                    stroke: "#0072B2",
                    label: "#005A8C",
                },
                rebuttal: KindColours {
                    fill: "#FCE9DE",
                    stroke: "#D55E00",
                    label: "#A64A00",
                },
                evidence: KindColours {
                    fill: "#E0F3EC",
                    stroke: "#009E73",
                    label: "#00704F",
                },
                supports: "#0072B2",
                rebuts: "#D55E00",
                focus: "#E69F00",
            },
            Theme::Dark => Palette {
                background: "#16191D",
                text: "#E6EDF3",
                muted: "#9AA5B1",
                rule: "#3A424C",
                claim: KindColours {
                    fill: "#15303F",
                    stroke: "#56B4E9",
                    label: "#8CCFF2",
                },
                rebuttal: KindColours {
                    fill: "#3A2A12",
                    stroke: "#E69F00",
                    label: "#F2C45C",
                },
                evidence: KindColours {
                    fill: "#0F3329",
                    stroke: "#2BC49A",
                    label: "#6ADDB9",
                },
                supports: "#56B4E9",
                rebuts: "#E69F00",
                focus: "#F0E442",
            },
            Theme::Print => Palette {
                background: "#FFFFFF",
                text: "#000000",
                muted: "#404040",
                rule: "#9E9E9E",
                claim: KindColours {
                    fill: "#FFFFFF",
                    stroke: "#000000",
                    label: "#000000",
                },
                rebuttal: KindColours {
                    fill: "#E6E6E6",
                    stroke: "#000000",
                    label: "#000000",
                },
                evidence: KindColours {
                    fill: "#F4F4F4",
                    stroke: "#4D4D4D",
                    label: "#000000",
                },
                supports: "#000000",
                rebuts: "#4D4D4D",
                focus: "#000000",
            },
        }
    }
}
