//! Limits on what one GraphQL request may ask, so that a hostile or broken document is refused
//! before it costs the server anything worth having.
//!
//! The checks run in this order, cheapest first, and the first one that fails refuses the
//! request with a GraphQL error carrying a stable `extensions.code` and `extensions.limit`:
//!
//! | check | code | default |
//! | --- | --- | --- |
//! | bytes of the query text | `DOCUMENT_TOO_LARGE` | 16 KiB |
//! | lexical tokens, counted before parsing | `TOO_MANY_TOKENS` | 1000 |
//! | `{`/`[` nesting, counted before parsing | `QUERY_TOO_DEEP` | [`QueryLimits::nesting_limit`] |
//! | aliases in the document | `TOO_MANY_ALIASES` | 15 |
//! | directives in the document | `TOO_MANY_DIRECTIVES` | 50 |
//! | fragments that spread themselves | `GRAPHQL_VALIDATION_FAILED` | - |
//! | `__schema`/`__type` while introspection is off | `INTROSPECTION_DISABLED` | - |
//! | field depth of each operation | `QUERY_TOO_DEEP` | 10 |
//! | nesting of type-to-type lists in introspection | `QUERY_TOO_DEEP` | 2 |
//! | estimated cost of each operation | `QUERY_TOO_COMPLEX` | 50000 |
//!
//! The defaults follow graphql-armor's (aliases 15, directives 50, tokens 1000), except for depth
//! and cost: see [`QueryLimits::DEFAULT`].
//!
//! Why not async-graphql's own `limit_depth` and `limit_complexity`: both count the fields of
//! introspection too, and the query GraphiQL sends to draw its documentation is 13 to 15 fields
//! deep (`__schema { types { fields { args { type { ofType { ofType ... } } } } } }`), so any depth
//! limit that means something would break GraphiQL (async-graphql issue #1696). Here, as in
//! graphql-armor, introspection is measured apart: it costs nothing and adds no depth, and instead
//! it may nest the fields that lead from one type to the next (`fields`, `interfaces`,
//! `possibleTypes`, `inputFields`) at most two deep, the rule graphql-js adopted in 16.9
//! (`MaxIntrospectionDepthRule`). async-graphql's `limit_recursive_depth` (the stack guard over
//! every selection set and fragment, introspection included) and `limit_directives` (per field)
//! are still set, as a second line behind these checks.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use async_graphql::parser::{parse_query, Pos, Positioned};
use async_graphql::registry::{MetaTypeName, Registry};
use async_graphql::{
    ErrorExtensionValues, Name, Request, ServerError, ServerResult, Value, Variables,
};

use super::list_sizes::ListSizes;
use super::pagination::DEFAULT_PAGE_SIZE;

/// The stable codes of the refusals.
pub mod codes {
    pub const DOCUMENT_TOO_LARGE: &str = "DOCUMENT_TOO_LARGE";
    pub const TOO_MANY_TOKENS: &str = "TOO_MANY_TOKENS";
    pub const TOO_MANY_ALIASES: &str = "TOO_MANY_ALIASES";
    pub const TOO_MANY_DIRECTIVES: &str = "TOO_MANY_DIRECTIVES";
    pub const QUERY_TOO_DEEP: &str = "QUERY_TOO_DEEP";
    pub const QUERY_TOO_COMPLEX: &str = "QUERY_TOO_COMPLEX";
    pub const INTROSPECTION_DISABLED: &str = "INTROSPECTION_DISABLED";
    /// A document that does not parse.
    pub const GRAPHQL_PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
    /// A document that does not validate against the schema (async-graphql's own validation
    /// errors get it too, see `gateway`).
    pub const GRAPHQL_VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";
    /// The request names an operation the document does not have, or names none when the
    /// document has several.
    pub const OPERATION_RESOLUTION_FAILURE: &str = "OPERATION_RESOLUTION_FAILURE";
}

/// What a list is assumed to hold when neither the query (`topScorers(first:)`) nor the data
/// says: a list `list_sizes` does not know, or any list before the model has a snapshot (a
/// connection without `first` or `last` holds a default page).
pub const ASSUMED_LIST_SIZE: u64 = 10;

