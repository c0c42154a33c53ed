//! Statements of a fixed text kept prepared on their connection although diesel would prepare
//! them again every time.
//!
//! Diesel keeps a prepared statement only when it can tell from the statement's type alone that
//! its text never changes: never an UPDATE, an INSERT with an optional column or a `sql_query`.
//! A statement without such a type is looked up in the connection's cache by its text and bind
//! types, so any statement is as safe to keep as its text is fixed: PostgreSQL then parses and
//! plans it once per connection instead of on every call (on an answer's UPDATE and INSERT, half
//! of their time on the server), and SQLite compiles it once. Wrap only statements whose text
//! takes a bounded set of forms (every text stays in the cache of every pooled connection) and
//! whose plan does not depend on the values bound: after a few runs PostgreSQL may keep one
//! generic plan for all of them.
//!
//! The statement is loaded, never executed: diesel hands an executed statement to its cache
//! behind a reference, which asks the statement's parts again, and diesel's parts say no. A
//! write returns a column (`RETURNING`), whose rows count what it changed.

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::{QueryResult, RunQueryDsl};

/// Runs `Q` as a statement its connection keeps prepared (see the module's documentation).
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(pub Q);

impl<Q, DB> QueryFragment<DB> for Prepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}

// No static id: the cache keys the statement by its text, never by this type.
impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for Prepared<Q> {}
