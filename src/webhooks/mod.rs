//! Webhooks: a group's news told to its chat (Discord, Slack, Matrix, Mastodon) or to any
//! receiver as signed JSON. Like mail, a delivery is written in the transaction of the change
//! that causes it ([`events`]), under an idempotency key per (webhook, event, object), and a
//! worker ([`delivery`]) sends it, retrying with backoff; workers in several instances claim
//! rows the way the mail outbox does, so none is sent twice. [`address`] keeps every request
//! away from private and loopback addresses; [`format`] writes each chat's message.

pub mod address;
pub mod delivery;
pub mod events;
pub mod format;