/// Introspection fields that lead from one type to others; see the module documentation.
const TYPE_TO_TYPE_LISTS: [&str; 4] = ["fields", "interfaces", "possibleTypes", "inputFields"];
/// How deep those may nest inside one introspection field (graphql-js allows 2).
pub const MAX_INTROSPECTION_LIST_DEPTH: usize = 2;

/// The configurable limits (see `config.rs` for the variables that set them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimits {
    /// Deepest field nesting of an operation, fragments inlined (`{ a { b } }` is 2).
    pub max_depth: usize,
    /// Aliased fields in the whole document.
    pub max_aliases: usize,
    /// Directives in the whole document, wherever they stand.
    pub max_directives: usize,
    /// Lexical tokens of the query text (names, punctuators, numbers, strings).
    pub max_tokens: usize,
    /// Estimated cost of an operation: every field costs 1, and a list field multiplies the
    /// cost of one item (1 plus its selection) by its `limit`, `first` or `last` argument, else
    /// by the largest size it has in the data (`list_sizes`), else by [`ASSUMED_LIST_SIZE`].
    pub max_cost: u64,
    /// Bytes of the query text.
    pub max_document_bytes: usize,
}

impl QueryLimits {
    /// The defaults.
    ///
    /// Depth is 10, not graphql-armor's 6: our own queries already reach 6, counted in fields
    /// as async-graphql counts them (the GraphiQL example and README's first query go
    /// `tournament > final > penaltyShootout > kicks > taker > name`), and the schema invites a
    /// little more (`player > goals > match > homeTeam > squad > person > name` is 7); 10 leaves
    /// that room while the cost limit, not depth, is what stops a query that fans out. The
    /// legitimate queries' depths are checked by `tests/api/limits.rs`.
    ///
    /// Cost is 50,000, not graphql-armor's 5,000, because lists are counted at their real
    /// largest size in the data (`list_sizes`), not at a guess of 10: over the whole history a
    /// match has up to 31 goals, so a group page of a World Cup (groups, tables, matches, goals
    /// and scorers) is estimated at about 25,000, while every tournament's every match and goal
    /// is estimated at about 28 million (`tests/api/seed.rs`).
    pub const DEFAULT: Self = Self {
        max_depth: 10,
        max_aliases: 15,
        max_directives: 50,
        max_tokens: 1000,
        max_cost: 50_000,
        max_document_bytes: 16 * 1024,
    };

    /// How deep selection sets (fields, fragments and inline fragments) and `{`/`[` may nest
    /// at all: async-graphql's default recursion limit (32), or twice the depth limit when that is
    /// more. It stays below the parser's own limit of 64 as long as `max_depth` is at most 30,
    /// which `config.rs` enforces.
    pub fn nesting_limit(&self) -> usize {
        (2 * self.max_depth).max(32)
    }
}

impl Default for QueryLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The limits, applied by the [`Gateway`](super::gateway::Gateway) before async-graphql sees
/// a request: [`Limits::read`] on the text alone (its verdict is kept with the document), then
/// [`Limits::admit`] on the document with the request's variables.
#[derive(Clone)]
pub struct Limits {
    limits: QueryLimits,
    introspection: bool,
    /// The schema's types, as the cost measure walks them.
    registry: Arc<Registry>,
}

/// The estimated cost of each operation of a document, by its name (none when anonymous):
/// what an answer reports in `extensions.cost`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Costs(Vec<(Option<String>, u64)>);

impl Costs {
    /// The cost of the operation a request runs, chosen as async-graphql chooses it: by name,
    /// or the only one.
    pub fn of(&self, requested: Option<&str>) -> Option<u64> {
        match (requested, self.0.as_slice()) {
            (Some(name), all) => all
                .iter()
                .find(|(n, _)| n.as_deref() == Some(name))
                .map(|(_, cost)| *cost),
            (None, [(_, cost)]) => Some(*cost),
            (None, _) => None,
        }
    }
}

