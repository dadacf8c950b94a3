//! Whether a map holds together: the checks that need the whole map at once.
//!
//! [`crate::parse`] has already checked each value on its own; here every id is
//! compared with every reference (E007–E012, W101–W104). [`check`] runs the whole
//! pipeline for one file and, when the map has no errors, hands back the
//! [`ArgumentGraph`] that exporters read.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Severity, quoted};
use crate::graph::ArgumentGraph;
use crate::model::{Id, Map, NodeKind, Relation, Span};
use crate::parse;
use crate::source::SourceFile;

/// How many id comparisons did-you-mean suggestions may cost in one file. A suggestion
/// compares a dangling reference with every id of the right kind; a hostile file with
/// 20,000 dangling references among 20,000 nodes would otherwise ask for 400 million.
/// Real maps stay far below this, so every typo in them gets its suggestion.
const SUGGESTION_BUDGET: usize = 1_000_000;

/// The result of checking one file.
pub struct Checked {
    /// Every finding, in the order of the file.
    pub diagnostics: Vec<Diagnostic>,
    /// The map, when it has no errors (warnings allowed).
    pub graph: Option<ArgumentGraph>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity() == severity)
            .count()
    }
}

/// Parses and validates one map file.
pub fn check(file: &SourceFile) -> Checked {
    let (diagnostics, map) = check_map(file);
    Checked {
        diagnostics,
        graph: map.map(ArgumentGraph::new),
    }
}

/// The findings of [`check`] alone, without the graph exporters read (building it
/// takes a tenth of the time on a big map): what `argmap validate` needs.
pub fn findings(file: &SourceFile) -> Vec<Diagnostic> {
    check_map(file).0
}

/// Every finding in file order, and the map when it has no errors.
fn check_map(file: &SourceFile) -> (Vec<Diagnostic>, Option<Map>) {
    let parsed = parse::parse(file);
    let mut diagnostics = parsed.diagnostics;
    let Some(map) = parsed.map else {
        return (diagnostics, None);
    };
    // Unused actors, orphans and empty maps are only worth a warning when the parser
    // read every item: an item it had to drop would otherwise make others look unused.
    let complete = diagnostics.is_empty();
    diagnostics.extend(validate(&map, complete));
    // File order; findings about the file as a whole first. The sort is stable, so
    // findings at the same place keep the order the checks found them in.
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.map(|span| span.start));
    let has_errors = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity() == Severity::Error);
    (diagnostics, (!has_errors).then_some(map))
}

/// What an id names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Defined {
    Actor,
    Source,
    Node(NodeKind, usize),
}

impl Defined {
    fn describe(self) -> &'static str {
        match self {
            Defined::Actor => "an actor",
            Defined::Source => "a source",
            Defined::Node(NodeKind::Claim, _) => "a claim",
            Defined::Node(NodeKind::Rebuttal, _) => "a rebuttal",
            Defined::Node(NodeKind::Evidence, _) => "an evidence item",
        }
    }
}

/// The checks of SPEC §2 that need the whole map. The warnings about unused things
/// (W101–W103) are only given for a `complete` map, one the parser read without errors.
pub fn validate(map: &Map, complete: bool) -> Vec<Diagnostic> {
    let mut validator = Validator {
        map,
        diagnostics: Vec::new(),
        ids: HashMap::default(),
        suggestion_budget: SUGGESTION_BUDGET,
    };
    validator.definitions();
    validator.references();
    validator.support_cycles();
    if complete {
        validator.unused();
    }
    validator.diagnostics
}

struct Validator<'m> {
    map: &'m Map,
    diagnostics: Vec<Diagnostic>,
    /// Every defined id, with what it names and where (the first definition).
    ids: HashMap<&'m str, (Defined, Span)>,
    suggestion_budget: usize,
}

