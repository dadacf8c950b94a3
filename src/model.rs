//! The argument map as argmap understands it, independent of YAML.
//!
//! A [`Map`] is what the parser builds from a file: every id and reference keeps the
//! [`Span`] of the text it came from, so that later stages can point at it. The parser
//! already checked each value on its own (types, ids, dates, urls, blank text); whether
//! the references fit together is for [`crate::validate`] to say.

use std::fmt;

/// A byte range in the source text of a map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

/// An id as written in the file: a definition (`id: us`) or a reference (`by: us`).
pub type Id = Located<String>;

impl Id {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// One map file: the format version, the title, who says things, where evidence comes
/// from, and the nodes of the argument in file order.
#[derive(Clone, Debug, Default)]
pub struct Map {
    pub title: String,
    pub description: Option<String>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    pub nodes: Vec<Node>,
}

/// Someone who asserts things: a government, an author, a staff.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Id,
    pub name: String,
    pub description: Option<String>,
}

/// A document that evidence comes from.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: Id,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    /// Only ever an `http` or `https` url: the parser refuses anything else.
    pub url: Option<String>,
}

/// The three kinds of node. They differ in what they require and in how they are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeKind {
    Claim,
    Rebuttal,
    Evidence,
}

impl NodeKind {
    /// The name used in exports and CSS classes: `claim`, `rebuttal`, `evidence`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Claim => "claim",
            NodeKind::Rebuttal => "rebuttal",
            NodeKind::Evidence => "evidence",
        }
    }

    /// The top-level section of a map that holds nodes of this kind.
    pub fn section(self) -> &'static str {
        match self {
            NodeKind::Claim => "claims",
            NodeKind::Rebuttal => "rebuttals",
            NodeKind::Evidence => "evidence",
        }
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one node bears on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    Supports,
    Rebuts,
}

impl Relation {
    /// The field name and the name used in exports: `supports`, `rebuts`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Rebuts => "rebuts",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A claim, rebuttal or evidence item.
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: NodeKind,
    pub id: Id,
    pub text: String,
    /// The actor who asserts it.
    pub by: Option<Id>,
    /// The source it comes from (required for evidence).
    pub source: Option<Id>,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub supports: Vec<Id>,
    pub rebuts: Vec<Id>,
    pub note: Option<String>,
    /// Where the node's mapping starts, for findings about the node as a whole.
    pub span: Span,
}

impl Node {
    /// The ids this node points at with `relation`, in file order.
    pub fn targets(&self, relation: Relation) -> &[Id] {
        match relation {
            Relation::Supports => &self.supports,
            Relation::Rebuts => &self.rebuts,
        }
    }
}