/// An error with a code.
fn coded(message: String, pos: Option<Pos>, code: &str) -> ServerError {
    let mut error = ServerError::new(message, pos);
    let mut extensions = ErrorExtensionValues::default();
    extensions.set("code", code);
    error.extensions = Some(extensions);
    error
}

/// A refusal: its code, its message and the limit it hit.
fn refusal(code: &str, message: String, limit: Option<u64>) -> ServerError {
    tracing::info!(code, limit, %message, "GraphQL request refused");
    let mut error = coded(message, None, code);
    if let (Some(limit), Some(extensions)) = (limit, error.extensions.as_mut()) {
        extensions.set("limit", limit);
    }
    error
}

/// Refused with `code` when `value` is over `limit`.
fn within(
    code: &str,
    value: usize,
    limit: usize,
    message: impl FnOnce() -> String,
) -> ServerResult<()> {
    if value > limit {
        return Err(refusal(code, message(), Some(as_u64(limit))));
    }
    Ok(())
}

fn as_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Limits {
    pub fn new(limits: QueryLimits, introspection: bool, registry: Arc<Registry>) -> Self {
        Self {
            limits,
            introspection,
            registry,
        }
    }

    /// The checks on the text alone, cheapest first, and the parse: the document when they
    /// pass, else the refusal (`GRAPHQL_PARSE_FAILED` for a document that does not parse).
    pub fn read(&self, query: &str) -> ServerResult<ExecutableDocument> {
        let limits = &self.limits;
        if query.len() > limits.max_document_bytes {
            return Err(refusal(
                codes::DOCUMENT_TOO_LARGE,
                format!(
                    "the query document is {} bytes, more than the limit of {} bytes",
                    query.len(),
                    limits.max_document_bytes
                ),
                Some(as_u64(limits.max_document_bytes)),
            ));
        }
        let scan = scan(query, limits.max_tokens);
        if scan.tokens > limits.max_tokens {
            return Err(refusal(
                codes::TOO_MANY_TOKENS,
                format!(
                    "the query document has more than the limit of {} tokens",
                    limits.max_tokens
                ),
                Some(as_u64(limits.max_tokens)),
            ));
        }
        let nesting_limit = limits.nesting_limit();
        if scan.max_nesting > nesting_limit {
            return Err(too_deeply_nested(nesting_limit));
        }
        let document = match parse_query(query) {
            Ok(document) => document,
            Err(async_graphql::parser::Error::RecursionLimitExceeded) => {
                return Err(too_deeply_nested(nesting_limit))
            }
            Err(error) => {
                let mut error = ServerError::from(error);
                set_code(&mut error, codes::GRAPHQL_PARSE_FAILED);
                return Err(error);
            }
        };
        self.check_counts(&document)?;
        // async-graphql's recursion guard would meet a cycle first and call it too deep;
        // a fragment that spreads itself is a validation error (spec 5.5.2.2).
        if let Some(cycle) = fragment_cycle(&document) {
            return Err(coded(
                format!(
                    "Cannot spread fragment \"{}\" within itself ({}).",
                    cycle[0],
                    cycle.join(" -> ")
                ),
                None,
                codes::GRAPHQL_VALIDATION_FAILED,
            ));
        }
        Ok(document)
    }

    fn check_counts(&self, document: &ExecutableDocument) -> ServerResult<()> {
        let (limits, counts) = (&self.limits, count(document));
        let (aliases, max_aliases) = (counts.aliases, limits.max_aliases);
        within(codes::TOO_MANY_ALIASES, aliases, max_aliases, || {
            format!("the query uses {aliases} aliases, more than the limit of {max_aliases}")
        })?;
        let (directives, max_directives) = (counts.directives, limits.max_directives);
        within(
            codes::TOO_MANY_DIRECTIVES,
            directives,
            max_directives,
            || {
                format!("the query uses {directives} directives, more than the limit of {max_directives}")
            },
        )
    }

    /// The checks that depend on the request's variables as well: every required variable
    /// given, then each operation's introspection, depth and cost.
    pub fn admit(
        &self,
        document: &ExecutableDocument,
        request: &Request,
        sizes: &ListSizes,
    ) -> ServerResult<Costs> {
        // async-graphql notices a missing required variable only while executing, as an error
        // without a code on the field that uses it; the request is refused as a whole instead
        // (spec 6.1.2, CoerceVariableValues), with the code its wrongly typed variables get.
        if let Some(error) = missing_variable(document, request) {
            return Err(error);
        }
        self.measure(document, &request.variables, sizes)
    }

    /// Whether the operations' introspection, depth and cost are within the limits; their
    /// costs when they are.
    pub fn measure(
        &self,
        document: &ExecutableDocument,
        variables: &Variables,
        sizes: &ListSizes,
    ) -> ServerResult<Costs> {
        let (limits, registry) = (&self.limits, self.registry.as_ref());
        let mut measurer = Measurer {
            document,
            registry,
            variables,
            sizes,
            memo: HashMap::new(),
            in_progress: Vec::new(),
        };
        let mut costs = Vec::new();
        for (name, operation) in document.operations.iter() {
            let root = match operation.node.ty {
                OperationType::Query => Some(registry.query_type.as_str()),
                OperationType::Mutation => registry.mutation_type.as_deref(),
                OperationType::Subscription => registry.subscription_type.as_deref(),
            };
            let m = measurer.selection_set(&operation.node.selection_set, root, true);
            if m.introspection && !self.introspection {
                return Err(refusal(
                    codes::INTROSPECTION_DISABLED,
                    "introspection (`__schema`, `__type`) is disabled on this server".to_owned(),
                    None,
                ));
            }
            self.check_measure(m, limits)?;
            costs.push((name.map(|n| n.to_string()), m.cost));
        }
        Ok(Costs(costs))
    }

    /// The largest estimated cost a request may have.
    pub fn max_cost(&self) -> u64 {
        self.limits.max_cost
    }

    fn check_measure(&self, m: Measure, limits: &QueryLimits) -> ServerResult<()> {
        let max_depth = limits.max_depth;
        within(codes::QUERY_TOO_DEEP, m.depth, max_depth, || {
            format!(
                "the query is {} fields deep, more than the limit of {max_depth}",
                m.depth
            )
        })?;
        let max_lists = MAX_INTROSPECTION_LIST_DEPTH;
        within(
            codes::QUERY_TOO_DEEP,
            m.introspection_lists,
            max_lists,
            || {
                format!(
                "introspection nests `fields`, `interfaces`, `possibleTypes` and `inputFields` \
                 {} deep, more than the limit of {max_lists}",
                m.introspection_lists
            )
            },
        )?;
        if m.cost > limits.max_cost {
            return Err(refusal(
                codes::QUERY_TOO_COMPLEX,
                format!(
                    "the query's estimated cost is {}, more than the limit of {} (each field \
                     costs 1; a list multiplies its items' cost by its `limit`, `first` or `last`, \
                     else by its largest size in the data)",
                    m.cost, limits.max_cost
                ),
                Some(limits.max_cost),
            ));
        }
        Ok(())
    }

    /// Gives the errors of async-graphql's own guards (`limit_recursive_depth`,
    /// `limit_directives`, run while it takes the document in; the checks above normally
    /// refuse first) and of its choice of the operation the codes of ours.
    pub fn code_own_error(&self, error: &mut ServerError) {
        if error
            .message
            .starts_with("The recursion depth of the query")
        {
            let limit = self.limits.nesting_limit();
            *error = refusal(
                codes::QUERY_TOO_DEEP,
                format!(
                    "the query nests selections and fragments deeper than the limit of {limit}"
                ),
                Some(as_u64(limit)),
            );
        } else if error
            .message
            .starts_with("The number of directives on the field")
        {
            let limit = self.limits.max_directives;
            *error = refusal(
                codes::TOO_MANY_DIRECTIVES,
                format!("a field has more than the limit of {limit} directives"),
                Some(as_u64(limit)),
            );
        } else if error.message.starts_with("Unknown operation named")
            || error.message == "Operation name required in request."
        {
            set_code(error, codes::OPERATION_RESOLUTION_FAILURE);
        }
    }
}