impl<'m> Validator<'m> {
    /// Collects the ids, reporting duplicates (E007) at the second definition.
    fn definitions(&mut self) {
        let map = self.map;
        let actors = map.actors.iter().map(|actor| (&actor.id, Defined::Actor));
        let sources = map
            .sources
            .iter()
            .map(|source| (&source.id, Defined::Source));
        let nodes = map
            .nodes
            .iter()
            .enumerate()
            .map(|(index, node)| (&node.id, Defined::Node(node.kind, index)));
        let mut definitions: Vec<(&Id, Defined)> = actors.chain(sources).chain(nodes).collect();
        // Report duplicates at whichever definition comes second in the file.
        definitions.sort_by_key(|(id, _)| id.span.start);
        for (id, defined) in definitions {
            if let Some(&(first, first_span)) = self.ids.get(id.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(Code::E007, format!("duplicate id `{}`", id.value))
                        .at(id.span)
                        .with_label(format!("defined again here, as {}", defined.describe()))
                        .with_related(
                            first_span,
                            format!("first defined here, as {}", first.describe()),
                        )
                        .with_help("ids are unique across actors, sources and nodes; rename one"),
                );
            } else {
                self.ids.insert(id.as_str(), (defined, id.span));
            }
        }
    }

    /// Checks every `by`, `source`, `supports` and `rebuts` (E008–E010, E012, W104).
    fn references(&mut self) {
        let map = self.map;
        for node in &map.nodes {
            if let Some(by) = &node.by {
                self.resolve(by, "by", |defined| defined == Defined::Actor, "an actor");
            }
            if let Some(source) = &node.source {
                self.resolve(
                    source,
                    "source",
                    |defined| defined == Defined::Source,
                    "a source",
                );
            }
            for relation in [Relation::Supports, Relation::Rebuts] {
                let field = relation.as_str();
                let targets = node.targets(relation);
                for (position, target) in targets.iter().enumerate() {
                    let earlier = targets
                        .iter()
                        .take(position)
                        .find(|other| other.value == target.value);
                    if let Some(earlier) = earlier {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::W104,
                                format!("`{}` is listed twice in `{field}`", target.value),
                            )
                            .at(target.span)
                            .with_related(earlier.span, "first listed here")
                            .with_help("remove the second one"),
                        );
                        continue;
                    }
                    if target.value == node.id.value {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::E010,
                                format!("`{}` {field} itself", node.id.value),
                            )
                            .at(target.span)
                            .with_help("a node cannot be a reason for or against itself"),
                        );
                        continue;
                    }
                    self.resolve(
                        target,
                        field,
                        |defined| matches!(defined, Defined::Node(..)),
                        "a claim, rebuttal or evidence item",
                    );
                }
            }
            for target in &node.rebuts {
                if let Some(supported) = node
                    .supports
                    .iter()
                    .find(|other| other.value == target.value)
                {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::E012,
                            format!(
                                "`{}` both supports and rebuts `{}`",
                                node.id.value, target.value
                            ),
                        )
                        .at(target.span)
                        .with_related(supported.span, "supported here")
                        .with_help(
                            "a node is either a reason for a target or against it; keep one",
                        ),
                    );
                }
            }
        }
    }

    /// Reports `reference` when it names nothing (E008) or the wrong kind of thing (E009).
    fn resolve(
        &mut self,
        reference: &Id,
        field: &str,
        fits: impl Fn(Defined) -> bool,
        wanted: &str,
    ) {
        match self.ids.get(reference.as_str()) {
            Some(&(defined, _)) if fits(defined) => {}
            Some(&(defined, span)) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::E009,
                        format!(
                            "`{field}` must name {wanted}, but `{}` is {}",
                            reference.value,
                            defined.describe()
                        ),
                    )
                    .at(reference.span)
                    .with_related(span, format!("`{}` is defined here", reference.value)),
                );
            }
            None => {
                let mut diagnostic = Diagnostic::new(
                    Code::E008,
                    format!(
                        "dangling reference: `{}` is not defined",
                        quoted(&reference.value)
                    ),
                )
                .at(reference.span);
                // Candidates in file order, so ties resolve the same way on every run.
                let map = self.map;
                let (actors, sources, nodes) = match field {
                    "by" => (map.actors.as_slice(), &[][..], &[][..]),
                    "source" => (&[][..], map.sources.as_slice(), &[][..]),
                    _ => (&[][..], &[][..], map.nodes.as_slice()),
                };
                let cost = actors.len() + sources.len() + nodes.len();
                if cost <= self.suggestion_budget {
                    self.suggestion_budget -= cost;
                    let candidates = actors
                        .iter()
                        .map(|actor| actor.id.as_str())
                        .chain(sources.iter().map(|source| source.id.as_str()))
                        .chain(nodes.iter().map(|node| node.id.as_str()));
                    diagnostic = diagnostic.with_suggestion(&reference.value, candidates);
                }
                self.diagnostics.push(diagnostic);
            }
        }
    }

    /// Finds cycles of `supports` (E011), iteratively so that a 50,000-node chain cannot
    /// overflow the stack. Each cycle is reported once, at the reference that closes it.
    fn support_cycles(&mut self) {
        let map = self.map;
        let count = map.nodes.len();
        // Resolved support edges: node index → (target index, the reference's span).
        let edges: Vec<Vec<(usize, Span)>> = map
            .nodes
            .iter()
            .map(|node| {
                node.supports
                    .iter()
                    .filter_map(|target| match self.ids.get(target.as_str()) {
                        Some(&(Defined::Node(_, index), _)) => Some((index, target.span)),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state = vec![State::New; count];
        for root in 0..count {
            if state.get(root) != Some(&State::New) {
                continue;
            }
            // The DFS path: (node, index of the next edge to follow).
            let mut path: Vec<(usize, usize)> = vec![(root, 0)];
            if let Some(slot) = state.get_mut(root) {
                *slot = State::OnPath;
            }
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                let Some(&(target, span)) = edges.get(node).and_then(|out| out.get(*next)) else {
                    if let Some(slot) = state.get_mut(node) {
                        *slot = State::Done;
                    }
                    path.pop();
                    continue;
                };
                *next += 1;
                match state.get(target) {
                    Some(State::New) => {
                        if let Some(slot) = state.get_mut(target) {
                            *slot = State::OnPath;
                        }
                        path.push((target, 0));
                    }
                    Some(State::OnPath) if target != node => {
                        let start = path
                            .iter()
                            .position(|&(on_path, _)| on_path == target)
                            .unwrap_or(0);
                        let mut names: Vec<&str> = path
                            .iter()
                            .skip(start)
                            .filter_map(|&(index, _)| map.nodes.get(index))
                            .map(|node| node.id.as_str())
                            .collect();
                        if let Some(first) = names.first().copied() {
                            names.push(first);
                        }
                        let shown = shorten_cycle(&names);
                        self.diagnostics.push(
                            Diagnostic::new(Code::E011, format!("circular support: {shown}"))
                                .at(span)
                                .with_label("this reference closes the cycle")
                                .with_help("a claim cannot be a reason for itself through other claims; remove one of these `supports`, or make it a rebuttal"),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    /// Orphan nodes (W101), unreferenced actors and sources (W102), no nodes (W103).
    fn unused(&mut self) {
        let map = self.map;
        if map.nodes.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(Code::W103, "the map has no nodes")
                    .with_help("add `claims:`, `rebuttals:` or `evidence:`"),
            );
        }
        let mut referenced: HashMap<&str, ()> = HashMap::default();
        for node in &map.nodes {
            for id in node
                .by
                .iter()
                .chain(&node.source)
                .chain(&node.supports)
                .chain(&node.rebuts)
            {
                referenced.insert(id.as_str(), ());
            }
        }
        // Only claims can be orphans: a rebuttal must rebut (E003) and evidence must bear
        // on something (E016).
        for node in map.nodes.iter().filter(|node| node.kind == NodeKind::Claim) {
            let has_out = !node.supports.is_empty() || !node.rebuts.is_empty();
            if !has_out && !referenced.contains_key(node.id.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::W101,
                        format!(
                            "{} `{}` is not related to any other node",
                            node.kind, node.id.value
                        ),
                    )
                    .at(node.id.span)
                    .with_help("add `supports:` or `rebuts:`, or have another node point at it"),
                );
            }
        }
        for (id, what) in map
            .actors
            .iter()
            .map(|actor| (&actor.id, "actor"))
            .chain(map.sources.iter().map(|source| (&source.id, "source")))
        {
            if !referenced.contains_key(id.as_str()) {
                let field = if what == "actor" { "by" } else { "source" };
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::W102,
                        format!("{what} `{}` is never referenced", id.value),
                    )
                    .at(id.span)
                    .with_help(format!("name it in a node's `{field}:`, or remove it")),
                );
            }
        }
    }
}

/// `a → b → c → a`, with the middle left out of very long cycles.
fn shorten_cycle(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    if names.len() <= SHOWN {
        return names.join(" → ");
    }
    let head = names
        .iter()
        .take(SHOWN / 2)
        .copied()
        .collect::<Vec<_>>()
        .join(" → ");
    let tail = names
        .iter()
        .skip(names.len() - SHOWN / 2)
        .copied()
        .collect::<Vec<_>>()
        .join(" → ");
    format!("{head} → … ({} more) → {tail}", names.len() - SHOWN)
}
