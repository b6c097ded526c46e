//! The way into the schema for every request, over HTTP and WebSocket alike: the work that
//! belongs to a request, done once per request around async-graphql's execution.
//!
//! async-graphql calls every installed extension around every field and every list item it
//! resolves; with none installed it resolves them directly. So the schema has no extension, and
//! what they did is done here, in this order:
//!
//! 1. **Read** the text: the limits on the text alone and the parse (`Limits::read`), once per
//!    distinct text. The document, or its refusal, is kept in a bounded cache ([`Documents`]),
//!    so a client sending the same query again (what front ends do) is not parsed again.
//! 2. **Admit** the request: its variables and the cost of its operations (`Limits::admit`);
//!    kept with the document when its operations declare no variables.
//! 3. **Execute** the kept document. async-graphql validates it against the schema, except a
//!    document without variables that validated before: it runs on a build of the schema that
//!    skips validation (`ValidationMode::Fast`), as its verdict cannot change. A mutation runs
//!    on a build whose one extension (`writes`) lets it run only for an editor's key, checked
//!    once after validation; writes are few, reads keep the fast path.
//!    A query reads one snapshot of the read model from its first field to its last.
//! 4. **Finish** the answer: async-graphql's own errors get stable codes
//!    (`GRAPHQL_VALIDATION_FAILED`, `OPERATION_RESOLUTION_FAILURE`, ...), and every object's
//!    keys follow the order of its selection set (`order`).

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use async_graphql::futures_util::stream::{self, BoxStream, StreamExt};
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use async_graphql::{
    Data, Executor, Request, Response, ServerError, ServerResult, Value, Variables,
};
use lru::LruCache;

use super::limits::{self, Costs, Limits};
use super::list_sizes::ListSizes;
use super::loader::Pinned;
use super::{order, GoallineSchema};
use crate::read_model::{ReadModel, Snapshot};

/// How many distinct documents are kept read.
const KEPT_DOCUMENTS: usize = 1024;

/// The schema behind the request-level work; cheap to clone.
#[derive(Clone)]
pub struct Gateway(Arc<Inner>);

struct Inner {
    schemas: Schemas,
    /// Where a query's snapshot is taken from (step 3).
    model: Arc<ReadModel>,
    limits: Limits,
    documents: Documents,
    /// The list sizes before the model has a snapshot: none known.
    no_sizes: Arc<ListSizes>,
}

/// The builds of the schema requests run on (see step 3).
pub struct Schemas {
    /// Queries and subscriptions.
    pub reads: GoallineSchema,
    /// Queries whose document is known to be valid whatever the request: no validation.
    pub validated_reads: GoallineSchema,
    /// Mutations: the same schema with the editor's key checked (`writes`).
    pub writes: GoallineSchema,
}

/// A document as read from its text, shared by every request that sends that text.
pub struct Document {
    parsed: ExecutableDocument,
    /// No operation declares variables: what `Limits` says of it depends on the data's list
    /// sizes alone, not on the request.
    no_variables: bool,
    /// What `Limits::measure` said with the list sizes it was measured with, when
    /// `no_variables` (kept until the sizes change with the data).
    admitted: Mutex<Option<(Arc<ListSizes>, ServerResult<Costs>)>>,
    /// The answer, for a document that only asks the schema about itself (`__schema`,
    /// `__type`) and declares no variables: the same for every request, so made once.
    introspected: Option<OnceLock<Value>>,
    /// Set once the document, which declares no variables, passed async-graphql's validation.
    validated: AtomicBool,
}

/// The operation of a document that a request runs.
#[derive(Debug, Clone, Copy)]
pub struct Operation<'d> {
    /// The document's name for it (`query Final { ... }`), none when it is anonymous.
    pub name: Option<&'d str>,
    pub kind: OperationType,
    selection_set: &'d SelectionSet,
}

impl Operation<'_> {
    pub fn is_mutation(&self) -> bool {
        self.kind == OperationType::Mutation
    }
}