/// Sets `extensions.code` unless the error has one.
pub fn set_code(error: &mut ServerError, code: &str) {
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if extensions.get("code").is_none() {
        extensions.set("code", code);
    }
}

/// The first required variable (non-null, without a default) of the requested operation that
/// the request does not give.
fn missing_variable(document: &ExecutableDocument, request: &Request) -> Option<ServerError> {
    let operation = match (&document.operations, request.operation_name.as_deref()) {
        (DocumentOperations::Single(operation), None) => operation,
        (DocumentOperations::Multiple(operations), Some(name)) => operations.get(name)?,
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next()?
        }
        // Which operation is meant is async-graphql's to say.
        _ => return None,
    };
    operation
        .node
        .variable_definitions
        .iter()
        .find(|v| {
            let v = &v.node;
            !v.var_type.node.nullable
                && v.default_value.is_none()
                && matches!(
                    request.variables.get(&v.name.node),
                    None | Some(Value::Null)
                )
        })
        .map(|v| {
            coded(
                format!(
                    "Variable \"${}\" of required type \"{}\" was not provided.",
                    v.node.name.node, v.node.var_type.node
                ),
                Some(v.pos),
                codes::GRAPHQL_VALIDATION_FAILED,
            )
        })
}

fn too_deeply_nested(limit: usize) -> ServerError {
    refusal(
        codes::QUERY_TOO_DEEP,
        format!("the query nests braces and brackets deeper than the limit of {limit}"),
        Some(as_u64(limit)),
    )
}

