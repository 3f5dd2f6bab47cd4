//! Claim linking and cross-document actor resolution.
//!
//! [`Linker`] gives every statement a claim id shared by the statements
//! (in any article or year) that assert, deny or speculate about the same
//! proposition; [`ActorResolver`] gives one actor id per real-world actor
//! across the corpus. Both are online (one document at a time, deterministic
//! for a given input order) and can resume from their records.

mod actors;
pub mod background;
mod claims;
pub mod embed;
pub mod minhash;
pub mod text;
pub mod verb_classes;
pub mod wordpiece;

pub use actors::{government_of, skeleton, ActorRecord, ActorResolver, ResolvedDoc};
pub use claims::{prepare, ClaimRecord, Linker, LinkerConfig, Prepared};

#[cfg(test)]
mod tests;