impl Document {
    /// The operation a request naming `requested` (or none) runs; none when the document has
    /// no such operation or needs a name (async-graphql then refuses the request).
    pub fn operation(&self, requested: Option<&str>) -> Option<Operation<'_>> {
        let (name, op) = match (&self.parsed.operations, requested) {
            (DocumentOperations::Single(op), None) => (None, op),
            (DocumentOperations::Single(_), Some(_)) => return None,
            (DocumentOperations::Multiple(ops), Some(name)) => {
                let (name, op) = ops.get_key_value(name)?;
                (Some(name.as_str()), op)
            }
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => {
                let (name, op) = ops.iter().next()?;
                (Some(name.as_str()), op)
            }
            (DocumentOperations::Multiple(_), None) => return None,
        };
        Some(Operation {
            name,
            kind: op.node.ty,
            selection_set: &op.node.selection_set.node,
        })
    }

    /// Whether the document is one operation that selects only `__schema`, `__type` and
    /// `__typename` at its root.
    fn introspection_only(&self) -> bool {
        if self.parsed.operations.iter().count() != 1 {
            return false;
        }
        let only = |set: &SelectionSet| {
            set.items.iter().all(|item| match &item.node {
                Selection::Field(field) => field.node.name.node.starts_with("__"),
                _ => false,
            })
        };
        self.parsed
            .operations
            .iter()
            .all(|(_, op)| op.node.ty == OperationType::Query && only(&op.node.selection_set.node))
    }

    /// What an answer tells of the document for the next requests: an introspection answer is
    /// kept, and a document without variables that was not refused has validated.
    fn remember(&self, response: &Response) {
        if let (Some(kept), true) = (&self.introspected, response.is_ok()) {
            let _ = kept.set(response.data.clone());
        }
        if self.no_variables && !refused_before_executing(response) {
            self.validated.store(true, Ordering::Relaxed);
        }
    }

    fn declares_variables(&self) -> bool {
        self.parsed
            .operations
            .iter()
            .any(|(_, op)| !op.node.variable_definitions.is_empty())
    }
}

/// The documents read, by their exact text (error positions are the text's own), least
/// recently used out first.
struct Documents(Mutex<LruCache<String, Arc<ServerResult<Document>>>>);

impl Documents {
    fn new() -> Self {
        let size = NonZeroUsize::new(KEPT_DOCUMENTS).expect("not zero");
        Self(Mutex::new(LruCache::new(size)))
    }

    fn get_or_read(
        &self,
        text: &str,
        read: impl FnOnce() -> ServerResult<Document>,
    ) -> Arc<ServerResult<Document>> {
        if let Some(kept) = self.0.lock().expect("not poisoned").get(text) {
            return Arc::clone(kept);
        }
        let read = Arc::new(read());
        let mut documents = self.0.lock().expect("not poisoned");
        documents.put(text.to_owned(), Arc::clone(&read));
        read
    }
}

impl Gateway {
    pub fn new(schemas: Schemas, model: Arc<ReadModel>, limits: Limits) -> Self {
        Self(Arc::new(Inner {
            schemas,
            model,
            limits,
            documents: Documents::new(),
            no_sizes: Arc::new(ListSizes::default()),
        }))
    }

    /// The schema that runs the request's operation.
    fn schema(&self, document: &Document, request: &Request) -> &GoallineSchema {
        let operation = document.operation(request.operation_name.as_deref());
        let schemas = &self.0.schemas;
        match operation.map(|op| op.kind) {
            Some(OperationType::Mutation) => &schemas.writes,
            _ if document.validated.load(Ordering::Relaxed) => &schemas.validated_reads,
            _ => &schemas.reads,
        }
    }

    /// Whether the read model has its first snapshot: until then queries wait for it.
    pub fn model_built(&self) -> bool {
        self.0.model.latest().is_some()
    }

    /// The document of `text`, read once (step 1), or why it is refused.
    pub fn read(&self, text: &str) -> Arc<ServerResult<Document>> {
        let limits = &self.0.limits;
        self.0.documents.get_or_read(text, || {
            let parsed = limits.read(text)?;
            let mut document = Document {
                parsed,
                no_variables: false,
                admitted: Mutex::new(None),
                introspected: None,
                validated: AtomicBool::new(false),
            };
            document.no_variables = !document.declares_variables();
            if document.no_variables && document.introspection_only() {
                document.introspected = Some(OnceLock::new());
            }
            Ok(document)
        })
    }

    /// Runs a request whose text was read (steps 2 to 4).
    pub async fn run(&self, read: Arc<ServerResult<Document>>, request: Request) -> Response {
        let document = match read.as_ref() {
            Ok(document) => document,
            Err(error) => return Response::from_errors(vec![error.clone()]),
        };
        // A query is measured with the list sizes of the snapshot it will read; a document
        // that asks the schema alone reads none (and costs nothing), so it never waits for one.
        let pinned = match document.introspected {
            Some(_) => None,
            None => self.snapshot_for(document, &request).await,
        };
        let sizes = match &pinned {
            Some(snapshot) => self.list_sizes_of(snapshot),
            None => self.list_sizes(),
        };
        let costs = match self.admit(document, &request, sizes) {
            Ok(costs) => costs,
            Err(error) => return Response::from_errors(vec![error]),
        };
        let operation = request.operation_name.clone();
        if let Some(data) = document.introspected.as_ref().and_then(OnceLock::get) {
            let mut response = Response::new(data.clone());
            self.report_cost(&mut response, &costs, operation.as_deref());
            return response;
        }
        let schema = self.schema(document, &request);
        let mut request = match pinned {
            Some(snapshot) => request.data(Pinned(snapshot)),
            None => request,
        };
        request.set_parsed_query(document.parsed.clone());
        let mut response = schema.execute(request).await;
        self.finish(&mut response, document, operation.as_deref());
        document.remember(&response);
        self.report_cost(&mut response, &costs, operation.as_deref());
        response
    }