/// What the lexer saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// Tokens, up to one more than asked for (counting stops there).
    pub tokens: usize,
    /// Deepest nesting of `{` and `[` outside strings and comments.
    pub max_nesting: usize,
}

/// Counts GraphQL's lexical tokens (GraphQL spec 2.1: punctuators, names, numbers, strings;
/// whitespace, commas and comments are not tokens) without parsing, and the nesting of braces and
/// brackets, so that a flood is refused before the parser meets it. Stops after `max_tokens + 1`.
/// Anything the parser would reject still counts as a token per byte: the parser reports it.
pub fn scan(text: &str, max_tokens: usize) -> Scan {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut tokens = 0;
    let mut nesting = 0usize;
    let mut max_nesting = 0;
    while i < bytes.len() && tokens <= max_tokens {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                i += 1;
                continue;
            }
            // The byte order mark is ignored like whitespace.
            0xEF if bytes[i..].starts_with(&[0xEF, 0xBB, 0xBF]) => {
                i += 3;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'{' | b'[' => {
                nesting += 1;
                max_nesting = max_nesting.max(nesting);
                i += 1;
            }
            b'}' | b']' => {
                nesting = nesting.saturating_sub(1);
                i += 1;
            }
            b'.' if bytes[i..].starts_with(b"...") => i += 3,
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                // Block string: ends at the first `"""` not escaped as `\"""`.
                i += 3;
                loop {
                    if i >= bytes.len() {
                        break;
                    }
                    if bytes[i..].starts_with(b"\\\"\"\"") {
                        i += 4;
                    } else if bytes[i..].starts_with(b"\"\"\"") {
                        i += 3;
                        break;
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                // String: ends at an unescaped `"`, or (unterminated) at the end of the line.
                i += 1;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        b'\n' | b'\r' => break,
                        _ => i += 1,
                    }
                }
            }
            b'_' | b'a'..=b'z' | b'A'..=b'Z' => {
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'+' | b'-'))
                {
                    i += 1;
                }
            }
            // Punctuators (`! $ & ( ) : = @ |`) and anything else: one byte, one token.
            _ => i += 1,
        }
        tokens += 1;
    }
    Scan {
        tokens,
        max_nesting,
    }
}

/// Aliases and directives written in a document, each counted once where it stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub aliases: usize,
    pub directives: usize,
}

pub fn count(document: &ExecutableDocument) -> Counts {
    fn selection_set(set: &SelectionSet, counts: &mut Counts) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => {
                    counts.aliases += usize::from(field.node.alias.is_some());
                    counts.directives += field.node.directives.len();
                    selection_set(&field.node.selection_set.node, counts);
                }
                Selection::FragmentSpread(spread) => {
                    counts.directives += spread.node.directives.len();
                }
                Selection::InlineFragment(inline) => {
                    counts.directives += inline.node.directives.len();
                    selection_set(&inline.node.selection_set.node, counts);
                }
            }
        }
    }
    let mut counts = Counts::default();
    for (_, operation) in document.operations.iter() {
        counts.directives += operation.node.directives.len();
        for variable in &operation.node.variable_definitions {
            counts.directives += variable.node.directives.len();
        }
        selection_set(&operation.node.selection_set.node, &mut counts);
    }
    for fragment in document.fragments.values() {
        counts.directives += fragment.node.directives.len();
        selection_set(&fragment.node.selection_set.node, &mut counts);
    }
    counts
}

/// A chain of fragments that spreads its first one again, if the document has one.
pub fn fragment_cycle(document: &ExecutableDocument) -> Option<Vec<String>> {
    fn spreads<'a>(set: &'a SelectionSet, out: &mut Vec<&'a str>) {
        for selection in &set.items {
            match &selection.node {
                Selection::Field(field) => spreads(&field.node.selection_set.node, out),
                Selection::FragmentSpread(spread) => {
                    out.push(spread.node.fragment_name.node.as_str())
                }
                Selection::InlineFragment(inline) => spreads(&inline.node.selection_set.node, out),
            }
        }
    }
    let graph: HashMap<&str, Vec<&str>> = document
        .fragments
        .iter()
        .map(|(name, fragment)| {
            let mut out = Vec::new();
            spreads(&fragment.node.selection_set.node, &mut out);
            (name.as_str(), out)
        })
        .collect();

    // Depth-first search, without recursion (a long chain must not cost stack).
    let mut done: HashSet<&str> = HashSet::new();
    let mut names: Vec<&str> = graph.keys().copied().collect();
    names.sort_unstable();
    for start in names {
        if done.contains(start) {
            continue;
        }
        // (fragment, index of its next spread to follow)
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some(&mut (name, ref mut next)) = path.last_mut() {
            let children = graph.get(name).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&child) = children.get(*next) {
                *next += 1;
                if let Some(at) = path.iter().position(|(n, _)| *n == child) {
                    let mut cycle: Vec<String> =
                        path[at..].iter().map(|(n, _)| (*n).to_owned()).collect();
                    cycle.push(child.to_owned());
                    return Some(cycle);
                }
                if !done.contains(child) && graph.contains_key(child) {
                    path.push((child, 0));
                }
            } else {
                done.insert(name);
                path.pop();
            }
        }
    }
    None
}

/// The measures of a selection, relative to where it stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Deepest field nesting (introspection not counted).
    pub depth: usize,
    /// Estimated cost (introspection not counted); saturates instead of overflowing.
    pub cost: u64,
    /// Deepest nesting of [`TYPE_TO_TYPE_LISTS`] inside an introspection field.
    pub introspection_lists: usize,
    /// Whether it asks for `__schema` or `__type`.
    pub introspection: bool,
    /// Deepest nesting of [`TYPE_TO_TYPE_LISTS`] along any path (used inside introspection).
    lists_on_path: usize,
}

impl Measure {
    fn add_sibling(&mut self, other: Measure) {
        self.depth = self.depth.max(other.depth);
        self.cost = self.cost.saturating_add(other.cost);
        self.introspection_lists = self.introspection_lists.max(other.introspection_lists);
        self.introspection |= other.introspection;
        self.lists_on_path = self.lists_on_path.max(other.lists_on_path);
    }
}

/// Walks an operation with its fragments inlined. Each fragment is measured once per position
/// (root or not) and its measure reused, so that fragments that spread others twice over
/// (`...B ...B` in A, `...C ...C` in B, and so on) cost a walk of the document, not of the
/// exponentially larger query it stands for; that query's cost then saturates and is refused.
struct Measurer<'a> {
    document: &'a ExecutableDocument,
    registry: &'a Registry,
    variables: &'a Variables,
    sizes: &'a ListSizes,
    memo: HashMap<(&'a str, bool), Measure>,
    in_progress: Vec<&'a str>,
}