    /// `extensions.cost` of an answer that ran: the operation's estimated cost (what the
    /// `maxCost` limit compares) and that limit, so that clients see how close they are.
    fn report_cost(&self, response: &mut Response, costs: &Costs, operation: Option<&str>) {
        if refused_before_executing(response) {
            return;
        }
        let Some(cost) = costs.of(operation) else {
            return;
        };
        let limit = self.0.limits.max_cost();
        let report = async_graphql::indexmap::IndexMap::from([
            (async_graphql::Name::new("estimated"), Value::from(cost)),
            (async_graphql::Name::new("limit"), Value::from(limit)),
        ]);
        response
            .extensions
            .insert("cost".to_owned(), Value::Object(report));
    }

    /// Step 2: the costs of the document's operations, counted with `sizes`, or the refusal.
    fn admit(
        &self,
        document: &Document,
        request: &Request,
        sizes: Arc<ListSizes>,
    ) -> ServerResult<Costs> {
        let limits = &self.0.limits;
        if !document.no_variables {
            return limits.admit(&document.parsed, request, &sizes);
        }
        let mut kept = document.admitted.lock().unwrap_or_else(|e| e.into_inner());
        match &*kept {
            Some((measured_with, verdict)) if Arc::ptr_eq(measured_with, &sizes) => verdict.clone(),
            _ => {
                let verdict = limits.measure(&document.parsed, &Variables::default(), &sizes);
                *kept = Some((sizes, verdict.clone()));
                verdict
            }
        }
    }

    /// The largest size of each list in the data as the last snapshot has them (worked out once
    /// per snapshot); before the first, none, and lists are counted at the assumed size.
    fn list_sizes(&self) -> Arc<ListSizes> {
        match self.0.model.latest() {
            Some(snapshot) => self.list_sizes_of(&snapshot),
            None => Arc::clone(&self.0.no_sizes),
        }
    }

    fn list_sizes_of(&self, snapshot: &Snapshot) -> Arc<ListSizes> {
        snapshot
            .derived::<ListSizes>()
            .unwrap_or_else(|_| Arc::clone(&self.0.no_sizes))
    }

    /// The snapshot a query reads throughout (step 3 pins it). None for other operations,
    /// and when none can be had (the database is away and the model not built yet): each field
    /// then asks and reports the error itself.
    async fn snapshot_for(&self, document: &Document, request: &Request) -> Option<Arc<Snapshot>> {
        let operation = document.operation(request.operation_name.as_deref());
        if !operation.is_some_and(|op| op.kind == OperationType::Query) {
            return None;
        }
        self.0.model.current().await.ok()
    }

    /// Step 4.
    fn finish(&self, response: &mut Response, document: &Document, operation: Option<&str>) {
        if refused_before_executing(response) {
            for error in &mut response.errors {
                self.code_own_error(error);
            }
        }
        if let Some(op) = document.operation(operation) {
            let fragments = &document.parsed.fragments;
            order::reorder(&mut response.data, &[op.selection_set], fragments);
        }
    }

    /// The code of an error async-graphql raised before executing anything: its guards' and
    /// operation choice's (see `Limits`), else validation's.
    fn code_own_error(&self, error: &mut ServerError) {
        self.0.limits.code_own_error(error);
        if error.path.is_empty() {
            limits::set_code(error, limits::codes::GRAPHQL_VALIDATION_FAILED);
        }
    }
}

/// Whether async-graphql refused the request before executing it (validation, its guards, the
/// choice of the operation): it answers those without data, with errors at no path.
fn refused_before_executing(response: &Response) -> bool {
    response.data == Value::Null && response.errors.iter().any(|e| e.path.is_empty())
}

impl Executor for Gateway {
    async fn execute(&self, request: Request) -> Response {
        let read = self.read(&request.query);
        self.run(read, request).await
    }

    /// Subscriptions (and any operation sent over WebSocket), with the connection's data.
    fn execute_stream(
        &self,
        request: Request,
        session: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let gateway = self.clone();
        let answers = async move {
            let read = gateway.read(&request.query);
            let read_once: &ServerResult<Document> = &read;
            let admitted = match read_once {
                Ok(document) => gateway
                    .admit(document, &request, gateway.list_sizes())
                    .map(|_| document),
                Err(error) => Err(error.clone()),
            };
            let document = match admitted {
                Ok(document) => document,
                Err(error) => {
                    return stream::once(async { Response::from_errors(vec![error]) }).boxed()
                }
            };
            let schema = gateway.schema(document, &request).clone();
            let mut request = request;
            request.set_parsed_query(document.parsed.clone());
            let operation = request.operation_name.clone();
            let responses =
                schema.execute_stream_with_session_data(request, session.unwrap_or_default());
            let kept = Arc::clone(&read);
            responses
                .map(move |mut response| {
                    if let Ok(document) = kept.as_ref() {
                        gateway.finish(&mut response, document, operation.as_deref());
                    }
                    response
                })
                .boxed()
        };
        stream::once(answers).flatten().boxed()
    }
}