impl<'a> Measurer<'a> {
    fn selection_set(
        &mut self,
        set: &'a Positioned<SelectionSet>,
        parent_type: Option<&'a str>,
        at_root: bool,
    ) -> Measure {
        let mut total = Measure::default();
        for selection in &set.node.items {
            let measure = match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let name = field.name.node.as_str();
                    if at_root && (name == "__schema" || name == "__type") {
                        let ty = if name == "__schema" {
                            "__Schema"
                        } else {
                            "__Type"
                        };
                        let inner = self.selection_set(&field.selection_set, Some(ty), false);
                        Measure {
                            introspection: true,
                            introspection_lists: inner.lists_on_path,
                            ..Measure::default()
                        }
                    } else {
                        let (ty, list_size) = self.field_type(parent_type, field);
                        let inner = self.selection_set(&field.selection_set, ty, false);
                        let one = inner.cost.saturating_add(1);
                        Measure {
                            depth: inner.depth + 1,
                            cost: match list_size {
                                Some(size) => one.saturating_mul(size),
                                None => one,
                            },
                            introspection_lists: inner.introspection_lists,
                            introspection: inner.introspection,
                            lists_on_path: inner.lists_on_path
                                + usize::from(TYPE_TO_TYPE_LISTS.contains(&name)),
                        }
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    self.fragment(name, at_root)
                }
                Selection::InlineFragment(inline) => {
                    let ty = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map(|c| c.node.on.node.as_str())
                        .or(parent_type);
                    self.selection_set(&inline.node.selection_set, ty, at_root)
                }
            };
            total.add_sibling(measure);
        }
        total
    }

    fn fragment(&mut self, name: &'a str, at_root: bool) -> Measure {
        if let Some(measure) = self.memo.get(&(name, at_root)) {
            return *measure;
        }
        // Unknown fragments are left to validation; cycles were refused before.
        let Some((key, fragment)) = self.document.fragments.get_key_value(name) else {
            return Measure::default();
        };
        if self.in_progress.contains(&name) {
            return Measure::default();
        }
        self.in_progress.push(name);
        let ty = fragment.node.type_condition.node.on.node.as_str();
        let measure = self.selection_set(&fragment.node.selection_set, Some(ty), at_root);
        self.in_progress.pop();
        self.memo.insert((key.as_str(), at_root), measure);
        measure
    }

    /// The field's named type, and the number of items it is assumed to hold if it is a list.
    fn field_type(
        &self,
        parent_type: Option<&str>,
        field: &'a async_graphql::parser::types::Field,
    ) -> (Option<&'a str>, Option<u64>) {
        let name = field.name.node.as_str();
        let registry: &'a Registry = self.registry;
        let Some(meta) = parent_type
            .and_then(|p| registry.types.get(p))
            .and_then(|t| t.field_by_name(name))
        else {
            // `__typename`, or a field validation will refuse.
            return (None, None);
        };
        let ty = MetaTypeName::concrete_typename(&meta.ty);
        // A connection is a page of items: its whole selection is counted once per item it
        // may hold, so the `edges` and `nodes` inside are not multiplied again.
        let connection = !meta.ty.contains('[') && ty.ends_with("Connection");
        let in_connection = parent_type.is_some_and(|p| p.ends_with("Connection"));
        if (!meta.ty.contains('[') && !connection)
            || (in_connection && matches!(name, "edges" | "nodes"))
        {
            return (Some(ty), None);
        }
        let given = field
            .arguments
            .iter()
            .find(|(arg, _)| matches!(arg.node.as_str(), "limit" | "first" | "last"))
            .and_then(|(_, value)| {
                value
                    .node
                    .clone()
                    .into_const_with(|var: Name| self.variables.get(&var).cloned().ok_or(()))
                    .ok()
            })
            .and_then(|value| match value {
                Value::Number(n) => n.as_u64(),
                _ => None,
            });
        let default = || {
            ["limit", "first", "last"]
                .iter()
                .find_map(|arg| meta.args.get(*arg))
                .and_then(|a| a.default_value.as_deref())
                .and_then(|v| v.parse::<u64>().ok())
        };
        let assumed = if connection {
            as_u64(DEFAULT_PAGE_SIZE)
        } else {
            ASSUMED_LIST_SIZE
        };
        let in_data = || parent_type.and_then(|p| self.sizes.of(p, name));
        let size = given
            .or_else(default)
            .or_else(in_data)
            .unwrap_or(assumed)
            .max(1);
        (Some(ty), Some(size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_counts_tokens_as_the_spec_defines_them() {
        let t = |q: &str| scan(q, 1000).tokens;
        assert_eq!(t(""), 0);
        assert_eq!(t("{ a }"), 3);
        // Commas, whitespace and comments are not tokens.
        assert_eq!(t("{ a, b,,, c } # { d e f }"), 5);
        // `...`, names, numbers, strings, block strings are one token each.
        assert_eq!(t("{ ...F }"), 4);
        assert_eq!(
            t(r#"{ a(x: -1.5e3, y: "s { } \" t", z: """ { "" \""" } """) }"#),
            14
        );
        assert_eq!(t("query Q($v: [Int!]! = [1, 2]) @d { a }"), 22);
        // Unicode in a string is one token; a byte order mark is none.
        assert_eq!(t("\u{feff}{ a(s: \"é ⚽\") }"), 8);
    }

    #[test]
    fn scan_stops_just_past_the_limit() {
        let flood = "{ ".to_owned() + &"a ".repeat(100_000) + "}";
        assert_eq!(scan(&flood, 1000).tokens, 1001);
    }

    #[test]
    fn scan_measures_nesting_outside_strings_and_comments() {
        assert_eq!(scan("{ a { b { c } } }", 1000).max_nesting, 3);
        assert_eq!(scan(r#"{ a(s: "{{{{") # {{{{"#, 1000).max_nesting, 1);
        assert_eq!(scan("{ a(l: [[[1]]]) }", 1000).max_nesting, 4);
        // Unbalanced closers do not go below zero.
        assert_eq!(scan("}}}} { a }", 1000).max_nesting, 1);
    }

    #[test]
    fn aliases_and_directives_are_counted_where_they_stand() {
        let doc = parse_query(
            "query Q($v: Int @d) @d { x: a @include(if: true) { y: b } ...F @skip(if: false) \
             ... on Query @d { z: c } } fragment F on Query @d { w: a }",
        )
        .unwrap();
        assert_eq!(
            count(&doc),
            Counts {
                aliases: 4,
                directives: 6
            }
        );
    }

    #[test]
    fn fragment_cycles_are_found() {
        let cycle = |q: &str| fragment_cycle(&parse_query(q).unwrap());
        assert_eq!(
            cycle("{ ...A } fragment A on Query { ...A }"),
            Some(vec!["A".to_owned(), "A".to_owned()])
        );
        assert_eq!(
            cycle(
                "{ ...A } fragment A on Query { a { ...B } } fragment B on Query { ... { ...A } }"
            ),
            Some(vec!["A".to_owned(), "B".to_owned(), "A".to_owned()])
        );
        // A diamond (A spreads B and C, both spread D) is no cycle.
        assert_eq!(
            cycle(
                "{ ...A } fragment A on Query { ...B ...C } fragment B on Query { ...D } \
                 fragment C on Query { ...D } fragment D on Query { a }"
            ),
            None
        );
        // Unknown fragments are validation's business.
        assert_eq!(cycle("{ ...Nowhere }"), None);
    }

    #[test]
    fn the_defaults_are_graphql_armors_but_depth_and_cost() {
        let d = QueryLimits::DEFAULT;
        assert_eq!(d.max_aliases, 15);
        assert_eq!(d.max_directives, 50);
        assert_eq!(d.max_tokens, 1000);
        assert_eq!(d.max_cost, 50_000);
        assert_eq!(d.max_document_bytes, 16 * 1024);
        assert_eq!(d.nesting_limit(), 32);
    }
}
